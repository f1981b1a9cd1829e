"""An organisation's hours beyond the contact hours with the employees (§4.4.4)."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.print_dialog import print_form
from poptui.screens.widgets.form import FormScreen, format_date
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Select, Static, TextArea

from poptui import clock
from poptui.i18n import _
from poptui.labels import choices, label
from poptui.models import HoursEntry, HoursKind
from poptui.services import forms
from poptui.services.hours import (
    HoursTotals,
    coaches,
    delete_entry,
    entries_of,
    format_hours,
    get_entry,
    save_entry,
    totals,
)
from poptui.services.organisations import get_organisation
from poptui.services.trainings import person_names


def _selected_key(table: DataTable) -> str | None:
    if table.row_count == 0:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def totals_text(hours_totals: HoursTotals) -> str:
    """'Totaal 6,5 u · Intake 2 u · …' (kinds without hours left out)."""
    parts = [_("Totaal {hours} u", hours=format_hours(hours_totals.total))]
    parts.extend(f"{label(kind)} {format_hours(hours)} u" for kind, hours in hours_totals.per_kind.items() if hours)
    return " · ".join(parts)


class OrganisationHoursScreen(BaseScreen[None]):
    """Uren voor een organisatie bovenop de contacturen: intake, begeleiding van de organisatie en de begeleiders."""

    CSS_PATH = "hours.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="hours.back"),
        Binding("n", "new", _("Nieuw"), id="hours.new"),
        Binding("e", "edit", _("Bewerken"), id="hours.edit"),
        Binding("d", "print_hours", _("Afdrukken"), id="hours.print"),
        Binding("x", "delete", _("Verwijderen"), id="hours.delete"),
    ]

    def __init__(self, organisation_id: str) -> None:
        super().__init__()
        self.organisation_id = organisation_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Enter bewerkt · d drukt het urendocument af om te laten tekenen"), classes="hint", markup=False)
        yield Static("", id="hours-empty", classes="empty-state", markup=False)
        yield DataTable(id="hours", cursor_type="row", zebra_stripes=True)
        yield Static("", id="hours-totals", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("Datum"), key="date", width=10)
        table.add_column(_("Soort"), key="kind", width=23)
        table.add_column(_("Uren"), key="hours", width=5)
        table.add_column(_("Coach"), key="coach", width=13)
        table.add_column(_("Omschrijving"), key="description", width=14)
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        database = self.database
        organisation = get_organisation(database, self.organisation_id)
        self.title = _("Uren · {name}", name=organisation.name)
        names = person_names(database)
        entries = entries_of(database, self.organisation_id)
        table = self.query_one(DataTable)
        selected = _selected_key(table)
        table.clear()
        for entry in entries:
            description = " ".join(entry.description.split())
            table.add_row(
                format_date(entry.date),
                label(entry.kind),
                format_hours(entry.hours),
                Text(names.get(entry.coach_id or "", "-")),
                Text(description),
                key=entry.id,
            )
        empty = self.query_one("#hours-empty", Static)
        empty.update(_("Nog geen uren voor deze organisatie. Druk n om uren toe te voegen."))
        empty.display = table.row_count == 0
        self.query_one("#hours-totals", Static).update(totals_text(totals(entries)))
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))

    def _selected_or_hint(self) -> str | None:
        entry_id = _selected_key(self.query_one(DataTable))
        if entry_id is None:
            self.notify(_("Er zijn nog geen uren. Druk n om uren toe te voegen."))
        return entry_id

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.push_screen(HoursForm(self.organisation_id, event.row_key.value))

    def action_new(self) -> None:
        self.app.push_screen(HoursForm(self.organisation_id))

    def action_edit(self) -> None:
        entry_id = self._selected_or_hint()
        if entry_id:
            self.app.push_screen(HoursForm(self.organisation_id, entry_id))

    def action_print_hours(self) -> None:
        database = self.database
        organisation = get_organisation(database, self.organisation_id)
        print_form(
            self.app,
            lambda: forms.export_hours(database, self.organisation_id),
            _("urendocument {name}", name=organisation.name),
            record=organisation,
        )

    def action_delete(self) -> None:
        entry_id = self._selected_or_hint()
        if entry_id is None:
            return
        from poptui.screens.dialogs import confirm_then

        database = self.database
        entry = get_entry(database, entry_id)
        question = _(
            "{hours} u {kind} van {date} verwijderen? Dit kan niet ongedaan gemaakt worden.",
            hours=format_hours(entry.hours),
            kind=label(entry.kind).lower(),
            date=format_date(entry.date),
        )
        confirm_then(self, question, lambda: delete_entry(database, entry_id), _("Uren verwijderd."))


class HoursForm(FormScreen[HoursEntry]):
    """Uren voor de organisatie: datum, soort, uren, POP-coach en wat je deed."""

    model = HoursEntry

    def __init__(self, organisation_id: str, entry_id: str | None = None) -> None:
        super().__init__(f"hours-{entry_id or 'new-' + organisation_id}")
        self.organisation_id = organisation_id
        self.entry_id = entry_id
        self.form_title = _("Uren bewerken") if entry_id else _("Nieuwe uren")

    def compose_fields(self) -> ComposeResult:
        database = self.database
        current = get_entry(database, self.entry_id) if self.entry_id else None
        coach_options = [
            (Text(person.full_name), person.id) for person in coaches(database, current.coach_id if current else None)
        ]
        yield self.field("date", Input(placeholder=_("dd/mm/jjjj"), compact=True))
        yield self.field("kind", Select(choices(HoursKind), prompt=_("(kies de soort)"), compact=True))
        yield self.field("hours", Input(placeholder=_("bv. 1,5"), compact=True), help=_("Bijvoorbeeld 2 of 1,5."))
        yield self.field("coach_id", Select(coach_options, prompt=_("(kies de coach)"), compact=True))
        yield self.field(
            "description",
            TextArea(compact=True),
            help=_("Wat deed je? Bijvoorbeeld: opstartanalyse overlopen met de directie."),
        )

    def initial_values(self) -> dict[str, Any]:
        if self.entry_id is None:
            coach_id = self.coach_id
            known = {person.id for person in coaches(self.database)}
            return {"date": clock.today(), "coach_id": coach_id if coach_id in known else None}
        entry = get_entry(self.database, self.entry_id)
        values = entry.model_dump()
        values["hours"] = format_hours(entry.hours)
        return values

    def save_record(self, values: dict[str, Any]) -> HoursEntry:
        return save_entry(self.database, values, self.organisation_id, self.entry_id)
