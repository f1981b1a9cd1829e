"""Trajectory status changes and the POP-cycle progress."""

from __future__ import annotations

from datetime import date

import pytest
from scenarios import TODAY, start_proposed

from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Organisation,
    Phase,
    TrajectoryStatus,
)
from poptui.services import trajectory_status
from poptui.services.contact_moments import moments_of, record_moment, skip_moment
from poptui.services.trajectory_status import StatusChange, StatusRefused
from poptui.store import Database


@pytest.fixture
def started(db: Database):
    organisation = db.save(Organisation(name="Org"))
    employee = db.save(Employee(first_name="Ann", last_name="Test", organisation_id=organisation.id))
    return start_proposed(db, employee)


def test_start_pause_resume_and_the_changes_offered(db: Database, started) -> None:
    trajectory, _moments = started
    assert trajectory_status.allowed_changes(trajectory)[0] is StatusChange.START
    active = trajectory_status.start(db, trajectory)
    assert active.status is TrajectoryStatus.ACTIVE and active.start_date == TODAY
    with pytest.raises(StatusRefused):
        trajectory_status.start(db, active)
    paused = trajectory_status.pause(db, active)
    assert trajectory_status.allowed_changes(paused)[0] is StatusChange.RESUME
    with pytest.raises(StatusRefused):
        trajectory_status.pause(db, paused)
    assert trajectory_status.resume(db, paused).status is TrajectoryStatus.ACTIVE


def test_complete_needs_a_held_moment_and_a_date_after_the_start(db: Database, started) -> None:
    trajectory, moments = started
    with pytest.raises(StatusRefused, match="zonder gehouden contactmoment"):
        trajectory_status.complete(db, trajectory)
    record_moment(db, moments[0], {"phase": "opstart", "date": "03/03/2025"})
    trajectory = db.list(type(trajectory))[0]
    with pytest.raises(StatusRefused, match="vóór de startdatum"):
        trajectory_status.complete(db, trajectory, date(2025, 2, 1))
    done = trajectory_status.complete(db, trajectory)
    assert done.status is TrajectoryStatus.COMPLETED and done.completion_date == TODAY
    assert trajectory_status.allowed_changes(done) == []
    with pytest.raises(StatusRefused):
        trajectory_status.stop(db, done, "toch niet")


def test_change_status_applies_every_change_the_page_offers(db: Database, started) -> None:
    trajectory, moments = started
    trajectory = trajectory_status.change_status(db, trajectory, StatusChange.START)
    assert trajectory.status is TrajectoryStatus.ACTIVE
    trajectory = trajectory_status.change_status(db, trajectory, StatusChange.PAUSE)
    assert trajectory.status is TrajectoryStatus.PAUSED
    trajectory = trajectory_status.change_status(db, trajectory, StatusChange.RESUME)
    assert trajectory.status is TrajectoryStatus.ACTIVE
    with pytest.raises(StatusRefused):
        trajectory_status.change_status(db, trajectory, StatusChange.COMPLETE)  # nothing held yet
    with pytest.raises(StatusRefused):
        trajectory_status.change_status(db, trajectory, StatusChange.STOP)  # no reason
    stopped = trajectory_status.change_status(db, trajectory, StatusChange.STOP, "werknemer uit dienst")
    assert stopped.status is TrajectoryStatus.STOPPED and stopped.stop_reason == "werknemer uit dienst"


def test_stop_needs_a_reason(db: Database, started) -> None:
    trajectory, _moments = started
    with pytest.raises(StatusRefused):
        trajectory_status.stop(db, trajectory, " ")
    stopped = trajectory_status.stop(db, trajectory, "verhuisd")
    assert stopped.status is TrajectoryStatus.STOPPED and stopped.stop_reason == "verhuisd"


def _states(moments: list[ContactMoment], trajectory=None) -> list[str]:
    return [item.state.value for item in trajectory_status.cycle_progress(moments, trajectory)]


def test_cycle_progress_follows_the_contact_moments(db: Database, started) -> None:
    trajectory, moments = started
    assert _states(moments) == ["bezig", "nog niet", "nog niet", "nog niet", "nog niet"]
    for moment in moments[:2]:
        record_moment(db, moment, {"phase": moment.phase.value})
    current = moments_of(db, trajectory)
    assert _states(current) == ["klaar", "bezig", "nog niet", "nog niet", "nog niet"]
    progress = trajectory_status.cycle_progress(current)
    assert (progress[1].phase, progress[1].held, progress[1].planned) == (Phase.ANALYSE, 1, 2)
    for moment in current[2:4]:
        record_moment(db, moment, {"phase": moment.phase.value})
    skip_moment(db, moments_of(db, trajectory)[4], "samen met 3")
    current = moments_of(db, trajectory)
    assert all(m.status is not ContactMomentStatus.PLANNED for m in current)
    assert _states(current) == ["klaar", "klaar", "klaar", "bezig", "nog niet"]  # the plan is being carried out
    stopped = trajectory_status.stop(db, db.list(type(trajectory))[0], "verhuisd")
    assert _states(current, stopped) == ["klaar", "klaar", "klaar", "nog niet", "nog niet"]
