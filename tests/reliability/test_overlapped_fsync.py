"""A save fsyncs its new files while it appends to the audit log, and renames only when both are durable;
it makes the summaries' new files while the last folder is fsynced, and puts them in place after.

See :mod:`poptui.store.transaction`: the flushes overlap (one thread each); a file is put in
place only after both ended, and an error in either fails the save with nothing changed on disk
(audit entries already appended are cut off again).
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from store_files import file_bytes, filled

from poptui.models import ContactMoment, Employee
from poptui.services.health import check_database
from poptui.store import Database, SaveFailed, summaries
from poptui.store import audit as store_audit


def _kind(fd: int, audit_inode: int) -> str:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    return "audit" if info.st_ino == audit_inode else "new file"


def test_the_new_files_are_fsynced_while_the_audit_log_is_and_renamed_after_both(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    employee, trajectory = filled(db)
    audit_inode = os.stat(db.path / store_audit.AUDIT_FILE).st_ino
    audit_synced = threading.Event()
    steps: list[str] = []
    overlapped: list[bool] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = _kind(fd, audit_inode)
        if kind == "new file":  # waits for the audit log's fsync: only returns at once when both run together
            overlapped.append(audit_synced.wait(timeout=30))
        real_fsync(fd)
        if kind == "audit":
            audit_synced.set()
        steps.append(f"fsync {kind}")

    def replace(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
        steps.append(f"replace {Path(target).parent.name}/{Path(target).name}")
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    with db.transaction() as transaction:  # two files: an employees/ shard and the dossier
        transaction.save(employee.model_copy(update={"function": "samen"}))
        transaction.save(
            ContactMoment(employee_id=employee.id, trajectory_id=trajectory.id, number=0, phase="opstart", notes="x")
        )
    monkeypatch.undo()
    assert overlapped == [True, True]
    first_replace = next(index for index, step in enumerate(steps) if step.startswith("replace"))
    assert sorted(steps[:first_replace]) == ["fsync audit", "fsync new file", "fsync new file"]
    assert Database.open(db.path).get(Employee, employee.id).function == "samen"
    assert check_database(Database.open(db.path)).problems == []


@pytest.mark.parametrize("failing", ["new file", "audit"])
def test_an_fsync_error_fails_the_save_and_leaves_every_file_as_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    employee, trajectory = filled(db)
    audit_path = db.path / store_audit.AUDIT_FILE
    audit_inode = os.stat(audit_path).st_ino
    before = file_bytes(db.path)
    real_fsync = os.fsync
    synced: list[str] = []

    def fsync(fd: int) -> None:
        kind = _kind(fd, audit_inode)
        if kind == failing:
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)
        synced.append(kind)

    monkeypatch.setattr(os, "fsync", fsync)
    changed = employee.model_copy(update={"function": "kwijt"})
    moment = ContactMoment(employee_id=employee.id, trajectory_id=trajectory.id, number=0, phase="opstart", notes="x")
    with pytest.raises(SaveFailed):
        with db.transaction() as transaction:
            transaction.save(changed)
            transaction.save(moment)
    monkeypatch.undo()
    if failing == "new file":
        assert "audit" in synced  # the entries were on disk, and are cut off again
    assert "folder" not in synced  # nothing was renamed
    assert file_bytes(db.path) == before
    assert not list(db.path.rglob("*.tmp"))
    assert store_audit.verify(audit_path) == []
    reopened = Database.open(db.path)
    assert reopened.get(Employee, employee.id).function == employee.function
    assert reopened.list(ContactMoment, employee_id=employee.id) == []
    assert check_database(reopened).problems == []
    assert reopened.save(changed).function == "kwijt"  # the disk works again: the same save goes through
    assert check_database(Database.open(db.path)).problems == []


def test_the_summaries_are_made_while_the_folder_is_fsynced_and_put_in_place_after(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    employee, _trajectory = filled(db)
    audit_inode = os.stat(db.path / store_audit.AUDIT_FILE).st_ino
    summaries_written = threading.Event()
    steps: list[str] = []
    overlapped: list[bool] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        kind = _kind(fd, audit_inode)
        if kind == "folder":  # waits for the summaries' temporary files: returns at once only when both overlap
            overlapped.append(summaries_written.wait(timeout=30))
        real_fsync(fd)
        steps.append(f"fsync {kind}")

    def replace(source: os.PathLike[str] | str, target: os.PathLike[str] | str) -> None:
        steps.append(f"replace {Path(target).parent.name}")
        real_replace(source, target)

    real_prepare = summaries.prepare

    def prepare(*args: Any, **kwargs: Any) -> summaries.Prepared | None:
        prepared = real_prepare(*args, **kwargs)
        assert prepared is not None and all(tmp.exists() for tmp, _path in prepared.temps)
        summaries_written.set()
        return prepared

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(summaries, "prepare", prepare)
    db.save(employee.model_copy(update={"function": "samen"}))
    monkeypatch.undo()
    assert overlapped == [True]
    folder_synced = steps.index("fsync folder")
    assert steps[folder_synced - 1] == "replace employees"
    assert [step for step in steps[folder_synced + 1 :] if step.startswith("replace")] == [
        "replace " + db.path.name,  # manifest-changes.json
        "replace summaries",
        "replace summaries",  # the shard and the head
    ]
    assert not list(db.path.rglob("*.tmp"))
    assert Database.open(db.path).summaries()[employee.id]["employee"]["function"] == "samen"
    assert check_database(Database.open(db.path)).problems == []


def test_a_folder_fsync_error_fails_the_save_and_leaves_no_summary_behind(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    employee, _trajectory = filled(db)
    audit_inode = os.stat(db.path / store_audit.AUDIT_FILE).st_ino
    summary_files = {path.name: path.read_bytes() for path in (db.path / summaries.FOLDER).iterdir()}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if _kind(fd, audit_inode) == "folder":
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    changed = employee.model_copy(update={"function": "misschien"})
    with pytest.raises(SaveFailed):
        db.save(changed)
    monkeypatch.undo()
    assert not list(db.path.rglob("*.tmp"))
    assert {path.name: path.read_bytes() for path in (db.path / summaries.FOLDER).iterdir()} == summary_files
    reopened = Database.open(db.path)
    assert check_database(reopened).problems == []
    assert reopened.summaries()[employee.id]["employee"]["function"] == reopened.get(Employee, employee.id).function
