"""The compliance overview: per employee, what is missing for the registration (§4.3, §4.4).

The rules are pure functions of :class:`EmployeeFacts` and today's date
(:func:`findings_for`); :func:`compliance_overview` gathers the facts from the store.
Archived employees are left out. ``since`` is always the first day on which the problem exists.

- ``no_pop_started``: no trajectory has started (none left the status *gepland* with a start
  date) while today lies after the deadline: the start of the employee (``Employee.start_date``;
  without it the day the employee was added to poptui) plus the organisation's
  ``first_pop_within_months`` (default 1) months. On the deadline itself all is still well.
- ``pop_older_than_year``: the latest POP (the day it became final, else the day its trajectory
  was completed) lies more than a year before today and no other trajectory is open (planned,
  active or paused). On its first anniversary all is still well.
- ``consent_missing``: there is a final POP and the employee has no valid consent
  (:func:`poptui.services.months.consent_date`); since the day the first such POP became final.
- ``upload_missing``: a final POP without the mark "opgeladen in Mijn Loopbaan"; one line per POP.
- ``pop_rule_broken``: a final POP without an action on a generic and one on a technical competence.
- ``contact_moment_overdue``: a planned moment of a running trajectory dated before today
  (:func:`poptui.services.trajectory_status.moment_overdue`); one line per employee, for the
  oldest such moment.

The day a final POP "became final" is ``finalised_on``, else its trajectory's completion date,
else the day the POP was last saved. The POP of a stopped trajectory is left out of the POP rules.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.models import (
    CompetenceKind,
    ComplianceProblem,
    ContactMoment,
    Employee,
    Organisation,
    PopDocument,
    PopStatus,
    Trajectory,
    TrajectoryStatus,
)
from poptui.services import months
from poptui.services.pop_rules import PopCheck
from poptui.services.trajectory_status import OPEN_STATUSES, moment_overdue
from poptui.store import Database

DEFAULT_MONTHS = 1
POP_VALID_MONTHS = 12

TargetKind = Literal["employee", "pop", "moment"]


@dataclass(frozen=True)
class Target:
    """Where a problem is fixed: the employee page, the POP of a trajectory, or a contact moment."""

    kind: TargetKind
    employee_id: str
    trajectory_id: str | None = None
    moment_id: str | None = None


@dataclass(frozen=True)
class Finding:
    problem: ComplianceProblem
    since: date
    detail: str
    """The specifics in Dutch: which dates, which POP."""
    target: Target


@dataclass(frozen=True)
class EmployeeFacts:
    """Everything the rules need about one employee."""

    employee: Employee
    organisation: Organisation | None
    trajectories: Sequence[Trajectory] = ()
    pops: Sequence[PopDocument] = ()
    moments: Sequence[ContactMoment] = ()
    consent_valid: bool = False


@dataclass(frozen=True)
class ComplianceLine:
    employee_id: str
    employee: str
    organisation: str
    problem: ComplianceProblem
    since: date
    detail: str = ""
    target: Target = field(default_factory=lambda: Target("employee", ""))

    def as_json(self) -> dict[str, str]:
        """The line as the CLI prints it: the five agreed keys, the date as YYYY-MM-DD."""
        return {
            "employee_id": self.employee_id,
            "employee": self.employee,
            "organisation": self.organisation,
            "problem": self.problem.value,
            "since": self.since.isoformat(),
        }

    @property
    def title(self) -> str:
        return problem_title(self.problem)


def problem_title(problem: ComplianceProblem) -> str:
    return load_catalog().registration.compliance.text(problem).title


def add_months(day: date, count: int) -> date:
    """``day`` plus ``count`` calendar months; the 31st becomes the month's last day when needed."""
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "?"


def employee_start(employee: Employee) -> date | None:
    """The employee's start: the start date, else the day they were added to poptui."""
    if employee.start_date is not None:
        return employee.start_date
    return employee.created_at.date() if employee.created_at else None


def pop_day(pop: PopDocument, trajectory: Trajectory | None) -> date | None:
    """The day a final POP became final (see the module docstring)."""
    if pop.finalised_on is not None:
        return pop.finalised_on
    if trajectory is not None and trajectory.completion_date is not None:
        return trajectory.completion_date
    return pop.updated_at.date() if pop.updated_at else None


