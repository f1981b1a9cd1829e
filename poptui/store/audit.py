"""The append-only audit trail: one JSON line per event, each chained to the previous.

An entry names who did what to which record and which fields changed, never
the values. Each entry carries the hash of the previous one, so a removed or
edited line breaks the chain, which ``poptui check`` reports. Lines cut from
the end (or the whole file) leave a chain that is whole but short: the
manifest (:mod:`poptui.store.manifest`) keeps the number of entries and the
hash of the last one, and :func:`inspect` compares the log with that head.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from poptui import models  # models.X loads a model class where it is used: opening a database loads no pydantic
from poptui.i18n import _
from poptui.models import AuditAction
from poptui.store.errors import DatabaseDamaged, unreadable
from poptui.store.files import permissions

if TYPE_CHECKING:
    from poptui.models import AuditEvent

AUDIT_FILE = "audit.log"


def _digest(event: AuditEvent) -> str:
    return _digest_of(event.model_dump(mode="json", exclude={"hash"}))


def _digest_of(payload: dict[str, object]) -> str:
    return hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()


_ACTIONS = frozenset(action.value for action in AuditAction)
_TEXT_KEYS = ("at", "actor", "action", "record_type", "record_id", "previous_hash", "hash")


def _entry(line: bytes) -> dict[str, object] | None:
    """A line as written by :func:`append` (the JSON of ``AuditEvent.model_dump``), or None when it is not one.

    The check reads every line of a log of 100k entries: it checks the shape and the chain on the
    raw JSON (what was hashed when it was written) instead of validating a model per line.
    """
    try:
        data = orjson.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    for key in _TEXT_KEYS:  # a loop, not all() over a generator: a fifth of a check's audit log time
        if not isinstance(data.get(key), str):
            return None
    if data["action"] not in _ACTIONS or not isinstance(data.get("fields", []), list):
        return None
    return data


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


@dataclass(frozen=True)
class Appended:
    """Where an append left the log: its size before and after, the last hash before it, and
    (previous hash, hash) of every entry appended."""

    size_before: int
    size_after: int
    last_hash: str
    hashes: list[tuple[str, str]]


def append(path: Path, events: list[AuditEvent]) -> Appended | None:
    """Chain and append ``events``. Call with the database lock held. None when there was nothing to add."""
    if not events:
        return None
    return append_prepared(path, prepare([event.model_dump(mode="json") for event in events]), events)


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


def append_prepared(path: Path, entries: PreparedEntries, events: list[AuditEvent] | None = None) -> Appended:
    """Chain ``entries`` to the last entry of the log and append them (call with the database lock held).

    Each line is the entry's sorted JSON with its ``hash`` added; :func:`inspect` recomputes every
    hash from the parsed entry. ``events``, when given, get their ``previous_hash`` and ``hash`` set.
    """
    if not entries.parts:
        return Appended(0, 0, "", [])
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
        size_after = os.fstat(fd).st_size
    finally:
        os.close(fd)
    for event, (previous_hash, digest) in zip(events or [], hashes, strict=False):
        event.previous_hash = previous_hash
        event.hash = digest
    return Appended(size, size_after, hashes[0][0], hashes)


def cut_back(path: Path, appended: Appended) -> None:
    """Take the entries of ``appended`` off the end of the log again (under the lock): the save they
    describe failed after they were written. Best effort: entries left behind describe a save that
    did not happen, but the chain stays whole and the manifest's head is still inside the log."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            if os.fstat(fd).st_size == appended.size_after:
                os.ftruncate(fd, appended.size_before)
                os.fsync(fd)
        finally:
            os.close(fd)


def count_lines(path: Path, start: int, end: int) -> int:
    """The number of entries between byte ``start`` and ``end`` (lines left by an interrupted save)."""
    if end <= start:
        return 0
    with path.open("rb") as handle:
        handle.seek(start)
        return handle.read(end - start).count(b"\n")


