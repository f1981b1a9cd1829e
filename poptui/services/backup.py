"""Backups for the coach and the command line: make, list, check and restore.

The store makes the zip files (:mod:`poptui.store.backup`); here a backup is
checked with the same health check as ``poptui check`` before it replaces
anything, and the database it replaces is kept aside as a backup of its own.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from poptui.i18n import _
from poptui.services.health import HealthReport, check_database
from poptui.store import BackupError, Database, StoreError, schema, swap, work
from poptui.store import audit as store_audit
from poptui.store import manifest as store_manifest
from poptui.store.backup import (
    Backup,
    BackupReason,
    backup_folder,
    create_backup,
    database_files,
    list_backups,
    read_backup,
    write_backup_file,
)
from poptui.store.errors import os_error_message, os_reason
from poptui.store.files import atomic_write, dumps, ensure_folder, loads, write_temp

__all__ = [
    "Backup",
    "BackupReason",
    "RestoreResult",
    "check_backup",
    "create_backup",
    "latest_good_backup",
    "list_backups",
    "restore_backup",
]


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    kept_aside: Path | None


def check_backup(path: Path, database_path: Path) -> HealthReport:
    """Run the health check of ``poptui check`` on the backup ``path``.

    The backup is unpacked into a private work folder inside the database folder
    ``database_path`` (:mod:`poptui.store.work`: owner-only, removed afterwards, also on an
    error; a killed check's folder is removed at the next start), never into the system's
    temporary folder. Raises :class:`BackupError` when the backup cannot be read or the work
    folder cannot be made (a read-only or full disk).
    """
    return _check_files(read_backup(path), Path(database_path))


def _check_files(files: dict[str, bytes], database_path: Path) -> HealthReport:
    try:
        with work.work_folder(database_path, "controle") as folder:
            target = folder / "db"
            target.mkdir(mode=0o700)
            for folder_name in swap.SWAPPED_FOLDERS:
                (target / folder_name).mkdir(mode=0o700)
            for name, data in files.items():
                _write_private(target / name, data)
            try:
                database = Database.open(target, actor="controle", migrate=False)
                if database.schema_version() > schema.SCHEMA_VERSION:
                    raise StoreError(_("De reservekopie komt van een nieuwere versie van poptui."))
                if database.schema_version() < schema.SCHEMA_VERSION:  # checked as it will be after the restore
                    database.migrate()
                return check_database(database)
            except StoreError as error:
                return HealthReport(problems=[str(error)])
    except OSError as error:
        raise BackupError(
            _(
                "De reservekopie kan niet gecontroleerd worden: poptui kan geen werkmap maken in {folder} ({reason}).",
                folder=work.work_root(database_path),
                reason=os_reason(error),
            )
        ) from error


def _write_private(path: Path, data: bytes) -> None:
    """A file only its owner may read, written once and never fsynced (it lives for the check only)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def latest_good_backup(database_path: Path) -> Backup | None:
    """The newest backup in the database's backups folder that passes the health check.

    Raises :class:`BackupError` when backups cannot be checked at all (no work folder can be made).
    """
    for item in list_backups(database_path):
        try:
            files = read_backup(item.path)
        except BackupError:
            continue  # a damaged zip: try the one before
        if _check_files(files, database_path).healthy:  # raises when nothing can be checked here
            return item
    return None


def restore_backup(database_path: Path, backup_path: Path, actor: str | None = None) -> RestoreResult:
    """Replace the database's files by the backup's, after checking the backup; atomic under a kill.

    The current files (damaged or not) are first zipped into the backups folder as
    ``voor-herstel``, so nothing is lost; this works on a damaged database because the
    current files are only copied, never parsed. The backup's files are written into a
    staging folder inside the database folder and switched in by :func:`poptui.store.swap.switch`:
    a process killed at any moment leaves the old database or the restored one (an
    interrupted switch is finished by the next open), never a mix.
    """
    database_path = Path(database_path)
    backup_path = Path(backup_path)
    files = read_backup(backup_path)
    report = _check_files(files, database_path)
    if not report.healthy:
        raise BackupError(
            _(
                "De reservekopie {path} is niet in orde en wordt niet teruggezet:\n{problems}",
                path=backup_path,
                problems="\n".join(f"- {problem}" for problem in report.problems),
            )
        )
    try:
        ensure_folder(database_path)
    except OSError as error:
        raise BackupError(_("Terugzetten is mislukt: {problem}", problem=os_error_message(error))) from error
    database = Database(database_path, actor)
    with database._locked():  # also finishes an earlier interrupted restore first
        kept = None
        if database_files(database_path):
            kept = write_backup_file(database_path, backup_folder(database_path), BackupReason.BEFORE_RESTORE)
        staging = None
        try:
            staging = swap.new_staging(database_path)
            for name, data in files.items():  # each file fsynced; the folders once, by swap.switch
                os.replace(write_temp(staging / name, data), staging / name)
            _seal_staged(staging)
            swap.switch(database_path, staging)
        except OSError as error:
            if (database_path / swap.JOURNAL).exists():
                raise BackupError(
                    _(
                        "Terugzetten is onderbroken ({reason}). poptui maakt het af zodra de database weer "
                        "geopend wordt; de vorige toestand staat in {kept}.",
                        reason=os_reason(error),
                        kept=kept or "-",
                    )
                ) from error
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            raise BackupError(
                _(
                    "Terugzetten is mislukt ({reason}). Er is niets gewijzigd aan de database; de vorige toestand "
                    "staat ook in {kept}.",
                    reason=os_reason(error),
                    kept=kept or "-",
                )
            ) from error
    return RestoreResult(backup_path, kept)


def _seal_staged(staging: Path) -> None:
    """The restored files were just checked: give them a manifest, so the next start need not check again."""
    audit_path = staging / store_audit.AUDIT_FILE
    raw = audit_path.read_bytes() if audit_path.is_file() else b""
    store_manifest.write(
        staging,
        store_manifest.Manifest(
            store_manifest.snapshot(staging),
            raw.count(b"\n"),
            store_audit.last_hash(audit_path) if raw else "",
            len(raw),
        ),
    )
    meta_path = staging / schema.META_FILE
    meta = loads(meta_path.read_bytes())
    if isinstance(meta, dict) and not meta.get(store_manifest.META_FLAG):
        atomic_write(meta_path, dumps(meta | {store_manifest.META_FLAG: True}))
