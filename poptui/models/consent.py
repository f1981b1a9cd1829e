"""Consent (§4.4.1) as a record of events, not a single date.

The employee gives consent (on a signed document with a known version of the
consent text) and may withdraw it later. The consent valid today is the latest
event: consent is valid when that event is a "given" one. Special-category data
(the fields a model lists in ``sensitive_fields``) can only be entered while
consent is valid; the store refuses it otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from poptui.formatting import format_date
from poptui.models.base import Day, DossierRecord, RequiredLine, Text


class ConsentKind(StrEnum):
    GIVEN = "gegeven"
    WITHDRAWN = "ingetrokken"


class ConsentEvent(DossierRecord):
    """The employee gave or withdrew consent on a day; who recorded it; which consent text."""

    table: ClassVar[str] = "consent_events"
    label: ClassVar[str] = "toestemming"

    kind: ConsentKind = Field(title="Toestemming")
    date: Day = Field(title="Datum")
    recorded_by: RequiredLine = Field(title="Geregistreerd door", max_length=200)
    consent_text_version: RequiredLine = Field(title="Versie van de toestemmingstekst", max_length=50)
    remark: Text = Field(default="", title="Opmerking", max_length=2000)

    def describe(self) -> str:
        return f"{self.kind.value} {format_date(self.date)}"


def _order(event: ConsentEvent) -> tuple:
    return (event.date, event.created_at is None, event.created_at or 0)


def current_consent(events: Iterable[ConsentEvent]) -> ConsentEvent | None:
    """The consent valid now: the latest event when it is a "given" one, else None."""
    ordered = sorted(events, key=_order)
    if not ordered or ordered[-1].kind is not ConsentKind.GIVEN:
        return None
    return ordered[-1]
