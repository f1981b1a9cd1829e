"""The check at every start: cheap when nothing changed, the full check otherwise, never a backup of damage.

The attack: a truncated or garbage dossier, or a record that fails validation, made the app write a
daily backup of the damaged database and then crash; ``check`` said "in orde" with a dossier or the
dossiers folder deleted, or audit.log cut or deleted. The damages themselves are in damage_corpus.py
(every one is refused at start and reported by check: test_cli_corpus.py); here the rules around them.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from damage_corpus import DAMAGES
from store_files import employees_file, trajectories_file

from poptui.cli import main
from poptui.cli.common import CommandError
from poptui.cli.run_app import prepare_database
from poptui.models import Employee
from poptui.services import health
from poptui.services.health import check_database, verify_for_start
from poptui.store import AccessDenied, Database, manifest
from poptui.store.backup import BackupReason, create_backup, list_backups


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _options(path: Path) -> object:
    return type("Options", (), {"db": str(path)})()


@pytest.fixture
def backed_up(demo_db: Database) -> Database:
    create_backup(demo_db, BackupReason.DAILY)
    return demo_db


@pytest.mark.parametrize(
    "damage",
    ["dossier afgebroken", "dossier ongeldig record", "dossier verwijderd", "auditlog laatste 20 regels weg"],
)
def test_a_damaged_database_is_never_backed_up_and_the_app_does_not_start(backed_up: Database, damage: str) -> None:
    DAMAGES[damage](backed_up.path)
    before = _snapshot(backed_up.path)
    asked: list[str] = []
    with pytest.raises(CommandError) as refused:
        prepare_database(_options(backed_up.path), ask=lambda question: asked.append(question) or False)
    assert refused.value.exit_code == 2
    assert asked and "reservekopie nu terugzetten" in asked[0]
    assert _snapshot(backed_up.path) == before  # no daily backup, no manifest update, nothing
    assert len(list_backups(backed_up.path)) == 1


def test_the_coach_restores_the_offered_backup_and_the_app_starts(backed_up: Database) -> None:
    DAMAGES["dossier geen JSON"](backed_up.path)
    database = prepare_database(_options(backed_up.path), ask=lambda _question: True)
    assert check_database(database).healthy
    reasons = {item.reason for item in list_backups(backed_up.path)}
    assert {"voor-herstel", "dagelijks"} <= reasons  # the damaged files kept aside, then today's backup


def test_unchanged_files_are_not_read_at_start(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not verify_for_start(demo_db).full  # a copy that kept the times (copytree) is the same database
    employee = demo_db.list(Employee)[0]
    demo_db.save(employee.model_copy(update={"function": "Nieuw"}))
    monkeypatch.setattr(health, "check_database", lambda _database: pytest.fail("the full check ran"))
    report = verify_for_start(demo_db)
    assert report.healthy and not report.full


def test_a_save_killed_before_the_manifest_only_costs_one_full_check(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Killed(BaseException):
        pass

    def die(*_args: object) -> None:
        raise Killed()

    employee = demo_db.list(Employee)[0]
    monkeypatch.setattr(Database, "update_manifest", die)
    with pytest.raises(Killed):
        demo_db.save(employee.model_copy(update={"function": "Na de kill"}))
    monkeypatch.undo()
    assert demo_db.manifest_differences()  # the manifest is behind: the next start checks everything
    report = verify_for_start(demo_db)
    assert report.healthy and report.full
    assert demo_db.manifest_differences() == []  # ... and only once
    assert demo_db.get(Employee, employee.id).function == "Na de kill"


def test_a_copy_without_the_times_is_checked_once(demo_template: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopie"
    shutil.copytree(demo_template, copy, copy_function=shutil.copyfile)  # new modification times
    database = Database.open(copy)
    assert verify_for_start(database).full
    assert not verify_for_start(database).full


def test_a_database_from_before_the_manifest_is_checked_and_then_sealed(demo_db: Database) -> None:
    (demo_db.path / manifest.MANIFEST_FILE).unlink()
    meta_path = demo_db.path / "poptui-db.json"
    meta = json.loads(meta_path.read_text())
    del meta[manifest.META_FLAG]
    meta_path.write_text(json.dumps(meta))
    assert check_database(demo_db).healthy  # an older database is not damaged
    report = verify_for_start(demo_db)
    assert report.healthy and report.full
    assert json.loads(meta_path.read_text())[manifest.META_FLAG] is True
    assert demo_db.manifest_differences() == []
    (demo_db.path / manifest.MANIFEST_FILE).unlink()  # from now on a missing manifest is damage
    assert not check_database(demo_db).healthy


def test_a_save_refuses_an_audit_log_shorter_than_poptui_left_it(demo_db: Database) -> None:
    DAMAGES["auditlog laatste 20 regels weg"](demo_db.path)
    employee = demo_db.list(Employee)[0]
    before = employees_file(demo_db.path).read_bytes()
    with pytest.raises(Exception, match="auditlog"):
        demo_db.save(employee.model_copy(update={"function": "Verdoezeld"}))
    assert employees_file(demo_db.path).read_bytes() == before  # the truncation stays visible


def test_no_access_is_not_called_damage(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    create_backup(demo_db, BackupReason.DAILY)
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.name == "poptui-db.json" and demo_db.path in self.parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(AccessDenied):
        Database.open(demo_db.path)
    for args in (
        ["--db", str(demo_db.path)],
        ["check", "--db", str(demo_db.path)],
        ["list", "employees", "--db", str(demo_db.path)],
    ):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "geen toegang" in err and "rechten" in err, err
        assert "is beschadigd" not in err and "reservekopie terug" not in err, err
        assert "Permission denied" not in err


def test_an_interrupted_restore_is_finished_before_the_app_reads_anything(backed_up: Database) -> None:
    from poptui.store import swap

    staging = swap.new_staging(backed_up.path)
    for folder in swap.SWAPPED_FOLDERS:
        shutil.copytree(backed_up.path / folder, staging / folder, dirs_exist_ok=True)
    for name in ("core.json", "audit.log", "manifest.json", "poptui-db.json"):
        shutil.copy2(backed_up.path / name, staging / name)
    (backed_up.path / swap.JOURNAL).write_text(
        json.dumps({"staging": staging.name, "files": ["core.json"], "remove": []})
    )
    employees_file(backed_up.path).write_text("{kapot")  # the old shard, its folder not yet swapped by the restore
    database = prepare_database(_options(backed_up.path), ask=lambda _question: False)
    assert not swap.pending(backed_up.path)
    assert database.list(Employee)


def test_poptui_itself_never_writes_a_record_that_would_not_load(demo_db: Database) -> None:
    """model_copy(update=...) skips validation; the store validates what it writes, so the start's trust in
    files poptui wrote holds."""
    from poptui.models import Trajectory
    from poptui.store import StoreError

    trajectory = next(item for item in demo_db.list(Trajectory) if item.start_date is not None)
    before = trajectories_file(demo_db.path).read_bytes()
    wrong = trajectory.start_date.replace(year=trajectory.start_date.year - 1)
    with pytest.raises(StoreError, match="Niet opgeslagen"):
        demo_db.save(trajectory.model_copy(update={"completion_date": wrong}))
    assert trajectories_file(demo_db.path).read_bytes() == before
    assert check_database(demo_db).healthy


def test_an_import_keeps_the_manifest_current(demo_db: Database) -> None:
    from poptui.store.bulk import write_many

    assert not verify_for_start(demo_db).full
    organisation_id = demo_db.list(Employee)[0].organisation_id
    write_many(
        demo_db,
        [Employee(first_name=f"Nieuw{n}", last_name="Import", organisation_id=organisation_id) for n in range(30)],
    )
    assert demo_db.manifest_differences() == []  # the next start compares, it does not read
    assert check_database(demo_db).healthy


def test_an_unreadable_manifest_is_rebuilt_after_a_full_check(demo_db: Database) -> None:
    """The manifest is not fsynced (no extra fsync per save): after a power cut it may be empty."""
    (demo_db.path / manifest.MANIFEST_FILE).write_bytes(b"")
    report = check_database(demo_db)
    assert report.healthy and any("inhoudstabel" in warning for warning in report.warnings)
    employee = demo_db.list(Employee)[0]
    demo_db.save(employee.model_copy(update={"function": "Na de stroomonderbreking"}))  # saving still works
    report = verify_for_start(demo_db)
    assert report.healthy and report.full
    assert demo_db.manifest_differences() == []  # rebuilt
    (demo_db.path / "dossiers" / f"{demo_db.dossier_ids()[0]}.json").unlink()
    assert not check_database(demo_db).healthy  # and it knows the dossiers again


def _unshare_user_available() -> bool:
    try:
        return subprocess.run(["unshare", "-U", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


def test_an_unchanged_file_this_user_may_not_read_is_refused_at_start(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The re-run of the attack: employees.json unreadable (chmod 000) while the manifest says nothing
    changed. The quick start check (stat only) passed it, and the app stopped on its first screen
    with "onverwachte fout" and a crash report. Now the start says "geen toegang" and starts nothing."""
    verify_for_start(demo_db)  # sealed: the next start compares only
    create_backup(demo_db, BackupReason.DAILY)
    before = sorted(path.name for path in (demo_db.path / "backups").iterdir())
    real_access = os.access
    shard = employees_file(demo_db.path)

    def no_read(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == shard:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(health.os, "access", no_read)
    assert main(["--db", str(demo_db.path)]) == 2
    err = capsys.readouterr().err
    assert "geen toegang" in err and shard.name in err and "employees" in err and "terminal" not in err, err
    assert sorted(path.name for path in (demo_db.path / "backups").iterdir()) == before


@pytest.mark.skipif(not _unshare_user_available(), reason="needs unshare -U (a user namespace)")
def test_really_unreadable_as_root_too(demo_db: Database, tmp_path: Path) -> None:
    """As above with a real chmod 000, in a user namespace where even root obeys the owner's bits."""
    verify_for_start(demo_db)
    employees_file(demo_db.path).chmod(0)
    try:
        done = subprocess.run(
            ["unshare", "-U", sys.executable, "-m", "poptui", "--db", str(demo_db.path)],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data")},
            timeout=120,
        )
    finally:
        employees_file(demo_db.path).chmod(0o600)
    assert done.returncode == 2, done.stderr
    assert "geen toegang" in done.stderr and "Traceback" not in done.stderr
