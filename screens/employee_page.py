"""One employee: personal data, supervisor, reflection, consent, and all their POP trajectories."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens import navigation
from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import DataTable, Header, Static

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import label
from poptui.services import StoreError
from poptui.services.employees import EmployeeOverview, employee_overview, set_archived
from poptui.services.history import employee_history

LABEL_WIDTH = 15


def _lines(rows: list[tuple[str, str]]) -> Text:
    """Label/value lines; the values (user data) are plain text, never markup."""
    text = Text(no_wrap=True, overflow="ellipsis")  # two columns: a wrapped value would skew them
    for index, (name, value) in enumerate(rows):
        if index:
            text.append("\n")
        text.append(f"{name:<{LABEL_WIDTH}}", style="bold")
        text.append(value or "-")
    return text


class EmployeeScreen(BaseScreen[None]):
    """The employee's page. Enter opens the selected trajectory; t starts a new one."""

    CSS_PATH = "employee_page.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="employee.back"),
        Binding("enter", "open_trajectory", _("Openen"), id="employee.open"),
        Binding("t", "new_trajectory", _("Nieuw traject"), id="employee.new_trajectory"),
        Binding("e", "edit", _("Bewerken"), id="employee.edit"),
        Binding("a", "archive", _("Archiveren"), id="employee.archive"),
        Binding("a", "unarchive", _("Terugzetten"), id="employee.unarchive"),
        Binding("g", "history", _("Geschiedenis"), id="employee.history"),
        Binding("h", "growth", _("Groei competenties"), show=False, id="employee.growth"),
        Binding("k", "print_consent", _("Toestemming afdrukken"), show=False, id="employee.print_consent"),
        Binding("c", "consent", _("Toestemming"), id="employee.consent"),
    ]

    overview: reactive[EmployeeOverview | None] = reactive(None, always_update=True)

    def __init__(self, employee_id: str) -> None:
        super().__init__()
        self.employee_id = employee_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="archived-banner", markup=False)
        with Horizontal(id="employee-details"):
            yield Static("", id="details-left", markup=False)
            yield Static("", id="details-right", markup=False)
        yield Static("", id="remarks", markup=False)
        yield Static(_("POP-trajecten"), classes="section-title", markup=False)
        yield Static("", id="trajectories-empty", classes="empty-state", markup=False)
        yield FittedTable(id="employee-trajectories", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(FittedTable)
        table.set_columns(
            [
                Column(_("Start"), "start", 10),
                Column(_("Variant"), "variant", 12),
                Column(_("Status"), "status", 10),
                Column(_("Soort"), "kind", 29, grow=True),
                Column(_("Gesprek"), "held", 7),
            ]
        )
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            self.refresh_data()

    def refresh_data(self) -> None:
        overview = employee_overview(self.database, self.employee_id)
        self.set_reactive(EmployeeScreen.overview, overview)
        self._show(overview)

    def _show(self, overview: EmployeeOverview) -> None:
        employee = overview.employee
        self.title = employee.full_name
        banner = self.query_one("#archived-banner", Static)
        banner.update(_("Gearchiveerd: deze werknemer staat niet meer in de lijsten. Druk a om terug te zetten."))
        banner.display = employee.archived
        self.query_one("#details-left", Static).update(
            _lines(
                [
                    (_("Organisatie"), overview.organisation.name if overview.organisation else "?"),
                    (_("Functie"), employee.function),
                    (_("Begeleider"), overview.supervisor.full_name if overview.supervisor else _("(geen)")),
                    (_("In dienst"), format_date(employee.start_date) if employee.start_date else _("(onbekend)")),
                ]
            )
        )
        self.query_one("#details-right", Static).update(
            _lines(
                [
                    (_("Reflectie"), label(employee.reflection) if employee.reflection else _("nog niet ingeschat")),
                    (_("Toestemming"), overview.consent),
                    (
                        _("Mijn Loopbaan"),
                        _("account aanwezig") if employee.mijn_loopbaan_account else _("nog geen account"),
                    ),
                ]
            )
        )
        remarks = self.query_one("#remarks", Static)
        remarks.update(_lines([(_("Opmerkingen"), " ".join(employee.remarks.split()))]))
        remarks.display = bool(employee.remarks.strip())
        self._fill_trajectories(overview)
        self.refresh_bindings()

    def _fill_trajectories(self, overview: EmployeeOverview) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for line in reversed(overview.trajectories):  # newest first
            table.add_row(
                line.start_text,
                label(line.trajectory.variant),
                line.status_text,
                line.kind_text,
                f"{line.held}/{line.planned}",
                key=line.trajectory.id,
            )
        empty = self.query_one("#trajectories-empty", Static)
        empty.update(_("Nog geen POP-traject. Druk t om een traject te starten."))
        empty.display = table.row_count == 0

    # -- keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        archived = self.overview is not None and self.overview.employee.archived
        if action == "archive":
            return not archived
        if action == "unarchive":
            return archived
        return True

    def _selected_trajectory(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            navigation.open_trajectory(self.app, event.row_key.value)

    def action_open_trajectory(self) -> None:
        trajectory_id = self._selected_trajectory()
        if trajectory_id:
            navigation.open_trajectory(self.app, trajectory_id)

    def action_new_trajectory(self) -> None:
        overview = self.overview
        if overview is None:
            return
        previous = overview.latest_completed
        previous_id = previous.id if previous else None
        running = overview.running
        if running is None:
            navigation.new_trajectory(self.app, self.employee_id, previous_trajectory_id=previous_id)
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                navigation.new_trajectory(self.app, self.employee_id, previous_trajectory_id=previous_id)

        self.app.push_screen(
            ConfirmDialog(
                _(
                    "{name} heeft al een traject met status {status}. Toch een nieuw traject starten?",
                    name=overview.employee.full_name,
                    status=label(running.status).lower(),
                )
            ),
            answered,
        )

    def action_edit(self) -> None:
        from poptui.screens.employee_form import EmployeeForm

        self.app.push_screen(EmployeeForm(employee_id=self.employee_id))

    def action_archive(self) -> None:
        self._ask_archive(True)

    def action_unarchive(self) -> None:
        self._ask_archive(False)

    def _ask_archive(self, archive: bool) -> None:
        from poptui.screens.dialogs import ConfirmDialog

        overview = self.overview
        if overview is None:
            return
        name = overview.employee.full_name
        if archive:
            question = _(
                "{name} archiveren? De gegevens blijven bewaard, maar {name} verdwijnt uit de lijsten. "
                "Je kunt later terugzetten met a.",
                name=name,
            )
            if overview.running is not None:
                question += " " + _("Let op: er loopt nog een traject.")
        else:
            question = _("{name} terugzetten uit het archief?", name=name)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                set_archived(self.database, self.employee_id, archive)
            except StoreError as error:
                self.notify(str(error), severity="error", timeout=10)
                return
            self.notify(_("{name} is gearchiveerd.", name=name) if archive else _("{name} is teruggezet.", name=name))
            self.refresh_data()

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_growth(self) -> None:
        navigation.open_competence_growth(self.app, self.employee_id)

    def action_history(self) -> None:
        from poptui.screens.dialogs import MessageDialog

        lines = employee_history(self.database, self.employee_id)
        text = "\n".join(str(line) for line in lines) or _("Nog niets geregistreerd.")
        name = self.overview.employee.full_name if self.overview else ""
        self.app.push_screen(MessageDialog(_("Geschiedenis van {name}", name=name), text))

    def action_consent(self) -> None:
        from poptui.screens.consent_dialog import ConsentDialog

        overview = self.overview
        name = overview.employee.full_name if overview else ""

        def recorded(changed: bool | None) -> None:
            if changed:
                self.refresh_data()

        self.app.push_screen(ConsentDialog(self.employee_id, name), recorded)

    def action_print_consent(self) -> None:
        navigation.print_consent(self.app, self.employee_id)
