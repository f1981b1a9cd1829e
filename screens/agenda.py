"""The agenda: the planned contact moments of the coach's employees, overdue first, then today,
this week and next week. Enter opens the contact moment (to record it, or to prepare it)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from poptui.screens import navigation
from poptui.screens.list_screen import Column, ListScreen, Row
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from poptui import clock
from poptui.formatting import format_date, format_day, format_time
from poptui.i18n import _
from poptui.labels import label
from poptui.methods_registry import method_name
from poptui.services.agenda import Agenda, Appointment, agenda


class AgendaScreen(ListScreen):
    """Agenda: je afspraken van vandaag, deze week en volgende week; wat te laat is eerst."""

    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="agenda.back"),
        Binding("enter", "open", _("Openen"), id="agenda.open"),
        Binding("f6", "toggle_all", _("Alle/mijn"), id="agenda.all"),
    ]
    TABLE_ID = "agenda"
    COLUMNS = (
        Column(_("Wanneer"), "day", 10),
        Column(_("Uur"), "time", 5),
        Column(_("Werknemer"), "employee", 20, grow=True),
        Column(_("Nr"), "number", 2),
        Column(_("Fase"), "phase", 10),
        Column(_("Methodieken"), "methods", 16, grow=True),
    )

    def __init__(self) -> None:
        super().__init__()
        self.show_all = False
        self.agenda: Agenda | None = None

    def compose_below(self) -> ComposeResult:
        yield Static("", id="agenda-summary", classes="hint", markup=False)

    def rows(self) -> Iterable[Row]:
        coach_id = None if self.show_all else self.coach_id
        today = clock.today()
        self.agenda = agenda(self.database, coach_id, today)
        for group, when in (
            (self.agenda.overdue, _("te laat")),
            (self.agenda.today_items, ""),
            (self.agenda.this_week, ""),
            (self.agenda.next_week, ""),
        ):
            for item in group:
                yield item.moment.id, self._cells(item, when, today)

    @staticmethod
    def _cells(item: Appointment, overdue: str, today: date) -> tuple[Text | str, ...]:
        moment = item.moment
        return (
            format_date(item.day) if overdue else format_day(item.day, today),
            format_time(item.start) or "–",
            Text(item.employee.full_name),
            str(moment.number),
            overdue or label(moment.phase),
            Text(", ".join(method_name(kind) for kind in moment.methods) or "–"),
        )

    def after_refresh(self) -> None:
        self.title = _("Agenda")
        self.sub_title = _("alle coaches") if self.show_all or self.coach is None else None
        found = self.agenda
        if found is None:
            return
        self.query_one("#agenda-summary", Static).update(
            _(
                "Te laat: {overdue} · vandaag: {today} · deze week: {week} · volgende week: {next}. "
                "Enter opent het contactmoment.",
                overdue=len(found.overdue),
                today=len(found.today_items),
                week=len(found.this_week),
                next=len(found.next_week),
            )
        )

    def empty_text(self) -> str:
        return _(
            "Geen afspraken tot het einde van volgende week. Een contactmoment krijgt een datum in zijn "
            "formulier (of als volgende afspraak van het vorige gesprek)."
        )

    def open_row(self, key: str) -> None:
        found = self.agenda
        if found is None:
            return
        for group in (found.overdue, found.today_items, found.this_week, found.next_week):
            for item in group:
                if item.moment.id == key:
                    navigation.open_contact_moment(self.app, item.employee.id, key)
                    return

    def action_open(self) -> None:
        key = self.selected_or_hint()
        if key is not None:
            self.open_row(key)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all
        self.refresh_data()
