"""Who am I? Choose yourself from the known coaches, or add yourself."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseModal
from poptui.screens.widgets.text_input import Input
from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from poptui.i18n import _
from poptui.models import Person
from poptui.models.errors import dutch_summary
from poptui.services import StoreError
from poptui.services.coach import add_coach, choose_coach, coaches, login_name

NEW = "__new__"


class CoachSelectScreen(BaseModal[Person | None]):
    """Shown at start when the login name matches no coach; remembered afterwards."""

    DEFAULT_CSS = """
    CoachSelectScreen { align: center middle; }
    CoachSelectScreen > Vertical { width: 70; max-width: 98%; height: auto; max-height: 95%; border: thick $accent; padding: 0 1; background: $surface; }
    CoachSelectScreen OptionList { height: auto; max-height: 10; }
    CoachSelectScreen #new-coach { height: auto; display: none; }
    CoachSelectScreen #new-coach.-shown { display: block; }
    CoachSelectScreen #new-coach Horizontal { height: auto; }
    CoachSelectScreen #new-coach Horizontal Label { width: 12; }
    CoachSelectScreen #new-coach Input { width: 1fr; }
    CoachSelectScreen .hint { color: $text-muted; }
    CoachSelectScreen #coach-error { color: $error; }
    """
    BINDINGS: ClassVar = [Binding("escape", "skip", _("Overslaan"))]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Wie ben jij? Kies jezelf in de lijst (pijltjes en Enter)."), markup=False)
            yield OptionList(id="coaches")
            with Vertical(id="new-coach"):
                with Horizontal():
                    yield Label(_("Voornaam"), markup=False)
                    yield Input(id="first-name", compact=True)
                with Horizontal():
                    yield Label(_("Achternaam"), markup=False)
                    yield Input(id="last-name", compact=True)
                yield Static("", id="coach-error", markup=False)
                yield Label(_("Enter in het laatste veld bewaart."), classes="hint", markup=False)
            yield Label(
                _("Esc: verder zonder coach te kiezen (je ziet dan alle trajecten)."), classes="hint", markup=False
            )

    def on_mount(self) -> None:
        options = self.query_one("#coaches", OptionList)
        for person in coaches(self.database):
            options.add_option(Option(Text(person.full_name), id=person.id))
        options.add_option(
            Option(Text(_("+ Ik sta er niet in: voeg mij toe als coach ({login})", login=login_name())), id=NEW)
        )
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#coaches")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == NEW:
            self.query_one("#new-coach").add_class("-shown")
            self.query_one("#first-name", Input).focus()
            return
        person = next(p for p in coaches(self.database) if p.id == event.option.id)
        choose_coach(self.database, person)
        self.dismiss(person)

    @on(Input.Submitted, "#first-name")
    def _next_field(self) -> None:
        self.query_one("#last-name", Input).focus()

    @on(Input.Submitted, "#last-name")
    def _add(self) -> None:
        first = self.query_one("#first-name", Input).value
        last = self.query_one("#last-name", Input).value
        try:
            person = add_coach(self.database, first, last)
        except ValidationError as error:
            self.query_one("#coach-error", Static).update(dutch_summary(error, Person))
            return
        except StoreError as error:
            self.query_one("#coach-error", Static).update(str(error))
            return
        self.dismiss(person)

    def action_skip(self) -> None:
        self.dismiss(None)
