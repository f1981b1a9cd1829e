"""Registration records (§4.4): training days, organisation hours, the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from poptui.formatting import format_date
from poptui.models.base import Day, Line, Model, Record, RequiredLine, Text
from poptui.models.enums import AuditAction, HoursKind


class Training(Record):
    """A training day for coaches (§4.4.5, §4.4.6)."""

    table: ClassVar[str] = "trainings"
    label: ClassVar[str] = "opleiding"

    date: Day = Field(title="Datum")
    title: RequiredLine = Field(title="Titel", max_length=200)
    trainer_id: Line | None = Field(default=None, title="POP-trainer")
    hours: float = Field(default=0, ge=0, le=24, title="Uren")
    place: Line = Field(default="", title="Plaats", max_length=200)
    attendee_ids: list[Line] = Field(default_factory=list, title="Deelnemers")

    def describe(self) -> str:
        return f"{self.title} ({format_date(self.date)})"


class HoursEntry(Record):
    """Hours spent for an organisation beyond the contact hours (§4.4.4)."""

    table: ClassVar[str] = "hours_entries"
    label: ClassVar[str] = "uren"

    organisation_id: RequiredLine = Field(title="Organisatie")
    coach_id: Line | None = Field(default=None, title="POP-coach")
    date: Day = Field(title="Datum")
    kind: HoursKind = Field(title="Soort")
    hours: float = Field(gt=0, le=24, title="Uren")
    description: Text = Field(default="", title="Omschrijving", max_length=2000)


class AuditEvent(Model):
    """One entry of the append-only audit trail. Names the changed fields, never their values."""

    at: datetime
    actor: Line
    action: AuditAction
    record_type: Line
    record_id: Line
    employee_id: Line | None = None
    fields: list[Line] = Field(default_factory=list)
    previous_hash: str = ""
    hash: str = ""
