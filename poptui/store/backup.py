"""Backups of a database folder: zip files in ``<database>/backups/``.

A backup is a zip of every file of the database (meta file, data files,
dossiers, audit log) taken under the lock, so it is one consistent moment. It
is written like every other file: to a temporary file first, then renamed, with
the store's permissions (0600, or 0660 in group mode). Its name says when and why:
``poptui-20260301-081502-dagelijks.zip``.

Why inside the database folder: the backups then have the same owner, group and
permissions as the data without any extra set-up, and they survive a damaged
data file, which is what they are for. They do not survive losing the whole
folder: copy them elsewhere with ``poptui backup --out DIR`` (the organisation's
normal backup of the server does this too).

Rotation (:data:`POLICY`): every backup younger than 7 days is kept; older ones
up to 5 weeks only when they are the newest of their calendar week; older
ones are removed. The newest two are always kept, however old.
"""

from __future__ import annotations

import contextlib
import errno
import re
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from poptui import clock
from poptui.formatting import format_moment
from poptui.i18n import _
from poptui.store import audit, layout, schema
from poptui.store.errors import BackupError, os_reason
from poptui.store.files import atomic_write, ensure_folder, write_streamed
from poptui.store.manifest import CHANGES_FILE, MANIFEST_FILE

if TYPE_CHECKING:
    from poptui.store.database import Database

BACKUP_FOLDER = "backups"
_NAME = re.compile(r"^poptui-(\d{8})-(\d{6})(?:-(\d+))?-([a-z-]+)\.zip$")
STALE_TEMP_SECONDS = 3600


class BackupReason(StrEnum):
    DAILY = "dagelijks"
    MIGRATION = "migratie"
    MANUAL = "handmatig"
    BEFORE_RESTORE = "voor-herstel"
    BEFORE_ERASE = "voor-wissen"


@dataclass(frozen=True)
class RotationPolicy:
    daily_days: int = 7
    weekly_weeks: int = 5
    keep_newest: int = 2


POLICY = RotationPolicy()


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: datetime
    reason: str

    @property
    def label(self) -> str:
        return f"{format_moment(self.made_at)} ({self.reason})"


def backup_folder(database_path: Path) -> Path:
    return Path(database_path) / BACKUP_FOLDER


def database_files(database_path: Path) -> list[Path]:
    """Every file a backup holds, whether or not it can be read."""
    root = Path(database_path)
    names = [
        schema.META_FILE,
        "core.json",
        *layout.LEGACY_FILES.values(),  # a database of schema 2 (before its migration)
        audit.AUDIT_FILE,
        MANIFEST_FILE,
        CHANGES_FILE,
    ]
    files = [root / name for name in names if (root / name).is_file()]
    for scope in layout.FOLDERS:
        files.extend(layout.shard_files(root, scope))
    dossiers = root / "dossiers"
    if dossiers.is_dir():
        files.extend(sorted(path for path in dossiers.glob("*.json") if path.is_file()))
    return files


COMPRESS_LEVEL = 3
"""zlib's fast level: at 2,000 employees (150 MB) half the time of level 6 for a zip 12% bigger."""


