"""Low-level file handling: atomic writes, permissions, reading JSON.

Portable: POSIX-only calls (fchmod, fchown, directory fsync) are guarded, so the
same code runs on a Windows workshop PC and on the Linux server.

Two permission modes:

- :data:`PRIVATE` (the default): files 0600, folders 0700, only the owner reads them;
- group mode (:func:`group_permissions`): files 0660, folders 2770 and the folder's
  group, for an organisation running poptui for several coaches on one server. The
  setgid bit makes new files inherit the group; there is no sticky bit, because it
  would stop one coach from atomically replacing a file another coach wrote.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import orjson


@dataclass(frozen=True)
class Permissions:
    """Modes (and optionally the group) for files and folders the store creates."""

    file: int = 0o600
    folder: int = 0o700
    gid: int | None = None
    group_name: str = ""

    @property
    def shared(self) -> bool:
        return bool(self.file & 0o070)

    @property
    def umask(self) -> int:
        return 0o007 if self.shared else 0o077


PRIVATE = Permissions()
GROUP_SHARED = Permissions(file=0o660, folder=0o2770)

_permissions = PRIVATE


class UnknownGroup(ValueError):
    """The group named for group mode does not exist on this system."""


def group_permissions(group: str) -> Permissions:
    """Group mode for ``group`` (a name or number); raises :class:`UnknownGroup`."""
    try:
        import grp
    except ImportError:  # Windows: no POSIX groups, folder ACLs do this job
        return GROUP_SHARED
    try:
        gid = int(group) if group.isdecimal() else grp.getgrnam(group).gr_gid
    except KeyError:
        raise UnknownGroup(group) from None
    return Permissions(file=0o660, folder=0o2770, gid=gid, group_name=group)


def set_permissions(permissions: Permissions) -> None:
    """Use ``permissions`` for everything created from now on (and set the umask to match)."""
    global _permissions
    _permissions = permissions
    if hasattr(os, "umask"):
        os.umask(permissions.umask)


def permissions() -> Permissions:
    return _permissions


def _chown_group(target: int | Path) -> None:
    gid = _permissions.gid
    if gid is None or not hasattr(os, "chown"):
        return
    with contextlib.suppress(OSError):
        if isinstance(target, int):
            os.fchown(target, -1, gid)
        else:
            os.chown(target, -1, gid)


def apply_mode(path: Path, *, folder: bool | None = None) -> None:
    """Give an existing file or folder the current mode (and group)."""
    is_folder = path.is_dir() if folder is None else folder
    _chown_group(path)
    _set_mode(path, _permissions.folder if is_folder else _permissions.file)


def _set_mode(path: Path, mode: int) -> None:
    """chmod where the platform supports it (Windows and some file systems do not: then it is a no-op)."""
    with contextlib.suppress(OSError, NotImplementedError):
        os.chmod(path, mode)


def ensure_folder(path: Path) -> None:
    """Create ``path`` (and missing parents) with the folder mode."""
    if path.is_dir():
        return
    missing = [parent for parent in [path, *path.parents] if not parent.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=_permissions.folder & 0o777)
    for folder in reversed(missing):
        apply_mode(folder, folder=True)


def _fsync_folder(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


BATCH_SYNC = sys.platform.startswith("linux")
"""Linux: many new files can be written without an fsync each and made durable with one
:func:`sync_batch` (``sync()`` waits until everything is on disk there); elsewhere each file
is fsynced."""


def write_temp(path: Path, data: bytes, *, private: bool = False, fsync: bool = True, sync_later: bool = False) -> Path:
    """Write ``data`` to a new temporary file beside ``path``, fsynced; removed again on failure.

    ``private`` files (exports) are the owner's only, also when the database is group-shared.
    ``fsync=False`` (only with :data:`BATCH_SYNC`) leaves the fsync to one :func:`sync_batch`
    for many files, which must run before any of them is put in place. ``sync_later`` (any
    platform) leaves it to the caller, who fsyncs the file with :class:`Syncing` before putting
    it in place.
    """
    mode = PRIVATE.file if private else _permissions.file
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        try:
            if not private:
                _chown_group(fd)
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if not sync_later and (fsync or not BATCH_SYNC):
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def write_streamed(path: Path, fill: Callable[[BinaryIO], None]) -> None:
    """Like :func:`atomic_write`, for data ``fill(file)`` writes in pieces (a backup zip of the whole
    database): never all of it in memory. The temporary file is removed when ``fill`` fails."""
    mode = _permissions.file
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            _chown_group(handle.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    replace_with(tmp, path)


class Syncing:
    """fsync files (and folders) in another thread while the caller goes on (:meth:`wait` for the outcome).

    A transaction fsyncs its temporary files while it appends (and fsyncs) the audit entries: two
    flushes that do not depend on each other run at the same time (``os.fsync`` lets go of the GIL).
    One thread per process does it (:func:`_jobs`): starting a thread per save cost more CPU than
    the rest of a small save's bookkeeping.
    """

    def __init__(self, paths: Iterable[Path] = (), folders: Iterable[Path] = ()) -> None:
        self._paths = list(paths)
        self._folders = list(folders)
        self._error: BaseException | None = None
        self._done: threading.Lock | None = None
        if self._paths or self._folders:
            self._done = threading.Lock()
            self._done.acquire()
            _jobs().put(self)

    def run(self) -> None:
        """In the syncing thread: fsync every file and folder, keep the first error, and say it is done."""
        try:
            for path in self._paths:
                fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes only a writable handle
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            for folder in self._folders:
                _fsync_folder(folder)
        except BaseException as error:  # handed to the waiting save, which fails with it
            self._error = error
        finally:
            assert self._done is not None
            self._done.release()

    def wait(self) -> BaseException | None:
        """Wait until every file is fsynced; the error that stopped it (None: all are durable)."""
        if self._done is not None:
            self._done.acquire()
            self._done = None
        return self._error


_syncer: tuple[int, queue.SimpleQueue[Syncing]] | None = None
_syncer_lock = threading.Lock()


def _jobs() -> queue.SimpleQueue[Syncing]:
    """The queue of this process's syncing thread, started on first use, and again in a forked child
    (a fork copies the queue but not the thread that empties it)."""
    global _syncer
    with _syncer_lock:
        if _syncer is None or _syncer[0] != os.getpid():
            jobs: queue.SimpleQueue[Syncing] = queue.SimpleQueue()
            threading.Thread(target=_sync_forever, args=(jobs,), name="poptui-fsync", daemon=True).start()
            _syncer = (os.getpid(), jobs)
        return _syncer[1]


def _sync_forever(jobs: queue.SimpleQueue[Syncing]) -> None:
    while True:
        jobs.get().run()


def _forget_syncer() -> None:
    """In a forked child: the parent's syncing thread is not there, and its lock may have been held."""
    global _syncer, _syncer_lock
    _syncer = None
    _syncer_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_syncer)


