"""The POP services: summary and candidates, finalising, progress, the follow-up POP."""

from __future__ import annotations

from datetime import date

import pytest

from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
    Employee,
    Level,
    MethodKind,
    MethodRecordBase,
    PopAction,
    PopDocument,
    PopStatus,
    ProgressUpdate,
    Trajectory,
    TrajectoryStatus,
    VariantId,
    new_method_record,
)
from poptui.models.planning import ScanRecord
from poptui.services import pop_documents
from poptui.store import Database

TODAY = date(2026, 3, 1)
G, T = CompetenceKind.GENERIC, CompetenceKind.TECHNICAL


def _trajectory(db: Database, employee: Employee, previous: Trajectory | None = None) -> Trajectory:
    return db.save(
        Trajectory(
            employee_id=employee.id,
            variant=VariantId.BASIS,
            reflection=Level.MEDIUM,
            intensity=Level.MEDIUM,
            status=TrajectoryStatus.ACTIVE,
            start_date=date(2026, 1, 5),
            previous_trajectory_id=previous.id if previous else None,
        )
    )


@pytest.fixture
def employee(db: Database) -> Employee:
    return db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id="org"))


def _action(what: str, kind: CompetenceKind, **changes: object) -> PopAction:
    fields = {"what": what, "who_helps": "Luc", "deadline": date(2026, 6, 1), "result": "Gedaan", "kind": kind}
    return PopAction(**{**fields, **changes})


def test_finalise_is_refused_with_the_reasons_then_accepted(db: Database, employee: Employee) -> None:
    trajectory = _trajectory(db, employee)
    pop = pop_documents.get_or_create_pop(db, trajectory)
    assert pop_documents.get_or_create_pop(db, trajectory).id == pop.id
    pop = pop_documents.add_action(db, pop, _action("Samenwerken", G, deadline=None))
    with pytest.raises(pop_documents.PopNotReady) as refused:
        pop_documents.finalise(db, pop, TODAY)
    assert refused.value.reasons == [
        "Er is nog geen actie op een technische competentie (verplicht: minstens één).",
        "Actie 1: Er is geen deadline (tegen wanneer).",
    ]
    assert "Het POP kan nog niet definitief worden:" in str(refused.value)
    assert db.get(PopDocument, pop.id).status is PopStatus.DRAFT
    pop = pop_documents.replace_action(db, pop, pop.actions[0].model_copy(update={"deadline": date(2026, 5, 1)}))
    pop = pop_documents.add_action(db, pop, _action("Heftruck", T))
    final = pop_documents.finalise(db, pop, TODAY)
    stored = db.get(PopDocument, pop.id)
    assert stored.status is PopStatus.FINAL and stored.finalised_on == TODAY
    with pytest.raises(pop_documents.PopIsFinal):
        pop_documents.add_action(db, final, _action("Nog iets", G))
    final = pop_documents.add_progress(
        db, final, final.actions[1].id, ProgressUpdate(date=date(2026, 4, 1), progress=3, note="Les 3 van 5")
    )
    assert db.get(PopDocument, pop.id).actions[1].latest_progress == 3
    reopened = pop_documents.reopen(db, final)
    assert reopened.status is PopStatus.DRAFT and reopened.finalised_on is None


def test_move_and_remove_actions(db: Database, employee: Employee) -> None:
    pop = pop_documents.get_or_create_pop(db, _trajectory(db, employee))
    for name in ("een", "twee", "drie"):
        pop = pop_documents.add_action(db, pop, _action(name, G))
    pop = pop_documents.move_action(db, pop, pop.actions[2].id, -1)
    assert [a.what for a in pop.actions] == ["een", "drie", "twee"]
    assert pop_documents.move_action(db, pop, pop.actions[0].id, -1) is pop
    pop = pop_documents.remove_action(db, pop, pop.actions[0].id)
    assert [a.what for a in db.get(PopDocument, pop.id).actions] == ["drie", "twee"]


