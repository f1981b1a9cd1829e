"""Every trajectory with its counts, as ``poptui list trajectories`` shows them: from the store's
summaries (:mod:`poptui.store.summaries`) and the organisations as stored, never from a dossier
and without a model.

This module imports no model class (and so no pydantic, about 0.15 s): the command line's list
answers from stored facts (:mod:`poptui.services.summary_facts`). A file changed outside poptui
is read through the validated records instead, which clean what they read and refuse what is
damaged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from poptui.models import Level, TrajectoryStatus, VariantId
from poptui.services.summary_facts import EmployeeFacts, TrajectoryFacts, day, employee_facts, employee_trajectories
from poptui.store import Database
from poptui.store.summaries import Summary

if TYPE_CHECKING:
    from poptui.models import Trajectory

ORGANISATIONS_TABLE = "organisations"
"""The table of :class:`~poptui.models.Organisation` in core.json (its ``table``; a test holds them equal)."""


@dataclass(frozen=True)
class OrganisationFacts:
    """An organisation as the lists name it."""

    id: str
    name: str


def organisation_facts(database: Database) -> dict[str, OrganisationFacts]:
    """Every organisation's id and name, by id, as stored (the store validated and cleaned them when it
    wrote them); through the validated records when core.json was changed outside poptui."""
    stored = database.core_documents(ORGANISATIONS_TABLE)
    if stored is None or not all(isinstance(doc.get("name"), str) for doc in stored):
        from poptui.models import Organisation  # pydantic: only for a file poptui did not write as it is

        return {item.id: OrganisationFacts(item.id, item.name) for item in database.list(Organisation)}
    return {str(doc["id"]): OrganisationFacts(str(doc["id"]), str(doc["name"])) for doc in stored}


@dataclass(frozen=True)
class TrajectorySummary:
    """One trajectory with the counts that lists and reports show."""

    trajectory: Trajectory | TrajectoryFacts
    employee: EmployeeFacts | None
    organisation: OrganisationFacts | None
    contact_moments_planned: int
    contact_moments_held: int
    actions: int
    generic_actions: int
    technical_actions: int

    @property
    def employee_name(self) -> str:
        return self.employee.full_name if self.employee else "?"

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation else "?"

    def as_json(self) -> dict[str, object]:
        trajectory = self.trajectory
        return _json_object(
            trajectory.id,
            trajectory.employee_id,
            self.employee_name,
            self.organisation.id if self.organisation else None,
            self.organisation_name,
            trajectory.coach_id,
            trajectory.variant.value,
            trajectory.reflection.value,
            trajectory.intensity.value,
            trajectory.status.value,
            trajectory.start_date,
            trajectory.completion_date,
            trajectory.previous_trajectory_id,
            (
                self.contact_moments_held,
                self.contact_moments_planned,
                self.actions,
                self.generic_actions,
                self.technical_actions,
            ),
        )


def _json_object(
    trajectory_id: str,
    employee_id: str,
    employee: str,
    organisation_id: str | None,
    organisation: str,
    coach_id: str | None,
    variant: object,
    reflection: object,
    intensity: object,
    status: object,
    start: date | None,
    completion: date | None,
    previous_id: str | None,
    counts: Sequence[int],
) -> dict[str, object]:
    """One trajectory as ``list trajectories --json`` gives it; ``counts`` as the summaries keep them
    (held, counted, actions, generic, technical)."""
    held, counted, actions, generic, technical = counts
    return {
        "id": trajectory_id,
        "employee_id": employee_id,
        "employee": employee,
        "organisation_id": organisation_id,
        "organisation": organisation,
        "coach_id": coach_id,
        "variant": variant,
        "reflection": reflection,
        "intensity": intensity,
        "status": status,
        "start_date": start.isoformat() if start else None,
        "completion_date": completion.isoformat() if completion else None,
        "follow_up": previous_id is not None,
        "previous_trajectory_id": previous_id,
        "contact_moments_planned": int(counted),
        "contact_moments_held": int(held),
        "actions": int(actions),
        "generic_actions": int(generic),
        "technical_actions": int(technical),
    }


@dataclass(frozen=True)
class _EmployeeCounts:
    """What one employee's summary gives every trajectory of theirs: per trajectory [held, counted,
    actions, generic, technical] (kept beside the dossier part: it is not parsed)."""

    employee: EmployeeFacts | None
    organisation: OrganisationFacts | None
    counts: Mapping[str, Sequence[int]]


def summarise(
    database: Database, trajectories: Sequence[Trajectory | TrajectoryFacts] | None = None
) -> list[TrajectorySummary]:
    """The counts of each trajectory, in the order given (every trajectory, by start date, when none
    are given), from the store's summaries (checked against the files first): neither a dossier
    nor a shard of trajectories/ is read unless it changed without poptui."""
    organisations = organisation_facts(database)
    entries = database.refresh_summaries(every=True)
    if trajectories is None:
        every = [
            trajectory for employee_id, entry in entries.items() for trajectory in _trajectories_of(employee_id, entry)
        ]
        trajectories = sorted(every, key=lambda item: (item.start_date is None, item.start_date or date.min, item.id))
    counts: dict[str, _EmployeeCounts] = {}
    out = []
    for trajectory in trajectories:
        own = counts.get(trajectory.employee_id)
        if own is None:
            own = counts[trajectory.employee_id] = _counts(trajectory.employee_id, entries, organisations)
        held, counted, actions, generic, technical = own.counts.get(trajectory.id) or (0, 0, 0, 0, 0)
        out.append(
            TrajectorySummary(
                trajectory=trajectory,
                employee=own.employee,
                organisation=own.organisation,
                contact_moments_planned=int(counted),
                contact_moments_held=int(held),
                actions=int(actions),
                generic_actions=int(generic),
                technical_actions=int(technical),
            )
        )
    return out


def _counts(
    employee_id: str, entries: Mapping[str, Summary], organisations: Mapping[str, OrganisationFacts]
) -> _EmployeeCounts:
    entry = entries.get(employee_id)
    if entry is None:
        return _EmployeeCounts(None, None, {})
    employee = employee_facts(employee_id, entry["employee"]) if entry.get("employee") else None
    return _EmployeeCounts(employee, organisations.get(employee.organisation_id) if employee else None, entry.counts)


_VARIANT_VALUES = {member.value: member.value for member in VariantId}
_STATUS_VALUES = {member.value: member.value for member in TrajectoryStatus}
_LEVEL_VALUES = {member.value: member.value for member in Level}


def _value(kind: type[Enum], values: Mapping[Any, Any], stored: Any) -> Any:
    """``kind(stored).value``, found in a dict (an enum member's ``value`` is a property, slow at
    thousands of rows); anything else goes to the enum, which raises its own error."""
    try:
        return values[stored]
    except (KeyError, TypeError):
        return kind(stored).value


def json_rows(database: Database) -> list[dict[str, object]]:
    """``[summary.as_json() for summary in summarise(database)]``, the same objects in the same order,
    made straight from the summaries' parts: no :class:`TrajectoryFacts` and no :class:`TrajectorySummary`
    per trajectory (at 2,000 employees those objects took most of ``list trajectories --json``'s
    time). An employee whose summary holds a value no trajectory can have is left out, as
    :func:`summarise` leaves them out."""
    organisations = organisation_facts(database)
    entries = database.refresh_summaries(every=True)
    keyed: list[tuple[bool, date, str, dict[str, object]]] = []
    for employee_id, entry in entries.items():
        try:
            parts = [(trajectory_id, *part) for trajectory_id, part in (entry.get("trajectories") or {}).items()]
            values = [
                (
                    trajectory_id,
                    coach_id,
                    _value(VariantId, _VARIANT_VALUES, variant),
                    _value(TrajectoryStatus, _STATUS_VALUES, status),
                    day(start),
                    day(completion),
                    previous_id,
                    _value(Level, _LEVEL_VALUES, reflection),
                    _value(Level, _LEVEL_VALUES, intensity),
                )
                for trajectory_id, coach_id, variant, status, start, completion, previous_id, reflection, intensity in parts
            ]
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            continue  # a damaged summary: poptui check reports the file it came from
        if not values:
            continue
        own = _counts(employee_id, entries, organisations)
        employee = own.employee.full_name if own.employee else "?"
        organisation_id = own.organisation.id if own.organisation else None
        organisation = own.organisation.name if own.organisation else "?"
        for trajectory_id, coach_id, variant, status, start, completion, previous_id, reflection, intensity in values:
            row = _json_object(
                trajectory_id,
                employee_id,
                employee,
                organisation_id,
                organisation,
                coach_id,
                variant,
                reflection,
                intensity,
                status,
                start,
                completion,
                previous_id,
                own.counts.get(trajectory_id) or (0, 0, 0, 0, 0),
            )
            keyed.append((start is None, start or date.min, trajectory_id, row))
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]


def _trajectories_of(employee_id: str, entry: Mapping[str, Any]) -> list[TrajectoryFacts]:
    try:
        return employee_trajectories(employee_id, entry)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return []  # a damaged summary: poptui check reports the file it came from
