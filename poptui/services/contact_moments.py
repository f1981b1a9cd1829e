"""Contact moments: recording a held one, skipping, adding and removing planned ones,
the collective opstart for several employees at once, and the next appointment.

Date rules: a moment recorded as held cannot lie after today (refused, with the date named);
a moment dated before an earlier-numbered one or after a later-numbered one is saved with a
warning naming both dates (:func:`order_warnings`): the coach may be right, but should look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from datetime import date as Day  # the field "date" of MomentDetails hides the type inside the class
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError, ValidationInfo, field_validator

from poptui import clock
from poptui.i18n import _
from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    MethodKind,
    MethodRecordBase,
    Phase,
    Trajectory,
    TrajectoryStatus,
    new_id,
)
from poptui.models.base import Line, Model, OptionalDay, Text
from poptui.models.errors import dutch_summary
from poptui.services.trajectory_status import OPEN_STATUSES, StatusRefused, started
from poptui.store import Database, Transaction

_TIME = re.compile(r"^\s*(\d{1,2})(?:\s*[:uh.]\s*(\d{2})?)?\s*$", re.IGNORECASE)


def _parse_time(value: Any) -> Any:
    """Accept 9:30, 09:30, 9u30, 9.30, 9u and 9; an empty text means no time."""
    if isinstance(value, str):
        if not value.strip():
            return None
        match = _TIME.match(value)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
            if hour < 24 and minute < 60:
                return time(hour, minute)
    return value


def _parse_minutes(value: Any) -> Any:
    if isinstance(value, str):
        stripped = value.strip().lower().removesuffix("min").removesuffix("minuten").strip()
        return stripped or None
    return value


OptionalTime = Annotated[time | None, BeforeValidator(_parse_time)]


class MomentDetails(Model):
    """What the coach fills in for a contact moment (the form of the contact-moment screen)."""

    status: ContactMomentStatus = Field(default=ContactMomentStatus.HELD, title="Status")
    date: OptionalDay = Field(default=None, title="Datum")
    start_time: OptionalTime = Field(default=None, title="Beginuur")
    duration_minutes: Annotated[int, BeforeValidator(_parse_minutes)] = Field(
        default=60, ge=0, le=600, title="Duur (minuten)"
    )
    phase: Phase = Field(title="Fase")
    collective: bool = Field(default=False, title="Collectief")
    attendees: Line = Field(default="", title="Aanwezigen", max_length=1000)
    supervisor_present: bool = Field(default=False, title="Werkvloerbegeleider aanwezig")
    notes: Text = Field(default="", title="Notities", max_length=20000)
    homework_given: Text = Field(default="", title="Huiswerk meegegeven", max_length=5000)
    homework_returned: Text = Field(default="", title="Huiswerk teruggebracht", max_length=5000)
    next_date: OptionalDay = Field(default=None, title="Volgende afspraak")
    next_time: OptionalTime = Field(default=None, title="Uur volgende afspraak")

    @field_validator("date")
    @classmethod
    def _held_not_in_the_future(cls, value: Day | None, info: ValidationInfo) -> Day | None:
        today = (info.context or {}).get("today") or clock.today()
        if value is not None and info.data.get("status") is ContactMomentStatus.HELD and value > today:
            raise ValueError(future_message(value, today))
        return value

    def attendee_list(self) -> list[str]:
        return [name.strip() for name in re.split(r"[,;]", self.attendees) if name.strip()]

    def next_appointment(self) -> datetime | None:
        if self.next_date is None:
            return None
        return datetime.combine(self.next_date, self.next_time or time(0, 0))


_CONVERTED = frozenset({"attendees", "duration_minutes", "next_date", "next_time"})
"""Form fields that the moment stores in another shape: the attendees as one line, the duration as
typed text, the next appointment as a date and a time (:func:`details_of` and :func:`_apply`)."""
_STORED_AS_IS = tuple(
    name for name in MomentDetails.model_fields if name in ContactMoment.model_fields and name not in _CONVERTED
)
"""The form fields a contact moment stores as they are: a new one is declared in both models, nowhere else."""


def details_of(moment: ContactMoment) -> dict[str, Any]:
    """The form values of a stored moment (the inverse of :func:`_apply`)."""
    values: dict[str, Any] = {name: getattr(moment, name) for name in _STORED_AS_IS}
    appointment = moment.next_appointment
    values.update(
        duration_minutes=str(moment.duration_minutes),
        attendees=", ".join(moment.attendees),
        next_date=appointment.date() if appointment else None,
        next_time=appointment.time() if appointment and appointment.time() != time(0, 0) else None,
    )
    return values


class MomentRefused(StatusRefused):
    """A change to a contact moment the rules do not allow (Dutch message)."""


def future_message(day: date, today: date) -> str:
    return _(
        "Een gehouden contactmoment kan niet in de toekomst liggen: {day} is na vandaag ({today}). "
        "Verbeter de datum, of laat het contactmoment op gepland staan tot het gehouden is.",
        day=day.strftime("%d/%m/%Y"),
        today=today.strftime("%d/%m/%Y"),
    )


def order_warnings(moment: ContactMoment, moments: list[ContactMoment]) -> list[str]:
    """Warnings when ``moment`` is dated before an earlier-numbered moment or after a later-numbered
    one of the same trajectory (skipped and undated moments do not count). Each names both dates."""
    if moment.date is None or moment.status is ContactMomentStatus.SKIPPED:
        return []
    warnings = []
    for other in sorted(moments, key=lambda item: item.number):
        if other.id == moment.id or other.date is None or other.status is ContactMomentStatus.SKIPPED:
            continue
        if other.number < moment.number and other.date > moment.date:
            warnings.append(
                _(
                    "Contactmoment {number} staat op {date}, vóór contactmoment {other} ({other_date}). "
                    "Klopt de volgorde?",
                    number=moment.number,
                    date=moment.date.strftime("%d/%m/%Y"),
                    other=other.number,
                    other_date=other.date.strftime("%d/%m/%Y"),
                )
            )
        elif other.number > moment.number and other.date < moment.date:
            warnings.append(
                _(
                    "Contactmoment {number} staat op {date}, na contactmoment {other} ({other_date}). "
                    "Klopt de volgorde?",
                    number=moment.number,
                    date=moment.date.strftime("%d/%m/%Y"),
                    other=other.number,
                    other_date=other.date.strftime("%d/%m/%Y"),
                )
            )
    return warnings


@dataclass
class MomentSaved:
    """What saving did, so the screen can tell the coach."""

    moment: ContactMoment
    trajectory: Trajectory
    trajectory_started: bool = False
    next_moment: ContactMoment | None = None
    """The next planned moment when the next appointment gave it its date."""
    others: list[ContactMoment] = field(default_factory=list)
    """For a collective opstart: the moments of the other employees."""
    warnings: list[str] = field(default_factory=list)
    """Saved, but worth a look: moments dated out of order (:func:`order_warnings`)."""


# -- reading -------------------------------------------------------------------------------


def moments_of(database: Database, trajectory: Trajectory) -> list[ContactMoment]:
    return sorted(
        database.list(
            ContactMoment,
            employee_id=trajectory.employee_id,
            where=lambda moment: moment.trajectory_id == trajectory.id,
        ),
        key=lambda moment: moment.number,
    )


@dataclass(frozen=True)
class MomentView:
    """What the contact-moment screen shows: the moment with its trajectory and employee, and
    the methods of the moment in which something was noted (:meth:`MethodRecordBase.has_content`)."""

    moment: ContactMoment
    trajectory: Trajectory
    employee: Employee
    methods_with_notes: frozenset[MethodKind]


def moment_view(database: Database, employee_id: str, moment_id: str) -> MomentView:
    """The contact-moment screen's data; raises :class:`~poptui.services.NotFound`."""
    from poptui.services.method_records import records_of

    moment = database.get(ContactMoment, moment_id, employee_id=employee_id)
    trajectory = database.get(Trajectory, moment.trajectory_id, employee_id=employee_id)
    with_notes = frozenset(
        record.kind
        for record in records_of(database, trajectory)
        if record.contact_moment_id == moment.id and record.has_content()
    )
    return MomentView(moment, trajectory, database.get(Employee, employee_id), with_notes)


