"""The facts of the store's per-employee summaries (:mod:`poptui.store.summaries`) as typed values.

The home screen (:mod:`poptui.services.attention`) and the employee list
(:mod:`poptui.services.employees`) read these instead of the records: a few files instead of
every dossier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from poptui.models import Level, TrajectoryStatus, VariantId


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


def trajectory_facts(trajectory_id: str, employee_id: str, part: Sequence[Any]) -> TrajectoryFacts:
    coach_id, variant, status, start_date, completion_date, previous_id, reflection, intensity = part
    return TrajectoryFacts(
        trajectory_id,
        employee_id,
        coach_id,
        VariantId(variant),
        TrajectoryStatus(status),
        day(start_date),
        day(completion_date),
        previous_id,
        Level(reflection),
        Level(intensity),
    )


def employee_trajectories(employee_id: str, entry: Mapping[str, Any]) -> list[TrajectoryFacts]:
    return [
        trajectory_facts(trajectory_id, employee_id, part)
        for trajectory_id, part in (entry.get("trajectories") or {}).items()
    ]
