"""The manifest (``manifest.json``): the database as poptui last wrote it, for a cheap check at every start.

It holds, for every data file (``core.json``, ``employees.json``, ``trajectories.json``,
``audit.log`` and ``dossiers/<id>.json``), the file's size and modification time (in
nanoseconds) as poptui left it, and the head of the audit chain: the number of
entries, the hash of the last one and the size of ``audit.log``.

The rules:

- **Written in every save**, under the lock, after the audit entries are appended and the
  changed files replaced, before emptied dossiers are removed. A process killed between
  two steps leaves a manifest that is *behind* (a file newer than listed, a new dossier
  not listed yet, an audit log longer than its head), never one that lists a file poptui
  removed or an audit entry that was never written. Behind is harmless: see the next rule.
- **A start compares, it does not read** (:func:`differences`): a ``stat`` of every data
  file against the manifest, about 10 ms at 2,000 employees. Identical means nothing
  touched the files since poptui wrote (and validated) them. Any difference (a file
  changed, truncated, replaced, added or missing, the audit log shorter or longer) means
  the full check runs before the app starts; when it finds nothing the manifest is
  brought up to date (:func:`seal`).
- **The full check trusts the list, not the times**: a listed file that is missing is
  damage (a deleted dossier or ``dossiers/`` folder), and the audit log must still hold
  ``count`` entries, the last of them with ``hash`` (lines cut from the end, or a
  deleted log). A file that is not listed is checked like any other.
- A database made before the manifest existed has none and no ``manifest`` flag in
  ``poptui-db.json``: its first start runs the full check and then writes one. When the
  flag is there, a missing manifest is damage (nothing poptui does removes it). An
  unreadable one is not (the manifest is not fsynced: a power cut can leave it empty on
  some file systems): the full check runs, says so as a warning, and a new one is written.
"""

from __future__ import annotations

import contextlib
import os
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from poptui.i18n import _
from poptui.store.errors import DatabaseDamaged, unreadable
from poptui.store.files import dumps, loads, write_temp

MANIFEST_FILE = "manifest.json"
FORMAT = "poptui-manifest"
META_FLAG = "manifest"
SHARED_FILES = ("core.json", "employees.json", "trajectories.json")
AUDIT = "audit.log"
DOSSIERS = "dossiers"

Identity = tuple[int, int]
"""(size, modification time in ns) of a file as poptui left it. Not the inode: a copy that keeps the
times (``cp -a``, a backup tool) is the same database and need not be checked again."""


@dataclass(frozen=True)
class Manifest:
    files: dict[str, Identity] = field(default_factory=dict)
    audit_count: int = 0
    audit_hash: str = ""
    audit_size: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "audit": {"count": self.audit_count, "hash": self.audit_hash, "size": self.audit_size},
            "files": self.files,  # tuples are written as arrays
        }


