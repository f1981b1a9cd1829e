"""The coach's agenda: the planned contact moments of their employees, by day.

Rules:

- An appointment is a contact moment that is planned (not held, not skipped) and dated, in a
  planned or active trajectory of the coach (of every coach when ``coach_id`` is None) whose
  employee is not archived. A paused trajectory has no appointments.
- :func:`agenda` groups them: overdue (before today: held but not recorded yet, or to plan
  again), today, the rest of this week (to Sunday), next week. Within a group by day, then
  start time (a moment without a time last on its day), then employee name.
- The next moment due (:attr:`Agenda.next_due`) is the oldest overdue appointment, else the
  first one from today on: the one to record or prepare first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from poptui.models import ContactMoment, ContactMomentStatus, Employee, Trajectory, TrajectoryStatus
from poptui.store import Database

RUNNING = (TrajectoryStatus.PLANNED, TrajectoryStatus.ACTIVE)


@dataclass(frozen=True)
class Appointment:
    day: date
    start: time | None
    employee: Employee
    trajectory: Trajectory
    moment: ContactMoment

    def sort_key(self) -> tuple[date, bool, time, str]:
        return (self.day, self.start is None, self.start or time(0), self.employee.full_name.lower())


@dataclass(frozen=True)
class Agenda:
    today: date
    overdue: list[Appointment] = field(default_factory=list)
    today_items: list[Appointment] = field(default_factory=list)
    this_week: list[Appointment] = field(default_factory=list)
    next_week: list[Appointment] = field(default_factory=list)

    @property
    def next_due(self) -> Appointment | None:
        for group in (self.overdue, self.today_items, self.this_week, self.next_week):
            if group:
                return group[0]
        return None

    @property
    def is_empty(self) -> bool:
        return self.next_due is None


def appointments(database: Database, coach_id: str | None, until: date) -> list[Appointment]:
    """Every appointment (see the module) dated up to and including ``until``, in order."""
    employees = {employee.id: employee for employee in database.list(Employee) if not employee.archived}
    running: dict[str, list[Trajectory]] = {}
    for trajectory in database.list(Trajectory):
        if trajectory.employee_id not in employees or trajectory.status not in RUNNING:
            continue
        if coach_id is not None and trajectory.coach_id != coach_id:
            continue
        running.setdefault(trajectory.employee_id, []).append(trajectory)
    found: list[Appointment] = []
    for employee_id, trajectories in running.items():
        by_id = {trajectory.id: trajectory for trajectory in trajectories}
        for moment in database.list(ContactMoment, employee_id=employee_id):
            own = by_id.get(moment.trajectory_id)
            if own is None or moment.status is not ContactMomentStatus.PLANNED or moment.date is None:
                continue
            if moment.date <= until:
                found.append(Appointment(moment.date, moment.start_time, employees[employee_id], own, moment))
    return sorted(found, key=Appointment.sort_key)


def agenda(database: Database, coach_id: str | None, today: date) -> Agenda:
    """The appointments of the coach from the oldest overdue one to the end of next week."""
    end_of_week = today + timedelta(days=6 - today.weekday())
    end_of_next_week = end_of_week + timedelta(days=7)
    result = Agenda(today)
    for appointment in appointments(database, coach_id, end_of_next_week):
        if appointment.day < today:
            result.overdue.append(appointment)
        elif appointment.day == today:
            result.today_items.append(appointment)
        elif appointment.day <= end_of_week:
            result.this_week.append(appointment)
        else:
            result.next_week.append(appointment)
    return result


def next_due(database: Database, coach_id: str | None, today: date) -> Appointment | None:
    """The contact moment to record or prepare first (see the module); None when nothing is planned."""
    first = agenda(database, coach_id, today).next_due
    if first is not None:
        return first
    later = appointments(database, coach_id, date.max)
    return later[0] if later else None
