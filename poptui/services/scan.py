"""Zinvolheids- en haalbaarheidsscan (§5.7): totals, comparison, the agreed choice, into the plan.

The rule for *both agree* (§5.7 stap 3: "beslis op basis van de hoogste punten en waar jullie
beiden mee akkoord gaan"): an action is agreed when the employee and the coach have both scored
it on zinvol (ZV) and on haalbaar (HB), and none of those four scores is 1 ("niet zo"). Agreed
actions are proposed in order of the combined total (employee ZV + HB + coach ZV + HB, at most
40), then the employee's total, then domain and position. The coach decides: ``chosen`` is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

from poptui.models import PopAction, PopDocument
from poptui.models.planning import MAX_ACTIONS_PER_DOMAIN, SCAN_DOMAINS, ScanAction, ScanRecord
from poptui.services.pop_documents import add_planned_actions, parse_day
from poptui.store import Database


def employee_total(action: ScanAction) -> int | None:
    if action.employee_meaningful is None or action.employee_feasible is None:
        return None
    return action.employee_meaningful + action.employee_feasible


def coach_total(action: ScanAction) -> int | None:
    if action.coach_meaningful is None or action.coach_feasible is None:
        return None
    return action.coach_meaningful + action.coach_feasible


def combined_total(action: ScanAction) -> int:
    """Every score given so far added up (unscored counts 0)."""
    return sum(
        score or 0
        for score in (
            action.employee_meaningful,
            action.employee_feasible,
            action.coach_meaningful,
            action.coach_feasible,
        )
    )


def agreed(action: ScanAction) -> bool:
    """Both scored both, and nobody said "niet zo" (1) on either."""
    scores = (action.employee_meaningful, action.employee_feasible, action.coach_meaningful, action.coach_feasible)
    return all(score is not None and score >= 5 for score in scores)


@dataclass(frozen=True)
class ScanLine:
    """One action with its two score sets side by side."""

    action: ScanAction
    employee_total: int | None
    coach_total: int | None
    total: int
    agreed: bool


def compared(record: ScanRecord) -> list[ScanLine]:
    """The actions of the chosen domains, best first (see the module docstring for the order)."""
    position = {action.id: index for index, action in enumerate(record.actions)}
    lines = [
        ScanLine(action, employee_total(action), coach_total(action), combined_total(action), agreed(action))
        for action in record.actions
        if action.domain in record.domains
    ]
    return sorted(
        lines,
        key=lambda line: (
            not line.agreed,
            -line.total,
            -(line.employee_total or 0),
            line.action.domain,
            position[line.action.id],
        ),
    )


def agreed_ids(record: ScanRecord) -> list[str]:
    return [line.action.id for line in compared(record) if line.agreed]


def choose_agreed(record: ScanRecord) -> ScanRecord:
    """A copy in which exactly the agreed actions are chosen."""
    ids = set(agreed_ids(record))
    changed = record.model_copy(deep=True)
    for action in changed.actions:
        action.chosen = action.id in ids
    return changed


def actions_in_domain(record: ScanRecord, domain: int) -> list[ScanAction]:
    return [action for action in record.actions if action.domain == domain]


def can_add(record: ScanRecord, domain: int) -> bool:
    return domain in SCAN_DOMAINS and len(actions_in_domain(record, domain)) < MAX_ACTIONS_PER_DOMAIN


def source_of(record: ScanRecord, action: ScanAction) -> str:
    return f"scan:{record.id}:{action.id}"


def to_pop_action(record: ScanRecord, action: ScanAction) -> PopAction:
    """The plan's action for a chosen scan action, carrying the SMART fields and betrekking op.
    Meten/checken becomes the measurable result, hulpbronnen who helps, a tijdsplanning written
    as a date the deadline."""
    smart = action.smart
    return PopAction(
        what=smart.specific.strip() or action.text,
        who_helps=smart.resources,
        deadline=parse_day(smart.timing),
        result=smart.measure,
        kind=action.kind,
        area=action.area,
        smart=smart.model_copy(),
        source=source_of(record, action),
    )


def into_plan(database: Database, record: ScanRecord, pop: PopDocument) -> tuple[ScanRecord, PopDocument, int]:
    """Put the chosen actions (of the domains that apply) into the POP, once each; remember
    in the scan which plan action each became. Returns both saved records and the count added."""
    chosen = [action for action in record.actions if action.chosen and action.domain in record.domains]
    planned = {action.id: to_pop_action(record, action) for action in chosen}
    pop, added = add_planned_actions(database, pop, list(planned.values()))
    by_source = {action.source: action.id for action in pop.actions}
    changed = record.model_copy(deep=True)
    for action in changed.actions:
        if action.id in planned:
            action.pop_action_id = by_source.get(source_of(record, action))
    return database.save(changed), pop, added
