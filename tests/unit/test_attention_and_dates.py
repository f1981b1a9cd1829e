"""Attention after a follow-up evaluation, and the date checks of contact moments."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError
from scenarios import FrozenClock, start_proposed

from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Level,
    Organisation,
    Phase,
    PopAction,
    PopDocument,
    PopStatus,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.services import contact_moments
from poptui.services.attention import attention_for, closed_action_ids, late_actions
from poptui.services.contact_moments import MomentRefused, order_warnings
from poptui.store import Database

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def fixed_today(clock: FrozenClock) -> None:
    clock.set(TODAY)


def _trajectory(status: TrajectoryStatus, **fields: object) -> Trajectory:
    values: dict[str, object] = {
        "id": "t1",
        "employee_id": "e1",
        "variant": VariantId.BASIS,
        "reflection": Level.MEDIUM,
        "intensity": Level.MEDIUM,
        "status": status,
        "start_date": date(2025, 9, 1),
    }
    if status is TrajectoryStatus.COMPLETED:
        values["completion_date"] = date(2025, 11, 28)
    return Trajectory(**(values | fields))


LATE = PopAction(id="a1", what="Cursus volgen", deadline=date(2026, 3, 1), kind=CompetenceKind.TECHNICAL)
ALSO_LATE = PopAction(id="a2", what="Collega inwerken", deadline=date(2026, 4, 1), kind=CompetenceKind.GENERIC)
FINAL = PopDocument(
    employee_id="e1",
    trajectory_id="t1",
    status=PopStatus.FINAL,
    finalised_on=date(2025, 11, 28),
    actions=[LATE, ALSO_LATE],
)


def _evaluation(action_id: str) -> ActionEvaluation:
    return ActionEvaluation(
        employee_id="e1", trajectory_id="t2", previous_trajectory_id="t1", action_id=action_id, progress=2
    )


def test_late_actions_of_a_completed_pop_without_follow_up() -> None:
    completed = _trajectory(TrajectoryStatus.COMPLETED)
    assert [action.id for action in late_actions(completed, FINAL, [completed], [], TODAY)] == ["a1", "a2"]
    assert late_actions(completed, FINAL, [completed], [], date(2026, 3, 1)) == []  # on the deadline: not late


def test_an_action_evaluated_in_the_follow_up_is_closed() -> None:
    completed = _trajectory(TrajectoryStatus.COMPLETED)
    follow_up = _trajectory(TrajectoryStatus.ACTIVE, id="t2", previous_trajectory_id="t1", start_date=date(2026, 5, 1))
    trajectories = [completed, follow_up]
    assert closed_action_ids(completed, FINAL, trajectories, [_evaluation("a1")]) == {"a1"}
    assert [a.id for a in late_actions(completed, FINAL, trajectories, [_evaluation("a1")], TODAY)] == ["a2"]


def test_a_completed_follow_up_or_a_stopped_trajectory_closes_every_action() -> None:
    completed = _trajectory(TrajectoryStatus.COMPLETED)
    done_follow_up = _trajectory(
        TrajectoryStatus.COMPLETED,
        id="t2",
        previous_trajectory_id="t1",
        start_date=date(2026, 1, 5),
        completion_date=date(2026, 5, 30),
    )
    assert late_actions(completed, FINAL, [completed, done_follow_up], [], TODAY) == []
    later = done_follow_up.model_copy(update={"previous_trajectory_id": None})
    assert late_actions(completed, FINAL, [completed, later], [], TODAY) == []  # a later one, not linked
    stopped = _trajectory(TrajectoryStatus.STOPPED, stop_reason="verhuisd")
    assert late_actions(stopped, FINAL, [stopped], [], TODAY) == []


def test_home_attention_after_a_follow_up_evaluation(db: Database) -> None:
    organisation = db.save(Organisation(name="Org"))
    employee = db.save(Employee(id="e1", first_name="Patrick", last_name="Goossens", organisation_id=organisation.id))
    completed = db.save(_trajectory(TrajectoryStatus.COMPLETED))
    db.save(FINAL)
    before = attention_for(db, None, TODAY)
    assert {item.action.id for item in before.late_actions} == {"a1", "a2"}
    db.save(_trajectory(TrajectoryStatus.ACTIVE, id="t2", previous_trajectory_id=completed.id, start_date=TODAY))
    db.save_all([_evaluation("a1"), _evaluation("a2")])
    after = attention_for(db, None, TODAY)
    assert after.late_actions == []
    assert employee.id == "e1"


# -- the dates of contact moments ----------------------------------------------------------


@pytest.fixture
def plan(db: Database) -> list[ContactMoment]:
    organisation = db.save(Organisation(name="Org"))
    employee = db.save(Employee(first_name="Ann", last_name="Test", organisation_id=organisation.id))
    _trajectory_, moments = start_proposed(db, employee, VariantId.VARIANT_1, Level.LOW)
    return moments


def _held(day: str) -> dict[str, str]:
    return {"status": "gehouden", "date": day, "phase": "opstart", "duration_minutes": "60"}


def test_a_held_moment_in_the_future_is_refused_with_both_dates(db: Database, plan: list[ContactMoment]) -> None:
    with pytest.raises(ValidationError) as caught:
        contact_moments.record_moment(db, plan[0], _held("16/06/2026"))
    [error] = caught.value.errors()
    assert error["loc"] == ("date",)
    assert "16/06/2026 is na vandaag (15/06/2026)" in str(error["msg"])
    stored = db.get(ContactMoment, plan[0].id, employee_id=plan[0].employee_id)
    assert stored.status is ContactMomentStatus.PLANNED
    saved = contact_moments.record_moment(db, plan[0], _held("15/06/2026"))  # today is fine
    assert saved.moment.status is ContactMomentStatus.HELD


def test_a_planned_moment_may_lie_in_the_future(db: Database, plan: list[ContactMoment]) -> None:
    values = _held("01/07/2026") | {"status": "gepland"}
    assert contact_moments.record_moment(db, plan[0], values).moment.date == date(2026, 7, 1)


def test_the_collective_opstart_refuses_a_future_day(db: Database, plan: list[ContactMoment]) -> None:
    with pytest.raises(ValidationError, match="na vandaag"):
        contact_moments.record_collective_opstart(db, plan[0], _held("20/06/2026"), [])
    with pytest.raises(MomentRefused, match="na vandaag"):  # the form still said "gepland": held all the same
        contact_moments.record_collective_opstart(db, plan[0], _held("20/06/2026") | {"status": "gepland"}, [])


def test_moments_out_of_order_are_saved_with_a_warning_naming_both_dates(
    db: Database, plan: list[ContactMoment]
) -> None:
    first = contact_moments.record_moment(db, plan[0], _held("10/06/2026"))
    assert first.warnings == []
    second = contact_moments.record_moment(db, plan[1], _held("02/06/2026") | {"phase": "analyse"})  # before moment 0
    assert second.moment.status is ContactMomentStatus.HELD
    assert second.warnings == [
        "Contactmoment 1 staat op 02/06/2026, vóór contactmoment 0 (10/06/2026). Klopt de volgorde?"
    ]


def test_order_warnings_rule() -> None:
    def moment(number: int, day: date | None, status: ContactMomentStatus = ContactMomentStatus.HELD) -> ContactMoment:
        return ContactMoment(
            id=f"m{number}",
            employee_id="e1",
            trajectory_id="t1",
            number=number,
            phase=Phase.ANALYSE,
            date=day,
            status=status,
        )

    early, middle, late = moment(0, date(2026, 3, 1)), moment(1, date(2026, 3, 10)), moment(2, date(2026, 3, 20))
    assert order_warnings(middle, [early, middle, late]) == []
    same_day = moment(1, date(2026, 3, 1))
    assert order_warnings(same_day, [early, same_day, late]) == []  # the same day is not out of order
    too_late = moment(1, date(2026, 3, 25))
    assert order_warnings(too_late, [early, too_late, late]) == [
        "Contactmoment 1 staat op 25/03/2026, na contactmoment 2 (20/03/2026). Klopt de volgorde?"
    ]
    skipped = moment(2, date(2026, 3, 5), ContactMomentStatus.SKIPPED)
    assert order_warnings(middle, [early, middle, skipped]) == []
    assert order_warnings(moment(1, None, ContactMomentStatus.PLANNED), [early, late]) == []


# -- a draft POP ready to be made final, from the summaries ----------------------------------


def _smart_action(action_id: str, competence_kind: CompetenceKind, **fields: object) -> PopAction:
    values: dict[str, object] = {
        "id": action_id,
        "what": "Heftruckattest halen",
        "deadline": date(2026, 9, 1),
        "result": "Attest behaald",
        "who_helps": "Ploegbaas",
        "kind": competence_kind,
    }
    return PopAction(**(values | fields))


@pytest.mark.parametrize(
    ("second", "ready"),
    [
        ({}, True),
        ({"who_helps": ""}, False),
        ({"result": "  "}, False),
        ({"deadline": None}, False),
        ({"deadline": date(2026, 6, 1)}, False),  # in the past
        ({"kind": CompetenceKind.OTHER}, False),  # no technical action left
    ],
)
def test_home_shows_a_draft_pop_ready_by_the_pop_rules(db: Database, second: dict[str, object], ready: bool) -> None:
    from poptui.services.pop_rules import check_actions

    organisation = db.save(Organisation(name="Org"))
    employee = db.save(Employee(id="e1", first_name="Patrick", last_name="Goossens", organisation_id=organisation.id))
    db.save(_trajectory(TrajectoryStatus.ACTIVE))
    actions = [_smart_action("a1", CompetenceKind.GENERIC), _smart_action("a2", CompetenceKind.TECHNICAL, **second)]
    db.save(PopDocument(employee_id=employee.id, trajectory_id="t1", status=PopStatus.DRAFT, actions=actions))
    attention = attention_for(db, None, TODAY)
    assert [(trajectory.id, person.id) for trajectory, person in attention.pops_ready] == (
        [("t1", "e1")] if ready else []
    )
    assert check_actions(actions, TODAY).ok is ready  # the same rule as on the POP screen


def test_draft_action_facts_read_what_the_rules_read() -> None:
    from poptui.services.attention import DraftActionFacts

    action = _smart_action("a1", CompetenceKind.TECHNICAL)
    facts = DraftActionFacts.of(action.model_dump(mode="json"))
    assert (facts.id, facts.what, facts.deadline, facts.result, facts.who_helps, facts.kind) == (
        action.id,
        action.what,
        action.deadline,
        action.result,
        action.who_helps,
        action.kind,
    )
    assert facts.kind is CompetenceKind.TECHNICAL
