"""A full disk or a read-only folder: saving fails with a Dutch message, nothing on disk is damaged.

CI runs as root, where chmod does not stop writes, and usually cannot mount a
tmpfs. So: a real tiny tmpfs when ``mount`` works, a real read-only folder when
not root, and otherwise ENOSPC / EROFS simulated by making ``os.write`` /
``os.open`` fail the way the kernel does.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
from store_files import file_bytes, filled

from poptui.models import ContactMoment
from poptui.store import Database, SaveFailed
from poptui.store import audit as store_audit
from poptui.store import files as store_files

pytestmark = pytest.mark.slow  # a soak: `pytest -m "not slow"` leaves it out of the everyday loop


def _assert_untouched(db: Database, before: dict[str, bytes]) -> None:
    assert file_bytes(db.path) == before
    assert not [path for path in db.path.rglob("*.tmp")]


def test_disk_full_while_writing_a_file(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    employee, trajectory = filled(db)
    before = file_bytes(db.path)
    real_write = os.write
    budget = {"bytes": 100}

    def write(fd: int, data: bytes) -> int:
        if budget["bytes"] <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        part = bytes(data[: budget["bytes"]])
        budget["bytes"] -= len(part)
        return real_write(fd, part)

    monkeypatch.setattr(store_files.os, "write", write)
    changed = employee.model_copy(update={"function": "nieuwe functie", "remarks": "lang " * 100})
    with pytest.raises(SaveFailed) as caught:
        with db.transaction() as transaction:  # two files in one transaction: all or nothing
            transaction.save(changed)
            transaction.save(
                ContactMoment(
                    employee_id=employee.id, trajectory_id=trajectory.id, number=0, phase="opstart", notes="x" * 500
                )
            )
    monkeypatch.undo()
    assert "Opslaan is mislukt" in str(caught.value) and "schijf" in str(caught.value)
    assert changed.function == "nieuwe functie"  # what the coach typed is still in memory
    _assert_untouched(db, before)
    assert db.save(changed).function == "nieuwe functie"  # space again: the same save works


def test_disk_full_while_appending_to_the_audit_log(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    employee, _trajectory = filled(db)
    before = file_bytes(db.path)
    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_audit.os, "write", half_then_full)
    with pytest.raises(SaveFailed):
        db.save(employee.model_copy(update={"function": "kwijt"}))
    monkeypatch.undo()
    _assert_untouched(db, before)  # the half line is cut off again: the chain stays whole
    assert store_audit.verify(db.path / store_audit.AUDIT_FILE) == []


def test_read_only_folder_simulated(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    employee, _trajectory = filled(db)
    before = file_bytes(db.path)
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(store_files.os, "open", read_only)
    with pytest.raises(SaveFailed, match="mag schrijven"):
        db.save(employee.model_copy(update={"function": "kwijt"}))
    monkeypatch.undo()
    _assert_untouched(db, before)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders; simulated above")
def test_read_only_folder_for_real(db: Database) -> None:  # pragma: no cover - CI runs as root
    employee, _trajectory = filled(db)
    before = file_bytes(db.path)
    os.chmod(db.path, 0o500)
    try:
        with pytest.raises(SaveFailed):
            db.save(employee.model_copy(update={"function": "kwijt"}))
    finally:
        os.chmod(db.path, 0o700)
    _assert_untouched(db, before)


@pytest.fixture
def tiny_tmpfs(tmp_path: Path):
    mount_point = tmp_path / "klein"
    mount_point.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)], capture_output=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("mount is not available")
    if done.returncode != 0:
        pytest.skip("no permission to mount a tmpfs here; the simulated tests cover it")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], capture_output=True, timeout=10)


def test_really_full_tmpfs(tiny_tmpfs: Path) -> None:
    db = Database.create(tiny_tmpfs / "db", actor="tester")
    employee, _trajectory = filled(db)
    filler = tiny_tmpfs / "vol"
    with filler.open("wb", buffering=0) as handle, pytest.raises(OSError):
        while True:
            handle.write(b"x" * 4096)
    before = file_bytes(db.path)
    with pytest.raises(SaveFailed):
        db.save(employee.model_copy(update={"remarks": "y" * 4900}))
    _assert_untouched(db, before)
    filler.unlink()
    assert db.save(employee.model_copy(update={"remarks": "y" * 4900})).version == 2
