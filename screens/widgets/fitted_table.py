"""A table whose text columns take the width the window has.

Columns are declared once with :class:`Column` (label, key, width, ``grow``). At 80 columns every
column has its declared width; in a wider window the columns marked ``grow`` (names, titles,
descriptions: the text a coach reads) share the extra width, so "Cursus snoeien van hoog…"
reads whole at 120 columns. A cell longer than its column ends in "…"; the full text of a row is
one key away on every screen (Enter opens it).

    table = FittedTable(id="actions", cursor_type="row")
    table.set_columns([Column(_("Wat"), "what", 24, grow=True), Column(_("Tegen"), "deadline", 10)])
    table.add_row(Text(action.what), format_date(action.deadline), key=action.id)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.widgets import DataTable


class Column(NamedTuple):
    label: str
    key: str
    width: int | None = None
    """The width at 80 columns (None: as wide as the widest cell)."""
    grow: bool = False
    """Takes a share of the extra width of a wider window."""


def fit_widths(available: int, columns: Sequence[Column], padding: int = 1) -> list[int | None]:
    """The width of each column when the table is ``available`` cells wide: the declared widths,
    plus the room left over shared (evenly, the first ones get the remainder) by the ``grow``
    columns; in a narrower window the ``grow`` columns give up width (down to their label, at
    least 6), so the table never needs a horizontal scrollbar. Columns without a declared width
    stay automatic (None)."""
    widths: list[int | None] = [column.width for column in columns]
    growing = [index for index, column in enumerate(columns) if column.grow and column.width is not None]
    if not growing or available <= 0:  # no room known yet (before the first layout): as declared
        return widths
    used = sum(width or len(column.label) for width, column in zip(widths, columns, strict=True))
    used += 2 * padding * len(columns)
    extra = available - used
    if extra < 0:
        while extra < 0:  # one cell at a time from the widest growing column
            candidates = [index for index in growing if (widths[index] or 0) > max(6, len(columns[index].label))]
            if not candidates:
                break
            widest = max(candidates, key=lambda index: widths[index] or 0)
            widths[widest] = (widths[widest] or 0) - 1
            extra += 1
        return widths
    if extra == 0:
        return widths
    share, remainder = divmod(extra, len(growing))
    for position, index in enumerate(growing):
        width = widths[index]
        assert width is not None
        widths[index] = width + share + (1 if position < remainder else 0)
    return widths


def fitting(cell: RenderableType) -> RenderableType:
    """A text cell that ends in "…" when it is longer than its column."""
    if isinstance(cell, str):
        return Text(cell, overflow="ellipsis", no_wrap=True)
    if isinstance(cell, Text):
        cell = cell.copy()
        cell.overflow = "ellipsis"
        cell.no_wrap = True
    return cell


class FittedTable(DataTable[RenderableType]):
    """A DataTable with :class:`Column` declarations; its ``grow`` columns fill a wider window."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._declared: list[Column] = []
        self._applied: list[int | None] = []

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Declare the columns (before the first row)."""
        self._declared = list(columns)
        self._applied = self._widths()
        for column, width in zip(self._declared, self._applied, strict=True):
            self.add_column(column.label, key=column.key, width=width)

    def _widths(self) -> list[int | None]:
        available = self.scrollable_content_region.width or self.size.width
        return fit_widths(available, self._declared, self.cell_padding)

    def add_row(self, *cells: RenderableType, **kwargs: Any) -> Any:
        return super().add_row(*(fitting(cell) for cell in cells), **kwargs)

    def on_resize(self, _event: events.Resize) -> None:
        if not self._declared:
            return
        widths = self._widths()
        if widths == self._applied:
            return
        self._applied = widths
        rows = [(row.key, self.get_row(row.key)) for row in self.ordered_rows]
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        for column, width in zip(self._declared, widths, strict=True):
            self.add_column(column.label, key=column.key, width=width)
        for key, cells in rows:
            super().add_row(*cells, key=key.value)
        if rows:
            self.move_cursor(row=min(cursor.row, len(rows) - 1), animate=False)
