"""Competentiemeting (§5.6): the competences to rate, the ratings side by side, what to talk about.

Rules:

- **What is measured.** A new measurement starts from the profile of the employee's function
  (:func:`~poptui.services.competences.profile_for_function`), else from the whole dictionary.
  The coach can choose another profile or hand-pick competences; ratings already given stay
  when the set changes, unless the coach leaves a rated competence out of a hand-picked set and
  confirms that its ratings go (:func:`rated_outside`). Each competence is stored with its name,
  kind, definition, indicators and expected level as they were, and the measurement keeps the
  organisation's scale of that moment (:func:`prepared`). Nothing is stored until the first
  rating (the method screen's rule).
- **The supervisor's rating** is the one entered in the measurement; when none is, the rating of
  the latest supervisor consultation (tussentijds overleg) of the same trajectory that rated the
  competence shows in its place, marked as coming from the consultation (:func:`measurement_view`).
- **To talk about** (§5.6 stap 4): the employee's own rating differs by two levels or more from the
  coach's or the supervisor's (:func:`talk_about`).
- **Pitfalls** (§5.6 D): per rater (coach, supervisor) the detectors of
  :mod:`poptui.services.competence_pitfalls`, the supervisor with the consultation's ratings filled
  in, compared with the same rater in the employee's previous measurement (any trajectory).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from poptui.models import (
    Competence,
    CompetenceDictionary,
    CompetenceRating,
    CompetentiemetingRecord,
    Employee,
    FunctionProfile,
    MethodKind,
    MethodRecordBase,
    ScaleLevel,
    SupervisorConsultation,
)
from poptui.services.competence_pitfalls import RATERS, PitfallWarning, Rater, rater_warnings
from poptui.services.competences import dictionary, find_competence, profile_for_function
from poptui.store import Database

RatingField = Literal["self_rating", "coach", "supervisor", "desired"]
RATING_FIELDS: tuple[RatingField, ...] = ("self_rating", "coach", "supervisor", "desired")
TALK_DIFFERENCE = 2
"""Self and another rater this many levels apart (or more): a competence to talk about."""

_FIELD_OF: dict[Rater, RatingField] = {Rater.SELF: "self_rating", Rater.COACH: "coach", Rater.SUPERVISOR: "supervisor"}


def talk_about(self_rating: int | None, coach: int | None, supervisor: int | None) -> list[Rater]:
    """The raters whose rating differs from the employee's own by :data:`TALK_DIFFERENCE` or more."""
    if self_rating is None:
        return []
    return [
        rater
        for rater, value in ((Rater.COACH, coach), (Rater.SUPERVISOR, supervisor))
        if value is not None and abs(value - self_rating) >= TALK_DIFFERENCE
    ]


def rating_for(competence: Competence, expected: int | None = None) -> CompetenceRating:
    """A rating line for a competence of the dictionary: what it is measured against, no ratings yet."""
    return CompetenceRating(
        competence_id=competence.id,
        name=competence.name,
        kind=competence.kind,
        definition=competence.definition,
        indicators=list(competence.indicators),
        expected=expected,
    )


def _rated(rating: CompetenceRating) -> bool:
    return any(getattr(rating, name) is not None for name in RATING_FIELDS) or bool(rating.remark)


def rated_outside(record: CompetentiemetingRecord, competence_ids: Iterable[str]) -> list[CompetenceRating]:
    """The competences of the record that have a rating or a remark but are not in ``competence_ids``:
    what :func:`with_competences` drops when asked to (the coach confirms that first)."""
    wanted = set(competence_ids)
    return [rating for rating in record.ratings if rating.competence_id not in wanted and _rated(rating)]


