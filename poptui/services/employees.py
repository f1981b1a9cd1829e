"""Employees: saving with a duplicate check, archiving, and what the employee page shows."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
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
from poptui.services.directory import fold, search_key, trajectories_of
from poptui.services.summary_facts import employee_facts
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


@dataclass(frozen=True)
class EmployeeRow:
    """One line of the employee list."""

    id: str
    first_name: str
    last_name: str
    function: str
    organisation: str
    """The organisation's name."""
    archived: bool
    status: str
    """The label of the running (else latest) trajectory's status, or '-'."""
    search: str
    """What the filter compares with (:func:`poptui.services.directory.search_key` of name and function)."""
    organisation_id: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


_rows_cache: dict[tuple[Hashable, str | None], list[EmployeeRow]] = {}


def employee_rows(database: Database, organisation_id: str | None = None) -> list[EmployeeRow]:
    """The employee list (archived ones included), by last and first name, from the store's summaries:
    a few files whatever the number of employees, no dossier read. While nothing changed, the same
    list object is returned again (a screen can tell it need not redraw)."""
    key = (database.summaries_stamp(), organisation_id)
    cached = _rows_cache.get(key)
    if cached is None:
        cached = _employee_rows(database, organisation_id)
        _rows_cache.clear()
        _rows_cache[key] = cached
    return cached


@dataclass
class _Built:
    """The rows built last: per employee the row and the stored summary it was built from, and the
    organisation names then. After a save only the entries of the summary file it rewrote are built
    again (at 20,000 employees: about 160 instead of 20,000)."""

    names: dict[str, str] = field(default_factory=dict)
    rows: dict[str, tuple[object, EmployeeRow | None]] = field(default_factory=dict)


_built = _Built()


def _employee_rows(database: Database, organisation_id: str | None) -> list[EmployeeRow]:
    """The rows, built from the summaries' raw parts: no record and no per-trajectory object (at 20,000
    employees building one :class:`~poptui.services.summary_facts.TrajectoryFacts` per trajectory
    took two seconds, to show one status per employee). An entry whose stored summary is the one a
    row was built from (unchanged since, see :attr:`~poptui.store.summaries.Summary.stored`) keeps
    that row, as long as the organisation names are the same. The names are read as stored
    (:func:`~poptui.services.trajectory_list.organisation_facts`): validating the organisations built
    their model's schema on the first open of the list (about 50 ms)."""
    from poptui.services.trajectory_list import organisation_facts

    names = {organisation_id: facts.name for organisation_id, facts in organisation_facts(database).items()}
    before = _built.rows if names == _built.names else {}
    built: dict[str, tuple[object, EmployeeRow | None]] = {}
    rows = []
    for employee_id, entry in database.summaries().items():
        cached = before.get(employee_id)
        if cached is not None and cached[0] is entry.stored:
            built[employee_id] = cached
            row = cached[1]
        else:
            row = _employee_row(employee_id, entry, names)
            built[employee_id] = (entry.stored, row)
        if row is not None and (organisation_id is None or row.organisation_id == organisation_id):
            rows.append(row)
    _built.names, _built.rows = names, built
    rows.sort(key=lambda row: (row.last_name.lower(), row.first_name.lower(), row.id))
    return rows


def _employee_row(employee_id: str, entry: Mapping[str, Any], names: Mapping[str, str]) -> EmployeeRow | None:
    """The row of one summary entry; None without an employee part or for a damaged summary (poptui
    check reports the file it came from)."""
    try:
        part = entry.get("employee")
        if not part:
            return None
        employee = employee_facts(employee_id, part)
        status = latest_status(entry.get("trajectories") or {})
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return EmployeeRow(
        employee.id,
        employee.first_name,
        employee.last_name,
        employee.function,
        names.get(employee.organisation_id, "?"),
        employee.archived,
        label(status) if status is not None else "-",
        part.get("search") or search_key(employee.first_name, employee.last_name, employee.function),
        employee.organisation_id,
    )


_RUNNING_VALUES = frozenset(status.value for status in RUNNING)


def latest_status(trajectories: Mapping[str, Sequence[Any]]) -> TrajectoryStatus | None:
    """The status the employee list shows, from a summary's trajectories part: the running trajectory's,
    else the one started (or completed) last (the first of equals); None without trajectories. The
    dates are checked as dates: a damaged summary raises ValueError, as building its facts did."""
    best: tuple[bool, date] | None = None
    chosen: Any = None
    for part in trajectories.values():
        status, start_date, completion_date = part[2], part[3], part[4]
        when = start_date or completion_date
        rank = (status in _RUNNING_VALUES, date.fromisoformat(when) if when else date.min)
        if best is None or rank > best:
            best, chosen = rank, status
    return TrajectoryStatus(chosen) if best is not None else None
