"""The store's bulk write (poptui.store.bulk): many records in one short locked step, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest

from poptui.models import ConsentEvent, ConsentKind, Employee, Organisation, Person, Role
from poptui.store import Database, StoreError, VersionConflict
from poptui.store import audit as audit_log
from poptui.store.bulk import StaleRead, snapshot, unchanged, write_many


def _people(organisation: Organisation, count: int) -> list[Employee]:
    return [Employee(first_name=f"Naam{n}", last_name="Peeters", organisation_id=organisation.id) for n in range(count)]


def test_new_records_of_several_files_are_saved_and_audited_like_single_saves(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    employees = _people(organisation, 300)
    consent = ConsentEvent(
        employee_id=employees[0].id,
        kind=ConsentKind.GIVEN,
        date=date(2025, 3, 1),
        recorded_by="an",
        consent_text_version="1",
    )
    supervisor = Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR])
    saved, changed = write_many(db, [supervisor, *employees, consent])
    assert changed == [] and len(saved) == 302
    assert all(record.version == 1 and record.updated_by == "tester" for record in saved)
    assert len(db.list(Employee)) == 300
    assert db.get(Person, supervisor.id).full_name == "Luc Maes"
    assert db.list(ConsentEvent, employee_id=employees[0].id)[0].date == date(2025, 3, 1)
    assert audit_log.verify(db.path / audit_log.AUDIT_FILE) == []
    events = list(db.audit_events())
    assert [event.record_type for event in events[-302:]] == ["Person"] + ["Employee"] * 300 + ["ConsentEvent"]
    assert events[-1].employee_id == employees[0].id and "date" in events[-1].fields
    # a single save afterwards continues the same chain and sees the bulk-written records
    db.save(db.get(Employee, employees[5].id).model_copy(update={"function": "Hout"}))
    assert audit_log.verify(db.path / audit_log.AUDIT_FILE) == []
    assert db.get(Employee, employees[5].id).version == 2


def test_a_changed_snapshot_refuses_the_write_and_writes_nothing(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    basis = [snapshot(db, Employee, organisation_id=organisation.id)]
    db.save(Employee(first_name="Jan", last_name="Peeters", organisation_id=organisation.id))  # another coach
    assert not unchanged(db, basis)
    audit_before = len(list(db.audit_events()))
    with pytest.raises(StaleRead):
        write_many(db, _people(organisation, 10), expect=basis)
    assert len(db.list(Employee)) == 1 and len(list(db.audit_events())) == audit_before
    assert not any(path.name.endswith(".tmp") for path in db.path.rglob("*"))
    # another organisation's employees are not part of the snapshot
    other = db.save(Organisation(name="Kringwinkel"))
    basis = [snapshot(db, Employee, organisation_id=organisation.id)]
    db.save(Employee(first_name="Kim", last_name="Claes", organisation_id=other.id))
    write_many(db, _people(organisation, 10), expect=basis)
    assert len(db.list(Employee)) == 12


def test_changed_records_keep_the_version_check(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    person = db.save(Person(first_name="Greet", last_name="Peeters", organisation_id=organisation.id))
    given = person.model_copy(update={"roles": [Role.SUPERVISOR]})
    db.save(person.model_copy(update={"phone": "0470"}))  # someone else changed Greet meanwhile
    with pytest.raises(VersionConflict):
        write_many(db, _people(organisation, 3), [given])
    assert db.list(Employee) == []
    fresh = db.get(Person, person.id)
    _saved, changed = write_many(db, _people(organisation, 3), [fresh.model_copy(update={"roles": [Role.SUPERVISOR]})])
    assert changed[0].version == 3 and db.get(Person, person.id).roles == [Role.SUPERVISOR]
    assert db.get(Person, person.id).phone == "0470"
    assert [event.fields for event in db.audit_events() if event.record_id == person.id][-1] == ["roles"]


def test_only_new_records_and_safe_ids(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    stored = db.save(Employee(first_name="Jan", last_name="Peeters", organisation_id=organisation.id))
    with pytest.raises(StoreError, match="niet nieuw"):
        write_many(db, [stored])
    with pytest.raises(StoreError, match="Ongeldige id"):
        write_many(db, [Employee(id="../x", first_name="A", last_name="B", organisation_id=organisation.id)])
    with pytest.raises(StoreError, match="bestaat al"):
        write_many(db, [stored.model_copy(update={"version": 0})])
    assert len(db.list(Employee)) == 1