def _final_pops(facts: EmployeeFacts) -> list[tuple[PopDocument, Trajectory | None, date]]:
    trajectories = {trajectory.id: trajectory for trajectory in facts.trajectories}
    out = []
    for pop in facts.pops:
        if pop.status is not PopStatus.FINAL:
            continue
        trajectory = trajectories.get(pop.trajectory_id)
        if trajectory is not None and trajectory.status is TrajectoryStatus.STOPPED:
            continue
        day = pop_day(pop, trajectory)
        if day is not None:
            out.append((pop, trajectory, day))
    return sorted(out, key=lambda item: item[2])


def _no_pop_started(facts: EmployeeFacts, today: date) -> list[Finding]:
    started = any(t.status is not TrajectoryStatus.PLANNED and t.start_date is not None for t in facts.trajectories)
    start = employee_start(facts.employee)
    if started or start is None:
        return []
    within = facts.organisation.first_pop_within_months if facts.organisation else DEFAULT_MONTHS
    deadline = add_months(start, within)
    if today <= deadline:
        return []
    known = facts.employee.start_date is not None
    detail = (
        _(
            "in dienst sinds {start}; het POP-traject moest gestart zijn op {deadline}",
            start=_day(start),
            deadline=_day(deadline),
        )
        if known
        else _(
            "datum in dienst onbekend: gerekend vanaf {start} (toegevoegd in poptui); "
            "het POP-traject moest gestart zijn op {deadline}",
            start=_day(start),
            deadline=_day(deadline),
        )
    )
    target = Target("employee", facts.employee.id)
    return [Finding(ComplianceProblem.NO_POP_STARTED, deadline + timedelta(days=1), detail, target)]


def _pop_older_than_year(
    facts: EmployeeFacts, final: list[tuple[PopDocument, Trajectory | None, date]], today: date
) -> list[Finding]:
    dated: list[tuple[date, PopDocument | None]] = [(day, pop) for pop, _trajectory, day in final]
    dated += [
        (t.completion_date, None)
        for t in facts.trajectories
        if t.status is TrajectoryStatus.COMPLETED and t.completion_date is not None
    ]
    if not dated:
        return []
    latest_day, latest_pop = max(dated, key=lambda item: item[0])
    latest_trajectory = latest_pop.trajectory_id if latest_pop is not None else None
    if any(t.status in OPEN_STATUSES and t.id != latest_trajectory for t in facts.trajectories):
        return []
    anniversary = add_months(latest_day, POP_VALID_MONTHS)
    if today <= anniversary:
        return []
    detail = _("laatste POP van {date}", date=_day(latest_day))
    return [
        Finding(
            ComplianceProblem.POP_OLDER_THAN_YEAR,
            anniversary + timedelta(days=1),
            detail,
            Target("employee", facts.employee.id),
        )
    ]


def _final_pop_problems(
    facts: EmployeeFacts, final: list[tuple[PopDocument, Trajectory | None, date]]
) -> list[Finding]:
    out: list[Finding] = []
    if final and not facts.consent_valid:
        _first, _trajectory, first_day = final[0]
        out.append(
            Finding(
                ComplianceProblem.CONSENT_MISSING,
                first_day,
                _("POP definitief op {date}", date=_day(first_day)),
                Target("employee", facts.employee.id),
            )
        )
    for pop, _trajectory, day in final:
        target = Target("pop", facts.employee.id, pop.trajectory_id)
        if pop.uploaded_on is None:
            out.append(
                Finding(ComplianceProblem.UPLOAD_MISSING, day, _("POP definitief op {date}", date=_day(day)), target)
            )
        kinds = {action.kind for action in pop.actions}
        rule = PopCheck(CompetenceKind.GENERIC in kinds, CompetenceKind.TECHNICAL in kinds)
        if not rule.rule_ok:
            out.append(Finding(ComplianceProblem.POP_RULE_BROKEN, day, rule.rule_text(), target))
    return out


