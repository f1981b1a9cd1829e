"""The files a process keeps parsed: reading dossier after dossier never pushes the shards out.

A shard of employees/ or trajectories/ grows with the organisation (330 KB of trajectories at 20,000
employees): parsed again, it cost a save of an employee or a trajectory a read and a parse. Dossiers
stay one employee's size; they share a small budget of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from poptui.store import layout, storage


@pytest.fixture
def files(tmp_path: Path) -> tuple[list[Path], list[Path]]:
    """Every shard of both folders and three times the dossier budget, as small TinyDB files."""
    shards = [tmp_path / name for scope in layout.FOLDERS for name in layout.all_shard_names(scope)]
    dossiers = [tmp_path / "dossiers" / f"e{number}.json" for number in range(3 * storage._OTHER_FILES)]
    for path in [*shards, *dossiers]:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b'{"t": {"1": {"id": "%s"}}}' % path.name.encode())
    storage._parsed.clear()
    storage._indexes.clear()
    return shards, dossiers


def test_reading_many_dossiers_keeps_every_shard_parsed(files: tuple[list[Path], list[Path]]) -> None:
    shards, dossiers = files
    for path in shards:
        storage.read_tables(path)
    for path in dossiers:
        assert storage.read_tables(path) == {"t": {"1": {"id": path.name}}}
    kept = set(storage._parsed)
    assert {str(path) for path in shards} <= kept
    assert kept - {str(path) for path in shards} == {str(path) for path in dossiers[-storage._OTHER_FILES :]}
    assert len(storage._parsed) == storage._CACHE_FILES  # no more than one shared budget kept


def test_shards_beyond_their_budget_go_oldest_first(files: tuple[list[Path], list[Path]], tmp_path: Path) -> None:
    shards, dossiers = files
    for path in dossiers[: storage._OTHER_FILES]:
        storage.read_tables(path)
    other = tmp_path / "other"
    more = [other / name for name in layout.all_shard_names("employees")[:3]]
    for path in more:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"{}")
    for path in [*shards, *more]:  # another database's shards too: one budget for all of them
        storage.read_tables(path)
    kept = set(storage._parsed)
    assert {str(path) for path in dossiers[: storage._OTHER_FILES]} <= kept  # dossiers keep their budget
    assert {str(path) for path in shards[:3]}.isdisjoint(kept)
    assert {str(path) for path in [*shards[3:], *more]} <= kept
