"""The dossiers a full check found valid, by the hash of their bytes (``validated.json``).

Validating every record through pydantic is most of a full check (``poptui check``, a start
after a change): at 2,000 employees about 90,000 dossier records, several seconds. Validation
is a function of the file's bytes and of the code that validates them, so its result can be
kept: after a check read a dossier whole and found nothing wrong in it, the SHA-256 of its bytes
is noted here, with the trajectories its records name and a fingerprint of that code (the
sources of :mod:`poptui.models`, the text rules, the store's parsing and the pydantic versions).
The next check still reads and hashes every dossier and checks every reference across files (an
employee or trajectory that is gone), but a dossier whose bytes hash to what is noted is not
parsed and validated record by record again: the same bytes, validated by the same code, give
the same result and name the same trajectories (only when one of them is gone is the dossier
parsed, to name its records). Likewise for the audit log, which only grows: the size, number of
lines and entries, last hash and SHA-256 of the start a check found whole are noted, and the
next check, when the log still starts with those very bytes, verifies the chain from there on
(see :func:`poptui.store.audit.inspect`); any change inside that start is read line by line.

The rules:

- Only a dossier read whole, every record valid and its text clean, is noted, and only when
  the file did not change while it was checked (same inode, size and times before and after).
- Anything that changes a byte (a save, a hand edit, a truncation, a restore of other bytes)
  changes the hash: that dossier is validated again. A file not noted (a new or foreign
  file) is validated. Another version of poptui (another fingerprint) ignores the whole file.
- The file is derived and may be lost: missing, unreadable or of another shape, it counts as
  empty and the check validates everything, as it did before this file existed. It is not
  part of a backup, and a check on a read-only database simply does not write it.
- It holds file names (employee ids), trajectory ids and hashes, no personal data; written
  owner-only (or group, in a shared database) like every file of the store. A save that removes
  a dossier (an erasure) removes this file first: nothing may still name an erased employee.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

import poptui
from poptui.store import audit as audit_log
from poptui.store.errors import StoreError
from poptui.store.files import atomic_write, dumps, loads
from poptui.store.storage import identity_of

FILE = "validated.json"
FORMAT = "poptui-validated"

_CODE = (
    ("poptui", "models"),
    ("poptui", "text.py"),
    ("poptui", "store", "transaction.py"),
    ("poptui", "store", "storage.py"),
    ("poptui", "store", "audit.py"),
    ("poptui", "store", "validated.py"),
)
"""The code whose behaviour decides whether a stored dossier is valid."""


@cache
def fingerprint() -> str:
    """A hash of the code that validates dossiers (see :data:`_CODE`), poptui's version and pydantic's."""
    package = Path(__file__).resolve().parent.parent.parent
    digest = hashlib.blake2b(digest_size=16)
    import importlib.metadata  # 20 ms of imports (email, zipfile ...): only a check needs it, not every open

    digest.update(f"poptui={poptui.__version__}\n".encode())  # also where the sources are not installed
    for name in ("pydantic", "pydantic-core"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{name}={importlib.metadata.version(name)}\n".encode())
    for parts in _CODE:
        path = package.joinpath(*parts)
        sources = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for source in sources:
            digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def _hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()  # SHA-256: hardware-assisted on most CPUs, twice BLAKE2b's speed here


@dataclass(frozen=True)
class Noted:
    """A dossier as a check found it valid: the hash of its bytes and the trajectories its records name."""

    digest: str
    trajectories: tuple[str, ...]


@dataclass(frozen=True)
class Seen:
    """A dossier as a check read it whole: the file's identity then and the hash of its bytes."""

    identity: tuple[int, int, int, int]
    digest: str


def read_dossier(path: Path) -> tuple[bytes, Seen | None] | None:
    """A dossier's bytes for a check, with what :meth:`Validated.passed` notes once they are found valid
    (None when the file changed while it was read); None when it cannot be read (its validation
    says why). Read where the dossier is validated (a check's helper process): the bytes validated
    are the bytes hashed, and a first check, which trusts nothing, reads each dossier once."""
    try:
        before = identity_of(path)
        raw = path.read_bytes()
        after = identity_of(path)
    except OSError:
        return None
    return raw, Seen(before, _hash(raw)) if before == after and len(raw) == before[2] else None


class Trusted:
    """A dossier whose bytes are those of a dossier a check found valid with this code."""

    def __init__(self, raw: bytes, trajectories: tuple[str, ...]) -> None:
        self._raw = raw
        self.trajectories = trajectories
        """The trajectory ids its records name (each once): when all exist, it holds no problem."""

    def tables(self) -> dict[str, dict[str, Any]]:
        """Its tables, to name the records behind a problem (a trajectory that is gone)."""
        return cast(dict[str, dict[str, Any]], loads(self._raw))


