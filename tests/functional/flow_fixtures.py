"""A small organisation for the main-flow tests: a coach, a supervisor, four employees,
three of them with a planned Basistraject (fixed dates, so screens look the same every day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from poptui.models import ContactMoment, Employee, Level, Organisation, Person, Role, Trajectory, VariantId
from poptui.services.trajectories import propose_plan, start_trajectory
from poptui.store import Database

TODAY = date(2025, 3, 10)


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
        trajectory, planned = start_trajectory(
            database,
            employee,
            variant=VariantId.BASIS,
            reflection=Level.MEDIUM,
            intensity=Level.MEDIUM,
            plan=propose_plan(VariantId.BASIS),
            coach_id=coach.id,
        )
        trajectories.append(trajectory)
        moments.append(planned)
    return Flow(database, organisation, coach, supervisor, employees, trajectories, moments)
