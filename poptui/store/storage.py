"""TinyDB storages that make TinyDB safe for several processes.

Stock TinyDB keeps the file open, rewrites it in place and caches. Here every
transaction opens a fresh :class:`TransactionStorage`: it reads the file once
when the transaction starts, keeps changes in memory and writes them with one
atomic replace at commit. Reads outside a transaction use
:class:`SnapshotStorage`, which reads the file and refuses to write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from poptui.store.errors import DatabaseDamaged
from poptui.store.files import atomic_write, dumps, loads


def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    """The tables of one TinyDB file, or empty when it does not exist yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise DatabaseDamaged(path, f"niet leesbaar: {error.strerror}") from error
    if not raw.strip():
        raise DatabaseDamaged(path, "het bestand is leeg")
    try:
        data = loads(raw)
    except ValueError as error:
        raise DatabaseDamaged(path, "geen geldige JSON, mogelijk afgebroken") from error
    if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
        raise DatabaseDamaged(path, "de inhoud heeft niet de vorm van een poptui-bestand")
    return data


class SnapshotStorage(Storage):
    """Read-only view of a file as it is now."""

    def __init__(self, path: Path) -> None:
        self._data = read_tables(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise RuntimeError("read-only snapshot")


class TransactionStorage(Storage):
    """Read once at the start of a transaction, write atomically at commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = read_tables(path)
        self.dirty = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._data = data
        self.dirty = True

    @property
    def data(self) -> dict[str, dict[str, Any]]:
        return self._data

    def commit(self) -> None:
        if self.dirty:
            atomic_write(self.path, dumps(self._data))
            self.dirty = False

    @property
    def is_empty(self) -> bool:
        return not any(self._data.values())
