"""What needs the coach's attention: the home screen's lists.

Rules:

- A contact moment is overdue when it is planned, dated before today, in a planned or active
  trajectory (:func:`poptui.services.trajectory_status.moment_overdue`).
- An action of a final POP is late when its deadline lies before today and it is not done
  (latest progress below 5), unless it is *closed* (:func:`closed_action_ids`): evaluated in a
  follow-up POP, or its trajectory's follow-up is completed, or its trajectory was stopped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from poptui.models import (
    ActionEvaluation,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    PopAction,
    PopDocument,
    PopStatus,
    Trajectory,
    TrajectoryStatus,
)
from poptui.services.pop_rules import check_pop
from poptui.services.trajectory_status import moment_overdue
from poptui.store import Database

OPEN_STATUSES = (TrajectoryStatus.PLANNED, TrajectoryStatus.ACTIVE, TrajectoryStatus.PAUSED)


@dataclass(frozen=True)
class TrajectoryLine:
    trajectory: Trajectory
    employee: Employee
    next_moment: ContactMoment | None
    held: int
    planned: int


@dataclass(frozen=True)
class OverdueMoment:
    trajectory: Trajectory
    employee: Employee
    moment: ContactMoment


@dataclass(frozen=True)
class LateAction:
    trajectory: Trajectory
    employee: Employee
    action: PopAction


@dataclass
class Attention:
    my_trajectories: list[TrajectoryLine] = field(default_factory=list)
    overdue_moments: list[OverdueMoment] = field(default_factory=list)
    pops_ready: list[tuple[Trajectory, Employee]] = field(default_factory=list)
    late_actions: list[LateAction] = field(default_factory=list)


def closed_action_ids(
    trajectory: Trajectory,
    pop: PopDocument,
    trajectories: Sequence[Trajectory],
    evaluations: Sequence[ActionEvaluation],
) -> set[str]:
    """The actions of ``pop`` (the POP of ``trajectory``) that can no longer be late: every one when
    the trajectory was stopped or a later trajectory of the employee (its follow-up, or one started
    after it was completed) is completed; otherwise those evaluated in a follow-up POP."""
    all_ids = {action.id for action in pop.actions}
    if trajectory.status is TrajectoryStatus.STOPPED:
        return all_ids
    for other in trajectories:
        if other.id == trajectory.id or other.status is not TrajectoryStatus.COMPLETED:
            continue
        follows = other.previous_trajectory_id == trajectory.id
        later = (
            trajectory.completion_date is not None
            and other.start_date is not None
            and other.start_date > trajectory.completion_date
        )
        if follows or later:
            return all_ids
    return {evaluation.action_id for evaluation in evaluations if evaluation.previous_trajectory_id == trajectory.id}


def late_actions(
    trajectory: Trajectory,
    pop: PopDocument,
    trajectories: Sequence[Trajectory],
    evaluations: Sequence[ActionEvaluation],
    today: date,
) -> list[PopAction]:
    """The actions of a final POP that are over their deadline, not done and not closed."""
    if pop.status is not PopStatus.FINAL:
        return []
    closed = closed_action_ids(trajectory, pop, trajectories, evaluations)
    return [
        action
        for action in pop.actions
        if action.deadline and action.deadline < today and action.latest_progress < 5 and action.id not in closed
    ]


def attention_for(database: Database, coach_id: str | None, today: date) -> Attention:
    """Open trajectories of the coach (all coaches when ``coach_id`` is None) and what is late."""
    employees = {employee.id: employee for employee in database.list(Employee)}
    every_trajectory = [trajectory for trajectory in database.list(Trajectory) if trajectory.employee_id in employees]
    result = Attention()
    by_employee: dict[str, list[Trajectory]] = {}
    all_of_employee: dict[str, list[Trajectory]] = {}
    for trajectory in every_trajectory:
        all_of_employee.setdefault(trajectory.employee_id, []).append(trajectory)
        if coach_id is None or trajectory.coach_id == coach_id:
            by_employee.setdefault(trajectory.employee_id, []).append(trajectory)
    for employee_id, own in by_employee.items():
        employee = employees[employee_id]
        if employee.archived:
            continue
        open_ones = [trajectory for trajectory in own if trajectory.status in OPEN_STATUSES]
        if not open_ones and not any(t.status is TrajectoryStatus.COMPLETED for t in own):
            continue
        moments = database.list(ContactMoment, employee_id=employee_id)
        pops = {pop.trajectory_id: pop for pop in database.list(PopDocument, employee_id=employee_id)}
        for trajectory in open_ones:
            own_moments = sorted(
                (moment for moment in moments if moment.trajectory_id == trajectory.id), key=lambda m: m.number
            )
            planned = [moment for moment in own_moments if moment.status is ContactMomentStatus.PLANNED]
            upcoming = [moment for moment in planned if moment.date is None or moment.date >= today]
            result.my_trajectories.append(
                TrajectoryLine(
                    trajectory,
                    employee,
                    upcoming[0] if upcoming else (planned[0] if planned else None),
                    sum(moment.status is ContactMomentStatus.HELD for moment in own_moments),
                    sum(moment.status is not ContactMomentStatus.SKIPPED for moment in own_moments),
                )
            )
            result.overdue_moments.extend(
                OverdueMoment(trajectory, employee, moment)
                for moment in planned
                if moment_overdue(moment, trajectory, today)
            )
            pop = pops.get(trajectory.id)
            if pop and pop.status is PopStatus.DRAFT and pop.actions and check_pop(pop, today).ok:
                result.pops_ready.append((trajectory, employee))
        evaluations: list[ActionEvaluation] | None = None
        for trajectory in own:
            pop = pops.get(trajectory.id)
            if pop is None or pop.status is not PopStatus.FINAL:
                continue
            if evaluations is None:
                evaluations = database.list(ActionEvaluation, employee_id=employee_id)
            result.late_actions.extend(
                LateAction(trajectory, employee, action)
                for action in late_actions(trajectory, pop, all_of_employee[employee_id], evaluations, today)
            )
    result.my_trajectories.sort(
        key=lambda line: (
            line.next_moment is None or line.next_moment.date is None,
            line.next_moment.date if line.next_moment and line.next_moment.date else today,
        )
    )
    result.overdue_moments.sort(key=lambda item: item.moment.date or today)
    result.late_actions.sort(key=lambda item: item.action.deadline or today)
    return result
