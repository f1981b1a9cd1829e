"""Beslissingsmatrix (§4.5.3, poptui's own guidance): weighted totals and the ranking.

Per cell: score (1 past helemaal niet … 5 past heel goed) x the criterion's weight (1, 2, 3);
an option's total is the sum over the criteria it was scored on. Options rank from the highest
total down; equal totals share a rank. An option with an empty cell is *incomplete*.
"""

from __future__ import annotations

from dataclasses import dataclass

from poptui.models.planning import BeslissingsmatrixRecord, MatrixCriterion, MatrixOption


def weighted_total(option: MatrixOption, criteria: list[MatrixCriterion]) -> int:
    return sum(
        option.scores[criterion.id] * criterion.weight for criterion in criteria if criterion.id in option.scores
    )


def maximum(criteria: list[MatrixCriterion]) -> int:
    return sum(5 * criterion.weight for criterion in criteria)


@dataclass(frozen=True)
class RankedOption:
    rank: int
    option: MatrixOption
    total: int
    complete: bool


def ranking(record: BeslissingsmatrixRecord) -> list[RankedOption]:
    position = {option.id: index for index, option in enumerate(record.options)}
    totals = [(option, weighted_total(option, record.criteria)) for option in record.options]
    totals.sort(key=lambda pair: (-pair[1], position[pair[0].id]))
    out: list[RankedOption] = []
    for index, (option, total) in enumerate(totals):
        rank = out[-1].rank if out and out[-1].total == total else index + 1
        complete = all(criterion.id in option.scores for criterion in record.criteria)
        out.append(RankedOption(rank, option, total, complete))
    return out


def set_score(
    record: BeslissingsmatrixRecord, option_id: str, criterion_id: str, score: int | None
) -> BeslissingsmatrixRecord:
    """A copy with one cell set (None empties it)."""
    changed = record.model_copy(deep=True)
    for option in changed.options:
        if option.id == option_id:
            scores = dict(option.scores)
            if score is None:
                scores.pop(criterion_id, None)
            else:
                scores[criterion_id] = score
            option.scores = scores
    return changed


def remove_criterion(record: BeslissingsmatrixRecord, criterion_id: str) -> BeslissingsmatrixRecord:
    changed = record.model_copy(deep=True)
    changed.criteria = [criterion for criterion in changed.criteria if criterion.id != criterion_id]
    for option in changed.options:
        option.scores = {key: value for key, value in option.scores.items() if key != criterion_id}
    return changed
