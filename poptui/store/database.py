"""The store: the only code that touches TinyDB.

Layout of a database folder (chosen for 2,000 employees over five years,
about 100k records): a save rewrites one small file, not everything.

    poptui-db.json          format marker and schema version
    core.json               organisations, persons, start-up analyses, trainings, hours
    employees/NN.json       employees, in 64 shards by a hash of their id (poptui.store.layout)
    trajectories/NN.json    trajectories, in the shard of their employee's id
    dossiers/<id>.json      per employee: contact moments, consultations, method
                            records, POP documents, action evaluations
    audit.log               append-only, hash-chained audit trail
    manifest.json           every data file's size and time as poptui left them, and the audit
                            head (the cheap check at start); manifest-changes.json: what saves
                            changed since (see poptui.store.manifest)
    summaries/              per-employee facts for the lists, in 128 shards (derived, rebuilt
                            when lost; see poptui.store.summaries)
    validated.json          the dossiers the last full check found valid, by the hash of their
                            bytes (derived; see poptui.store.validated)
    .lock                   the inter-process lock around every read-modify-write

The layout rule: a save writes only files whose size does not grow with the organisation —
the dossier it touches, one summary shard, the manifest's changes, an append to the audit
log — never a file listing every employee or every file. A shard without records has no
file. Up to schema 2 the employees and trajectories were each one file (employees.json,
trajectories.json: 9 and 21 MB at 20,000 employees, rewritten whole by every save); the
migration to schema 3 shards them (see :meth:`Database.migrate`).

Every write happens inside :meth:`Database.transaction`: the lock is taken, the
files involved are read fresh, changes are applied in memory and each changed
file is replaced atomically. Reads take no lock: files are only ever replaced
whole, so a reader sees the old or the new version, never half a file.
"""

from __future__ import annotations

import builtins
import contextlib
import copy
import getpass
import os
import re
import shutil
import threading
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from poptui import models  # models.X loads a model class where it is used: opening a database loads no pydantic
from poptui.i18n import _
from poptui.models import AuditAction
from poptui.store import audit, layout, manifest, schema, summaries, swap, validated, work
from poptui.store.errors import (
    CreateFailed,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    NewerSchema,
    NotADatabase,
    NotFound,
    SaveFailed,
    StoreError,
    os_reason,
    unreadable,
)
from poptui.store.files import (
    atomic_write,
    dumps,
    ensure_folder,
    loads,
    permissions,
)
from poptui.store.storage import is_clean, may_hold_date_in, read_table, read_tables, table_size
from poptui.store.summaries import Summary
from poptui.store.transaction import (
    DOSSIERS,
    SAFE_ID,
    R,
    Transaction,
    dossier_validator,
    expect_versions,
    now,
    parse,
)
from poptui.text import clean_line, json_has_unclean_text

if TYPE_CHECKING:
    from filelock import FileLock

    from poptui.models import AuditEvent, Record

__all__ = ["DOSSIERS", "FILE_OF_SCOPE", "Database", "Transaction", "default_actor", "expect_versions"]

LOCK_FILE = ".lock"
LOCK_TIMEOUT = 15.0
LOCK_POLL = 0.005
"""How often a waiting save tries the lock (filelock polls; it does not queue). At filelock's 50 ms a
process that saves in a loop re-takes the lock before a waiter looks again: with four processes saving
at once on a loaded two-core machine the worst wait was 7 to 13 s (and over 15 s, a refused save, at
load 13); at 5 ms it was 3 to 4.4 s. A try is one system call."""
_UNCHANGED: dict[str, Summary] = {}
"""Returned by :func:`summaries.refresh` when nothing was stale (:meth:`Database.summaries_changed`)."""

FILE_OF_SCOPE = {"core": "core.json"}
"""The scopes kept in one file; employees and trajectories are sharded (:mod:`poptui.store.layout`)."""


def default_actor() -> str:
    """Who is working: the coach behind sudo, else the login name."""
    for variable in ("SUDO_USER", "USER", "USERNAME", "LOGNAME"):
        value = os.environ.get(variable)
        if value:
            return value
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "onbekend"


