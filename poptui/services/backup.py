"""Backups for the coach and the command line: make, list, check and restore.

The store makes the zip files (:mod:`poptui.store.backup`); here a backup is
checked with the same health check as ``poptui check`` before it replaces
anything, and the database it replaces is kept aside as a backup of its own.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from poptui.i18n import _
from poptui.services.health import HealthReport, check_database
from poptui.store import BackupError, Database, StoreError, schema
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
from poptui.store.files import atomic_write, ensure_folder

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


def check_backup(path: Path) -> HealthReport:
    """Unpack the backup in a private temporary folder and run the health check on it."""
    files = read_backup(path)
    with tempfile.TemporaryDirectory(prefix="poptui-check-") as folder:
        target = Path(folder) / "db"
        target.mkdir(mode=0o700)
        (target / "dossiers").mkdir(mode=0o700)
        for name, data in files.items():
            (target / name).write_bytes(data)
        try:
            database = Database.open(target, actor="controle", migrate=False)
            if database.schema_version() > schema.SCHEMA_VERSION:
                raise StoreError(_("De reservekopie komt van een nieuwere versie van poptui."))
            return check_database(database)
        except StoreError as error:
            return HealthReport(problems=[str(error)])


def latest_good_backup(database_path: Path) -> Backup | None:
    """The newest backup in the database's backups folder that passes the health check."""
    for item in list_backups(database_path):
        with contextlib.suppress(BackupError):
            if check_backup(item.path).healthy:
                return item
    return None


def restore_backup(database_path: Path, backup_path: Path, actor: str | None = None) -> RestoreResult:
    """Replace the database's files by the backup's, after checking the backup.

    The current files (damaged or not) are first zipped into the backups folder
    as ``voor-herstel``, so nothing is lost. Works on a damaged database: it
    does not read or parse the current files, it only copies them aside.
    """
    database_path = Path(database_path)
    backup_path = Path(backup_path)
    report = check_backup(backup_path)
    if not report.healthy:
        raise BackupError(
            _(
                "De reservekopie {path} is niet in orde en wordt niet teruggezet:\n{problems}",
                path=backup_path,
                problems="\n".join(f"- {problem}" for problem in report.problems),
            )
        )
    files = read_backup(backup_path)
    ensure_folder(database_path)
    database = Database(database_path, actor)
    with database._locked():
        kept = None
        if database_files(database_path):
            kept = write_backup_file(database_path, backup_folder(database_path), BackupReason.BEFORE_RESTORE)
        try:
            ensure_folder(database_path / "dossiers")
            for name, data in sorted(files.items(), key=lambda item: item[0] == schema.META_FILE):
                atomic_write(database_path / name, data)
            for path in database_files(database_path):
                if path.relative_to(database_path).as_posix() not in files:
                    path.unlink()
        except OSError as error:
            raise BackupError(
                _(
                    "Terugzetten is mislukt ({reason}). De vorige toestand staat in {kept}.",
                    reason=error.strerror or str(error),
                    kept=kept or "-",
                )
            ) from error
    return RestoreResult(backup_path, kept)
