"""Colours: the calm default, high contrast by F9 or Ctrl+P, remembered per user; NO_COLOR;
nothing told by colour alone."""

from __future__ import annotations

import stat

import pytest
from poptui.screens.themes import CALM, HIGH_CONTRAST
from poptui.screens.widgets.tickbox import TickBox
from textual.widgets import DataTable

from poptui.app import PopApp
from poptui.locations import config_folder
from poptui.models import Person, Trajectory
from poptui.settings import SETTINGS_FILE, load_settings
from poptui.store import Database


def _coach(db: Database) -> Person:
    return next(person for person in db.list(Person) if person.login == "an")


async def test_calm_by_default_f9_switches_and_it_is_remembered(demo_db: Database) -> None:
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == CALM
        await pilot.press("f9")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
    assert load_settings()["theme"] == HIGH_CONTRAST
    settings = config_folder() / SETTINGS_FILE
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600  # the user's own
    assert stat.S_IMODE(config_folder().stat().st_mode) == 0o700

    again = PopApp(demo_db, _coach(demo_db))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == HIGH_CONTRAST
        await pilot.press("f9")
        await pilot.pause()
        assert again.theme == CALM
    assert load_settings()["theme"] == CALM


async def test_the_palette_offers_the_colours(demo_db: Database) -> None:
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"kleuren hoog")
        for _ in range(20):  # the palette searches in the background
            await pilot.pause(0.05)
            if app.screen.query("CommandList Option, .option-list--option"):
                break
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
    assert load_settings()["theme"] == HIGH_CONTRAST


async def test_an_unknown_remembered_theme_falls_back_to_calm(demo_db: Database) -> None:
    from poptui.settings import save_settings

    save_settings({"theme": "no-such-theme"})
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == CALM


async def test_no_color_draws_without_colour_and_signs_still_tell(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        trajectory = next(t for t in demo_db.list(Trajectory) if t.id in _table_keys(app))
        from poptui.screens import navigation

        navigation.open_trajectory(app, trajectory.id)
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        cells = {str(cell) for index in range(table.row_count) for cell in table.get_row_at(index)}
        statuses = {cell for cell in cells if cell.split(" ")[-1] in ("gehouden", "gepland", "overgeslagen", "laat")}
        # a sign before every status word; without colour poptui draws in ASCII (issue 11): + o x
        assert statuses and all(cell[0] in "+ox" for cell in statuses)

        ticked, unticked = TickBox("x", value=True), TickBox("x", value=False)
        await app.screen.mount(ticked, unticked)
        await pilot.pause()
        assert "X" in str(ticked.render()) and "X" not in str(unticked.render())  # [X] and [ ], not two colours


def _table_keys(app: PopApp) -> set[str]:
    table = app.screen.query_one("#trajectories", DataTable)
    return {str(key.value) for key in table.rows}
