"""Beslissingsmatrix: weighted totals, ranking with ties, Dutch validation messages."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from poptui.models.errors import field_errors
from poptui.models.planning import BeslissingsmatrixRecord, MatrixCriterion, MatrixOption
from poptui.services import decision_matrix


def _matrix() -> BeslissingsmatrixRecord:
    near, fun = MatrixCriterion(text="Dichtbij", weight=3), MatrixCriterion(text="Leuk", weight=1)
    options = [
        MatrixOption(text="Magazijn", scores={near.id: 4, fun.id: 5}),
        MatrixOption(text="Verpakking", scores={near.id: 5, fun.id: 2}),
        MatrixOption(text="Onthaal", scores={near.id: 3}),
    ]
    return BeslissingsmatrixRecord(employee_id="e", trajectory_id="t", options=options, criteria=[near, fun])


def test_weighted_totals_and_ranking_with_shared_rank() -> None:
    record = _matrix()
    ranked = decision_matrix.ranking(record)
    assert [(r.rank, r.option.text, r.total, r.complete) for r in ranked] == [
        (1, "Magazijn", 17, True),
        (1, "Verpakking", 17, True),
        (3, "Onthaal", 9, False),
    ]
    assert decision_matrix.maximum(record.criteria) == 20


def test_set_score_and_remove_criterion() -> None:
    record = _matrix()
    onthaal, near = record.options[2], record.criteria[0]
    changed = decision_matrix.set_score(record, onthaal.id, record.criteria[1].id, 5)
    assert decision_matrix.weighted_total(changed.options[2], changed.criteria) == 14
    cleared = decision_matrix.set_score(changed, onthaal.id, near.id, None)
    assert near.id not in cleared.options[2].scores
    without = decision_matrix.remove_criterion(record, near.id)
    assert all(near.id not in option.scores for option in without.options)


def test_scores_and_weights_out_of_range_are_refused_in_dutch() -> None:
    with pytest.raises(ValidationError) as error:
        MatrixOption(text="x", scores={"c": 6})
    assert field_errors(error.value, MatrixOption)[0].message == (
        "Een score in de matrix gaat van 1 (past helemaal niet) tot 5 (past heel goed)."
    )
    with pytest.raises(ValidationError) as error:
        MatrixCriterion(text="x", weight=4)
    assert field_errors(error.value, MatrixCriterion)[0].message == (
        "Het gewicht is 1 (een beetje belangrijk), 2 (belangrijk) of 3 (heel belangrijk)."
    )
