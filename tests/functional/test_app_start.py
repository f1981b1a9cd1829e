"""The app starts on the demo database and shows the coach's trajectories."""

from __future__ import annotations

import shutil

import pytest
from poptui.screens.home import HomeScreen
from textual.widgets import DataTable, Input, Static

from poptui.app import PopApp, quiet_terminal
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


async def test_the_coach_read_at_the_start_is_shown_as_the_validated_one(demo_db: Database) -> None:
    """run_app starts the app with the coach as stored (coach_at_start: a CoachView, no model)."""
    from poptui.services.coach import CoachView, coach_at_start

    coach = coach_at_start(demo_db, "an")
    assert isinstance(coach, CoachView)
    person = _coach(demo_db, "an")
    app = PopApp(demo_db, coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.coach_id == person.id
        assert app.sub_title == f"Coach: {person.full_name}"
        greeting = str(app.screen.query_one("#greeting", Static).render())
        assert greeting.startswith(f"Dag {person.first_name}.")


async def test_the_app_leaves_the_garbage_collector_alone_unless_the_start_paused_it(demo_db: Database) -> None:
    import gc

    app = PopApp(demo_db, _coach(demo_db, "an"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert gc.isenabled() and gc.get_freeze_count() == 0


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


async def test_a_too_small_window_says_so_and_keeps_the_work(demo_db: Database) -> None:
    from poptui.screens.employees import EmployeesScreen
    from poptui.screens.too_small import TooSmallScreen

    app = PopApp(demo_db, _coach(demo_db, "an"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, EmployeesScreen)
        await pilot.press(*"ines")
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = str(app.screen.query_one("#too-small", Static).render())
        assert "te klein" in text and "70x20" in text and "80" in text
        await pilot.press("escape", "n", "ctrl+p", "f1")  # nothing happens while the window is too small
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, EmployeesScreen)
        assert app.screen.query_one("#filter", Input).value == "ines"  # the typed filter is still there


async def test_starting_in_a_too_small_window(demo_db: Database) -> None:
    from poptui.screens.too_small import TooSmallScreen

    app = PopApp(demo_db, _coach(demo_db, "an"))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_animations_are_off_on_the_linux_console_and_over_ssh(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_ANIMATIONS", raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 51515 10.0.0.1 22")
    assert PopApp(demo_db, None).animation_level == "none"
    assert quiet_terminal({"TERM": "linux"})
    assert quiet_terminal({"TERM": "xterm-256color", "SSH_CONNECTION": "10.0.0.2 51515 10.0.0.1 22"})
    assert not quiet_terminal({"TERM": "xterm-256color"})
    assert not quiet_terminal({"TERM": "linux", "TEXTUAL_ANIMATIONS": "full"})  # the coach's own choice wins


async def test_no_text_field_blinks_while_idle(demo_db: Database) -> None:
    """A blinking cursor repaints twice a second: over SSH poptui sends nothing while the coach does nothing."""
    from poptui.screens import navigation
    from textual.widgets import TextArea

    app = PopApp(demo_db, _coach(demo_db, "an"))
    async with app.run_test(size=(80, 24)) as pilot:
        for open_screen in (navigation.open_employees, navigation.open_month_report):
            open_screen(app)
            await pilot.pause()
            fields = list(app.screen.query(Input)) + list(app.screen.query(TextArea))
            assert fields and not any(field.cursor_blink for field in fields), type(app.screen).__name__
