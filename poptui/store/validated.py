"""The dossiers a full check found valid, by the hash of their bytes (``validated.json``).

Validating every record through pydantic is most of a full check (``poptui check``, a start
after a change): at 2,000 employees about 90,000 dossier records, several seconds. Validation
is a function of the file's bytes and of the code that validates them, so its result can be
kept: after a check read a dossier whole and found nothing wrong in it, the BLAKE2b hash of its
bytes is noted here, with a fingerprint of that code (the sources of :mod:`poptui.models`, the
text rules, the store's parsing and the pydantic versions). The next check still reads and
parses every dossier and checks every reference across files (an employee or trajectory that
is gone, a record in another employee's dossier), but a dossier whose bytes hash to what is
noted is not validated record by record again: the same bytes, validated by the same code,
give the same result.

The rules:

- Only a dossier read whole, every record valid and its text clean, is noted, and only when
  the file did not change while it was checked (same inode, size and times before and after).
- Anything that changes a byte (a save, a hand edit, a truncation, a restore of other bytes)
  changes the hash: that dossier is validated again. A file not noted (a new or foreign
  file) is validated. Another version of poptui (another fingerprint) ignores the whole file.
- The file is derived and may be lost: missing, unreadable or of another shape, it counts as
  empty and the check validates everything, as it did before this file existed. It is not
  part of a backup, and a check on a read-only database simply does not write it.
- It holds file names (employee ids) and hashes, no personal data; written owner-only (or
  group, in a shared database) like every file of the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
from functools import cache
from pathlib import Path
from typing import Any

import poptui
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
    ("poptui", "store", "validated.py"),
)
"""The code whose behaviour decides whether a stored dossier is valid."""


@cache
def fingerprint() -> str:
    """A hash of the code that validates dossiers (see :data:`_CODE`), poptui's version and pydantic's."""
    package = Path(__file__).resolve().parent.parent.parent
    digest = hashlib.blake2b(digest_size=16)
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
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


class Validated:
    """The dossiers noted valid, as one check reads and updates them (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._known = _read(root / FILE)
        self._found: dict[str, str] = {}
        """Dossiers this check found valid (trusted, or validated and unchanged meanwhile)."""
        self._pending: dict[str, tuple[tuple[int, int, int, int], str]] = {}
        """Dossiers read by :meth:`trusted` but not trusted: their identity and hash when read."""

    def _name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def trusted(self, path: Path) -> dict[str, dict[str, Any]] | None:
        """The tables of ``path`` when its bytes are those of a dossier a check found valid with this code;
        None when they must be validated (then :meth:`passed` notes them once they are)."""
        name = self._name(path)
        try:
            before = identity_of(path)
            raw = path.read_bytes()
            after = identity_of(path)
        except OSError:
            return None  # missing or unreadable: the validation says what is wrong
        digest = _hash(raw)
        if self._known.get(name) == digest:
            data = loads(raw)
            if isinstance(data, dict) and all(isinstance(table, dict) for table in data.values()):
                self._found[name] = digest
                return data
        if before == after and len(raw) == before[2]:
            self._pending[name] = (before, digest)
        return None

    def passed(self, path: Path) -> None:
        """``path`` was validated whole and is valid: note it, if it is still the file :meth:`trusted` read."""
        name = self._name(path)
        pending = self._pending.pop(name, None)
        if pending is None:
            return
        with contextlib.suppress(OSError):
            if identity_of(path) == pending[0]:
                self._found[name] = pending[1]

    def save(self) -> None:
        """Write what this check found valid (a read-only database keeps the old file, or none)."""
        if self._found == self._known:
            return
        data = {"format": FORMAT, "code": fingerprint(), "files": dict(sorted(self._found.items()))}
        with contextlib.suppress(OSError, StoreError):
            atomic_write(self.root / FILE, dumps(data))


def _read(path: Path) -> dict[str, str]:
    """The noted dossiers, or none when the file is missing, unreadable, of another shape or other code."""
    try:
        data = loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("code") != fingerprint():
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    return {name: digest for name, digest in files.items() if isinstance(name, str) and isinstance(digest, str)}
