"""Which records belong to a reporting month (§4.4 "samengevat").

Rules:

- A trajectory is *completed in month M* when its status is ``afgerond`` and its
  completion date lies in M.
- The date in the POP file name is the day the POP was finalised
  (``PopDocument.finalised_on``); without it the trajectory's completion date,
  and without that today (:func:`pop_date` says which one it used).
- *Organisations whose guidance ended in M* ("alle begeleidingen in die maand
  afgerond", §4.4): every organisation whose ``guidance_ended_on`` lies in M,
  and also every organisation without that date whose trajectories are all
  completed or stopped, with at least one completed and the last completion in
  M. The second rule catches organisations where nobody filled in the end
  date; an organisation that has an end date is judged by that date only.
- Training days and organisation hours of month M: those dated in M.
- The consent date of an employee is read in one place, :func:`consent_date`.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import date

from poptui.i18n import _
from poptui.models import Employee, HoursEntry, Organisation, Training, Trajectory, TrajectoryStatus

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
MIN_YEAR = 1900
MAX_YEAR = 2999


def parse_month(text: str) -> tuple[int, int]:
    """'2026-10' -> (2026, 10); raises ValueError with a Dutch message."""
    match = _MONTH.match(text or "")
    if not match:
        raise ValueError(_("Geef de maand als JJJJ-MM, bijvoorbeeld 2026-10 (je gaf '{text}').", text=text))
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(
            _("Een maand gaat van 01 tot 12: geef ze als JJJJ-MM, bijvoorbeeld 2026-10 (je gaf '{text}').", text=text)
        )
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            _(
                "Kies een maand van {first}-01 tot {last}-12 (je gaf '{text}').",
                first=MIN_YEAR,
                last=MAX_YEAR,
                text=text,
            )
        )
    return year, month


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def in_month(day: date | None, year: int, month: int) -> bool:
    return day is not None and day.year == year and day.month == month


def completed_in_month(trajectories: Iterable[Trajectory], year: int, month: int) -> list[Trajectory]:
    """The trajectories completed in the month, by completion date."""
    found = [
        trajectory
        for trajectory in trajectories
        if trajectory.status is TrajectoryStatus.COMPLETED and in_month(trajectory.completion_date, year, month)
    ]
    return sorted(found, key=lambda trajectory: (trajectory.completion_date, trajectory.id))


def organisations_ended_in_month(
    organisations: Iterable[Organisation],
    trajectories: Sequence[Trajectory],
    employees: Iterable[Employee],
    year: int,
    month: int,
) -> list[Organisation]:
    """Organisations whose guidance ended in the month (see the module docstring)."""
    organisation_of = {employee.id: employee.organisation_id for employee in employees}
    out = []
    for organisation in organisations:
        if organisation.guidance_ended_on is not None:
            if in_month(organisation.guidance_ended_on, year, month):
                out.append(organisation)
            continue
        own = [t for t in trajectories if organisation_of.get(t.employee_id) == organisation.id]
        finished = all(t.status in (TrajectoryStatus.COMPLETED, TrajectoryStatus.STOPPED) for t in own)
        completions = [t.completion_date for t in own if t.status is TrajectoryStatus.COMPLETED and t.completion_date]
        if own and finished and completions and in_month(max(completions), year, month):
            out.append(organisation)
    return sorted(out, key=lambda organisation: organisation.name.casefold())


def trainings_in_month(trainings: Iterable[Training], year: int, month: int) -> list[Training]:
    return sorted((t for t in trainings if in_month(t.date, year, month)), key=lambda t: (t.date, t.title))


def hours_in_month(entries: Iterable[HoursEntry], year: int, month: int) -> list[HoursEntry]:
    return sorted((e for e in entries if in_month(e.date, year, month)), key=lambda e: (e.date, e.id))


def consent_date(employee: Employee) -> date | None:
    """The day the employee gave consent to register their POP trajectory (the one place to read it)."""
    return employee.consent_date


def pop_date(finalised_on: date | None, completion_date: date | None, today: date) -> tuple[date, str]:
    """The date for the POP file name and where it came from: 'definitief', 'afgerond' or 'vandaag'."""
    if finalised_on:
        return finalised_on, "definitief"
    if completion_date:
        return completion_date, "afgerond"
    return today, "vandaag"
