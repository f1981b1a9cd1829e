"""Services: variant proposal, plan proposal, POP rules."""

from __future__ import annotations

from datetime import date

import pytest

from poptui.models import CompetenceKind, Employee, Level, Organisation, PopAction, PopDocument, VariantId
from poptui.services.pop_rules import action_problems, check_pop
from poptui.services.trajectories import propose_plan, start_trajectory
from poptui.services.trajectory_list import summarise
from poptui.services.variants import propose_variant
from poptui.store import Database

L, M, H = Level.LOW, Level.MEDIUM, Level.HIGH
TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("reflection", "intensity", "variant"),
    [
        (M, M, VariantId.BASIS),
        (L, L, VariantId.VARIANT_1),
        (H, L, VariantId.VARIANT_2),
        (H, H, VariantId.VARIANT_3),
        (L, H, VariantId.VARIANT_4),
    ],
)
def test_every_row_of_the_variant_table(reflection: Level, intensity: Level, variant: VariantId) -> None:
    proposal = propose_variant(reflection, intensity)
    assert proposal.variant is variant
    assert proposal.exact
    assert "contactmomenten" in proposal.explanation


@pytest.mark.parametrize(
    ("reflection", "intensity", "variant", "advice"),
    [
        (L, M, VariantId.VARIANT_4, "Schrap eventueel"),
        (H, M, VariantId.VARIANT_3, "Schrap eventueel"),
        (M, L, VariantId.BASIS, "Schrap eventueel"),
        (M, H, VariantId.BASIS, "Voeg eventueel"),
    ],
)
def test_combinations_outside_the_table_get_the_nearest_variant_explained(
    reflection: Level, intensity: Level, variant: VariantId, advice: str
) -> None:
    proposal = propose_variant(reflection, intensity)
    assert proposal.variant is variant
    assert not proposal.exact
    assert "geen standaardvariant" in proposal.explanation
    assert advice in proposal.explanation


@pytest.mark.parametrize(
    ("variant", "after_opstart"),
    [
        (VariantId.BASIS, 4),
        (VariantId.VARIANT_1, 2),
        (VariantId.VARIANT_2, 2),
        (VariantId.VARIANT_3, 5),
        (VariantId.VARIANT_4, 5),
    ],
)
def test_plan_proposal_follows_the_catalog(variant: VariantId, after_opstart: int) -> None:
    plan = propose_plan(variant)
    assert len(plan) == after_opstart + 1
    assert [moment.number for moment in plan] == list(range(after_opstart + 1))
    assert plan[0].phase.value == "opstart"
    assert plan[-1].phase.value == "planning"
    assert all(moment.methods or moment.number == 0 for moment in plan)


def test_start_trajectory_stores_the_plan(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="Jan", last_name="D'Hondt", organisation_id=organisation.id))
    plan = propose_plan(VariantId.VARIANT_1)
    plan.pop(1)
    trajectory, moments = start_trajectory(
        db, employee, variant=VariantId.VARIANT_1, reflection=L, intensity=L, plan=plan, start_date=TODAY
    )
    assert trajectory.status.value == "actief"
    assert [moment.number for moment in moments] == [0, 1]
    [summary] = summarise(db, [trajectory])
    assert summary.contact_moments_planned == 2 and summary.contact_moments_held == 0
    assert summary.as_json()["employee"] == "Jan D'Hondt"


def _action(**changes: object) -> PopAction:
    fields = {
        "what": "Heftruckattest halen",
        "who_helps": "Luc",
        "deadline": date(2027, 3, 1),
        "result": "Attest behaald",
        "kind": CompetenceKind.TECHNICAL,
    }
    fields.update(changes)
    return PopAction(**fields)


def test_action_smart_checks_each_message() -> None:
    assert action_problems(_action(), TODAY) == []
    assert action_problems(_action(deadline=None), TODAY) == ["Er is geen deadline (tegen wanneer)."]
    assert action_problems(_action(deadline=date(2026, 1, 5)), TODAY) == [
        "De deadline 05/01/2026 ligt in het verleden."
    ]
    assert action_problems(_action(result=""), TODAY) == [
        "Het resultaat is niet meetbaar: beschrijf wat je zult zien als het gelukt is."
    ]
    assert action_problems(_action(who_helps=" "), TODAY) == [
        "Niemand helpt: vul in wie kan helpen, binnen of buiten de organisatie."
    ]


def test_pop_rule_needs_a_generic_and_a_technical_action() -> None:
    pop = PopDocument(employee_id="e", trajectory_id="t", actions=[_action()])
    check = check_pop(pop, TODAY)
    assert not check.rule_ok and not check.ok
    assert "Er is nog geen actie op een generieke competentie (verplicht: minstens één)." in check.problems
    assert check.rule_text() == "Nog nodig: een actie op een generieke competentie."
    pop.actions = [_action(), _action(kind=CompetenceKind.GENERIC, what="Hulp vragen", deadline=None)]
    check = check_pop(pop, TODAY)
    assert check.rule_ok and not check.ok
    assert check.problems == ["Actie 2: Er is geen deadline (tegen wanneer)."]
    pop.actions[1] = _action(kind=CompetenceKind.GENERIC, what="Hulp vragen")
    assert check_pop(pop, TODAY).ok


def test_empty_pop_explains_what_is_missing() -> None:
    check = check_pop(PopDocument(employee_id="e", trajectory_id="t"), TODAY)
    assert check.problems[0] == "Het actieplan heeft nog geen acties."
    assert len(check.problems) == 3


def test_who_can_start_a_new_trajectory(demo_db: Database) -> None:
    from poptui.services.trajectories import ready_for_new_trajectory

    ready = {employee.first_name: previous for employee, previous in ready_for_new_trajectory(demo_db)}
    assert {"Jan", "Ayşe", "Nathalie", "Fatima", "Bart"} <= set(ready)  # completed or stopped
    assert not {"Inès", "Kevin", "Mohamed", "Patrick"} & set(ready)  # a trajectory is running
    assert ready["Jan"] is not None and ready["Jan"].status.value == "afgerond"
    assert ready["Bart"] is None  # stopped, never completed: a first POP again
