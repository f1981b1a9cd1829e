"""The append-only audit trail: one JSON line per event, each chained to the previous.

An entry names who did what to which record and which fields changed, never
the values. Each entry carries the hash of the previous one, so a removed or
edited line breaks the chain, which ``poptui check`` reports.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import orjson

from poptui.models import AuditEvent
from poptui.store.files import permissions

AUDIT_FILE = "audit.log"


def _digest(event: AuditEvent) -> str:
    payload = event.model_dump(mode="json", exclude={"hash"})
    return hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _last_line(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            block = min(size, 8192)
            while True:
                handle.seek(size - block)
                chunk = handle.read(block)
                lines = chunk.rstrip(b"\n").split(b"\n")
                if len(lines) > 1 or block == size:
                    return lines[-1]
                block = min(size, block * 4)
    except FileNotFoundError:
        return b""


def last_hash(path: Path) -> str:
    line = _last_line(path)
    if not line:
        return ""
    try:
        return str(orjson.loads(line).get("hash", ""))
    except ValueError:
        return ""


def append(path: Path, events: list[AuditEvent]) -> None:
    """Chain and append ``events``. Call with the database lock held."""
    if not events:
        return
    previous = last_hash(path)
    lines = []
    for event in events:
        event.previous_hash = previous
        event.hash = _digest(event)
        previous = event.hash
        lines.append(orjson.dumps(event.model_dump(mode="json")) + b"\n")
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, permissions().file)
    try:
        size = os.fstat(fd).st_size
        try:
            view = memoryview(b"".join(lines))
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except BaseException:
            # A full disk may have let part of a line through: cut it off, keep the chain whole.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)


def read(path: Path) -> Iterator[AuditEvent]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        for line in handle:
            if line.strip():
                yield AuditEvent.model_validate(orjson.loads(line))


def verify(path: Path) -> list[str]:
    """Dutch descriptions of every break in the chain (empty when intact)."""
    problems = []
    previous = ""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return []
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                event = AuditEvent.model_validate(orjson.loads(line))
            except ValueError:
                problems.append(f"Auditlog regel {number}: onleesbaar.")
                previous = ""
                continue
            if event.previous_hash != previous:
                problems.append(
                    f"Auditlog regel {number}: de keten is onderbroken (een regel is verwijderd of gewijzigd)."
                )
            if event.hash != _digest(event):
                problems.append(f"Auditlog regel {number}: de inhoud is gewijzigd na het schrijven.")
            previous = event.hash
    return problems
