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
"""

from __future__ import annotations

from datetime import date

from poptui import clock
from poptui.methods_registry import method
from poptui.models import Conclusion, ContactMoment, MethodKind, MethodRecordBase, Trajectory
from poptui.store import Database


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
