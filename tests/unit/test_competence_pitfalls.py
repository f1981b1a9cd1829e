"""The rater pitfalls of §5.6 D as pure detectors: each with ratings that must and must not trigger it."""

from __future__ import annotations

import pytest

from poptui.catalog import load_catalog
from poptui.services.competence_pitfalls import (
    MIN_RATINGS,
    Rater,
    all_high,
    all_low,
    all_pitfalls_text,
    all_the_same,
    copied,
    in_the_middle,
    rater_warnings,
)


@pytest.mark.parametrize(
    ("values", "levels"),
    [([2, 3, 2, 3, 3], 4), ([2, 2, 3, 2], 4), ([2, 3, 4, 3, 2], 5), ([2, 2, 2, 2], 3)],
)
def test_in_the_middle_triggers_without_any_extreme(values: list[int], levels: int) -> None:
    assert in_the_middle(values, levels)


@pytest.mark.parametrize(
    ("values", "levels"),
    [([2, 3, 2, 1, 3], 4), ([2, 3, 4, 3], 4), ([2, 3, 3], 4), ([], 4), ([1, 2, 1, 2], 2), ([5, 3, 3, 3], 5)],
)
def test_in_the_middle_stays_quiet(values: list[int], levels: int) -> None:
    assert not in_the_middle(values, levels)


@pytest.mark.parametrize(("values", "levels"), [([3, 4, 4, 3], 4), ([4, 4, 4, 4, 4], 4), ([4, 5, 5, 4], 5)])
def test_all_high_triggers(values: list[int], levels: int) -> None:
    assert all_high(values, levels)


@pytest.mark.parametrize(
    ("values", "levels"),
    [([3, 3, 3, 3], 4), ([3, 4, 4, 2], 4), ([4, 4, 4], 4), ([3, 4, 5, 5], 5), ([1, 1, 1, 1], 4)],
)
def test_all_high_stays_quiet(values: list[int], levels: int) -> None:
    """All 3 of 4 is the middle, not mild; a 3 on a 5-level scale is not the upper half."""
    assert not all_high(values, levels)


@pytest.mark.parametrize(("values", "levels"), [([1, 2, 2, 1], 4), ([1, 1, 1, 1], 4), ([2, 1, 2, 2, 2], 5)])
def test_all_low_triggers(values: list[int], levels: int) -> None:
    assert all_low(values, levels)


@pytest.mark.parametrize(
    ("values", "levels"), [([2, 2, 2, 2], 4), ([1, 2, 3, 1], 4), ([1, 1, 2], 4), ([1, 2, 3, 3], 5)]
)
def test_all_low_stays_quiet(values: list[int], levels: int) -> None:
    assert not all_low(values, levels)


def test_all_the_same() -> None:
    assert all_the_same([3, 3, 3, 3])
    assert all_the_same([1] * 11)
    assert not all_the_same([3, 3, 3, 2])
    assert not all_the_same([3, 3, 3])  # too few to be a pattern
    assert not all_the_same([])


def test_copied_from_the_previous_measurement() -> None:
    previous = {"a": 2, "b": 3, "c": 3, "d": 4, "e": 1}
    assert copied({"a": 2, "b": 3, "c": 3, "d": 4}, previous)
    assert copied({"a": 2, "b": 3, "c": 3, "d": 4, "new": 2}, previous)  # a new competence changes nothing
    assert not copied({"a": 2, "b": 3, "c": 3, "d": 3}, previous)  # one grew
    assert not copied({"a": 2, "b": 3, "c": 3}, previous)  # too few in common
    assert not copied({"x": 2, "y": 3, "z": 3, "w": 4}, previous)
    assert not copied({}, {})


def test_a_pattern_needs_enough_ratings() -> None:
    assert MIN_RATINGS == 4
    assert rater_warnings(Rater.COACH, {"a": 2, "b": 2, "c": 2}, 4) == []


def test_warnings_explain_themselves_with_the_draaiboek() -> None:
    guide = load_catalog().competence
    warnings = rater_warnings(Rater.COACH, {"a": 4, "b": 4, "c": 4, "d": 4}, 4, {"a": 4, "b": 4, "c": 4, "d": 4})
    assert [warning.pitfall_id for warning in warnings] == ["mildheid", "besmetting", "vroegere_oordelen"]
    for warning in warnings:
        pitfall = guide.pitfall(warning.pitfall_id)
        assert warning.explanation == pitfall.explanation and warning.name == pitfall.name
        assert warning.who == "Coach" and warning.rater is Rater.COACH
    middle = rater_warnings(Rater.SUPERVISOR, {"a": 2, "b": 3, "c": 3, "d": 2}, 4)
    assert [warning.pitfall_id for warning in middle] == ["centrale_tendens"]
    assert middle[0].who == "Werkvloerbegeleider"
    assert middle[0].observation == "niets op het laagste of het hoogste niveau"
    assert "gemiddeld" in middle[0].explanation
    assert rater_warnings(Rater.COACH, {"a": 1, "b": 2, "c": 4, "d": 3}, 4) == []


def test_the_full_list_names_every_pitfall() -> None:
    text = all_pitfalls_text()
    for pitfall in load_catalog().competence.pitfalls:
        assert pitfall.name in text and pitfall.explanation in text
