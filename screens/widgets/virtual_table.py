"""A table that draws only the rows on screen: a list of thousands costs what twenty rows cost.

Textual's ``DataTable`` measures and stores every row as it is added: at 2,000 employees
filling it took seconds, and each filter letter refilled it. :class:`VirtualTable` keeps the
rows as plain data and draws a line when the terminal shows it (``ScrollView.render_line``),
so filling, filtering and scrolling cost the same for 20 or 20,000 rows.

It looks and behaves like a ``DataTable`` with ``cursor_type="row"`` and zebra stripes:
a header line that stays put, one highlighted row, Up/Down/PageUp/PageDown/Home/End, Enter
(or a click on the highlighted row) posts :class:`VirtualTable.RowSelected`. Columns have a
fixed width; cells are ``str`` or ``rich.text.Text`` and always shown as text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from poptui.screens.widgets.fitted_table import Column as FittedColumn
from poptui.screens.widgets.fitted_table import fit_widths
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Cell = str | Text


class Column(NamedTuple):
    label: str
    width: int
    grow: bool = False
    """Takes a share of the room the window has beyond every column's width."""


class VirtualTable(ScrollView, can_focus=True):
    """Rows of fixed-width columns, drawn only where they show; one row is highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--cursor",
        "virtual-table--even-row",
        "virtual-table--odd-row",
    }
    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .virtual-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .virtual-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .virtual-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .virtual-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, init=False)

    class RowMessage(Message):
        """Something happened to a row: which table, the row's key and its index."""

        def __init__(self, table: VirtualTable, row_key: str, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.row_key = row_key
            self.cursor_row = cursor_row

        @property
        def control(self) -> VirtualTable:
            return self.table

    class RowHighlighted(RowMessage):
        """The highlighted row changed."""

    class RowSelected(RowMessage):
        """Enter (or a click) on the highlighted row."""

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.columns = list(columns)
        self._keys: Sequence[str] = []
        self._cells: Sequence[Sequence[Cell]] = []
        self._index: dict[str, int] | None = None
        self._widths_for: tuple[int, list[int]] | None = None
        """The column widths for the last width asked (every line drawn asks)."""
        self._line_styles: dict[str, Style] = {}
        """The style of each kind of line (the widget's own plus its component's), worked out once per
        change of the styles (:meth:`notify_style_update`): ``rich_style`` walks every ancestor's styles
        and each line asked it (a third of the time the table took to draw)."""

    # -- the rows ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[tuple[str, Sequence[Cell]]], *, keep: str | None = None) -> None:
        """Show ``rows`` (key, cells); the cursor goes to the row with key ``keep`` when it is there."""
        self.show_columns([key for key, _cells in rows], [cells for _key, cells in rows], keep=keep)

    def show_columns(self, keys: Sequence[str], cells: Sequence[Sequence[Cell]], *, keep: str | None = None) -> None:
        """:meth:`set_rows` with the keys and the cells in two sequences of the same length, shown as they are
        (never changed here: a screen may keep them and show them again without copying them)."""
        self._keys = keys
        self._cells = cells
        self._index = None
        self._size_to_rows()
        target = self.get_row_index(keep) if keep is not None and keep in self.row_keys else 0
        self.set_reactive(VirtualTable.cursor_row, self._clamp(target))
        self._scroll_to_cursor()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def row_keys(self) -> dict[str, int]:
        """Row index by key."""
        if self._index is None:
            self._index = {key: index for index, key in enumerate(self._keys)}
        return self._index

    def get_row_index(self, key: str) -> int:
        return self.row_keys[key]

    def get_row_at(self, index: int) -> list[Cell]:
        return list(self._cells[index])

    @property
    def cursor_key(self) -> str | None:
        """The key of the highlighted row, or None while there are no rows."""
        return self._keys[self.cursor_row] if self._keys else None

    def move_cursor(self, row: int) -> None:
        self.cursor_row = self._clamp(row)

    def _clamp(self, row: int) -> int:
        return max(0, min(row, len(self._keys) - 1))

    # -- keys and mouse ---------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 2)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._keys) - 1)

    def action_select_cursor(self) -> None:
        if self._keys:
            self.post_message(self.RowSelected(self, self._keys[self.cursor_row], self.cursor_row))

    async def _on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y) + event.y - 1
        if event.y < 1 or not 0 <= row < len(self._keys):
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if self._keys:
            self.post_message(self.RowHighlighted(self, self._keys[new], new))

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def _size_to_rows(self) -> None:
        self.virtual_size = Size(sum(width + 2 for width in self.column_widths()), len(self._keys) + 1)

    def _on_resize(self, event: events.Resize) -> None:
        self._size_to_rows()
        self._scroll_to_cursor()

    # -- drawing ----------------------------------------------------------------------------------

    def column_widths(self) -> list[int]:
        """Each column's width now, by the one rule of every table (:func:`fit_widths`): its own,
        plus a share of the spare room for the growing ones (less, down to their label, in a
        narrower window)."""
        available = self.scrollable_content_region.width
        if self._widths_for is None or self._widths_for[0] != available:
            declared = [
                FittedColumn(column.label, str(index), column.width, column.grow)
                for index, column in enumerate(self.columns)
            ]
            widths = [width or 0 for width in fit_widths(available, declared, padding=1)]
            self._widths_for = (available, widths)
        return self._widths_for[1]

    def _line(self, cells: Sequence[Cell], style: Style) -> Text:
        line = Text(no_wrap=True, end="")
        for width, cell in zip(self.column_widths(), cells, strict=False):
            text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
            text.truncate(width, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(text)
            line.append(" ")
        line.stylize(style)
        return line

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line_styles = {}

    def _line_style(self, component: str) -> Style:
        """The widget's style plus ``component``'s ("" for the widget's own), kept until the styles change."""
        style = self._line_styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style = style + self.get_component_rich_style(component)
            self._line_styles[component] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        if y == 0:
            style = self._line_style("virtual-table--header")
            text = self._line([column.label for column in self.columns], style)
        else:
            row = int(scroll_y) + y - 1
            if row >= len(self._keys):
                return Strip.blank(width, self._line_style(""))
            if row == self.cursor_row:
                style = self._line_style("virtual-table--cursor")
            else:
                style = self._line_style("virtual-table--odd-row" if row % 2 else "virtual-table--even-row")
            text = self._line(self._cells[row], style)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).crop(int(scroll_x), int(scroll_x) + width)
        return strip.extend_cell_length(width, style).simplify()


__all__ = ["Cell", "Column", "VirtualTable"]
