"""Loading and saving the records of the planning methods (scan, SMART, matrix, mindmap, tijdslijn)."""

from __future__ import annotations

from datetime import date

from poptui.models import MethodKind, MethodRecordBase, new_method_record
from poptui.store import Database


def get_or_create_record(
    database: Database,
    *,
    employee_id: str,
    trajectory_id: str,
    kind: MethodKind | str,
    contact_moment_id: str | None = None,
    record_id: str | None = None,
    today: date | None = None,
) -> MethodRecordBase:
    """The record ``record_id``; else the trajectory's record of this kind (of this contact moment
    when one is given, else the latest); else a new one, stored at once."""
    kind = MethodKind(kind)
    if record_id:
        return database.get(MethodRecordBase, record_id, employee_id=employee_id)
    found = database.list(MethodRecordBase, employee_id=employee_id, trajectory_id=trajectory_id, kind=kind)
    if contact_moment_id:
        same_moment = [record for record in found if record.contact_moment_id == contact_moment_id]
        found = same_moment or [record for record in found if record.contact_moment_id is None]
    if found:
        return max(found, key=lambda record: record.updated_at.isoformat() if record.updated_at else "")
    return database.save(
        new_method_record(
            kind, employee_id=employee_id, trajectory_id=trajectory_id, contact_moment_id=contact_moment_id, date=today
        )
    )


def save_record(database: Database, record: MethodRecordBase) -> MethodRecordBase:
    """Validate the whole record again (nested changes are not validated on assignment) and store it."""
    validated = type(record).model_validate(record.model_dump())
    return database.save(validated)
