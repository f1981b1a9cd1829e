"""Where a test finds the files of the sharded tables (see poptui.store.layout)."""

from __future__ import annotations

from pathlib import Path

from poptui.store import layout


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
