"""The first start of the day's backup, made beside the app instead of before it.

Zipping the whole database takes seconds (4 s at 2,000 employees, 40 s at 20,000): made before the
app starts, as :func:`poptui.store.backup.ensure_daily_backup` does, the coach waits for it every
morning. :func:`start_daily_backup` instead takes a *snapshot* and leaves the zipping to a helper
process, so the app starts at once.

The rules:

- The snapshot is taken under the database's lock, after the start's verification (a damaged
  database is never backed up): a new folder ``backups/.snapshot-<moment>-<id>/`` with a hard link
  to every file a backup holds, and ``snapshot.json`` with the audit log's size and the store's
  permissions. A hard link costs no disk space and keeps the file *as it was*: every file of the
  store is replaced whole by a rename (:func:`poptui.store.files.atomic_write`), so a save after
  the snapshot makes a new file and leaves the linked one alone. The audit log is the one file
  written in place: it is only appended to (and cut back only to a size it had after the snapshot,
  :func:`poptui.store.audit.cut_back`), so its first ``audit_size`` bytes are the log of that moment.
- The helper (``python -m poptui.store.daily_backup SNAPSHOT``, in its own session so a dropped SSH
  connection or quitting the app does not stop it, at a lower priority) zips the snapshot into
  ``backups/poptui-<moment>-dagelijks.zip`` exactly as a backup under the lock would have been
  (same files, same order, the name says the snapshot's moment), removes the snapshot and rotates
  the backups. It holds ``worker.lock`` in the snapshot folder while it works.
- A snapshot whose helper is gone (killed, the machine switched off) is removed at the next start,
  which then makes the day's backup again; one whose helper is still working (or was started less
  than :data:`STARTING_SECONDS` ago) means today's backup is on its way, and no second one starts.
- Where hard links are not possible (a file system without them) or the helper cannot be started,
  the backup is made as before, under the lock, before the app starts.
- The helper's failure reaches the coach: :meth:`DailyBackup.outcome` waits for it and returns its
  Dutch message (what :class:`~poptui.store.errors.BackupError` says), which the app shows.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from poptui import clock
from poptui.i18n import _
from poptui.store import audit
from poptui.store.backup import (
    BackupReason,
    backup_folder,
    create_backup,
    database_files,
    has_backup_of,
    remove_stale_temps,
    rotate,
    write_backup_file,
)
from poptui.store.errors import BackupError, os_reason
from poptui.store.files import Permissions, atomic_write, ensure_folder, permissions, set_permissions

if TYPE_CHECKING:
    from poptui.store.database import Database

SNAPSHOT_PREFIX = ".snapshot-"
SNAPSHOT_FILE = "snapshot.json"
WORKER_LOCK = "worker.lock"
STARTING_SECONDS = 120.0
"""A snapshot younger than this counts as in progress even before its helper holds the lock."""
MESSAGE_LIMIT = 500


@dataclass
class DailyBackup:
    """Today's backup: finished (made under the lock, or there was one already) or on its way in a helper."""

    process: subprocess.Popen[bytes] | None = None
    problem: str | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def outcome(self) -> str | None:
        """Wait for the helper; None when the backup was made, else what went wrong (Dutch, plain text)."""
        if self.process is None:
            return self.problem
        _out, err = self.process.communicate()
        if self.process.returncode == 0:
            return None
        message = err.decode("utf-8", "replace").strip()[:MESSAGE_LIMIT]
        return message or _("De reservekopie van vandaag kon niet gemaakt worden.")


def start_daily_backup(database: Database, today: date | None = None) -> DailyBackup:
    """On the first start of the day: a snapshot under the lock, zipped by a helper process (module
    docstring). Made under the lock here instead when a snapshot cannot be taken or handed over.
    Raises :class:`BackupError` or :class:`StoreError` only from that fallback."""
    today = today or clock.today()
    if has_backup_of(database.path, today):
        return DailyBackup()
    remove_stale_temps(database.path)
    if remove_abandoned_snapshots(database.path):
        return DailyBackup()  # another start's helper is making today's backup
    try:
        snapshot = take_snapshot(database)
    except OSError:  # no hard links here: as before, under the lock
        create_backup(database, BackupReason.DAILY)
        return DailyBackup()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "poptui.store.daily_backup", os.fspath(snapshot)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError:
        message = finish_snapshot(snapshot)
        return DailyBackup(problem=message)
    return DailyBackup(process=process)


