"""Consent (§4.4.1): give and withdraw, the state today, and the versioned consent text.

Consent is a list of :class:`~poptui.models.ConsentEvent` records in the
employee's dossier. ``Employee.consent_date`` is kept as the date of the consent
valid today (None after a withdrawal), so lists and exports can read it without
the events; this module is the only writer of that field. The store refuses
special-category fields without valid consent (see :mod:`poptui.store.policy`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.models import ConsentEvent, ConsentKind, Employee, current_consent
from poptui.resources import data_path
from poptui.store import Database, StoreError


@dataclass(frozen=True)
class ConsentText:
    version: str
    valid_from: date
    title: str
    text: str


@cache
def consent_texts() -> tuple[ConsentText, ...]:
    """Every version of the consent text, oldest first (from data/consent.json)."""
    raw = json.loads(data_path("consent.json").read_text(encoding="utf-8"))
    return tuple(
        ConsentText(item["version"], date.fromisoformat(item["valid_from"]), item["title"], item["text"])
        for item in sorted(raw["versions"], key=lambda item: item["valid_from"])
    )


def current_text() -> ConsentText:
    raw = json.loads(data_path("consent.json").read_text(encoding="utf-8"))
    return consent_text(raw["current"])


def consent_text(version: str) -> ConsentText:
    for text in consent_texts():
        if text.version == version:
            return text
    raise StoreError(_("Onbekende versie van de toestemmingstekst: {version}.", version=version))


@dataclass(frozen=True)
class ConsentState:
    events: list[ConsentEvent]
    valid: ConsentEvent | None

    @property
    def given(self) -> bool:
        return self.valid is not None

    def summary(self) -> str:
        if self.valid is not None:
            return _(
                "gegeven op {date} (tekst {version})",
                date=format_date(self.valid.date),
                version=self.valid.consent_text_version,
            )
        if self.events:
            last = self.events[-1]
            return _("ingetrokken op {date}", date=format_date(last.date))
        return _("nog niet gegeven")


def consent_events(database: Database, employee_id: str) -> list[ConsentEvent]:
    return sorted(
        database.list(ConsentEvent, employee_id=employee_id),
        key=lambda event: (event.date, event.created_at is None, event.created_at or 0),
    )


def consent_state(database: Database, employee_id: str) -> ConsentState:
    events = consent_events(database, employee_id)
    return ConsentState(events, current_consent(events))


def has_consent(database: Database, employee_id: str) -> bool:
    return consent_state(database, employee_id).given


def consent_date(database: Database, employee: Employee) -> date | None:
    """The date of the consent valid today (from the events), or None."""
    valid = consent_state(database, employee.id).valid
    return valid.date if valid else None


def _record(
    database: Database, employee_id: str, kind: ConsentKind, day: date, recorded_by: str, version: str, remark: str
) -> ConsentEvent:
    with database.transaction() as transaction:
        stored = transaction.list(Employee)
        employee = next((item for item in stored if item.id == employee_id), None)
        if employee is None:
            raise StoreError(_("Deze werknemer bestaat niet (meer)."))
        event = transaction.save(
            ConsentEvent(
                employee_id=employee_id,
                kind=kind,
                date=day,
                recorded_by=recorded_by or database.actor,
                consent_text_version=version,
                remark=remark,
            )
        )
        valid = current_consent([*transaction.list(ConsentEvent, employee_id=employee_id)])
        new_date = valid.date if valid else None
        if employee.consent_date != new_date:
            transaction.save(employee.model_copy(update={"consent_date": new_date}))
    return event


def give_consent(
    database: Database, employee_id: str, day: date, recorded_by: str = "", version: str | None = None, remark: str = ""
) -> ConsentEvent:
    """Record that the employee signed the consent text ``version`` (default: the current one) on ``day``."""
    version = version or current_text().version
    consent_text(version)
    return _record(database, employee_id, ConsentKind.GIVEN, day, recorded_by, version, remark)


def withdraw_consent(
    database: Database, employee_id: str, day: date, recorded_by: str = "", remark: str = ""
) -> ConsentEvent:
    """Record that the employee withdrew consent: no new special-category data from now on."""
    state = consent_state(database, employee_id)
    version = state.valid.consent_text_version if state.valid else current_text().version
    return _record(database, employee_id, ConsentKind.WITHDRAWN, day, recorded_by, version, remark)


def sensitive_fields_reason() -> str:
    """The sentence a form shows next to special-category fields while consent is missing."""
    return _("Pas in te vullen nadat de werknemer toestemming gaf (§4.4.1). Registreer eerst de toestemming.")