def open_trajectory(database: Database, employee_id: str) -> Trajectory | None:
    """The employee's open (planned, active or paused) trajectory, the latest when there are more."""
    found = [t for t in database.list(Trajectory, employee_id=employee_id) if t.status in OPEN_STATUSES]
    return _latest(found)


def _latest(trajectories: list[Trajectory]) -> Trajectory | None:
    return max(trajectories, key=lambda t: t.created_at.isoformat() if t.created_at else "", default=None)


# -- recording one moment ----------------------------------------------------------------------


def _apply(moment: ContactMoment, details: MomentDetails, **extra: Any) -> ContactMoment:
    changes: dict[str, Any] = {name: getattr(details, name) for name in _STORED_AS_IS}
    changes.update(
        duration_minutes=details.duration_minutes,
        attendees=details.attendee_list(),
        next_appointment=details.next_appointment(),
        skip_reason="" if details.status is not ContactMomentStatus.SKIPPED else moment.skip_reason,
    )
    changes.update(extra)
    return ContactMoment.model_validate({**moment.model_dump(), **changes})


def _next_planned(moments: list[ContactMoment], after: ContactMoment) -> ContactMoment | None:
    return next((m for m in moments if m.number > after.number and m.status is ContactMomentStatus.PLANNED), None)


def _with_appointment(moment: ContactMoment, appointment: datetime) -> ContactMoment | None:
    """The next planned moment dated by the appointment, or None when it already was."""
    start_time = appointment.time() if appointment.time() != time(0, 0) else moment.start_time
    if moment.date == appointment.date() and moment.start_time == start_time:
        return None
    return moment.model_copy(update={"date": appointment.date(), "start_time": start_time})