def take_snapshot(database: Database, reason: str = BackupReason.DAILY) -> Path:
    """A folder of ``backups/`` with a hard link to every file a backup holds, under the lock (module
    docstring). Raises :class:`OSError` (nothing left behind) when a link cannot be made."""
    moment = clock.now()
    folder = backup_folder(database.path)
    ensure_folder(folder)
    snapshot = folder / f"{SNAPSHOT_PREFIX}{moment:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"
    try:
        with database._locked():
            ensure_folder(snapshot)
            root = database.path
            made = {snapshot}
            for path in database_files(root):
                link = snapshot / path.relative_to(root)
                if link.parent not in made:
                    ensure_folder(link.parent)
                    made.add(link.parent)
                os.link(path, link)
            audit_path = root / audit.AUDIT_FILE
            audit_size = audit_path.stat().st_size if audit_path.is_file() else 0
            used = permissions()
            atomic_write(
                snapshot / SNAPSHOT_FILE,
                _json(
                    {
                        "made_at": moment.isoformat(),
                        "reason": str(reason),
                        "audit_size": audit_size,
                        "file_mode": used.file,
                        "folder_mode": used.folder,
                        "gid": used.gid,
                        "group_name": used.group_name,
                    }
                ),
            )
    except BaseException:
        shutil.rmtree(snapshot, ignore_errors=True)
        raise
    return snapshot


def finish_snapshot(snapshot: Path) -> str | None:
    """Zip ``snapshot`` into its database's backups folder, remove it and rotate; None when done, else
    what went wrong in Dutch. The snapshot is removed either way (the next start tries again)."""
    from filelock import FileLock, Timeout

    database_path = snapshot.parent.parent
    lock = FileLock(os.fspath(snapshot / WORKER_LOCK))
    try:
        lock.acquire(timeout=0)
    except (Timeout, OSError):
        return _("De reservekopie van vandaag wordt al gemaakt.")
    try:
        facts = _read_json(snapshot / SNAPSHOT_FILE)
        set_permissions(
            Permissions(
                file=int(str(facts["file_mode"])),
                folder=int(str(facts["folder_mode"])),
                gid=None if facts.get("gid") is None else int(str(facts["gid"])),
                group_name=str(facts.get("group_name") or ""),
            )
        )
        write_backup_file(
            snapshot,
            snapshot.parent,
            str(facts["reason"]),
            moment=datetime.fromisoformat(str(facts["made_at"])),
            audit_size=int(str(facts["audit_size"])),
        )
    except BackupError as error:
        return str(error)
    except (OSError, ValueError, KeyError, TypeError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else _("de momentopname is onleesbaar")
        return _("De reservekopie van vandaag kon niet gemaakt worden ({reason}).", reason=reason)
    finally:
        lock.release()
        shutil.rmtree(snapshot, ignore_errors=True)
    with contextlib.suppress(OSError):
        rotate(database_path)
    return None


def snapshots(database_path: Path) -> list[Path]:
    folder = backup_folder(database_path)
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.glob(f"{SNAPSHOT_PREFIX}*") if path.is_dir())


def remove_abandoned_snapshots(database_path: Path) -> bool:
    """Remove the snapshots no helper works on any more; True when one is still being zipped."""
    from filelock import FileLock, Timeout

    busy = False
    now = time.time()  # against file times: the real clock, never a frozen one
    for snapshot in snapshots(database_path):
        with contextlib.suppress(OSError):
            if now - snapshot.stat().st_mtime < STARTING_SECONDS:
                busy = True
                continue
        lock = FileLock(os.fspath(snapshot / WORKER_LOCK))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            busy = True
            continue
        except OSError:
            continue
        lock.release()  # older than STARTING_SECONDS and unlocked: no helper will take it any more
        shutil.rmtree(snapshot, ignore_errors=True)
    return busy


def _json(data: dict[str, object]) -> bytes:
    from poptui.store.files import dumps

    return dumps(data)


def _read_json(path: Path) -> dict[str, object]:
    from poptui.store.files import loads

    data = loads(path.read_bytes())
    if not isinstance(data, dict):
        raise ValueError(path)
    return data


def main(argv: list[str]) -> int:
    """The helper: ``python -m poptui.store.daily_backup SNAPSHOT``. Exit 0 when the backup is made; else
    the Dutch reason on stderr and exit 1."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # the coach's app comes first
    if len(argv) != 1:
        return 2
    problem = finish_snapshot(Path(argv[0]))
    if problem is None:
        return 0
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(problem + "\n")
        sys.stderr.flush()
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
