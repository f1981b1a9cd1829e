"""Consent in the app: registered as events from the employee page; theme 4 of the interview
(health, family duties) can only be written once consent is there."""

from __future__ import annotations

from poptui.screens import navigation
from poptui.screens.consent_dialog import ConsentDialog
from poptui.screens.dialogs import MessageDialog
from poptui.screens.employee_page import EmployeeScreen
from poptui.screens.interview_screen import InterviewScreen
from poptui.screens.widgets.answers import AnswerArea
from textual.widgets import Input

from poptui.app import PopApp
from poptui.models import ConsentEvent, ConsentKind, Employee, MethodKind, Trajectory
from poptui.models.methods import InterviewRecord
from poptui.services import drafts
from poptui.store import Database


def _employee(db: Database, first_name: str) -> Employee:
    return next(item for item in db.list(Employee) if item.first_name == first_name)


async def test_consent_is_recorded_as_an_event_from_the_employee_page(demo_db: Database) -> None:
    kevin = _employee(demo_db, "Kevin")  # no consent in the demo
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_employee(app, kevin.id)
        await pilot.pause()
        assert isinstance(app.screen, EmployeeScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConsentDialog)
        date_input = app.screen.query_one("#consent-date", Input)
        date_input.value = ""
        await pilot.press(*"03/11/2026", "ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, EmployeeScreen)
    events = demo_db.list(ConsentEvent, employee_id=kevin.id)
    assert [(event.kind, event.date.isoformat()) for event in events] == [(ConsentKind.GIVEN, "2026-11-03")]
    assert demo_db.get(Employee, kevin.id).consent_date.isoformat() == "2026-11-03"


async def test_interview_theme_four_waits_for_consent(demo_db: Database) -> None:
    kevin = _employee(demo_db, "Kevin")
    trajectory = demo_db.list(Trajectory, employee_id=kevin.id)[0]
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, kevin.id, trajectory.id, MethodKind.INTERVIEW.value)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await pilot.press("f8", "f8", "f8")  # themes 1, 3, 4 (proposed for a low reflection ability)
        await pilot.pause()
        health = next(area for area in screen.query(AnswerArea) if area.key == "physical_limitations")
        assert health.read_only and screen.focused is health
        notes = [str(widget.render()) for widget in screen.query("#t4 .question-note")]
        assert any("toestemming" in text for text in notes)
        await pilot.press(*"Rugpijn", "tab", "tab")  # typed into a read-only box: swallowed, g opens nothing
        assert not isinstance(app.screen, MessageDialog)
        await pilot.press(*"Met de fiets")  # mobility is not sensitive
        await pilot.press("escape")
        await pilot.pause()
    [record] = demo_db.list(InterviewRecord, employee_id=kevin.id, kind=MethodKind.INTERVIEW)
    assert record.mobility == "Met de fiets" and record.physical_limitations == ""


async def test_interview_theme_four_is_open_with_consent(demo_db: Database) -> None:
    ines = _employee(demo_db, "Inès")  # consent given in the demo
    trajectory = demo_db.list(Trajectory, employee_id=ines.id)[0]
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, ines.id, trajectory.id, MethodKind.INTERVIEW.value)
        await pilot.pause()
        await pilot.press("f8", "f8", "f8", "f8")  # themes 1, 2, 3, 4
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", *"Zorgt voor haar moeder op woensdag.", "escape")
        await pilot.pause()
    [record] = demo_db.list(InterviewRecord, employee_id=ines.id, kind=MethodKind.INTERVIEW)
    assert record.family_duties == "Zorgt voor haar moeder op woensdag."


async def test_home_offers_unsaved_drafts_back(demo_db: Database) -> None:
    from poptui.screens.drafts_screen import DraftsScreen
    from textual.widgets import OptionList

    drafts.save_draft(
        Database.open(demo_db.path, actor="tester"), "employee-new", "Nieuwe werknemer", {"first_name": "Half"}
    )
    app = PopApp(Database.open(demo_db.path, actor="tester"), None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        attention = app.screen.query_one("#attention", OptionList)
        first = attention.get_option_at_index(0)
        assert "concept" in str(first.prompt)
        attention.focus()
        attention.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
