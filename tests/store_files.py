"""Where a test finds the files of the sharded tables (see poptui.store.layout)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from poptui.store import layout

if TYPE_CHECKING:
    from poptui.models import Employee, Trajectory
    from poptui.store import Database


def filled(db: Database) -> tuple[Employee, Trajectory]:
    """An organisation, an employee of it and a trajectory of that employee, saved in ``db``."""
    from poptui.models import Employee, Organisation, Trajectory

    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="An", last_name="Peeters", organisation_id=organisation.id))
    trajectory = db.save(Trajectory(employee_id=employee.id, variant="variant_1", reflection="laag", intensity="laag"))
    return employee, trajectory


def file_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative path, with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def shard_file(root: Path, scope: str, employee_id: str | None = None) -> Path:
    """The shard of ``scope`` holding ``employee_id``'s records; without an id the first shard that exists."""
    if employee_id is not None:
        return Path(root) / layout.shard_name(scope, employee_id)
    found = layout.shard_files(Path(root), scope)
    assert found, f"no shard of {scope} in {root}"
    return found[0]


def employees_file(root: Path, employee_id: str | None = None) -> Path:
    return shard_file(root, "employees", employee_id)


def trajectories_file(root: Path, employee_id: str | None = None) -> Path:
    return shard_file(root, "trajectories", employee_id)


def downgrade_to_schema_2(root: Path) -> None:
    """Turn a database of this version into one as poptui left it at schema 2: employees.json and
    trajectories.json (document ids renumbered, as one TinyDB file has them), no shard folders, a
    manifest listing the two files and summaries whose head names them."""
    import json
    import shutil

    from poptui.store import manifest, schema, summaries
    from poptui.store.files import atomic_write, dumps

    root = Path(root)
    for scope, legacy in layout.LEGACY_FILES.items():
        merged: dict[str, dict[str, object]] = {}
        for path in layout.shard_files(root, scope):
            for table, documents in json.loads(path.read_bytes()).items():
                rows = merged.setdefault(table, {})
                for document in documents.values():
                    rows[str(len(rows) + 1)] = document
        atomic_write(root / legacy, dumps(merged))
        shutil.rmtree(root / layout.FOLDERS[scope], ignore_errors=True)
    meta = json.loads((root / schema.META_FILE).read_bytes())
    atomic_write(root / schema.META_FILE, dumps(meta | {"schema_version": 2}))
    old = manifest.read(root)
    assert old is not None
    files = manifest.snapshot(root)
    for legacy in layout.LEGACY_FILES.values():
        found = manifest.identity(root / legacy)
        assert found is not None
        files[legacy] = found
    (root / manifest.CHANGES_FILE).unlink(missing_ok=True)
    manifest.write(root, manifest.Manifest(files, old.audit_count, old.audit_hash, old.audit_size))
    head_path = root / summaries.FOLDER / summaries.HEAD
    head = json.loads(head_path.read_bytes())
    head["shared"] = summaries.legacy_identities(root)
    head_path.write_bytes(dumps(head))
