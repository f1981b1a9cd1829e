"""Snapshots at 80x24 of the coach's main flow: home, trajectory page, contact moment.

The data has fixed dates and "today" is fixed, so the pictures do not change with the calendar.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from poptui.screens import navigation

from poptui.app import PopApp
from poptui.models import (
    ContactMoment,
    Employee,
    Level,
    Organisation,
    Person,
    Role,
    SupervisorConsultation,
    VariantId,
)
from poptui.services.contact_moments import record_moment
from poptui.services.trajectories import propose_plan, start_trajectory
from poptui.store import Database

TODAY = date(2025, 3, 10)
SIZE = (80, 24)


@pytest.fixture
def fixed_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[PopApp, dict[str, str]]:
    monkeypatch.setattr("poptui.clock.today", lambda: TODAY)
    db = Database.create(tmp_path / "snapdb", actor="tester")
    organisation = db.save(Organisation(name="De Werkplaats"))
    coach = db.save(
        Person(
            first_name="An", last_name="De Smet", organisation_id=organisation.id, roles=[Role.COACH], login="tester"
        )
    )
    supervisor = db.save(
        Person(first_name="Marc", last_name="Peeters", organisation_id=organisation.id, roles=[Role.SUPERVISOR])
    )
    ids: dict[str, str] = {}
    people = [
        ("Inès", "Van den Broeck", VariantId.BASIS, Level.MEDIUM, Level.MEDIUM, 2),
        ("Kevin", "Vermeulen", VariantId.VARIANT_1, Level.LOW, Level.LOW, 1),
        ("Dirk", "Willems", VariantId.VARIANT_3, Level.HIGH, Level.HIGH, 0),
    ]
    for first, last, variant, reflection, intensity, held in people:
        employee = db.save(
            Employee(
                first_name=first,
                last_name=last,
                organisation_id=organisation.id,
                reflection=reflection,
                supervisor_id=supervisor.id,
            )
        )
        trajectory, moments = start_trajectory(
            db,
            employee,
            variant=variant,
            reflection=reflection,
            intensity=intensity,
            plan=propose_plan(variant),
            coach_id=coach.id,
        )
        for index in range(held):
            current = db.get(ContactMoment, moments[index].id, employee_id=employee.id)
            record_moment(
                db,
                current,
                {
                    "status": "gehouden",
                    "date": f"{3 + 7 * index:02d}/02/2025",
                    "start_time": "9:30",
                    "duration_minutes": "60",
                    "phase": moments[index].phase.value,
                    "attendees": f"{employee.full_name}, {coach.full_name}",
                    "notes": "Kennismaking verliep vlot." if index == 0 else "Werkt graag met de handen.",
                    "next_date": f"{10 + 7 * index:02d}/02/2025",
                    "next_time": "10:00",
                },
            )
        if first == "Kevin":
            next_moment = db.get(ContactMoment, moments[1].id, employee_id=employee.id)
            db.save(next_moment.model_copy(update={"date": date(2025, 3, 3)}))  # overdue
        ids[first] = trajectory.id
        ids[first + "-moment"] = moments[held].id if held < len(moments) else moments[-1].id
        ids[first + "-employee"] = employee.id
    db.save(
        SupervisorConsultation(
            employee_id=ids["Inès-employee"],
            trajectory_id=ids["Inès"],
            date=date(2025, 2, 12),
            supervisor_id=supervisor.id,
            does_well="Nauwkeurig, altijd op tijd",
            does_less_well="Vraagt weinig hulp",
        )
    )
    return PopApp(db, coach), ids


def test_home_screen(snap_compare, fixed_app) -> None:
    app, _ids = fixed_app
    assert snap_compare(app, terminal_size=SIZE)


def test_trajectory_page(snap_compare, fixed_app) -> None:
    app, ids = fixed_app

    async def open_page(pilot) -> None:
        navigation.open_trajectory(app, ids["Inès"])
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_page, press=["down"])


def test_contact_moment_screen(snap_compare, fixed_app) -> None:
    app, ids = fixed_app

    async def open_moment(pilot) -> None:
        navigation.open_contact_moment(app, ids["Inès-employee"], ids["Inès-moment"])
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_moment)
