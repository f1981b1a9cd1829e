"""Organisations: the list, one organisation with its people and their roles, and their forms (§2.4)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from poptui.screens import navigation
from poptui.screens.base import BaseScreen
from poptui.screens.list_screen import Column, ListScreen, Row
from poptui.screens.widgets.fitted_table import FittedTable
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from poptui.screens.widgets.tickbox import TickBox
from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static, TextArea

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import choices, label
from poptui.models import Organisation, OrganisationKind, Person, Role
from poptui.services import directory
from poptui.services.organisations import (
    employee_counts,
    get_organisation,
    get_person,
    persons_of,
    save_organisation,
    save_person,
)


class OrganisationsScreen(ListScreen):
    """All organisations. Enter opens one; F3 adds one."""

    CSS_PATH = "organisations.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="organisations.back"),
        Binding("enter", "open", _("Openen"), show=True, id="organisations.open"),
        Binding("f3", "new", _("Nieuw"), id="organisations.new"),
        Binding("f4", "edit", _("Bewerken"), id="organisations.edit"),
        Binding("f6", "employees", _("Werknemers"), id="organisations.employees"),
    ]
    TABLE_ID = "organisations"
    COLUMNS = (
        Column(_("Naam"), "name", 28, grow=True),
        Column(_("Soort"), "kind", 16),
        Column(_("Contactpersoon"), "contact", 16, grow=True),
        Column(_("Werknemers"), "count", 10),
    )

    def on_mount(self) -> None:
        self.title = _("Organisaties")

    def rows(self) -> Iterable[Row]:
        counts = employee_counts(self.database)
        for organisation in directory.organisations(self.database):
            cells = (
                Text(organisation.name),
                label(organisation.kind),
                Text(organisation.contact_person),
                str(counts.get(organisation.id, 0)),
            )
            yield organisation.id, cells

    def empty_text(self) -> str:
        return _("Nog geen organisaties. Druk F3 om er een toe te voegen.")

    def open_row(self, key: str) -> None:
        navigation.open_organisation(self.app, key)

    def action_open(self) -> None:
        organisation_id = self.selected_or_hint()
        if organisation_id:
            self.open_row(organisation_id)

    def action_new(self) -> None:
        def created(organisation: Organisation | None) -> None:
            if organisation is not None:
                navigation.open_organisation(self.app, organisation.id)

        self.app.push_screen(OrganisationForm(), created)

    def action_edit(self) -> None:
        organisation_id = self.selected_or_hint()
        if organisation_id:
            self.app.push_screen(OrganisationForm(organisation_id))

    def action_employees(self) -> None:
        navigation.open_employees(self.app, self.selected_key())


class OrganisationScreen(BaseScreen[None]):
    """One organisation: its details and the people with a role around POP."""

    CSS_PATH = "organisations.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="organisation.back"),
        Binding("p", "add_person", _("Nieuwe persoon"), id="organisation.add_person"),
        Binding("e", "edit_person", _("Bewerken"), id="organisation.edit_person"),
        Binding("w", "employees", _("Werknemers"), id="organisation.employees"),
        Binding("r", "edit_organisation", _("Organisatie bewerken"), show=False, id="organisation.edit"),
        Binding("i", "import_employees", _("Werknemers importeren"), show=False, id="organisation.import"),
        Binding("u", "hours", _("Uren"), id="organisation.hours"),
        Binding("s", "startup_analysis", _("Opstartanalyse"), show=False, id="organisation.startup"),
        Binding("c", "competences", _("Competenties"), id="organisation.competences"),
        Binding("b", "blank_worksheets", _("Blanco werkbladen"), show=False, id="organisation.blank"),
    ]

    def __init__(self, organisation_id: str) -> None:
        super().__init__()
        self.organisation_id = organisation_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="organisation-details", markup=False)
        yield Static(
            _("r: organisatie bewerken · i: werknemers importeren · c: competenties · Enter: persoon bewerken"),
            classes="hint",
            markup=False,
        )
        yield Static(_("Mensen en hun rollen"), classes="section-title", markup=False)
        yield Static("", id="persons-empty", classes="empty-state", markup=False)
        yield FittedTable(id="persons", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#persons", FittedTable)
        table.set_columns(
            [
                Column(_("Naam"), "name", 26, grow=True),
                Column(_("Rollen"), "roles", 34, grow=True),
                Column(_("Telefoon"), "phone", 14),
            ]
        )
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            self.refresh_data()

    def refresh_data(self) -> None:
        database = self.database
        organisation = get_organisation(database, self.organisation_id)
        self.title = organisation.name
        self.query_one("#organisation-details", Static).update(_details(organisation))
        table = self.query_one("#persons", DataTable)
        selected = _selected_person(table)
        table.clear()
        for person in persons_of(database, self.organisation_id):
            roles = ", ".join(label(role) for role in person.roles) or _("(geen rol)")
            table.add_row(Text(person.full_name), roles, Text(person.phone), key=person.id)
        empty = self.query_one("#persons-empty", Static)
        empty.update(_("Nog niemand. Druk p om een ambassadeur, trainer, coach of werkvloerbegeleider toe te voegen."))
        empty.display = table.row_count == 0
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))

    @on(DataTable.RowSelected, "#persons")
    def _person_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(PersonForm(self.organisation_id, event.row_key.value))

    def action_add_person(self) -> None:
        self.app.push_screen(PersonForm(self.organisation_id))

    def action_edit_person(self) -> None:
        person_id = _selected_person(self.query_one("#persons", DataTable))
        if person_id is None:
            self.notify(_("Er is nog niemand om te bewerken. Druk p om iemand toe te voegen."))
            return
        self.app.push_screen(PersonForm(self.organisation_id, person_id))

    def action_edit_organisation(self) -> None:
        self.app.push_screen(OrganisationForm(self.organisation_id))

    def action_employees(self) -> None:
        navigation.open_employees(self.app, self.organisation_id)

    def action_import_employees(self) -> None:
        from poptui.screens.import_screen import ImportEmployeesScreen

        self.app.push_screen(ImportEmployeesScreen(self.organisation_id))

    def action_hours(self) -> None:
        navigation.open_hours(self.app, self.organisation_id)

    def action_startup_analysis(self) -> None:
        navigation.open_startup_analysis(self.app, self.organisation_id)

    def action_competences(self) -> None:
        navigation.open_competence_dictionary(self.app, self.organisation_id)

    def action_blank_worksheets(self) -> None:
        navigation.print_blank_worksheet(self.app, self.organisation_id)


def _selected_person(table: DataTable[RenderableType]) -> str | None:
    if table.row_count == 0:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def _details(organisation: Organisation) -> Text:
    """Label/value lines; user data goes in as plain text, never as markup."""
    text = Text()
    rows = [
        (_("Soort"), label(organisation.kind)),
        (_("Adres"), ", ".join(line.strip() for line in organisation.address.splitlines() if line.strip())),
        (_("Contactpersoon"), organisation.contact_person),
        (_("Telefoon / e-mail"), " · ".join(part for part in (organisation.phone, organisation.email) if part)),
    ]
    if organisation.guidance_ended_on:
        rows.append((_("Begeleiding afgerond"), format_date(organisation.guidance_ended_on)))
    width = max(len(name) for name, _value in rows) + 1
    for index, (name, value) in enumerate(rows):
        if index:
            text.append("\n")
        text.append(name.ljust(width), style="bold")
        text.append(value or "-")
    return text


class OrganisationForm(FormScreen[Organisation]):
    """Name, kind, address and contact person of an organisation."""

    model = Organisation

    def __init__(self, organisation_id: str | None = None) -> None:
        super().__init__(f"organisation-{organisation_id or 'new'}")
        self.organisation_id = organisation_id
        self.form_title = _("Organisatie bewerken") if organisation_id else _("Nieuwe organisatie")

    def compose_fields(self) -> ComposeResult:
        yield self.field("name", Input(compact=True))
        yield self.field(
            "kind",
            Select(choices(OrganisationKind), allow_blank=False, compact=True, value=OrganisationKind.MAATWERKBEDRIJF),
        )
        yield self.field("address", TextArea(compact=True), help=_("Straat en nummer, postcode en gemeente."))
        yield self.field("contact_person", Input(compact=True))
        yield self.field("phone", Input(compact=True))
        yield self.field("email", Input(compact=True))
        yield self.field(
            "guidance_ended_on",
            Input(placeholder=_("dd/mm/jjjj"), compact=True),
            help=_("Leeg laten zolang de begeleiding van de organisatie loopt."),
        )
        yield self.field(
            "first_pop_within_months",
            Input(placeholder="1", compact=True),
            help=_("Binnen hoeveel maanden na de indiensttreding een POP-traject moet starten (standaard 1)."),
        )

    def initial_values(self) -> dict[str, Any]:
        if self.organisation_id is None:
            return {}
        return get_organisation(self.database, self.organisation_id).model_dump()

    def save_record(self, values: dict[str, Any]) -> Organisation:
        return save_organisation(self.database, values, self.organisation_id)


def role_help(role: Role) -> str:
    """What a role does, beside its tick box: short enough to read whole at 80 columns."""
    return {
        Role.AMBASSADOR: _("stemt de trajecten af op het beleid"),
        Role.TRAINER: _("leert de coaches de methodieken aan"),
        Role.COACH: _("voert de POP-gesprekken met de werknemers"),
        Role.SUPERVISOR: _("geeft zijn kijk in het tussentijds overleg"),
    }[role]


class PersonForm(FormScreen[Person]):
    """A person of the organisation and their roles (one person can have several)."""

    model = Person

    def __init__(self, organisation_id: str, person_id: str | None = None) -> None:
        super().__init__(f"person-{person_id or 'new-' + organisation_id}")
        self.organisation_id = organisation_id
        self.person_id = person_id
        self.form_title = _("Persoon bewerken") if person_id else _("Nieuwe persoon")
        self.form_intro = _("Vink met spatie elke rol aan die deze persoon opneemt.")

    def compose_fields(self) -> ComposeResult:
        yield self.field("first_name", Input(compact=True))
        yield self.field("last_name", Input(compact=True))
        for role in Role:
            yield self.field(f"role_{role.value}", TickBox(role_help(role), compact=True), label=label(role))
        yield self.field("phone", Input(compact=True))
        yield self.field("email", Input(compact=True))
        yield self.field(
            "login",
            Input(compact=True),
            help=_("Alleen voor coaches: hun aanmeldnaam op de computer, zodat poptui hen herkent."),
        )

    def initial_values(self) -> dict[str, Any]:
        if self.person_id is None:
            return {}
        person = get_person(self.database, self.person_id)
        values = person.model_dump()
        values.update({f"role_{role.value}": role in person.roles for role in Role})
        return values

    def save_record(self, values: dict[str, Any]) -> Person:
        roles = [role for role in Role if values.pop(f"role_{role.value}", False)]
        values["roles"] = roles
        return save_person(self.database, values, self.person_id, self.organisation_id)
