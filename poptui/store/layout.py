"""Where the records of the two per-employee tables live: ``employees/NN.json`` and ``trajectories/NN.json``.

Schema 3 splits what were ``employees.json`` and ``trajectories.json`` (9.5 and 21 MB at 20,000
employees, rewritten whole by every save of an employee or a trajectory) into :data:`SHARDS`
files each. An employee lives in the shard of a stable hash of their id, a trajectory in the
shard of its employee's id, so a save rewrites one file of about 1/64th of the table, and an
employee's trajectories are all in one file. A shard without records has no file: a new
database holds none of them.
"""

from __future__ import annotations

import zlib
from pathlib import Path

SHARDS = 64
FOLDERS = {"employees": "employees", "trajectories": "trajectories"}
"""The sharded scopes and the folder of each."""
LEGACY_FILES = {"employees": "employees.json", "trajectories": "trajectories.json"}
"""Where the sharded scopes lived up to schema 2 (one file each)."""


def shard_of(employee_id: str) -> int:
    return zlib.crc32(employee_id.encode()) % SHARDS


def shard_name(scope: str, employee_id: str) -> str:
    """The file (relative to the database folder, with ``/``) of ``employee_id``'s records of ``scope``."""
    return f"{FOLDERS[scope]}/{shard_of(employee_id):02d}.json"


def all_shard_names(scope: str) -> list[str]:
    return [f"{FOLDERS[scope]}/{shard:02d}.json" for shard in range(SHARDS)]


def shard_files(root: Path, scope: str) -> list[Path]:
    """The shard files of ``scope`` that exist, in shard order."""
    folder = root / FOLDERS[scope]
    return [path for name in all_shard_names(scope) if (path := root / name).is_file()] if folder.is_dir() else []


def is_shard_name(name: str) -> bool:
    """Is ``name`` (relative, with ``/``) one of the shard files?"""
    folder, slash, file_name = name.partition("/")
    return (
        bool(slash)
        and folder in FOLDERS.values()
        and len(file_name) == 7
        and file_name.endswith(".json")
        and file_name[:2].isdecimal()
        and int(file_name[:2]) < SHARDS
    )


def is_shard(path: Path) -> bool:
    return path.parent.name in FOLDERS.values() and is_shard_name(f"{path.parent.name}/{path.name}")
