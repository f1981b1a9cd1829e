"""Two small dialogs the trajectory screens share: tick several items, and type a reason."""

from __future__ import annotations

from typing import Generic, TypeVar

from poptui.screens.base import BaseModal
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from poptui.i18n import _

T = TypeVar("T")


class ChecklistDialog(BaseModal[list[T] | None], Generic[T]):
    """Tick items with Space or Enter ([x] / [ ], readable without colour); Ctrl+S or F2 confirms,
    Escape cancels."""

    DEFAULT_CSS = """
    ChecklistDialog { align: center middle; }
    ChecklistDialog > Vertical { width: 74; max-width: 98%; height: auto; max-height: 95%;
        border: thick $accent; padding: 0 1; background: $surface; }
    ChecklistDialog OptionList { height: auto; max-height: 16; }
    ChecklistDialog .title { text-style: bold; }
    ChecklistDialog .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s,f2", "confirm", _("Bevestigen"), priority=True),
        Binding("space", "toggle_item", _("Aan/uit"), show=False),
        Binding("escape", "cancel", _("Annuleren")),
    ]

    def __init__(self, title: str, items: list[tuple[str, T, bool]], hint: str = "", empty: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.items = items
        self.checked = [checked for _text, _value, checked in items]
        self.hint = hint or _("Spatie of Enter: aan- of afvinken. Ctrl+S of F2: bevestigen. Esc: annuleren.")
        self.empty = empty

    def _prompt(self, index: int) -> Text:
        return Text(("[x] " if self.checked[index] else "[ ] ") + self.items[index][0])

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            if not self.items and self.empty:
                yield Static(self.empty, markup=False)
            yield OptionList(*(Option(self._prompt(index), id=str(index)) for index in range(len(self.items))))
            yield Static(self.hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._toggle(event.option_index)

    def action_toggle_item(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self._toggle(highlighted)

    def _toggle(self, index: int) -> None:
        self.checked[index] = not self.checked[index]
        self.query_one(OptionList).replace_option_prompt_at_index(index, self._prompt(index))

    @property
    def chosen(self) -> list[T]:
        return [value for index, (_text, value, _checked) in enumerate(self.items) if self.checked[index]]

    def action_confirm(self) -> None:
        self.dismiss(self.chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonDialog(BaseModal[str | None]):
    """Ask for a short text (a reason); Enter confirms when something was typed, Escape cancels."""

    DEFAULT_CSS = """
    ReasonDialog { align: center middle; }
    ReasonDialog > Vertical { width: 70; max-width: 98%; height: auto; border: thick $warning;
        padding: 0 1; background: $surface; }
    ReasonDialog .title { text-style: bold; }
    ReasonDialog .error { color: $error; text-style: bold; }
    ReasonDialog .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", _("Annuleren"))]

    def __init__(self, title: str, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            yield Static(self.question, markup=False)
            yield Input(placeholder=self.placeholder, id="reason")
            yield Static("", classes="error", id="reason-error", markup=False)
            yield Label(_("Enter bevestigt, Esc annuleert."), classes="hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#reason-error", Static).update(_("Vul een reden in."))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
