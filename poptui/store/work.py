"""Private work folders inside the database folder, for files that must exist only for a moment.

Checking a backup means unpacking it: every employee's dossier, for a few seconds. Those
files never go to the system's temporary folder (``/tmp`` is shared by every user of the
machine, often not cleaned, sometimes on another disk): they go where the data already
lives, ``<database>/.werk/<purpose>-<random>/``, a folder readable by its owner only
(0700, also when the database is group-shared).

The rules (:func:`work_folder`):

- the folder is removed when the work ends, whether it succeeded or failed;
- while the work runs, its process holds an exclusive lock on ``<purpose>-<random>.lock``
  beside the folder (taken *before* the folder is made, released by the operating system
  when the process dies, however it dies);
- a folder left by a killed process is removed by the next :func:`sweep` (every start of
  the app, and before every new work folder): a lock that can be taken means its owner is
  gone. Where locks are not available (Windows) a leftover is removed after an hour.

A database folder or ``.werk`` folder made only for the work is removed again afterwards,
so checking a backup leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from poptui.store.files import PRIVATE, ensure_folder

WORK_FOLDER = ".werk"
LOCK_SUFFIX = ".lock"
STALE_SECONDS = 3600
"""Without file locks (Windows): how old an abandoned work folder must be before it is removed."""

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def work_root(database_path: Path) -> Path:
    return Path(database_path) / WORK_FOLDER


@contextmanager
def work_folder(database_path: Path, purpose: str) -> Iterator[Path]:
    """A new, empty, owner-only folder inside ``<database_path>/.werk/``, removed afterwards.

    Raises :class:`OSError` when it cannot be made (a read-only or full disk): the caller says so.
    """
    database_path = Path(database_path)
    root = work_root(database_path)
    made = [folder for folder in (database_path, root) if not folder.exists()]
    sweep(database_path)
    name = f"{purpose}-{uuid.uuid4().hex[:12]}"
    lock_fd: int | None = None
    folder = root / name
    lock_path = root / f"{name}{LOCK_SUFFIX}"
    try:
        ensure_folder(root)
        lock_fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_EXCL, PRIVATE.file)
        if fcntl is not None:
            fcntl.flock(lock_fd, fcntl.LOCK_EX)
        folder.mkdir(mode=PRIVATE.folder)
        with contextlib.suppress(OSError, NotImplementedError):
            os.chmod(folder, PRIVATE.folder)  # no setgid bit or group from a shared database folder
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if lock_fd is not None:
            with contextlib.suppress(OSError):
                lock_path.unlink()
            os.close(lock_fd)
        for created in reversed(made):
            with contextlib.suppress(OSError):
                created.rmdir()  # only when empty: made for this work alone


def _owner_gone(lock_path: Path) -> bool:
    """Can the lock be taken (its process is gone)? Without locks: is it older than an hour?"""
    if fcntl is None:
        try:
            return lock_path.stat().st_mtime < time.time() - STALE_SECONDS
        except OSError:
            return False
    try:
        fd = os.open(lock_path, os.O_RDWR)
    except OSError:
        return False  # gone meanwhile, or another user's (group mode): leave it to them
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def sweep(database_path: Path) -> int:
    """Remove the work folders of processes that are gone; returns how many. Never raises."""
    root = work_root(database_path)
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
    names = {entry.name for entry in entries}
    removed = 0
    for entry in entries:
        if entry.name.endswith(LOCK_SUFFIX):
            lock_path = Path(entry.path)
            if not _owner_gone(lock_path):
                continue
            shutil.rmtree(root / entry.name.removesuffix(LOCK_SUFFIX), ignore_errors=True)
            with contextlib.suppress(OSError):
                lock_path.unlink()
            removed += 1
        elif f"{entry.name}{LOCK_SUFFIX}" not in names:  # a folder without its lock file: never ours
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_mtime < time.time() - STALE_SECONDS:
                    if entry.is_dir(follow_symlinks=False):
                        shutil.rmtree(entry.path, ignore_errors=True)
                    else:
                        os.unlink(entry.path)
                    removed += 1
    return removed
