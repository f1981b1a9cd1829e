"""The app starts on the demo database and shows the coach's trajectories."""

from __future__ import annotations

import shutil

from poptui.screens.home import HomeScreen
from textual.widgets import DataTable, Static

from poptui.app import PopApp
from poptui.models import Person
from poptui.store import Database, summaries


def _coach(db: Database, login: str) -> Person:
    return next(person for person in db.list(Person) if person.login == login)


async def test_app_starts_on_the_demo_database(demo_db: Database) -> None:
    app = PopApp(demo_db, _coach(demo_db, "an"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#trajectories", DataTable)
        names = {str(table.get_row_at(index)[0]) for index in range(table.row_count)}
        assert {"Inès Van den Broeck", "Kevin Vermeulen", "Dirk Willems"} <= names
        assert "Mohamed El Amrani" not in names  # Tom's trajectory
        await pilot.press("a")
        await pilot.pause()
        names = {str(table.get_row_at(index)[0]) for index in range(table.row_count)}
        assert "Mohamed El Amrani" in names


async def test_unknown_coach_chooses_from_the_list(demo_db: Database) -> None:
    from poptui.screens.coach_select import CoachSelectScreen

    app = PopApp(demo_db, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CoachSelectScreen)
        await pilot.press("down", "enter")  # the second coach in alphabetical order: Janssens after De Smet
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.coach is not None and app.coach.last_name == "Janssens"


async def test_the_lists_fill_in_when_the_summaries_must_be_built_first(demo_db: Database) -> None:
    """A database from before the summaries (or after a restore): the home screen paints at once and
    fills in from a worker."""
    shutil.rmtree(demo_db.path / summaries.FOLDER)
    app = PopApp(demo_db, _coach(demo_db, "an"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#trajectories", DataTable)
        names = {str(table.get_row_at(index)[0]) for index in range(table.row_count)}
        assert {"Inès Van den Broeck", "Kevin Vermeulen", "Dirk Willems"} <= names
        assert "lopende trajecten" in str(app.screen.query_one("#greeting", Static).render())
    assert summaries.read_all(demo_db.path) is not None
