"""The database's schema version and the steps that migrate older databases.

A migration step receives the database folder and the raw tables of every
file (``{file name: {table: {doc_id: doc}}}``) and changes them in place. Steps
run in order, under the lock, after an automatic backup; the new version is
written last, so an interrupted migration is simply run again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1
FORMAT_NAME = "poptui"
META_FILE = "poptui-db.json"

RawFiles = dict[str, dict[str, dict[str, Any]]]
Migration = Callable[[RawFiles], None]

MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` turns a version-n database into version n+1."""


def migrations_from(version: int, target: int | None = None) -> list[Migration]:
    target = SCHEMA_VERSION if target is None else target
    missing = [step for step in range(version, target) if step not in MIGRATIONS]
    if missing:
        raise RuntimeError(f"no migration from schema {missing[0]}")
    return [MIGRATIONS[step] for step in range(version, target)]
