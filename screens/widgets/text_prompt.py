"""A small modal asking for one line of text (a new action, an idea, a remark)."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseModal
from poptui.screens.widgets.text_input import Input
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from poptui.i18n import _


class TextPromptDialog(BaseModal[str | None]):
    """Type a line and press Enter; Escape cancels (returns None)."""

    DEFAULT_CSS = """
    TextPromptDialog { align: center middle; }
    TextPromptDialog > Vertical { width: 70; max-width: 95%; height: auto; border: thick $accent;
                                  padding: 0 1; background: $surface; }
    TextPromptDialog .hint { color: $text-muted; }
    TextPromptDialog #prompt-error { color: $error; text-style: bold; }
    """
    BINDINGS: ClassVar = [Binding("escape", "cancel", _("Annuleren"))]

    def __init__(
        self, title: str, value: str = "", *, placeholder: str = "", allow_empty: bool = False, max_length: int = 2000
    ) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.allow_empty = allow_empty
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input", max_length=self.max_length)
            yield Label("", id="prompt-error", markup=False)
            yield Label(_("Enter bewaart, Esc annuleert."), classes="hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text and not self.allow_empty:
            self.query_one("#prompt-error", Label).update(_("Typ eerst iets, of druk Esc."))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
