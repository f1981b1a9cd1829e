"""Checking a backup unpacks it inside the database folder, never in the system's temporary folder.

The defect: ``check_backup`` unpacked every dossier into ``/tmp/poptui-check-*`` (a folder shared
by every user of the machine), and a killed check left it there. Now the files go into
``<database>/.werk/controle-<random>/`` (owner-only), which is removed on success and on failure,
and a killed check's folder is removed at the next start (poptui.store.work).
"""

from __future__ import annotations

import ast
import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from store_files import employees_file

from poptui.cli import main
from poptui.models import ContactMoment, Employee, Level, Organisation, Trajectory, VariantId
from poptui.services import backup as backup_service
from poptui.services.backup import check_backup, latest_good_backup, restore_backup
from poptui.services.health import HealthReport
from poptui.store import BackupError, Database, work
from poptui.store.backup import BackupReason, create_backup

ROOT = Path(__file__).resolve().parents[2]


def _fill(db: Database) -> Employee:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="Inès", last_name="Vertrouwelijk", organisation_id=organisation.id))
    trajectory = db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.MEDIUM, intensity=Level.MEDIUM)
    )
    db.save(
        ContactMoment(employee_id=employee.id, trajectory_id=trajectory.id, number=1, phase="analyse", notes="privé")
    )
    return employee


@pytest.fixture
def watched_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The system temporary folder, as every use of :mod:`tempfile` in this process sees it."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_check_and_restore_unpack_in_a_private_folder_of_the_database(
    db: Database, watched_tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(db)
    zipped = create_backup(db, BackupReason.MANUAL)
    seen: list[tuple[Path, int, int]] = []
    real_check = backup_service.check_database

    def spying_check(database: Database) -> HealthReport:
        folder = database.path.parent  # the work folder the backup was unpacked in
        dossier = next((database.path / "dossiers").glob("*.json"))
        seen.append((folder, stat.S_IMODE(folder.stat().st_mode), stat.S_IMODE(dossier.stat().st_mode)))
        return real_check(database)

    monkeypatch.setattr(backup_service, "check_database", spying_check)
    assert check_backup(zipped, db.path).healthy
    assert latest_good_backup(db.path) is not None
    restore_backup(db.path, zipped)
    assert main(["restore", "--db", str(db.path), str(zipped), "--yes"]) == 0
    moved = tmp_path / "elders" / "kopie.zip"  # a backup from elsewhere (a USB stick) is unpacked in the database
    moved.parent.mkdir()
    moved.write_bytes(zipped.read_bytes())
    assert main(["restore", "--db", str(db.path), str(moved), "--yes"]) == 0
    capsys.readouterr()
    assert len(seen) >= 5
    for folder, folder_mode, file_mode in seen:
        assert folder.parent == db.path / work.WORK_FOLDER
        assert folder.name.startswith("controle-")
        assert folder_mode == 0o700
        assert file_mode & 0o077 == 0
        assert not folder.exists()  # removed after the check
    assert list(watched_tmp.iterdir()) == []
    assert not (db.path / work.WORK_FOLDER).exists()
    assert not list(moved.parent.glob(".*"))


def test_the_work_folder_is_removed_when_the_check_fails_or_breaks(
    db: Database, watched_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(db)
    zipped = create_backup(db, BackupReason.MANUAL)
    employees_file(db.path).write_text("[")
    damaged = create_backup(db, BackupReason.MANUAL)
    assert not check_backup(damaged, db.path).healthy
    assert not (db.path / work.WORK_FOLDER).exists()

    def broken(_database: Database) -> HealthReport:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(backup_service, "check_database", broken)
    with pytest.raises(RuntimeError):
        check_backup(zipped, db.path)
    assert not (db.path / work.WORK_FOLDER).exists()
    assert list(watched_tmp.iterdir()) == []


def test_a_check_for_a_database_that_does_not_exist_yet_leaves_no_folder(db: Database, tmp_path: Path) -> None:
    _fill(db)
    zipped = create_backup(db, BackupReason.MANUAL)
    target = tmp_path / "nog-niet"
    assert check_backup(zipped, target).healthy
    assert not target.exists()  # `poptui restore` asks before it makes anything


def test_a_database_folder_without_room_for_a_work_folder_is_said_in_dutch(
    db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(db)
    zipped = create_backup(db, BackupReason.MANUAL)

    def read_only(path: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(work, "ensure_folder", read_only)
    with pytest.raises(BackupError, match="kan niet gecontroleerd worden"):
        check_backup(zipped, db.path)
    assert main(["restore", "--db", str(db.path), str(zipped), "--yes"]) == 1
    error = capsys.readouterr().err
    assert "kan niet gecontroleerd worden" in error and "Traceback" not in error


_HOLD = """
import sys, time
from pathlib import Path
from poptui.store import work
with work.work_folder(Path(sys.argv[1]), "controle") as folder:
    (folder / "dossier.json").write_text("privé")
    print(folder, flush=True)
    time.sleep(120)
"""


def _holder(database_path: Path) -> tuple[subprocess.Popen[str], Path]:
    process = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(database_path)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_a_killed_checks_folder_is_removed_at_the_next_start_and_a_running_one_is_left_alone(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(db)
    killed, left = _holder(db.path)
    running, busy = _holder(db.path)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=10)
        assert (left / "dossier.json").exists()  # what the attack saw: a leftover after a kill
        assert main(["check", "--db", str(db.path)]) == 0  # opening the database sweeps
        assert not left.exists()
        assert not Path(f"{left}{work.LOCK_SUFFIX}").exists()
        assert (busy / "dossier.json").exists()  # another coach's check still running
    finally:
        running.kill()
        running.wait(timeout=10)
    capsys.readouterr()
    Database.open(db.path)
    assert sorted(os.listdir(db.path / work.WORK_FOLDER)) == []


def test_the_demo_treats_an_empty_work_folder_as_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "demo"
    (target / work.WORK_FOLDER).mkdir(parents=True)
    assert main(["demo", "--db", str(target)]) == 0
    capsys.readouterr()


def test_no_application_code_uses_the_system_temporary_folder() -> None:
    """Personal data never goes to /tmp: the app's code does not use :mod:`tempfile` at all."""
    offenders = []
    for folder in ("poptui", "screens"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = (
                    [alias.name for alias in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                if any(name.split(".")[0] == "tempfile" for name in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