class Validated:
    """The dossiers noted valid, as one check reads and updates them (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._known, self._audit = _read(root / FILE)
        self._found: dict[str, Noted] = {}
        """Dossiers this check found valid (trusted, or validated and unchanged meanwhile)."""
        self._audit_found: audit_log.Verified | None = None
        self._pending: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        """Dossiers read by :meth:`trusted` but not trusted: their identity and hash when read."""

    def _name(self, path: Path) -> str:
        """``dossiers/<id>.json`` (a dossier's path is the database folder, its folder and its name)."""
        return f"{path.parent.name}/{path.name}"

    def trusted(self, path: Path) -> Trusted | None:
        """``path`` when its bytes are those of a dossier a check found valid with this code; None when
        they must be validated (then :meth:`passed` notes them once they are)."""
        name = self._name(path)
        if name not in self._known:  # nothing to compare with: its validation reads it (read_dossier)
            return None
        try:
            before = identity_of(path)
            raw = path.read_bytes()
            after = identity_of(path)
        except OSError:
            return None  # missing or unreadable: the validation says what is wrong
        digest = _hash(raw)
        noted = self._known.get(name)
        if noted is not None and noted.digest == digest:
            self._found[name] = noted
            return Trusted(raw, noted.trajectories)
        if before == after and len(raw) == before[2]:
            self._pending[name] = (before, digest)
        return None

    def passed(self, path: Path, trajectories: Iterable[str], seen: Seen | None = None) -> None:
        """``path`` was validated whole and is valid, its records naming ``trajectories``: note it, if it
        is still the file its validation read (``seen``, from :func:`read_dossier`) or, without
        that, the file :meth:`trusted` read."""
        name = self._name(path)
        pending = self._pending.pop(name, None)
        if seen is not None:
            pending = (seen.identity, seen.digest)
        if pending is None:
            return
        with contextlib.suppress(OSError):
            if identity_of(path) == pending[0]:
                self._found[name] = Noted(pending[1], tuple(dict.fromkeys(trajectories)))

    def audit_start(self) -> audit_log.Verified | None:
        """The start of the audit log an earlier check found whole (see :func:`poptui.store.audit.inspect`)."""
        return self._audit

    def audit_passed(self, inspection: audit_log.Inspection) -> None:
        """The audit log was inspected and found whole: note it (its start is trusted next time)."""
        if inspection.exists and inspection.digest and not inspection.problems:
            self._audit_found = audit_log.Verified(
                inspection.size, inspection.lines, inspection.count, inspection.last_hash, inspection.digest
            )

    def save(self) -> None:
        """Write what this check found valid (a read-only database keeps the old file, or none)."""
        if self._found == self._known and self._audit_found == self._audit:
            return
        files = {
            name: [noted.digest, list(noted.trajectories)]
            for name, noted in sorted(self._found.items())
            if os.path.exists(os.path.join(self.root, name))  # not a dossier erased while this check ran
        }
        data: dict[str, object] = {"format": FORMAT, "code": fingerprint(), "files": files}
        if self._audit_found is not None:
            data["audit"] = dataclasses.asdict(self._audit_found)
        with contextlib.suppress(OSError, StoreError):
            atomic_write(self.root / FILE, dumps(data))


def _read(path: Path) -> tuple[dict[str, Noted], audit_log.Verified | None]:
    """The noted dossiers and audit start, or none when the file is missing, unreadable, of another shape
    or from other code."""
    try:
        data = loads(path.read_bytes())
    except (OSError, ValueError):
        return {}, None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("code") != fingerprint():
        return {}, None
    files = data.get("files")
    if not isinstance(files, dict):
        return {}, None
    noted = {}
    for name, entry in files.items():
        if (
            isinstance(entry, list)
            and len(entry) == 2
            and isinstance(entry[0], str)
            and isinstance(entry[1], list)
            and all(isinstance(item, str) for item in entry[1])
        ):
            noted[name] = Noted(entry[0], tuple(entry[1]))
    start = data.get("audit")
    try:
        verified = audit_log.Verified(**start) if isinstance(start, dict) else None
    except TypeError:
        verified = None
    if verified is not None and not (
        all(isinstance(value, int) and value >= 0 for value in (verified.size, verified.lines, verified.count))
        and isinstance(verified.last_hash, str)
        and isinstance(verified.digest, str)
    ):
        verified = None
    return noted, verified


def forget(root: Path) -> None:
    """Forget every noted dossier: before a dossier is removed (an erasure), so that no file of the
    database still names the employee's id or trajectories; the next check validates everything."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(root / FILE)
