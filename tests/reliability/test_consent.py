"""Consent (§4.4.1) as events; special-category fields only with valid consent, on every save path."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import pytest

from poptui.models import ConsentEvent, ConsentKind, ContactMoment, Employee, Organisation, Trajectory
from poptui.services.consent import (
    consent_date,
    consent_state,
    consent_texts,
    current_text,
    give_consent,
    withdraw_consent,
)
from poptui.store import ConsentRequired, Database


class SensitiveMoment(ContactMoment):
    """A contact moment with a special-category field, as the interview's theme 4 will have."""

    sensitive_fields: ClassVar[frozenset[str]] = frozenset({"homework_given", "notes"})


@pytest.fixture
def employee(db: Database) -> Employee:
    organisation = db.save(Organisation(name="Atelier"))
    return db.save(Employee(first_name="An", last_name="Peeters", organisation_id=organisation.id))


def _moment(db: Database, employee: Employee, **fields: object) -> SensitiveMoment:
    trajectory = db.save(Trajectory(employee_id=employee.id, variant="variant_1", reflection="laag", intensity="laag"))
    return SensitiveMoment(employee_id=employee.id, trajectory_id=trajectory.id, number=1, phase="analyse", **fields)


def test_consent_text_is_versioned_data() -> None:
    texts = consent_texts()
    assert texts and current_text() in texts
    assert "toestemming" in current_text().text and "intrekken" in current_text().text


def test_give_and_withdraw_are_events_and_keep_consent_date(db: Database, employee: Employee) -> None:
    assert not consent_state(db, employee.id).given
    give_consent(db, employee.id, date(2026, 2, 3), recorded_by="Coach An")
    assert db.get(Employee, employee.id).consent_date == date(2026, 2, 3)
    assert consent_date(db, db.get(Employee, employee.id)) == date(2026, 2, 3)
    withdraw_consent(db, employee.id, date(2026, 5, 1))
    state = consent_state(db, employee.id)
    assert not state.given and "ingetrokken" in state.summary()
    assert db.get(Employee, employee.id).consent_date is None
    events = db.list(ConsentEvent, employee_id=employee.id)
    assert [event.kind for event in sorted(events, key=lambda e: e.date)] == [ConsentKind.GIVEN, ConsentKind.WITHDRAWN]
    assert all(event.consent_text_version == current_text().version for event in events)
    assert events[0].recorded_by in ("Coach An", "tester")


def test_sensitive_fields_refused_without_consent(db: Database, employee: Employee) -> None:
    moment = _moment(db, employee, notes="psychische klachten: ...", goals=["doel"])
    with pytest.raises(ConsentRequired) as caught:
        db.save(moment)
    assert caught.value.fields == ["notes"] and "Notities" in str(caught.value)
    assert "toestemming" in str(caught.value)
    assert db.list(ContactMoment, employee_id=employee.id) == []
    ordinary = db.save(moment.model_copy(update={"notes": ""}))  # the rest can be saved
    assert ordinary.version == 1


def test_sensitive_fields_allowed_with_consent_and_stopped_after_withdrawal(db: Database, employee: Employee) -> None:
    give_consent(db, employee.id, date(2026, 2, 3))
    saved = db.save(_moment(db, employee, notes="gezinsverplichtingen"))
    withdraw_consent(db, employee.id, date(2026, 6, 1))
    kept = db.save(saved.model_copy(update={"duration_minutes": 45}))  # unchanged sensitive text may stay
    with pytest.raises(ConsentRequired):
        db.save(kept.model_copy(update={"notes": "nieuwe gevoelige notitie"}))
    with pytest.raises(ConsentRequired):
        db.save(kept.model_copy(update={"homework_given": "iets"}))
    cleared = db.save(kept.model_copy(update={"notes": ""}))  # clearing is always allowed
    assert cleared.notes == ""


def test_consent_and_sensitive_data_in_one_transaction(db: Database, employee: Employee) -> None:
    moment = _moment(db, employee, notes="lichamelijke belemmering")
    with db.transaction() as transaction:
        transaction.save(
            ConsentEvent(
                employee_id=employee.id,
                kind=ConsentKind.GIVEN,
                date=date(2026, 1, 5),
                recorded_by="an",
                consent_text_version=current_text().version,
            )
        )
        transaction.save(moment)
    assert db.get(ContactMoment, moment.id).notes == "lichamelijke belemmering"


def test_demo_records_consent_events(demo_db: Database) -> None:
    with_date = [employee for employee in demo_db.list(Employee) if employee.consent_date]
    assert with_date
    for employee in with_date:
        assert consent_state(demo_db, employee.id).valid.date == employee.consent_date
