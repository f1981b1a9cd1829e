"""The first run: a new, empty database welcomes the coach and offers two ways in.

- **Start met mijn organisatie** (s): three ordinary forms in a row, each saying which step it
  is: the organisation, me as coach (the coach role and my login already filled in), my first
  employee. Escape on the first step comes back here; later steps keep what was saved, and the
  home screen says what to do next.
- **Demo bekijken** (d): the demo database in its own folder (never the real database), with
  DEMO in the header on every screen.
"""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.base import BaseScreen, poptui_app
from poptui.screens.employee_form import EmployeeForm
from poptui.screens.organisations import OrganisationForm, PersonForm
from poptui.screens.widgets.footer import KeyFooter
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from poptui.i18n import _
from poptui.locations import demo_database_path
from poptui.models import Employee, Organisation, Person, Role
from poptui.services import StoreError
from poptui.services.coach import choose_coach, identify_coach, login_name
from poptui.services.onboarding import open_demo_database

START = "start"
DEMO = "demo"


class WelcomeScreen(BaseScreen[None]):
    """Welkom: wat poptui doet, en kies hoe je begint."""

    CSS_PATH = "welcome.tcss"
    BINDINGS: ClassVar = [
        Binding("s", "start", _("Start met mijn organisatie"), id="welcome.start"),
        Binding("d", "demo", _("Demo bekijken"), id="welcome.demo"),
        Binding("escape", "later", _("Later"), id="welcome.later"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="welcome-box"):
            yield Static(_("Welkom bij poptui"), id="welcome-title", markup=False)
            yield Static(
                _(
                    "Met poptui begeleid je werknemers naar een persoonlijk ontwikkelingsplan.\n"
                    "Je noteert contactmomenten, methodieken en acties, en drukt alles af op A4.\n"
                    "Alles werkt met het toetsenbord; F1 legt elk scherm uit."
                ),
                id="welcome-text",
                markup=False,
            )
            yield OptionList(
                Option(_("s  Start met mijn organisatie (organisatie, ik als coach, een werknemer)"), id=START),
                Option(_("d  Demo bekijken: fictieve gegevens in een aparte map, om rond te kijken"), id=DEMO),
                id="welcome-choices",
            )
            yield Static(
                _("Pijltjes en Enter kiezen. Tot je iets bewaart, blijft je database leeg."),
                classes="hint",
                markup=False,
            )
            yield Static("", id="welcome-problem", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#welcome-choices", OptionList).highlighted = 0
        self.query_one("#welcome-choices", OptionList).focus()

    @on(OptionList.OptionSelected, "#welcome-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == START:
            self.action_start()
        elif event.option.id == DEMO:
            self.action_demo()

    def action_later(self) -> None:
        self.dismiss(None)

    def action_demo(self) -> None:
        try:
            database = open_demo_database(demo_database_path(), self.database.path)
        except StoreError as error:
            self.query_one("#welcome-problem", Static).update(str(error))
            return
        self.dismiss(None)
        poptui_app(self.app).use_database(database, demo=True)
        self.notify(
            _("Dit is de demodatabase met fictieve gegevens. Je eigen database blijft apart en leeg."), timeout=8
        )

    @work(exclusive=True)
    async def action_start(self) -> None:
        """Organisation, me as coach, my first employee: each step an ordinary form."""
        form = OrganisationForm()
        form.form_intro = _("Stap 1 van 3: je organisatie. Alleen de naam is nodig; de rest kan later.")
        organisation: Organisation | None = await self.app.push_screen_wait(form)
        if organisation is None:
            return  # back on the welcome: the database is still empty
        coach: Person | None = identify_coach(self.database)
        if coach is None:
            coach = await self.app.push_screen_wait(FirstCoachForm(organisation.id))
            if coach is None:
                self._leave(_("Je organisatie is bewaard. Voeg jezelf later toe als coach: o, de organisatie, p."))
                return
        choose_coach(self.database, coach)
        poptui_app(self.app).set_coach(coach)
        employee_form = EmployeeForm(organisation_id=organisation.id)
        employee_form.form_intro = _("Stap 3 van 3: je eerste werknemer. Een naam is genoeg; de rest kan later.")
        employee: Employee | None = await self.app.push_screen_wait(employee_form)
        if employee is None:
            self._leave(_("Voeg je eerste werknemer later toe met w (Werknemers) en n."))
            return
        self._leave(
            _(
                "Klaar: {organisation}, jij als coach en {employee}. Druk n om het eerste POP-traject te starten.",
                organisation=organisation.name,
                employee=employee.full_name,
            )
        )

    def _leave(self, message: str) -> None:
        self.dismiss(None)
        self.notify(message, timeout=12)


class FirstCoachForm(PersonForm):
    """Step 2: the person form with the coach role and my login name filled in."""

    def __init__(self, organisation_id: str) -> None:
        super().__init__(organisation_id)
        self.form_title = _("Jij als coach")
        self.form_intro = _("Stap 2 van 3: jij als coach. Typ je naam; rol en aanmeldnaam staan al klaar.")

    def initial_values(self) -> dict[str, Any]:
        return {f"role_{Role.COACH.value}": True, "login": login_name()}
