"""A table whose text columns take the width the window has.

Columns are declared once with :class:`Column` (label, key, width, ``grow``). A column is never
wider than its widest cell (or its label): a status column of "Actief" declared 12 wide gives 6
cells away, an empty "Opmerking" column shrinks to its label. The room left over goes to the
columns marked ``grow`` (names, titles, descriptions: the text a coach reads), first to those
whose text does not fit yet, so "Cursus snoeien van hoog…" reads whole at 120 columns and at 80
as far as it can. A cell longer than its column ends in "…"; the full text of a row is one key
away on every screen (Enter opens it).

    table = FittedTable(id="actions", cursor_type="row")
    table.set_columns([Column(_("Wat"), "what", 24, grow=True), Column(_("Tegen"), "deadline", 10)])
    table.add_row(Text(action.what), format_date(action.deadline), key=action.id)

:func:`fit_widths` is the one rule; the row-drawing :class:`~.virtual_table.VirtualTable` of long
lists uses it too (without measuring its thousands of cells).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.widgets import DataTable


class Column(NamedTuple):
    label: str | Text
    """A ``str`` is Textual markup (a translated label); text from data goes in as ``Text``."""
    key: str
    width: int | None = None
    """The width at 80 columns (None: as wide as the widest cell)."""
    grow: bool = False
    """Takes a share of the extra width of a wider window."""


def fit_widths(
    available: int,
    columns: Sequence[Column],
    padding: int = 1,
    content: Sequence[int | None] | None = None,
) -> list[int | None]:
    """The width of each column when the table is ``available`` cells wide.

    ``content`` is the width of each column's widest cell (None: not known). A column is as wide as
    declared, but not wider than its widest cell or label. The room left over goes, one cell at a
    time, to the ``grow`` column that lacks the most to show its widest cell whole; once every one
    fits (or their cells are not known), evenly to all ``grow`` columns. In a narrower window the ``grow`` columns give up width
    (the widest first, down to their label, at least 6), so the table never needs a horizontal
    scrollbar. Columns without a declared width stay automatic (None)."""
    widths: list[int | None] = [column.width for column in columns]
    growing = [index for index, column in enumerate(columns) if column.grow and column.width is not None]
    if not growing or available <= 0:  # no room known yet (before the first layout): as declared
        return widths
    labels = [cell_len(column.label.plain if isinstance(column.label, Text) else column.label) for column in columns]
    needs: list[int | None] = list(content) if content is not None else [None] * len(columns)
    for index, width in enumerate(widths):
        need = needs[index]
        if width is not None and need is not None:
            widths[index] = max(1, min(width, max(need, labels[index])))
    used = sum(width or labels[index] for index, width in enumerate(widths))
    used += 2 * padding * len(columns)
    extra = available - used
    while extra < 0:  # one cell at a time from the widest growing column
        candidates = [index for index in growing if (widths[index] or 0) > max(6, labels[index])]
        if not candidates:
            break
        widest = max(candidates, key=lambda index: widths[index] or 0)
        widths[widest] = (widths[widest] or 0) - 1
        extra += 1
    if extra <= 0:
        return widths

    def lacking(index: int) -> int:
        need = needs[index]
        return need - (widths[index] or 0) if need is not None else 0  # not known: an even share

    turn = 0
    while extra > 0:
        hungry = max(growing, key=lacking)
        if lacking(hungry) > 0:
            widths[hungry] = (widths[hungry] or 0) + 1
        else:  # every text fits: the rest evenly (the first ones get the remainder)
            index = growing[turn % len(growing)]
            widths[index] = (widths[index] or 0) + 1
            turn += 1
        extra -= 1
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


def cell_width(cell: RenderableType) -> int | None:
    """How many cells a text cell needs on one line (None: not text, not measured)."""
    if isinstance(cell, Text):
        return max((cell_len(line) for line in cell.plain.splitlines()), default=0)
    if isinstance(cell, str):
        return cell_len(cell)
    return None


class FittedTable(DataTable[RenderableType]):
    """A DataTable with :class:`Column` declarations; its ``grow`` columns take the room the window
    and the narrower columns leave (see :func:`fit_widths`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._declared: list[Column] = []
        self._applied: list[int | None] = []
        self._content: list[int | None] = []
        """The widest cell of each column so far (None once a cell is not text)."""
        self._refit_pending = False

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Declare the columns (before the first row)."""
        self._declared = list(columns)
        self._content = [0] * len(self._declared)
        self._applied = self._widths()
        for column, width in zip(self._declared, self._applied, strict=True):
            self.add_column(column.label, key=column.key, width=width)

    def _widths(self) -> list[int | None]:
        available = self.scrollable_content_region.width or self.size.width
        return fit_widths(available, self._declared, self.cell_padding, self._content)

    def add_row(self, *cells: RenderableType, **kwargs: Any) -> Any:
        fitted = [fitting(cell) for cell in cells]
        grew = False
        for index, cell in enumerate(fitted[: len(self._content)]):
            known = self._content[index]
            width = cell_width(cell)
            if known is not None and (width is None or width > known):
                self._content[index] = width
                grew = True
        if grew:
            self._refit_later()
        return super().add_row(*fitted, **kwargs)

    def clear(self, columns: bool = False) -> FittedTable:
        super().clear(columns)
        if self._declared and not columns:
            self._content = [0] * len(self._declared)
            self._refit_later()
        return self

    def _refit_later(self) -> None:
        if not self._refit_pending and self._declared:
            self._refit_pending = True
            self.call_later(self._refit)

    def on_resize(self, _event: events.Resize) -> None:
        self._refit()

    def _refit(self) -> None:
        """Apply the widths the window and the cells ask for now, keeping rows and cursor."""
        self._refit_pending = False
        if not self._declared or len(self.columns) != len(self._declared):
            return
        widths = self._widths()
        if widths == self._applied:
            return
        self._applied = widths
        rows = [(row.key, self.get_row(row.key)) for row in self.ordered_rows]
        cursor = self.cursor_coordinate
        super().clear(columns=True)
        for column, width in zip(self._declared, widths, strict=True):
            self.add_column(column.label, key=column.key, width=width)
        for key, cells in rows:
            super().add_row(*cells, key=key.value)
        if rows:
            cursor_column = min(cursor.column, len(self._declared) - 1)
            self.move_cursor(row=min(cursor.row, len(rows) - 1), column=cursor_column, animate=False)
