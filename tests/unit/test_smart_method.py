"""SMART (§5.8): ZV + HB = totaal, the best per challenge, the limits, into the plan."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from poptui.catalog import load_catalog
from poptui.models import CareerCompetence, PopDocument, SmartFields
from poptui.models.errors import field_errors
from poptui.models.planning import SmartAction, SmartChallenge, SmartRecord
from poptui.services import smart_method


def _challenge(*scores: tuple[int | None, int | None], title: str = "U") -> SmartChallenge:
    return SmartChallenge(
        title=title,
        actions=[SmartAction(text=f"a{i}", meaningful=zv, feasible=hb) for i, (zv, hb) in enumerate(scores)],
    )


def test_limits_match_the_catalog() -> None:
    guide = load_catalog().smart
    assert (guide.max_challenges, guide.max_actions_per_challenge) == (4, 10)


def test_total_is_zv_plus_hb_and_unknown_until_both_scored() -> None:
    assert SmartAction(meaningful=10, feasible=5).total == 15
    assert SmartAction(meaningful=10).total is None


def test_best_are_the_highest_totals_ties_included() -> None:
    challenge = _challenge((10, 5), (5, 10), (1, 1), (None, 10))
    assert [a.text for a in smart_method.best_in(challenge)] == ["a0", "a1"]
    assert [a.text for a in smart_method.ranked(challenge)] == ["a0", "a1", "a2", "a3"]
    assert smart_method.best_in(_challenge((None, None))) == []


def test_choose_best_marks_the_best_of_every_challenge() -> None:
    record = SmartRecord(
        employee_id="e", trajectory_id="t", challenges=[_challenge((10, 10), (5, 5)), _challenge((1, 5), (1, 1))]
    )
    chosen = smart_method.choose_best(record)
    assert [[a.chosen for a in c.actions] for c in chosen.challenges] == [[True, False], [True, False]]


def test_at_most_four_challenges_and_ten_actions_each() -> None:
    with pytest.raises(ValidationError) as error:
        SmartRecord(employee_id="e", trajectory_id="t", challenges=[_challenge() for _ in range(5)])
    assert field_errors(error.value, SmartRecord)[0].message == "Er zijn maximaal 4 uitdagingen."
    with pytest.raises(ValidationError) as error:
        _challenge(*[(None, None)] * 11)
    assert field_errors(error.value, SmartChallenge)[0].message == "Per uitdaging zijn er maximaal 10 acties."


def test_chosen_actions_go_into_the_plan_under_their_career_competence(db) -> None:
    action = SmartAction(
        text="Meelopen in het magazijn",
        meaningful=10,
        feasible=10,
        chosen=True,
        career_competence=CareerCompetence.EXPLOREREN,
        smart=SmartFields(measure="Verslag aan de coach", resources="Luc"),
    )
    record = db.save(
        SmartRecord(employee_id="e", trajectory_id="t", challenges=[SmartChallenge(title="Magazijn", actions=[action])])
    )
    pop = db.save(PopDocument(employee_id="e", trajectory_id="t"))
    record, pop, added = smart_method.into_plan(db, record, pop)
    assert added == 1
    assert pop.actions[0].what == "Meelopen in het magazijn"
    assert pop.actions[0].career_competence is CareerCompetence.EXPLOREREN
    assert pop.actions[0].result == "Verslag aan de coach"
    assert record.challenges[0].actions[0].pop_action_id == pop.actions[0].id
