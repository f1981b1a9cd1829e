"""What needs the coach's attention: the home screen's lists.

Rules:

- A contact moment is overdue when it is planned, dated before today, in a planned or active
  trajectory (:func:`poptui.services.trajectory_status.moment_overdue`).
- An action of a final POP is late when its deadline lies before today and it is not done
  (latest progress below 5), unless it is *closed* (:func:`closed_action_ids`): evaluated in a
  follow-up POP, or its trajectory's follow-up is completed, or its trajectory was stopped.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING, Any, Protocol

from poptui.models import CompetenceKind, ContactMomentStatus, PopStatus, TrajectoryStatus
from poptui.services.pop_rules import check_actions
from poptui.services.summary_facts import (
    EmployeeFacts,
    TrajectoryFacts,
    clock_time,
    day,
    employee_facts,
    employee_trajectories,
)
from poptui.services.trajectory_status import moment_overdue
from poptui.store import Database
from poptui.store.summaries import Summary

if TYPE_CHECKING:
    from poptui.models import ActionEvaluation, PopAction, PopDocument, Trajectory

OPEN_STATUSES = (TrajectoryStatus.PLANNED, TrajectoryStatus.ACTIVE, TrajectoryStatus.PAUSED)


@dataclass(frozen=True)
class MomentFacts:
    """A planned contact moment."""

    id: str
    number: int
    date: date | None
    start_time: time | None
    status: ContactMomentStatus = ContactMomentStatus.PLANNED


@dataclass(frozen=True)
class ActionFacts:
    """An open action of a final POP."""

    id: str
    what: str
    deadline: date | None


@dataclass(frozen=True)
class TrajectoryLine:
    trajectory: TrajectoryFacts
    employee: EmployeeFacts
    next_moment: MomentFacts | None
    held: int
    planned: int


@dataclass(frozen=True)
class OverdueMoment:
    trajectory: TrajectoryFacts
    employee: EmployeeFacts
    moment: MomentFacts


@dataclass(frozen=True)
class LateAction:
    trajectory: TrajectoryFacts
    employee: EmployeeFacts
    action: ActionFacts


@dataclass
class Attention:
    my_trajectories: list[TrajectoryLine] = field(default_factory=list)
    overdue_moments: list[OverdueMoment] = field(default_factory=list)
    pops_ready: list[tuple[TrajectoryFacts, EmployeeFacts]] = field(default_factory=list)
    late_actions: list[LateAction] = field(default_factory=list)
    has_employees: bool = False
    """Is there any employee (not archived) at all (what the empty home screen says depends on it)."""


class _Trajectory(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> TrajectoryStatus: ...
    @property
    def previous_trajectory_id(self) -> str | None: ...
    @property
    def start_date(self) -> date | None: ...
    @property
    def completion_date(self) -> date | None: ...


class _Evaluation(Protocol):
    @property
    def previous_trajectory_id(self) -> str: ...
    @property
    def action_id(self) -> str: ...


def closed_action_ids(
    trajectory: _Trajectory,
    pop: PopDocument,
    trajectories: Sequence[_Trajectory],
    evaluations: Sequence[_Evaluation],
) -> set[str]:
    """The actions of ``pop`` (the POP of ``trajectory``) that can no longer be late: every one when
    the trajectory was stopped or a later trajectory of the employee (its follow-up, or one started
    after it was completed) is completed; otherwise those evaluated in a follow-up POP."""
    if _all_closed(trajectory, trajectories):
        return {action.id for action in pop.actions}
    return {evaluation.action_id for evaluation in evaluations if evaluation.previous_trajectory_id == trajectory.id}


def _all_closed(trajectory: _Trajectory, trajectories: Iterable[_Trajectory]) -> bool:
    if trajectory.status is TrajectoryStatus.STOPPED:
        return True
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
            return True
    return False


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


# -- from the store's summaries (poptui.store.summaries) -------------------------------------------


@dataclass(frozen=True)
class DraftActionFacts:
    """What the POP rules read of an action of a draft POP, from the summaries (the store wrote and
    validated it): checking a draft at start builds no model, so no model schema before the first paint."""

    id: str
    what: str
    deadline: date | None
    result: str
    who_helps: str
    kind: CompetenceKind

    @classmethod
    def of(cls, stored: Mapping[str, Any]) -> DraftActionFacts:
        return cls(
            str(stored.get("id", "")),
            str(stored.get("what", "")),
            day(stored.get("deadline")),
            str(stored.get("result", "")),
            str(stored.get("who_helps", "")),
            CompetenceKind(stored.get("kind", CompetenceKind.OTHER.value)),
        )


def _pop_ready(pop: Sequence[Any] | None, today: date) -> bool:
    if not pop or pop[1] != PopStatus.DRAFT.value or not pop[2]:
        return False
    return check_actions([DraftActionFacts.of(action) for action in pop[2]], today).ok


def _name_key(employee: EmployeeFacts) -> tuple[str, str, str]:
    return (employee.last_name.lower(), employee.first_name.lower(), employee.id)


def attention_for(database: Database, coach_id: str | None, today: date) -> Attention:
    """Open trajectories of the coach (all coaches when ``coach_id`` is None) and what is late.

    Read from the store's summaries (a few files, whatever the number of employees); they are
    built first when missing. The home screen uses :func:`attention_now` and
    :func:`attention_checked` instead, to paint before anything slow happens.
    """
    return attention_from(database.summaries(coach_id=coach_id, every=coach_id is None), coach_id, today)


_now_cache: dict[tuple[Hashable, str | None, date], Attention] = {}


def attention_now(database: Database, coach_id: str | None, today: date) -> Attention | None:
    """:func:`attention_for` from the summaries as they are, or None when they must be built first
    (the first start after an upgrade or a restore: then :func:`attention_checked`, in a worker).
    While nothing changed, the same object is returned again (a screen can tell it need not redraw)."""
    key = (database.summaries_stamp(), coach_id, today)
    cached = _now_cache.get(key)
    if cached is not None:
        return cached
    entries = database.summaries(build=False, coach_id=coach_id, every=coach_id is None)
    if entries is None:
        return None
    attention = attention_from(entries, coach_id, today)
    _now_cache.clear()
    _now_cache[key] = attention
    return attention


def attention_checked(database: Database, coach_id: str | None, today: date) -> Attention:
    """:func:`attention_for` after bringing the summaries in line with the data files: a ``stat`` per
    dossier, and reading what changed without poptui (another tool, a restore, an interrupted save)."""
    entries = database.summaries_changed(coach_id=coach_id, every=coach_id is None)
    if entries is None:  # as they were read: what was built from them holds (no entry per employee made again)
        now = attention_now(database, coach_id, today)
        if now is not None:
            return now
        entries = database.summaries(coach_id=coach_id, every=coach_id is None)
    return attention_from(entries, coach_id, today)


def _entry_attention(employee_id: str, entry: Summary, coach_id: str | None, today: date) -> Attention:
    """What one employee's summary adds to the home screen; only the coach's employees are parsed."""
    result = Attention()
    if entry.archived is None or entry.archived:
        return result
    result.has_employees = True
    if coach_id is not None and coach_id not in entry.coaches:
        return result
    employee_part = entry.get("employee")
    if not employee_part or employee_part.get("archived"):
        return result
    result.has_employees = True
    trajectory_parts = entry.get("trajectories") or {}
    if not trajectory_parts:
        return result
    if coach_id is not None and all(part[0] != coach_id for part in trajectory_parts.values()):
        return result
    employee = employee_facts(employee_id, employee_part)
    every = employee_trajectories(employee_id, entry)
    own = [trajectory for trajectory in every if coach_id is None or trajectory.coach_id == coach_id]
    dossier = entry.get("dossier") or {}
    moments = dossier.get("moments") or {}
    pops = dossier.get("pops") or {}
    for trajectory in own:
        if trajectory.status not in OPEN_STATUSES:
            continue
        held, counted, planned_parts = moments.get(trajectory.id) or (0, 0, [])
        planned = [
            MomentFacts(str(moment_id), int(number), day(planned_day), clock_time(start))
            for moment_id, number, planned_day, start in planned_parts
        ]
        upcoming = [moment for moment in planned if moment.date is None or moment.date >= today]
        result.my_trajectories.append(
            TrajectoryLine(
                trajectory,
                employee,
                upcoming[0] if upcoming else (planned[0] if planned else None),
                int(held),
                int(counted),
            )
        )
        result.overdue_moments.extend(
            OverdueMoment(trajectory, employee, moment)
            for moment in planned
            if moment_overdue(moment, trajectory, today)
        )
        if _pop_ready(pops.get(trajectory.id), today):
            result.pops_ready.append((trajectory, employee))
    for trajectory in own:
        pop = pops.get(trajectory.id)
        if not pop or pop[1] != PopStatus.FINAL.value or _all_closed(trajectory, every):
            continue
        for action_id, what, deadline_text in pop[2]:  # open, not evaluated in a follow-up
            deadline = day(deadline_text)
            if deadline and deadline < today:
                result.late_actions.append(
                    LateAction(trajectory, employee, ActionFacts(str(action_id), str(what), deadline))
                )
    return result


def attention_from(entries: Mapping[str, Summary], coach_id: str | None, today: date) -> Attention:
    """:func:`attention_for` from the summaries ``entries`` (by employee id). An entry that cannot be
    read (a damaged file it came from, which ``poptui check`` reports) is left out, not a crash."""
    result = Attention()
    for employee_id, entry in entries.items():
        try:
            found = _entry_attention(employee_id, entry, coach_id, today)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            continue
        result.has_employees = result.has_employees or found.has_employees
        result.my_trajectories += found.my_trajectories
        result.overdue_moments += found.overdue_moments
        result.pops_ready += found.pops_ready
        result.late_actions += found.late_actions

    result.my_trajectories.sort(
        key=lambda line: (
            line.next_moment is None or line.next_moment.date is None,
            line.next_moment.date if line.next_moment and line.next_moment.date else today,
            _name_key(line.employee),
        )
    )
    result.overdue_moments.sort(key=lambda item: (item.moment.date or today, _name_key(item.employee)))
    result.pops_ready.sort(key=lambda item: _name_key(item[1]))
    result.late_actions.sort(key=lambda item: (item.action.deadline or today, _name_key(item.employee)))
    return result
