"""Every table of poptui gives the window's width to its text columns (issue 11): at 80x24 and at
120x40, on every screen that has a table, each table is a FittedTable (or the row-drawing
VirtualTable, which follows the same rule, :func:`fit_widths`) and its columns fill the table's
width: no room left over beside a cut-off "Cursus snoeien van hoog…", no column pushed out of
sight. A grid of scores is held to the same rule. Left alone: the interview's attitudes (a fixed scale
beside the statement) and Klokwijs' hours, whose columns are the draaiboek's questions."""

from __future__ import annotations

import pytest
from poptui.screens.widgets.fitted_table import Column, FittedTable, fit_widths
from poptui.screens.widgets.virtual_table import VirtualTable
from screen_openers import OPENERS, Lookup, is_open, make_app, settle
from textual.widgets import DataTable

TABLE_SCREENS = (
    "home",
    "agenda",
    "drafts",
    "employees",
    "employee_page",
    "import_preview",
    "organisations",
    "organisation",
    "hours",
    "trajectory_active",
    "plan",
    "pop_draft",
    "pop_summary",
    "follow_up",
    "method_competentiemeting",
    "method_zinvolheids_haalbaarheidsscan",
    "method_smart",
    "method_beslissingsmatrix",
    "dictionary",
    "profiles",
    "competence_import_preview",
    "trainings",
    "compliance",
    "person_rights",
)
"""The openers (tests/screen_openers.py) of the screens with a table."""

OPENED = [opener for opener in OPENERS if opener.name in TABLE_SCREENS]


def test_every_table_screen_is_checked() -> None:
    assert {opener.name for opener in OPENED} == set(TABLE_SCREENS)


def test_fit_widths_gives_the_spare_room_to_the_text_and_takes_it_back() -> None:
    columns = [Column("Datum", "date", 10), Column("Wat", "what", 20, grow=True), Column("Wie", "who", 10, grow=True)]
    assert fit_widths(80, columns) == [10, 20 + 17, 10 + 17]  # 80 - 40 - 6 padding = 34 spare
    assert fit_widths(40, columns) == [10, 14, 10]  # narrower: the widest growing one gives up width first
    assert fit_widths(0, columns) == [10, 20, 10]  # before the first layout: as declared
    # the widest cells known: "Wie" needs 4 of its 10, "Datum" its label: the text takes the rest
    assert fit_widths(80, columns, content=[3, 70, 4]) == [5, 80 - 5 - 4 - 6, 4]
    # "Wat" fits in 30: the rest is shared evenly
    assert fit_widths(80, columns, content=[10, 30, 12]) == [10, 30 + 11, 12 + 11]


SIZES = ((80, 24), (120, 40))
"""The window sizes every table is checked at: opened at the first, then the window is made larger
(one app per screen: opening a screen is most of a check's time; a table must refit on a resize too)."""


@pytest.mark.parametrize("opener", OPENED, ids=[opener.name for opener in OPENED])
async def test_text_columns_take_the_width(opener, screens_look: Lookup) -> None:
    app = make_app(screens_look.db, screens_look, opener)
    async with app.run_test(size=SIZES[0]) as pilot:
        await opener.steps(pilot, screens_look)
        await settle(pilot)
        assert is_open(app, opener, screens_look)
        for size in SIZES:
            if size != SIZES[0]:
                await pilot.resize_terminal(*size)
                await settle(pilot)
                assert app.size == size and is_open(app, opener, screens_look)
            _check_tables(app, opener.name, size)


def _check_tables(app, name: str, size: tuple[int, int]) -> None:
    checked = 0
    for table in app.screen.query("DataTable, VirtualTable"):
        if not table.display or table.size.width == 0:
            continue
        table_name = f"{name} #{table.id}"
        region = table.scrollable_content_region.width
        if isinstance(table, VirtualTable):
            widths = table.column_widths()
            growing = any(column.grow for column in table.columns)
            used = sum(width + 2 for width in widths)
        else:
            assert isinstance(table, FittedTable), f"{table_name}: a DataTable with widths of its own"
            assert isinstance(table, DataTable)
            growing = any(column.grow for column in table._declared)
            used = sum(column.get_render_width(table) for column in table.columns.values())
        assert growing, f"{table_name}: no column takes the spare width"
        assert used <= region, f"{table_name}: {used} cells wide in {region}: a column is out of sight"
        assert region - used <= 1, f"{table_name}: {region - used} cells left over at {size}"
        checked += 1
    assert checked, f"{name}: no table on show at {size}"
