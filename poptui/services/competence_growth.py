"""Growth over time (§2.2.2: "opvolgen waarin medewerkers groeien, of waarin ze achteruit gaan
doorheen de jaren"): per competence, the ratings of every measurement of the employee.

A competence is followed by its dictionary id; a measurement that knew it under another id but by
the same name (case and accents ignored), e.g. after the organisation imported its own
dictionary, counts as the same competence. Each point carries the scale's top of its own
measurement, so a chart draws a 3 of 4 and a 4 of 5 at their own height. The supervisor's rating
is the one the measurement shows (entered, else from a consultation of its trajectory).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from poptui.models import CompetenceKind, CompetentiemetingRecord, Employee, ScaleLevel
from poptui.services.competence_measurement import (
    consultation_ratings,
    consultations_for,
    measurements_of,
    supervisor_values,
)
from poptui.services.competence_pitfalls import Rater
from poptui.services.competences import dictionary
from poptui.store import Database
from poptui.text import fold_key


@dataclass(frozen=True)
class GrowthPoint:
    """One measurement of one competence (all None when it was not measured that time)."""

    day: date | None
    levels: int
    self_rating: int | None = None
    coach: int | None = None
    supervisor: int | None = None
    desired: int | None = None

    def value(self, rater: Rater) -> int | None:
        return {Rater.SELF: self.self_rating, Rater.COACH: self.coach, Rater.SUPERVISOR: self.supervisor}[rater]


@dataclass(frozen=True)
class CompetenceGrowth:
    name: str
    kind: CompetenceKind
    points: list[GrowthPoint]
    """One per measurement, oldest first."""

    def change(self, rater: Rater) -> int | None:
        """The last rating of ``rater`` minus the first (None with fewer than two)."""
        values = [value for point in self.points if (value := point.value(rater)) is not None]
        return values[-1] - values[0] if len(values) >= 2 else None


@dataclass(frozen=True)
class GrowthView:
    employee: Employee
    measurements: list[CompetentiemetingRecord]
    competences: list[CompetenceGrowth]
    scale: list[ScaleLevel]
    """The organisation's scale now (the legend)."""


def growth(
    records: Sequence[CompetentiemetingRecord],
    supervisor: Sequence[dict[str, tuple[int, bool]]] | None = None,
) -> list[CompetenceGrowth]:
    """Per competence one point per record (records oldest first); ``supervisor[i]`` is the
    supervisor's rating as shown in record ``i`` (default: only what was entered in it). A
    competence that no one ever rated (self, coach or supervisor) has nothing to show and is left out."""
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    info: dict[str, tuple[str, CompetenceKind]] = {}
    order: list[str] = []
    for record in records:
        for rating in record.ratings:
            name_key = fold_key(rating.name)
            key = keys.get(rating.competence_id) or names.get(name_key) or rating.competence_id
            keys.setdefault(rating.competence_id, key)
            names.setdefault(name_key, key)
            info[key] = (rating.name, rating.kind)
            if key not in order:
                order.append(key)
    points: dict[str, list[GrowthPoint]] = {key: [] for key in order}
    for index, record in enumerate(records):
        levels = len(record.scale) or 4
        shown = supervisor[index] if supervisor is not None else {}
        by_key = {keys[item.competence_id]: item for item in record.ratings}
        for key in order:
            found = by_key.get(key)
            if found is None:
                points[key].append(GrowthPoint(record.date, levels))
                continue
            entered = shown.get(found.competence_id)
            points[key].append(
                GrowthPoint(
                    record.date,
                    levels,
                    found.self_rating,
                    found.coach,
                    entered[0] if entered else found.supervisor,
                    found.desired,
                )
            )
    return [
        CompetenceGrowth(info[key][0], info[key][1], points[key])
        for key in order
        if any(point.value(rater) is not None for point in points[key] for rater in Rater)
    ]


def growth_view(database: Database, employee: Employee) -> GrowthView:
    """Every measurement of the employee that rated something, and the growth per competence."""
    records: list[CompetentiemetingRecord] = []
    supervisor: list[dict[str, tuple[int, bool]]] = []
    for record in measurements_of(database, employee.id):
        shown = supervisor_values(record, consultation_ratings(consultations_for(database, record))[0])
        if shown or any(rating.self_rating or rating.coach or rating.desired for rating in record.ratings):
            records.append(record)
            supervisor.append(shown)
    scale = list(dictionary(database, employee.organisation_id).scale)
    return GrowthView(employee, records, growth(records, supervisor), scale)
