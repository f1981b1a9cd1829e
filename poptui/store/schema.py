"""The database's schema version and the steps that migrate older databases.

A migration step receives the database folder and the raw tables of every
file (``{file name: {table: {doc_id: doc}}}``) and changes them in place. Steps
run in order, under the lock, after an automatic backup; the new version is
written last, so an interrupted migration is simply run again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 2
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


MIGRATIONS: dict[int, Migration] = {1: _upload_mark_on_the_pop}
"""``MIGRATIONS[n]`` turns a version-n database into version n+1."""


def migrations_from(version: int, target: int | None = None) -> list[Migration]:
    target = SCHEMA_VERSION if target is None else target
    missing = [step for step in range(version, target) if step not in MIGRATIONS]
    if missing:
        raise RuntimeError(f"no migration from schema {missing[0]}")
    return [MIGRATIONS[step] for step in range(version, target)]