def _start_if_planned(
    transaction: Transaction, trajectory: Trajectory, moment: ContactMoment
) -> tuple[Trajectory, bool]:
    if trajectory.status is TrajectoryStatus.PLANNED and moment.status is ContactMomentStatus.HELD and moment.date:
        return transaction.save(started(trajectory, moment.date)), True
    return trajectory, False


def record_moment(database: Database, moment: ContactMoment, values: dict[str, Any]) -> MomentSaved:
    """Save what the coach filled in. A held moment of a planned trajectory starts it; a next
    appointment dates the next planned moment. Raises ValidationError (per field)."""
    today = clock.today()
    details = MomentDetails.model_validate(values, context={"today": today})
    if details.status is ContactMomentStatus.HELD and details.date is None:
        details = details.model_copy(update={"date": today})
    updated = _apply(moment, details)
    trajectory = database.get(Trajectory, moment.trajectory_id, employee_id=moment.employee_id)
    moments = moments_of(database, trajectory)
    following = _next_planned(moments, moment)
    appointment = details.next_appointment()
    dated = _with_appointment(following, appointment) if following and appointment else None
    with database.transaction() as transaction:
        saved = transaction.save(updated)
        trajectory, was_started = _start_if_planned(transaction, trajectory, saved)
        next_saved = transaction.save(dated) if dated else None
    after = [saved if other.id == saved.id else other for other in moments]
    after = [next_saved if next_saved is not None and other.id == next_saved.id else other for other in after]
    return MomentSaved(saved, trajectory, was_started, next_saved, warnings=order_warnings(saved, after))


