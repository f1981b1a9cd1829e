"""Backups: made once a day and before every migration, rotated, private, checked before a restore."""

from __future__ import annotations

import json
import stat
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from store_files import employees_file

from poptui.cli import main
from poptui.models import Employee, Organisation
from poptui.services.backup import check_backup, latest_good_backup, restore_backup
from poptui.store import BackupError, Database, layout, schema
from poptui.store.backup import (
    Backup,
    BackupReason,
    create_backup,
    ensure_daily_backup,
    expires_on,
    list_backups,
    rotate,
)


def _fill(db: Database) -> Employee:
    organisation = db.save(Organisation(name="Atelier"))
    return db.save(Employee(first_name="Inès", last_name="Peeters", organisation_id=organisation.id))


def test_daily_backup_once_a_day_private_and_complete(db: Database) -> None:
    employee = _fill(db)
    first = ensure_daily_backup(db)
    assert first is not None and ensure_daily_backup(db) is None
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
    with zipfile.ZipFile(first) as archive:
        names = set(archive.namelist())
        shard = layout.shard_name("employees", employee.id)
        assert {schema.META_FILE, "core.json", shard, "audit.log"} <= names
        assert employee.id.encode() in archive.read(shard)
    assert check_backup(first, db.path).healthy
    assert ensure_daily_backup(db, today=date.today() + timedelta(days=1)) is not None


def _fake(folder: Path, moment: datetime, reason: str = "dagelijks") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"poptui-{moment:%Y%m%d-%H%M%S}-{reason}.zip"
    path.write_bytes(b"")
    return path


def test_rotation_keeps_seven_days_then_one_per_week_for_five_weeks(tmp_path: Path) -> None:
    now = datetime(2026, 3, 31, 12, 0)
    folder = tmp_path / "backups"
    made = [_fake(folder, now - timedelta(days=days, hours=1)) for days in range(0, 60)]
    removed = rotate(tmp_path, now=now)
    kept = {item.path for item in list_backups(tmp_path)}
    assert set(made[:7]) <= kept  # the last 7 days
    older = [item for item in list_backups(tmp_path) if now - item.made_at >= timedelta(days=7)]
    weeks = [item.made_at.isocalendar()[:2] for item in older]
    assert len(weeks) == len(set(weeks))  # one per calendar week
    assert all(now - item.made_at < timedelta(weeks=5) for item in older)
    assert len(kept) + len(removed) == 60
    assert len(kept) <= 7 + 5


def test_rotation_always_keeps_the_newest_two(tmp_path: Path) -> None:
    now = datetime(2026, 3, 31, 12, 0)
    made = [_fake(tmp_path / "backups", now - timedelta(days=400 + days)) for days in range(4)]
    rotate(tmp_path, now=now)
    assert {item.path for item in list_backups(tmp_path)} == set(made[:2])


def test_expiry_of_a_backup(tmp_path: Path) -> None:
    monday = datetime(2026, 3, 2, 9, 0)
    tuesday = monday + timedelta(days=1)
    items = [Backup(Path("b"), tuesday, "dagelijks"), Backup(Path("a"), monday, "dagelijks")]
    assert expires_on(items[1], items) == (monday + timedelta(days=7)).date()
    assert expires_on(items[0], items) == (tuesday + timedelta(weeks=5)).date()


def test_backup_before_every_migration(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(db)
    current = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(schema.MIGRATIONS, current, lambda files: None)
    Database.open(db.path)
    [backup] = list_backups(db.path)
    assert backup.reason == BackupReason.MIGRATION
    with zipfile.ZipFile(backup.path) as archive:
        assert json.loads(archive.read(schema.META_FILE))["schema_version"] == current


def test_backup_command_with_out_and_list(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(db)
    out = tmp_path / "usb"
    assert main(["backup", "--db", str(db.path), "--out", str(out)]) == 0
    [made] = list(out.glob("poptui-*-handmatig.zip"))
    assert stat.S_IMODE(made.stat().st_mode) == 0o600 and stat.S_IMODE(out.stat().st_mode) == 0o700
    assert main(["backup", "--db", str(db.path)]) == 0
    assert main(["backup", "--db", str(db.path), "--list"]) == 0
    assert "handmatig" in capsys.readouterr().out


def test_restore_keeps_the_replaced_database_aside(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    employee = _fill(db)
    backup = create_backup(db, BackupReason.MANUAL, tmp_path / "elders")
    db.save(employee.model_copy(update={"function": "na de kopie"}))
    assert main(["restore", "--db", str(db.path), str(backup), "--yes"]) == 0
    assert db.get(Employee, employee.id).function == ""
    aside = [item for item in list_backups(db.path) if item.reason == BackupReason.BEFORE_RESTORE]
    assert len(aside) == 1
    restore_backup(db.path, aside[0].path)
    assert db.get(Employee, employee.id).function == "na de kopie"
    assert main(["check", "--db", str(db.path)]) == 0


def test_restore_refuses_a_backup_that_fails_the_check(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    employee = _fill(db)
    bad = tmp_path / "slecht.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr(schema.META_FILE, (db.path / schema.META_FILE).read_bytes())
        archive.writestr(layout.shard_name("employees", "x"), b'{"employees": {"1": {"id": "x"}}}')
    before = employees_file(db.path).read_bytes()
    assert main(["restore", "--db", str(db.path), str(bad), "--yes"]) == 1
    assert "niet in orde" in capsys.readouterr().err
    assert employees_file(db.path).read_bytes() == before
    with pytest.raises(BackupError):
        restore_backup(db.path, bad)
    not_a_zip = tmp_path / "tekst.zip"
    not_a_zip.write_text("hallo")
    assert main(["restore", "--db", str(db.path), str(not_a_zip), "--yes"]) == 1
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr(schema.META_FILE, b"{}")
        archive.writestr("../../etc/passwd", b"x")
    with pytest.raises(BackupError, match="geen reservekopie"):
        check_backup(evil, db.path)
    assert db.get(Employee, employee.id)


def test_latest_good_backup_skips_broken_ones(db: Database) -> None:
    _fill(db)
    good = create_backup(db, BackupReason.DAILY)
    employees_file(db.path).write_text("[")
    create_backup(db, BackupReason.MANUAL)
    found = latest_good_backup(db.path)
    assert found is not None and found.path == good
