"""The first start of the day's backup, zipped by a helper process beside the app
(poptui/store/daily_backup.py): the zip holds the database as it was at the snapshot, whatever is
saved meanwhile; a second start does not make a second one; a killed helper's snapshot is removed
and the backup made again; without hard links the backup is made before the app as before; a
failure reaches the coach in Dutch, as text."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from screen_openers import settle

from poptui.app import PopApp
from poptui.models import Employee, Organisation
from poptui.services.backup import check_backup
from poptui.store import Database, audit
from poptui.store.backup import BackupReason, backup_folder, database_files, list_backups
from poptui.store.daily_backup import (
    SNAPSHOT_FILE,
    STARTING_SECONDS,
    DailyBackup,
    finish_snapshot,
    snapshots,
    start_daily_backup,
    take_snapshot,
)


def _fill(db: Database, count: int = 30) -> Organisation:
    organisation = db.save(Organisation(name="Atelier"))
    for number in range(count):
        db.save(Employee(first_name=f"Inès {number}", last_name="Peeters", organisation_id=organisation.id))
    return organisation


def _files(db: Database) -> dict[str, bytes]:
    return {path.relative_to(db.path).as_posix(): path.read_bytes() for path in database_files(db.path)}


def _zipped(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _age(snapshot: Path, seconds: float) -> None:
    moment = time.time() - seconds
    os.utime(snapshot, (moment, moment))


def test_the_helper_zips_the_database_as_it_was_while_the_coach_saves(db: Database) -> None:
    organisation = _fill(db)
    before = _files(db)
    backup = start_daily_backup(db)
    assert backup.process is not None  # zipped beside the app, not before it
    later = db.save(Employee(first_name="Later", last_name="Opgeslagen", organisation_id=organisation.id))
    assert backup.outcome() is None
    [made] = list_backups(db.path)
    assert made.reason == BackupReason.DAILY
    zipped = _zipped(made.path)
    assert zipped == before  # every file, the audit log cut at the snapshot: the later save is not in it
    assert later.id.encode() not in b"".join(zipped.values())
    assert audit.AUDIT_FILE in zipped and len(zipped[audit.AUDIT_FILE]) < (db.path / audit.AUDIT_FILE).stat().st_size
    assert list(zipped) == list(before)  # the order of a backup under the lock
    assert check_backup(made.path, db.path).healthy
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert snapshots(db.path) == [] and not list(backup_folder(db.path).glob(".*.tmp"))
    assert start_daily_backup(db).process is None  # once a day


def test_a_second_start_while_the_helper_works_makes_no_second_backup(db: Database) -> None:
    _fill(db, 3)
    snapshot = take_snapshot(db)  # a first start's snapshot, its helper still starting
    second = start_daily_backup(db)
    assert second.process is None and second.outcome() is None
    assert snapshots(db.path) == [snapshot] and list_backups(db.path) == []
    assert finish_snapshot(snapshot) is None
    assert [item.reason for item in list_backups(db.path)] == [BackupReason.DAILY]


def test_a_killed_helper_leaves_no_backup_and_the_next_start_makes_it(db: Database) -> None:
    _fill(db, 200)
    first = start_daily_backup(db)
    assert first.process is not None
    first.process.send_signal(signal.SIGKILL)
    problem = first.outcome()
    assert problem == "De reservekopie van vandaag kon niet gemaakt worden."
    assert list_backups(db.path) == []
    [left] = snapshots(db.path)
    again = start_daily_backup(db)  # the snapshot is young: its helper might still be starting
    assert again.process is None and snapshots(db.path) == [left]
    _age(left, STARTING_SECONDS + 1)  # later that day
    expected = _files(db)
    third = start_daily_backup(db)
    assert third.process is not None and third.outcome() is None
    [made] = list_backups(db.path)
    assert _zipped(made.path) == expected and snapshots(db.path) == []


def test_without_hard_links_the_backup_is_made_before_the_app_as_before(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db, 3)

    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    expected = _files(db)
    backup = start_daily_backup(db)
    assert backup.process is None and backup.outcome() is None
    [made] = list_backups(db.path)
    assert _zipped(made.path) == expected
    assert snapshots(db.path) == []


def test_a_helper_that_cannot_make_the_backup_says_why_in_dutch(db: Database) -> None:
    _fill(db, 3)
    snapshot = take_snapshot(db)
    (snapshot / SNAPSHOT_FILE).write_bytes(b"{kapot")
    process = subprocess.Popen(
        [sys.executable, "-m", "poptui.store.daily_backup", os.fspath(snapshot)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    problem = DailyBackup(process=process).outcome()
    assert problem == "De reservekopie van vandaag kon niet gemaakt worden (de momentopname is onleesbaar)."
    assert snapshots(db.path) == [] and list_backups(db.path) == []


async def test_the_app_shows_a_failed_backup_as_text(db: Database) -> None:
    _fill(db, 1)
    failed = DailyBackup(problem="De reservekopie kon niet gemaakt worden ([/] de schijf is vol).")
    app = PopApp(db, None, ask_coach=False, daily_backup=failed)
    async with app.run_test(size=(80, 24)) as pilot:
        for thread in threading.enumerate():
            if thread.name == "daily-backup":
                thread.join()
        await settle(pilot)
        shown = [str(notification.message) for notification in app._notifications]
        assert shown == ["De reservekopie kon niet gemaakt worden ([/] de schijf is vol)."]
        assert app._exception is None
