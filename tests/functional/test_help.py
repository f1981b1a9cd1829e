"""F1 explains the screen in a coach's words (data/help), the method's guidance on a method, the
draaiboek's topics where they apply, and "POP in vijf minuten"."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import poptui.screens
from poptui.screens.base import BaseScreen
from poptui.screens.help import HelpScreen
from poptui.screens.help_explained import PopInFiveMinutesScreen
from poptui.screens.method_registry import METHOD_SCREENS
from textual.widgets import Static

from poptui.app import PopApp
from poptui.help_texts import known_screens, pop_in_five_minutes, screen_help
from poptui.models import MethodKind, Person, Trajectory, TrajectoryStatus
from poptui.store import Database

BASES = {"BaseScreen", "FormScreen", "ListScreen", "MethodScreen"}


def _coach(db: Database) -> Person:
    return next(person for person in db.list(Person) if person.login == "an")


def _help_text(app: PopApp) -> str:
    return "\n".join(str(static.render()) for static in app.screen.query(Static))


def _screen_classes() -> list[type[BaseScreen]]:
    found = {}
    for module in pkgutil.walk_packages(poptui.screens.__path__, "poptui.screens."):
        for _name, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(cls, BaseScreen) and cls.__module__.startswith("poptui.screens."):
                found[cls.__name__] = cls
    return list(found.values())


def test_every_screen_has_its_own_explanation() -> None:
    """A method screen has the method's guidance from the catalog; every other screen its own words."""
    method_screens = {target.rsplit(":", 1)[1] for target in METHOD_SCREENS.values()}
    missing = [
        cls.__name__
        for cls in _screen_classes()
        if cls.__name__ not in BASES | method_screens and cls.__name__ not in known_screens()
    ]
    assert missing == [], "add these screens to data/help/screens.json"
    for cls in _screen_classes():
        assert screen_help(c.__name__ for c in cls.__mro__) is not None, cls.__name__


async def test_f1_on_the_home_screen_explains_it_and_opens_pop_in_five_minutes(demo_db: Database) -> None:
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = _help_text(app)
        assert "Startscherm" in text and "Hier begint je dag" in text
        assert "Toetsen op dit scherm" in text
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PopInFiveMinutesScreen)
        page = str(app.screen.query_one("#page-text", Static).render())
        for part in ("§2.1.1", "§4.5.1", "§4.5.2", "§2.2.3", "Variant 4", "generieke", "technische", "Evalueren"):
            assert part in page, part
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_f1_on_a_method_shows_its_guidance_and_the_rater_pitfalls(demo_db: Database) -> None:
    from poptui.screens import navigation

    trajectory = next(t for t in demo_db.list(Trajectory) if t.status is TrajectoryStatus.ACTIVE)
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        navigation.open_method(app, trajectory.employee_id, trajectory.id, MethodKind.COMPETENTIEMETING)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = _help_text(app)
        assert "Uitleg uit het draaiboek" in text and "§5.6" in text
        assert "Valkuilen bij het beoordelen" in text and "Mildheidstendens" in text


async def test_f1_on_the_pop_shows_the_rule_and_the_smart_questions(demo_db: Database) -> None:
    from poptui.screens import navigation

    trajectory = next(t for t in demo_db.list(Trajectory) if t.status is TrajectoryStatus.ACTIVE)
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        navigation.open_pop(app, trajectory.id)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = _help_text(app)
        assert "Het POP" in text
        assert "De regel van één generieke en één technische actie" in text
        assert "SMART-vragen (§5.8)" in text and "Hoeveel tijd geeft de doelgroepwerknemer zichzelf?" in text


async def test_the_palette_finds_pop_in_five_minutes(demo_db: Database) -> None:
    app = PopApp(demo_db, _coach(demo_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"vijf", "space", *"minuten")
        for _ in range(20):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PopInFiveMinutesScreen)
        assert pop_in_five_minutes().title == "POP in vijf minuten"
