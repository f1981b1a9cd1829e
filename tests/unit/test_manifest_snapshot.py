"""The snapshot the start compares with the manifest names exactly the data files, with their identities.

:func:`poptui.store.manifest.snapshot` runs at every start (one ``stat`` per dossier), so it lists
the folders itself instead of going through :func:`poptui.store.manifest.data_files`; these tests
hold that both still see the same files, and that what is no data file is left out.
"""

from __future__ import annotations

from pathlib import Path

from poptui.models import Employee, Level, Organisation, Trajectory, VariantId
from poptui.store import Database, manifest


def _database(tmp_path: Path) -> Database:
    db = Database.create(tmp_path / "db")
    organisation = db.save(Organisation(name="Atelier"))
    for number in range(3):
        employee = db.save(
            Employee(first_name=f"Werknemer{number}", last_name="Peeters", organisation_id=organisation.id)
        )
        db.save(
            Trajectory(
                employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.MEDIUM, intensity=Level.MEDIUM
            )
        )
    return db


def _by_data_files(root: Path) -> dict[str, manifest.Identity]:
    found = {name: manifest.identity(path) for name, path in manifest.data_files(root).items()}
    return {name: identity for name, identity in found.items() if identity is not None}


def test_snapshot_names_the_data_files_with_their_size_and_time(tmp_path: Path) -> None:
    db = _database(tmp_path)
    shot = manifest.snapshot(db.path)
    assert shot == _by_data_files(db.path)
    assert {"core.json", "audit.log"} <= set(shot)
    assert any(name.startswith("employees/") for name in shot)
    assert any(name.startswith("trajectories/") for name in shot)
    core = (db.path / "core.json").stat()
    assert shot["core.json"] == (core.st_size, core.st_mtime_ns)


def test_snapshot_leaves_out_what_is_no_data_file(tmp_path: Path) -> None:
    db = _database(tmp_path)
    before = manifest.snapshot(db.path)
    (db.path / "employees" / "notes.json").write_text("{}")
    (db.path / "employees" / "99.json").write_text("{}")  # no shard number poptui uses
    (db.path / "dossiers" / ".hidden.json").write_text("{}")
    (db.path / "dossiers" / "readme.txt").write_text("x")
    assert manifest.snapshot(db.path) == before == _by_data_files(db.path)
    (db.path / "dossiers" / "odd.json").mkdir()  # not a file, but named as a dossier: listed, so the check looks
    assert manifest.snapshot(db.path) == _by_data_files(db.path)
    assert "dossiers/odd.json" in manifest.snapshot(db.path)


def test_snapshot_without_folders_is_only_the_shared_files(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    (root / "core.json").write_text("{}")
    (root / "audit.log").mkdir()  # not a file: not listed
    assert manifest.snapshot(root) == _by_data_files(root)
    assert set(manifest.snapshot(root)) == {"core.json"}
