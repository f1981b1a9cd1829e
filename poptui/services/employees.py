"""Employees: saving with a duplicate check, archiving, and what the employee page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import label
from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Organisation,
    Person,
    Trajectory,
    TrajectoryStatus,
)
from poptui.services.directory import fold, trajectories_of
from poptui.store import Database

RUNNING = (TrajectoryStatus.ACTIVE, TrajectoryStatus.PAUSED, TrajectoryStatus.PLANNED)


def name_key(first_name: str, last_name: str) -> str:
    """What makes two names the same person: 'Jan D'Hondt' = 'jan  dhondt' = 'JAN D’HONDT'."""
    return f"{fold(first_name)}|{fold(last_name)}"


def find_duplicate(database: Database, employee: Employee) -> Employee | None:
    """Another employee of the same organisation with the same first and last name (archived ones too)."""
    key = name_key(employee.first_name, employee.last_name)
    for other in database.list(Employee, organisation_id=employee.organisation_id):
        if other.id != employee.id and name_key(other.first_name, other.last_name) == key:
            return other
    return None


def duplicate_error(employee: Employee, existing: Employee) -> ValidationError:
    """A validation error on the last name, so the form shows it next to the field."""
    archived = _(" (gearchiveerd)") if existing.archived else ""
    message = _(
        "Er bestaat al een werknemer {name}{archived} in deze organisatie.", name=existing.full_name, archived=archived
    )
    return ValidationError.from_exception_data(
        "Employee",
        [{"type": "value_error", "loc": ("last_name",), "input": employee.last_name, "ctx": {"error": message}}],
    )


def get_employee(database: Database, employee_id: str) -> Employee:
    """The employee; raises :class:`~poptui.services.NotFound`."""
    return database.get(Employee, employee_id)


def find_employee(database: Database, employee_id: str) -> Employee | None:
    return database.find(Employee, employee_id)


def build_employee(database: Database, values: dict[str, Any], employee_id: str | None = None) -> Employee:
    """The validated employee from form values (a new one when ``employee_id`` is None)."""
    current = database.get(Employee, employee_id) if employee_id else None
    merged = {**(current.model_dump() if current else {}), **values}
    return Employee.model_validate(merged)


def save_employee(database: Database, values: dict[str, Any], employee_id: str | None = None) -> Employee:
    """Create or update an employee; refuses a second employee with the same name in the organisation."""
    if employee_id is not None:  # consent changes only through services.consent (a record of events)
        values = {key: value for key, value in values.items() if key != "consent_date"}
    employee = build_employee(database, values, employee_id)
    existing = find_duplicate(database, employee)
    if existing is not None:
        raise duplicate_error(employee, existing)
    if employee_id is None and employee.consent_date is not None:
        from poptui.services.import_employees import consent_given_event

        with database.transaction() as transaction:
            saved = transaction.save(employee)
            transaction.save(consent_given_event(saved, database.actor, _("Geregistreerd bij het aanmaken")))
        return saved
    return database.save(employee)


def set_archived(database: Database, employee_id: str, archived: bool) -> Employee:
    """Archive (hide from lists, keep everything) or bring back an employee."""
    employee = database.get(Employee, employee_id)
    if employee.archived == archived:
        return employee
    return database.save(employee.model_copy(update={"archived": archived}))


def consent_text(employee: Employee) -> str:
    if employee.consent_date is None:
        return _("nog niet gegeven")
    return _("gegeven op {date}", date=format_date(employee.consent_date))


@dataclass(frozen=True)
class TrajectoryLine:
    """One trajectory as the employee page lists it."""

    trajectory: Trajectory
    follow_up_of: Trajectory | None
    held: int
    planned: int

    @property
    def start_text(self) -> str:
        start = self.trajectory.start_date
        return format_date(start) if start else _("nog niet gestart")

    @property
    def kind_text(self) -> str:
        if self.trajectory.previous_trajectory_id is None:
            return _("Eerste POP")
        previous = self.follow_up_of
        if previous is None:
            return _("Vervolg-POP")
        when = previous.start_date or previous.completion_date
        return _("Vervolg op POP van {date}", date=format_date(when)) if when else _("Vervolg-POP")

    @property
    def status_text(self) -> str:
        return label(self.trajectory.status)


@dataclass
class EmployeeOverview:
    """Everything the employee page shows."""

    employee: Employee
    organisation: Organisation | None
    supervisor: Person | None
    trajectories: list[TrajectoryLine] = field(default_factory=list)

    @property
    def consent(self) -> str:
        return consent_text(self.employee)

    @property
    def latest_completed(self) -> Trajectory | None:
        """The last completed trajectory: a new one follows it up (it starts with its evaluation)."""
        done = [line.trajectory for line in self.trajectories if line.trajectory.status is TrajectoryStatus.COMPLETED]
        return max(done, key=lambda item: item.completion_date or date.min, default=None)

    @property
    def running(self) -> Trajectory | None:
        return next((line.trajectory for line in self.trajectories if line.trajectory.status in RUNNING), None)


def employee_overview(database: Database, employee_id: str) -> EmployeeOverview:
    employee = database.get(Employee, employee_id)
    organisation = database.find(Organisation, employee.organisation_id)
    supervisor = database.find(Person, employee.supervisor_id) if employee.supervisor_id else None
    trajectories = trajectories_of(database, employee_id)
    by_id = {trajectory.id: trajectory for trajectory in trajectories}
    moments = database.list(ContactMoment, employee_id=employee_id)
    lines = []
    for trajectory in trajectories:
        own = [moment for moment in moments if moment.trajectory_id == trajectory.id]
        held = sum(1 for moment in own if moment.status is ContactMomentStatus.HELD)
        planned = sum(1 for moment in own if moment.status is not ContactMomentStatus.SKIPPED)
        previous = by_id.get(trajectory.previous_trajectory_id or "")
        lines.append(TrajectoryLine(trajectory, previous, held, planned))
    return EmployeeOverview(employee, organisation, supervisor, lines)


def trajectory_status_by_employee(database: Database) -> dict[str, str]:
    """For the employee list: the status label of each employee's running (else latest) trajectory."""
    latest: dict[str, Trajectory] = {}
    for trajectory in database.list(Trajectory):
        known = latest.get(trajectory.employee_id)
        if known is None or _rank(trajectory) > _rank(known):
            latest[trajectory.employee_id] = trajectory
    return {employee_id: label(trajectory.status) for employee_id, trajectory in latest.items()}


def _rank(trajectory: Trajectory) -> tuple[bool, date]:
    return (trajectory.status in RUNNING, trajectory.start_date or trajectory.completion_date or date.min)
