"""The life of a trajectory: start, pause, resume, complete, stop; and where it is in the POP cycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from poptui import clock, models
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.models import ContactMomentStatus, Phase, TrajectoryStatus
from poptui.store import Database, Transaction

if TYPE_CHECKING:
    from poptui.models import ContactMoment, Trajectory

OPEN_STATUSES = (TrajectoryStatus.PLANNED, TrajectoryStatus.ACTIVE, TrajectoryStatus.PAUSED)
PHASE_ORDER = (Phase.OPSTART, Phase.ANALYSE, Phase.PLANNING, Phase.UITVOEREN, Phase.EVALUEREN)


class StatusRefused(Exception):
    """A change the rules do not allow; ``str(error)`` is a Dutch sentence for the coach."""


class StatusChange(StrEnum):
    START = "start"
    PAUSE = "pauzeer"
    RESUME = "hervat"
    COMPLETE = "rond_af"
    STOP = "stop"


_CHANGE_LABELS = {
    StatusChange.START: "Start het traject",
    StatusChange.PAUSE: "Pauzeer het traject",
    StatusChange.RESUME: "Hervat het traject",
    StatusChange.COMPLETE: "Rond het traject af (het POP is opgemaakt)",
    StatusChange.STOP: "Stop het traject (met een reden)",
}


def change_label(change: StatusChange) -> str:
    return _(_CHANGE_LABELS[change])


def allowed_changes(trajectory: Trajectory) -> list[StatusChange]:
    """The status changes that make sense now, in the order a coach needs them."""
    status = trajectory.status
    if status is TrajectoryStatus.PLANNED:
        return [StatusChange.START, StatusChange.COMPLETE, StatusChange.STOP]
    if status is TrajectoryStatus.ACTIVE:
        return [StatusChange.COMPLETE, StatusChange.PAUSE, StatusChange.STOP]
    if status is TrajectoryStatus.PAUSED:
        return [StatusChange.RESUME, StatusChange.COMPLETE, StatusChange.STOP]
    return []


def is_open(trajectory: Trajectory) -> bool:
    return trajectory.status in OPEN_STATUSES


def _update(trajectory: Trajectory, **changes: object) -> Trajectory:
    from poptui.models.errors import dutch_summary

    try:
        return models.Trajectory.model_validate({**trajectory.model_dump(), **changes})
    except models.ValidationError as error:
        raise StatusRefused(dutch_summary(error, models.Trajectory)) from error


def _save(database: Database | Transaction, trajectory: Trajectory) -> Trajectory:
    return database.save(trajectory)


def _refuse_closed(trajectory: Trajectory) -> None:
    if not is_open(trajectory):
        raise StatusRefused(
            _(
                "Dit traject is al {status}. Start een vervolgtraject als er een nieuw POP nodig is.",
                status=_(trajectory.status.value),
            )
        )


def started(trajectory: Trajectory, start_date: date | None = None) -> Trajectory:
    """The trajectory made active (not saved); an earlier start date is kept."""
    day = start_date or clock.today()
    if trajectory.start_date is not None and trajectory.start_date <= day:
        day = trajectory.start_date
    return _update(trajectory, status=TrajectoryStatus.ACTIVE, start_date=day)


def start(database: Database, trajectory: Trajectory, start_date: date | None = None) -> Trajectory:
    if trajectory.status is not TrajectoryStatus.PLANNED:
        raise StatusRefused(_("Alleen een gepland traject kan starten."))
    return _save(database, started(trajectory, start_date))


def pause(database: Database, trajectory: Trajectory) -> Trajectory:
    if trajectory.status is not TrajectoryStatus.ACTIVE:
        raise StatusRefused(_("Alleen een actief traject kan gepauzeerd worden."))
    return _save(database, _update(trajectory, status=TrajectoryStatus.PAUSED))


def resume(database: Database, trajectory: Trajectory) -> Trajectory:
    if trajectory.status is not TrajectoryStatus.PAUSED:
        raise StatusRefused(_("Alleen een gepauzeerd traject kan hervat worden."))
    return _save(
        database, _update(trajectory, status=TrajectoryStatus.ACTIVE, start_date=trajectory.start_date or clock.today())
    )


class _WithStatus(Protocol):
    @property
    def status(self) -> StrEnum: ...


class _Dated(_WithStatus, Protocol):
    @property
    def date(self) -> date | None: ...


def moment_overdue(moment: _Dated, trajectory: _WithStatus, today: date) -> bool:
    """A planned contact moment of a running (not paused) trajectory dated before today."""
    return (
        trajectory.status in (TrajectoryStatus.PLANNED, TrajectoryStatus.ACTIVE)
        and moment.status is ContactMomentStatus.PLANNED
        and moment.date is not None
        and moment.date < today
    )


def held_moments(database: Database, trajectory: Trajectory) -> list[ContactMoment]:
    return sorted(
        database.list(
            models.ContactMoment,
            employee_id=trajectory.employee_id,
            where=lambda m: m.trajectory_id == trajectory.id and m.status is ContactMomentStatus.HELD,
        ),
        key=lambda moment: moment.number,
    )


def complete(database: Database, trajectory: Trajectory, completion_date: date | None = None) -> Trajectory:
    """Mark the trajectory completed; refused while no contact moment was held."""
    _refuse_closed(trajectory)
    held = held_moments(database, trajectory)
    if not held:
        raise StatusRefused(
            _(
                "Een traject zonder gehouden contactmoment kan niet afgerond worden. "
                "Registreer eerst de gesprekken die plaatsvonden, of stop het traject met een reden."
            )
        )
    day = completion_date or clock.today()
    start_date = trajectory.start_date or min(moment.date for moment in held if moment.date)
    if day < start_date:
        raise StatusRefused(
            _(
                "De datum afgerond ({day}) ligt vóór de startdatum ({start}).",
                day=format_date(day),
                start=format_date(start_date),
            )
        )
    return _save(
        database, _update(trajectory, status=TrajectoryStatus.COMPLETED, start_date=start_date, completion_date=day)
    )


def stop(database: Database, trajectory: Trajectory, reason: str) -> Trajectory:
    """Stop the trajectory early; a reason is required."""
    _refuse_closed(trajectory)
    if not reason.strip():
        raise StatusRefused(_("Geef een reden waarom het traject stopt."))
    return _save(database, _update(trajectory, status=TrajectoryStatus.STOPPED, stop_reason=reason.strip()))


def change_status(database: Database, trajectory: Trajectory, change: StatusChange, reason: str = "") -> Trajectory:
    """Apply one of :func:`allowed_changes` (``reason`` is needed to stop); raises
    :class:`StatusRefused` when the rules do not allow it. Completing asks nothing: the screen
    asks the coach first (completing means the POP is made)."""
    if change is StatusChange.START:
        return start(database, trajectory)
    if change is StatusChange.PAUSE:
        return pause(database, trajectory)
    if change is StatusChange.RESUME:
        return resume(database, trajectory)
    if change is StatusChange.COMPLETE:
        return complete(database, trajectory)
    return stop(database, trajectory, reason)


# -- the POP cycle --------------------------------------------------------------------------


class PhaseState(StrEnum):
    DONE = "klaar"
    CURRENT = "bezig"
    UPCOMING = "nog niet"


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    state: PhaseState
    held: int
    planned: int


def cycle_progress(moments: list[ContactMoment], trajectory: Trajectory | None = None) -> list[PhaseProgress]:
    """Which phases of the cycle (opstart … evalueren) are done, which one is current.

    The current phase is that of the first contact moment still planned; with none left,
    it is the phase after the last one held (after the planning: uitvoeren). Phases before
    the current one are done. A completed or stopped trajectory has no current phase
    beyond what was held, except that a completed one is being carried out (uitvoeren).
    """
    ordered = sorted(moments, key=lambda moment: moment.number)
    planned = [moment for moment in ordered if moment.status is ContactMomentStatus.PLANNED]
    held = [moment for moment in ordered if moment.status is ContactMomentStatus.HELD]
    closed = trajectory is not None and not is_open(trajectory)
    current: Phase | None
    if planned and not closed:
        current = planned[0].phase
        if held and PHASE_ORDER.index(held[-1].phase) > PHASE_ORDER.index(current):
            current = held[-1].phase
    elif held:
        last = PHASE_ORDER.index(max((moment.phase for moment in held), key=PHASE_ORDER.index))
        current = PHASE_ORDER[last + 1] if last + 1 < len(PHASE_ORDER) else None
        if closed and trajectory is not None and trajectory.status is TrajectoryStatus.STOPPED:
            current = None
    else:
        current = None if closed else Phase.OPSTART
    current_index = PHASE_ORDER.index(current) if current is not None else None
    last_held = max((PHASE_ORDER.index(moment.phase) for moment in held), default=-1)
    out = []
    for index, phase in enumerate(PHASE_ORDER):
        if current_index is not None:
            state = (
                PhaseState.DONE
                if index < current_index
                else (PhaseState.CURRENT if index == current_index else PhaseState.UPCOMING)
            )
        else:
            state = PhaseState.DONE if index <= last_held else PhaseState.UPCOMING
        out.append(
            PhaseProgress(
                phase,
                state,
                held=sum(moment.phase is phase for moment in held),
                planned=sum(
                    moment.phase is phase and moment.status is not ContactMomentStatus.SKIPPED for moment in ordered
                ),
            )
        )
    return out
