"""The scan (§5.7): totals, the 'both agree' rule, the order, and choosing into the plan."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from poptui.catalog import load_catalog
from poptui.models import ActionArea, CompetenceKind, PopDocument, SmartFields
from poptui.models.errors import field_errors
from poptui.models.planning import MAX_ACTIONS_PER_DOMAIN, ScanAction, ScanRecord
from poptui.services import scan


def _action(
    domain: int, text: str, ew: int | None, eh: int | None, cw: int | None, ch: int | None, **extra: object
) -> ScanAction:
    return ScanAction(
        domain=domain,
        text=text,
        employee_meaningful=ew,
        employee_feasible=eh,
        coach_meaningful=cw,
        coach_feasible=ch,
        **extra,
    )


def _record(*actions: ScanAction, domains: list[int] | None = None) -> ScanRecord:
    fields = {"domains": domains} if domains is not None else {}
    return ScanRecord(employee_id="e", trajectory_id="t", actions=list(actions), **fields)


def test_limits_match_the_catalog() -> None:
    assert load_catalog().scan.max_actions_per_domain == MAX_ACTIONS_PER_DOMAIN
    assert [score.value for score in load_catalog().scan.scores] == [10, 5, 1]


def test_totals_per_rater_and_combined() -> None:
    action = _action(1, "Vacatures lezen", 10, 5, 5, None)
    assert scan.employee_total(action) == 15
    assert scan.coach_total(action) is None
    assert scan.combined_total(action) == 20


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ((10, 10, 10, 10), True),
        ((5, 5, 5, 5), True),
        ((10, 10, 10, 1), False),
        ((10, 10, 10, None), False),
        ((1, 10, 10, 10), False),
    ],
)
def test_both_agree_means_all_four_scored_and_none_is_one(scores: tuple, expected: bool) -> None:
    assert scan.agreed(_action(1, "x", *scores)) is expected


def test_compared_puts_agreed_first_then_highest_total_and_skips_domains_left_out() -> None:
    low = _action(1, "laag akkoord", 5, 5, 5, 5)
    high = _action(2, "hoog akkoord", 10, 10, 10, 5)
    disagree = _action(1, "geen akkoord", 10, 10, 10, 1)
    left_out = _action(4, "randvoorwaarde", 10, 10, 10, 10)
    record = _record(low, disagree, high, left_out, domains=[1, 2, 3])
    assert [line.action.text for line in scan.compared(record)] == ["hoog akkoord", "laag akkoord", "geen akkoord"]
    assert scan.agreed_ids(record) == [high.id, low.id]
    chosen = scan.choose_agreed(record)
    assert {a.text for a in chosen.actions if a.chosen} == {"hoog akkoord", "laag akkoord"}


def test_scores_other_than_ten_five_one_are_refused_in_dutch() -> None:
    with pytest.raises(ValidationError) as error:
        _action(1, "x", 7, None, None, None)
    assert [e.message for e in field_errors(error.value, ScanAction)] == [
        "Een score is 10 (zeer), 5 (best wel) of 1 (niet zo)."
    ]


def test_at_most_ten_actions_per_domain() -> None:
    _record(*[_action(3, f"a{i}", None, None, None, None) for i in range(10)])
    with pytest.raises(ValidationError) as error:
        _record(*[_action(3, f"a{i}", None, None, None, None) for i in range(11)])
    assert field_errors(error.value, ScanRecord)[0].message == (
        "Per domein zijn er maximaal 10 acties (domein 3 heeft er meer)."
    )
    assert not scan.can_add(_record(*[_action(3, f"a{i}", None, None, None, None) for i in range(10)]), 3)


def test_unknown_domain_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        _record(domains=[1, 8])
    assert field_errors(error.value, ScanRecord)[0].message == "De scan heeft zeven domeinen, genummerd van 1 tot 7."


def test_chosen_actions_go_into_the_plan_once_with_their_smart_fields(db) -> None:
    smart = SmartFields(
        specific="Elke week twee vacatures lezen",
        measure="Lijst met vacatures",
        resources="Luc",
        timing="30/06/2030",
        why="Ik wil weten wat er is",
    )
    chosen = _action(
        2,
        "Vacatures",
        10,
        10,
        10,
        10,
        smart=smart,
        area=ActionArea.INFORMEREN,
        kind=CompetenceKind.GENERIC,
        chosen=True,
    )
    other = _action(2, "Niet gekozen", 10, 10, 10, 10)
    record = db.save(_record(chosen, other))
    pop = db.save(PopDocument(employee_id="e", trajectory_id="t"))
    record, pop, added = scan.into_plan(db, record, pop)
    assert added == 1
    [action] = pop.actions
    assert action.what == "Elke week twee vacatures lezen"
    assert action.result == "Lijst met vacatures" and action.who_helps == "Luc"
    assert action.deadline is not None and action.deadline.isoformat() == "2030-06-30"
    assert action.area is ActionArea.INFORMEREN and action.kind is CompetenceKind.GENERIC
    assert action.smart.why == "Ik wil weten wat er is"
    assert record.actions[0].pop_action_id == action.id
    _record2, pop, added = scan.into_plan(db, record, pop)
    assert added == 0 and len(pop.actions) == 1