class Database:
    """A poptui database folder. Open with :meth:`open` or :meth:`create`."""

    def __init__(self, path: Path, actor: str | None = None) -> None:
        self.path = path
        self.actor = clean_line(actor or default_actor()) or "onbekend"  # stamped on records: shown later
        self._file_lock: FileLock | None = None
        self._making_lock = threading.Lock()

    @property
    def _lock(self) -> FileLock:
        """The inter-process lock, made when first taken: filelock (and what it imports) is not loaded
        by a start that only reads, which is every start until the first save."""
        with self._making_lock:
            if self._file_lock is None:
                from filelock import FileLock

                self._file_lock = FileLock(str(self.path / LOCK_FILE), timeout=LOCK_TIMEOUT, mode=permissions().file)
            return self._file_lock

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, actor: str | None = None) -> Database:
        """Make a new, empty database in ``path`` (a missing or empty folder)."""
        path = Path(path)
        try:
            exists = path.exists()
            if exists and not path.is_dir():
                raise NotADatabase(path, "dit is een bestand, geen map")
            if exists and not is_empty_folder(path) and not (path / schema.META_FILE).exists():
                raise NotADatabase(path, "de map is niet leeg")
        except OSError as error:
            raise CreateFailed(path, os_reason(error)) from error
        if path.is_dir() and (path / schema.META_FILE).exists():
            raise StoreError(_("Er staat al een poptui-database in {path}.", path=path))
        made_dossiers = not (path / DOSSIERS).exists()
        try:
            ensure_folder(path)
            ensure_folder(path / DOSSIERS)
            meta: dict[str, Any] = {
                "format": schema.FORMAT_NAME,
                "schema_version": schema.SCHEMA_VERSION,
                "created_at": now().isoformat(),
                manifest.META_FLAG: True,
            }
            if permissions().group_name:
                meta["group"] = permissions().group_name
            manifest.write(path, manifest.Manifest())
            summaries.create(path)
            atomic_write(path / schema.META_FILE, dumps(meta))
        except OSError as error:
            _undo_create(path, made_folder=not exists, made_dossiers=made_dossiers)
            raise CreateFailed(path, os_reason(error)) from error
        return cls(path, actor)

    @classmethod
    def open(cls, path: Path, actor: str | None = None, *, migrate: bool = True) -> Database:
        """Open an existing database; refuse what is not one, never overwriting anything."""
        path = Path(path)
        try:
            if not path.exists():
                raise DatabaseMissing(path)
            if not path.is_dir():
                raise NotADatabase(path, "dit is een bestand, geen databasemap")
        except OSError as error:
            raise unreadable(path, error) from error
        database = cls(path, actor)
        work.sweep(path)  # work folders of a killed process (an unpacked backup being checked)
        if swap.pending(path):
            with database._locked():  # finishes an interrupted restore first (see store.swap)
                pass
        version = database.schema_version()
        if version > schema.SCHEMA_VERSION:
            raise NewerSchema(path, version, schema.SCHEMA_VERSION)
        if version < schema.SCHEMA_VERSION and migrate:
            database.migrate()
        elif migrate and database._legacy_left():  # a migration killed after its switch point: finish it
            with contextlib.suppress(StoreError, OSError):  # read-only, or busy: the next open tries again
                database.migrate()
        return database

    def meta(self) -> dict[str, Any]:
        meta_path = self.path / schema.META_FILE
        try:
            raw = meta_path.read_bytes()
        except FileNotFoundError:
            raise NotADatabase(self.path, f"het bestand {schema.META_FILE} ontbreekt") from None
        except OSError as error:
            raise unreadable(meta_path, error) from error
        try:
            meta = loads(raw)
        except ValueError:
            raise DatabaseDamaged(meta_path, "geen geldige JSON") from None
        if not isinstance(meta, dict) or meta.get("format") != schema.FORMAT_NAME:
            raise NotADatabase(self.path, f"{schema.META_FILE} is geen poptui-bestand")
        return meta

    def schema_version(self) -> int:
        version = self.meta().get("schema_version")
        if not isinstance(version, int) or version < 1:
            raise DatabaseDamaged(self.path / schema.META_FILE, "geen geldig schemanummer")
        return version

    def data_files(self, *, legacy: bool = False) -> list[Path]:
        """Every TinyDB file of the database; ``legacy``: also the single files of schema 2 (for a migration)."""
        files = [self.path / name for name in FILE_OF_SCOPE.values() if (self.path / name).exists()]
        if legacy:
            files.extend(self.path / name for name in layout.LEGACY_FILES.values() if (self.path / name).exists())
        for scope in layout.FOLDERS:
            files.extend(layout.shard_files(self.path, scope))
        dossier_folder = self.path / DOSSIERS
        if dossier_folder.is_dir():
            files.extend(sorted(dossier_folder.glob("*.json")))
        return files

    def unclean_text_files(self, known_clean: Collection[Path] = ()) -> builtins.list[Path]:
        """Data files holding text poptui would have cleaned (escape, control, bidi or invisible characters).

        The store cleans the text of every record it writes and reads it back as it is
        (:data:`poptui.models.base.STORED`), so such a file was changed by something else.
        ``known_clean``: files found clean already (see :meth:`validated_dossiers`), not looked at again.
        """
        found = []
        for path in self.data_files():
            if path in known_clean:
                continue
            try:
                if not is_clean(path) and path.exists():  # found when the file was parsed: not read again
                    found.append(path)
            except (OSError, ValueError, StoreError):  # unreadable or not JSON: reported when it is read
                continue
        return found

    def migrate(self) -> None:
        """Bring an older database to the current schema (under the lock), after a backup.

        Order (see :mod:`poptui.store.schema`): every file is read (and so verified), a backup is
        made, the steps run on the files they work on, the changed and new files are written, then
        ``poptui-db.json`` with the new version: the switch point. Then the manifest is brought up to
        date and the files the steps dropped are removed (:meth:`_finish_migration`, which the next
        open runs again when a kill came in between). A kill before the switch leaves the old
        database, and the migration runs again at the next open.
        """
        from poptui.store import backup

        with self._locked():
            version = self.schema_version()
            if version >= schema.SCHEMA_VERSION:
                self._finish_migration()
                return
            steps = schema.migrations_from(version)
            # Read (and so verify) every file before backing anything up: a damaged database is refused
            # here and never copied into the backups, where it could push out a good one.
            originals: dict[str, Any] = {}
            for path in self.data_files(legacy=True):
                name = path.relative_to(self.path).as_posix()
                tables = read_tables(path)
                if schema.touched(version, name):
                    originals[name] = tables
            files = {name: copy.deepcopy(tables) for name, tables in originals.items()}
            backup.write_backup_file(self.path, backup.backup_folder(self.path), backup.BackupReason.MIGRATION)
            legacy_seen = summaries.legacy_identities(self.path)
            for step in steps:
                step(files)
            for name, tables in files.items():
                if name not in originals or tables != originals[name]:
                    ensure_folder((self.path / name).parent)
                    atomic_write(self.path / name, dumps(tables))
            for name in originals:
                if name not in files and layout.is_shard_name(name):  # left by an interrupted run: not data yet
                    (self.path / name).unlink(missing_ok=True)
            summaries.after_migration(self.path, legacy_seen)
            meta = self.meta() | {"schema_version": schema.SCHEMA_VERSION, "migrated_at": now().isoformat()}
            atomic_write(self.path / schema.META_FILE, dumps(meta))
            self._finish_migration()

    def _finish_migration(self) -> None:
        """Under the lock, after the switch to the current schema: the manifest names the shards instead of
        the single files of schema 2, then those files are removed. Repeated until it is done (by every
        open of a database that still has them)."""
        left = [name for name in layout.LEGACY_FILES.values() if (self.path / name).exists()]
        if not left:
            return
        try:
            before = self.manifest_for_save()
        except DatabaseDamaged:
            return  # the full check at start reports it; the old files stay until it is repaired
        if before is not None:
            shards = [
                path.relative_to(self.path).as_posix()
                for scope in layout.FOLDERS
                for path in layout.shard_files(self.path, scope)
            ]
            self.update_manifest(before, shards, left, None, 0)
            try:
                after = manifest.read(self.path)
            except manifest.ManifestUnreadable:
                after = None
            if after is not None and any(name in after.files for name in left):
                return  # the manifest could not be written: removing the files now would look like damage
        for name in left:
            (self.path / name).unlink(missing_ok=True)

    def _legacy_left(self) -> bool:
        """Are the single files of schema 2 still there (a migration killed after its switch point)?"""
        return any((self.path / name).exists() for name in layout.LEGACY_FILES.values())

    # -- where records live ------------------------------------------------------

    def _file_for(self, record_type: type[Record], employee_id: str | None) -> Path:
        """The file of ``record_type``'s records of employee ``employee_id`` (for an employee: its own id;
        unused for the organisation-wide records of core.json)."""
        scope = record_type.scope
        if scope in FILE_OF_SCOPE:
            return self.path / FILE_OF_SCOPE[scope]
        if not employee_id or not SAFE_ID.match(employee_id):
            raise StoreError(f"Ongeldige werknemer-id voor een {record_type.label}: {employee_id!r}")
        if scope in layout.FOLDERS:
            return self.path / layout.shard_name(scope, employee_id)
        return self.path / DOSSIERS / f"{employee_id}.json"

    def _files_of(self, record_type: type[Record], employee_id: str | None = None) -> builtins.list[Path]:
        """The files holding ``record_type``'s records (of one employee, when given)."""
        scope = record_type.scope
        if scope in layout.FOLDERS and employee_id is None:
            return layout.shard_files(self.path, scope)
        if scope == "dossier" and employee_id is None:
            return [self._file_for(record_type, some_id) for some_id in self.dossier_ids()]
        return [self._file_for(record_type, employee_id)]

    def is_clean(self, path: Path) -> bool:
        """Does the data file ``path`` hold only text poptui writes (see :func:`poptui.store.storage.is_clean`)?"""
        return is_clean(path)

    def dossier_path(self, employee_id: str) -> Path:
        """The dossier file of an employee (raises :class:`StoreError` for an id poptui never writes)."""
        return self._file_for(models.ContactMoment, employee_id)

    def validated_dossiers(self) -> validated.Validated:
        """The dossiers earlier full checks found valid, for this check (see :mod:`poptui.store.validated`)."""
        return validated.Validated(self.path)

    def prepare_dossier_validation(self) -> None:
        """Make the validator of whole dossier files (:meth:`valid_dossier`): for a check of many dossiers."""
        dossier_validator(build=True)

    def read_dossier(self, employee_id: str) -> tuple[bytes, validated.Seen | None] | None:
        """An employee's dossier file as a check reads it (see :func:`poptui.store.validated.read_dossier`)."""
        return validated.read_dossier(self.dossier_path(employee_id))

    def valid_dossier(self, employee_id: str, raw: bytes | None = None) -> dict[str, dict[str, Any]] | None:
        """An employee's dossier validated as one file: its tables as stored (shared: do not change
        them), when the file is whole JSON of a dossier's tables, holds only text poptui writes (see
        :meth:`is_clean`) and every record in it is valid with a sound id; None otherwise, and before
        :meth:`prepare_dossier_validation`. Then :meth:`list` reads each record type and says what
        is wrong, in its own words.

        The same rules as :meth:`list` of each dossier record type (a record the one refuses, the
        other refuses), without its per-file and per-record work and without building a record:
        the file is read once, parsed once, validated in one call and not kept parsed (a check
        reads every dossier once). A valid record's ids are those of its document. ``raw``: the
        file's bytes, read already (:meth:`read_dossier`)."""
        validator = dossier_validator()
        if validator is None:
            return None
        try:
            if raw is None:
                raw = self._file_for(models.ContactMoment, employee_id).read_bytes()
            data = loads(raw)
        except (OSError, ValueError, StoreError):  # unreadable, not JSON or not an id poptui writes: list() says
            return None
        if not isinstance(data, dict):
            return None
        for table in data.values():
            if not isinstance(table, dict):
                return None
            for doc in table.values():
                if not isinstance(doc, dict) or not SAFE_ID.match(str(doc.get("id", ""))):
                    return None
        if json_has_unclean_text(raw, lambda _raw: data):  # its text is cleaned as it is read: list() reads it
            return None
        try:
            validator.validate_python(data, context=models.STORED)
        except models.ValidationError:
            return None
        return data

    def dossier_ids(self) -> list[str]:
        """The stems of ``dossiers/*.json`` (read as names, not Paths: 2,000 Paths take longer than the listing)."""
        folder = self.path / DOSSIERS
        try:
            names = os.listdir(folder) if folder.is_dir() else []
        except PermissionError:
            return []  # as Path.glob, which finds nothing in a folder it may not read
        return sorted(name[:-5] or name for name in names if name.endswith(".json"))

    def _dossier_stems(self) -> Iterator[str]:
        """:meth:`dossier_ids` one at a time, unsorted: a check of every dossier need not hold every name
        (at 20,000 employees the listing and its sorted stems took 4 MB beside the lists)."""
        try:
            with os.scandir(self.path / DOSSIERS) as entries:
                for entry in entries:
                    if entry.name.endswith(".json"):
                        yield entry.name[:-5] or entry.name
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return

    # -- reading -----------------------------------------------------------------

    def _documents(self, path: Path, table: str) -> Iterable[dict[str, Any]]:
        """The documents of a TinyDB table, read straight from the parsed file (shared: never changed)."""
        return (read_tables(path).get(table) or {}).values()

    def _load(self, record_type: type[R], doc: dict[str, Any], path: Path, clean: bool = False) -> R:
        """``clean``: the file holds only text poptui writes (storage.is_clean), so it is not cleaned again."""
        if not isinstance(doc, dict) or not SAFE_ID.match(str(doc.get("id", ""))):
            raise DatabaseDamaged(path, f"ongeldige id in een {record_type.label}")
        try:
            return parse(record_type, doc, stored=clean)
        except models.ValidationError as error:
            from poptui.models.errors import field_errors  # loads pydantic: only when a record is refused

            problems = "; ".join(str(item) for item in field_errors(error, record_type))  # one line: a list item
            raise DatabaseDamaged(
                path, _("ongeldig record {id}: {problems}", id=doc.get("id", "?"), problems=problems)
            ) from error

    def list(
        self,
        record_type: type[R],
        *,
        employee_id: str | None = None,
        where: Callable[[R], bool] | None = None,
        dated_in: tuple[str, int, int] | None = None,
        employee_ids: Iterable[str] | None = None,
        **equals: Any,
    ) -> list[R]:
        """All records of a type, optionally of one employee, filtered.

        ``dated_in`` (field, year, month) says only records with that date field in the month are
        wanted (``where`` still decides): a file that cannot hold one is not parsed
        (:func:`~poptui.store.storage.may_hold_date_in`), so a month's records across every dossier
        cost a look at each file's bytes, not a parse of each file; and in a file that is parsed, a
        record whose field is null or an ISO date of another month is left out before it is built
        (the month's hours read years of contact moments to keep a month's: 12,500 records built for
        about 300 at 2,000 employees). A field of any other form is built and left to ``where``.
        ``employee_ids`` (dossier records only): the records of those employees only, in that order."""
        if employee_ids is None:
            paths = self._files_of(record_type, employee_id or None)
        elif record_type.scope == "dossier" and employee_id is None:
            paths = [self._file_for(record_type, some_id) for some_id in employee_ids]
        else:
            raise ValueError("employee_ids is for the records of dossiers, without employee_id")
        if dated_in is not None:
            paths = [path for path in paths if may_hold_date_in(path, *dated_in)]
        if record_type.scope != "dossier" and employee_id is not None:
            equals["employee_id"] = employee_id
        wanted = [(key, _plain(value)) for key, value in equals.items()]
        out: list[R] = []
        for path in paths:
            documents = self._documents(path, record_type.table)
            clean = is_clean(path)
            for doc in documents:
                if any(doc.get(key) != value for key, value in wanted):
                    continue
                if dated_in is not None and not _may_be_dated_in(doc.get(dated_in[0]), dated_in[1], dated_in[2]):
                    continue
                record = self._load(record_type, doc, path, clean)
                if where is None or where(record):
                    out.append(record)
        return out

    def has_records(self, record_type: type[Record]) -> bool:
        """Is there any record of this type? Read from the files as stored: no record is built, so no model
        schema either, and the rest of the file is not kept parsed (the start asks it before the first
        paint)."""
        return any(table_size(path, record_type.table) for path in self._files_of(record_type))

    def has_core_records(self, table: str) -> bool:
        """:meth:`has_records` of a core record type by the name of its table (its ``table``), for code
        that names the records without loading their model (the start, before the first paint)."""
        return bool(table_size(self.path / FILE_OF_SCOPE["core"], table))

    def stored_documents(self, record_type: type[Record]) -> builtins.list[Mapping[str, Any]] | None:
        """The documents of a core table exactly as stored, without building records: for the start, which
        reads a few fields of trusted data before the first paint (building a record builds its model
        schema, 2 MB and the largest part of a start's own work), and the rest of the file is not kept
        parsed (:func:`~poptui.store.storage.read_table`). None when a file of the table holds
        text poptui would not write (changed outside poptui): then read the records with :meth:`list`,
        which cleans what it reads (and refuses what is damaged). Shared with the store's cache: never
        change them."""
        if record_type.scope != "core":
            raise ValueError(f"{record_type.__name__} is no core record")
        return self.core_documents(record_type.table)

    def core_documents(self, table: str) -> builtins.list[Mapping[str, Any]] | None:
        """:meth:`stored_documents` of a core record type by the name of its table (its ``table``), for
        code that names the records without loading their model (``poptui list trajectories``)."""
        path = self.path / FILE_OF_SCOPE["core"]
        documents = builtins.list(read_table(path, table).values())
        if documents and not is_clean(path):
            return None
        if not all(isinstance(doc, dict) and SAFE_ID.match(str(doc.get("id", ""))) for doc in documents):
            return None
        return documents

    def get(self, record_type: type[R], record_id: str, *, employee_id: str | None = None) -> R:
        """One record by id; raises :class:`NotFound`."""
        found = self.find(record_type, record_id, employee_id=employee_id)
        if found is None:
            raise NotFound(record_type.label, record_id)
        return found

    def find(self, record_type: type[R], record_id: str, *, employee_id: str | None = None) -> R | None:
        if record_type.scope == "dossier" and employee_id is None:
            for some_id in self.dossier_ids():
                found = self.find(record_type, record_id, employee_id=some_id)
                if found is not None:
                    return found
            return None
        if record_type.scope == "employees":
            employee_id = record_id if SAFE_ID.match(record_id) else None
            if employee_id is None:
                return None
        paths = self._files_of(record_type, employee_id)
        if record_type.scope == "trajectories" and employee_id is not None:  # as before: found by id alone
            paths += [path for path in self._files_of(record_type) if path not in paths]
        for path in paths:
            for doc in self._documents(path, record_type.table):
                if isinstance(doc, dict) and doc.get("id") == record_id:
                    return self._load(record_type, doc, path, is_clean(path))
        return None

    # -- summaries (see poptui.store.summaries) -----------------------------------

    @overload
    def summaries(self, *, coach_id: str | None = None, every: bool = False) -> dict[str, Summary]: ...
    @overload
    def summaries(
        self, *, build: bool, coach_id: str | None = None, every: bool = False
    ) -> dict[str, Summary] | None: ...

    def summaries(
        self, *, build: bool = True, coach_id: str | None = None, every: bool = False
    ) -> dict[str, Summary] | None:
        """Per employee what the home screen and the employee list show, by employee id.

        Read from the summaries as the saves left them (a few files, whatever the size of the
        database); when they are missing or behind the shared files they are built first, or,
        with ``build=False``, None is returned. Dossier parts are not checked here:
        :meth:`refresh_summaries` does that (one ``stat`` per dossier). ``coach_id``: the coach whose
        employees' dossier parts are kept in memory; another employee's is read when asked for, and with
        ``every`` (a list over every employee's dossier part) read with the rows
        (:func:`poptui.store.summaries.read_all`).
        """
        entries = summaries.read_all(self.path, coach_id, every=every)
        if entries is None and build:
            return self.refresh_summaries(coach_id=coach_id, every=every)
        return entries

    def summaries_stamp(self) -> Hashable:
        """Equal as long as the summaries (and the organisation names) are the same: lists showing
        what they showed at this stamp need not be built again."""
        return (str(self.path), summaries.stamp(self.path))

    def refresh_summaries(self, *, coach_id: str | None = None, every: bool = False) -> dict[str, Summary]:
        """Bring the summaries in line with the data files, reading only what changed; every entry
        (``coach_id`` and ``every``: as for :meth:`summaries`)."""
        return summaries.refresh(self.path, self._dossier_stems(), read_tables, self._locked, coach_id, every=every)

    def summaries_changed(self, *, coach_id: str | None = None, every: bool = False) -> dict[str, Summary] | None:
        """:meth:`refresh_summaries`, or None when nothing was stale: the summaries are as they were read."""
        entries = summaries.refresh(
            self.path, self._dossier_stems(), read_tables, self._locked, coach_id, every=every, unchanged=_UNCHANGED
        )
        return None if entries is _UNCHANGED else entries

    def current_summaries(self) -> Iterator[dict[str, Summary]]:
        """Every entry as :meth:`refresh_summaries` gives them when the summaries are in line with the data
        files, one shard at a time, none kept (see :func:`summaries.current_shards`); raises
        :class:`summaries.Behind` before giving a shard that is not: then ask :meth:`refresh_summaries`."""
        return summaries.current_shards(self.path, self.dossier_ids())

    def dossiers_held_in(self, year: int, month: int) -> builtins.list[str]:
        """The employees whose dossier holds a contact moment held in the month, from the summaries'
        held months (brought in line with the files first): the month's package reads only those
        dossiers, not every dossier with a date in the month. A dossier the summaries could not read
        again (changed, and damaged) is listed too: reading it reports what is wrong."""
        ids = self.dossier_ids()
        entries = summaries.refresh(self.path, ids, read_tables, self._locked, every=True)
        behind = summaries.stale(self.path, ids).dossiers
        return [
            employee_id
            for employee_id in ids
            if employee_id in behind or summaries.held_in(entries.get(employee_id), year, month)
        ]

    # -- writing -----------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The inter-process lock; an interrupted restore (see :mod:`.swap`) is finished before anything else."""
        from filelock import Timeout

        try:
            self._lock.acquire(poll_interval=LOCK_POLL)
        except Timeout:
            raise DatabaseBusy() from None
        except OSError as error:  # a read-only folder or a full disk: the lock file cannot be made
            raise SaveFailed(self.path, os_reason(error)) from error
        try:
            if swap.pending(self.path):
                try:
                    swap.recover(self.path)
                except OSError as error:
                    raise SaveFailed(self.path, os_reason(error)) from error
            yield
        finally:
            self._lock.release()

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Lock, read fresh, apply changes, write every changed file atomically."""
        with self._locked():
            transaction = Transaction(self)
            yield transaction
            transaction.commit()

    def save(self, record: R) -> R:
        with self.transaction() as transaction:
            return transaction.save(record)

    def save_all(self, records: builtins.list[R]) -> builtins.list[R]:
        with self.transaction() as transaction:
            return [transaction.save(record) for record in records]

    def delete(self, record: Record) -> None:
        with self.transaction() as transaction:
            transaction.delete(record)

    def audit_events(self, employee_id: str | None = None) -> builtins.list[AuditEvent]:
        events = audit.read(self.path / audit.AUDIT_FILE)
        return [event for event in events if employee_id is None or event.employee_id == employee_id]

    def record_event(self, action: AuditAction, record: Record, fields: builtins.list[str] | None = None) -> None:
        """Audit something that is not a change, such as an export or a print."""
        self.record_events([(action, record, fields or [])])

    def record_events(self, events: Sequence[tuple[AuditAction, Record, Sequence[str]]]) -> None:
        """Audit several things that are not changes at once (one lock, one append)."""
        if not events:
            return
        with self._locked():
            before = self.manifest_for_save()
            made = [self._event(action, record, [*fields]) for action, record, fields in events]
            try:
                appended = audit.append(self.path / audit.AUDIT_FILE, made)
            except OSError as error:
                raise SaveFailed(self.path, os_reason(error)) from error
            if before is not None:
                self.update_manifest(before, [], [], appended, len(made))

    # -- the manifest (see poptui.store.manifest) -------------------------------------

    def manifest_for_save(self, writing: Sequence[Path] = ()) -> manifest.Manifest | None:
        """The manifest a save will update (call under the lock); None for a database from before manifests.

        Refuses (:class:`DatabaseDamaged`) to write to a database whose manifest is missing
        while the meta file says there is one, or whose audit log is shorter than poptui left it,
        or to write a file (of ``writing``) that the manifest lists but that is gone: deleted
        behind poptui's back, a new one in its place would hide the loss (a deleted core.json
        coming back with only a card deck in it, every organisation gone).
        An unreadable manifest is left for the next start's full check to replace.
        """
        try:
            found = manifest.read(self.path)
        except manifest.ManifestUnreadable:
            return None
        if found is None:
            if self.meta().get(manifest.META_FLAG):
                raise DatabaseDamaged(self.path / manifest.MANIFEST_FILE, _("de inhoudstabel ontbreekt"))
            return None
        audit_now = manifest.identity(self.path / audit.AUDIT_FILE)
        if (audit_now[0] if audit_now else 0) < found.audit_size or (found.audit_count and audit_now is None):
            raise DatabaseDamaged(
                self.path / audit.AUDIT_FILE, _("het auditlog is korter dan poptui het achterliet of ontbreekt")
            )
        for path in writing:
            if path.relative_to(self.path).as_posix() in found.files and not path.exists():
                raise DatabaseDamaged(path, _("het bestand ontbreekt"))
        return found

    def update_manifest(
        self,
        before: manifest.Manifest,
        written: Sequence[str],
        removed: Sequence[str],
        appended: audit.Appended | None,
        appended_entries: int,
    ) -> None:
        """Record a save in the manifest. A failure is ignored: a manifest that is behind only makes the
        next start run the full check."""
        audit_path = self.path / audit.AUDIT_FILE
        try:
            end = appended.size_before if appended else (manifest.identity(audit_path) or (0, 0))[0]
            entries = audit.count_lines(audit_path, before.audit_size, end) + appended_entries
            last = audit.last_hash(audit_path) if entries else None
            manifest.record(self.path, manifest.after_save(before, self.path, written, removed, entries, last))
        except OSError:
            return

    def manifest_differences(self) -> Sequence[str] | None:
        """Data files not exactly as poptui last wrote them; None when there is no manifest to compare with."""
        try:
            found = manifest.read(self.path)
        except manifest.ManifestUnreadable:
            return [manifest.MANIFEST_FILE]
        if found is None:
            if self.meta().get(manifest.META_FLAG):
                raise DatabaseDamaged(self.path / manifest.MANIFEST_FILE, _("de inhoudstabel ontbreekt"))
            return None
        return manifest.differences(self.path, found)

    def seal(self, verified: dict[str, manifest.Identity], inspection: audit.Inspection) -> None:
        """After a full check found nothing: bring the manifest up to date (see :func:`manifest.seal`)."""
        with self._locked():
            audit_now = manifest.identity(self.path / audit.AUDIT_FILE)
            if (audit_now[0] if audit_now else 0) < inspection.size:
                return  # cut while we checked: leave the evidence for the next check
            manifest.seal(self.path, verified, inspection.count, inspection.last_hash, inspection.size)
            meta = self.meta()
            if not meta.get(manifest.META_FLAG):
                atomic_write(self.path / schema.META_FILE, dumps(meta | {manifest.META_FLAG: True}))

    def update_meta(self, **values: Any) -> None:
        """Add or change keys of ``poptui-db.json`` (under the lock)."""
        with self._locked():
            try:
                atomic_write(self.path / schema.META_FILE, dumps(self.meta() | values))
            except OSError as error:
                raise SaveFailed(self.path, os_reason(error)) from error

    def _event(self, action: AuditAction, record: Record, fields: builtins.list[str]) -> AuditEvent:
        employee_id = record.id if isinstance(record, models.Employee) else getattr(record, "employee_id", None)
        return models.AuditEvent(
            at=now(),
            actor=self.actor,
            action=action,
            record_type=type(record).__name__ if not isinstance(record, models.MethodRecordBase) else "MethodRecord",
            record_id=record.id,
            employee_id=employee_id,
            fields=sorted(fields),
        )


IGNORED_IN_EMPTY = (LOCK_FILE, work.WORK_FOLDER)
"""What a folder may hold and still count as empty for a new database: an unused lock and work folder."""


def is_empty_folder(path: Path) -> bool:
    """Does ``path`` hold nothing but what poptui leaves when it could not make a database there?"""
    return all(entry.name in IGNORED_IN_EMPTY or entry.name.startswith(swap.STAGING_PREFIX) for entry in path.iterdir())


def _undo_create(path: Path, *, made_folder: bool, made_dossiers: bool) -> None:
    """A :meth:`Database.create` that failed (a full or read-only disk) leaves nothing that would stop the
    next try: no manifest without a meta file, no empty ``dossiers/``, no folder it made itself."""
    if (path / schema.META_FILE).exists():
        return
    for name in (manifest.MANIFEST_FILE, manifest.CHANGES_FILE):
        with contextlib.suppress(OSError):
            (path / name).unlink()
    shutil.rmtree(path / summaries.FOLDER, ignore_errors=True)
    if made_dossiers:
        with contextlib.suppress(OSError):
            (path / DOSSIERS).rmdir()
    if made_folder:
        with contextlib.suppress(OSError):
            path.rmdir()


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _may_be_dated_in(value: object, year: int, month: int) -> bool:
    """Can a stored date field ``value`` be a date in the month? Not when it is null or an ISO date of
    another month (how poptui stores a date); anything else is built and decided by the record's model."""
    if value is None:
        return False
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value.startswith(f"{year:04d}-{month:02d}-")
    return True


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)
