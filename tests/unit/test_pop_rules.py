"""The POP rule (one generic and one technical action) and the SMART checks per action."""

from __future__ import annotations

from datetime import date

from poptui.models import CompetenceKind, PopAction, PopDocument
from poptui.services.pop_rules import action_problems, check_pop

TODAY = date(2026, 3, 1)
G, T = CompetenceKind.GENERIC, CompetenceKind.TECHNICAL


def _smart(kind: CompetenceKind, **changes: object) -> PopAction:
    fields = {
        "what": "Heftruckattest halen",
        "who_helps": "Luc",
        "deadline": date(2026, 6, 1),
        "result": "Attest behaald",
        "kind": kind,
        **changes,
    }
    return PopAction(**fields)


def _pop(*actions: PopAction) -> PopDocument:
    return PopDocument(employee_id="e", trajectory_id="t", actions=list(actions))


def test_a_smart_action_has_no_problems() -> None:
    assert action_problems(_smart(G), TODAY) == []


def test_each_missing_part_has_its_own_message() -> None:
    assert action_problems(_smart(G, deadline=None), TODAY) == ["Er is geen deadline (tegen wanneer)."]
    assert action_problems(_smart(G, deadline=date(2026, 2, 1)), TODAY) == [
        "De deadline 01/02/2026 ligt in het verleden."
    ]
    assert action_problems(_smart(G, result=" "), TODAY) == [
        "Het resultaat is niet meetbaar: beschrijf wat je zult zien als het gelukt is."
    ]
    assert action_problems(_smart(G, who_helps=""), TODAY) == [
        "Niemand helpt: vul in wie kan helpen, binnen of buiten de organisatie."
    ]
    assert action_problems(_smart(G, what=" "), TODAY) == ["Beschrijf wat er precies moet gebeuren."]


def test_a_deadline_today_is_not_in_the_past() -> None:
    assert action_problems(_smart(G, deadline=TODAY), TODAY) == []


def test_the_rule_needs_a_generic_and_a_technical_action() -> None:
    empty = check_pop(_pop(), TODAY)
    assert not empty.ok and not empty.rule_ok
    assert empty.problems == [
        "Het actieplan heeft nog geen acties.",
        "Er is nog geen actie op een generieke competentie (verplicht: minstens één).",
        "Er is nog geen actie op een technische competentie (verplicht: minstens één).",
    ]
    assert empty.rule_text() == (
        "Nog nodig: een actie op een generieke competentie en een actie op een technische competentie."
    )
    only_generic = check_pop(_pop(_smart(G)), TODAY)
    assert only_generic.problems == ["Er is nog geen actie op een technische competentie (verplicht: minstens één)."]
    assert only_generic.rule_text() == "Nog nodig: een actie op een technische competentie."
    other_kind = check_pop(_pop(_smart(CompetenceKind.OTHER), _smart(T)), TODAY)
    assert other_kind.problems == ["Er is nog geen actie op een generieke competentie (verplicht: minstens één)."]


def test_a_valid_pop_passes_and_problems_name_the_action() -> None:
    valid = check_pop(_pop(_smart(G), _smart(T)), TODAY)
    assert valid.ok and valid.rule_ok and valid.action_problems == {}
    assert valid.rule_text() == "In orde: minstens één actie op een generieke en één op een technische competentie."
    late = _smart(T, deadline=None)
    check = check_pop(_pop(_smart(G), late), TODAY)
    assert check.problems == ["Actie 2: Er is geen deadline (tegen wanneer)."]
    assert check.action_problems == {late.id: ["Er is geen deadline (tegen wanneer)."]}


def test_a_final_pop_is_checked_without_past_deadlines() -> None:
    pop = _pop(_smart(G, deadline=date(2025, 1, 1)), _smart(T, deadline=date(2025, 1, 1)))
    assert not check_pop(pop, TODAY).ok
    assert check_pop(pop, TODAY, deadlines_may_be_past=True).ok
