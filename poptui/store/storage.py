"""TinyDB storages that make TinyDB safe for several processes.

Stock TinyDB keeps the file open, rewrites it in place and caches. Here every
transaction opens a fresh :class:`TransactionStorage`: it reads the file once
when the transaction starts, keeps changes in memory and writes them with one
atomic replace at commit. Reads outside a transaction use
:class:`SnapshotStorage`, which reads the file and refuses to write.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from poptui.store.errors import DatabaseDamaged, unreadable
from poptui.store.files import atomic_write, dumps, loads

_CACHE_FILES = 16
_parsed: OrderedDict[str, tuple[tuple[int, int, int, int], dict[str, dict[str, Any]]]] = OrderedDict()
"""Parsed files of this process, keyed by path and valid only while the file on disk is the same
file (inode, size and nanosecond times): every save replaces a file by a new one, so a change by
any process is seen at the next read. Parsing a large file costs more than the rest of a save.
The cached tables are shared: callers never change them in place."""


def _identity(path: Path) -> tuple[int, int, int, int]:
    stat = os.stat(path)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)


def _remember(path: Path, identity: tuple[int, int, int, int], data: dict[str, dict[str, Any]]) -> None:
    _parsed[str(path)] = (identity, data)
    _parsed.move_to_end(str(path))
    while len(_parsed) > _CACHE_FILES:
        _parsed.popitem(last=False)


def remember_written(path: Path, data: dict[str, dict[str, Any]]) -> None:
    """After a file was replaced by ``data``: keep it parsed (the next save need not read it)."""
    try:
        _remember(path, _identity(path), data)
    except OSError:
        _parsed.pop(str(path), None)


def forget(path: Path) -> None:
    _parsed.pop(str(path), None)


def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    """The tables of one TinyDB file, or empty when it does not exist yet (shared: do not modify)."""
    try:
        identity = _identity(path)
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise unreadable(path, error) from error
    cached = _parsed.get(str(path))
    if cached is not None and cached[0] == identity:
        _parsed.move_to_end(str(path))
        return cached[1]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise unreadable(path, error) from error
    if not raw.strip():
        raise DatabaseDamaged(path, "het bestand is leeg")
    try:
        data = loads(raw)
    except ValueError as error:
        raise DatabaseDamaged(path, "geen geldige JSON, mogelijk afgebroken") from error
    if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
        raise DatabaseDamaged(path, "de inhoud heeft niet de vorm van een poptui-bestand")
    if len(raw) == identity[2]:  # the file did not change while it was read
        _remember(path, identity, data)
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
        self._data = dict(read_tables(path))  # a table is replaced, never changed in place
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
