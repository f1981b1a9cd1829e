"""Trajectories: the contact-moment plan from the catalog, starting one, and what the trajectory
page shows (:func:`trajectory_view`). Every trajectory with its counts, as the command line lists
them: :mod:`poptui.services.trajectory_list`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from poptui import models
from poptui.models import Level, MethodKind, Phase, TrajectoryStatus, VariantId
from poptui.store import Database

if TYPE_CHECKING:
    from poptui.models import BetweenStep, ContactMoment, Employee, Person, SupervisorConsultation, Trajectory


@dataclass
class PlannedMoment:
    """One contact moment of a proposed plan; the coach may change everything."""

    number: int
    phase: Phase
    goals: list[str] = field(default_factory=list)
    methods: list[MethodKind] = field(default_factory=list)
    collective_possible: bool = False
    description: str = ""
    between_steps: list[BetweenStep] = field(default_factory=list)


def propose_plan(variant: VariantId) -> list[PlannedMoment]:
    """The catalog's contact-moment plan of a variant, as an editable copy."""
    from poptui.catalog import load_catalog  # the catalog's models are built when a plan is first needed

    template = load_catalog().variants[variant]
    return [
        PlannedMoment(
            number=moment.number,
            phase=moment.phase,
            goals=list(moment.goals),
            methods=list(moment.methods),
            collective_possible=moment.collective_possible,
            description=moment.description,
            between_steps=[
                models.BetweenStep(kind=step.kind, description=step.description) for step in moment.between_steps
            ],
        )
        for moment in template.contact_moments
    ]


def renumber(plan: list[PlannedMoment]) -> list[PlannedMoment]:
    """Number the moments 0, 1, 2 ... in their current order."""
    for number, moment in enumerate(plan):
        moment.number = number
    return plan


def start_trajectory(
    database: Database,
    employee: Employee,
    *,
    variant: VariantId,
    reflection: Level,
    intensity: Level,
    plan: list[PlannedMoment],
    coach_id: str | None = None,
    start_date: date | None = None,
    previous_trajectory_id: str | None = None,
) -> tuple[Trajectory, list[ContactMoment]]:
    """Create the trajectory and its planned contact moments in one transaction."""
    trajectory = models.Trajectory(
        employee_id=employee.id,
        coach_id=coach_id,
        variant=variant,
        reflection=reflection,
        intensity=intensity,
        status=TrajectoryStatus.ACTIVE if start_date else TrajectoryStatus.PLANNED,
        start_date=start_date,
        previous_trajectory_id=previous_trajectory_id,
    )
    moments = [
        models.ContactMoment(
            employee_id=employee.id,
            trajectory_id=trajectory.id,
            number=moment.number,
            phase=moment.phase,
            goals=moment.goals,
            methods=moment.methods,
            between_steps=moment.between_steps,
        )
        for moment in renumber(list(plan))
    ]
    with database.transaction() as transaction:
        saved = transaction.save(trajectory)
        saved_moments = [transaction.save(moment) for moment in moments]
    return saved, saved_moments


def ready_for_new_trajectory(database: Database) -> list[tuple[Employee, Trajectory | None]]:
    """Employees without a running trajectory, each with the completed trajectory a new one
    follows up on (the most recently completed one), or None for a first POP."""
    from poptui.services import directory
    from poptui.services.attention import OPEN_STATUSES

    by_employee: dict[str, list[Trajectory]] = {}
    for trajectory in database.list(models.Trajectory):
        by_employee.setdefault(trajectory.employee_id, []).append(trajectory)
    ready = []
    for employee in directory.employees(database):
        own = by_employee.get(employee.id, [])
        if any(trajectory.status in OPEN_STATUSES for trajectory in own):
            continue
        completed = [t for t in own if t.status is TrajectoryStatus.COMPLETED and t.completion_date]
        ready.append((employee, max(completed, key=lambda t: t.completion_date or date.min, default=None)))
    return ready


def get_trajectory(database: Database, trajectory_id: str) -> Trajectory:
    """The trajectory; raises :class:`~poptui.services.NotFound`."""
    return database.get(models.Trajectory, trajectory_id)


@dataclass(frozen=True)
class ConsultationLine:
    """A supervisor consultation with the supervisor who gave it (None: unknown or removed)."""

    consultation: SupervisorConsultation
    supervisor: Person | None


@dataclass(frozen=True)
class TrajectoryView:
    """What the trajectory page shows: the trajectory with its employee, coach, contact moments
    (by number) and supervisor consultations (by date)."""

    trajectory: Trajectory
    employee: Employee | None
    coach: Person | None
    moments: list[ContactMoment]
    consultations: list[ConsultationLine]

    @property
    def employee_name(self) -> str:
        return self.employee.full_name if self.employee else "?"


def trajectory_view(database: Database, trajectory_id: str) -> TrajectoryView | None:
    """The trajectory page's data, or None when the trajectory no longer exists."""
    from poptui.services.consultations import consultations_of
    from poptui.services.contact_moments import moments_of

    trajectory = database.find(models.Trajectory, trajectory_id)
    if trajectory is None:
        return None
    persons = {person.id: person for person in database.list(models.Person)}
    return TrajectoryView(
        trajectory=trajectory,
        employee=database.find(models.Employee, trajectory.employee_id),
        coach=persons.get(trajectory.coach_id or ""),
        moments=moments_of(database, trajectory),
        consultations=[
            ConsultationLine(consultation, persons.get(consultation.supervisor_id or ""))
            for consultation in consultations_of(database, trajectory)
        ],
    )
