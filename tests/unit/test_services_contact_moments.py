"""Contact-moment rules: recording, next appointment, skipping, adding/removing with renumbering,
the collective opstart in one transaction, method notes records."""

from __future__ import annotations

from datetime import date, time

import pytest
from pydantic import ValidationError
from scenarios import TODAY, start_proposed

from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    HandRecord,
    Level,
    MethodKind,
    MethodRecordBase,
    Organisation,
    Phase,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.services import contact_moments, method_records
from poptui.services.contact_moments import MomentRefused
from poptui.store import Database


def _employee(db: Database, name: str, organisation: Organisation) -> Employee:
    return db.save(Employee(first_name=name, last_name="Test", organisation_id=organisation.id))


def _trajectory(db: Database, employee: Employee) -> tuple[Trajectory, list[ContactMoment]]:
    return start_proposed(db, employee, VariantId.VARIANT_1, Level.LOW)


@pytest.fixture
def setup(db: Database):
    organisation = db.save(Organisation(name="Org"))
    employee = _employee(db, "Ann", organisation)
    trajectory, moments = _trajectory(db, employee)
    return organisation, employee, trajectory, moments


def test_record_held_fills_today_starts_the_trajectory_and_dates_the_next_moment(db: Database, setup) -> None:
    _organisation, employee, trajectory, moments = setup
    saved = contact_moments.record_moment(
        db,
        moments[0],
        {
            "status": "gehouden",
            "date": "",
            "start_time": "13u",
            "duration_minutes": "45 min",
            "phase": "opstart",
            "attendees": "Ann Test; coach",
            "notes": "ok",
            "next_date": "17/03/2025",
            "next_time": "9:30",
        },
    )
    assert saved.moment.date == TODAY and saved.moment.start_time == time(13, 0)
    assert saved.moment.duration_minutes == 45 and saved.moment.attendees == ["Ann Test", "coach"]
    assert saved.trajectory_started and saved.trajectory.status is TrajectoryStatus.ACTIVE
    assert saved.trajectory.start_date == TODAY
    assert saved.next_moment is not None and saved.next_moment.number == 1
    stored_next = db.get(ContactMoment, moments[1].id, employee_id=employee.id)
    assert stored_next.date == date(2025, 3, 17) and stored_next.start_time == time(9, 30)
    assert db.get(ContactMoment, moments[0].id, employee_id=employee.id).next_appointment.hour == 9
    again = contact_moments.details_of(saved.moment)
    assert again["next_date"] == date(2025, 3, 17) and again["attendees"] == "Ann Test, coach"


def test_record_refuses_bad_values_per_field(db: Database, setup) -> None:
    _organisation, _employee_, _trajectory_, moments = setup
    with pytest.raises(ValidationError) as caught:
        contact_moments.record_moment(
            db,
            moments[0],
            {"phase": "opstart", "start_time": "25:00", "duration_minutes": "veel", "date": "30/02/2025"},
        )
    fields = {error["loc"][0] for error in caught.value.errors()}
    assert fields == {"start_time", "duration_minutes", "date"}
    assert (
        db.get(ContactMoment, moments[0].id, employee_id=moments[0].employee_id).status is ContactMomentStatus.PLANNED
    )


def test_skip_needs_a_reason_and_held_moments_cannot_be_skipped(db: Database, setup) -> None:
    _organisation, _employee_, _trajectory_, moments = setup
    with pytest.raises(MomentRefused):
        contact_moments.skip_moment(db, moments[1], "  ")
    skipped = contact_moments.skip_moment(db, moments[1], "ziek")
    assert skipped.status is ContactMomentStatus.SKIPPED and skipped.skip_reason == "ziek"
    held = contact_moments.record_moment(db, moments[0], {"phase": "opstart", "duration_minutes": "60"}).moment
    with pytest.raises(MomentRefused):
        contact_moments.skip_moment(db, held, "te laat")
    assert contact_moments.plan_again(db, skipped).status is ContactMomentStatus.PLANNED


def test_add_and_remove_renumber_the_plan(db: Database, setup) -> None:
    _organisation, _employee_, trajectory, moments = setup
    added = contact_moments.add_planned_moment(
        db, trajectory, Phase.ANALYSE, after=moments[0], methods=[MethodKind.HAND]
    )
    numbers = [(m.number, m.id == added.id) for m in contact_moments.moments_of(db, trajectory)]
    assert numbers == [(0, False), (1, True), (2, False), (3, False)]
    at_end = contact_moments.add_planned_moment(db, trajectory, Phase.UITVOEREN)
    assert at_end.number == 4
    contact_moments.remove_planned_moment(db, added)
    assert [m.number for m in contact_moments.moments_of(db, trajectory)] == [0, 1, 2, 3]
    held = contact_moments.record_moment(db, contact_moments.moments_of(db, trajectory)[0], {"phase": "opstart"}).moment
    with pytest.raises(MomentRefused):
        contact_moments.remove_planned_moment(db, held)