def identity(path: Path) -> Identity | None:
    """The identity of ``path`` now, or None when it does not exist."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_size, info.st_mtime_ns)


def data_files(root: Path) -> dict[str, Path]:
    """Every data file on disk now, by its name relative to the database folder."""
    found = {name: root / name for name in (*SHARED_FILES, AUDIT) if (root / name).is_file()}
    folder = root / DOSSIERS
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        entries = []
    except OSError as error:
        raise unreadable(folder, error) from error
    for entry in entries:
        if entry.name.endswith(".json") and not entry.name.startswith("."):
            found[f"{DOSSIERS}/{entry.name}"] = Path(entry.path)
    return found


def snapshot(root: Path) -> dict[str, Identity]:
    """The identity of every data file on disk now (taken before a full check reads them)."""
    out = {}
    for name, path in data_files(root).items():
        found = identity(path)
        if found is not None:
            out[name] = found
    return out


_cache: OrderedDict[str, tuple[tuple[int, int, int], Manifest]] = OrderedDict()


def read(root: Path) -> Manifest | None:
    """The manifest of the database in ``root``; None when there is none. Raises when it is damaged."""
    path = root / MANIFEST_FILE
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise unreadable(path, error) from error
    key = (info.st_ino, info.st_size, info.st_mtime_ns)
    cached = _cache.get(str(path))
    if cached is not None and cached[0] == key:
        return cached[1]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise unreadable(path, error) from error
    manifest = _parse(path, raw)
    _remember(path, key, manifest)
    return manifest


class ManifestUnreadable(DatabaseDamaged):
    """The manifest cannot be parsed: after a power cut (it is not fsynced) or tampering. Not damage of the
    data: the full check decides, and a healthy check writes a new manifest."""


def _parse(path: Path, raw: bytes) -> Manifest:
    damaged = ManifestUnreadable(path, _("de inhoudstabel van de database is onleesbaar"))
    try:
        data = loads(raw)
    except ValueError:
        raise damaged from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise damaged
    audit, files = data.get("audit"), data.get("files")
    if not isinstance(audit, dict) or not isinstance(files, dict):
        raise damaged
    count, last, size = audit.get("count"), audit.get("hash"), audit.get("size")
    if not isinstance(count, int) or not isinstance(last, str) or not isinstance(size, int):
        raise damaged
    parsed: dict[str, Identity] = {}
    for name, value in files.items():
        if not _valid_name(name) or not (
            isinstance(value, list) and len(value) in (2, 3) and all(isinstance(part, int) for part in value)
        ):
            raise damaged
        parsed[name] = (value[-2], value[-1])  # an early manifest also held the inode first
    return Manifest(parsed, count, last, size)


def _valid_name(name: object) -> bool:
    if not isinstance(name, str):
        return False
    if name in SHARED_FILES or name == AUDIT:
        return True
    folder, _slash, file_name = name.partition("/")
    return folder == DOSSIERS and file_name.endswith(".json") and "/" not in file_name and ".." not in file_name


def _remember(path: Path, key: tuple[int, int, int], manifest: Manifest) -> None:
    _cache[str(path)] = (key, manifest)
    _cache.move_to_end(str(path))
    while len(_cache) > 8:
        _cache.popitem(last=False)


def write(root: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically (call under the lock).

    Not fsynced, so a save costs no extra fsync: a process killed at any moment leaves the old or
    the new manifest (the page cache survives), and after a power cut it is the old one (merely
    behind) or, on some file systems, an unreadable one, which only makes the next start run the
    full check (:class:`ManifestUnreadable`) and write a new one.
    """
    path = root / MANIFEST_FILE
    os.replace(write_temp(path, dumps(manifest.to_json()), fsync=False), path)
    with contextlib.suppress(OSError):
        info = os.stat(path)
        _remember(path, (info.st_ino, info.st_size, info.st_mtime_ns), manifest)


def after_save(
    previous: Manifest,
    root: Path,
    written: Iterable[str],
    removed: Iterable[str],
    audit_entries: int,
    audit_hash: str | None,
) -> Manifest:
    """The manifest after a save that replaced ``written`` and will remove ``removed`` (names)."""
    files = dict(previous.files)
    for name in written:
        found = identity(root / name)
        if found is None:
            files.pop(name, None)
        else:
            files[name] = found
    for name in removed:
        files.pop(name, None)
    audit_identity = identity(root / AUDIT)
    if audit_identity is None:
        return replace(previous, files=files)
    files[AUDIT] = audit_identity
    return Manifest(
        files,
        previous.audit_count + audit_entries,
        audit_hash if audit_hash is not None else previous.audit_hash,
        audit_identity[0],
    )


def differences(root: Path, manifest: Manifest) -> list[str]:
    """Names of data files that are not exactly as the manifest says (empty: nothing was touched)."""
    on_disk = snapshot(root)
    changed = [name for name, found in on_disk.items() if manifest.files.get(name) != found]
    changed.extend(name for name in manifest.files if name not in on_disk)
    audit = on_disk.get(AUDIT)
    if (audit[0] if audit else 0) != manifest.audit_size and AUDIT not in changed:
        changed.append(AUDIT)
    return sorted(changed)


def missing_files(root: Path, manifest: Manifest) -> list[str]:
    """Listed files that do not exist (the audit log is judged by its head, see audit.inspect)."""
    return sorted(name for name in manifest.files if name != AUDIT and not (root / name).is_file())


def seal(root: Path, verified: dict[str, Identity], audit_count: int, audit_hash: str, audit_size: int) -> Manifest:
    """The manifest after a full check found nothing (call under the lock).

    ``verified`` is the :func:`snapshot` taken before the check read the files. A file a
    save removed since is left out; a file changed since keeps the identity that was
    checked, so the next start checks it again.
    """
    files = {name: found for name, found in verified.items() if (root / name).is_file()}
    manifest = Manifest(files, audit_count, audit_hash, audit_size)
    write(root, manifest)
    return manifest
