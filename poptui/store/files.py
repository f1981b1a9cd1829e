"""Low-level file handling: atomic writes, permissions, reading JSON.

Portable: POSIX-only calls (fchmod, directory fsync) are guarded, so the same
code runs on a Windows workshop PC and on the Linux server.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import orjson


@dataclass(frozen=True)
class Permissions:
    """Modes for files and folders the store creates."""

    file: int = 0o600
    folder: int = 0o700


PRIVATE = Permissions()
GROUP_SHARED = Permissions(file=0o660, folder=0o2770)

_permissions = PRIVATE


def set_permissions(permissions: Permissions) -> None:
    global _permissions
    _permissions = permissions


def permissions() -> Permissions:
    return _permissions


def ensure_folder(path: Path) -> None:
    """Create ``path`` (and missing parents) with the folder mode."""
    if path.is_dir():
        return
    path.mkdir(parents=True, exist_ok=True, mode=_permissions.folder)
    with contextlib.suppress(OSError, NotImplementedError):
        os.chmod(path, _permissions.folder)


def _fsync_folder(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    Writes a temporary file in the same folder, flushes and fsyncs it, replaces
    the target in one step and fsyncs the folder. On failure the temporary file
    is removed and the old file is untouched.
    """
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _permissions.file)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, _permissions.file)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(path.parent)


def dumps(data: object) -> bytes:
    return orjson.dumps(data)


def loads(data: bytes) -> object:
    return orjson.loads(data)
