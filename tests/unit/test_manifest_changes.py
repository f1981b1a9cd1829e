"""The manifest is a base and the changes since: a save writes the small changes file, not the whole list.

At 20,000 employees the base lists 20,000 files (1.5 MB); rewriting it in every save made a save's
cost grow with the database. These tests hold the rules of :mod:`poptui.store.manifest`: what a
save writes, when the changes are folded into a new base, and that a process killed between the
two steps of a fold, or changes left beside another base, never make a file look missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from poptui.models import ContactMoment, Employee, Level, Organisation, Phase, Trajectory, VariantId
from poptui.services.health import check_database, verify_for_start
from poptui.store import Database, manifest


def _employees(db: Database, count: int) -> list[tuple[Employee, Trajectory]]:
    organisation = db.save(Organisation(name="Atelier"))
    out = []
    for number in range(count):
        employee = db.save(
            Employee(first_name=f"Werknemer{number}", last_name="Peeters", organisation_id=organisation.id)
        )
        trajectory = db.save(
            Trajectory(
                employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.MEDIUM, intensity=Level.MEDIUM
            )
        )
        out.append((employee, trajectory))
    return out


def _moment(of: tuple[Employee, Trajectory], number: int) -> ContactMoment:
    employee, trajectory = of
    return ContactMoment(employee_id=employee.id, trajectory_id=trajectory.id, number=number, phase=Phase.OPSTART)


def _fresh(db: Database) -> manifest.Manifest:
    manifest._cache.clear()  # as another process reads it
    found = manifest.read(db.path)
    assert found is not None
    return found


def test_a_save_writes_the_changes_not_the_base(db: Database) -> None:
    employees = _employees(db, 3)
    base_before = (db.path / manifest.MANIFEST_FILE).read_bytes()
    saved = db.save(_moment(employees[0], 1))
    assert (db.path / manifest.MANIFEST_FILE).read_bytes() == base_before
    changes = json.loads((db.path / manifest.CHANGES_FILE).read_bytes())
    assert f"dossiers/{employees[0][0].id}.json" in changes["files"] and "audit.log" in changes["files"]
    assert changes["base"] == json.loads(base_before)["id"]
    assert db.manifest_differences() == []
    assert _fresh(db).files == manifest.snapshot(db.path)  # base and changes read together: every file as it is
    db.delete(saved)  # the dossier is emptied and removed: folded into a new base that no longer names it
    assert not (db.path / manifest.CHANGES_FILE).exists()
    assert employees[0][0].id.encode() not in (db.path / manifest.MANIFEST_FILE).read_bytes()
    assert _fresh(db).files == manifest.snapshot(db.path)
    assert check_database(db).healthy


def test_many_changes_are_folded_into_a_new_base(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest, "FOLD_AT", 3)
    employees = _employees(db, 6)
    first_base = json.loads((db.path / manifest.MANIFEST_FILE).read_bytes())["id"]
    for number, employee in enumerate(employees, start=1):
        db.save(_moment(employee, number))
    base = json.loads((db.path / manifest.MANIFEST_FILE).read_bytes())
    assert base["id"] != first_base
    assert len(json.loads((db.path / manifest.CHANGES_FILE).read_bytes())["files"]) <= 4
    assert _fresh(db).files == manifest.snapshot(db.path)
    assert verify_for_start(db).full is False


def test_changes_beside_another_base_are_ignored(db: Database) -> None:
    """A fold killed after its new base, before the old changes were removed; or a restore's new base."""
    employees = _employees(db, 2)
    db.save(_moment(employees[0], 1))
    removed = db.save(_moment(employees[1], 1))
    old_changes = (db.path / manifest.CHANGES_FILE).read_bytes()
    assert f"dossiers/{employees[1][0].id}.json".encode() in old_changes  # listed as present
    db.delete(removed)  # the dossier is removed: a fold, a new base
    (db.path / manifest.CHANGES_FILE).write_bytes(old_changes)  # the old changes back, as if never removed
    found = _fresh(db)
    assert f"dossiers/{employees[1][0].id}.json" not in found.files
    assert manifest.missing_files(db.path, found) == []
    assert db.manifest_differences() == []
    assert check_database(db).healthy


def test_unreadable_changes_cost_one_full_check(db: Database) -> None:
    employees = _employees(db, 1)
    db.save(_moment(employees[0], 1))
    (db.path / manifest.CHANGES_FILE).write_bytes(b"{half")
    manifest._cache.clear()
    report = verify_for_start(db)
    assert report.healthy and report.full
    assert not (db.path / manifest.CHANGES_FILE).exists()  # the check wrote a new base
    assert verify_for_start(db).full is False


def test_a_base_from_before_the_changes_file_is_folded_at_the_first_save(db: Database) -> None:
    """A manifest written by an earlier version has no ``id``: the first save writes a whole new base."""
    employees = _employees(db, 1)
    path: Path = db.path / manifest.MANIFEST_FILE
    with db._locked():
        manifest.write(db.path, _fresh(db))
    old = json.loads(path.read_bytes())
    old.pop("id")
    path.write_text(json.dumps(old))
    (db.path / manifest.CHANGES_FILE).unlink(missing_ok=True)
    manifest._cache.clear()
    db.save(_moment(employees[0], 1))
    assert json.loads(path.read_bytes()).get("id")
    assert _fresh(db).files == manifest.snapshot(db.path)


def test_a_manifest_that_could_not_be_written_is_read_again_from_disk(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save hands the manifest it read over to the next one (no copy of every file's entry); when the
    new one cannot be written, the next read answers with the files on disk, not the unwritten ones."""
    employees = _employees(db, 2)
    db.save(_moment(employees[0], 1))
    on_disk = dict(_fresh(db).files)
    assert db.manifest_differences() == []

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manifest, "record", full_disk)
    db.save(_moment(employees[1], 1))  # saved; only the manifest is behind
    monkeypatch.undo()
    found = manifest.read(db.path)
    assert found is not None and found.files == on_disk
    assert f"dossiers/{employees[1][0].id}.json" not in found.files
    assert set(db.manifest_differences() or []) == {f"dossiers/{employees[1][0].id}.json", "audit.log"}
    db.save(_moment(employees[1], 2))  # the next save brings it up to date
    assert db.manifest_differences() == []
    assert _fresh(db).files == manifest.snapshot(db.path)


def test_the_manifest_after_many_saves_matches_the_files(db: Database) -> None:
    employees = _employees(db, 4)
    for number in range(1, 4):
        for employee in employees:
            db.save(_moment(employee, number))
        assert manifest.read(db.path) == _fresh(db)  # the kept manifest is the one on disk
    assert _fresh(db).files == manifest.snapshot(db.path)
