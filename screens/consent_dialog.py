"""Register that an employee gave or withdrew consent (§4.4.1): a dated event, never a bare date."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseModal
from poptui.screens.widgets.text_input import Input
from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from poptui import clock
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.models.base import _parse_date
from poptui.models.errors import dutch_summary
from poptui.services import StoreError
from poptui.services.consent import consent_state, current_text, give_consent, withdraw_consent


class ConsentDialog(BaseModal[bool]):
    """Ctrl+G records consent given on the date, F8 records its withdrawal; Esc changes nothing."""

    DEFAULT_CSS = """
    ConsentDialog { align: center middle; }
    ConsentDialog > Vertical { width: 72; max-width: 98%; height: auto; border: thick $accent; padding: 0 1; background: $surface; }
    ConsentDialog Horizontal { height: auto; margin-top: 1; }
    ConsentDialog #consent-date { width: 16; }
    ConsentDialog #consent-error { color: $error; text-style: bold; }
    ConsentDialog .hint { color: $text-muted; }
    """
    BINDINGS: ClassVar = [
        Binding("ctrl+g", "record('given')", _("Gegeven"), priority=True),
        # not Ctrl+W: in a browser-based SSH terminal that closes the tab
        Binding("f8", "record('withdrawn')", _("Ingetrokken"), priority=True),
        Binding("escape", "cancel", _("Annuleren")),
    ]

    def __init__(self, employee_id: str, employee_name: str) -> None:
        super().__init__()
        self.employee_id = employee_id
        self.employee_name = employee_name

    def compose(self) -> ComposeResult:
        state = consent_state(self.database, self.employee_id)
        text = current_text()
        with Vertical():
            yield Static(
                _("Toestemming van {name}: {state}.", name=self.employee_name, state=state.summary()), markup=False
            )
            yield Static(
                _("Huidige toestemmingstekst: versie {version}.", version=text.version), markup=False, classes="hint"
            )
            with Horizontal():
                yield Label(_("Datum "), markup=False)
                yield Input(format_date(clock.today()), placeholder=_("dd/mm/jjjj"), id="consent-date", compact=True)
            yield Static("", id="consent-error", markup=False)
            with Horizontal():
                yield Button(_("Gegeven (Ctrl+G)"), id="given", variant="primary")
                yield Button(_("Ingetrokken (F8)"), id="withdrawn", variant="error")
                yield Button(_("Annuleren (Esc)"), id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cancel":
            self.dismiss(False)
        else:
            self.action_record(str(event.button.id))

    def action_record(self, kind: str) -> None:
        raw = self.query_one("#consent-date", Input).value
        error = self.query_one("#consent-error", Static)
        try:
            day = _parse_date(raw)
            if not hasattr(day, "year"):
                raise ValueError
        except ValueError:
            error.update(_("Dit is geen geldige datum. Schrijf de datum als dd/mm/jjjj."))
            return
        database = self.database
        try:
            if kind == "given":
                give_consent(database, self.employee_id, day)
            else:
                withdraw_consent(database, self.employee_id, day)
        except ValidationError as failure:
            error.update(dutch_summary(failure))
            return
        except StoreError as failure:
            error.update(str(failure))
            return
        self.notify(_("Toestemming geregistreerd.") if kind == "given" else _("Intrekking geregistreerd."))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
