"""Schema 2 -> 3: employees.json and trajectories.json become 64 shards each (poptui.store.layout).

The migration writes the shards, then the new version (the switch point), then the manifest, and
only then removes the old files; an open of a version-3 database that still has them finishes
the last two steps. A restored backup of schema 2 is migrated after the restore.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from store_files import downgrade_to_schema_2

from poptui.models import (
    ContactMoment,
    Employee,
    Level,
    Organisation,
    Person,
    Phase,
    Role,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.services.backup import check_backup, restore_backup
from poptui.services.health import check_database, verify_for_start
from poptui.store import Database, DatabaseDamaged, layout, schema, summaries
from poptui.store.backup import BackupReason, backup_holds, create_backup, list_backups
from poptui.store.database import Database as DatabaseClass


def _people(db: Database, count: int = 12) -> tuple[list[Employee], list[Trajectory]]:
    organisation = db.save(Organisation(name="De Werkplaats vzw"))
    coach = db.save(Person(first_name="An", last_name="Aerts", organisation_id=organisation.id, roles=[Role.COACH]))
    employees, trajectories = [], []
    for number in range(count):
        employee = db.save(Employee(first_name=f"Naam{number}", last_name="Peeters", organisation_id=organisation.id))
        trajectory = db.save(
            Trajectory(
                employee_id=employee.id,
                coach_id=coach.id,
                variant=VariantId.BASIS,
                reflection=Level.MEDIUM,
                intensity=Level.MEDIUM,
                status=TrajectoryStatus.ACTIVE,
                start_date=date(2026, 5, 1),
            )
        )
        db.save(
            ContactMoment(
                employee_id=employee.id,
                trajectory_id=trajectory.id,
                number=1,
                date=date(2026, 6, 1),
                phase=Phase.OPSTART,
            )
        )
        employees.append(employee)
        trajectories.append(trajectory)
    return employees, trajectories


def _by_id(records: list) -> dict[str, object]:  # type: ignore[type-arg]
    return {record.id: record for record in records}


def test_a_new_database_has_no_shard_files(db: Database) -> None:
    assert not (db.path / "employees").exists() or not any((db.path / "employees").iterdir())
    assert not (db.path / "employees.json").exists() and not (db.path / "trajectories.json").exists()


def test_a_save_writes_one_shard_and_an_erased_shard_has_no_file(db: Database) -> None:
    employees, _trajectories = _people(db, 3)
    shard = db.path / layout.shard_name("employees", employees[0].id)
    others = {path: path.stat().st_mtime_ns for path in layout.shard_files(db.path, "employees") if path != shard}
    db.save(employees[0].model_copy(update={"function": "Chauffeur"}))
    assert {path: path.stat().st_mtime_ns for path in others} == others
    assert db.get(Employee, employees[0].id).function == "Chauffeur"
    with db.transaction() as transaction:
        for employee in db.list(Employee):
            if layout.shard_of(employee.id) == layout.shard_of(employees[0].id):
                for trajectory in transaction.list(Trajectory, employee_id=employee.id):
                    transaction.delete(trajectory)
                transaction.delete(employee)
                transaction.remove_dossier(employee.id)
    assert not shard.exists()
    assert check_database(db).healthy


def test_migration_moves_every_record_and_removes_the_old_files(db: Database) -> None:
    _people(db)
    employees_before = _by_id(db.list(Employee))
    trajectories_before = _by_id(db.list(Trajectory))
    downgrade_to_schema_2(db.path)
    assert Database.open(db.path, migrate=False).schema_version() == 2

    migrated = Database.open(db.path)
    assert migrated.schema_version() == 3 == schema.SCHEMA_VERSION
    assert not (db.path / "employees.json").exists() and not (db.path / "trajectories.json").exists()
    assert _by_id(migrated.list(Employee)) == employees_before
    assert _by_id(migrated.list(Trajectory)) == trajectories_before
    for employee_id, employee in employees_before.items():
        assert migrated.get(Employee, employee_id) == employee
        assert (db.path / layout.shard_name("employees", employee_id)).is_file()
    assert summaries.head_matches(db.path)  # the summaries were current: they name the shards now
    assert migrated.manifest_differences() == []  # the next start need not read anything
    report = check_database(migrated)
    assert report.healthy, report.problems
    assert [item.reason for item in list_backups(db.path)] == [BackupReason.MIGRATION.value]
    with zipfile.ZipFile(list_backups(db.path)[0].path) as archive:
        assert "employees.json" in archive.namelist()  # the backup is of the database before


def test_the_migrated_database_takes_saves(db: Database) -> None:
    employees, trajectories = _people(db, 4)
    downgrade_to_schema_2(db.path)
    migrated = Database.open(db.path)
    saved = migrated.save(trajectories[1].model_copy(update={"intensity": Level.HIGH}))
    new = migrated.save(
        Employee(first_name="Nieuw", last_name="Janssens", organisation_id=employees[0].organisation_id)
    )
    assert migrated.get(Trajectory, saved.id).intensity == Level.HIGH
    assert migrated.summaries()[new.id]["employee"]["first_name"] == "Nieuw"
    assert check_database(migrated).healthy


def test_killed_after_the_switch_the_next_open_finishes(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _people(db)
    before = _by_id(db.list(Employee))
    downgrade_to_schema_2(db.path)
    monkeypatch.setattr(DatabaseClass, "_finish_migration", lambda self: None)  # killed right after the version
    Database.open(db.path)
    assert json.loads((db.path / schema.META_FILE).read_text())["schema_version"] == 3
    assert (db.path / "employees.json").exists()
    monkeypatch.undo()

    reopened = Database.open(db.path)
    assert not (db.path / "employees.json").exists() and not (db.path / "trajectories.json").exists()
    assert _by_id(reopened.list(Employee)) == before
    assert reopened.manifest_differences() == []
    assert verify_for_start(reopened).healthy


def test_killed_before_the_switch_the_migration_runs_again(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _people(db)
    before = _by_id(db.list(Trajectory))
    downgrade_to_schema_2(db.path)
    real = summaries.after_migration

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # stands in for SIGKILL: the shards are written, the version is not

    monkeypatch.setattr(summaries, "after_migration", killed)
    with pytest.raises(KeyboardInterrupt):
        Database.open(db.path)
    assert json.loads((db.path / schema.META_FILE).read_text())["schema_version"] == 2
    monkeypatch.setattr(summaries, "after_migration", real)
    (db.path / layout.shard_name("employees", "zz-verweesd")).write_text('{"employees": {"1": {"id": "weg"}}}')

    migrated = Database.open(db.path)
    assert _by_id(migrated.list(Trajectory)) == before
    assert all(employee.id != "weg" for employee in migrated.list(Employee))  # a shard left behind is made again
    assert check_database(migrated).healthy


def test_a_backup_of_schema_2_is_checked_restored_and_migrated(db: Database, tmp_path: Path) -> None:
    employees, _trajectories = _people(db, 5)
    downgrade_to_schema_2(db.path)
    old = create_backup(Database.open(db.path, migrate=False), BackupReason.MANUAL, out=tmp_path / "oud")
    with zipfile.ZipFile(old) as archive:
        assert {"employees.json", "trajectories.json"} <= set(archive.namelist())

    current = Database.create(tmp_path / "nieuw")
    current.save(Organisation(name="Iets anders"))
    assert check_backup(old, current.path).healthy
    restore_backup(current.path, old)
    restored = Database.open(current.path)
    assert restored.schema_version() == schema.SCHEMA_VERSION
    assert {employee.id for employee in restored.list(Employee)} == {employee.id for employee in employees}
    assert [organisation.name for organisation in restored.list(Organisation)] == ["De Werkplaats vzw"]
    assert not (current.path / "employees.json").exists()
    assert check_database(restored).healthy
    assert backup_holds(old, employees[0].id)


def test_a_save_never_recreates_a_deleted_shard(db: Database) -> None:
    employees, _trajectories = _people(db, 3)
    shard = db.path / layout.shard_name("employees", employees[0].id)
    shard.unlink()
    twin = next(
        f"nieuw{number}"
        for number in range(10_000)
        if layout.shard_of(f"nieuw{number}") == layout.shard_of(employees[0].id)
    )
    with pytest.raises(DatabaseDamaged, match="ontbreekt"):
        db.save(
            Employee(id=twin, first_name="Nieuw", last_name="Janssens", organisation_id=employees[0].organisation_id)
        )
    assert not shard.exists()
