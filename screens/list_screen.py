"""The base of a screen that is one list of records (organisations, training days, hours ...).

A subclass names its table (``TABLE_ID``) and columns (``COLUMNS``), gives the rows
(:meth:`ListScreen.rows`), the text shown while the list is empty (:meth:`ListScreen.empty_text`)
and what Enter does with a row (:meth:`ListScreen.open_row`). The base composes the screen
(header, hint line, the table, the empty-state line, footer), fills it on mount and on every
return to the screen, keeps the cursor on the same record, and tells the coach what to do when
a key needs a row while there is none (:meth:`ListScreen.selected_or_hint`)::

    class TrainingsScreen(ListScreen):
        TABLE_ID = "trainings"
        COLUMNS = (Column(_("Datum"), "date", 10), Column(_("Titel"), "title", 28))

        def rows(self) -> Iterable[Row]:
            for training in trainings.list_trainings(self.database):
                yield training.id, (format_date(training.date), Text(training.title))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, NamedTuple

from poptui.screens.base import BaseScreen
from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Header, Static

Row = tuple[str, Sequence[RenderableType]]
"""A row: the record's id (the row key) and its cells. User text goes in as ``rich.text.Text``."""


class Column(NamedTuple):
    label: str
    key: str
    width: int | None = None


class ListScreen(BaseScreen[None]):
    """One list of records; Enter opens the highlighted one."""

    TABLE_ID: ClassVar[str]
    """The table's id; the empty-state line is ``#<TABLE_ID>-empty``."""
    COLUMNS: ClassVar[Sequence[Column]]
    HINT: ClassVar[str] = ""
    """A line above the table saying what the keys do (translated), or nothing."""

    # -- to implement --------------------------------------------------------------------

    def rows(self) -> Iterable[Row]:
        """The rows to show, in order."""
        raise NotImplementedError

    def empty_text(self) -> str:
        """What the coach can do while the list is empty (also the hint of a key that needs a row)."""
        raise NotImplementedError

    def open_row(self, key: str) -> None:
        """Enter on a row."""

    def compose_below(self) -> ComposeResult:
        """Widgets under the table (e.g. a totals line)."""
        yield from ()

    def after_refresh(self) -> None:
        """Called after every refill (e.g. to update the totals or the title)."""

    # -- the list --------------------------------------------------------------------------

    @property
    def table(self) -> DataTable[RenderableType]:
        return self.query_one(f"#{self.TABLE_ID}", DataTable)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.HINT:
            yield Static(self.HINT, classes="hint", markup=False)
        yield Static("", id=f"{self.TABLE_ID}-empty", classes="empty-state", markup=False)
        yield DataTable(id=self.TABLE_ID, cursor_type="row", zebra_stripes=True)
        yield from self.compose_below()
        yield Footer()

    def on_mount(self) -> None:
        table = self.table
        for column in self.COLUMNS:
            table.add_column(column.label, key=column.key, width=column.width)
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            self.refresh_data()

    def refresh_data(self) -> None:
        table = self.table
        selected = self.selected_key()
        table.clear()
        for key, cells in self.rows():
            table.add_row(*cells, key=key)
        empty = self.query_one(f"#{self.TABLE_ID}-empty", Static)
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
