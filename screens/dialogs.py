"""Small modal dialogs: confirm, save-or-discard, choose from a list, show a message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from poptui.screens.base import BaseModal
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from poptui.i18n import _
from poptui.services import StoreError

T = TypeVar("T")


class ConfirmDialog(BaseModal[bool]):
    """A yes/no question. Enter answers yes (the focused button), Escape answers no; J and N too,
    except over a screen where letters are text (the coach may still be typing there)."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 60; max-width: 95%; height: auto; border: thick $accent; padding: 1 2; background: $surface; }
    ConfirmDialog Horizontal { height: auto; align: center middle; margin-top: 1; }
    ConfirmDialog Button { margin: 0 1; }
    """
    BINDINGS = [
        Binding("j,y", "answer(True)", _("Ja"), show=False),
        Binding("n", "answer(False)", _("Nee"), show=False),
        Binding("escape", "answer(False)", _("Annuleren")),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes = yes or _("Ja")
        self.no = no or _("Nee")

    def compose(self) -> ComposeResult:
        letters = not self.letters_are_text()
        with Vertical():
            yield Static(self.question, markup=False)
            with Horizontal():
                yield Button(f"{self.yes} (J)" if letters else f"{self.yes} (Enter)", id="yes", variant="primary")
                yield Button(f"{self.no} (N)" if letters else f"{self.no} (Esc)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class SaveChangesDialog(BaseModal[str]):
    """Leaving a changed form: save, discard, or stay. Returns 'save', 'discard' or 'stay'.

    No letter answers it: the coach was typing a moment ago, and a letter typed on must not throw
    the text away. Enter saves (the focused button), Ctrl+D discards, Escape stays."""

    DEFAULT_CSS = """
    SaveChangesDialog { align: center middle; }
    SaveChangesDialog > Vertical { width: 64; max-width: 95%; height: auto; border: thick $warning; padding: 1 2; background: $surface; }
    SaveChangesDialog Horizontal { height: auto; align: center middle; margin-top: 1; }
    SaveChangesDialog Button { margin: 0 1; }
    """
    LETTERS_ARE_TEXT = True
    BINDINGS = [
        Binding("ctrl+s,f2", "choose('save')", _("Opslaan"), show=False, priority=True),
        Binding("ctrl+d", "choose('discard')", _("Niet opslaan"), show=False),
        Binding("escape", "choose('stay')", _("Blijven")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(_("Je hebt wijzigingen die nog niet zijn opgeslagen. Wil je ze opslaan?"), markup=False)
            with Horizontal():
                yield Button(_("Opslaan (Enter)"), id="save", variant="primary")
                yield Button(_("Niet opslaan (Ctrl+D)"), id="discard", variant="error")
                yield Button(_("Blijven (Esc)"), id="stay")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ChooseDialog(BaseModal[T | None], Generic[T]):
    """Choose one item from a list with arrows and Enter; Escape cancels."""

    DEFAULT_CSS = """
    ChooseDialog { align: center middle; }
    ChooseDialog > Vertical { width: 70; max-width: 95%; height: auto; max-height: 90%; border: thick $accent; padding: 0 1; background: $surface; }
    ChooseDialog OptionList { height: auto; max-height: 16; }
    ChooseDialog .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", _("Annuleren"))]

    def __init__(self, title: str | Text, choices: Sequence[tuple[str | Text, T]], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint or _("Kies met de pijltjes en Enter. Esc annuleert.")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, markup=False)
            yield OptionList(
                *(
                    Option(Text(label) if isinstance(label, str) else label, id=str(index))
                    for index, (label, _value) in enumerate(self.choices)
                )
            )
            yield Static(self.hint, classes="hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


class MessageDialog(BaseModal[None]):
    """A longer text to read (guidance, a list of problems); Escape or Enter closes it."""

    DEFAULT_CSS = """
    MessageDialog { align: center middle; }
    MessageDialog > Vertical { width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $accent; padding: 0 1; background: $surface; }
    MessageDialog VerticalScroll { height: auto; max-height: 16; }
    MessageDialog .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape,enter", "close", _("Sluiten"))]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll

        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            with VerticalScroll():
                yield Static(self.text, markup=False)
            yield Label(_("Enter of Esc sluit dit venster. Pijltjes scrollen."), classes="hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)


def confirm_then(screen: Screen, question: str, action: Callable[[], object], done: str = "") -> None:
    """Ask ``question``; on yes run ``action`` (a service call), say ``done`` and refresh the screen.

    A refused save or delete (a :class:`StoreError`) is shown in Dutch and changes nothing.
    """

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            action()
        except StoreError as error:
            screen.notify(str(error), severity="error", timeout=10)
            return
        if done:
            screen.notify(done)
        refresh = getattr(screen, "refresh_data", None)
        if callable(refresh):
            refresh()

    screen.app.push_screen(ConfirmDialog(question), answered)
