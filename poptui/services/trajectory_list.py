"""Every trajectory with its counts, as ``poptui list trajectories`` shows them: from the store's
summaries (:mod:`poptui.store.summaries`) and the organisations as stored, never from a dossier
and without a model.

This module imports no model class (and so no pydantic, about 0.15 s): the command line's list
answers from stored facts (:mod:`poptui.services.summary_facts`). A file changed outside poptui
is read through the validated records instead, which clean what they read and refuse what is
damaged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from poptui.models import Level, TrajectoryStatus, VariantId
from poptui.services import collector
from poptui.services.summary_facts import EmployeeFacts, TrajectoryFacts, employee_facts, employee_trajectories
from poptui.store import Database
from poptui.store.summaries import Behind, Summary

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
        start, completion = trajectory.start_date, trajectory.completion_date
        [row] = _json_objects(
            [
                (
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
                    start.isoformat() if start else None,
                    completion.isoformat() if completion else None,
                    trajectory.previous_trajectory_id,
                    self.contact_moments_planned,
                    self.contact_moments_held,
                    self.actions,
                    self.generic_actions,
                    self.technical_actions,
                )
            ]
        )
        return row


JsonFacts = tuple[
    str, str, str, str | None, str, Any, Any, Any, Any, Any, str | None, str | None, Any, int, int, int, int, int
]
"""One trajectory's values in ``list trajectories --json``, in the order of its keys: id, employee id, employee,
organisation id, organisation, coach id, variant, reflection, intensity, status, start date, completion date
(ISO), previous trajectory id; contact moments planned (counted) and held, actions, generic, technical."""


def _json_objects(facts: Iterable[JsonFacts]) -> list[dict[str, object]]:
    """Each trajectory as ``list trajectories --json`` gives it (``follow_up``: it follows another)."""
    return [
        {
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
            "start_date": start,
            "completion_date": completion,
            "follow_up": previous_id is not None,
            "previous_trajectory_id": previous_id,
            "contact_moments_planned": counted,
            "contact_moments_held": held,
            "actions": actions,
            "generic_actions": generic,
            "technical_actions": technical,
        }
        for (
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
            counted,
            held,
            actions,
            generic,
            technical,
        ) in facts
    ]


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


JSON_SLICE = 1000
"""Trajectories per slice of :func:`json_slices`: about 700 KB of JSON (a slice's objects take a few MB while
it is written; the whole list of 46,000 trajectories at 20,000 employees took about 100 MB)."""


def json_rows(database: Database) -> list[dict[str, object]]:
    """``[summary.as_json() for summary in summarise(database)]``, the same objects in the same order:
    :func:`json_slices` joined."""
    return [row for rows in json_slices(database) for row in rows]


def json_slices(database: Database, size: int | None = None) -> Iterator[list[dict[str, object]]]:
    """:func:`json_rows` in slices of ``size`` objects (:data:`JSON_SLICE`), each made when it is asked for,
    so that a caller that writes each slice before asking for the next (``poptui list trajectories
    --json``) holds one slice of objects at a time beside the sorted facts (:func:`_json_facts`)."""
    size = size or JSON_SLICE
    facts = _json_facts(database)
    for first in range(0, len(facts), size):
        yield _json_objects(facts[first : first + size])


def _json_facts(database: Database) -> list[JsonFacts]:
    """Every trajectory's values, by start date (none last), then id, made straight from the summaries'
    parts: no :class:`TrajectoryFacts` and no :class:`TrajectorySummary` per trajectory (at 2,000
    employees those objects took most of ``list trajectories --json``'s time). The summaries are read one
    shard at a time and dropped (:meth:`Database.current_summaries`), each entry's parts parsed once and
    not kept (:meth:`~poptui.store.summaries.Summary.people`): what stays is these facts, about 25 MB at
    20,000 employees, where every summary and its parts took 90 MB more. Summaries that are not in line
    with the files are brought in line first (:meth:`Database.refresh_summaries`), and read whole.

    The values and order are those of :func:`summarise` and :meth:`TrajectorySummary.as_json`, with the
    same errors: an employee whose summary holds a value no trajectory can have is left out; each date
    is read by ``date.fromisoformat`` (once per distinct value) and written back in ISO form, which sorts
    as the dates do."""
    organisations = organisation_facts(database)
    with collector.paused():  # the facts outlive the reading: the collector walked them again and again
        try:
            return _facts_of(database.current_summaries(), organisations)  # one shard of summaries at a time
        except Behind:
            return _facts_of([database.refresh_summaries(every=True)], organisations)


def _facts_of(
    shards: Iterable[Mapping[str, Summary]], organisations: Mapping[str, OrganisationFacts]
) -> list[JsonFacts]:
    days: dict[Any, str] = {}
    # _value(kind, values, stored) and _iso_day(days, stored), with their dict lookups written out (four and
    # two per trajectory); a value found in no dict goes to them, one that cannot be a key raises TypeError
    variants, statuses, levels, known_day = _VARIANT_VALUES.get, _STATUS_VALUES.get, _LEVEL_VALUES.get, days.get
    coaches: dict[str, str] = {}
    facts: list[JsonFacts] = []
    for employee_id, entry in (item for entries in shards for item in entries.items()):
        try:
            people = entry.people()
            values = [
                (
                    trajectory_id,
                    coach_id,
                    variants(variant) or _value(VariantId, _VARIANT_VALUES, variant),
                    statuses(status) or _value(TrajectoryStatus, _STATUS_VALUES, status),
                    start and (known_day(start) or _iso_day(days, start)) or None,
                    completion and (known_day(completion) or _iso_day(days, completion)) or None,
                    previous_id,
                    levels(reflection) or _value(Level, _LEVEL_VALUES, reflection),
                    levels(intensity) or _value(Level, _LEVEL_VALUES, intensity),
                )
                for trajectory_id, (
                    coach_id,
                    variant,
                    status,
                    start,
                    completion,
                    previous_id,
                    reflection,
                    intensity,
                ) in (people.get("trajectories") or {}).items()
            ]
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            continue  # a damaged summary: poptui check reports the file it came from
        if not values:
            continue
        part = people.get("employee")
        if part:
            employee = employee_facts(employee_id, part)
            organisation, name = organisations.get(employee.organisation_id), employee.full_name
        else:
            organisation, name = None, "?"
        organisation_id = organisation.id if organisation else None
        organisation_name = organisation.name if organisation else "?"
        counts = entry.counts
        for trajectory_id, coach_id, variant, status, start, completion, previous_id, reflection, intensity in values:
            held, counted, actions, generic, technical = counts.get(trajectory_id) or (0, 0, 0, 0, 0)
            if coach_id.__class__ is str:  # a few coaches for every trajectory: one text each (4 MB at 20,000)
                coach_id = coaches.setdefault(coach_id, coach_id)
            facts.append(
                (
                    trajectory_id,
                    employee_id,
                    name,
                    organisation_id,
                    organisation_name,
                    coach_id,
                    variant,
                    reflection,
                    intensity,
                    status,
                    start,
                    completion,
                    previous_id,
                    int(counted),
                    int(held),
                    int(actions),
                    int(generic),
                    int(technical),
                )
            )
    facts.sort(key=_by_id)  # then by start date: sorted by (no start date, start date, id), stable
    facts.sort(key=_by_start)
    return facts


def _iso_day(days: dict[Any, str], stored: Any) -> str | None:
    """``day(stored).isoformat()`` (None for no date), remembered in ``days`` per stored value."""
    if not stored:
        return None
    found = days.get(stored)  # a value that cannot be a key raises TypeError, as date.fromisoformat does
    if found is None:
        found = days[stored] = date.fromisoformat(stored).isoformat()
    return found


def _by_id(facts: JsonFacts) -> str:
    return facts[0]


_AFTER_EVERY_DATE = "~"
"""Sorts after every ISO date (they start with a digit): a trajectory without a start date comes last."""


def _by_start(facts: JsonFacts) -> str:
    """The start date (ISO, which sorts as the dates do), or a text that sorts after every date: keys made
    of the facts' own texts (a key text per trajectory took 4 MB at 20,000 employees)."""
    start = facts[10]
    return _AFTER_EVERY_DATE if start is None else start


def _trajectories_of(employee_id: str, entry: Mapping[str, Any]) -> list[TrajectoryFacts]:
    try:
        return employee_trajectories(employee_id, entry)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return []  # a damaged summary: poptui check reports the file it came from
