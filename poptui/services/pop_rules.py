"""The rules of a POP document (§2.2.3, §4.3) in words a coach understands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.models import CompetenceKind

if TYPE_CHECKING:
    from poptui.models import PopDocument


class CheckedAction(Protocol):
    """What the rules read of an action: a :class:`~poptui.models.PopAction`, or the facts of a stored
    one (the home screen checks drafts from the store's summaries without building models)."""

    @property
    def id(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def deadline(self) -> date | None: ...
    @property
    def result(self) -> str: ...
    @property
    def who_helps(self) -> str: ...
    @property
    def kind(self) -> CompetenceKind: ...


@dataclass(frozen=True)
class PopCheck:
    """The state of a POP: the competence rule and what each action still misses."""

    has_generic: bool
    has_technical: bool
    action_problems: dict[str, list[str]] = field(default_factory=dict)
    """Per action id, the reasons it is not yet SMART (empty lists are left out)."""
    problems: list[str] = field(default_factory=list)
    """Every reason the POP cannot be made final, in Dutch."""

    @property
    def rule_ok(self) -> bool:
        return self.has_generic and self.has_technical

    @property
    def ok(self) -> bool:
        return not self.problems

    def rule_text(self) -> str:
        if self.rule_ok:
            return _("In orde: minstens één actie op een generieke en één op een technische competentie.")
        missing = []
        if not self.has_generic:
            missing.append(_("een actie op een generieke competentie"))
        if not self.has_technical:
            missing.append(_("een actie op een technische competentie"))
        return _("Nog nodig: {missing}.", missing=_(" en ").join(missing))


def action_problems(action: CheckedAction, today: date) -> list[str]:
    """Why an action is not yet SMART; empty when it is."""
    problems = []
    if not action.what.strip():
        problems.append(_("Beschrijf wat er precies moet gebeuren."))
    if action.deadline is None:
        problems.append(_("Er is geen deadline (tegen wanneer)."))
    elif action.deadline < today:
        problems.append(_("De deadline {deadline} ligt in het verleden.", deadline=format_date(action.deadline)))
    if not action.result.strip():
        problems.append(_("Het resultaat is niet meetbaar: beschrijf wat je zult zien als het gelukt is."))
    if not action.who_helps.strip():
        problems.append(_("Niemand helpt: vul in wie kan helpen, binnen of buiten de organisatie."))
    return problems


def check_pop(pop: PopDocument, today: date, *, deadlines_may_be_past: bool = False) -> PopCheck:
    """Check the POP rule and every action.

    ``deadlines_may_be_past`` is for checking a POP that was finalised earlier:
    its deadlines were in the future when it was made.
    """
    return check_actions(pop.actions, today, deadlines_may_be_past=deadlines_may_be_past)


def check_actions(actions: Sequence[CheckedAction], today: date, *, deadlines_may_be_past: bool = False) -> PopCheck:
    """:func:`check_pop` of a POP with these actions."""
    has_generic = any(action.kind is CompetenceKind.GENERIC for action in actions)
    has_technical = any(action.kind is CompetenceKind.TECHNICAL for action in actions)
    per_action: dict[str, list[str]] = {}
    problems: list[str] = []
    if not actions:
        problems.append(_("Het actieplan heeft nog geen acties."))
    if not has_generic:
        problems.append(_("Er is nog geen actie op een generieke competentie (verplicht: minstens één)."))
    if not has_technical:
        problems.append(_("Er is nog geen actie op een technische competentie (verplicht: minstens één)."))
    reference = date.min if deadlines_may_be_past else today
    for number, action in enumerate(actions, start=1):
        reasons = action_problems(action, reference)
        if reasons:
            per_action[action.id] = reasons
            problems.extend(_("Actie {number}: {reason}", number=number, reason=reason) for reason in reasons)
    return PopCheck(has_generic, has_technical, per_action, problems)
