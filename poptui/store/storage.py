"""Reading and changing the files, which keep TinyDB's layout (``{table: {document id: document}}``).

Stock TinyDB keeps the file open, rewrites it in place and caches. Here every
transaction opens a fresh :class:`TransactionStorage`: it reads the file once
when the transaction starts, keeps changes in memory and writes them with one
atomic replace at commit. Reads outside a transaction use :func:`read_tables`.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

from poptui.store import layout
from poptui.store.errors import DatabaseDamaged, unreadable
from poptui.store.files import loads
from poptui.text import json_has_unclean_text

_SHARD_FILES = len(layout.FOLDERS) * layout.SHARDS
"""Every shard of employees/ and trajectories/ (see :mod:`poptui.store.layout`)."""
_OTHER_FILES = 16
"""A few dossiers (and core.json)."""
_CACHE_FILES = _SHARD_FILES + _OTHER_FILES
_parsed: OrderedDict[str, tuple[tuple[int, int, int, int], dict[str, dict[str, Any]]]] = OrderedDict()
_indexes: OrderedDict[str, tuple[tuple[int, int, int, int], dict[str, dict[str, str]]]] = OrderedDict()
"""Per file (by identity): per table the document id of each record id, kept between transactions
(shared: copied before a change)."""
_clean: dict[str, tuple[tuple[int, int, int, int], bool]] = {}
"""Per file (by identity): True when it holds only text poptui would write (see :func:`is_clean`)."""
"""Parsed files of this process, keyed by path and valid only while the file on disk is the same
file (inode, size and nanosecond times): every save replaces a file by a new one, so a change by
any process is seen at the next read. Parsing a large file costs more than the rest of a save.
The cached tables are shared: callers never change them in place."""


def identity_of(path: Path) -> tuple[int, int, int, int]:
    """(inode, modification time, size, change time) of ``path``: another value means another file or content."""
    stat = os.stat(path)
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size, stat.st_ctime_ns)


@lru_cache(maxsize=4096)
def _is_shard_key(key: str) -> bool:
    folder, name = os.path.split(key)
    return layout.is_shard_name(f"{os.path.basename(folder)}/{name}")


def _keep(cache: OrderedDict[str, Any], key: str, value: Any) -> None:
    """Keep ``value`` as the most recently used entry of ``cache``, within the budgets of both kinds.

    The shards and the other files (dossiers, core.json) have a budget each: a coach opening dossier
    after dossier (or a list over every dossier) never pushes a shard out. A shard parsed again costs a
    save a read and a parse that grow with the organisation (330 KB of trajectories at 20,000
    employees); a dossier stays the size of one employee's history. The total is what one shared
    budget allowed before, so the memory kept does not grow."""
    cache[key] = value
    cache.move_to_end(key)
    if len(cache) <= _CACHE_FILES:
        return
    shards = [name for name in cache if _is_shard_key(name)]
    others = len(cache) - len(shards)
    while len(cache) > _CACHE_FILES:
        if others > _OTHER_FILES or not shards:
            oldest = next(name for name in cache if not _is_shard_key(name))
            others -= 1
        else:
            oldest = shards.pop(0)
        del cache[oldest]


def _remember(path: Path, identity: tuple[int, int, int, int], data: dict[str, dict[str, Any]]) -> None:
    _keep(_parsed, str(path), (identity, data))


def remember_written(
    path: Path, data: dict[str, dict[str, Any]], clean: bool, indexes: dict[str, dict[str, str]] | None = None
) -> None:
    """After a file was replaced by ``data``: keep it parsed (the next save need not read it), with the
    ``indexes`` of its tables by record id. ``clean``: the file held only clean text before (or did
    not exist); the store writes clean text."""
    key = str(path)
    try:
        identity = identity_of(path)
        _remember(path, identity, data)
        _clean[key] = (identity, clean)
        if indexes:
            _keep(_indexes, key, (identity, indexes))
    except OSError:
        _parsed.pop(key, None)
        _clean.pop(key, None)


def forget(path: Path) -> None:
    _parsed.pop(str(path), None)
    _sizes.pop(str(path), None)
    _clean.pop(str(path), None)
    _indexes.pop(str(path), None)


def _indexes_of(path: Path) -> dict[str, dict[str, str]]:
    """The indexes kept for the file as it is now (empty when it changed or none were kept)."""
    kept = _indexes.get(str(path))
    if kept is None:
        return {}
    try:
        identity = identity_of(path)
    except OSError:
        return {}
    if kept[0] != identity:
        del _indexes[str(path)]
        return {}
    return dict(kept[1])


def is_clean(path: Path) -> bool:
    """Does the file hold only text poptui writes (no escape, control, bidi or invisible characters)?

    Such a file is read back without cleaning its text again (see
    :data:`poptui.models.base.STORED`); a file changed outside poptui (hand-edited, an old
    restore) is cleaned field by field, so what it holds never reaches a terminal or an export.
    Found when the file is read (one memchr pass per suspicious byte) and kept with the parse.
    """
    key = str(path)
    try:
        identity = identity_of(path)
    except OSError:
        return False
    known = _clean.get(key)
    if known is not None and known[0] == identity:
        return known[1]
    read_tables(path)
    known = _clean.get(key)
    return known is not None and known[0] == identity and known[1]


def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    """The tables of one TinyDB file, or empty when it does not exist yet (shared: do not modify)."""
    found = _read(path)
    if found is None:
        return {}
    identity, data, complete = found
    if complete:
        _remember(path, identity, data)
    return data


def _identity_if_any(path: Path) -> tuple[int, int, int, int] | None:
    """The file's identity, None when it does not exist; any other error makes it unreadable."""
    try:
        return identity_of(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise unreadable(path, error) from error


def may_hold_date_in(path: Path, field: str, year: int, month: int) -> bool:
    """Can a record in ``path`` have ``field`` (a date) in the month? Answered from the file's bytes
    without parsing it: a file poptui writes holds a date as ISO text (``"2025-11-05"``), so a
    file without ``"2025-11-`` holds no such date. A file already parsed, one with ``\\u`` escapes
    (JSON may spell any character so), or one where ``field`` holds anything but ISO dates and null
    (changed outside poptui), may hold one: it is read. A file that does not exist holds nothing."""
    key = str(path)
    identity = _identity_if_any(path)
    if identity is None:
        return False
    cached = _parsed.get(key)
    if cached is not None and cached[0] == identity:
        return True
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise unreadable(path, error) from error
    if f'"{year:04d}-{month:02d}-'.encode() in raw or b"\\u" in raw:
        return True
    other = re.compile(rb'"%s"\s*:(?!\s*"\d{4}-\d\d-\d\d"|\s*null)' % re.escape(field.encode()))
    return other.search(raw) is not None


def read_table(path: Path, table: str) -> dict[str, Any]:
    """One table of a file, without keeping the rest of the file parsed (shared: do not modify).

    For the start: the coach lookup needs the persons of ``core.json``, a tenth of it (the hours,
    trainings and the rest take 2.6 MB parsed at 2,000 employees), before the first paint. A file
    kept parsed already is served from there; otherwise whether it is clean is remembered
    (:func:`is_clean`) and only the table is kept by the caller."""
    found = _read(path)
    return (found[1].get(table) or {}) if found is not None else {}


_sizes: dict[str, tuple[tuple[int, int, int, int], dict[str, int]]] = {}
"""Per file read by :func:`read_table` (by identity): how many documents each table holds."""


def table_size(path: Path, table: str) -> int:
    """How many documents a table of a file holds (0 when the file does not exist), remembered from the
    last read: the start asks whether there is any organisation right after reading the persons of the
    same file, which then need not be parsed again."""
    identity = _identity_if_any(path)
    if identity is None:
        return 0
    known = _sizes.get(str(path))
    if known is not None and known[0] == identity:
        return known[1].get(table, 0)
    return len(read_table(path, table))


def _read(path: Path) -> tuple[tuple[int, int, int, int], dict[str, dict[str, Any]], bool] | None:
    """The identity, the tables, and whether the file stayed the same while it was read (then its
    cleanness is remembered); None when it does not exist."""
    identity = _identity_if_any(path)
    if identity is None:
        return None
    cached = _parsed.get(str(path))
    if cached is not None and cached[0] == identity:
        _parsed.move_to_end(str(path))
        return identity, cached[1], False
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
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
    complete = len(raw) == identity[2]  # the file did not change while it was read
    if complete:
        _clean[str(path)] = (identity, not json_has_unclean_text(raw, lambda _raw: data))
        _sizes[str(path)] = (identity, {name: len(documents) for name, documents in data.items()})
    return identity, data, complete


class TransactionStorage:
    """One file as a transaction sees it: read once at the start, changed in memory, written at commit.

    The parsed file may be shared with other readers of this process (:func:`read_tables`), so
    a table is copied the first time this transaction changes it, and changed in place after
    that. Finding a record by id uses an index made once per table and transaction: a
    transaction saving many records (an import, the generator of the benchmarks) costs one
    pass over each table, not one per record.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data = dict(read_tables(path))  # a table is copied before it changes (see _writable)
        self.clean = is_clean(path) or not path.exists()
        """Read back without cleaning the text again (see :func:`is_clean`)."""
        self._own: set[str] = set()
        self._index: dict[str, dict[str, str]] = {}
        self._shared_index = _indexes_of(path)
        """Indexes made by earlier transactions for this very file (copied before they change)."""
        self._next: dict[str, int] = {}
        self.dirty = False

    @property
    def data(self) -> dict[str, dict[str, Any]]:
        return self._data

    @property
    def is_empty(self) -> bool:
        return not any(self._data.values())

    def rows(self, table: str) -> dict[str, Any]:
        """The documents of ``table`` by TinyDB document id (do not change them)."""
        return self._data.get(table) or {}

    def _writable(self, table: str) -> dict[str, Any]:
        if table not in self._own:
            self._data[table] = dict(self._data.get(table) or {})
            self._own.add(table)
        self.dirty = True
        return self._data[table]

    def _ids(self, table: str, *, changing: bool = False) -> dict[str, str]:
        index = self._index.get(table)
        if index is None:
            shared = self._shared_index.get(table)
            if shared is None:
                shared = self._shared_index[table] = {
                    str(doc.get("id")): doc_id for doc_id, doc in self.rows(table).items()
                }
            if not changing:
                return shared
            index = self._index[table] = dict(shared)
        return index

    def indexes(self) -> dict[str, dict[str, str]]:
        """Every index as it is after this transaction's changes (for the next transaction on the file)."""
        return {table: self._index.get(table, index) for table, index in self._shared_index.items()} | self._index

    def find(self, table: str, record_id: str) -> tuple[str, dict[str, Any]] | None:
        """The document id and document of the record ``record_id``, or None."""
        doc_id = self._ids(table).get(record_id)
        return None if doc_id is None else (doc_id, self.rows(table)[doc_id])

    def insert(self, table: str, doc: dict[str, Any]) -> str:
        """Add ``doc`` under the next document id (TinyDB's: one more than the highest)."""
        rows = self._writable(table)
        number = self._next.get(table)
        if number is None:
            number = max((int(key) for key in rows), default=0) + 1
        doc_id = str(number)
        rows[doc_id] = doc
        self._next[table] = number + 1
        self._ids(table, changing=True)[str(doc.get("id"))] = doc_id
        return doc_id

    def replace(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        self._writable(table)[doc_id] = doc

    def remove(self, table: str, doc_id: str) -> None:
        doc = self._writable(table).pop(doc_id)
        self._ids(table, changing=True).pop(str(doc.get("id")), None)