def with_competences(
    record: CompetentiemetingRecord,
    source: CompetenceDictionary,
    competence_ids: Iterable[str],
    profile: FunctionProfile | None = None,
    *,
    drop: Iterable[str] = (),
) -> CompetentiemetingRecord:
    """The record measuring these competences (in the dictionary's order) under ``profile`` (None:
    a hand-picked set). Competences already rated stay with their ratings, wherever they were,
    except those in ``drop``: they go, ratings and remark with them (see :func:`rated_outside`)."""
    wanted = set(competence_ids)
    expected = {entry.competence_id: entry.expected for entry in profile.entries} if profile else {}
    kept = {rating.competence_id: rating for rating in record.ratings}
    ratings: list[CompetenceRating] = []
    for competence in source.competences:
        if competence.id in wanted:
            old = kept.pop(competence.id, None)
            if old is not None and _rated(old):
                ratings.append(old.model_copy(update={"expected": expected.get(competence.id, old.expected)}))
            else:
                ratings.append(rating_for(competence, expected.get(competence.id)))
    dropped = set(drop)
    ratings += [rating for rating in kept.values() if _rated(rating) and rating.competence_id not in dropped]
    return record.model_copy(
        update={
            "ratings": ratings,
            "profile_id": profile.id if profile else None,
            "profile_name": profile.function if profile else "",
            "scale": record.scale or list(source.scale),
        }
    )


def with_profile(
    record: CompetentiemetingRecord, source: CompetenceDictionary, profile: FunctionProfile | None
) -> CompetentiemetingRecord:
    """Measure the competences of ``profile`` (None: the whole dictionary)."""
    if profile is None:
        return with_competences(record, source, [item.id for item in source.competences])
    return with_competences(record, source, [entry.competence_id for entry in profile.entries], profile)


def prepared(database: Database, record: CompetentiemetingRecord, employee: Employee) -> CompetentiemetingRecord:
    """A measurement without competences gets those of the employee's function profile (else the
    whole dictionary) and the organisation's scale; one that has them is returned as it is."""
    if record.ratings:
        return (
            record
            if record.scale
            else record.model_copy(update={"scale": dictionary(database, employee.organisation_id).scale})
        )
    source = dictionary(database, employee.organisation_id)
    return with_profile(record, source, profile_for_function(source, employee.function))


def rate(
    record: CompetentiemetingRecord, competence_id: str, field: RatingField, value: int | None
) -> CompetentiemetingRecord:
    """A copy with one rating set (None clears it). Validate by saving."""
    ratings = [
        rating.model_copy(update={field: value}) if rating.competence_id == competence_id else rating
        for rating in record.ratings
    ]
    return record.model_copy(update={"ratings": ratings})


def set_remark(record: CompetentiemetingRecord, competence_id: str, remark: str) -> CompetentiemetingRecord:
    ratings = [
        rating.model_copy(update={"remark": remark}) if rating.competence_id == competence_id else rating
        for rating in record.ratings
    ]
    return record.model_copy(update={"ratings": ratings})


# -- the view -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingLine:
    rating: CompetenceRating
    supervisor: int | None
    """The supervisor's rating as shown: entered here, else from the latest consultation."""
    from_consultation: bool
    talk: list[Rater]
    """The raters who differ from the employee by two levels or more (see :func:`talk_about`)."""
    competence: Competence | None
    """The competence as the dictionary holds it now (None: no longer in the dictionary)."""


@dataclass(frozen=True)
class MeasurementView:
    record: CompetentiemetingRecord
    employee: Employee
    dictionary: CompetenceDictionary
    scale: list[ScaleLevel]
    lines: list[RatingLine]
    previous: CompetentiemetingRecord | None
    warnings: list[PitfallWarning]
    consultation: SupervisorConsultation | None
    """The latest consultation of the trajectory with competence ratings."""

    @property
    def levels(self) -> int:
        return len(self.scale)

    def line(self, competence_id: str) -> RatingLine | None:
        return next((line for line in self.lines if line.rating.competence_id == competence_id), None)


