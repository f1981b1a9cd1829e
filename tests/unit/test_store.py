"""The store: round trip, versions, atomic writes, locking, schema versions, layout."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
from pathlib import Path

import pytest
from store_files import employees_file

from poptui.models import ContactMoment, Employee, Organisation, Trajectory
from poptui.store import (
    Database,
    DatabaseDamaged,
    DatabaseMissing,
    NewerSchema,
    NotADatabase,
    VersionConflict,
    schema,
)
from poptui.store import audit as audit_log
from poptui.store import files as store_files


def _employee(db: Database) -> Employee:
    organisation = db.save(Organisation(name="Atelier"))
    return db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id=organisation.id))


def test_round_trip_and_versions(db: Database) -> None:
    employee = _employee(db)
    assert employee.version == 1 and employee.updated_by == "tester"
    loaded = db.get(Employee, employee.id)
    assert loaded == employee
    changed = db.save(loaded.model_copy(update={"function": "Verpakking"}))
    assert changed.version == 2
    assert db.get(Employee, employee.id).function == "Verpakking"


def test_saving_over_a_newer_version_is_refused(db: Database, tmp_path: Path) -> None:
    employee = _employee(db)
    other = Database.open(db.path, actor="collega")
    other.save(employee.model_copy(update={"function": "Eerst"}))
    with pytest.raises(VersionConflict) as caught:
        db.save(employee.model_copy(update={"function": "Tweede"}))
    assert "collega" in str(caught.value) and "gewijzigd" in str(caught.value)
    assert db.get(Employee, employee.id).function == "Eerst"


def test_dossier_records_live_in_the_employee_file(db: Database) -> None:
    employee = _employee(db)
    trajectory = db.save(Trajectory(employee_id=employee.id, variant="variant_1", reflection="laag", intensity="laag"))
    moment = db.save(ContactMoment(employee_id=employee.id, trajectory_id=trajectory.id, number=0, phase="opstart"))
    dossier = db.path / "dossiers" / f"{employee.id}.json"
    assert moment.id in dossier.read_text()
    assert db.get(ContactMoment, moment.id, employee_id=employee.id) == moment
    assert db.get(ContactMoment, moment.id) == moment
    assert db.list(ContactMoment, employee_id=employee.id, trajectory_id=trajectory.id) == [moment]
    db.delete(moment)
    assert db.list(ContactMoment, employee_id=employee.id) == []


def test_files_are_private(db: Database) -> None:
    _employee(db)
    for path in [db.path, *db.path.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


def test_crash_between_temp_write_and_replace_keeps_the_old_file(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    employee = _employee(db)
    before = employees_file(db.path).read_bytes()

    def crash(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_files.os, "replace", crash)
    with pytest.raises(Exception, match="Opslaan is mislukt"):
        db.save(employee.model_copy(update={"function": "kwijt"}))
    monkeypatch.undo()
    assert employees_file(db.path).read_bytes() == before
    assert not list(db.path.glob(".*.tmp"))
    assert db.get(Employee, employee.id).function == ""


def _writer(path: str, worker: int, count: int) -> None:
    database = Database.open(Path(path), actor=f"worker{worker}")
    for number in range(count):
        database.save(Organisation(name=f"Organisatie {worker}-{number}"))


@pytest.mark.slow
def test_two_processes_writing_concurrently_lose_nothing(db: Database) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(db.path), worker, 40)) for worker in range(2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    names = {organisation.name for organisation in db.list(Organisation)}
    assert len(names) == 80
    assert audit_log.verify(db.path / audit_log.AUDIT_FILE) == []


def test_open_refuses_what_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="geen database"):
        Database.open(tmp_path / "nergens")
    a_file = tmp_path / "file.json"
    a_file.write_text("{}")
    with pytest.raises(NotADatabase, match="bestand"):
        Database.open(a_file)
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "notes.txt").write_text("hallo")
    with pytest.raises(NotADatabase):
        Database.open(folder)


def test_damaged_file_is_reported_and_left_alone(db: Database) -> None:
    _employee(db)
    target = employees_file(db.path)
    target.write_bytes(b'{"employees": {"1": {"id": "x", "first')
    with pytest.raises(DatabaseDamaged, match="beschadigd"):
        db.list(Employee)
    assert target.read_bytes().endswith(b"first")


def test_newer_schema_is_refused(db: Database) -> None:
    meta_path = db.path / schema.META_FILE
    meta = json.loads(meta_path.read_text())
    meta["schema_version"] = schema.SCHEMA_VERSION + 1
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(NewerSchema, match="nieuwere versie"):
        Database.open(db.path)


def test_migration_step_runs_and_bumps_the_version(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _employee(db)

    def add_nickname(files: schema.RawFiles) -> None:
        for name, tables in files.items():
            for doc in tables.get("employees", {}).values() if name.startswith("employees/") else ():
                doc["function"] = "gemigreerd"

    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(schema.MIGRATIONS, current, add_nickname)
    monkeypatch.setattr("poptui.store.database.schema", schema)
    migrated = Database.open(db.path)
    assert migrated.schema_version() == current + 1
    assert json.loads(employees_file(db.path).read_text())["employees"]["1"]["function"] == "gemigreerd"


def test_audit_trail_names_fields_not_values(db: Database) -> None:
    employee = _employee(db)
    db.save(employee.model_copy(update={"remarks": "gevoelige opmerking"}))
    events = db.audit_events(employee.id)
    assert [event.action.value for event in events] == ["aangemaakt", "gewijzigd"]
    assert events[-1].fields == ["remarks"]
    assert "gevoelige" not in (db.path / "audit.log").read_text()


def test_no_temporary_files_left_after_saves(db: Database) -> None:
    _employee(db)
    leftovers = [path for path in db.path.rglob("*") if path.name.endswith(".tmp")]
    assert leftovers == []
    assert os.listdir(db.path / "dossiers") == []
