"""Test data shared by the test modules (the fixtures that hand it out live in conftest.py).

- ``TODAY``: the day every test runs on (conftest freezes ``poptui.clock`` to it; the demo
  database is written relative to it), so screens and snapshots look the same every day.
- :func:`start_proposed`: a trajectory started on its variant's proposed plan, as the wizard's
  defaults would start it (the call most service tests begin with).
- :func:`build_flow`: a small organisation for the main-flow tests: a coach, a supervisor, four
  employees, three of them with a planned Basistraject.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pytest

from poptui.models import ContactMoment, Employee, Level, Organisation, Person, Role, Trajectory, VariantId
from poptui.services.trajectories import propose_plan, start_trajectory
from poptui.store import Database

TODAY = date(2025, 3, 10)
"""The frozen today of every test (a Monday)."""


class FrozenClock:
    """``poptui.clock`` on a fixed day. The time of day runs on (saves, backups and drafts keep their
    order) unless ``time_of_day`` pins it too (for pictures that show a time). Replaces the clock
    module's own ``date`` and ``datetime``, so code that imported ``today`` from it is frozen too."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, day: date, time_of_day: time | None = None) -> None:
        self.day = day
        self.time_of_day = time_of_day
        clock = self

        class FrozenDate(date):
            @classmethod
            def today(cls) -> date:
                return clock.day

        class FrozenDateTime(datetime):
            @classmethod
            def now(cls, tz=None) -> datetime:
                real = datetime.now(tz)
                return datetime.combine(clock.day, clock.time_of_day or real.timetz(), tzinfo=real.tzinfo)

        monkeypatch.setattr("poptui.clock.date", FrozenDate)
        monkeypatch.setattr("poptui.clock.datetime", FrozenDateTime)

    def set(self, day: date) -> None:
        self.day = day


def start_proposed(
    database: Database,
    employee: Employee,
    variant: VariantId = VariantId.BASIS,
    level: Level = Level.MEDIUM,
    coach_id: str | None = None,
) -> tuple[Trajectory, list[ContactMoment]]:
    """Start a trajectory for ``employee`` on ``variant``'s proposed plan, with reflection and
    intensity both ``level``; returns the trajectory and its planned contact moments."""
    return start_trajectory(
        database,
        employee,
        variant=variant,
        reflection=level,
        intensity=level,
        plan=propose_plan(variant),
        coach_id=coach_id,
    )


@dataclass
class Flow:
    database: Database
    organisation: Organisation
    coach: Person
    supervisor: Person
    employees: list[Employee]
    trajectories: list[Trajectory]
    moments: list[list[ContactMoment]]


def build_flow(database: Database, with_trajectories: int = 3) -> Flow:
    organisation = database.save(Organisation(name="De Werkplaats"))
    coach = database.save(
        Person(
            first_name="An", last_name="De Smet", organisation_id=organisation.id, roles=[Role.COACH], login="tester"
        )
    )
    supervisor = database.save(
        Person(first_name="Marc", last_name="Peeters", organisation_id=organisation.id, roles=[Role.SUPERVISOR])
    )
    names = [("Inès", "Van den Broeck"), ("Kevin", "Vermeulen"), ("Dirk", "Willems"), ("Sara", "Claes")]
    employees = [
        database.save(
            Employee(
                first_name=first,
                last_name=last,
                organisation_id=organisation.id,
                reflection=Level.MEDIUM,
                supervisor_id=supervisor.id,
                function="Inpakker",
            )
        )
        for first, last in names
    ]
    trajectories, moments = [], []
    for employee in employees[:with_trajectories]:
        trajectory, planned = start_proposed(database, employee, coach_id=coach.id)
        trajectories.append(trajectory)
        moments.append(planned)
    return Flow(database, organisation, coach, supervisor, employees, trajectories, moments)
