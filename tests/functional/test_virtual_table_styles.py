"""The row-drawing VirtualTable works out each kind of line's style once per change of its styles:
a line drawn after the focus moved, or after the theme changed, has the style of now."""

from __future__ import annotations

from poptui.screens.widgets.text_input import Input
from poptui.screens.widgets.virtual_table import Column, VirtualTable
from rich.style import Style
from textual.app import App, ComposeResult


class _TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield VirtualTable([Column("Naam", 20, grow=True), Column("Status", 10)], id="table")

    def on_mount(self) -> None:
        self.query_one(VirtualTable).set_rows([("a", ("An Peeters", "Actief")), ("b", ("Bart Claes", "-"))])


def _fresh(table: VirtualTable, component: str) -> Style:
    return table.rich_style + table.get_component_rich_style(component)


def _styles(table: VirtualTable, y: int) -> set[Style]:
    return {segment.style for segment in table.render_line(y) if segment.style is not None}


async def test_the_lines_follow_the_focus_and_the_theme() -> None:
    app = _TableApp()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(VirtualTable)
        app.query_one("#box", Input).focus()
        await pilot.pause()
        blurred = _fresh(table, "virtual-table--cursor")
        assert _styles(table, 1) == {blurred}
        assert _styles(table, 2) == {_fresh(table, "virtual-table--odd-row")}
        assert _styles(table, 0) == {_fresh(table, "virtual-table--header")}
        table.focus()
        await pilot.pause()
        focused = _fresh(table, "virtual-table--cursor")
        assert focused != blurred
        assert _styles(table, 1) == {focused}
        dark = _fresh(table, "virtual-table--odd-row")
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        light = _fresh(table, "virtual-table--odd-row")
        assert light != dark
        assert _styles(table, 2) == {light}
        assert _styles(table, 5) == {table.rich_style}  # below the rows: the table's own
