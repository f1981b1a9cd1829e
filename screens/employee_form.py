"""The form of a target-group employee: personal data, supervisor, reflection ability, consent."""

from __future__ import annotations

from typing import Any

from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from poptui.screens.widgets.tickbox import TickBox
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.labels import choices
from poptui.models import Employee, Level
from poptui.services import directory
from poptui.services.employees import get_employee, save_employee
from poptui.services.organisations import supervisors_of


class EmployeeForm(FormScreen[Employee]):
    """New or existing employee. The supervisor list follows the chosen organisation."""

    model = Employee

    def __init__(self, employee_id: str | None = None, organisation_id: str | None = None) -> None:
        super().__init__(f"employee-{employee_id or 'new'}")
        self.employee_id = employee_id
        self.organisation_id = organisation_id
        self.form_title = _("Werknemer bewerken") if employee_id else _("Nieuwe werknemer")
        self._supervisors_for: str | None = None

    def _start_values(self) -> dict[str, Any]:
        if self.employee_id is None:
            organisation_id = self.organisation_id or directory.only_organisation(self.database)
            return {"organisation_id": organisation_id} if organisation_id else {}
        return get_employee(self.database, self.employee_id).model_dump()

    def compose_fields(self) -> ComposeResult:
        database = self.database
        start = self._start_values()
        organisation_id = start.get("organisation_id")
        self._supervisors_for = organisation_id
        organisations = [
            (Text(organisation.name), organisation.id) for organisation in directory.organisations(database)
        ]
        yield self.field("first_name", Input(compact=True))
        yield self.field("last_name", Input(compact=True))
        yield self.field(
            "organisation_id", Select(organisations, prompt=_("Kies de organisatie"), compact=True, id="organisation")
        )
        yield self.field("function", Input(compact=True))
        yield self.field(
            "supervisor_id",
            Select(
                self._supervisor_options(organisation_id, start.get("supervisor_id")),
                prompt=_("(geen)"),
                compact=True,
                id="supervisor",
            ),
            help=_("Werkvloerbegeleiders voeg je toe bij de organisatie (rol aanvinken)."),
        )
        yield self.field(
            "reflection",
            Select(choices(Level), prompt=_("(nog niet ingeschat)"), compact=True, id="reflection"),
            help=_("Kies een niveau; de uitleg uit het draaiboek verschijnt hier."),
        )
        if self.employee_id is None:  # later changes go through the employee page (consent is a record of events)
            yield self.field(
                "consent_date",
                Input(placeholder=_("dd/mm/jjjj"), compact=True),
                help=_("Wanneer de werknemer het toestemmingsdocument tekende. Leeg = nog niet."),
            )
        yield self.field("mijn_loopbaan_account", TickBox(_("heeft een account op Mijn Loopbaan (VDAB)"), compact=True))
        yield self.field(
            "start_date",
            Input(placeholder=_("dd/mm/jjjj"), compact=True),
            help=_("Binnen een maand na deze datum (of de termijn van de organisatie) start het eerste POP-traject."),
        )
        yield self.field("remarks", TextArea(compact=True))

    def _supervisor_options(self, organisation_id: str | None, current: str | None = None) -> list[tuple[Text, str]]:
        """The organisation's supervisors, plus the current one should they have lost the role since."""
        return [
            (Text(person.full_name), person.id) for person in supervisors_of(self.database, organisation_id, current)
        ]

    def initial_values(self) -> dict[str, Any]:
        return self._start_values()

    @on(Select.Changed, "#organisation")
    def _organisation_changed(self, event: Select.Changed) -> None:
        organisation_id = None if event.value is Select.NULL else str(event.value)
        if organisation_id == self._supervisors_for:
            return
        self._supervisors_for = organisation_id
        supervisor = self.query_one("#supervisor", Select)
        supervisor.set_options(self._supervisor_options(organisation_id))

    @on(Select.Changed, "#reflection")
    def _reflection_changed(self, event: Select.Changed) -> None:
        help_line = self.query_one("#field-reflection .field-help", Static)
        if event.value is Select.NULL:
            help_line.update(_("Kies een niveau; de uitleg uit het draaiboek verschijnt hier."))
        else:
            help_line.update(load_catalog().levels.reflection_levels[Level(str(event.value))])

    def save_record(self, values: dict[str, Any]) -> Employee:
        return save_employee(self.database, values, self.employee_id)
