"""Organisation hours and contact hours side by side, per month (§4.4.4).

The document per organisation registers the hours spent *beyond* the contact hours with the
employees (intake, guidance of the organisation and its supervisors). To check it against what
the contact moments say, both are summed per calendar month here, in one pure function that the
hours PDF and the month's Excel share, so they always agree.

Rules: contact hours are the durations of the *held* contact moments with a date; a collective
session (one ``collective_group_id``) is one conversation of the coach and counts once, with its
duration, whatever the number of employees in it. Organisation hours are summed per
:class:`~poptui.models.HoursKind`. A month appears when it has either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from poptui.models import ContactMoment, ContactMomentStatus, HoursEntry, HoursKind


@dataclass(frozen=True)
class MonthHours:
    year: int
    month: int
    contact_moments: int = 0
    contact_hours: float = 0.0
    per_kind: dict[HoursKind, float] = field(default_factory=dict)

    @property
    def organisation_hours(self) -> float:
        """Hours beyond the contact hours (every kind)."""
        return round(sum(self.per_kind.values()), 2)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def hours_of(self, kind: HoursKind) -> float:
        return self.per_kind.get(kind, 0.0)


def _conversations(moments: Iterable[ContactMoment]) -> list[ContactMoment]:
    """Held, dated moments; one per collective session."""
    seen: set[str] = set()
    out = []
    for moment in sorted(moments, key=lambda item: (item.date or date.min, item.id)):
        if moment.status is not ContactMomentStatus.HELD or moment.date is None:
            continue
        if moment.collective_group_id:
            if moment.collective_group_id in seen:
                continue
            seen.add(moment.collective_group_id)
        out.append(moment)
    return out


def hours_by_month(entries: Iterable[HoursEntry], moments: Iterable[ContactMoment]) -> list[MonthHours]:
    """Per month (oldest first): the contact moments held and their hours, and the organisation
    hours per kind."""
    counts: dict[tuple[int, int], int] = {}
    minutes: dict[tuple[int, int], int] = {}
    kinds: dict[tuple[int, int], dict[HoursKind, float]] = {}
    for moment in _conversations(moments):
        assert moment.date is not None
        key = (moment.date.year, moment.date.month)
        counts[key] = counts.get(key, 0) + 1
        minutes[key] = minutes.get(key, 0) + moment.duration_minutes
    for entry in entries:
        key = (entry.date.year, entry.date.month)
        per_kind = kinds.setdefault(key, {})
        per_kind[entry.kind] = round(per_kind.get(entry.kind, 0.0) + entry.hours, 2)
    return [
        MonthHours(
            year=year,
            month=month,
            contact_moments=counts.get((year, month), 0),
            contact_hours=round(minutes.get((year, month), 0) / 60, 2),
            per_kind={kind: kinds.get((year, month), {}).get(kind, 0.0) for kind in HoursKind},
        )
        for year, month in sorted(set(counts) | set(kinds))
    ]


def total(months: Iterable[MonthHours]) -> MonthHours:
    """The sum of several months (year and month 0)."""
    months = list(months)
    return MonthHours(
        year=0,
        month=0,
        contact_moments=sum(item.contact_moments for item in months),
        contact_hours=round(sum(item.contact_hours for item in months), 2),
        per_kind={kind: round(sum(item.hours_of(kind) for item in months), 2) for kind in HoursKind},
    )
