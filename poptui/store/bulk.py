"""Many records written in one short locked step: the employee import.

A :class:`~poptui.store.transaction.Transaction` reads and rewrites its files per save and
holds the lock while the caller works; that is right for a form, and quadratic for an import
of 100,000 rows (each save scans the table, TinyDB copies it) that would keep every other coach
waiting. :func:`write_many` does the same job in two steps:

1. **Without the lock**: every record is checked (a safe id; version 0 for a new record, the
   version it was loaded with for a changed one), stamped (version, created_at, updated_at,
   updated_by) and turned into its JSON document; its audit entry is serialised and half
   hashed (:func:`poptui.store.audit.prepare`). The dossier files of employees created in this
   same write (nobody else can know their ids yet) are written as temporary files beside their
   place and made durable with one sync.
2. **Under the lock, briefly**: the :class:`Snapshot` s the caller based its decisions on
   are compared with what is stored now; when any record in them was added, changed or
   removed, :class:`StaleRead` is raised, nothing is written and the caller decides again
   (the import re-checks its duplicates). Else the store's save checks run
   (:mod:`poptui.store.policy`), the shared files are read fresh, the new documents added
   and the changed ones replaced (refused with :class:`VersionConflict` when stored since),
   each changed shared file is written as a temporary file, the audit entries are chained and
   appended in one go, and the files are put in place: shared files first, then the new
   dossier files (a rename each); each folder is synced once, after its last file.

All or nothing like a transaction: a failure before the audit entries are written leaves
every file as it was and removes the temporary files. Only new records and a few changes:
deleting is not done here. A changed record is validated again (its text cleaned) like a
transaction's; new records are written as they are, so make them with the model's constructor
or ``model_validate`` (which clean their text; with :data:`~poptui.models.base.CLEANED` only text
cleaned as it was read, an import's cells), never with ``model_copy(update=...)`` of text. Their
names go into the summaries as they are (:func:`poptui.store.summaries.employee_part`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from poptui.models import AuditAction, AuditEvent, Employee, MethodRecordBase, Record
from poptui.store import audit, layout, policy, summaries
from poptui.store.errors import NotFound, SaveFailed, StoreError, VersionConflict, os_reason
from poptui.store.files import (
    _fsync_folder,
    discard_temps,
    dumps,
    ensure_folder,
    replace_with,
    sync_batch,
    write_temp,
)
from poptui.store.storage import forget, is_clean, read_tables, remember_written
from poptui.store.transaction import DOSSIERS, SAFE_ID, Transaction, _content_fields, _owner, _when, checked, now

if TYPE_CHECKING:
    from poptui.store.database import Database

R = TypeVar("R", bound=Record)

Progress = Callable[[int, int], None]
"""``progress(done, total)`` while the records are prepared (outside the lock)."""


class StaleRead(StoreError):
    """What a decision was based on changed before it could be written: decide again."""

    def __init__(self) -> None:
        super().__init__(
            "Intussen heeft iemand anders gegevens van deze organisatie gewijzigd. Er is niets opgeslagen; "
            "probeer het opnieuw."
        )


@dataclass(frozen=True)
class Snapshot:
    """The ids and versions of the records of one type matching ``equals``, as they were read."""

    record_type: type[Record]
    equals: tuple[tuple[str, Any], ...]
    versions: dict[str, int]


def _versions(database: Database, record_type: type[Record], equals: tuple[tuple[str, Any], ...]) -> dict[str, int]:
    if record_type.scope == "dossier":
        raise StoreError("Een momentopname kan alleen van werknemers, trajecten of kerngegevens.")
    return {
        str(doc.get("id")): int(doc.get("version", 0))
        for path in database._files_of(record_type)
        for doc in read_tables(path).get(record_type.table, {}).values()
        if all(doc.get(key) == value for key, value in equals)
    }


def snapshot(database: Database, record_type: type[Record], **equals: Any) -> Snapshot:
    """Ids and versions of the stored ``record_type`` records matching ``equals`` (read without a lock).

    Take it before reading the records a decision is based on; :func:`write_many` refuses to
    write when it no longer matches.
    """
    key = tuple(sorted((name, getattr(value, "value", value)) for name, value in equals.items()))
    return Snapshot(record_type, key, _versions(database, record_type, key))


def unchanged(database: Database, snapshots: Sequence[Snapshot]) -> bool:
    """Do the stored records still match every snapshot?"""
    return all(_versions(database, item.record_type, item.equals) == item.versions for item in snapshots)


@dataclass
class _Prepared:
    saved: Record
    doc: dict[str, Any]
    path: Path
    table: str
    scope: str
    owner: str | None
    """The employee whose file holds the record (None for core.json's records)."""
    stored_version: int | None = None
    """For a changed record: the version it must still have under the lock."""


_NOT_CONTENT = frozenset({"id", "version", "created_at", "updated_at", "updated_by"})


class _Write:
    """One :func:`write_many`: what is prepared without the lock, and the short locked step."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.moment = now()
        template = AuditEvent(
            at=self.moment, actor=database.actor, action=AuditAction.CREATE, record_type="-", record_id="-"
        )
        self.template = template.model_dump(mode="json")  # every entry is this one with its record filled in
        self.new: list[_Prepared] = []
        self.changed: list[_Prepared] = []
        self.audit_documents: list[dict[str, Any]] = []
        self.new_employee_ids: set[str] = set()
        self.paths: dict[tuple[str, str | int | None], Path] = {}
        self.dossier_temps: list[tuple[Path, Path]] = []
        self.fresh_dossiers: set[Path] = set()
        self.fresh_tables: dict[Path, dict[str, dict[str, Any]]] = {}

    def _path(self, record: Record) -> tuple[Path, str, str, str | None]:
        """(file, table, scope, owner) of ``record``; one :class:`Path` per file, not per record (10,000
        employees live in the 64 shards of employees/)."""
        base = MethodRecordBase if isinstance(record, MethodRecordBase) else type(record)
        employee_id = _owner(base, record)
        scope = base.scope
        where: tuple[str, str | int | None] = (scope, employee_id)
        if scope in layout.FOLDERS and employee_id and SAFE_ID.match(employee_id):
            where = (scope, layout.shard_of(employee_id))
        path = self.paths.get(where)
        if path is None:
            path = self.paths[where] = self.database._file_for(base, employee_id)
        return path, base.table, scope, employee_id

    def _audit(self, action: AuditAction, saved: Record, fields: list[str]) -> None:
        self.audit_documents.append(
            self.template
            | {
                "action": action.value,
                "record_type": "MethodRecord" if isinstance(saved, MethodRecordBase) else type(saved).__name__,
                "record_id": saved.id,
                "employee_id": saved.id if isinstance(saved, Employee) else getattr(saved, "employee_id", None),
                "fields": sorted(fields),
            }
        )

    def add_new(self, record: Record) -> None:
        label = type(record).label
        if not SAFE_ID.match(record.id):
            raise StoreError(f"Ongeldige id voor een {label}: alleen letters, cijfers, - en _.")
        if record.version != 0:
            raise StoreError(f"De {label} '{record.describe()}' is niet nieuw (versie {record.version}).")
        path, table, scope, owner = self._path(record)
        saved = record.model_copy(
            update={
                "version": 1,
                "created_at": record.created_at or self.moment,
                "updated_at": self.moment,
                "updated_by": self.database.actor,
            }
        )
        doc = saved.model_dump(mode="json")
        self.new.append(_Prepared(saved, doc, path, table, scope, owner))
        if isinstance(saved, Employee):
            self.new_employee_ids.add(saved.id)
        self._audit(AuditAction.CREATE, saved, [key for key, value in doc.items() if value and key not in _NOT_CONTENT])

    def add_changed(self, record: Record) -> None:
        path, table, scope, owner = self._path(record)
        stored = next((doc for doc in read_tables(path).get(table, {}).values() if doc.get("id") == record.id), None)
        if stored is None:
            raise NotFound(type(record).label, record.id)
        if stored.get("version") != record.version:
            raise _conflict(record, stored)
        saved = record.model_copy(
            update={"version": record.version + 1, "updated_at": self.moment, "updated_by": self.database.actor}
        )
        saved, doc = checked(type(record), saved)
        self.changed.append(_Prepared(saved, doc, path, table, scope, owner, record.version))
        fields = [key for key in _content_fields(doc) if doc.get(key) != stored.get(key)]
        if fields:  # the same version under the lock means the same stored document, so these fields hold
            self._audit(AuditAction.UPDATE, saved, fields)

    def write_new_dossiers(self) -> None:
        """The dossier files of the employees created here, as synced temporary files."""
        fresh: dict[Path, dict[str, dict[str, Any]]] = {}
        for item in self.new:
            if item.scope == "dossier" and item.owner in self.new_employee_ids:
                rows = fresh.setdefault(item.path, {}).setdefault(item.table, {})
                rows[str(len(rows) + 1)] = item.doc
        if not fresh:
            return
        ensure_folder(self.database.path / DOSSIERS)
        for path, tables in fresh.items():
            if path.exists():  # nobody else knows a new employee's id, so it cannot appear later either
                raise StoreError(f"Het dossier {path.name} bestaat al; er is niets opgeslagen.")
            self.dossier_temps.append((write_temp(path, dumps(tables), fsync=False), path))
            self.fresh_dossiers.add(path)
            self.fresh_tables[path] = tables
        sync_batch()  # one sync for thousands of new dossiers instead of an fsync each

    def write_locked(self, expect: Sequence[Snapshot], entries: audit.PreparedEntries) -> None:
        """The locked step: compare, check, merge into the fresh shared files, audit, replace."""
        if not unchanged(self.database, expect):
            raise StaleRead()
        checks = policy.save_checks()
        transaction = Transaction(self.database)  # the view the save checks read from; never committed
        fresh_dossiers = self.fresh_dossiers
        files: dict[Path, dict[str, dict[str, Any]]] = {}
        groups: dict[tuple[Path, str], list[_Prepared]] = {}
        for item in self.new:
            if item.path not in fresh_dossiers:
                groups.setdefault((item.path, item.table), []).append(item)
        for item in self.changed:
            groups.setdefault((item.path, item.table), [])
        changed_by_group: dict[tuple[Path, str], list[_Prepared]] = {}
        for item in self.changed:
            changed_by_group.setdefault((item.path, item.table), []).append(item)
        for item in self.new:
            for check in checks:
                check(transaction, item.saved, None)

        clean: dict[Path, bool] = {}
        for (path, table), items in groups.items():
            data = files.get(path)
            if data is None:
                data = files[path] = dict(read_tables(path))
                clean[path] = is_clean(path) or not path.exists()
            rows = data[table] = dict(data.get(table) or {})
            index = {str(doc.get("id")): doc_id for doc_id, doc in rows.items()}
            for item in changed_by_group.get((path, table), []):
                doc_id = index.get(item.saved.id)
                if doc_id is None:
                    raise NotFound(type(item.saved).label, item.saved.id)
                stored = rows[doc_id]
                if stored.get("version") != item.stored_version:
                    raise _conflict(item.saved, stored)
                for check in checks:
                    check(transaction, item.saved.model_copy(update={"version": item.stored_version}), dict(stored))
                rows[doc_id] = item.doc
            next_id = max((int(key) for key in rows), default=0) + 1
            for item in items:
                if item.saved.id in index:
                    raise StoreError(
                        f"De {type(item.saved).label} met id {item.saved.id} bestaat al; er is niets opgeslagen."
                    )
                rows[str(next_id)] = item.doc
                next_id += 1

        root = self.database.path
        before = self.database.manifest_for_save(list(files))  # refuses a cut audit log, a deleted file
        shared = [path.relative_to(root).as_posix() for path in files if layout.is_shard(path)]
        head_was_current = summaries.head_before_save(root, shared)
        temps: list[tuple[Path, Path]] = []
        try:
            for folder in {path.parent for path in files if path.parent != root}:
                ensure_folder(folder)
            for path, data in files.items():
                temps.append((write_temp(path, dumps(data)), path))
            appended = audit.append_prepared(root / audit.AUDIT_FILE, entries)
        except OSError:
            discard_temps(tmp for tmp, _path in temps)
            raise
        try:
            for number, (tmp, path) in enumerate(temps):
                try:
                    replace_with(tmp, path, sync_folder=False)
                except OSError:
                    forget(path)
                    discard_temps(later for later, _path in temps[number + 1 :])
                    raise
                remember_written(path, files[path], clean[path])
            for folder in {path.parent for _tmp, path in temps}:  # once per folder, not once per shard
                _fsync_folder(folder)
            for tmp, path in self.dossier_temps:
                os.rename(str(tmp), str(path))
            if self.dossier_temps:
                with contextlib.suppress(OSError):
                    _fsync_folder(root / DOSSIERS)
            if before is not None:  # see poptui.store.manifest: after the files, like a transaction
                written = [path for _tmp, path in temps] + [path for _tmp, path in self.dossier_temps]
                self.database.update_manifest(
                    before,
                    [path.relative_to(root).as_posix() for path in written],
                    [],
                    appended if appended.hashes else None,
                    len(appended.hashes),
                )
        except OSError as error:
            raise SaveFailed(root, os_reason(error)) from error
        self.update_summaries(files, head_was_current, shared)

    def update_summaries(
        self, files: dict[Path, dict[str, dict[str, Any]]], head_was_current: bool, shared: list[str]
    ) -> None:
        """Take what was written over into the summaries (:mod:`poptui.store.summaries`)."""
        changes = summaries.Changes()
        touched: dict[Path, str] = {}
        for item in [*self.new, *self.changed]:
            scope = item.scope
            if scope == "employees":
                changes.employees[item.saved.id] = summaries.employee_part(item.doc, cleaned=True)
            elif scope == "trajectories":
                own = changes.trajectories.setdefault(str(item.doc.get("employee_id")), {})
                own[item.saved.id] = summaries.trajectory_part(item.doc)
            elif scope == "dossier":
                touched[item.path] = str(item.owner)
        for path, employee_id in touched.items():
            tables = files.get(path) or self.fresh_tables.get(path)
            seen = summaries.identity(path)
            if tables is not None and seen is not None:
                changes.dossiers[employee_id] = summaries.dossier_part(tables, seen)
        summaries.update(self.database.path, changes, head_was_current, shared)


def _conflict(record: Record, stored: dict[str, Any]) -> VersionConflict:
    return VersionConflict(
        type(record).label, record.describe(), str(stored.get("updated_by", "")), _when(stored.get("updated_at"))
    )


def write_many(
    database: Database,
    new: Sequence[R],
    changed: Sequence[Record] = (),
    *,
    expect: Sequence[Snapshot] = (),
    progress: Progress | None = None,
) -> tuple[list[R], list[Record]]:
    """Save ``new`` records and a few ``changed`` ones at once; returns them as saved (new, changed).

    Raises :class:`StaleRead` when ``expect`` no longer matches (nothing written), and the
    store's usual errors (:class:`VersionConflict`, :class:`SaveFailed`, ...) otherwise.
    """
    write = _Write(database)
    total = len(new)
    for index, record in enumerate(new):
        write.add_new(record)
        if progress is not None and (index % 1000 == 0 or index == total - 1):
            progress(index + 1, total)
    for changed_record in changed:
        write.add_changed(changed_record)
    entries = audit.prepare(write.audit_documents)
    try:
        write.write_new_dossiers()
        with database._locked():
            write.write_locked(expect, entries)
    except OSError as error:
        discard_temps(tmp for tmp, _path in write.dossier_temps)
        raise SaveFailed(database.path, os_reason(error)) from error
    except BaseException:
        discard_temps(tmp for tmp, _path in write.dossier_temps)
        raise
    return [cast(R, item.saved) for item in write.new], [item.saved for item in write.changed]
