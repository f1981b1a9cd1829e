"""A transaction of the store: changes made under the lock, written all at once.

Split from :mod:`poptui.store.database` (the repository interface); the
:class:`Transaction` reads each file it touches once, applies changes in
memory, runs the store's save checks (:mod:`poptui.store.policy`) and at commit
writes every temporary file, then the audit entries, then replaces the files.

The order of a commit, and what may overlap:

1. every changed file is written to a temporary file beside it;
2. the temporary files are fsynced (in a thread, :class:`~poptui.store.files.Syncing`) *while*
   the audit entries are appended and the audit log is fsynced: the two do not depend on each
   other, and running them side by side saves one disk flush per save;
3. only when **both** are durable is the first file renamed into place (and its folder fsynced):
   nothing a save writes becomes visible before its new files and its audit entries are on disk.
   When either fsync fails, nothing is renamed, the temporary files are removed and the audit
   entries just appended are cut off again (:func:`poptui.store.audit.cut_back`): the save fails
   with :class:`SaveFailed` and leaves the files as they were;
4. the last file's folder is fsynced (in that thread) while the summaries' new files are made
   (:func:`poptui.store.summaries.prepare`: temporary files, not visible); only when it is durable
   are the manifest (:mod:`poptui.store.manifest`) written, emptied dossiers removed and the
   summaries' files put in place, in that order, as before. When that fsync fails the save fails
   and the summaries' temporary files are removed.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from poptui import clock, models  # models.X loads a model class where it is used: opening a database loads no pydantic
from poptui.formatting import format_date, format_time
from poptui.models import AuditAction
from poptui.store import audit, layout, policy, summaries, validated
from poptui.store.errors import NotFound, SaveFailed, StoreError, VersionConflict, os_reason
from poptui.store.files import Syncing, discard_temps, dumps, ensure_folder, replace_with, write_temp
from poptui.store.storage import TransactionStorage, forget, remember_written

if TYPE_CHECKING:
    from poptui.models import AuditEvent, Record
    from poptui.store.database import Database

R = TypeVar("R", bound="Record")

_expected_versions: ContextVar[dict[str, int] | None] = ContextVar("poptui_expected_versions", default=None)


@contextmanager
def expect_versions(versions: dict[str, int]) -> Iterator[dict[str, int]]:
    """Saves inside this block refuse to overwrite a record changed since it was loaded.

    A form loads a record (id and version) and later hands its values to a
    service, which may re-read the record before saving. Naming the version the
    form loaded here makes the store compare against that one, so the second of
    two coaches editing the same record gets a :class:`VersionConflict` instead
    of silently overwriting the first. Versions are updated as saves commit.
    """
    expected = dict(versions)
    token = _expected_versions.set(expected)
    try:
        yield expected
    finally:
        _expected_versions.reset(token)


DOSSIERS = "dossiers"
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_META_FIELDS = frozenset({"version", "created_at", "updated_at", "updated_by"})


def now() -> datetime:
    return clock.now().astimezone().replace(microsecond=0)


def parse(record_type: type[R], doc: dict[str, Any], *, stored: bool = False) -> R:
    """A stored document as its record. ``stored``: it comes from a file holding only text the store
    writes (:func:`poptui.store.storage.is_clean`), so its text is not cleaned again (see
    :data:`poptui.models.base.STORED`); otherwise every text field is cleaned."""
    context = models.STORED if stored else None
    if stored:
        fast = _stored_validator(record_type)
        if fast is not None:
            try:
                return cast(R, fast.validate_python(doc, context=context))
            except models.ValidationError:
                pass  # the record's own validator says what is wrong, in its own words
    if issubclass(record_type, models.MethodRecordBase):
        from poptui.models.methods import method_record_adapter  # the method records load when first read

        return cast(R, method_record_adapter.validate_python(doc, context=context))
    return record_type.model_validate(doc, context=context)


STORED_VALIDATOR_FROM = 256
"""Stored records of one type read by this process before it builds their faster validator."""
_stored_reads: dict[type, int] = {}
_stored_validators: dict[type, Any] = {}


def _stored_validator(record_type: type[Record]) -> Any:
    """The validator of ``record_type``'s stored records (:func:`poptui.models.base.stored_schema`), once
    this process reads many of them (a check, a list over every dossier): building it costs a few
    milliseconds, more than a screen's handful of records save. None until then.

    Built by :func:`_own_schema_validator`, so that the stored schema really applies."""
    base_type = models.MethodRecordBase if issubclass(record_type, models.MethodRecordBase) else record_type
    built = _stored_validators.get(base_type)
    if built is not None:
        return built
    reads = _stored_reads.get(base_type, 0) + 1
    _stored_reads[base_type] = reads
    if reads <= STORED_VALIDATOR_FROM:
        return None

    from poptui.models.base import stored_schema

    if base_type is models.MethodRecordBase:
        from poptui.models.methods import method_record_adapter

        schema = method_record_adapter.core_schema()
    else:
        base_type.model_rebuild()  # built already (it was validated before); a deferred one is built here
        schema = base_type.__pydantic_core_schema__
    built = _stored_validators[base_type] = _own_schema_validator(stored_schema(schema))
    return built


def _own_schema_validator(schema: Any) -> Any:
    """A validator of exactly ``schema``. pydantic-core otherwise validates every model whose class
    is built already (the record's own, and every model inside it) with that class's own
    validator, every text and date validator included: a stored or validity schema would never
    apply. A pydantic-core without ``_use_prebuilt`` (before pydantic 2.11) builds it as it can."""
    from pydantic_core import SchemaValidator

    try:
        return SchemaValidator(schema, _use_prebuilt=False)
    except TypeError:  # pragma: no cover - an older pydantic-core
        return SchemaValidator(schema)


_dossier_validator: list[Any] = []
"""The validator of a whole dossier file (:func:`dossier_validator`), once made."""


def dossier_validator(*, build: bool = False) -> Any:
    """The validator of a whole dossier file's stored tables (``{table: {document id: document}}``),
    each record by its type's stored schema (:func:`poptui.models.base.stored_schema`, the schema
    :func:`parse` uses for stored records), building no records
    (:func:`poptui.models.base.validity_schema`); None until ``build`` made it.

    One call validates every record of a file, where :func:`parse` costs a call (and its lookups)
    per record: a first check validates about 90,000 records at 2,000 employees. It knows only the
    dossier's tables and takes only documents; what it refuses (another table, any record a
    stored schema refuses) is read record by record, as before, for the record's own errors.
    Building it costs a few tenths of a second: only a check with many dossiers asks for it."""
    if _dossier_validator or not build:
        return _dossier_validator[0] if _dossier_validator else None
    from pydantic_core import core_schema as schemas

    from poptui.models.base import stored_schema, validity_schema

    tables: dict[str, Any] = {}
    definitions: dict[str, Any] = {}
    for record_type in models.DOSSIER_RECORD_TYPES:
        if record_type is models.MethodRecordBase:
            from poptui.models.methods import method_record_adapter

            schema: Any = method_record_adapter.core_schema()
        else:
            record_type.model_rebuild()  # a deferred schema is built here
            schema = record_type.__pydantic_core_schema__
        schema = stored_schema(schema)
        if schema["type"] == "definitions":  # one set of definitions for the file (a ref names one class)
            for definition in schema["definitions"]:
                definitions.setdefault(definition["ref"], definition)
            schema = schema["schema"]
        tables[record_type.table] = schemas.typed_dict_field(
            schemas.dict_schema(schemas.str_schema(), schema), required=False
        )
    whole: Any = schemas.typed_dict_schema(tables, extra_behavior="forbid")
    if definitions:
        whole = schemas.definitions_schema(whole, list(definitions.values()))
    validator = _own_schema_validator(validity_schema(whole))
    _dossier_validator.append(validator)
    return validator


def checked(record_type: type[R], record: R) -> tuple[R, dict[str, Any]]:
    """What the store writes for ``record`` (and the record as it will load): validated again with its
    text cleaned, so a file poptui wrote always loads and holds clean text (``model_copy(update=...)``
    skips validation)."""
    try:
        clean = parse(record_type, record.model_dump(mode="json"), stored=False)
    except models.ValidationError as error:
        from poptui.models.errors import dutch_summary  # loads pydantic: only when a record is refused

        raise StoreError(
            f"Niet opgeslagen: de {record_type.label} klopt niet.\n{dutch_summary(error, record_type)}"
        ) from error
    return clean, clean.model_dump(mode="json")


class Transaction:
    """Changes made while holding the lock; written when the ``with`` block ends."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._storages: dict[Path, TransactionStorage] = {}
        self._removed: set[Path] = set()
        self._events: list[AuditEvent] = []
        self._versions: dict[str, int] = {}
        self._summary = summaries.Changes()
        self._dossiers_touched: set[str] = set()

    def _storage(self, record_type: type[Record], employee_id: str | None) -> TransactionStorage:
        path = self.database._file_for(record_type, employee_id)
        self._removed.discard(path)
        storage = self._storages.get(path)
        if storage is None:
            storage = TransactionStorage(path)
            self._storages[path] = storage
        return storage

    def list(self, record_type: type[R], *, employee_id: str | None = None) -> list[R]:
        """Records as this transaction sees them (including its own unsaved changes)."""
        base_type = models.MethodRecordBase if issubclass(record_type, models.MethodRecordBase) else record_type
        if base_type.scope == "dossier":
            path = self.database._file_for(base_type, employee_id)
            if path in self._removed:
                return []
            storage = self._storage(base_type, employee_id)
            docs = list(storage.rows(base_type.table).values())
        elif base_type.scope in layout.FOLDERS:
            out: list[R] = []
            for storage in self._shard_storages(base_type, employee_id):
                out.extend(
                    parse(record_type, doc, stored=storage.clean)
                    for doc in storage.rows(base_type.table).values()
                    if employee_id is None or doc.get("employee_id") == employee_id
                )
            return out
        else:
            storage = self._storage(base_type, None)
            docs = [
                doc
                for doc in storage.rows(base_type.table).values()
                if employee_id is None or doc.get("employee_id") == employee_id
            ]
        return [parse(record_type, doc, stored=storage.clean) for doc in docs]

    def _shard_storages(self, base_type: type[Record], employee_id: str | None) -> builtins.list[TransactionStorage]:
        """The shards of a sharded scope as this transaction sees them: those on disk and those it made."""
        root = self.database.path
        if employee_id is not None:
            return [self._storage(base_type, employee_id)]
        out = []
        for name in layout.all_shard_names(base_type.scope):
            path = root / name
            if path in self._storages or path.is_file():
                storage = self._storages.get(path)
                if storage is None:
                    storage = self._storages[path] = TransactionStorage(path)
                out.append(storage)
        return out

    def record_event(self, action: AuditAction, record: Record, fields: builtins.list[str] | None = None) -> None:
        """Add an audit entry (such as an erasure) written with this transaction."""
        self._events.append(self.database._event(action, record, fields or []))

    def save(self, record: R) -> R:
        """Store ``record``; refuse when the stored version is newer than the one loaded."""
        record_type = type(record)
        if not SAFE_ID.match(record.id):  # ids end up in file names, messages and terminals
            raise StoreError(f"Ongeldige id voor een {record_type.label}: alleen letters, cijfers, - en _.")
        base_type = models.MethodRecordBase if isinstance(record, models.MethodRecordBase) else record_type
        employee_id = _owner(base_type, record)
        storage = self._storage(base_type, employee_id)
        found = storage.find(base_type.table, record.id)
        stored = found[1] if found is not None else None
        if stored is None and record.version != 0:
            raise NotFound(record_type.label, record.id)
        expected = _expected_versions.get()
        if stored is not None and expected and record.id in expected and stored.get("version") != expected[record.id]:
            record = record.model_copy(update={"version": expected[record.id]})
        if stored is not None and stored.get("version") != record.version:
            raise VersionConflict(
                record_type.label,
                record.describe(),
                str(stored.get("updated_by", "")),
                _when(stored.get("updated_at")),
            )
        for check in policy.save_checks():
            check(self, record, dict(stored) if stored is not None else None)
        moment = now()
        saved = record.model_copy(
            update={
                "version": record.version + 1,
                "created_at": record.created_at or moment,
                "updated_at": moment,
                "updated_by": self.database.actor,
            }
        )
        saved, doc = checked(record_type, saved)
        if stored is None:
            storage.insert(base_type.table, doc)
            filled = [key for key in _content_fields(doc) if doc.get(key) not in (None, "", [], {}, False)]
            self._events.append(self.database._event(AuditAction.CREATE, saved, filled))
        else:
            assert found is not None
            storage.replace(base_type.table, found[0], doc)
            changed = [key for key in _content_fields(doc) if doc.get(key) != stored.get(key)]
            if changed:
                self._events.append(self.database._event(AuditAction.UPDATE, saved, changed))
        self._versions[saved.id] = saved.version
        self._note(base_type, saved.id, getattr(saved, "employee_id", None), doc)
        return saved

    def _note(
        self, base_type: type[Record], record_id: str, employee_id: str | None, doc: dict[str, Any] | None
    ) -> None:
        """Remember what the summaries (:mod:`poptui.store.summaries`) must take over at commit."""
        if base_type.scope == "employees":
            self._summary.employees[record_id] = summaries.employee_part(doc) if doc is not None else None
        elif base_type.scope == "trajectories" and employee_id:
            own = self._summary.trajectories.setdefault(employee_id, {})
            own[record_id] = summaries.trajectory_part(doc) if doc is not None else None
        elif base_type.scope == "dossier" and employee_id:
            self._dossiers_touched.add(employee_id)

    def delete(self, record: Record) -> None:
        base_type = models.MethodRecordBase if isinstance(record, models.MethodRecordBase) else type(record)
        employee_id = _owner(base_type, record)
        storage = self._storage(base_type, employee_id)
        found = storage.find(base_type.table, record.id)
        if found is None:
            raise NotFound(type(record).__name__, record.id)
        doc_id, stored = found
        if stored.get("version") != record.version:
            raise VersionConflict(
                type(record).label,
                record.describe(),
                str(stored.get("updated_by", "")),
                _when(stored.get("updated_at")),
            )
        storage.remove(base_type.table, doc_id)
        self._events.append(self.database._event(AuditAction.DELETE, record, []))
        self._note(base_type, record.id, stored.get("employee_id") or employee_id, None)

    def remove_dossier(self, employee_id: str) -> None:
        """Drop an employee's whole dossier file at commit."""
        path = self.database.path / DOSSIERS / f"{employee_id}.json"
        self._storages.pop(path, None)
        self._removed.add(path)
        self._dossiers_touched.add(employee_id)

    def commit(self) -> None:
        """Write every changed file: all temporary files first, then (fsynced side by side) the audit
        entries, then replace (see the module's docstring for the order).

        A full disk or a read-only folder fails while writing the temporary
        files or the audit entries: then nothing is replaced and every file on
        disk stays as it was (the audit log is cut back to its old length).
        After the files are replaced the manifest is updated, and only then are
        emptied dossiers removed (see :mod:`poptui.store.manifest` for why).
        """
        dirty = [storage for storage in self._storages.values() if storage.dirty]
        if not dirty and not self._removed and not self._events:
            return
        root = self.database.path
        before = self.database.manifest_for_save([storage.path for storage in dirty])
        temps: list[tuple[Path, Path]] = []
        removed = set(self._removed)
        appended = None
        shared = [storage.path.relative_to(root).as_posix() for storage in dirty if layout.is_shard(storage.path)]
        head_was_current = summaries.head_before_save(root, shared)
        try:
            for folder in {storage.path.parent for storage in dirty if storage.path.parent != root}:
                ensure_folder(folder)
            for storage in dirty:
                if storage.is_empty and (storage.path.parent.name == DOSSIERS or layout.is_shard(storage.path)):
                    if storage.path.exists():  # a shard emptied by an erasure has no file, like a new database's
                        removed.add(storage.path)
                else:
                    temps.append((write_temp(storage.path, dumps(storage.data), sync_later=True), storage.path))
            appended = self._append_while_syncing([tmp for tmp, _path in temps])
        except OSError as error:
            discard_temps(tmp for tmp, _path in temps)
            raise SaveFailed(root, os_reason(error)) from error
        try:
            folder_sync: Syncing | None = None
            for index, (tmp, path) in enumerate(temps):
                last = index == len(temps) - 1
                try:
                    replace_with(tmp, path, sync_folder=not last)
                except OSError:
                    forget(path)
                    discard_temps(later for later, _path in temps[index + 1 :])
                    raise
                if last:  # its folder is fsynced while the summaries' new files are made
                    folder_sync = Syncing(folders=[path.parent])
                storage = self._storages[path]
                remember_written(path, storage.data, storage.clean, storage.indexes())
            prepared: summaries.Prepared | None = None
            try:
                prepared = self._prepare_summaries(head_was_current, shared, removed)
            finally:
                failed = folder_sync.wait() if folder_sync is not None else None
            if failed is not None:
                summaries.discard(prepared)
                forget(temps[-1][1])
                raise failed
            if before is not None:
                self.database.update_manifest(
                    before,
                    [str(path.relative_to(root).as_posix()) for _tmp, path in temps],
                    [str(path.relative_to(root).as_posix()) for path in removed],
                    appended,
                    len(self._events),
                )
            if any(path.parent.name == DOSSIERS for path in removed):
                validated.forget(root)  # it names the dossier (the employee's id) and its trajectories
            for path in removed:
                forget(path)
                path.unlink(missing_ok=True)
        except OSError as error:
            raise SaveFailed(root, os_reason(error)) from error
        for storage in self._storages.values():
            storage.dirty = False
        summaries.put_in_place(prepared)
        expected = _expected_versions.get()
        if expected is not None:
            expected.update({key: value for key, value in self._versions.items() if key in expected})

    def _append_while_syncing(self, temps: builtins.list[Path]) -> audit.Appended | None:
        """Append the audit entries while ``temps`` are fsynced; return only when both are durable.

        Raises the first error: of the append (the log cuts itself back), else of an fsync of a
        temporary file (then the entries just appended are cut off again)."""
        path = self.database.path / audit.AUDIT_FILE
        syncing = Syncing(temps)
        try:
            appended = audit.append(path, self._events)
        finally:
            failed = syncing.wait()
        if failed is not None:
            if appended is not None:
                audit.cut_back(path, appended)
            raise failed
        return appended

    def _prepare_summaries(
        self, head_was_current: bool, shared: builtins.list[str], removed: set[Path]
    ) -> summaries.Prepared | None:
        """The summaries' new files (:func:`summaries.prepare`), once the data files are in place and
        before the files of ``removed`` are removed (taken as gone already)."""
        root = self.database.path
        dossier_folder = root / DOSSIERS
        for employee_id in self._dossiers_touched:
            path = dossier_folder / f"{employee_id}.json"
            storage = self._storages.get(path)
            seen = None if path in removed else summaries.identity(path)
            if storage is None or seen is None:
                self._summary.dossiers[employee_id] = None
            else:
                self._summary.dossiers[employee_id] = summaries.dossier_part(storage.data, seen)
        gone = [name for name in shared if root / name in removed]
        return summaries.prepare(root, self._summary, head_was_current, shared, gone)


def _owner(base_type: type[Record], record: Record) -> str | None:
    """The employee whose file holds ``record`` (an employee's own id; None for core.json's records)."""
    if base_type.scope == "employees":
        return record.id
    if base_type.scope in ("trajectories", "dossier"):
        return getattr(record, "employee_id", None)
    return None


def _content_fields(doc: dict[str, Any]) -> list[str]:
    return [key for key in doc if key not in _META_FIELDS and key != "id"]


def _when(value: Any) -> str:
    if not value:
        return "onbekend tijdstip"
    try:
        moment = datetime.fromisoformat(str(value))
        return f"{format_date(moment)} om {format_time(moment.time())}"
    except ValueError:
        return str(value)
