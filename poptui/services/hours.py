"""Hours an organisation took beyond the contact hours (§4.4.4): per entry, and totals per kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from poptui.models import HoursEntry, HoursKind, Organisation, Person, Role
from poptui.services.directory import persons
from poptui.services.trainings import parse_hours
from poptui.store import Database


@dataclass(frozen=True)
class HoursTotals:
    per_kind: dict[HoursKind, float] = field(default_factory=dict)
    total: float = 0.0


def entries_of(database: Database, organisation_id: str) -> list[HoursEntry]:
    """The organisation's entries by date (oldest first, as on the form)."""
    entries = database.list(HoursEntry, organisation_id=organisation_id)
    return sorted(entries, key=lambda entry: (entry.date, entry.created_at or 0, entry.id))


def totals(entries: list[HoursEntry]) -> HoursTotals:
    """Hours per kind (every kind, zero when none) and overall."""
    per_kind = {kind: 0.0 for kind in HoursKind}
    for entry in entries:
        per_kind[entry.kind] += entry.hours
    return HoursTotals(per_kind=per_kind, total=sum(per_kind.values()))


def coaches(database: Database, keep_id: str | None = None) -> list[Person]:
    """The POP-coaches (and ``keep_id``, the coach already filled in)."""
    return [person for person in persons(database) if person.has_role(Role.COACH) or person.id == keep_id]


def get_entry(database: Database, entry_id: str) -> HoursEntry:
    return database.get(HoursEntry, entry_id)


def save_entry(
    database: Database, values: dict[str, Any], organisation_id: str, entry_id: str | None = None
) -> HoursEntry:
    """Create (no id) or update an entry of ``organisation_id``; raises ValidationError or StoreError."""
    database.get(Organisation, organisation_id)
    current = database.get(HoursEntry, entry_id) if entry_id else None
    merged = {**(current.model_dump() if current is not None else {}), **values}
    merged["organisation_id"] = organisation_id
    merged["hours"] = parse_hours(merged.get("hours"))
    merged["coach_id"] = merged.get("coach_id") or None
    if merged.get("kind") in ("", None):
        merged.pop("kind", None)
    return database.save(HoursEntry.model_validate(merged))


def delete_entry(database: Database, entry_id: str) -> None:
    database.delete(database.get(HoursEntry, entry_id))
