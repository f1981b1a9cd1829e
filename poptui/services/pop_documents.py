"""The POP document of a trajectory (§4.3): summary, action plan, finalising, follow-up.

Screens call these functions with ``app.database``; every change is saved at once and the
saved copy is returned (keep it: the next save needs its version).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from poptui.i18n import _
from poptui.labels import label
from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
    Employee,
    MethodRecordBase,
    PopAction,
    PopDocument,
    PopItem,
    PopStatus,
    ProgressUpdate,
    SummaryPart,
    Trajectory,
)
from poptui.services.competences import dictionary, linked_action
from poptui.services.pop_rules import check_pop
from poptui.store import Database, StoreError

SUMMARY_LISTS = tuple(part.value for part in SummaryPart)
"""The three lists of the summary, in the order of the POP document."""


class PopNotReady(StoreError):
    """Finalising was refused; ``reasons`` lists why, in Dutch."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(_("Het POP kan nog niet definitief worden:") + "\n" + "\n".join(f"- {r}" for r in reasons))
        self.reasons = reasons


class PopIsFinal(StoreError):
    def __init__(self) -> None:
        super().__init__(_("Dit POP is definitief. Heropen het eerst (toets o) om het te wijzigen."))


# -- the document -------------------------------------------------------------------


def pop_of(database: Database, trajectory: Trajectory) -> PopDocument | None:
    found = database.list(PopDocument, employee_id=trajectory.employee_id, trajectory_id=trajectory.id)
    return found[0] if found else None


def get_or_create_pop(database: Database, trajectory: Trajectory) -> PopDocument:
    """The POP of the trajectory; a new, empty draft is stored the first time."""
    return pop_of(database, trajectory) or database.save(
        PopDocument(employee_id=trajectory.employee_id, trajectory_id=trajectory.id)
    )


def _editable(pop: PopDocument) -> None:
    if pop.status is PopStatus.FINAL:
        raise PopIsFinal()


def _changed(database: Database, pop: PopDocument, **update: object) -> PopDocument:
    """Validate the changed copy (assignment validates) and save it."""
    _editable(pop)
    changed = pop.model_copy(deep=True)
    for name, value in update.items():
        setattr(changed, name, value)
    return database.save(changed)


def set_goal(database: Database, pop: PopDocument, goal: str) -> PopDocument:
    return _changed(database, pop, goal=goal)


# -- summary ------------------------------------------------------------------------


def add_item(
    database: Database,
    pop: PopDocument,
    part: str,
    text: str,
    kind: CompetenceKind = CompetenceKind.OTHER,
    source: str = "",
) -> PopDocument:
    """Add an item to Wat wil ik / Wat kan ik / Ontwikkelpunten (``part`` is one of SUMMARY_LISTS)."""
    items = [*getattr(pop, part), PopItem(text=text, kind=kind, source=source)]
    return _changed(database, pop, **{part: items})


def edit_item(
    database: Database,
    pop: PopDocument,
    part: str,
    item_id: str,
    *,
    text: str | None = None,
    kind: CompetenceKind | None = None,
) -> PopDocument:
    items = []
    for item in getattr(pop, part):
        if item.id == item_id:
            item = PopItem(
                id=item.id,
                text=item.text if text is None else text,
                kind=item.kind if kind is None else kind,
                source=item.source,
            )
        items.append(item)
    return _changed(database, pop, **{part: items})


def remove_item(database: Database, pop: PopDocument, part: str, item_id: str) -> PopDocument:
    return _changed(database, pop, **{part: [item for item in getattr(pop, part) if item.id != item_id]})


@dataclass(frozen=True)
class Candidate:
    """A conclusion written in a method that is not yet in the POP summary."""

    key: str
    text: str
    method: str
    """The method's name, to show where it came from."""
    earlier: bool
    """True when it comes from an earlier trajectory of the employee."""
    part: SummaryPart | None = None
    """The part of the summary the coach meant it for in the method (None: not chosen)."""


def candidate_key(record: MethodRecordBase, text: str) -> str:
    return f"{record.id}|{' '.join(text.split()).casefold()}"