def test_a_moment_with_method_notes_is_not_removed(db: Database, setup) -> None:
    _organisation, employee, trajectory, moments = setup
    record = method_records.find_or_new(
        db, employee_id=employee.id, trajectory_id=trajectory.id, kind=MethodKind.HAND, contact_moment_id=moments[1].id
    )
    assert isinstance(record, HandRecord) and record.version == 0
    assert db.find(MethodRecordBase, record.id, employee_id=employee.id) is None  # opening stores nothing
    method_records.save_notes(db, record, "duim: koken", "Kookt graag\n\n- werkt graag met collega's")
    with pytest.raises(MomentRefused):
        contact_moments.remove_planned_moment(db, moments[1])
    again = method_records.find_or_new(
        db, employee_id=employee.id, trajectory_id=trajectory.id, kind="hand", contact_moment_id=moments[1].id
    )
    assert again.id == record.id and again.conclusion_texts() == ["Kookt graag", "werkt graag met collega's"]


def test_collective_opstart_for_three_employees_in_one_group(db: Database, setup) -> None:
    organisation, employee, trajectory, moments = setup
    others = [_employee(db, name, organisation) for name in ("Bert", "Cas")]
    other_trajectories = [_trajectory(db, other) for other in others]
    # Cas's coach removed the opstart: it is created again as number 0.
    contact_moments.remove_planned_moment(db, other_trajectories[1][1][0])
    candidates = contact_moments.collective_candidates(db, employee)
    assert [c.employee.first_name for c in candidates] == ["Bert", "Cas"]
    saved = contact_moments.record_collective_opstart(
        db,
        moments[0],
        {"date": "03/03/2025", "duration_minutes": "120", "phase": "opstart", "notes": "samen"},
        [other.id for other in others],
    )
    assert len(saved.others) == 2
    everyone = [employee, *others]
    trajectories = [trajectory, *(t for t, _m in other_trajectories)]
    group_ids = set()
    for person, own in zip(everyone, trajectories, strict=True):
        listed = contact_moments.moments_of(db, own)
        assert [m.number for m in listed] == list(range(len(listed)))
        opstart = listed[0]
        assert opstart.phase is Phase.OPSTART and opstart.status is ContactMomentStatus.HELD and opstart.collective
        assert opstart.date == date(2025, 3, 3) and opstart.notes == "samen"
        assert {"Ann Test", "Bert Test", "Cas Test"} <= set(opstart.attendees)
        group_ids.add(opstart.collective_group_id)
        assert db.get(Trajectory, own.id, employee_id=person.id).status is TrajectoryStatus.ACTIVE
    assert len(group_ids) == 1
    assert len(contact_moments.collective_group(db, group_ids.pop())) == 3


def test_collective_opstart_refuses_an_employee_without_open_trajectory(db: Database, setup) -> None:
    organisation, _employee_, _trajectory_, moments = setup
    lonely = _employee(db, "Dora", organisation)
    with pytest.raises(MomentRefused):
        contact_moments.record_collective_opstart(db, moments[0], {"phase": "opstart"}, [lonely.id])
    assert (
        db.get(ContactMoment, moments[0].id, employee_id=moments[0].employee_id).status is ContactMomentStatus.PLANNED
    )


def test_the_moment_marks_a_method_filled_by_its_answers_alone(db: Database, setup) -> None:
    """A guided method holds answers in its own fields: ticks and answers mark it on the moment
    even without notes or a conclusion; a record that holds nothing does not."""
    _organisation, employee, trajectory, moments = setup
    for kind in (MethodKind.PRAATPLAAT, MethodKind.KLOKWIJS):
        db.save(
            method_records.find_or_new(
                db, employee_id=employee.id, trajectory_id=trajectory.id, kind=kind, contact_moment_id=moments[1].id
            )
        )
    assert contact_moments.moment_view(db, employee.id, moments[1].id).methods_with_notes == frozenset()
    [praatplaat] = db.list(MethodRecordBase, employee_id=employee.id, kind=MethodKind.PRAATPLAAT)
    db.save(praatplaat.model_copy(update={"dream_job": "Hovenier"}))
    view = contact_moments.moment_view(db, employee.id, moments[1].id)
    assert view.methods_with_notes == frozenset({MethodKind.PRAATPLAAT})