def test_candidates_come_from_method_conclusions_until_accepted_or_dropped(db: Database, employee: Employee) -> None:
    earlier = _trajectory(db, employee)
    trajectory = _trajectory(db, employee, earlier)
    db.save(
        new_method_record(
            MethodKind.HAND,
            employee_id=employee.id,
            trajectory_id=trajectory.id,
            conclusions=["Ik werk graag nauwkeurig", "Ik wil naar de logistiek"],
        )
    )
    db.save(
        new_method_record(
            MethodKind.KLOKWIJS,
            employee_id=employee.id,
            trajectory_id=earlier.id,
            conclusions=["Ik start graag vroeg", "ik werk graag  nauwkeurig"],
        )
    )
    pop = pop_documents.get_or_create_pop(db, trajectory)
    found = pop_documents.candidates(db, pop)
    assert [(c.text, c.earlier) for c in found] == [
        ("Ik werk graag nauwkeurig", False),
        ("Ik wil naar de logistiek", False),
        ("Ik start graag vroeg", True),
    ]
    pop = pop_documents.accept_candidate(db, pop, found[0], "wat_kan_ik", T, "Ik werk heel nauwkeurig")
    assert [(i.text, i.kind) for i in pop.wat_kan_ik] == [("Ik werk heel nauwkeurig", T)]
    pop = pop_documents.dismiss_candidate(db, pop, found[2])
    assert [c.text for c in pop_documents.candidates(db, pop)] == ["Ik wil naar de logistiek"]
    pop = pop_documents.add_item(db, pop, "ontwikkelpunten", "Ik wil naar de logistiek", G)
    assert pop_documents.candidates(db, pop) == []


def test_notes_written_with_the_free_notes_screen_load_into_the_richer_records(db: Database) -> None:
    plain = new_method_record(MethodKind.SCAN, employee_id="e", trajectory_id="t", notes="Notities", conclusions=["c"])
    saved = db.save(plain)
    loaded = db.get(MethodRecordBase, saved.id, employee_id="e")
    assert isinstance(loaded, ScanRecord)
    assert loaded.notes == "Notities" and loaded.conclusion_texts() == ["c"] and loaded.domains == [1, 2, 3, 4, 5, 6, 7]


def test_follow_up_evaluates_the_previous_actions_and_carries_the_chosen(db: Database, employee: Employee) -> None:
    first = _trajectory(db, employee)
    old = pop_documents.get_or_create_pop(db, first)
    done = _action("Attest halen", T, progress=[ProgressUpdate(date=date(2026, 2, 1), progress=5, note="Behaald")])
    half = _action(
        "Collega's inwerken",
        G,
        progress=[
            ProgressUpdate(date=date(2026, 1, 1), progress=1),
            ProgressUpdate(date=date(2026, 2, 1), progress=3, note="Één"),
        ],
    )
    untouched = _action("Info opvragen", CompetenceKind.OTHER)
    old = pop_documents.add_action(db, old, done)
    old = pop_documents.add_action(db, old, half)
    old = pop_documents.add_action(db, old, untouched)
    second = _trajectory(db, employee, first)

    evaluations = pop_documents.start_follow_up_evaluation(db, second)
    assert [(e.action_what, e.progress, e.carry_over, e.remark) for e in evaluations] == [
        ("Attest halen", 5, False, "Behaald"),
        ("Collega's inwerken", 3, True, "Één"),
        ("Info opvragen", 0, True, ""),
    ]
    assert len(pop_documents.start_follow_up_evaluation(db, second)) == 3  # not created twice

    evaluations[2] = evaluations[2].model_copy(update={"carry_over": False, "remark": "Niet meer nodig"})
    saved, pop = pop_documents.apply_evaluation(db, second, evaluations)
    assert [(a.what, a.origin_action_id, a.deadline) for a in pop.actions] == [("Collega's inwerken", half.id, None)]
    stored = {e.action_id: e for e in db.list(ActionEvaluation, employee_id=employee.id)}
    assert stored[untouched.id].remark == "Niet meer nodig" and not stored[untouched.id].carry_over

    again = [e.model_copy(update={"carry_over": e.action_id == untouched.id}) for e in saved]
    _saved, pop = pop_documents.apply_evaluation(db, second, again)
    assert [(a.what, a.origin_action_id) for a in db.get(PopDocument, pop.id).actions] == [
        ("Info opvragen", untouched.id)
    ]


def test_a_trajectory_without_previous_pop_has_nothing_to_evaluate(db: Database, employee: Employee) -> None:
    assert pop_documents.start_follow_up_evaluation(db, _trajectory(db, employee)) == []
