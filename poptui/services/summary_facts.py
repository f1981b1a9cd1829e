"""The facts of the store's per-employee summaries (:mod:`poptui.store.summaries`) as typed values.

The home screen (:mod:`poptui.services.attention`) and the employee list
(:mod:`poptui.services.employees`) read these instead of the records: a few files instead of
every dossier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any, TypeVar

from poptui.models import Level, TrajectoryStatus, VariantId

E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class EmployeeFacts:
    """An employee as the lists show them (from the store's summaries)."""

    id: str
    first_name: str
    last_name: str
    function: str
    organisation_id: str
    archived: bool

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class TrajectoryFacts:
    id: str
    employee_id: str
    coach_id: str | None
    variant: VariantId
    status: TrajectoryStatus
    start_date: date | None
    completion_date: date | None
    previous_trajectory_id: str | None
    reflection: Level
    intensity: Level


def day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def clock_time(value: Any) -> time | None:
    return time.fromisoformat(value) if value else None


def employee_facts(employee_id: str, part: Mapping[str, Any]) -> EmployeeFacts:
    return EmployeeFacts(
        employee_id,
        str(part.get("first_name", "")),
        str(part.get("last_name", "")),
        str(part.get("function", "")),
        str(part.get("organisation_id", "")),
        bool(part.get("archived", False)),
    )


def _members(kind: type[E]) -> dict[Any, E]:
    return {member.value: member for member in kind}


_VARIANTS, _STATUSES, _LEVELS = _members(VariantId), _members(TrajectoryStatus), _members(Level)


def _member(kind: type[E], members: Mapping[Any, E], value: Any) -> E:
    """``kind(value)``, found in a dict (every list of trajectories converts four values per trajectory:
    an enum call costs five times as much); anything else goes to the enum, which raises its own error."""
    try:
        return members[value]
    except (KeyError, TypeError):
        return kind(value)


def trajectory_facts(trajectory_id: str, employee_id: str, part: Sequence[Any]) -> TrajectoryFacts:
    coach_id, variant, status, start_date, completion_date, previous_id, reflection, intensity = part
    return TrajectoryFacts(
        trajectory_id,
        employee_id,
        coach_id,
        _member(VariantId, _VARIANTS, variant),
        _member(TrajectoryStatus, _STATUSES, status),
        day(start_date),
        day(completion_date),
        previous_id,
        _member(Level, _LEVELS, reflection),
        _member(Level, _LEVELS, intensity),
    )


def employee_trajectories(employee_id: str, entry: Mapping[str, Any]) -> list[TrajectoryFacts]:
    return [
        trajectory_facts(trajectory_id, employee_id, part)
        for trajectory_id, part in (entry.get("trajectories") or {}).items()
    ]
