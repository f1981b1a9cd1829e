"""The record a method screen works on, for every method alike.

The rule for finding it (:func:`find_or_new`), in order:

1. ``record_id`` given: that record.
2. ``contact_moment_id`` given: the trajectory's record of this kind for that contact
   moment; else its record of this kind that belongs to no contact moment.
3. no contact moment: the trajectory's latest record of this kind (of any moment).
4. none found: a **new record that is not stored yet**, dated on the contact moment's
   date (today when it has none, or without a contact moment). Opening a method
   and leaving again stores nothing; the first save (:func:`save_record`,
   :func:`save_notes`) stores it.

The class comes from the method registry (:mod:`poptui.methods_registry`), so a richer
screen written later loads the very same record as the free-notes screen before it
(its extra fields have defaults) and nothing typed is lost.

Two coaches on one record: :func:`save_merged` stores a changed copy and, when someone else
stored the record since it was loaded, puts the fields this coach changed on their version
(their other changes stay). What could not be stored at all (a refused value, a full disk,
a dropped connection) is kept aside as a draft (:func:`keep_aside`) under a key of the
method, the trajectory and the contact moment; :func:`aside_changes` gives it back when the
method is opened again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic_core import to_jsonable_python

from poptui import clock
from poptui.methods_registry import method, method_name
from poptui.models import Conclusion, ContactMoment, MethodKind, MethodRecordBase, Trajectory
from poptui.services import drafts
from poptui.store import Database, VersionConflict

_BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at", "updated_by"})


def records_of(database: Database, trajectory: Trajectory) -> list[MethodRecordBase]:
    """Every stored method record of the trajectory, oldest first."""
    found = database.list(
        MethodRecordBase, employee_id=trajectory.employee_id, where=lambda record: record.trajectory_id == trajectory.id
    )
    return sorted(
        found,
        key=lambda record: (
            record.date is None,
            record.date or date.min,
            record.created_at.isoformat() if record.created_at else "",
        ),
    )


def find_or_new(
    database: Database,
    *,
    employee_id: str,
    trajectory_id: str,
    kind: MethodKind | str,
    contact_moment_id: str | None = None,
    record_id: str | None = None,
) -> MethodRecordBase:
    """The record to open (see the module docstring for the rule); a new one is not stored."""
    kind = MethodKind(kind)
    if record_id:
        return database.get(MethodRecordBase, record_id, employee_id=employee_id)
    found = database.list(MethodRecordBase, employee_id=employee_id, trajectory_id=trajectory_id, kind=kind)
    if contact_moment_id:
        same_moment = [record for record in found if record.contact_moment_id == contact_moment_id]
        found = same_moment or [record for record in found if record.contact_moment_id is None]
    if found:
        return max(found, key=lambda record: record.updated_at.isoformat() if record.updated_at else "")
    return method(kind).record_class(
        kind=kind,
        employee_id=employee_id,
        trajectory_id=trajectory_id,
        contact_moment_id=contact_moment_id,
        date=_moment_date(database, employee_id, contact_moment_id) or clock.today(),
    )


def _moment_date(database: Database, employee_id: str, contact_moment_id: str | None) -> date | None:
    if not contact_moment_id:
        return None
    moment = database.find(ContactMoment, contact_moment_id, employee_id=employee_id)
    return moment.date if moment else None


def save_record(database: Database, record: MethodRecordBase) -> MethodRecordBase:
    """Validate the whole record again (nested changes are not validated on assignment) and store it."""
    validated = type(record).model_validate(record.model_dump())
    return database.save(validated)


def changed_fields(before: MethodRecordBase, after: MethodRecordBase | dict[str, Any]) -> dict[str, Any]:
    """The record's own fields whose value differs from ``before`` to ``after`` (a record, or a
    dumped record not validated yet), as JSON values."""
    old = before.model_dump(mode="json")
    new = to_jsonable_python(after) if isinstance(after, dict) else after.model_dump(mode="json")
    return {key: value for key, value in new.items() if key not in _BOOKKEEPING and old.get(key) != value}


def save_merged(database: Database, before: MethodRecordBase, after: MethodRecordBase) -> tuple[MethodRecordBase, bool]:
    """Store ``after`` (``before`` with the coach's changes); returns the stored record and whether
    someone else's newer version had to be merged: then the fields changed from ``before`` to
    ``after`` are put on the stored record and that is saved (raises StoreError, ValidationError)."""
    try:
        return save_record(database, after), False
    except VersionConflict:
        stored = database.find(MethodRecordBase, after.id, employee_id=after.employee_id)
        if stored is None:
            raise
        merged = type(stored).model_validate({**stored.model_dump(mode="json"), **changed_fields(before, after)})
        return save_record(database, merged), True


def aside_key(record: MethodRecordBase) -> str:
    """The draft key of a method's unsaved answers: the method on this trajectory and contact moment
    (a record never stored gets a new id each time it is opened, so the id cannot be the key)."""
    moment = record.contact_moment_id or "los"
    return f"methode-{record.kind.value}-employee-{record.employee_id}-{record.trajectory_id}-{moment}"


def keep_aside(database: Database, record: MethodRecordBase, changes: dict[str, Any]) -> None:
    """Keep ``changes`` (fields of ``record`` as JSON values) as a draft until they are stored."""
    title = f"{method_name(record.kind)} ({record.date:%d/%m/%Y})" if record.date else method_name(record.kind)
    drafts.save_draft(database, aside_key(record), title, changes)


def aside_changes(database: Database, record: MethodRecordBase) -> dict[str, Any] | None:
    """The changes kept aside for this method (None: nothing was kept)."""
    changes = drafts.load_draft(database, aside_key(record))
    return {key: value for key, value in changes.items() if key not in _BOOKKEEPING} if changes else None


def discard_aside(database: Database, record: MethodRecordBase) -> None:
    drafts.discard_draft(database, aside_key(record))


def conclusion_lines(text: str) -> list[str]:
    """One conclusion per non-empty line (a leading dash or bullet is dropped)."""
    lines = (line.strip().lstrip("-•*").strip() for line in text.splitlines())
    return [line for line in lines if line]


def _keep_parts(record: MethodRecordBase, lines: list[str]) -> list[Conclusion]:
    """The conclusions for ``lines``: a line that is the text of a stored conclusion keeps
    that conclusion's part and step."""
    earlier = {conclusion.text: conclusion for conclusion in record.conclusions}
    return [earlier.get(line) or Conclusion(text=line) for line in lines]


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
    data = {**record.model_dump(), **(own_fields or {}), "notes": notes, "conclusions": _keep_parts(record, lines)}
    if day is not None:
        data["date"] = day
    updated = type(record).model_validate(data)
    return database.save(updated)
