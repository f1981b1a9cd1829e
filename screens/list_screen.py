"""The base of a screen that is one list of records (organisations, training days, hours ...).

A subclass names its table (``TABLE_ID``) and columns (``COLUMNS``), gives the rows
(:meth:`ListScreen.rows`), the text shown while the list is empty (:meth:`ListScreen.empty_text`)
and what Enter does with a row (:meth:`ListScreen.open_row`). The base composes the screen
(header, search box, hint line, the table, the empty-state line, footer), fills it on mount and
on every return to the screen, keeps the cursor on the same record, and tells the coach what to
do when a key needs a row while there is none (:meth:`ListScreen.selected_or_hint`)::

    class TrainingsScreen(ListScreen):
        TABLE_ID = "trainings"
        COLUMNS = (Column(_("Datum"), "date", 10), Column(_("Titel"), "title", 28, grow=True))

        def rows(self) -> Iterable[Row]:
            for training in trainings.list_trainings(self.database):
                yield training.id, (format_date(training.date), Text(training.title))

Letters are text in a list (see :mod:`poptui.screens.base`): whatever has the focus, a typed
letter goes to the search box, which keeps the rows whose cells hold every typed word (case and
accents ignored); Down goes back to the table, Enter opens the highlighted row, Escape empties
the search box first and leaves the list the next time. A list's own keys are therefore
function keys (by convention F3 new, F4 edit, F5 print), Delete, Enter and Escape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.text_input import Input
from rich.console import RenderableType
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Static

from poptui.i18n import _
from poptui.services import directory

__all__ = ["Column", "ListScreen", "Row"]

Row = tuple[str, Sequence[RenderableType]]
"""A row: the record's id (the row key) and its cells. User text goes in as ``rich.text.Text``."""


def _plain(cell: RenderableType) -> str:
    if isinstance(cell, Text):
        return cell.plain
    return cell if isinstance(cell, str) else ""


class ListScreen(BaseScreen[None]):
    """One list of records with a search box; Enter opens the highlighted one."""

    DEFAULT_CSS = """
    ListScreen .list-search { height: 1; padding: 0 1; }
    ListScreen .list-search Label { width: 8; }
    ListScreen .list-search Input { width: 1fr; }
    """
    LETTERS_ARE_TEXT = True
    TABLE_ID: ClassVar[str]
    """The table's id; the empty-state line is ``#<TABLE_ID>-empty``, the search box ``#<TABLE_ID>-search``."""
    COLUMNS: ClassVar[Sequence[Column]]
    HINT: ClassVar[str] = ""
    """A line above the table saying what the keys do (translated), or nothing."""

    # -- to implement --------------------------------------------------------------------

    def rows(self) -> Iterable[Row]:
        """The rows to show, in order (all of them: the base filters on the search box)."""
        raise NotImplementedError

    def empty_text(self) -> str:
        """What the coach can do while the list is empty (also the hint of a key that needs a row)."""
        raise NotImplementedError

    def open_row(self, key: str) -> None:
        """Enter on a row."""

    def compose_above(self) -> ComposeResult:
        """Widgets between the search box and the table (e.g. a status line)."""
        yield from ()

    def compose_below(self) -> ComposeResult:
        """Widgets under the table (e.g. a totals line, the highlighted row in full)."""
        yield from ()

    def after_refresh(self) -> None:
        """Called after every refill (e.g. to update the totals or the title)."""

    # -- the list --------------------------------------------------------------------------

    @property
    def table(self) -> FittedTable:
        return self.query_one(f"#{self.TABLE_ID}", FittedTable)

    @property
    def search(self) -> Input:
        return self.query_one(f"#{self.TABLE_ID}-search", Input)

    def letter_target(self) -> Input | None:
        return self.search

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(classes="list-search"):
            yield Label(_("Zoeken"), markup=False)
            yield Input(
                placeholder=_("typ om te zoeken"), id=f"{self.TABLE_ID}-search", compact=True, select_on_focus=False
            )
        if self.HINT:
            yield Static(self.HINT, classes="hint", markup=False)
        yield from self.compose_above()
        yield Static("", id=f"{self.TABLE_ID}-empty", classes="empty-state", markup=False)
        yield FittedTable(id=self.TABLE_ID, cursor_type="row", zebra_stripes=True)
        yield from self.compose_below()
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.table
        table.set_columns(self.COLUMNS)
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            self.refresh_data()

    def refresh_data(self) -> None:
        table = self.table
        selected = self.selected_key()
        table.clear()
        query = self.search.value.strip()
        total = 0
        for key, cells in self.rows():
            total += 1
            if query and not directory.matches(query, *(_plain(cell) for cell in cells)):
                continue
            table.add_row(*cells, key=key)
        empty = self.query_one(f"#{self.TABLE_ID}-empty", Static)
        if table.row_count == 0 and total:
            empty.update(_("Niets gevonden voor '{text}'. Esc wist de zoektekst.", text=query))
        else:
            empty.update(self.empty_text() if table.row_count == 0 else "")
        empty.display = table.row_count == 0
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        self.after_refresh()

    def selected_key(self) -> str | None:
        """The id of the highlighted record, or None while the list is empty."""
        table = self.table
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def selected_or_hint(self) -> str | None:
        """The highlighted record's id; while the list is empty, say what to do instead."""
        key = self.selected_key()
        if key is None:
            self.notify(self.empty_text())
        return key

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == self.TABLE_ID and event.row_key.value:
            self.open_row(event.row_key.value)

    # -- the search box ----------------------------------------------------------------------

    @on(Input.Changed)
    def _search_changed(self, event: Input.Changed) -> None:
        if event.input.id == f"{self.TABLE_ID}-search":
            self.refresh_data()

    @on(Input.Submitted)
    def _search_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == f"{self.TABLE_ID}-search":
            key = self.selected_key()
            if key is not None:
                self.open_row(key)

    def on_key(self, event: events.Key) -> None:
        """In the search box: Down goes to the table; Escape empties the box before it leaves."""
        if self.focused is not self.search:
            if event.key == "escape" and self.search.value:
                self.search.value = ""
                event.stop()
                event.prevent_default()
            return
        if event.key == "down":
            self.table.focus()
            event.stop()
            event.prevent_default()
        elif event.key == "escape" and self.search.value:
            self.search.value = ""
            self.table.focus()
            event.stop()
            event.prevent_default()