def skip_moment(database: Database, moment: ContactMoment, reason: str) -> ContactMoment:
    if moment.status is ContactMomentStatus.HELD:
        raise MomentRefused(_("Dit contactmoment is al gehouden; het kan niet meer overgeslagen worden."))
    if not reason.strip():
        raise MomentRefused(_("Geef een reden waarom dit contactmoment overgeslagen wordt."))
    return database.save(
        moment.model_copy(update={"status": ContactMomentStatus.SKIPPED, "skip_reason": reason.strip()})
    )


def plan_again(database: Database, moment: ContactMoment) -> ContactMoment:
    """Undo a skip: the moment is planned again."""
    return database.save(moment.model_copy(update={"status": ContactMomentStatus.PLANNED, "skip_reason": ""}))


# -- adding and removing planned moments -------------------------------------------------------


def _renumbered(moments: list[ContactMoment]) -> list[ContactMoment]:
    """The moments whose number changes when they are numbered 0, 1, 2 … in this order."""
    return [
        moment.model_copy(update={"number": index}) for index, moment in enumerate(moments) if moment.number != index
    ]


def add_planned_moment(
    database: Database,
    trajectory: Trajectory,
    phase: Phase,
    *,
    after: ContactMoment | None = None,
    goals: list[str] | None = None,
    methods: list[MethodKind] | None = None,
    planned_date: date | None = None,
) -> ContactMoment:
    """A new planned moment after ``after`` (at the end when None); the later ones move up."""
    moments = moments_of(database, trajectory)
    position = (
        len(moments)
        if after is None
        else next((index + 1 for index, moment in enumerate(moments) if moment.id == after.id), len(moments))
    )
    new = ContactMoment(
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        number=position,
        phase=phase,
        goals=goals or [],
        methods=methods or [],
        date=planned_date,
    )
    ordered = [*moments[:position], new, *moments[position:]]
    with database.transaction() as transaction:
        for moment in _renumbered(ordered):
            if moment.id != new.id:
                transaction.save(moment)
        saved = transaction.save(new.model_copy(update={"number": position}))
    return saved


def remove_planned_moment(database: Database, moment: ContactMoment) -> None:
    """Remove a planned moment and renumber the rest; held moments and moments with method notes stay."""
    if moment.status is ContactMomentStatus.HELD:
        raise MomentRefused(_("Een gehouden contactmoment kan niet verwijderd worden."))
    linked = database.list(
        MethodRecordBase, employee_id=moment.employee_id, where=lambda record: record.contact_moment_id == moment.id
    )
    if linked:
        raise MomentRefused(
            _(
                "Er zijn al notities van een methodiek bij dit contactmoment. "
                "Sla het over (met een reden) in plaats van het te verwijderen."
            )
        )
    trajectory = database.get(Trajectory, moment.trajectory_id, employee_id=moment.employee_id)
    rest = [other for other in moments_of(database, trajectory) if other.id != moment.id]
    with database.transaction() as transaction:
        transaction.delete(moment)
        for other in _renumbered(rest):
            transaction.save(other)


def set_methods(database: Database, moment: ContactMoment, methods: list[MethodKind]) -> ContactMoment:
    return database.save(moment.model_copy(update={"methods": list(dict.fromkeys(methods))}))


# -- the collective opstart ----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An employee who can join a collective opstart: they have an open trajectory."""

    employee: Employee
    trajectory: Trajectory
    opstart_held: bool


def collective_candidates(database: Database, employee: Employee) -> list[Candidate]:
    """Other employees with an open trajectory: same organisation first, then by name."""
    open_ones: dict[str, list[Trajectory]] = {}
    for trajectory in database.list(Trajectory):
        if trajectory.status in OPEN_STATUSES:
            open_ones.setdefault(trajectory.employee_id, []).append(trajectory)
    out = []
    for other in database.list(Employee):
        latest = _latest(open_ones.get(other.id, []))
        if other.id == employee.id or other.archived or latest is None:
            continue
        opstart = next((m for m in moments_of(database, latest) if m.number == 0), None)
        held = opstart is not None and opstart.status is ContactMomentStatus.HELD
        out.append(Candidate(other, latest, held))
    return sorted(
        out,
        key=lambda c: (
            c.employee.organisation_id != employee.organisation_id,
            c.employee.last_name.lower(),
            c.employee.first_name.lower(),
        ),
    )


