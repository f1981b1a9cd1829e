"""An organisation's hours beyond the contact hours with the employees (§4.4.4)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from poptui.screens.list_screen import Column, ListScreen, Row
from poptui.screens.print_dialog import print_form
from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from poptui import clock
from poptui.formatting import format_date, format_hours
from poptui.i18n import _
from poptui.labels import choices, label
from poptui.models import HoursEntry, HoursKind
from poptui.services import forms
from poptui.services.hours import (
    HoursTotals,
    coaches,
    delete_entry,
    entries_of,
    get_entry,
    save_entry,
    totals,
)
from poptui.services.organisations import get_organisation
from poptui.services.trainings import person_names


def totals_text(hours_totals: HoursTotals) -> str:
    """'Totaal 6,5 u · Intake 2 u · …' (kinds without hours left out)."""
    parts = [_("Totaal {hours} u", hours=format_hours(hours_totals.total))]
    parts.extend(f"{label(kind)} {format_hours(hours)} u" for kind, hours in hours_totals.per_kind.items() if hours)
    return " · ".join(parts)


class OrganisationHoursScreen(ListScreen):
    """Uren voor een organisatie bovenop de contacturen: intake, begeleiding van de organisatie en de begeleiders."""

    CSS_PATH = "hours.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="hours.back"),
        Binding("f3", "new", _("Nieuw"), id="hours.new"),
        Binding("f4", "edit", _("Bewerken"), id="hours.edit"),
        Binding("f5", "print_hours", _("Afdrukken"), id="hours.print"),
        Binding("delete", "delete", _("Verwijderen"), id="hours.delete"),
    ]
    TABLE_ID = "hours"
    COLUMNS = (
        Column(_("Datum"), "date", 10),
        Column(_("Soort"), "kind", 23),
        Column(_("Uren"), "hours", 5),
        Column(_("Coach"), "coach", 13, grow=True),
        Column(_("Omschrijving"), "description", 14, grow=True),
    )
    HINT = _("Enter bewerkt · F5 drukt het urendocument af om te laten tekenen")

    def __init__(self, organisation_id: str) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.entries: list[HoursEntry] = []

    def compose_below(self) -> ComposeResult:
        yield Static("", id="hours-totals", markup=False)

    def rows(self) -> Iterable[Row]:
        names = person_names(self.database)
        self.entries = entries_of(self.database, self.organisation_id)
        for entry in self.entries:
            cells = (
                format_date(entry.date),
                label(entry.kind),
                format_hours(entry.hours),
                Text(names.get(entry.coach_id or "", "-")),
                Text(" ".join(entry.description.split())),
            )
            yield entry.id, cells

    def after_refresh(self) -> None:
        organisation = get_organisation(self.database, self.organisation_id)
        self.title = _("Uren · {name}", name=organisation.name)
        self.query_one("#hours-totals", Static).update(totals_text(totals(self.entries)))

    def empty_text(self) -> str:
        return _("Nog geen uren voor deze organisatie. Druk F3 om uren toe te voegen.")

    def open_row(self, key: str) -> None:
        self.app.push_screen(HoursForm(self.organisation_id, key))

    def action_new(self) -> None:
        self.app.push_screen(HoursForm(self.organisation_id))

    def action_edit(self) -> None:
        entry_id = self.selected_or_hint()
        if entry_id:
            self.open_row(entry_id)

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
        entry_id = self.selected_or_hint()
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
