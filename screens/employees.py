"""The employee list: type to filter, arrows and Enter to open."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from poptui.screens import navigation
from poptui.screens.base import BaseScreen
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.text_input import Input
from poptui.screens.widgets.virtual_table import Column, VirtualTable
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Header, Label, Static

from poptui.i18n import _
from poptui.models import Employee
from poptui.services import directory, organisations
from poptui.services.employees import EmployeeRow, employee_rows

Line = tuple[EmployeeRow, tuple[str, tuple[str, str, str, str]]]
"""An employee's row and its line in the table (id and cells)."""

Columns = tuple[list[str], list[tuple[str, str, str, str]]]
"""Lines as the table takes them: the ids, and the cells of each line."""


@dataclass
class _MadeLines:
    """The table's lines made last (:func:`_table_lines`), kept with the rows they were made from and
    their unfiltered columns (:func:`_unfiltered`), without (False) and with (True) the archived ones."""

    rows: list[EmployeeRow]
    archived_mark: str
    lines: list[Line]
    active: int
    columns: dict[bool, Columns] = field(default_factory=dict)


_made: _MadeLines | None = None


def _table_lines(rows: list[EmployeeRow]) -> tuple[list[Line], int]:
    """The table's lines of ``rows`` and how many are not archived. ``employee_rows`` returns the same
    list while nothing changed, so the lines made for it last are kept for the next open of the list
    (2,000 lines each time otherwise); the lines are never changed, only picked from."""
    global _made
    archived = _(" (archief)")
    if _made is not None and _made.rows is rows and _made.archived_mark == archived:
        return _made.lines, _made.active
    lines = [
        (
            row,
            (
                row.id,
                (
                    row.full_name + archived if row.archived else row.full_name,
                    row.organisation,
                    row.function,
                    row.status,
                ),
            ),
        )
        for row in rows
    ]
    active = sum(1 for row in rows if not row.archived)
    _made = _MadeLines(rows, archived, lines, active)
    return lines, active


def _columns(lines: list[Line]) -> Columns:
    return [line[0] for _row, line in lines], [line[1] for _row, line in lines]


def _unfiltered(lines: list[Line], archived: bool) -> Columns:
    """Every line of ``lines`` (without the archived employees' unless ``archived``), split as the table
    takes them; kept with the lines (:func:`_table_lines`) when they are the lines made last, so the
    list opens again without a pass over every employee (20,000 at the largest organisations)."""
    made = _made if _made is not None and _made.lines is lines else None
    columns = made.columns.get(archived) if made is not None else None
    if columns is None:
        columns = _columns(lines if archived else [line for line in lines if not line[0].archived])
        if made is not None:
            made.columns[archived] = columns
    return columns


