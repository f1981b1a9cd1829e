"""Restore is atomic: a process killed at any moment leaves the old database or the restored one.

The attack: 3 of 15 SIGKILLs during a 1,000-dossier restore left a mix of backup and current files,
and the app started on it. Now the restore writes the backup's files into a staging folder and
switches them in through a journal (poptui.store.swap); the next open finishes a switch that was
interrupted. Two tests: every crash point of the switch, deterministically (fast), and a real
SIGKILL loop over a 1,000-dossier restore (marked ``slow``: a soak, like the other kill loops).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from poptui.models import ContactMoment, Employee, Level, Organisation, Trajectory, VariantId
from poptui.services.backup import restore_backup
from poptui.services.health import verify_for_start
from poptui.store import Database, swap
from poptui.store.backup import BackupReason, create_backup
from poptui.store.bulk import write_many


def _state(root: Path) -> dict[str, bytes]:
    """The database as the coach sees it: every data file (not the lock, the backups or the manifest)."""
    names = {"poptui-db.json", "core.json", "employees.json", "trajectories.json", "audit.log"}
    out = {name: (root / name).read_bytes() for name in names if (root / name).is_file()}
    for folder in ("dossiers", "employees", "trajectories"):
        for path in sorted((root / folder).glob("*.json")) if (root / folder).is_dir() else []:
            out[f"{folder}/{path.name}"] = path.read_bytes()
    return out


def _people(database: Database, organisation: Organisation, count: int, name: str, notes: str) -> None:
    """``count`` employees, each with a trajectory and a contact moment (their own dossier), in one bulk write."""
    employees = [
        Employee(first_name=f"{name}{n}", last_name="Achternaam", organisation_id=organisation.id) for n in range(count)
    ]
    trajectories = [_trajectory(person) for person in employees]
    write_many(database, [*employees, *trajectories, *(_moment(trajectory, notes) for trajectory in trajectories)])


def _build(root: Path, employees: int) -> tuple[Path, Path]:
    """A database in state B (now) and a backup of state A: other shared files, changed and extra dossiers."""
    database = Database.create(root, actor="tester")
    organisation = database.save(Organisation(name="Atelier"))
    _people(database, organisation, employees, "Naam", "toestand A")
    backup = create_backup(database, BackupReason.MANUAL, root.parent / "elders")
    with database.transaction() as transaction:  # some dossiers change, some lose their last record
        for number, employee_id in enumerate(database.dossier_ids()[:20]):
            for moment in transaction.list(ContactMoment, employee_id=employee_id):
                if number % 2:
                    transaction.delete(moment)
                else:
                    transaction.save(moment.model_copy(update={"notes": "toestand B"}))
    _people(database, organisation, max(5, employees // 4), "Later", "toestand B")
    return root, backup


def _trajectory(person: Employee) -> Trajectory:
    return Trajectory(employee_id=person.id, variant=VariantId.BASIS, reflection=Level.MEDIUM, intensity=Level.MEDIUM)


def _moment(trajectory: Trajectory, notes: str) -> ContactMoment:
    return ContactMoment(
        employee_id=trajectory.employee_id, trajectory_id=trajectory.id, number=1, phase="analyse", notes=notes
    )


def _restored_state(template: Path, backup: Path, where: Path) -> dict[str, bytes]:
    shutil.copytree(template, where)
    restore_backup(where, backup)
    return _state(where)


def _assert_whole(root: Path, before: dict[str, bytes], after: dict[str, bytes]) -> str:
    database = Database.open(root, actor="tester")  # finishes an interrupted switch
    assert not swap.pending(root), "a journal or staging folder was left after opening"
    state = _state(root)
    assert state in (before, after), "a mix of the old and the restored database"
    report = verify_for_start(database)  # what the app does before it starts
    assert report.healthy, report.problems
    return "old" if state == before else "restored"


def _linked_copy(template: Path, root: Path) -> None:
    """A copy of ``template`` whose files are hard links to the template's, but the audit log.

    poptui never changes a data file in place: it writes a new file and renames it over the old
    name, which leaves the template's file as it was. Only the audit log is appended to, so it is
    copied. (A restore that changed a file in place would also change the template, and the next
    round would find neither the old nor the restored state: this test would fail, not pass.)
    A thousand dossiers copied fifteen times took most of this test's time."""

    def link(source: str, target: str) -> str:
        if Path(source).name == "audit.log":
            return str(shutil.copy2(source, target))
        os.link(source, target)
        return target

    shutil.copytree(template, root, copy_function=link)


class _Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no except clause catches it."""


def test_a_kill_at_every_step_of_the_switch_leaves_old_or_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template, backup = _build(tmp_path / "sjabloon", employees=12)
    before = _state(template)
    after = _restored_state(template, backup, tmp_path / "volledig")
    assert before != after
    outcomes = []
    real_replace, real_unlink = os.replace, Path.unlink
    counted = {"n": 0}

    def counting(*args: object, real: object = None) -> object:
        counted["n"] += 1
        return real(*args)  # type: ignore[operator]

    shutil.copytree(template, tmp_path / "geteld")
    monkeypatch.setattr(swap.os, "replace", lambda *a: counting(*a, real=real_replace))
    monkeypatch.setattr("poptui.store.files.os.replace", lambda *a: counting(*a, real=real_replace))
    monkeypatch.setattr(Path, "unlink", lambda self, *a, **k: counting(self, *a, real=real_unlink))
    restore_backup(tmp_path / "geteld", backup)
    monkeypatch.undo()
    total = counted["n"]  # every step of the restore: staging the files (one per shard and dossier), the switch
    for step in sorted({*range(0, total, 4), *range(max(0, total - 24), total + 1)}):
        root = tmp_path / f"ronde{step}"
        shutil.copytree(template, root)
        calls = {"n": 0}

        def dying(*args: object, step: int = step, calls: dict[str, int] = calls, real: object = None) -> object:
            calls["n"] += 1
            if calls["n"] > step:
                raise _Killed()
            return real(*args)  # type: ignore[operator]

        monkeypatch.setattr(swap.os, "replace", lambda *a, d=dying: d(*a, real=real_replace))
        monkeypatch.setattr("poptui.store.files.os.replace", lambda *a, d=dying: d(*a, real=real_replace))
        monkeypatch.setattr(Path, "unlink", lambda self, *a, d=dying, **k: d(self, *a, real=real_unlink))
        try:
            restore_backup(root, backup)
            killed = False
        except _Killed:
            killed = True
        monkeypatch.undo()
        outcomes.append(_assert_whole(root, before, after))
        if not killed:
            break
    # kills while staging leave the old database, kills after the journal the restored one
    assert outcomes.count("old") > 5 and outcomes.count("restored") > 5, outcomes


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="fork and SIGKILL")
def test_sigkill_during_a_1000_dossier_restore(tmp_path: Path) -> None:
    template, backup = _build(tmp_path / "sjabloon", employees=1000)
    before = _state(template)
    began = time.monotonic()
    after = _restored_state(template, backup, tmp_path / "volledig")
    duration = time.monotonic() - began
    rng = random.Random(15)
    outcomes = []
    for round_number in range(15):
        root = tmp_path / f"ronde{round_number}"
        _linked_copy(template, root)
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child is killed
            try:
                restore_backup(root, backup)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.05, duration * 1.05))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        outcomes.append(_assert_whole(root, before, after))
    print(f"restore of 1000 dossiers: {duration:.2f} s; after 15 kills: {outcomes}")
