"""The history of an employee's dossier, read from the audit trail, in words a coach understands."""

from __future__ import annotations

from dataclasses import dataclass

from poptui.formatting import format_moment
from poptui.i18n import _
from poptui.models import RECORD_TYPES, AuditAction, AuditEvent, MethodRecordBase, Record
from poptui.store import Database

_TYPES: dict[str, type[Record]] = {record_type.__name__: record_type for record_type in RECORD_TYPES}
_TYPES["MethodRecord"] = MethodRecordBase

_ACTIONS = {
    AuditAction.CREATE: "aangemaakt",
    AuditAction.UPDATE: "gewijzigd",
    AuditAction.DELETE: "verwijderd",
    AuditAction.EXPORT: "geëxporteerd",
    AuditAction.PRINT: "afgedrukt",
    AuditAction.ERASE: "gewist",
}


@dataclass(frozen=True)
class HistoryLine:
    """One event: when, who, what happened to which kind of record, and which fields."""

    when: str
    who: str
    what: str
    fields: list[str]

    def __str__(self) -> str:
        text = f"{self.when}  {self.who}: {self.what}"
        if self.fields:
            text += " (" + ", ".join(self.fields) + ")"
        return text


def record_label(record_type: str) -> str:
    """'Trajectory' -> 'POP-traject'."""
    known = _TYPES.get(record_type)
    if known is None:
        return record_type
    if known is MethodRecordBase:
        return _("methodiek")
    return _(known.label)


def field_labels(record_type: str, names: list[str]) -> list[str]:
    """The Dutch field titles of the model (the audit trail stores only field names, never values)."""
    known = _TYPES.get(record_type)
    fields = known.model_fields if known is not None else {}
    out = []
    for name in names:
        info = fields.get(name)
        out.append(_(info.title) if info is not None and info.title else name.replace("_", " "))
    return out


def describe_event(event: AuditEvent) -> HistoryLine:
    action = _(_ACTIONS.get(event.action, str(event.action)))
    record = record_label(event.record_type)
    return HistoryLine(
        when=format_moment(event.at),
        who=event.actor,
        what=_("{record} {action}", record=record[:1].upper() + record[1:], action=action),
        fields=field_labels(event.record_type, list(event.fields)) if event.action is AuditAction.UPDATE else [],
    )


def employee_history(database: Database, employee_id: str) -> list[HistoryLine]:
    """Everything that happened to the employee and their dossier, newest first."""
    events = database.audit_events(employee_id)  # the log is append-only: oldest first
    return [describe_event(event) for event in reversed(events)]
