"""Snapshots at 80x24 of the five conversation methods, filled as in the demo database, and of
the Klokwijs clock drawn in plain ASCII (NO_COLOR). The demo is written for a fixed day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from poptui.screens import navigation

from poptui.app import PopApp
from poptui.demo import write_demo
from poptui.models import ContactMoment, Employee, MethodKind, Person, Trajectory
from poptui.store import Database

TODAY = date(2025, 3, 10)
SIZE = (80, 24)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[PopApp, Database]:
    monkeypatch.setattr("poptui.clock.today", lambda: TODAY)
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    db = Database.create(tmp_path / "snapdemo", actor="tester")
    write_demo(db, today=TODAY)
    coach = next(person for person in db.list(Person) if person.login == "an")
    return PopApp(db, coach), db


def _opener(app: PopApp, db: Database, first_name: str, kind: MethodKind):
    employee = next(e for e in db.list(Employee) if e.first_name == first_name)
    moments = [m for m in db.list(ContactMoment, employee_id=employee.id) if kind in m.methods]
    trajectory = db.get(Trajectory, moments[0].trajectory_id, employee_id=employee.id)

    async def open_method(pilot) -> None:
        navigation.open_method(app, employee.id, trajectory.id, kind, moments[0].id)
        await pilot.pause()
        await pilot.pause()

    return open_method


def test_hand(snap_compare, demo) -> None:
    app, db = demo
    assert snap_compare(app, terminal_size=SIZE, run_before=_opener(app, db, "Inès", MethodKind.HAND))


def test_interview_themes(snap_compare, demo) -> None:
    app, db = demo
    assert snap_compare(app, terminal_size=SIZE, run_before=_opener(app, db, "Mohamed", MethodKind.INTERVIEW))


def test_interview_attitudes(snap_compare, demo) -> None:
    app, db = demo
    press = ["f8"] * 6 + ["down"]  # theme 6, the second attitude (score 3)
    assert snap_compare(
        app, terminal_size=SIZE, run_before=_opener(app, db, "Mohamed", MethodKind.INTERVIEW), press=press
    )


def test_ai_droomfase(snap_compare, demo) -> None:
    app, db = demo
    assert snap_compare(app, terminal_size=SIZE, run_before=_opener(app, db, "Mohamed", MethodKind.AI_DROOMFASE))


def test_klokwijs_clock(snap_compare, demo) -> None:
    app, db = demo
    press = ["up"] * 1  # 08:00: Jan saws planks in the workshop
    assert snap_compare(app, terminal_size=SIZE, run_before=_opener(app, db, "Jan", MethodKind.KLOKWIJS), press=press)


def test_klokwijs_clock_in_ascii(snap_compare, demo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app, db = demo
    press = ["right"] * 2  # 07:30
    assert snap_compare(app, terminal_size=SIZE, run_before=_opener(app, db, "Jan", MethodKind.KLOKWIJS), press=press)


def test_praatplaat(snap_compare, demo) -> None:
    app, db = demo
    assert snap_compare(app, terminal_size=SIZE, run_before=_opener(app, db, "Fatima", MethodKind.PRAATPLAAT))


def test_interview_notes(snap_compare, demo) -> None:
    app, db = demo
    press = ["f8"] * 9  # themes 1-6 and 8, the overview, then the notes with every conclusion
    assert snap_compare(
        app, terminal_size=SIZE, run_before=_opener(app, db, "Mohamed", MethodKind.INTERVIEW), press=press
    )