def candidates(database: Database, pop: PopDocument) -> list[Candidate]:
    """Conclusions of the employee's method records (this trajectory first, then earlier ones)
    that are neither in the summary (same source or same text) nor dropped."""
    used_sources = {item.source for part in SUMMARY_LISTS for item in getattr(pop, part)}
    used_texts = {" ".join(item.text.split()).casefold() for part in SUMMARY_LISTS for item in getattr(pop, part)}
    dismissed = set(pop.dismissed_candidates)
    used_texts |= {key.partition("|")[2] for key in used_sources | dismissed if "|" in key}
    records = database.list(MethodRecordBase, employee_id=pop.employee_id)
    records.sort(
        key=lambda record: (
            record.trajectory_id != pop.trajectory_id,
            record.date or date.min,
            record.created_at.isoformat() if record.created_at else "",
        )
    )
    out: list[Candidate] = []
    seen: set[str] = set()
    for record in records:
        for conclusion in record.conclusions:
            text = conclusion.text
            key = candidate_key(record, text)
            plain = " ".join(text.split()).casefold()
            if not plain or key in used_sources or key in dismissed or plain in used_texts or plain in seen:
                continue
            seen.add(plain)
            out.append(
                Candidate(
                    key,
                    text.strip(),
                    label(record.kind),
                    record.trajectory_id != pop.trajectory_id,
                    conclusion.part,
                )
            )
    return out


def accept_candidate(
    database: Database, pop: PopDocument, candidate: Candidate, part: str, kind: CompetenceKind, text: str | None = None
) -> PopDocument:
    """Put a candidate (possibly reworded) into one of the three summary lists."""
    return add_item(database, pop, part, text if text is not None else candidate.text, kind, candidate.key)


def dismiss_candidate(database: Database, pop: PopDocument, candidate: Candidate) -> PopDocument:
    """Drop a candidate: it will not be offered again for this POP."""
    return _changed(database, pop, dismissed_candidates=[*pop.dismissed_candidates, candidate.key])


# -- actions ------------------------------------------------------------------------


def _linked(database: Database, pop: PopDocument, action: PopAction) -> PopAction:
    """An action linked to a dictionary competence takes that competence's name and kind."""
    if not action.competence_id:
        return action
    employee = database.find(Employee, pop.employee_id)
    return linked_action(dictionary(database, employee.organisation_id), action) if employee else action


def add_action(database: Database, pop: PopDocument, action: PopAction) -> PopDocument:
    """Add an action; one linked to a competence of the organisation's dictionary gets its name and kind."""
    return _changed(database, pop, actions=[*pop.actions, _linked(database, pop, action)])


def replace_action(database: Database, pop: PopDocument, action: PopAction) -> PopDocument:
    """Store an edited action (same id) in its place (linked as :func:`add_action` says)."""
    action = _linked(database, pop, action)
    return _changed(database, pop, actions=[action if item.id == action.id else item for item in pop.actions])


def remove_action(database: Database, pop: PopDocument, action_id: str) -> PopDocument:
    return _changed(database, pop, actions=[action for action in pop.actions if action.id != action_id])


def move_action(database: Database, pop: PopDocument, action_id: str, step: int) -> PopDocument:
    """Move an action ``step`` places up (negative) or down; at the edge nothing changes."""
    actions = list(pop.actions)
    index = next((i for i, action in enumerate(actions) if action.id == action_id), None)
    if index is None:
        return pop
    target = max(0, min(len(actions) - 1, index + step))
    if target == index:
        return pop
    actions.insert(target, actions.pop(index))
    return _changed(database, pop, actions=actions)


def add_progress(database: Database, pop: PopDocument, action_id: str, update: ProgressUpdate) -> PopDocument:
    """A follow-up note on an action (UITVOEREN); allowed on a final POP too, the plan itself stays."""
    changed = pop.model_copy(deep=True)
    for action in changed.actions:
        if action.id == action_id:
            action.progress = sorted([*action.progress, update], key=lambda item: item.date)
    return database.save(changed)


# -- final ----------------------------------------------------------------------------


def finalise(database: Database, pop: PopDocument, today: date) -> PopDocument:
    """Make the POP final (status definitief, finalised today). Raises :class:`PopNotReady`
    with the reasons of :func:`check_pop` while the rule or an action check fails."""
    check = check_pop(pop, today)
    if not check.ok:
        raise PopNotReady(check.problems)
    return database.save(pop.model_copy(update={"status": PopStatus.FINAL, "finalised_on": today}))


