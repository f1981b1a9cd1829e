"""Per-employee summaries: what the home screen and the employee list show, without opening a dossier.

At 2,000 employees the dossiers hold about 90,000 records; reading them all to draw the home
screen took seconds. The summaries are a small index of the facts those lists need, kept up
to date by every save, so a screen reads a few files whatever the size of the organisation.

Layout, in the database folder::

    summaries/head.json     format, and the identity of each shard of employees/ and trajectories/
                            (:mod:`poptui.store.layout`) the summaries were last brought in line with
    summaries/NNN.json      {employee_id: row} for the employees whose id hashes to shard NNN (of 128)

An entry holds up to three parts, each built from one kind of file (the builders below read raw
documents, never models: a save must stay cheap):

- ``employee``: from the employee's shard of employees/: names, function, organisation, archived, and what the
  employee list's filter compares with (the folded names and function);
- ``trajectories``: from the employee's shard of trajectories/: per trajectory its coach, variant, status, dates
  and the trajectory it follows;
- ``dossier``: from ``dossiers/<id>.json``, with that file's identity (size, modification time):
  per trajectory the number of contact moments held and counted (not skipped) and the planned
  ones (id, number, date, start time); per trajectory its POP (id, status; a draft's actions
  in full, a final POP's open actions that were not evaluated in a follow-up: id, what, deadline);
  the months (``YYYY-MM``) in which a contact moment was held.

Two facts of the dossier part are also kept beside its text, so a list over every employee need not
parse it: per trajectory its counts (:func:`trajectory_counts`: what ``poptui list trajectories``
shows), and the months with a held contact moment (the month's package reads only the dossiers
that held one in its month).

The rules (what is overdue, late or ready) are applied by the services with today's date;
the summaries hold facts only.

Stored compactly (a :data:`Row`): the coaches and the archived flag as values, the parts as JSON
text that is parsed only when asked for (:class:`Summary`). The home screen reads every row but
parses only those of the coach's employees: at 2,000 employees a few MB of memory instead of
eleven, and it grows with a coach's caseload, not with the organisation.

Kept in memory as read for a coach (:func:`read_all` with ``coach_id``, the home screen's): every row
but its dossier columns, which only the coach's employees keep. Another employee's dossier part,
counts and held months are read from the summary file when asked for (the all-coaches view, a list
of every trajectory) and held by that :class:`Summary` only, not by the rows the process keeps. At
20,000 employees the rows held 43 MB with every column; the dossier columns were 22 MB of it. The
employee and trajectories parts stay for everyone: the employee list and its filter read them on
opening. A save reads its shard with every column (:func:`_full_shard`) and keeps what it wrote.

Rules of the index:

- **Maintained by every save**, under the lock, right after the data files are replaced
  (:func:`update`, called by :class:`~poptui.store.transaction.Transaction` and
  :func:`~poptui.store.bulk.write_many`). Written without fsync: the summaries can always
  be rebuilt from the data files.
- **Checked, never trusted blindly**: the head names the identity of the shared files (the
  shards) it matches; a save only moves the head on for the shards it wrote, and only when the
  head matched those shards before the save (a save checks its own shards, not all 128). A dossier part
  names the identity of its file. :func:`stale` finds what no longer matches (a process
  killed between replacing a file and updating its summary, a restore, a migration, another
  tool) and :func:`rebuild` brings those parts in line again, from the data files.
- **Derived, not data**: never in a backup, never a reason to refuse a database; a summary
  file that cannot be read is rebuilt.
- **A save rewrites one small shard**, whatever the size of the organisation: 128 shards hold
  about 230 KB each at 20,000 employees (16 shards of 1.8 MB cost a save 4 to 12 ms).
- **Another format is rebuilt once**: summaries of an earlier format (5: 16 shards named
  ``NN.json``; 6: without the counts and held months beside the dossier text; 7: those two as JSON
  values rather than text) are read as missing,
  and the first read rebuilds them from the data files (a save meanwhile moves no head on).
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from poptui.models.enums import CompetenceKind, ContactMomentStatus, PopStatus
from poptui.store import layout
from poptui.store.errors import StoreError
from poptui.store.files import discard_temps, dumps, ensure_folder, loads, write_temp
from poptui.text import clean_line, clean_text, fold_key

FOLDER = "summaries"
HEAD = "head.json"
FORMAT = 8
"""6 had no counts and held months beside the dossier text, 7 kept them as parsed lists and objects (about
2 MB of memory at start at 2,000 employees, where nothing reads them): such summaries are rebuilt once, as
any summary file of another format."""
SHARDS = 128
LEGACY_SHARDS = 16
"""Summaries of format 5 had 16 shards named ``NN.json``: a rebuild removes them."""
SHARED = tuple(name for scope in layout.FOLDERS for name in layout.all_shard_names(scope))
"""The shared files the summaries come from: every shard of employees/ and trajectories/ (a missing shard
is an empty one)."""
LEGACY_SHARED = tuple(layout.LEGACY_FILES.values())
"""The shared files up to schema 3: a head naming them is current only until the migration (:func:`after_migration`)."""
DOSSIERS = "dossiers"

Identity = tuple[int, int]
"""(size, modification time in ns) of a data file."""
Entry = dict[str, Any]

_DONE = 5
"""Progress (0-5) of an action that is done."""


# -- what the parts hold: built from raw documents -------------------------------------------------


def _line(value: Any) -> str:
    """Text from a file is cleaned here like the models clean it: the lists show it without a model."""
    return clean_line(value) if isinstance(value, str) else ""


def employee_part(doc: Mapping[str, Any], *, cleaned: bool = False) -> dict[str, Any]:
    """``cleaned``: the document was dumped from a record validated in this process (its text is clean,
    see :mod:`poptui.models.base`), so its names are taken as they are, not cleaned again (an import
    of 10,000 employees)."""
    if cleaned:
        first, last, function = (
            text if isinstance(text := doc.get(name), str) else "" for name in ("first_name", "last_name", "function")
        )
    else:
        first, last, function = _line(doc.get("first_name")), _line(doc.get("last_name")), _line(doc.get("function"))
    return {
        "first_name": first,
        "last_name": last,
        "function": function,
        "organisation_id": doc.get("organisation_id", ""),
        "archived": bool(doc.get("archived", False)),
        "search": " ".join(fold_key(text) for text in (first, last, function)),
    }


def trajectory_part(doc: Mapping[str, Any]) -> list[Any]:
    """[coach id, variant, status, start date, completion date, id of the trajectory it follows,
    reflection, intensity]: every field ``poptui list trajectories`` shows but the stop reason."""
    return [
        doc.get("coach_id"),
        doc.get("variant"),
        doc.get("status"),
        doc.get("start_date"),
        doc.get("completion_date"),
        doc.get("previous_trajectory_id"),
        doc.get("reflection"),
        doc.get("intensity"),
    ]


def _latest_progress(action: Mapping[str, Any]) -> int:
    progress = action.get("progress") or []
    return int(progress[-1].get("progress", 0)) if progress else 0


def dossier_part(tables: Mapping[str, Mapping[str, Any]], identity: Identity | None) -> dict[str, Any]:
    """The facts of one dossier file (its parsed TinyDB tables) the lists need.

    ``moments``: per trajectory [held, counted (not skipped), planned: [[id, number, date, start time]]];
    ``pops``: per trajectory [POP id, status, actions, [number of actions, generic, technical]]: a draft's
    actions as stored, a final POP's actions that are not done, have a deadline and were not evaluated
    in a follow-up: [[id, what, deadline]];
    ``held_months``: the months (``YYYY-MM``, sorted) with a held contact moment.
    """
    moments: dict[str, list[Any]] = {}
    held_months: set[str] = set()
    for doc in (tables.get("contact_moments") or {}).values():
        own = moments.setdefault(str(doc.get("trajectory_id")), [0, 0, []])
        status = doc.get("status")
        if status == ContactMomentStatus.HELD.value:
            own[0] += 1
            held_months.add(_month_of(doc.get("date")))
        if status != ContactMomentStatus.SKIPPED.value:
            own[1] += 1
        if status == ContactMomentStatus.PLANNED.value:
            own[2].append([doc.get("id"), doc.get("number", 0), doc.get("date"), doc.get("start_time")])
    for own in moments.values():
        own[2].sort(key=lambda planned: planned[1])
    evaluated: dict[str, set[str]] = {}
    for doc in (tables.get("action_evaluations") or {}).values():
        evaluated.setdefault(str(doc.get("previous_trajectory_id")), set()).add(str(doc.get("action_id")))
    pops: dict[str, list[Any]] = {}
    for doc in (tables.get("pop_documents") or {}).values():
        trajectory_id = str(doc.get("trajectory_id"))
        actions = doc.get("actions") or []
        if doc.get("status") == PopStatus.FINAL.value:
            closed = evaluated.get(trajectory_id, set())
            kept: list[Any] = [
                [action.get("id"), clean_text(str(action.get("what") or "")), action.get("deadline")]
                for action in actions
                if action.get("deadline") and _latest_progress(action) < _DONE and action.get("id") not in closed
            ]
        else:
            kept = list(actions)
        kinds = [action.get("kind") for action in actions]
        counts = [len(actions), kinds.count(CompetenceKind.GENERIC.value), kinds.count(CompetenceKind.TECHNICAL.value)]
        pops[trajectory_id] = [doc.get("id"), doc.get("status"), kept, counts]
    return {
        "file": list(identity) if identity else None,
        "moments": moments,
        "pops": pops,
        "held_months": sorted(held_months),
    }


def _month_of(value: Any) -> str:
    """The month (``YYYY-MM``) of a stored date; "" for anything else (a file changed outside poptui: the
    month's package then reads that dossier whatever its month)."""
    if isinstance(value, str) and len(value) >= 7 and value[4] == "-":
        return value[:7]
    return ""


def trajectory_counts(dossier: Mapping[str, Any]) -> dict[str, list[int]]:
    """Per trajectory of a dossier part: [held, counted (not skipped), actions, generic, technical]."""
    moments = dossier.get("moments") or {}
    pops = dossier.get("pops") or {}
    out: dict[str, list[int]] = {}
    for trajectory_id in {*moments, *pops}:
        held, counted = (moments.get(trajectory_id) or (0, 0))[:2]
        pop = pops.get(trajectory_id)
        actions, generic, technical = pop[3] if pop else (0, 0, 0)
        out[trajectory_id] = [int(held), int(counted), int(actions), int(generic), int(technical)]
    return out


def held_in(entry: Summary | None, year: int, month: int) -> bool:
    """Does the summary say its dossier holds a contact moment held in the month? (A held moment whose
    date is not stored as poptui writes it counts for every month.)"""
    if entry is None:
        return False
    months = entry.held_months
    return f"{year:04d}-{month:02d}" in months or "" in months


# -- how an entry is stored ------------------------------------------------------------------------

Row = list[Any]
"""An entry as stored: [coach ids, archived (None: no employee part), the employee and trajectories
parts as JSON text ("" when neither), the dossier part as JSON text without its file and held months
("" when none), the dossier file's identity, the dossier's counts per trajectory as JSON text
(:func:`trajectory_counts`; "" when none), the dossier's held months as JSON text ("" when none)].

Every part is text parsed only when asked for: every row is held in memory from the start (the home
screen reads them all), and the counts and held months as parsed objects took 2 MB of it at 2,000
employees (a list and a string per month, a dict and a list per trajectory), where only ``poptui
list trajectories`` reads the counts and only the month's package the held months."""

_KEPT_BESIDE = ("file", "held_months")
"""The dossier part's keys stored in their own column of a row, not in its text."""


def _json_text(value: object) -> str:
    return dumps(value).decode()


def _row(entry: Entry) -> Row:
    trajectories = entry.get("trajectories") or {}
    employee = entry.get("employee")
    people = {key: entry[key] for key in ("employee", "trajectories") if key in entry}
    dossier = entry.get("dossier")
    return [
        sorted({str(part[0]) for part in trajectories.values() if part and part[0]}),
        None if employee is None else bool(employee.get("archived")),
        _json_text(people) if people else "",
        _json_text({key: value for key, value in dossier.items() if key not in _KEPT_BESIDE})
        if dossier is not None
        else "",
        dossier.get("file") if dossier is not None else None,
        _json_text(trajectory_counts(dossier)) if dossier is not None else "",
        _json_text(list(dossier.get("held_months") or [])) if dossier is not None else "",
    ]


def _people(row: Row) -> Entry:
    """The employee and trajectories parts of a stored row."""
    if not row or not row[2]:
        return {}
    people = loads(row[2])
    if not isinstance(people, dict):
        raise TypeError("a summary's parts are an object")
    return people


def _dossier(row: Row) -> Entry:
    """The dossier part of a stored row that has one, with its file's identity."""
    dossier = loads(row[3])
    if not isinstance(dossier, dict):
        raise TypeError("a summary's dossier part is an object")
    return dossier | {"file": row[4], "held_months": _column(row, 6, list)}


def _column(row: Row, index: int, kind: type) -> Any:
    """A column of a row kept as JSON text, parsed; an empty value of ``kind`` when it is missing, empty or
    not of that kind (a damaged file)."""
    text = row[index] if len(row) > index else None
    if not text or not isinstance(text, str):
        return kind()
    try:
        value = loads(text)
    except ValueError:
        return kind()
    return value if isinstance(value, kind) else kind()


def _entry(row: Row | None) -> Entry:
    entry: Entry = {}
    if not row:
        return entry
    entry.update(_people(row))
    if row[3]:
        entry["dossier"] = _dossier(row)
    return entry


class Summary(Mapping[str, Any]):
    """One employee's summary as read: who coaches them and whether they are archived at once, the
    parts parsed when first asked for, each from its own text: ``employee`` and ``trajectories``
    together, ``dossier`` alone (the employee list asks for the first two of every employee; the
    dossier part, the larger text, is parsed only for the entries the home screen shows).

    A row read for a coach (:func:`read_all`) may not hold the dossier columns of another coach's
    employee (:data:`NOT_KEPT`): they are then read from the summary file when asked for, and kept by
    this summary only (:func:`_full_row`)."""

    __slots__ = ("_dossier", "_given", "_id", "_people", "_root", "_row")

    def __init__(self, row: Row, root: Path | None = None, employee_id: str = "", full: Row | None = None) -> None:
        """``full``: the row's dossier columns read for this summary (:func:`_with_dossiers`)."""
        self._row = row
        self._root = root
        self._id = employee_id
        self._given = full
        self._people: Entry | None = None
        self._dossier: Entry | None = None

    @property
    def coaches(self) -> list[str]:
        """The coaches of the employee's trajectories."""
        return list(self._row[0])

    @property
    def stored(self) -> object:
        """The entry as stored: the same object for as long as its summary file is unchanged (files are
        parsed once per process while they stay the same), so a cache of what was built from an entry
        can tell that it still holds."""
        return self._row

    def _full(self) -> Row:
        """The row with its dossier columns: read from the summary file when they were not kept."""
        row = self._row
        if not row or row[3] is not NOT_KEPT:
            return row
        if self._given is not None:
            return self._given
        if self._root is None:
            return []
        found = _full_row(self._root, self._id)
        return found if found is not None and found[3] is not NOT_KEPT else []

    @property
    def counts(self) -> Mapping[str, list[int]]:
        """Per trajectory of the dossier part: [held, counted, actions, generic, technical]
        (:func:`trajectory_counts`), without parsing the dossier part (parsed from its own text on each call)."""
        row = self._full()
        return _column(row, 5, dict) if row else {}

    @property
    def held_months(self) -> list[str]:
        """The months (``YYYY-MM``) with a held contact moment in the dossier, without parsing the dossier part."""
        row = self._full()
        return _column(row, 6, list) if row else []

    @property
    def archived(self) -> bool | None:
        """Whether the employee is archived; None when there is no employee part."""
        value = self._row[1]
        return None if value is None else bool(value)

    def people(self) -> Entry:
        """The ``employee`` and ``trajectories`` parts (those present), as ``self.get`` gives them, but parsed
        on each call and not kept: a list that reads every entry once (``poptui list trajectories --json``)
        does not hold every employee's parsed parts until it ends (about 40 MB at 20,000 employees)."""
        return self._people if self._people is not None else _people(self._row)

    def _people_parts(self) -> Entry:
        """The ``employee`` and ``trajectories`` parts (those present)."""
        if self._people is None:
            self._people = _people(self._row)
        return self._people

    def _dossier_part(self) -> Entry | None:
        if self._dossier is None and self._row and self._row[3]:
            row = self._full()
            if row and row[3]:
                self._dossier = _dossier(row)
        return self._dossier

    def _parts(self) -> Entry:
        entry = dict(self._people_parts())
        dossier = self._dossier_part()
        if dossier is not None:
            entry["dossier"] = dossier
        return entry

    def __getitem__(self, name: str) -> Any:
        if name == "dossier":
            dossier = self._dossier_part()
            if dossier is None:
                raise KeyError(name)
            return dossier
        return self._people_parts()[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._people_parts()
        if self._row and self._row[3]:
            yield "dossier"

    def __len__(self) -> int:
        return len(self._people_parts()) + (1 if self._row and self._row[3] else 0)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Summary) and self._row == other._row:
            return True
        return isinstance(other, Mapping) and self._parts() == dict(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Summary({self._row!r})"


# -- reading ---------------------------------------------------------------------------------------


def identity(path: Path | str) -> Identity | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_size, info.st_mtime_ns)


def shard_of(employee_id: str) -> int:
    return zlib.crc32(employee_id.encode()) % SHARDS


def _shard_path(root: Path, shard: int) -> Path:
    return root / FOLDER / f"{shard:03d}.json"


def _legacy_shard_path(root: Path, shard: int) -> Path:
    return root / FOLDER / f"{shard:02d}.json"


FileKey = tuple[int, int, int]
"""(inode, size, modification time in ns) of a summary file: while it is the same, so is what it holds."""

_parsed: dict[str, tuple[FileKey, Any]] = {}
"""The parsed head of this process by path, valid while the file is the same."""

NOT_KEPT = True
"""The dossier columns of a row read for a coach (:func:`read_all`) whose employee the coach does not
coach: the dossier part, its counts and held months stay in the summary file, read when asked for
(:meth:`Summary._full`). (A stored row holds text there, never ``true``.)"""

FULL_KEPT = 4
"""How many shards read for a part not kept (:meth:`Summary._full`) this process keeps with every column:
the entries of a list over every employee come shard by shard."""


@dataclass
class _Read:
    """The rows of a shard file as a read keeps them (:func:`_shard`), valid while the file is the same."""

    key: FileKey
    rows: dict[str, Row]
    coach: str | None
    """Whose employees' dossier columns the rows hold; None: every employee's."""


_read: dict[str, _Read] = {}
"""The rows of every shard read by this process, by path (:func:`_slimmed`)."""
_full: dict[str, tuple[FileKey, dict[str, Row]]] = {}
"""The last :data:`FULL_KEPT` shards read with every column, by path, the latest last."""
_written: dict[str, tuple[FileKey, dict[str, Row]]] = {}
"""The shards a save of this process wrote, with every column, by path: the next save to one of them need
not parse it again (a coach saves the same few employees; an import writes every shard once)."""
_coach_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
"""One tuple per set of coaches for the coaches column of the rows a read slims (a coach is named in a
row per employee: 40,000 copies of 500 ids at 20,000 employees, 3 MB)."""


def _file_key(path: Path) -> FileKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _read_json(path: Path) -> Any:
    """The parsed head, or None when it is missing or unreadable (summaries are rebuilt, never refused)."""
    key = _file_key(path)
    if key is None:
        _parsed.pop(str(path), None)
        return None
    cached = _parsed.get(str(path))
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        data = loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    _parsed[str(path)] = (key, data)
    return data


def _keep_full(name: str, key: FileKey, rows: dict[str, Row]) -> None:
    _full.pop(name, None)
    _full[name] = (key, rows)
    with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # the home screen's check runs in a thread
        while len(_full) > FULL_KEPT:
            del _full[next(iter(_full))]


def _missing(root: Path, shard: int, path: Path) -> dict[str, Row] | None:
    """A shard without a readable file is empty only when the head says so (an empty database has no
    shard files: 128 of them took half a megabyte); otherwise it is lost (None)."""
    return {} if shard in _empty_shards(root) and not path.exists() else None


def _full_shard(root: Path, shard: int, *, keep: bool = True) -> dict[str, Row] | None:
    """Every row of a shard with every column (what a save rewrites, and where a part not kept is read
    from); None when its file is lost or unreadable. Parsed again unless a save of this process wrote
    it, it is one of the last :data:`FULL_KEPT` read (``keep``: it then becomes the latest), or it was
    read keeping every column."""
    path = _shard_path(root, shard)
    name = str(path)
    key = _file_key(path)
    if key is None:
        return _missing(root, shard, path)
    written = _written.get(name)
    if written is not None and written[0] == key:
        return written[1]
    cached = _full.get(name)
    if cached is not None and cached[0] == key:
        _keep_full(name, key, cached[1])
        return cached[1]
    read = _read.get(name)
    if read is not None and read.key == key and read.coach is None:
        return read.rows
    try:
        data = loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    if keep:
        _keep_full(name, key, data)
    return data


def _full_row(root: Path, employee_id: str) -> Row | None:
    """An employee's row with every column, from the summary file as it is now."""
    rows = _full_shard(root, shard_of(employee_id))
    return rows.get(employee_id) if rows else None


def _slimmed(rows: Mapping[str, Row], coach: str | None) -> dict[str, Row]:
    """The rows as a read keeps them: with ``coach``, the dossier columns only of that coach's employees
    (:data:`NOT_KEPT` for the others, whose lists need only the other columns, and whose coaches are one
    tuple per set of coaches); without, every row as it is."""
    if coach is None:
        return dict(rows)
    out: dict[str, Row] = {}
    shared = _coach_sets
    for employee_id, row in rows.items():
        try:
            coaches = shared.setdefault(key := tuple(row[0]), key)
            if row[3] and coach not in coaches:
                row = [coaches, row[1], row[2], NOT_KEPT, row[4], NOT_KEPT, NOT_KEPT]
        except (TypeError, IndexError):  # a damaged row: kept as it is, its reader says so
            pass
        out[employee_id] = row
    return out


def _shard(root: Path, shard: int, coach: str | None = None) -> dict[str, Row] | None:
    """The rows of a shard as a read keeps them, parsed once while its file is the same; None when its
    file is lost or unreadable. A file is slimmed when it is parsed, for ``coach`` (:func:`_slimmed`), or,
    when none is named, for the coach its earlier version was read for, else not at all."""
    path = _shard_path(root, shard)
    name = str(path)
    key = _file_key(path)
    if key is None:
        _read.pop(name, None)
        return _missing(root, shard, path)
    before = _read.get(name)
    if before is not None and before.key == key:
        return before.rows
    rows = _full_shard(root, shard, keep=False)  # read for the lists: kept as slimmed below only
    if rows is None:
        _read.pop(name, None)
        return None
    kept = coach if coach is not None else (before.coach if before is not None else None)
    slim = _slimmed(rows, kept)
    _read[name] = _Read(key, slim, kept)
    return slim


def _empty_shards(root: Path) -> frozenset[int]:
    head = read_head(root)
    empty = head.get("empty") if head is not None else None
    return frozenset(item for item in empty if isinstance(item, int)) if isinstance(empty, list) else frozenset()


def read_head(root: Path) -> dict[str, Any] | None:
    head = _read_json(root / FOLDER / HEAD)
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        return None
    return head


def shared_identities(root: Path) -> dict[str, list[int] | None]:
    return {name: _as_list(identity(root / name)) for name in SHARED}


def _as_list(found: Identity | None) -> list[int] | None:
    return list(found) if found is not None else None


def head_matches(root: Path, head: Mapping[str, Any] | None = None) -> bool:
    """Do the summaries' shared parts match every shard of employees/ and trajectories/ as they are now?"""
    head = read_head(root) if head is None else head
    return head is not None and head.get("shared") == shared_identities(root)


def _head_matches_for(root: Path, names: Iterable[str]) -> bool:
    """Does the head name the shared files of this layout, and match the files ``names`` as they are now?"""
    head = read_head(root)
    shared = head.get("shared") if head is not None else None
    if not isinstance(shared, dict) or shared.keys() != set(SHARED):
        return False
    return all(shared.get(name) == _as_list(identity(root / name)) for name in names)


def after_migration(root: Path, legacy_identities: Mapping[str, list[int] | None]) -> None:
    """After the migration to schema 3 wrote the shards (under the lock): when the head matched the old
    single files as they were (``legacy_identities``), it now names the shards, which hold the same
    records; otherwise it is left to be found stale (the shared parts are rebuilt from the shards)."""
    path = root / FOLDER / HEAD
    head = _read_json(path)
    if not isinstance(head, dict) or head.get("shared") != dict(legacy_identities):
        return
    with contextlib.suppress(OSError):
        tmp = write_temp(path, dumps(head | {"shared": shared_identities(root)}), fsync=False)
        _put_in_place([(tmp, path)])


def legacy_identities(root: Path) -> dict[str, list[int] | None]:
    return {name: _as_list(identity(root / name)) for name in LEGACY_SHARED}


def stamp(root: Path) -> tuple[tuple[int, int, int] | None, ...]:
    """Changes whenever a summary file, a shared file the summaries come from, or core.json (organisation
    names) changes: a screen that shows what it showed at the same stamp need not read or draw anything
    again. The shared files count too: one changed behind the summaries' back (a restore, a process
    killed before it updated them, a damaged file) makes the next read check them again."""
    out: list[tuple[int, int, int] | None] = []
    paths = [root / FOLDER / HEAD, *(_shard_path(root, shard) for shard in range(SHARDS)), root / "core.json"]
    for path in [*paths, *(root / name for name in SHARED)]:
        try:
            info = os.stat(path)
        except OSError:
            out.append(None)
            continue
        out.append((info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(out)


def read_all(root: Path, coach_id: str | None = None, *, every: bool = False) -> dict[str, Summary] | None:
    """Every entry, by employee id; None when the summaries are missing, unreadable or out of date with
    the shared files (then :func:`refresh` first). Dossier parts are as saved: :func:`stale` checks them.

    ``coach_id``: the coach whose employees' dossier parts are kept in memory with the rows (the home
    screen's); another employee's is read from its summary file when asked for (:func:`_shard`). At
    20,000 employees the dossier columns are half of the rows' memory (22 MB), and the first screen
    reads only the coach's. ``every``: a list over every employee's dossier part (the all-coaches view,
    the month's package, ``list trajectories``): the parts not kept are read with the rows, a shard at
    a time, and held by the summaries returned only (:func:`_with_dossiers`)."""
    head = read_head(root)
    if head is None or not head_matches(root, head):
        return None
    out: dict[str, Summary] = {}
    for shard in range(SHARDS):
        rows = _shard(root, shard, coach_id)
        if rows is None:
            return None
        out.update(_summaries(root, rows, every))
    return out


def create(root: Path) -> None:
    """The summaries of a new, empty database: nothing to summarise, and current."""
    _write_all(root, {}, shared_identities(root))


# -- keeping them up to date -----------------------------------------------------------------------


@dataclass
class Changes:
    """What one save changed, per employee: new parts (None: removed)."""

    employees: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    trajectories: dict[str, dict[str, list[Any] | None]] = field(default_factory=dict)
    dossiers: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.employees or self.trajectories or self.dossiers)

    def employee_ids(self) -> set[str]:
        return set(self.employees) | set(self.trajectories) | set(self.dossiers)


def _apply(entry: Entry, employee_id: str, changes: Changes) -> None:
    if employee_id in changes.employees:
        part = changes.employees[employee_id]
        if part is None:
            entry.pop("employee", None)
        else:
            entry["employee"] = part
    if employee_id in changes.trajectories:
        own = dict(entry.get("trajectories") or {})
        for trajectory_id, trajectory in changes.trajectories[employee_id].items():
            if trajectory is None:
                own.pop(trajectory_id, None)
            else:
                own[trajectory_id] = trajectory
        if own:
            entry["trajectories"] = own
        else:  # nothing of an erased employee stays behind, not even their id
            entry.pop("trajectories", None)
    if employee_id in changes.dossiers:
        dossier = changes.dossiers[employee_id]
        if dossier is None:
            entry.pop("dossier", None)
        else:
            entry["dossier"] = dossier


def head_before_save(root: Path, names: Iterable[str] = ()) -> bool:
    """Call under the lock before a save replaces files (``names``: the shared files it writes, relative
    to ``root``): may the save move the head on for them afterwards?"""
    return _head_matches_for(root, names)


def update(root: Path, changes: Changes, head_was_current: bool, names: Iterable[str] = ()) -> None:
    """After a save replaced its files (under the lock): write the changed entries and, when the head
    matched the shared files ``names`` the save wrote before it, move it on for those files as they are
    now. A failure is ignored: summaries that are behind are found by :func:`stale` and rebuilt."""
    put_in_place(prepare(root, changes, head_was_current, names))


@dataclass
class Prepared:
    """The new summary files of a save, written to temporary files but not yet in place (:func:`prepare`)."""

    temps: list[tuple[Path, Path]]
    contents: list[Any]


def prepare(
    root: Path, changes: Changes, head_was_current: bool, names: Iterable[str] = (), gone: Iterable[str] = ()
) -> Prepared | None:
    """:func:`update` up to the renames: the temporary files of the changed summary files, made while the
    save's last folder fsync runs (the data files are in place; ``gone``: the shared files of ``names``
    the save removes next, as if removed already). None when there is nothing to write or writing failed
    (ignored, as in :func:`update`). Then :func:`put_in_place`, or :func:`discard` when the save fails."""
    with contextlib.suppress(OSError):
        return _write(root, changes, head_was_current, list(names), frozenset(gone))
    return None


def put_in_place(prepared: Prepared | None) -> None:
    """Put the files of :func:`prepare` in place (a failure is ignored: the summaries are then behind)."""
    if prepared is not None:
        with contextlib.suppress(OSError):
            _put_in_place(prepared.temps, prepared.contents)


def discard(prepared: Prepared | None) -> None:
    if prepared is not None:
        discard_temps(tmp for tmp, _path in prepared.temps)


def _write(
    root: Path, changes: Changes, head_was_current: bool, names: list[str], gone: frozenset[str] = frozenset()
) -> Prepared | None:
    if not changes:
        return None
    folder = root / FOLDER
    ensure_folder(folder)
    by_shard: dict[int, list[str]] = {}
    for employee_id in changes.employee_ids():
        by_shard.setdefault(shard_of(employee_id), []).append(employee_id)
    temps: list[tuple[Path, Path]] = []
    contents: list[Any] = []
    try:
        for shard, employee_ids in by_shard.items():
            stored = _full_shard(root, shard)
            if stored is None and head_was_current:  # lost or unreadable: rebuild the shared parts too
                head_was_current = False
                (folder / HEAD).unlink(missing_ok=True)
            rows = dict(stored or {})
            for employee_id in employee_ids:
                entry = _entry(rows.get(employee_id))
                _apply(entry, employee_id, changes)
                if entry:
                    rows[employee_id] = _row(entry)
                else:
                    rows.pop(employee_id, None)
            path = _shard_path(root, shard)
            temps.append((write_temp(path, dumps(rows), fsync=False), path))
            contents.append(rows)
        current = read_head(root) or {}
        shared = dict(current.get("shared") or {}) | {
            name: None if name in gone else _as_list(identity(root / name)) for name in names
        }
        if head_was_current and current.get("shared") != shared:  # a dossier save keeps it
            path = folder / HEAD
            head = current | {"format": FORMAT, "shared": shared}  # the empty shards listed stay: a file wins
            temps.append((write_temp(path, dumps(head), fsync=False), path))
            contents.append(head)
    except OSError:
        discard_temps(tmp for tmp, _path in temps)
        raise
    return Prepared(temps, contents)


# -- checking and rebuilding -----------------------------------------------------------------------


@dataclass
class Stale:
    """What no longer matches the data files."""

    shared: bool = False
    """A shard of employees/ or trajectories/ changed without the summaries (every shared part is rebuilt)."""
    dossiers: set[str] = field(default_factory=set)
    """Employees whose dossier file is not the one summarised (changed, new or gone)."""

    def __bool__(self) -> bool:
        return self.shared or bool(self.dossiers)


class _AllRows(Mapping[str, Row]):
    """Every row of the shards read, looked up in the shard of the employee's id: no dict of every row is
    made (at 20,000 employees a check after the first paint made one of 20,000 entries, 1.3 MB)."""

    __slots__ = ("_shards",)

    def __init__(self, shards: list[dict[str, Row]]) -> None:
        self._shards = shards

    def __getitem__(self, employee_id: str) -> Row:
        return self._shards[shard_of(employee_id)][employee_id]

    def get(self, employee_id: str, default: Any = None) -> Any:
        return self._shards[shard_of(employee_id)].get(employee_id, default)

    def __contains__(self, employee_id: object) -> bool:
        return isinstance(employee_id, str) and employee_id in self._shards[shard_of(employee_id)]

    def __iter__(self) -> Iterator[str]:
        for rows in self._shards:
            yield from rows

    def __len__(self) -> int:
        return sum(len(rows) for rows in self._shards)

    def values(self) -> Iterator[Row]:  # type: ignore[override]
        for rows in self._shards:
            yield from rows.values()

    def items(self) -> Iterator[tuple[str, Row]]:  # type: ignore[override]
        for rows in self._shards:
            yield from rows.items()


def _all_rows(root: Path, coach_id: str | None = None, *, full: bool = False) -> tuple[Mapping[str, Row], bool]:
    """Every stored entry, and whether they can be used: every shard read, under a head of this format.
    The rows as a read keeps them (:func:`_shard`), or, ``full``, with every column (to write them again)."""
    shards: list[dict[str, Row]] = []
    complete = read_head(root) is not None
    for shard in range(SHARDS):
        found = _full_shard(root, shard) if full else _shard(root, shard, coach_id)
        if found is None:
            complete = False
        shards.append(found or {})
    return _AllRows(shards), complete


def stale(root: Path, dossier_ids: Iterable[str]) -> Stale:
    """Compare the summaries with the data files: two shared files and one ``stat`` per dossier.
    A summary file that is missing or cannot be read makes everything stale."""
    return _stale(root, dossier_ids, *_all_rows(root))


def _stale(root: Path, dossier_ids: Iterable[str], rows: Mapping[str, Row], complete: bool) -> Stale:
    found = Stale()
    found.shared = not complete or not head_matches(root)
    if not complete:
        rows = {}
    dossier_folder = os.path.join(root, DOSSIERS, "")  # joined as text: a Path per dossier costs more than its stat
    summarised = 0
    for employee_id in dossier_ids:  # may come one at a time: no set of every id is made
        row = rows.get(employee_id)
        recorded = row[4] if row and row[3] else None
        summarised += recorded is not None
        if recorded != _as_list(identity(f"{dossier_folder}{employee_id}.json")):
            found.dossiers.add(employee_id)
    if summarised != sum(1 for row in rows.values() if row[3]):  # a summarised dossier was not listed (rare)
        found.dossiers.update(
            employee_id
            for employee_id, row in rows.items()
            if row[3] and row[4] != _as_list(identity(f"{dossier_folder}{employee_id}.json"))
        )
    return found


class Behind(Exception):
    """:func:`current_shards` found something to bring in line (or summaries it does not give shard by
    shard): ask :func:`refresh`."""


def current_shards(root: Path, dossier_ids: Iterable[str]) -> Iterator[dict[str, Summary]]:
    """Every entry, as :func:`refresh` returns them when nothing is stale, one shard at a time, in the
    same order, without keeping a shard parsed (unless this process kept it already): a list that reads
    every entry once holds one shard of summaries at a time, not all of them (48 MB at 20,000 employees).

    Each shard is checked as :func:`stale` checks it (the head first: it names every shard of
    employees/ and trajectories/ as they are; then one ``stat`` per dossier) before its entries are
    given. Raises :class:`Behind` as soon as something is stale, a shard is lost, or a shard holds an
    employee an earlier shard held or a row that is not a row (:func:`refresh`'s single dict keeps one
    of them; its errors are its own): the caller drops what it made and asks :func:`refresh`, which
    brings the summaries in line and writes them."""
    if read_head(root) is None or not head_matches(root):
        raise Behind
    present: set[str] = set()
    by_shard: dict[int, list[str]] = {}
    for employee_id in dossier_ids:
        present.add(employee_id)
        by_shard.setdefault(shard_of(employee_id), []).append(employee_id)
    dossier_folder = os.path.join(root, DOSSIERS, "")  # joined as text, as _stale does
    seen: set[str] = set()
    for shard in range(SHARDS):
        rows = _full_shard(root, shard, keep=False)
        if rows is None or not seen.isdisjoint(rows):
            raise Behind
        seen.update(rows)
        try:
            for employee_id in by_shard.get(shard, ()):
                row = rows.get(employee_id)
                recorded = row[4] if row and row[3] else None
                if recorded != _as_list(identity(f"{dossier_folder}{employee_id}.json")):
                    raise Behind
            if any(row[3] and employee_id not in present for employee_id, row in rows.items()):
                raise Behind
        except (TypeError, IndexError, KeyError, AttributeError):
            raise Behind from None
        yield _summaries(root, rows)


Reader = Callable[[Path], Mapping[str, Mapping[str, Any]]]
"""Reads a data file's tables (the store's :func:`~poptui.store.storage.read_tables`)."""


def refresh(
    root: Path,
    dossier_ids: Iterable[str],
    read: Reader,
    locked: Callable[[], AbstractContextManager[None]],
    coach_id: str | None = None,
    *,
    every: bool = False,
    unchanged: dict[str, Summary] | None = None,
) -> dict[str, Summary]:
    """Bring stale parts in line with the data files and return every entry (``unchanged``, when given, is
    returned as it is when nothing was stale: a caller that has what it built from them need not build
    an entry per employee again).

    Only what changed is read, without the lock; each file's identity is taken before and after it
    is read, and under the lock a part is written only while its file is still the one read. A
    damaged or unreadable shard of employees/ or trajectories/ raises the store's error, as reading it
    for the list did before the summaries (the app stops with what ``poptui check`` would say); a
    dossier that cannot be read keeps its old part (``poptui check`` reports it, opening it says so).
    When the summaries
    cannot be written (a read-only folder, another coach holding the lock), the entries are
    still returned, from memory. ``coach_id`` and ``every``: as for :func:`read_all`.
    """
    rows, complete = _all_rows(root, coach_id)
    found = _stale(root, dossier_ids, rows, complete)
    if not found:
        return unchanged if unchanged is not None else _summaries(root, rows, every)
    if not complete:
        rows = {}
    changes = Changes()
    shared_seen = None
    if found.shared:
        shared_seen = shared_identities(root)
        try:
            tables: dict[str, Mapping[str, Mapping[str, Any]]] | None = {name: read(root / name) for name in SHARED}
        except (OSError, ValueError):
            tables = None
        if tables is None or shared_identities(root) != shared_seen:
            shared_seen = None
        else:
            for shard_tables in tables.values():
                for doc in (shard_tables.get("employees") or {}).values():
                    changes.employees[str(doc.get("id"))] = employee_part(doc)
                for doc in (shard_tables.get("trajectories") or {}).values():
                    own = changes.trajectories.setdefault(str(doc.get("employee_id")), {})
                    own[str(doc.get("id"))] = trajectory_part(doc)
    dossier_folder = root / DOSSIERS
    for employee_id in sorted(found.dossiers):
        path = dossier_folder / f"{employee_id}.json"
        seen = identity(path)
        if seen is None:
            changes.dossiers[employee_id] = None
            continue
        try:
            dossier_tables = read(path)
        except (OSError, ValueError, StoreError):
            continue
        if identity(path) == seen:
            changes.dossiers[employee_id] = dossier_part(dossier_tables, seen)
    fresh = _merged(rows, changes, replace_shared=shared_seen is not None, root=root)
    with contextlib.suppress(OSError, ValueError, StoreError), locked():
        _write_checked(root, changes, shared_seen)
    return _summaries(root, fresh, every)


def _summaries(root: Path, rows: Mapping[str, Row], every: bool = False) -> dict[str, Summary]:
    full = _with_dossiers(root, rows) if every else {}
    return {employee_id: Summary(row, root, employee_id, full.get(employee_id)) for employee_id, row in rows.items()}


def _with_dossiers(root: Path, rows: Mapping[str, Row]) -> dict[str, Row]:
    """For each of ``rows`` whose dossier columns were not kept, a row with them (and nothing of its other
    parts), from the summary files as they are now: each shard parsed once, in any order of the rows, and
    kept by no cache."""
    wanted: dict[int, list[str]] = {}
    for employee_id, row in rows.items():
        if row and row[3] is NOT_KEPT:
            wanted.setdefault(shard_of(employee_id), []).append(employee_id)
    out: dict[str, Row] = {}
    for shard, employee_ids in wanted.items():
        found = _full_shard(root, shard, keep=False) or {}
        for employee_id in employee_ids:
            stored = found.get(employee_id)
            complete = stored is not None and len(stored) > 3 and stored[3] is not NOT_KEPT
            out[employee_id] = [stored[0], stored[1], "", *stored[3:]] if stored is not None and complete else []
    return out


def _write_checked(root: Path, changes: Changes, shared_seen: dict[str, list[int] | None] | None) -> None:
    """Under the lock: write the parts whose files are still the ones read, merged into the entries as they are now."""
    if shared_seen is not None and shared_identities(root) != shared_seen:
        shared_seen = None  # changed meanwhile: the next refresh reads them again
        changes.employees.clear()
        changes.trajectories.clear()
    dossier_folder = root / DOSSIERS
    for employee_id, part in list(changes.dossiers.items()):
        recorded = part.get("file") if part else None
        if _as_list(identity(dossier_folder / f"{employee_id}.json")) != recorded:
            del changes.dossiers[employee_id]
    if changes or shared_seen is not None:
        current, complete = _all_rows(root, full=True)
        if not complete:
            if shared_seen is None:
                return  # only a full rebuild may replace a summary file that cannot be read
            current = {}  # of another format, or unreadable: made again from the files
        _write_all(root, _merged(current, changes, replace_shared=shared_seen is not None), shared_seen)


def _merged(
    rows: Mapping[str, Row], changes: Changes, *, replace_shared: bool, root: Path | None = None
) -> dict[str, Row]:
    """The rows with ``changes`` applied; a changed row whose dossier columns were not kept is read with
    them from the summary file under ``root`` first."""
    out: dict[str, Row] = {}
    for employee_id, row in rows.items():
        kept = [[], None, "", *row[3:]] if replace_shared else row  # only the dossier part stays
        if kept[2] or kept[3]:
            out[employee_id] = kept
    for employee_id in changes.employee_ids():
        before = out.get(employee_id)
        if before and before[3] is NOT_KEPT:
            full = _full_row(root, employee_id) if root is not None else None
            complete = full is not None and full[3] is not NOT_KEPT
            before = [*before[:3], *(full[3:] if full is not None and complete else ["", None, "", ""])]
        entry = _entry(before)
        _apply(entry, employee_id, changes)
        if entry:
            out[employee_id] = _row(entry)
        else:
            out.pop(employee_id, None)
    return out


def _write_all(root: Path, rows: Mapping[str, Row], shared: Mapping[str, Any] | None) -> None:
    """Write every shard (and the head, when ``shared`` names the shared files the rows match).

    With a head, an empty shard gets no file: its file is removed before the new head, which lists it
    as empty, is put in place (killed in between, the old head does not list it: a rebuild follows).
    Without one, the head stays and an empty shard it does not list as empty is written as ``{}``."""
    folder = root / FOLDER
    ensure_folder(folder)
    shards: list[dict[str, Row]] = [{} for _ in range(SHARDS)]
    for employee_id, row in rows.items():
        shards[shard_of(employee_id)][employee_id] = row
    listed_empty = _empty_shards(root) if shared is None else frozenset()
    empty = [shard for shard, content in enumerate(shards) if not content]
    temps: list[tuple[Path, Path]] = []
    try:
        for shard, content in enumerate(shards):
            path = _shard_path(root, shard)
            if not content and (shared is not None or (shard in listed_empty and not path.exists())):
                continue
            temps.append((write_temp(path, dumps(content), fsync=False), path))
        head = None
        if shared is not None:
            head = (
                folder / HEAD,
                write_temp(folder / HEAD, dumps({"format": FORMAT, "shared": shared, "empty": empty}), fsync=False),
            )
    except OSError:
        discard_temps(tmp for tmp, _path in temps)
        raise
    try:
        _put_in_place(temps)
        if head is not None:
            for shard in empty:
                _shard_path(root, shard).unlink(missing_ok=True)
    except OSError:
        if head is not None:
            discard_temps([head[1]])
        raise
    if head is not None:
        _put_in_place([(head[1], head[0])])
    if shared is not None:
        for shard in range(LEGACY_SHARDS):  # of the 16-shard format (5), which is rebuilt
            _legacy_shard_path(root, shard).unlink(missing_ok=True)


def _put_in_place(temps: list[tuple[Path, Path]], contents: list[Any] | None = None) -> None:
    """Replace each file by its temporary file (no folder fsync: the summaries are derived); with
    ``contents`` (what each file holds) keep them parsed, so the next save need not read them."""
    for index, (tmp, path) in enumerate(temps):
        try:
            os.replace(tmp, path)
        except OSError:
            discard_temps(later for later, _path in temps[index:])
            raise
        if contents is not None:
            _keep_parsed(path, contents[index])


def _keep_parsed(path: Path, data: Any) -> None:
    """What a save wrote: the head as it is, a shard with every column (:func:`_full_shard`) and as a read
    keeps it, for the coach its earlier version was read for (:func:`_shard`)."""
    name = str(path)
    key = _file_key(path)
    if key is None:
        for kept in (_parsed, _read, _full, _written):
            kept.pop(name, None)
        return
    if path.name == HEAD:
        _parsed[name] = (key, data)
        return
    _written[name] = (key, data)
    _full.pop(name, None)
    before = _read.get(name)
    if before is not None:  # a process that has not read this shard (a command) need not keep it twice
        _read[name] = _Read(key, _slimmed(data, before.coach), before.coach)


__all__ = [
    "FOLDER",
    "Behind",
    "Changes",
    "Stale",
    "current_shards",
    "dossier_part",
    "employee_part",
    "read_all",
    "refresh",
    "stale",
    "trajectory_part",
    "update",
]
