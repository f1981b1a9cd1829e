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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    hashes = append_prepared(path, prepare([event.model_dump(mode="json") for event in events]))
    for event, (previous, digest) in zip(events, hashes, strict=True):
        event.previous_hash = previous
        event.hash = digest


_PLACEHOLDER = b"poptuivorigehash"


@dataclass
class PreparedEntries:
    """Audit entries serialised and half hashed without the lock (:func:`prepare`).

    An entry's hash covers the previous entry's hash, known only under the lock. Each entry is
    kept as its sorted JSON split around ``previous_hash`` with a SHA-256 state over the part
    before it, so chaining under the lock costs one small hash update per entry (an import
    appends 100,000 entries while other coaches wait for the lock).
    """

    parts: list[tuple[Any, bytes, bytes, bytes] | dict[str, Any]]
    """Per entry: (hash state over ``before``, ``before``, ``after``, ``after`` opening the hash key) of
    its sorted JSON; or the entry
    itself in the odd case that its text holds the placeholder (then it is hashed in full)."""


def prepare(documents: list[dict[str, Any]]) -> PreparedEntries:
    """Entries given as :meth:`AuditEvent.model_dump` (JSON mode) dictionaries, ready to chain."""
    parts: list[tuple[Any, bytes, bytes, bytes] | dict[str, Any]] = []
    for document in documents:
        payload = {key: value for key, value in document.items() if key != "hash"}
        payload["previous_hash"] = _PLACEHOLDER.decode()
        sorted_json = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)
        before, found, after = sorted_json.partition(_PLACEHOLDER)
        if not found or _PLACEHOLDER in after or _PLACEHOLDER in before:
            parts.append(payload)
        else:
            parts.append((hashlib.sha256(before), before, after, after[:-1] + b',"hash":"'))
    return PreparedEntries(parts)


def append_prepared(path: Path, entries: PreparedEntries) -> list[tuple[str, str]]:
    """Chain ``entries`` to the last entry of the log and append them; (previous hash, hash) per entry.

    Call with the database lock held. Each line is the entry's sorted JSON with its ``hash``
    added; :func:`verify` recomputes every hash from the parsed entry.
    """
    if not entries.parts:
        return []
    previous = last_hash(path)
    lines = []
    hashes = []
    for part in entries.parts:
        if isinstance(part, dict):
            part["previous_hash"] = previous
            digest = hashlib.sha256(orjson.dumps(part, option=orjson.OPT_SORT_KEYS)).hexdigest()
            lines.append(orjson.dumps(part | {"hash": digest}) + b"\n")
        else:
            state, before, after, tail = part
            chained = previous.encode()
            digest_state = state.copy()
            digest_state.update(chained)
            digest_state.update(after)
            digest = digest_state.hexdigest()
            lines.append(b"".join((before, chained, tail, digest.encode(), b'"}\n')))
        hashes.append((previous, digest))
        previous = digest
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
    return hashes


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