def sync_batch() -> None:
    """Make every file written with ``write_temp(..., fsync=False)`` durable (one sync for all)."""
    if BATCH_SYNC:
        os.sync()


def discard_temps(temps: Iterable[Path]) -> None:
    for tmp in temps:
        with contextlib.suppress(OSError):
            tmp.unlink()


def replace_with(tmp: Path, path: Path, *, sync_folder: bool = True) -> None:
    """Put a temporary file from :func:`write_temp` in place of ``path`` and fsync the folder.

    ``sync_folder=False`` when the caller puts many files of one folder in place and fsyncs that
    folder once after the last of them (:func:`poptui.store.bulk.write_many`: 64 shards of employees/)."""
    try:
        os.replace(tmp, path)
    except BaseException:
        discard_temps([tmp])
        raise
    if sync_folder:
        _fsync_folder(path.parent)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and missing parents) readable by its owner only: where exports go."""
    missing = [parent for parent in [folder, *folder.parents] if not parent.exists()]
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE.folder)
    for created in reversed(missing):
        _set_mode(created, PRIVATE.folder)
    return folder


def write_private(path: Path, data: bytes) -> Path:
    """Write an export atomically, readable by its owner only."""
    replace_with(write_temp(path, data, private=True), path)
    return path


def write_private_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write many exports into ``folder`` (a folder being built, not yet in place), each readable by its
    owner only, made durable together: one :func:`sync_batch` and one fsync of the folder instead of an
    fsync per file and per rename (the month's package writes two hundred files).

    Each file still goes through a temporary file and :func:`os.replace`; on a failure the files
    written so far stay (the caller removes the folder it was building)."""
    written = []
    for name, data in files.items():
        path = folder / name
        replace_with(write_temp(path, data, private=True, fsync=False), path, sync_folder=False)
        written.append(path)
    sync_batch()
    _fsync_folder(folder)
    return written


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    Writes a temporary file in the same folder, flushes and fsyncs it, replaces
    the target in one step and fsyncs the folder. On failure the temporary file
    is removed and the old file is untouched.
    """
    replace_with(write_temp(path, data), path)


def dumps(data: object) -> bytes:
    return orjson.dumps(data)


def loads(data: bytes | str) -> object:
    """JSON from bytes, or from text as it is (encoding it first would cost as much as parsing it)."""
    return orjson.loads(data)