def measurements_of(database: Database, employee_id: str) -> list[CompetentiemetingRecord]:
    """Every competence measurement of the employee (all trajectories), oldest first."""
    found = database.list(MethodRecordBase, employee_id=employee_id, kind=MethodKind.COMPETENTIEMETING)
    records = [record for record in found if isinstance(record, CompetentiemetingRecord)]
    return sorted(records, key=_order)


def _order(record: CompetentiemetingRecord) -> tuple[date, str]:
    return (record.date or date.min, record.created_at.isoformat() if record.created_at else "~")


def previous_measurement(
    records: Sequence[CompetentiemetingRecord], record: CompetentiemetingRecord
) -> CompetentiemetingRecord | None:
    """The employee's measurement before ``record`` (by date, then by when it was made)."""
    earlier = [item for item in records if item.id != record.id and _order(item) < _order(record)]
    return earlier[-1] if earlier else None


def consultation_ratings(
    consultations: Sequence[SupervisorConsultation],
) -> tuple[dict[str, int], SupervisorConsultation | None]:
    """Per competence id the latest consultation rating (by date), and the latest consultation with ratings."""
    ordered = sorted(
        (item for item in consultations if item.competence_ratings),
        key=lambda item: (item.date or date.min, item.created_at.isoformat() if item.created_at else ""),
    )
    values: dict[str, int] = {}
    for consultation in ordered:
        values.update({rating.competence_id: rating.rating for rating in consultation.competence_ratings})
    return values, (ordered[-1] if ordered else None)


def supervisor_values(
    record: CompetentiemetingRecord, from_consultations: dict[str, int]
) -> dict[str, tuple[int, bool]]:
    """Per competence the supervisor's rating as shown, and whether it comes from a consultation."""
    out: dict[str, tuple[int, bool]] = {}
    for rating in record.ratings:
        if rating.supervisor is not None:
            out[rating.competence_id] = (rating.supervisor, False)
        elif rating.competence_id in from_consultations:
            out[rating.competence_id] = (from_consultations[rating.competence_id], True)
    return out


def _ratings_by(
    record: CompetentiemetingRecord, rater: Rater, supervisor: dict[str, tuple[int, bool]]
) -> dict[str, int]:
    if rater is Rater.SUPERVISOR:
        return {key: value for key, (value, _source) in supervisor.items()}
    field = _FIELD_OF[rater]
    return {rating.competence_id: value for rating in record.ratings if (value := getattr(rating, field)) is not None}


def consultations_for(database: Database, record: MethodRecordBase) -> list[SupervisorConsultation]:
    return database.list(
        SupervisorConsultation,
        employee_id=record.employee_id,
        where=lambda item: item.trajectory_id == record.trajectory_id,
    )


def measurement_view(database: Database, record: CompetentiemetingRecord, employee: Employee) -> MeasurementView:
    source = dictionary(database, employee.organisation_id)
    scale = list(record.scale) or list(source.scale)
    from_consultations, consultation = consultation_ratings(consultations_for(database, record))
    supervisor = supervisor_values(record, from_consultations)
    lines = []
    for rating in record.ratings:
        shown, from_consultation = supervisor.get(rating.competence_id, (None, False))
        lines.append(
            RatingLine(
                rating=rating,
                supervisor=shown,
                from_consultation=from_consultation,
                talk=talk_about(rating.self_rating, rating.coach, shown),
                competence=find_competence(source, rating.competence_id),
            )
        )
    previous = previous_measurement(measurements_of(database, employee.id), record)
    previous_supervisor: dict[str, tuple[int, bool]] = {}
    if previous is not None:
        previous_supervisor = supervisor_values(
            previous, consultation_ratings(consultations_for(database, previous))[0]
        )
    warnings: list[PitfallWarning] = []
    for rater in RATERS:
        warnings += rater_warnings(
            rater,
            _ratings_by(record, rater, supervisor),
            len(scale),
            _ratings_by(previous, rater, previous_supervisor) if previous is not None else None,
        )
    return MeasurementView(record, employee, source, scale, lines, previous, warnings, consultation)