def reopen(database: Database, pop: PopDocument) -> PopDocument:
    """Back to ontwerp, e.g. to correct something; it must be made final again afterwards. The
    mark "opgeladen in Mijn Loopbaan" goes too: the corrected POP has to be uploaded again."""
    return database.save(
        pop.model_copy(update={"status": PopStatus.DRAFT, "finalised_on": None, "uploaded_on": None, "uploaded_by": ""})
    )


# -- follow-up POP ----------------------------------------------------------------------


def previous_pop(database: Database, trajectory: Trajectory) -> PopDocument | None:
    if not trajectory.previous_trajectory_id:
        return None
    found = database.list(
        PopDocument, employee_id=trajectory.employee_id, trajectory_id=trajectory.previous_trajectory_id
    )
    return found[0] if found else None


def evaluations_of(database: Database, trajectory: Trajectory) -> list[ActionEvaluation]:
    """The evaluations of the previous POP's actions, in the order of that plan."""
    found = database.list(ActionEvaluation, employee_id=trajectory.employee_id, trajectory_id=trajectory.id)
    previous = previous_pop(database, trajectory)
    order = {action.id: index for index, action in enumerate(previous.actions)} if previous else {}
    return sorted(found, key=lambda evaluation: order.get(evaluation.action_id, len(order)))


def start_follow_up_evaluation(database: Database, trajectory: Trajectory) -> list[ActionEvaluation]:
    """One evaluation per action of the previous POP (those that exist are kept), prefilled with the
    progress of the action's latest follow-up note. Empty when there is no previous POP."""
    previous = previous_pop(database, trajectory)
    if previous is None:
        return []
    existing = {evaluation.action_id for evaluation in evaluations_of(database, trajectory)}
    new = [
        ActionEvaluation(
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            previous_trajectory_id=previous.trajectory_id,
            action_id=action.id,
            action_what=action.what,
            progress=action.latest_progress,
            carry_over=action.latest_progress < 5,
            remark=action.progress[-1].note if action.progress else "",
        )
        for action in previous.actions
        if action.id not in existing
    ]
    if new:
        database.save_all(new)
    return evaluations_of(database, trajectory)


def apply_evaluation(
    database: Database, trajectory: Trajectory, evaluations: list[ActionEvaluation]
) -> tuple[list[ActionEvaluation], PopDocument]:
    """Save the evaluations and bring the new POP in line: every action marked *carry over* appears
    in it once (a copy with ``origin_action_id``, without deadline or progress: the coach plans it
    anew); a carried copy whose evaluation is no longer marked is removed unless it has progress."""
    previous = previous_pop(database, trajectory)
    old_actions = {action.id: action for action in previous.actions} if previous else {}
    pop = get_or_create_pop(database, trajectory)
    _editable(pop)
    actions = list(pop.actions)
    carried = {action.origin_action_id for action in actions if action.origin_action_id}
    keep = {evaluation.action_id for evaluation in evaluations if evaluation.carry_over}
    actions = [
        action
        for action in actions
        if not action.origin_action_id or action.origin_action_id in keep or action.progress
    ]
    for evaluation in evaluations:
        old = old_actions.get(evaluation.action_id)
        if evaluation.carry_over and evaluation.action_id not in carried and old is not None:
            actions.append(
                old.model_copy(
                    update={
                        "id": PopAction(what=old.what).id,
                        "origin_action_id": old.id,
                        "deadline": None,
                        "progress": [],
                        "source": _("Uit vorig POP"),
                    }
                )
            )
    with database.transaction() as transaction:
        saved = [transaction.save(evaluation) for evaluation in evaluations]
        changed = pop.model_copy(deep=True)
        changed.actions = actions
        saved_pop = transaction.save(changed)
    return saved, saved_pop


# -- actions coming from a planning method ---------------------------------------------


def parse_day(text: str) -> date | None:
    """A date written as dd/mm/yyyy in a free field (the scan's tijdsplanning), else None."""
    from poptui.models.base import _parse_date

    try:
        value = _parse_date(text)
    except ValueError:
        return None
    return value if isinstance(value, date) else None


def add_planned_actions(database: Database, pop: PopDocument, actions: list[PopAction]) -> tuple[PopDocument, int]:
    """Add actions made by a planning method; an action whose ``source`` is already in the plan is
    left out (choosing twice does not duplicate). Returns the saved POP and how many were added."""
    present = {action.source for action in pop.actions if action.source}
    new = [action for action in actions if not action.source or action.source not in present]
    if not new:
        return pop, 0
    return _changed(database, pop, actions=[*pop.actions, *new]), len(new)
