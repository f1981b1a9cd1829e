"""Tussentijds overleg: the supervisor's perception of what the employee does well and less well."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from poptui.models import (
    BetweenStepKind,
    Competence,
    ConsultationRating,
    ContactMoment,
    Employee,
    Person,
    Role,
    ScaleLevel,
    SupervisorConsultation,
    Trajectory,
)
from poptui.services import competences
from poptui.store import Database


def consultations_of(database: Database, trajectory: Trajectory) -> list[SupervisorConsultation]:
    found = database.list(
        SupervisorConsultation,
        employee_id=trajectory.employee_id,
        where=lambda item: item.trajectory_id == trajectory.id,
    )
    return sorted(
        found, key=lambda item: (item.date is None, item.date, item.created_at.isoformat() if item.created_at else "")
    )


def supervisors_for(database: Database, employee: Employee) -> list[Person]:
    """The organisation's werkvloerbegeleiders, the employee's own supervisor first."""
    found = [
        person
        for person in database.list(Person)
        if person.has_role(Role.SUPERVISOR)
        and (person.organisation_id == employee.organisation_id or person.id == employee.supervisor_id)
    ]
    return sorted(found, key=lambda p: (p.id != employee.supervisor_id, p.last_name.lower(), p.first_name.lower()))


@dataclass(frozen=True)
class ConsultationView:
    """What the consultation form shows: the trajectory, the employee, the consultation (None: a
    new one), the supervisors to choose from, and the competences the supervisor can rate on the
    organisation's scale (those of the employee's function profile, else the whole dictionary;
    with any competence the consultation already rated)."""

    trajectory: Trajectory
    employee: Employee
    consultation: SupervisorConsultation | None
    supervisors: list[Person]
    competences: list[Competence] = field(default_factory=list)
    scale: list[ScaleLevel] = field(default_factory=list)


def competences_to_rate(
    database: Database, employee: Employee, consultation: SupervisorConsultation | None
) -> tuple[list[Competence], list[ScaleLevel]]:
    """The competences a supervisor rates for this employee, and the organisation's scale."""
    source = competences.dictionary(database, employee.organisation_id)
    profile = competences.profile_for_function(source, employee.function)
    wanted = {entry.competence_id for entry in profile.entries} if profile else {item.id for item in source.competences}
    if consultation is not None:
        wanted |= {rating.competence_id for rating in consultation.competence_ratings}
    return [item for item in source.competences if item.id in wanted], list(source.scale)


def consultation_view(
    database: Database, employee_id: str, trajectory_id: str, consultation_id: str | None = None
) -> ConsultationView:
    """The consultation form's data; raises :class:`~poptui.services.NotFound`."""
    employee = database.get(Employee, employee_id)
    consultation = (
        database.get(SupervisorConsultation, consultation_id, employee_id=employee_id) if consultation_id else None
    )
    to_rate, scale = competences_to_rate(database, employee, consultation)
    return ConsultationView(
        trajectory=database.get(Trajectory, trajectory_id, employee_id=employee_id),
        employee=employee,
        consultation=consultation,
        supervisors=supervisors_for(database, employee),
        competences=to_rate,
        scale=scale,
    )


def ratings_from(
    competences: list[Competence], levels: dict[str, int | None], earlier: SupervisorConsultation | None = None
) -> list[ConsultationRating]:
    """The consultation's ratings from ``levels`` (competence id -> level, None: not rated); ratings
    ``earlier`` gave to competences that are no longer in the dictionary are kept."""
    shown = {item.id for item in competences}
    kept = [rating for rating in earlier.competence_ratings if rating.competence_id not in shown] if earlier else []
    return kept + [
        ConsultationRating(competence_id=item.id, name=item.name, rating=level)
        for item in competences
        if (level := levels.get(item.id)) is not None
    ]


def save_consultation(
    database: Database,
    trajectory: Trajectory,
    values: dict[str, Any],
    consultation: SupervisorConsultation | None = None,
) -> SupervisorConsultation:
    """Store a new or changed consultation (raises ValidationError per field). A new one ticks
    off the first planned 'tussentijds overleg' step of the trajectory's contact moments."""
    base = (
        consultation.model_dump()
        if consultation
        else {"employee_id": trajectory.employee_id, "trajectory_id": trajectory.id}
    )
    updated = SupervisorConsultation.model_validate({**base, **values})
    step_moment = None if consultation else _first_open_consultation_step(database, trajectory)
    with database.transaction() as transaction:
        saved = transaction.save(updated)
        if step_moment is not None:
            transaction.save(step_moment)
    return saved


def _first_open_consultation_step(database: Database, trajectory: Trajectory) -> ContactMoment | None:
    moments = sorted(
        database.list(
            ContactMoment,
            employee_id=trajectory.employee_id,
            where=lambda moment: moment.trajectory_id == trajectory.id,
        ),
        key=lambda moment: moment.number,
    )
    for moment in moments:
        for index, step in enumerate(moment.between_steps):
            if step.kind is BetweenStepKind.SUPERVISOR_CONSULTATION and not step.done:
                steps = list(moment.between_steps)
                steps[index] = step.model_copy(update={"done": True})
                return moment.model_copy(update={"between_steps": steps})
    return None


def delete_consultation(database: Database, consultation: SupervisorConsultation) -> None:
    database.delete(consultation)