def _opstart_moment(database: Database, trajectory: Trajectory) -> tuple[ContactMoment, list[ContactMoment]]:
    """Contact moment 0 of the trajectory (created when the coach had removed it) and any renumbered others."""
    moments = moments_of(database, trajectory)
    if moments and moments[0].number == 0 and moments[0].phase is Phase.OPSTART:
        return moments[0], []
    new = ContactMoment(employee_id=trajectory.employee_id, trajectory_id=trajectory.id, number=0, phase=Phase.OPSTART)
    return new, [other for other in _renumbered([new, *moments]) if other.id != new.id]


def record_collective_opstart(
    database: Database,
    moment: ContactMoment,
    values: dict[str, Any],
    other_employee_ids: list[str],
    *,
    names: dict[str, str] | None = None,
) -> MomentSaved:
    """One collective opstart session: contact moment 0 held in the trajectory of ``moment``'s
    employee and in the open trajectory of every other employee, with one group id, in one transaction."""
    today = clock.today()
    details = MomentDetails.model_validate(values, context={"today": today})
    if details.date is None:
        details = details.model_copy(update={"date": today})
    if details.date is not None and details.date > today:
        raise MomentRefused(future_message(details.date, today))
    details = details.model_copy(
        update={"status": ContactMomentStatus.HELD, "collective": True, "phase": Phase.OPSTART}
    )
    group_id = moment.collective_group_id or new_id()
    names = dict(names or {})
    everyone = [moment.employee_id, *[i for i in dict.fromkeys(other_employee_ids) if i != moment.employee_id]]
    for employee_id in everyone:
        if employee_id not in names:
            names[employee_id] = database.get(Employee, employee_id).full_name
    attendees = list(dict.fromkeys([*(names[i] for i in everyone), *details.attendee_list()]))
    details = details.model_copy(update={"attendees": ", ".join(attendees)})
    plans: list[tuple[Trajectory, ContactMoment, list[ContactMoment]]] = []
    own = database.get(Trajectory, moment.trajectory_id, employee_id=moment.employee_id)
    plans.append((own, moment, []))
    for employee_id in everyone[1:]:
        trajectory = open_trajectory(database, employee_id)
        if trajectory is None:
            raise MomentRefused(
                _(
                    "{name} heeft geen lopend traject. Start eerst een traject voor hem of haar.",
                    name=names[employee_id],
                )
            )
        opstart, shifted = _opstart_moment(database, trajectory)
        plans.append((trajectory, opstart, shifted))
    try:
        updated = [
            (trajectory, _apply(opstart, details, collective_group_id=group_id), shifted)
            for trajectory, opstart, shifted in plans
        ]
    except ValidationError as error:
        raise MomentRefused(dutch_summary(error, ContactMoment)) from error
    results: list[tuple[ContactMoment, Trajectory, bool]] = []
    with database.transaction() as transaction:
        for trajectory, opstart, shifted in updated:
            for other in shifted:
                transaction.save(other)
            saved = transaction.save(opstart)
            saved_trajectory, was_started = _start_if_planned(transaction, trajectory, saved)
            results.append((saved, saved_trajectory, was_started))
    first, first_trajectory, first_started = results[0]
    return MomentSaved(
        first,
        first_trajectory,
        first_started,
        None,
        [moment for moment, _t, _s in results[1:]],
        warnings=order_warnings(first, moments_of(database, first_trajectory)),
    )


def collective_group(database: Database, group_id: str) -> list[ContactMoment]:
    """Every contact moment of one collective session."""
    return database.list(ContactMoment, where=lambda moment: moment.collective_group_id == group_id)