def _overdue_moments(facts: EmployeeFacts, today: date) -> list[Finding]:
    trajectories = {trajectory.id: trajectory for trajectory in facts.trajectories}
    overdue = sorted(
        (
            moment
            for moment in facts.moments
            if moment.trajectory_id in trajectories
            and moment_overdue(moment, trajectories[moment.trajectory_id], today)
        ),
        key=lambda moment: (moment.date, moment.number),
    )
    if not overdue:
        return []
    oldest = overdue[0]
    assert oldest.date is not None
    detail = _("contactmoment {number} gepland op {date}", number=oldest.number, date=_day(oldest.date))
    if len(overdue) > 1:
        detail += " " + _("(en nog {count} andere)", count=len(overdue) - 1)
    target = Target("moment", facts.employee.id, oldest.trajectory_id, oldest.id)
    return [Finding(ComplianceProblem.CONTACT_MOMENT_OVERDUE, oldest.date + timedelta(days=1), detail, target)]


def findings_for(facts: EmployeeFacts, today: date) -> list[Finding]:
    """Every problem of one employee today (none for an archived employee), in a fixed order."""
    if facts.employee.archived:
        return []
    final = _final_pops(facts)
    found = [
        *_no_pop_started(facts, today),
        *_pop_older_than_year(facts, final, today),
        *_final_pop_problems(facts, final),
        *_overdue_moments(facts, today),
    ]
    order = list(ComplianceProblem)
    return sorted(found, key=lambda finding: (order.index(finding.problem), finding.since))


def compliance_lines(all_facts: Sequence[EmployeeFacts], today: date) -> list[ComplianceLine]:
    """The overview: per organisation and employee (by name), every problem."""
    lines = []
    for facts in all_facts:
        organisation = facts.organisation.name if facts.organisation else ""
        for finding in findings_for(facts, today):
            lines.append(
                ComplianceLine(
                    employee_id=facts.employee.id,
                    employee=facts.employee.full_name,
                    organisation=organisation,
                    problem=finding.problem,
                    since=finding.since,
                    detail=finding.detail,
                    target=finding.target,
                )
            )
    order = list(ComplianceProblem)
    names = {
        facts.employee.id: (facts.employee.last_name.casefold(), facts.employee.first_name.casefold())
        for facts in all_facts
    }
    return sorted(
        lines,
        key=lambda line: (
            line.organisation.casefold(),
            names.get(line.employee_id, ("", "")),
            line.employee_id,
            order.index(line.problem),
            line.since,
        ),
    )


# -- gathering the facts -----------------------------------------------------------------


def gather(database: Database, organisation_id: str | None = None) -> list[EmployeeFacts]:
    """The facts of every active employee (of one organisation). Reads an employee's dossier only
    when they have a trajectory, and parses only final POPs and the moments of open trajectories:
    the rules need nothing else (draft POPs play no part)."""
    organisations = {organisation.id: organisation for organisation in database.list(Organisation)}
    trajectories: dict[str, list[Trajectory]] = {}
    for trajectory in database.list(Trajectory):
        trajectories.setdefault(trajectory.employee_id, []).append(trajectory)
    out = []
    for employee in database.list(Employee):
        if employee.archived or (organisation_id is not None and employee.organisation_id != organisation_id):
            continue
        own = trajectories.get(employee.id, [])
        pops = database.list(PopDocument, employee_id=employee.id, status=PopStatus.FINAL) if own else []
        open_ids = {t.id for t in own if t.status in OPEN_STATUSES}
        moments = (
            [m for m in database.list(ContactMoment, employee_id=employee.id) if m.trajectory_id in open_ids]
            if open_ids
            else []
        )
        out.append(
            EmployeeFacts(
                employee=employee,
                organisation=organisations.get(employee.organisation_id),
                trajectories=own,
                pops=pops,
                moments=moments,
                consent_valid=months.consent_date(employee) is not None,
            )
        )
    return out


def compliance_overview(database: Database, today: date, organisation_id: str | None = None) -> list[ComplianceLine]:
    """What is missing today, for every active employee (of one organisation)."""
    return compliance_lines(gather(database, organisation_id), today)


def count_text(lines: Sequence[ComplianceLine]) -> str:
    """'3 punten bij 2 werknemers' (singular where it is one)."""
    people = len({line.employee_id for line in lines})
    points = _("1 punt") if len(lines) == 1 else _("{count} punten", count=len(lines))
    who = _("1 werknemer") if people == 1 else _("{count} werknemers", count=people)
    return _("{points} bij {people}", points=points, people=who)


def problem_text(problem: ComplianceProblem) -> tuple[str, str]:
    """(explanation, how to fix) of a problem, from data/registration.json."""
    text = load_catalog().registration.compliance.text(problem)
    return text.explanation, text.fix