def read(path: Path) -> Iterator[AuditEvent]:
    """The entries in order; raises :class:`DatabaseDamaged` at a line that cannot be read."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    except OSError as error:
        raise unreadable(path, error) from error
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    yield models.AuditEvent.model_validate(orjson.loads(line))
                except ValueError:
                    raise DatabaseDamaged(path, _("regel {number} is onleesbaar", number=number)) from None


@dataclass
class Inspection:
    """What :func:`inspect` found: problems (Dutch), the number of entries, the last hash, the size read
    and the SHA-256 of the bytes read (see :class:`Verified`)."""

    problems: list[str] = field(default_factory=list)
    count: int = 0
    last_hash: str = ""
    size: int = 0
    exists: bool = True
    lines: int = 0
    """Lines read, blank ones included (the numbers in the messages)."""
    digest: str = ""
    """Empty when the last line read has no line end (the next append would continue it)."""


@dataclass(frozen=True)
class Verified:
    """The start of a log an earlier inspection found without problems: its first ``size`` bytes (``lines``
    whole lines) hash to ``digest`` and hold ``count`` entries, the last with ``last_hash``."""

    size: int
    lines: int
    count: int
    last_hash: str
    digest: str


def _prefix_digest(handle: BinaryIO, size: int) -> Any:
    """The SHA-256 state after the first ``size`` bytes of ``handle`` (None when the file is shorter)."""
    digest = hashlib.sha256()
    left = size
    while left:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            return None
        digest.update(chunk)
        left -= len(chunk)
    return digest


_parse = orjson.loads
"""How :func:`inspect` parses each line it reads (one name: a test counts the lines parsed)."""
_TEXTS = operator.itemgetter(*_TEXT_KEYS)
_NO_FIELDS: list[str] = []
"""What an entry without ``fields`` counts as (never changed)."""


def _inspect_lines(
    found: Inspection,
    handle: BinaryIO,
    start: int,
    digest: Any,
    previous: str,
    head_count: int,
    head_hash: str,
) -> bool:
    """Check the lines from ``handle``'s position on (the first is line ``start``) into ``found``, the
    chain going on from ``previous``; ``digest`` takes in every byte read. Returns whether the last
    line read ends with a line end (none read: True).

    A log of 100k entries is read at every first check, so the common case costs as few Python
    operations as can be: a line that is a whole entry (:func:`_entry`'s shape) chained to the one
    before it, whose hash is that of its sorted JSON and which is not a head that differs, is
    taken as it is. Any other line (blank, unreadable, out of the chain, changed, another head)
    goes through :func:`_check_line`, which says what is wrong in the words it always used: the
    result is the same as checking every line there.

    The hash is that of the entry's sorted JSON made again, not of the line's own bytes with its
    ``hash`` cut out: a line whose text is not exactly that JSON (spaces, another key order or
    escape) but whose hash is that of its own bytes must still be found changed, and proving
    the text is that JSON costs the same ``dumps`` (about a seventh of this loop)."""
    parse, dumps, sha256, sort_keys = _parse, orjson.dumps, hashlib.sha256, orjson.OPT_SORT_KEYS
    texts, actions, no_fields, update = _TEXTS, _ACTIONS, _NO_FIELDS, digest.update
    count, last_hash, size = found.count, found.last_hash, 0
    number, line = start - 1, b"\n"
    for number, line in enumerate(handle, start=start):
        size += len(line)
        update(line)
        try:
            entry = parse(line)
            at, actor, action, record_type, record_id, previous_hash, stored_hash = texts(entry)
        except (ValueError, TypeError, KeyError):  # not JSON, not an object, a key missing: said below
            pass
        else:
            if (
                previous_hash == previous  # a text: ``previous`` is one
                and type(action) is str
                and action in actions
                and type(at) is str
                and type(actor) is str
                and type(record_type) is str
                and type(record_id) is str
                and type(entry.get("fields", no_fields)) is list
                and (count + 1 != head_count or not head_hash or stored_hash == head_hash)
            ):
                del entry["hash"]
                if sha256(dumps(entry, option=sort_keys)).hexdigest() == stored_hash:  # so a text too
                    count += 1
                    previous = last_hash = stored_hash
                    continue
        previous, count, last_hash = _check_line(found, number, line, previous, count, last_hash, head_count, head_hash)
    found.size += size
    found.lines = max(found.lines, number)
    found.count, found.last_hash = count, last_hash
    return line.endswith(b"\n")


def _check_line(
    found: Inspection,
    number: int,
    line: bytes,
    previous: str,
    count: int,
    last_hash: str,
    head_count: int,
    head_hash: str,
) -> tuple[str, int, str]:
    """One line of the log checked in full, its problems added to ``found``; returns the hash the
    next entry must chain to, the number of entries so far and the last hash read."""
    if not line.strip():
        return previous, count, last_hash
    count += 1
    entry = _entry(line)
    if entry is None:
        found.problems.append(_("Auditlog regel {number}: onleesbaar.", number=number))
        return "", count, last_hash
    stored_hash = str(entry.pop("hash"))
    if entry["previous_hash"] != previous:
        found.problems.append(
            _(
                "Auditlog regel {number}: de keten is onderbroken (een regel is verwijderd of gewijzigd).",
                number=number,
            )
        )
    if stored_hash != _digest_of(entry):
        found.problems.append(_("Auditlog regel {number}: de inhoud is gewijzigd na het schrijven.", number=number))
    if count == head_count and head_hash and stored_hash != head_hash:
        found.problems.append(
            _(
                "Auditlog regel {number}: dit is niet de regel die poptui als laatste schreef; het "
                "auditlog is vervangen of herschreven.",
                number=number,
            )
        )
    return stored_hash, count, stored_hash


def inspect(path: Path, head_count: int = 0, head_hash: str = "", verified: Verified | None = None) -> Inspection:
    """Verify the chain and that the log still holds the head poptui recorded (``head_count`` entries,
    the last of them with ``head_hash``): lines removed from the end or a deleted log are found.

    ``verified``: the start of the log an earlier inspection found whole. When the log still starts
    with those very bytes (the same hash), its lines are not parsed and hashed one by one again: the
    chain goes on from its last hash. Any other start (a line changed, removed or cut) is read line
    by line, as without it. The log is append-only, so normally only the new lines are read.
    """
    found = Inspection()
    previous = ""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        found.exists = False
        if head_count:
            found.problems.append(
                _(
                    "Het auditlog {path} ontbreekt, maar er horen {count} regels in te staan. Zet een "
                    "reservekopie terug.",
                    path=path,
                    count=head_count,
                )
            )
        return found
    with handle:
        digest = hashlib.sha256()
        start = 1
        if verified is not None and (
            not head_count
            or head_count > verified.count
            or (head_count == verified.count and head_hash in ("", verified.last_hash))
        ):  # the recorded head is not inside the start (its line would have to be compared), or it is its end
            state = _prefix_digest(handle, verified.size)
            if state is not None and state.hexdigest() == verified.digest:
                digest = state
                found.size, found.lines, found.count = verified.size, verified.lines, verified.count
                previous = found.last_hash = verified.last_hash
                start = verified.lines + 1
            else:
                handle.seek(0)
        ended = _inspect_lines(found, handle, start, digest, previous, head_count, head_hash)
        found.digest = digest.hexdigest() if ended else ""  # a start to trust ends with a whole line
    if found.count < head_count:
        found.problems.append(
            _(
                "Het auditlog is ingekort: er staan {count} regels in, poptui schreef er {expected}. "
                "Zet een reservekopie terug.",
                count=found.count,
                expected=head_count,
            )
        )
    return found


def verify(path: Path) -> list[str]:
    """Dutch descriptions of every break in the chain (empty when intact)."""
    return inspect(path).problems
