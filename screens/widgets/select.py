"""Textual's Select, saying "Kies…" (translated) instead of "Select" while nothing is chosen, and
drawing its arrow in ASCII on the Linux console. Screens use this one, not Textual's."""

from __future__ import annotations

from typing import Any

from poptui.screens.plain_terminal import ascii_mode
from textual.widgets import Select as TextualSelect
from textual.widgets._select import SelectType

from poptui.i18n import _


class Select(TextualSelect[SelectType]):
    def __init__(self, *args: Any, prompt: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, prompt=_("Kies…") if prompt is None else prompt, **kwargs)

    def on_mount(self) -> None:
        if ascii_mode():
            for arrow, plain in ((".down-arrow", "v"), (".up-arrow", "^")):
                for static in self.query(arrow):
                    static.update(plain)  # type: ignore[attr-defined]
