"""The record a method screen works on: one per trajectory, contact moment and method kind.

Until a method has its own screen, the free-notes screen edits this record; the class
comes from :func:`poptui.models.new_method_record`, so a later, richer screen loads the
very same record (its extra fields have defaults) and nothing typed is lost.
"""

from __future__ import annotations

from datetime import date

from poptui import clock
from poptui.models import MethodKind, MethodRecordBase, Trajectory, new_method_record
from poptui.store import Database


def records_of(database: Database, trajectory: Trajectory) -> list[MethodRecordBase]:
    found = database.list(
        MethodRecordBase, employee_id=trajectory.employee_id, where=lambda record: record.trajectory_id == trajectory.id
    )
    return sorted(
        found,
        key=lambda record: (
            record.date is None,
            record.date,
            record.created_at.isoformat() if record.created_at else "",
        ),
    )


def find_record(
    database: Database,
    employee_id: str,
    trajectory_id: str,
    kind: MethodKind,
    contact_moment_id: str | None = None,
) -> MethodRecordBase | None:
    found = database.list(
        MethodRecordBase,
        employee_id=employee_id,
        where=lambda record: (
            record.trajectory_id == trajectory_id
            and record.kind is kind
            and record.contact_moment_id == contact_moment_id
        ),
    )
    return max(found, key=lambda record: record.updated_at.isoformat() if record.updated_at else "", default=None)


def get_or_create(
    database: Database,
    employee_id: str,
    trajectory_id: str,
    kind: MethodKind | str,
    contact_moment_id: str | None = None,
    record_id: str | None = None,
) -> MethodRecordBase:
    """The stored record (by id, else by trajectory, moment and kind) or a new, not yet saved one."""
    kind = MethodKind(kind)
    if record_id:
        return database.get(MethodRecordBase, record_id, employee_id=employee_id)
    found = find_record(database, employee_id, trajectory_id, kind, contact_moment_id)
    if found is not None:
        return found
    return new_method_record(
        kind,
        employee_id=employee_id,
        trajectory_id=trajectory_id,
        contact_moment_id=contact_moment_id,
        date=clock.today(),
    )


def conclusion_lines(text: str) -> list[str]:
    """One conclusion per non-empty line (a leading dash or bullet is dropped)."""
    lines = (line.strip().lstrip("-•*").strip() for line in text.splitlines())
    return [line for line in lines if line]


def save_notes(
    database: Database,
    record: MethodRecordBase,
    notes: str,
    conclusions: str | list[str],
    day: date | str | None = None,
    own_fields: dict[str, str] | None = None,
) -> MethodRecordBase:
    """Store the notes, conclusions and the record's own text fields (raises ValidationError per field,
    ConsentRequired for special-category fields without consent)."""
    lines = conclusion_lines(conclusions) if isinstance(conclusions, str) else list(conclusions)
    data = {**record.model_dump(), **(own_fields or {}), "notes": notes, "conclusions": lines}
    if day is not None:
        data["date"] = day
    updated = type(record).model_validate(data)
    return database.save(updated)