class EmployeesScreen(BaseScreen[None]):
    """Target-group employees, of one organisation or all. Type to filter (wherever the focus is:
    letters are text here); Down moves into the list."""

    CSS_PATH = "employees.tcss"
    LETTERS_ARE_TEXT = True
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="employees.back"),
        Binding("enter", "open", _("Openen"), id="employees.open"),
        Binding("down", "to_list", _("Naar de lijst"), show=False, id="employees.to_list"),
        Binding("slash", "to_filter", _("Zoeken"), show=False, id="employees.filter"),
        Binding("f3", "new", _("Nieuw"), id="employees.new"),
        Binding("f4", "import_employees", _("Importeren"), id="employees.import"),
        Binding("f6", "toggle_archived", _("Gearchiveerden"), id="employees.archived"),
    ]

    filter_text: reactive[str] = reactive("")
    show_archived: reactive[bool] = reactive(False)

    def __init__(self, organisation_id: str | None = None) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self._employees: list[EmployeeRow] = []
        self._lines: list[Line] = []
        """Per employee its row of the table, made once per list read (a filter letter only picks)."""
        self._active = 0
        """How many employees are not archived."""
        self._message: str | None = None
        """The message shown instead of the list ("" while the list shows)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filter-row"):
            yield Label(_("Zoeken"), markup=False)
            search = Input(
                placeholder=_("typ een deel van de naam of functie"), id="filter", compact=True, select_on_focus=False
            )
            search.cursor_blink = False  # as in forms: an idle screen sends nothing over SSH
            yield search
        yield Static("", id="filter-hint", markup=False)
        yield Static("", id="employees-empty", classes="empty-state", markup=False)
        yield VirtualTable(
            [
                Column(_("Naam"), 21),
                Column(_("Organisatie"), 17),
                Column(_("Functie"), 18, grow=True),
                Column(_("Traject"), 10),
            ],
            id="employees",
        )
        yield KeyFooter()

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#employees", VirtualTable)

    def on_mount(self) -> None:
        self.load()
        if self._employees:
            self.query_one("#filter", Input).focus()
        else:
            self.table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            self.load()

    # -- data --------------------------------------------------------------------

    def load(self) -> None:
        """Read the list once (from the store's summaries); typing filters it in memory. Only the rows
        on screen are drawn, so a filter letter costs the same at 20 or 20,000 employees."""
        rows = employee_rows(self.database, self.organisation_id)
        if rows is self._employees:
            return  # nothing changed while another screen was open
        self._employees = rows
        self._lines, self._active = _table_lines(rows)
        if self.organisation_id:
            name = organisations.organisation_name(self.database, self.organisation_id)
            self.title = _("Werknemers van {organisation}", organisation=name)
        else:
            self.title = _("Werknemers")
        self.show_rows()

    def _visible(self) -> Columns:
        words = directory.query_words(self.filter_text)
        archived = self.show_archived
        if not words:
            return _unfiltered(self._lines, archived)
        return _columns(
            [
                line
                for line in self._lines
                if (archived or not line[0].archived) and directory.matches_key(words, line[0].search)
            ]
        )

    def show_rows(self) -> None:
        table = self.table
        keys, cells = self._visible()
        table.show_columns(keys, cells, keep=table.cursor_key)
        self._show_state(table.row_count)

    def _show_state(self, shown: int) -> None:
        empty = self.query_one("#employees-empty", Static)
        active = len(self._employees) if self.show_archived else self._active
        if not self._employees:
            message = _("Nog geen werknemers. Druk F3 om er een toe te voegen of F4 om te importeren.")
        elif not active:
            message = _("Alle werknemers zijn gearchiveerd. Druk F6 om ze te tonen of F3 om er een toe te voegen.")
        elif shown == 0:
            message = _(
                "Niemand gevonden voor '{text}'. Wis de zoektekst (Esc) of druk F6 om ook gearchiveerden te tonen.",
                text=self.filter_text,
            )
        else:
            message = ""
        if message != self._message:  # a letter that changes only the count lays nothing out again
            self._message = message
            empty.update(message)
            empty.display = bool(message)
        archived = _(" (met gearchiveerden)") if self.show_archived else ""
        self.query_one("#filter-hint", Static).update(
            _(
                "{shown} van {total} werknemers{archived}. Typ om te zoeken; ↓ naar de lijst, Enter opent.",
                shown=shown,
                total=active,
                archived=archived,
            ),
            layout=False,  # one line, always (employees.tcss)
        )

    def watch_filter_text(self) -> None:
        if self.is_mounted:
            self.show_rows()

    def watch_show_archived(self) -> None:
        if self.is_mounted:
            self.show_rows()

    def selected_id(self) -> str | None:
        return self.table.cursor_key

    # -- keys ----------------------------------------------------------------------

    def letter_target(self) -> Input:
        return self.query_one("#filter", Input)

    def on_key(self, event: events.Key) -> None:
        """Escape empties the search box before it leaves the list."""
        search = self.query_one("#filter", Input)
        if event.key == "escape" and search.value:
            search.value = ""
            search.focus()
            event.stop()
            event.prevent_default()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_open()

    @on(VirtualTable.RowSelected, "#employees")
    def _row_selected(self, event: VirtualTable.RowSelected) -> None:
        navigation.open_employee(self.app, event.row_key)

    def action_open(self) -> None:
        employee_id = self.selected_id()
        if employee_id:
            navigation.open_employee(self.app, employee_id)

    def action_to_list(self) -> None:
        self.table.focus()

    def action_to_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_new(self) -> None:
        from poptui.screens.employee_form import EmployeeForm

        def created(employee: Employee | None) -> None:
            if employee is not None:
                navigation.open_employee(self.app, employee.id)

        self.app.push_screen(EmployeeForm(organisation_id=self.organisation_id), created)

    def action_import_employees(self) -> None:
        from poptui.screens.import_screen import ImportEmployeesScreen

        self.app.push_screen(ImportEmployeesScreen(self.organisation_id))

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