def _zip_into(database_path: Path, target: BinaryIO, audit_size: int | None = None) -> None:
    """Zip every file of the database into ``target``, a file at a time in pieces (never all in memory:
    at 20,000 employees that was 655 MB). ``audit_size``: only that many bytes of the audit log (a
    snapshot's, see :mod:`poptui.store.daily_backup`: the log grows in place after it was taken)."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as archive:
        for path in database_files(database_path):
            name = path.relative_to(database_path).as_posix()
            if audit_size is None or name != audit.AUDIT_FILE:
                archive.write(path, name)
                continue
            info = zipfile.ZipInfo.from_file(path, name)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.file_size = audit_size
            with path.open("rb") as source, archive.open(info, "w", force_zip64=audit_size > ZIP64_LIMIT) as member:
                left = audit_size
                while left:
                    piece = source.read(min(left, 1 << 20))
                    if not piece:
                        raise OSError(errno.EIO, "the audit log is shorter than when the snapshot was taken")
                    member.write(piece)
                    left -= len(piece)


ZIP64_LIMIT = (1 << 31) - 1


def _unique_name(folder: Path, moment: datetime, reason: str) -> Path:
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"poptui-{stamp}-{reason}.zip"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"poptui-{stamp}-{number}-{reason}.zip"
    return candidate


def write_backup_file(
    database_path: Path,
    folder: Path,
    reason: str,
    *,
    moment: datetime | None = None,
    audit_size: int | None = None,
) -> Path:
    """Zip the files of ``database_path`` as they are now into ``folder`` (no lock taken), named after
    ``moment`` (default: now). ``audit_size``: see :func:`_zip_into`."""
    try:
        ensure_folder(folder)
        target = _unique_name(folder, moment or clock.now(), reason)
        write_streamed(target, lambda handle: _zip_into(Path(database_path), handle, audit_size))
    except OSError as error:
        raise BackupError(
            _(
                "De reservekopie kon niet gemaakt worden ({reason}). Controleer of de schijf niet vol is en of je "
                "mag schrijven in {folder}.",
                reason=os_reason(error),
                folder=folder,
            )
        ) from error
    return target


def create_backup(database: Database, reason: str = BackupReason.MANUAL, out: Path | None = None) -> Path:
    """Back up ``database`` under its lock into ``out`` (default: its backups folder), then rotate."""
    folder = Path(out) if out is not None else backup_folder(database.path)
    with database._locked():
        target = write_backup_file(database.path, folder, str(reason))
    if out is None:
        rotate(database.path)
    return target


def list_backups(database_path: Path) -> list[Backup]:
    """The backups in the database's backups folder, newest first."""
    folder = backup_folder(database_path)
    found = []
    for path in folder.glob("poptui-*.zip") if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if not match:
            continue
        with contextlib.suppress(ValueError):
            moment = datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
            found.append(Backup(path, moment, match.group(4)))
    return sorted(found, key=lambda item: (item.made_at, _mtime(item.path), item.path.name), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def expires_on(item: Backup, backups: list[Backup], policy: RotationPolicy = POLICY) -> date:
    """The day rotation removes ``item`` at the latest, with poptui used every day."""
    week = item.made_at.isocalendar()[:2]
    newest_of_week = all(other.made_at <= item.made_at for other in backups if other.made_at.isocalendar()[:2] == week)
    days = policy.weekly_weeks * 7 if newest_of_week else policy.daily_days
    return (item.made_at + timedelta(days=days)).date()


def rotate(database_path: Path, now: datetime | None = None, policy: RotationPolicy = POLICY) -> list[Path]:
    """Remove backups the policy no longer keeps; returns what was removed."""
    now = now or clock.now()
    backups = list_backups(database_path)
    removed = []
    seen_weeks: set[tuple[int, int]] = set()
    for index, item in enumerate(backups):  # newest first
        week = item.made_at.isocalendar()[:2]
        age = now - item.made_at
        keep = (
            index < policy.keep_newest
            or age < timedelta(days=policy.daily_days)
            or (age < timedelta(weeks=policy.weekly_weeks) and week not in seen_weeks)
        )
        seen_weeks.add(week)
        if not keep:
            with contextlib.suppress(OSError):
                item.path.unlink()
                removed.append(item.path)
    return removed


def has_backup_of(database_path: Path, day: date, reason: str = BackupReason.DAILY) -> bool:
    return any(item.made_at.date() == day and item.reason == reason for item in list_backups(database_path))


def remove_stale_temps(database_path: Path, older_than: float = STALE_TEMP_SECONDS) -> int:
    """Remove temporary files left by a process that was killed mid-save (older than an hour)."""
    root = Path(database_path)
    count = 0
    limit = time.time() - older_than
    for folder in (root, root / "dossiers", *(root / name for name in layout.FOLDERS.values()), backup_folder(root)):
        for path in folder.glob(".*.tmp") if folder.is_dir() else []:
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    path.unlink()
                    count += 1
    return count


def ensure_daily_backup(database: Database, today: date | None = None) -> Path | None:
    """On the first start of the day: a backup, rotation and clean-up. None when there is one already."""
    today = today or clock.today()
    if has_backup_of(database.path, today):
        return None
    remove_stale_temps(database.path)
    return create_backup(database, BackupReason.DAILY)


_ALLOWED_MEMBER = re.compile(
    r"^(?:[A-Za-z0-9_.-]+\.json|audit\.log|dossiers/[A-Za-z0-9_-]{1,64}\.json|(?:employees|trajectories)/\d\d\.json)$"
)
"""The files of a backup: the top-level files (of schema 3, or of schema 2 with employees.json and
trajectories.json, migrated after a restore), the dossiers and the shards (see :mod:`poptui.store.layout`)."""


def read_backup(path: Path) -> dict[str, bytes]:
    """The files in a backup zip, refusing anything that is not a poptui backup."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            bad = [name for name in names if not _ALLOWED_MEMBER.match(name)]
            if bad or schema.META_FILE not in names:
                raise BackupError(_("{path} is geen reservekopie van poptui (onverwachte inhoud).", path=path))
            return {name: archive.read(name) for name in names}
    except FileNotFoundError:
        raise BackupError(_("De reservekopie {path} bestaat niet.", path=path)) from None
    except OSError as error:
        raise BackupError(
            _("De reservekopie {path} kan niet gelezen worden: {reason}.", path=path, reason=os_reason(error))
        ) from error
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, RuntimeError, NotImplementedError) as error:
        raise BackupError(_("De reservekopie {path} is beschadigd of geen zip-bestand.", path=path)) from error


def extract_backup(path: Path, target: Path) -> None:
    """Write the files of backup ``path`` into the (new or empty) folder ``target``."""
    files = read_backup(path)
    ensure_folder(target)
    for folder in ("dossiers", *layout.FOLDERS.values()):
        ensure_folder(target / folder)
    for name, data in files.items():
        atomic_write(target / name, data)


def backup_holds(path: Path, employee_id: str) -> bool:
    """Does the backup still hold anything of this employee?"""
    try:
        files = read_backup(path)
    except BackupError:
        return False
    if f"dossiers/{employee_id}.json" in files:
        return True
    needle = employee_id.encode()
    names = ["core.json", *layout.LEGACY_FILES.values()]
    names += [layout.shard_name(scope, employee_id) for scope in layout.FOLDERS]
    return any(needle in files.get(name, b"") for name in names)
