"""Wat ontbreekt voor de registratie: the compliance overview for the ambassadeur and the coach.

One line per problem (:mod:`poptui.services.compliance`); the highlighted line is explained below
the list (what it means and how to fix it, from data/registration.json); Enter opens the record
where it is fixed: the employee, the POP or the contact moment.
"""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens import navigation
from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from poptui import clock
from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.services import directory
from poptui.services.compliance import ComplianceLine, Target, compliance_overview, count_text, problem_text


def open_target(app: App[Any], target: Target) -> None:
    """Open the screen where the problem is fixed."""
    if target.kind == "pop" and target.trajectory_id:
        navigation.open_pop(app, target.trajectory_id)
    elif target.kind == "moment" and target.moment_id:
        navigation.open_contact_moment(app, target.employee_id, target.moment_id)
    else:
        navigation.open_employee(app, target.employee_id)


class ComplianceScreen(BaseScreen[None]):
    """Wat ontbreekt voor de registratie, per werknemer. Enter opent waar je het in orde brengt."""

    CSS_PATH = "compliance.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="compliance.back"),
        Binding("enter", "open_line", _("In orde brengen"), id="compliance.open"),
        Binding("o", "choose_organisation", _("Organisatie"), id="compliance.organisation"),
    ]

    def __init__(self, organisation_id: str | None = None) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.lines: list[ComplianceLine] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(load_catalog().registration.compliance.intro, id="compliance-intro", markup=False)
        yield Static("", id="compliance-filter", markup=False)
        yield FittedTable(id="compliance", cursor_type="row", zebra_stripes=True)
        yield Static("", id="compliance-empty", markup=False)
        yield Static("", id="compliance-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Wat ontbreekt voor de registratie")
        table = self.query_one("#compliance", FittedTable)
        table.set_columns(
            [
                Column(_("Werknemer"), "employee", 19, grow=True),
                Column(_("Organisatie"), "organisation", 13, grow=True),
                Column(_("Wat ontbreekt"), "problem", 28, grow=True),
                Column(_("Sinds"), "since", 10),
            ]
        )
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            self.refresh_data()

    def refresh_data(self) -> None:
        """Work out the overview in a thread (it reads every dossier: seconds at 2,000 employees)."""
        self.query_one("#compliance-filter", Static).update(_("Bezig met nakijken…"))
        self._compute(self.organisation_id)

    @work(thread=True, exclusive=True, group="compliance")
    def _compute(self, organisation_id: str | None) -> None:
        database = self.database
        lines = compliance_overview(database, clock.today(), organisation_id)
        self.app.call_from_thread(self._show_lines, lines)

    def _show_lines(self, lines: list[ComplianceLine]) -> None:
        if not self.is_attached:
            return
        self.lines = lines
        table = self.query_one("#compliance", DataTable)
        keep = table.cursor_row
        table.clear()
        for index, line in enumerate(self.lines):
            table.add_row(
                Text(line.employee),
                Text(line.organisation),
                Text(line.title),
                line.since.strftime("%d/%m/%Y"),
                key=str(index),
            )
        if self.lines:
            table.move_cursor(row=min(keep, len(self.lines) - 1))
        self.query_one("#compliance-filter", Static).update(
            _(
                "{organisation}: {count} · o kiest een organisatie",
                organisation=self._organisation_name(),
                count=count_text(self.lines),
            )
        )
        empty = self.query_one("#compliance-empty", Static)
        empty.update(_("Niets ontbreekt voor de registratie. Alles is in orde."))
        empty.display = not self.lines
        table.display = bool(self.lines)
        self._show_detail()

    def _organisation_name(self) -> str:
        if self.organisation_id is None:
            return _("Alle organisaties")
        for organisation in directory.organisations(self.database):
            if organisation.id == self.organisation_id:
                return organisation.name
        return _("Alle organisaties")

    def _current(self) -> ComplianceLine | None:
        table = self.query_one("#compliance", DataTable)
        if not self.lines or table.cursor_row < 0:
            return None
        return self.lines[min(table.cursor_row, len(self.lines) - 1)]

    def _show_detail(self) -> None:
        detail = self.query_one("#compliance-detail", Static)
        line = self._current()
        detail.display = line is not None
        if line is None:
            return
        explanation, fix = problem_text(line.problem)
        text = Text()
        text.append(f"{line.employee}: {line.title}", style="bold")
        if line.detail:
            text.append(f" ({line.detail})")
        text.append("\n" + explanation + "\n")
        text.append(_("In orde brengen: "), style="bold")
        text.append(fix + " " + _("Enter opent het."))
        detail.update(text)

    @on(DataTable.RowHighlighted, "#compliance")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#compliance")
    def _selected(self) -> None:
        self.action_open_line()

    def action_open_line(self) -> None:
        line = self._current()
        if line is not None:
            open_target(self.app, line.target)

    @work
    async def action_choose_organisation(self) -> None:
        from poptui.screens.dialogs import ChooseDialog

        choices: list[tuple[str, str | None]] = [(_("Alle organisaties"), None)]
        choices += [(organisation.name, organisation.id) for organisation in directory.organisations(self.database)]
        chosen = await self.app.push_screen_wait(
            ChooseDialog(_("Welke organisatie?"), [(Text(name), (value,)) for name, value in choices])
        )
        if chosen is not None:
            self.organisation_id = chosen[0]
            self.refresh_data()
