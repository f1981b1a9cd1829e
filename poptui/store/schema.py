"""The database's schema version and the steps that migrate older databases.

A migration step receives the raw tables of the files it works on
(``{file name: {table: {doc_id: doc}}}``, :data:`TOUCHES`; every file when not
named there) and changes them in place: it may add files and drop files. Steps
run in order, under the lock, after an automatic backup (see
:meth:`poptui.store.database.Database.migrate`): the changed and new files are
written, then the new version (the switch point), then the manifest, and only
then are dropped files removed. Interrupted before the new version, the
migration is simply run again; after it, opening the database finishes the last
two steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from poptui.store import layout

SCHEMA_VERSION = 3
FORMAT_NAME = "poptui"
META_FILE = "poptui-db.json"

RawFiles = dict[str, dict[str, dict[str, Any]]]
Migration = Callable[[RawFiles], None]


def _upload_mark_on_the_pop(files: RawFiles) -> None:
    """Schema 1 -> 2: "opgeladen in Mijn Loopbaan" moves from the trajectory (a yes/no) to the POP
    document (a date and who did it). A trajectory marked uploaded gives its POP the date the POP
    became final (else the trajectory's completion date) and "overgenomen" as who; a trajectory
    without a POP document has nothing to carry the mark and only loses the flag."""
    marked: dict[str, str] = {}
    for table in files.get("trajectories.json", {}).values():
        for doc in table.values():
            if doc.pop("uploaded_to_mijn_loopbaan", False):
                marked[str(doc.get("id"))] = str(doc.get("completion_date") or "")
    if not marked:
        return
    for name, tables in files.items():
        if not name.startswith("dossiers"):
            continue
        for doc in tables.get("pop_documents", {}).values():
            trajectory_id = str(doc.get("trajectory_id"))
            if trajectory_id in marked and doc.get("status") == "definitief":
                day = doc.get("finalised_on") or marked[trajectory_id]
                if day:
                    doc["uploaded_on"] = day
                    doc["uploaded_by"] = "overgenomen"


def _shard_employees_and_trajectories(files: RawFiles) -> None:
    """Schema 2 -> 3: employees.json and trajectories.json become 64 shards each (see
    :mod:`poptui.store.layout`): an employee in the shard of their id, a trajectory in the shard of its
    employee's id, each keeping its document id (unique in the old file, so in its shard). Shards left
    by an earlier, interrupted run of this step are dropped first: they are made again from the old files.
    An empty shard gets no file."""
    for name in [name for name in files if layout.is_shard_name(name)]:
        del files[name]
    for scope, legacy_name in layout.LEGACY_FILES.items():
        tables = files.pop(legacy_name, None) or {}
        for table, documents in tables.items():
            for doc_id, doc in documents.items():
                owner = str(doc.get("id") if scope == "employees" else doc.get("employee_id"))
                shard = files.setdefault(layout.shard_name(scope, owner), {})
                shard.setdefault(table, {})[doc_id] = doc


MIGRATIONS: dict[int, Migration] = {1: _upload_mark_on_the_pop, 2: _shard_employees_and_trajectories}
"""``MIGRATIONS[n]`` turns a version-n database into version n+1."""

TOUCHES: dict[int, Callable[[str], bool]] = {
    1: lambda name: name in ("trajectories.json", *layout.LEGACY_FILES.values()) or name.startswith("dossiers/"),
    2: lambda name: name in layout.LEGACY_FILES.values() or layout.is_shard_name(name),
}
"""The files each step works on (by name relative to the database folder); a step not named here gets every file."""


def touched(version: int, name: str, target: int | None = None) -> bool:
    """Does any step from ``version`` on work on the file ``name``?"""
    target = SCHEMA_VERSION if target is None else target
    return any(TOUCHES.get(step, lambda _name: True)(name) for step in range(version, target))


def migrations_from(version: int, target: int | None = None) -> list[Migration]:
    target = SCHEMA_VERSION if target is None else target
    missing = [step for step in range(version, target) if step not in MIGRATIONS]
    if missing:
        raise RuntimeError(f"no migration from schema {missing[0]}")
    return [MIGRATIONS[step] for step in range(version, target)]
