"""Someone else saved the record while this coach was editing it: reload, or keep my text aside.

Nothing is overwritten silently. The coach's own text is always kept as a named
draft first, whichever they choose:

- "Opnieuw laden" (R): show the other coach's version in the form; the own text
  stays in the draft (see the drafts screen, Ctrl+P "Concepten").
- "Mijn tekst apart houden" (A): keep the own text in the form and show what the
  other coach changed, to take over by hand; saving again then overwrites
  knowingly.
"""

from __future__ import annotations

from poptui.screens.base import BaseModal
from poptui.screens.plain_terminal import mark
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from poptui.i18n import _

RELOAD = "reload"
KEEP = "keep"


class ConflictDialog(BaseModal[str]):
    """Returns :data:`RELOAD` (F5) or :data:`KEEP` (Escape: the safe choice). No letter answers it:
    the coach was typing in the form a moment ago."""

    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog > Vertical { width: 76; max-width: 98%; height: auto; max-height: 95%; border: thick $warning;
                                padding: 0 1; background: $surface; }
    ConflictDialog .title { text-style: bold; }
    ConflictDialog VerticalScroll { height: auto; max-height: 12; }
    ConflictDialog Horizontal { height: auto; align: center middle; }
    ConflictDialog Button { margin: 0 1; }
    """
    LETTERS_ARE_TEXT = True
    BINDINGS = [
        Binding("f5", "choose('reload')", _("Opnieuw laden"), show=False),
        Binding("escape", "choose('keep')", _("Mijn tekst apart houden")),
    ]

    def __init__(self, message: str, differences: list[tuple[str, str, str]], draft_title: str) -> None:
        super().__init__()
        self.message = message
        self.differences = differences
        self.draft_title = draft_title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Iemand anders heeft dit intussen gewijzigd"), classes="title", markup=False)
            yield Static(self.message, markup=False)
            yield Static(_("Je eigen tekst is bewaard als concept '{title}'.", title=self.draft_title), markup=False)
            with VerticalScroll():
                if self.differences:
                    yield Static(_("Verschillen (veld: jouw tekst → versie van de ander):"), markup=False)
                for label, mine, theirs in self.differences:
                    yield Static(
                        f"{mark('bullet')} {label}: {mine or '-'} {mark('arrow')} {theirs or '-'}", markup=False
                    )
            with Horizontal():
                yield Button(_("Opnieuw laden (F5)"), id=RELOAD, variant="primary")
                yield Button(_("Mijn tekst apart houden (Esc)"), id=KEEP)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
