"""SMART (§5.8): totals per action, the best actions per challenge, and into the plan.

*Best* (§5.8 stap 3: "de acties met de meeste punten worden overgenomen"): in each challenge,
the scored actions whose total ZV + HB equals the highest total of that challenge (ties are all
best). Unscored actions are never best. The coach chooses; :func:`choose_best` proposes.
"""

from __future__ import annotations

from poptui.models import PopAction, PopDocument
from poptui.models.planning import MAX_ACTIONS_PER_CHALLENGE, MAX_CHALLENGES, SmartAction, SmartChallenge, SmartRecord
from poptui.services.pop_documents import add_planned_actions, parse_day
from poptui.store import Database


def best_in(challenge: SmartChallenge) -> list[SmartAction]:
    totals = [action.total for action in challenge.actions if action.total is not None]
    if not totals:
        return []
    top = max(totals)
    return [action for action in challenge.actions if action.total == top]


def ranked(challenge: SmartChallenge) -> list[SmartAction]:
    """The challenge's actions by total, highest first; unscored last, in their own order."""
    position = {action.id: index for index, action in enumerate(challenge.actions)}
    return sorted(challenge.actions, key=lambda a: (a.total is None, -(a.total or 0), position[a.id]))


def choose_best(record: SmartRecord) -> SmartRecord:
    """A copy in which exactly the best actions of every challenge are chosen."""
    changed = record.model_copy(deep=True)
    for challenge in changed.challenges:
        best = {action.id for action in best_in(challenge)}
        for action in challenge.actions:
            action.chosen = action.id in best
    return changed


def can_add_challenge(record: SmartRecord) -> bool:
    return len(record.challenges) < MAX_CHALLENGES


def can_add_action(challenge: SmartChallenge) -> bool:
    return len(challenge.actions) < MAX_ACTIONS_PER_CHALLENGE


def source_of(record: SmartRecord, action: SmartAction) -> str:
    return f"smart:{record.id}:{action.id}"


def to_pop_action(record: SmartRecord, challenge: SmartChallenge, action: SmartAction) -> PopAction:
    """The plan's action for a chosen SMART action, under its career competence."""
    smart = action.smart
    return PopAction(
        what=smart.specific.strip() or action.text,
        who_helps=smart.resources,
        deadline=parse_day(smart.timing),
        result=smart.measure,
        kind=action.kind,
        area=action.area,
        career_competence=action.career_competence,
        smart=smart.model_copy(),
        source=source_of(record, action),
    )


def into_plan(database: Database, record: SmartRecord, pop: PopDocument) -> tuple[SmartRecord, PopDocument, int]:
    """Put the chosen actions into the POP once each; returns both saved records and the count added."""
    planned = {
        action.id: to_pop_action(record, challenge, action)
        for challenge in record.challenges
        for action in challenge.actions
        if action.chosen
    }
    pop, added = add_planned_actions(database, pop, list(planned.values()))
    by_source = {action.source: action.id for action in pop.actions}
    changed = record.model_copy(deep=True)
    for challenge in changed.challenges:
        for action in challenge.actions:
            if action.id in planned:
                action.pop_action_id = by_source.get(source_of(record, action))
    return database.save(changed), pop, added
