"""The first run: an empty database welcomes the coach; the guided start or the demo."""

from __future__ import annotations

from pathlib import Path

import pytest
from poptui.screens.coach_select import CoachSelectScreen
from poptui.screens.dialogs import ChooseDialog
from poptui.screens.home import HomeScreen
from poptui.screens.welcome import WelcomeScreen
from textual.pilot import Pilot
from textual.widgets import Static

from poptui.app import PopApp
from poptui.locations import demo_database_path
from poptui.models import Employee, Organisation, Person, Role
from poptui.services.onboarding import DemoRefused, is_first_run, open_demo_database
from poptui.store import Database


def _keys(text: str) -> list[str]:
    return ["space" if letter == " " else letter for letter in text]


async def _settle(pilot: Pilot[None]) -> None:
    """Let the flow's worker open the next form (it waits on that form, so do not wait for it)."""
    for _ in range(3):
        await pilot.pause()


async def test_an_empty_database_welcomes_in_three_lines(db: Database) -> None:
    app = PopApp(db, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = str(app.screen.query_one("#welcome-text", Static).render())
        assert len(text.splitlines()) == 3
        assert "persoonlijk ontwikkelingsplan" in text and "F1" in text
        assert app.screen.query_one("#welcome-text").size.height == 3  # no line wraps at 80 columns


async def test_the_guided_start_makes_organisation_coach_and_employee(db: Database) -> None:
    app = PopApp(db, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await _settle(pilot)
        assert "Stap 1 van 3" in str(app.screen.query_one("#form-intro", Static).render())
        await pilot.press(*_keys("Atelier De Brug"), "ctrl+s")
        await _settle(pilot)
        assert "Stap 2 van 3" in str(app.screen.query_one("#form-intro", Static).render())
        await pilot.press(*_keys("Sofie"), "tab", *_keys("Claes"), "ctrl+s")
        await _settle(pilot)
        assert "Stap 3 van 3" in str(app.screen.query_one("#form-intro", Static).render())
        await pilot.press(*_keys("Inès"), "tab", *_keys("Peeters"), "ctrl+s")
        await _settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.coach is not None and app.coach.full_name == "Sofie Claes"
        assert [notification.message for notification in app._notifications][-1].startswith("Klaar: ")
        await pilot.press("n")  # what the toast says: it goes, and does not cover the dialog
        await _settle(pilot)
        assert isinstance(app.screen, ChooseDialog)
        assert len(app._notifications) == 0

    (organisation,) = db.list(Organisation)
    assert organisation.name == "Atelier De Brug"
    (coach,) = db.list(Person)
    assert coach.roles == [Role.COACH] and coach.login == "tester" and coach.organisation_id == organisation.id
    (employee,) = db.list(Employee)
    assert (employee.first_name, employee.last_name, employee.organisation_id) == ("Inès", "Peeters", organisation.id)
    assert not is_first_run(db)


async def test_escape_on_the_first_step_comes_back_to_the_welcome(db: Database) -> None:
    app = PopApp(db, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first choice is highlighted: the guided start
        await _settle(pilot)
        await pilot.press("escape")
        await _settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
    assert is_first_run(db)


async def test_the_demo_opens_in_its_own_folder(db: Database) -> None:
    app = PopApp(db, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, CoachSelectScreen)  # the demo's coaches: who am I?
        assert app.database.path == demo_database_path() != db.path
        assert app.database.list(Employee)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "DEMO" in app.sub_title
    assert is_first_run(db)  # the real database stays empty
    assert not db.list(Employee)


def test_the_demo_is_never_the_real_database(tmp_path: Path) -> None:
    real = Database.create(tmp_path / "db")
    with pytest.raises(DemoRefused, match="dezelfde map"):
        open_demo_database(tmp_path / "db", real.path)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(Exception, match="geen poptui-database|niet leeg|databasemap"):
        open_demo_database(tmp_path / "other", real.path)
    assert (tmp_path / "other" / "notes.txt").read_text(encoding="utf-8") == "mine"
    demo = open_demo_database(tmp_path / "demo", real.path)
    assert demo.list(Employee)
    again = open_demo_database(tmp_path / "demo", real.path)  # opened as it is the second time
    assert len(again.list(Employee)) == len(demo.list(Employee))
