"""The manifest (``manifest.json``): the database as poptui last wrote it, for a cheap check at every start.

It holds, for every data file (``core.json``, the shards ``employees/NN.json`` and
``trajectories/NN.json``, ``audit.log`` and ``dossiers/<id>.json``), the file's size and modification time (in
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
- **A save writes only what changed** (:func:`record`): the manifest is a base,
  ``manifest.json``, with a random ``id``, and the changes since that base,
  ``manifest-changes.json`` (the identities of the files saves wrote or removed since, and the
  audit head), naming the base's ``id``. At 20,000 employees the base lists 20,000 files
  (1.5 MB): rewriting it cost every save 3 to 8 ms. Once the changes name more than
  :data:`FOLD_AT` files, or a save removed a file (a dossier's name is an employee's id, which an
  erasure must not leave behind), they are folded into a new base (a new ``id``, written first;
  the changes file is removed after). Changes naming another base than the one on disk (a process killed
  between the two steps, a restore, another version's full write) are ignored: the base is then
  the newer of the two, or behind, which is harmless.
- A database made before the manifest existed has none and no ``manifest`` flag in
  ``poptui-db.json``: its first start runs the full check and then writes one. When the
  flag is there, a missing manifest is damage (nothing poptui does removes it). An
  unreadable one is not (the manifest is not fsynced: a power cut can leave it empty on
  some file systems): the full check runs, says so as a warning, and a new one is written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from poptui.i18n import _
from poptui.store import layout
from poptui.store.errors import DatabaseDamaged, unreadable
from poptui.store.files import dumps, loads, write_temp

MANIFEST_FILE = "manifest.json"
CHANGES_FILE = "manifest-changes.json"
FORMAT = "poptui-manifest"
CHANGES_FORMAT = "poptui-manifest-changes"
FOLD_AT = 500
"""Files named in the changes before they are folded into a new base: a save then rewrites at most
about 40 KB, and the base once every few hundred saves (or at the next full check)."""
META_FLAG = "manifest"
SHARED_FILES = ("core.json",)
AUDIT = "audit.log"
DOSSIERS = "dossiers"
_DOSSIER_PREFIX = DOSSIERS + "/"

Identity = tuple[int, int]
"""(size, modification time in ns) of a file as poptui left it. Not the inode: a copy that keeps the
times (``cp -a``, a backup tool) is the same database and need not be checked again."""


@dataclass(frozen=True)
class Manifest:
    files: dict[str, Identity] = field(default_factory=dict)
    audit_count: int = 0
    audit_hash: str = ""
    audit_size: int = 0
    base: str = ""
    """The ``id`` of the base file this manifest was read from or written as ("": none yet)."""
    changes: dict[str, Identity | None] = field(default_factory=dict)
    """What differs from the base (None: removed since): the content of the changes file."""

    def _audit_json(self) -> dict[str, object]:
        return {"count": self.audit_count, "hash": self.audit_hash, "size": self.audit_size}

    def to_json(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "id": self.base,
            "audit": self._audit_json(),
            "files": self.files,  # tuples are written as arrays
        }

    def changes_json(self) -> dict[str, object]:
        return {"format": CHANGES_FORMAT, "base": self.base, "audit": self._audit_json(), "files": self.changes}


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
    for scope in layout.FOLDERS:
        found.update((path.relative_to(root).as_posix(), path) for path in layout.shard_files(root, scope))
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
    """The identity of every data file on disk now (taken before a full check reads them).

    The same files as :func:`data_files`, found with one ``scandir`` per folder and one ``stat`` per
    file, with names as plain strings: it runs at every start, and at 2,000 employees building a
    ``Path`` (and a relative one) per dossier cost more than the ``stat`` calls themselves."""
    base = os.fspath(root)
    out: dict[str, Identity] = {}
    for name in (*SHARED_FILES, AUDIT):
        try:
            info = os.stat(os.path.join(base, name))
        except FileNotFoundError:
            continue
        if stat.S_ISREG(info.st_mode):
            out[name] = (info.st_size, info.st_mtime_ns)
    for folder_name, wanted in [(folder, layout.is_shard_name) for folder in layout.FOLDERS.values()] + [
        (DOSSIERS, _dossier_name)
    ]:
        folder = os.path.join(base, folder_name)
        try:
            with os.scandir(folder) as scanned:
                entries = [entry for entry in scanned if wanted(f"{folder_name}/{entry.name}")]
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as error:
            raise unreadable(Path(folder), error) from error
        for entry in entries:
            try:
                info = entry.stat()
            except FileNotFoundError:
                continue
            if folder_name == DOSSIERS or stat.S_ISREG(info.st_mode):  # as data_files: any dossier entry
                out[f"{folder_name}/{entry.name}"] = (info.st_size, info.st_mtime_ns)
    return out


def _dossier_name(name: str) -> bool:
    return name.endswith(".json") and not name.startswith(f"{DOSSIERS}/.")


FileKey = tuple[int, int, int]
_cache: OrderedDict[str, tuple[tuple[FileKey, FileKey | None], Manifest]] = OrderedDict()
"""Per database folder: the manifest as read (base and changes merged), by the identities of both files."""


def _key(path: Path) -> FileKey | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise unreadable(path, error) from error
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def read(root: Path) -> Manifest | None:
    """The manifest of the database in ``root`` (its base with the changes that name it); None when there
    is no base. Raises when it is damaged."""
    path = root / MANIFEST_FILE
    key = _key(path)
    if key is None:
        return None
    changes_path = root / CHANGES_FILE
    changes_key = _key(changes_path)
    cached = _cache.get(str(root))
    if cached is not None and cached[0] == (key, changes_key):
        return cached[1]
    try:
        raw = path.read_bytes()
        changes_raw = changes_path.read_bytes() if changes_key is not None else None
    except FileNotFoundError:
        return read(root) if path.exists() else None  # replaced or folded while read: once more
    except OSError as error:
        raise unreadable(path, error) from error
    manifest = _parse(path, raw)
    if changes_raw is not None:
        manifest = _merged(manifest, _parse_changes(changes_path, changes_raw))
    _remember(root, (key, changes_key), manifest)
    return manifest


def _merged(base: Manifest, changes: Manifest) -> Manifest:
    """The base with ``changes`` (parsed from the changes file) applied, when they name this base."""
    if not base.base or changes.base != base.base:
        return base
    files = dict(base.files)
    for name, found in changes.changes.items():
        if found is None:
            files.pop(name, None)
        else:
            files[name] = found
    return replace(changes, files=files)


class ManifestUnreadable(DatabaseDamaged):
    """The manifest cannot be parsed: after a power cut (it is not fsynced) or tampering. Not damage of the
    data: the full check decides, and a healthy check writes a new manifest."""


def _read_common(
    raw: bytes, expected_format: object, damaged: ManifestUnreadable
) -> tuple[dict[str, Any], dict[str, Any], tuple[int, str, int]]:
    """What the manifest and its changes file share: a JSON object of the expected format with a
    ``files`` object and the audit head (count, last hash, size); anything else is ``damaged``."""
    try:
        data = loads(raw)
    except ValueError:
        raise damaged from None
    if not isinstance(data, dict) or data.get("format") != expected_format:
        raise damaged
    audit, files = data.get("audit"), data.get("files")
    if not isinstance(audit, dict) or not isinstance(files, dict):
        raise damaged
    count, last, size = audit.get("count"), audit.get("hash"), audit.get("size")
    if not isinstance(count, int) or not isinstance(last, str) or not isinstance(size, int):
        raise damaged
    return data, files, (count, last, size)


def _parse_changes(path: Path, raw: bytes) -> Manifest:
    """The changes file as a :class:`Manifest` holding only ``changes``, ``base`` and the audit head."""
    damaged = ManifestUnreadable(path, _("de inhoudstabel van de database is onleesbaar"))
    data, files, (count, last, size) = _read_common(raw, CHANGES_FORMAT, damaged)
    if not isinstance(data.get("base"), str):
        raise damaged
    changes: dict[str, Identity | None] = {}
    for name, value in files.items():
        if value is None and _valid_name(name):
            changes[name] = None
        elif (
            _valid_name(name) and isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)
        ):
            changes[name] = (value[0], value[1])
        else:
            raise damaged
    return Manifest({}, count, last, size, data["base"], changes)


def _parse(path: Path, raw: bytes) -> Manifest:
    damaged = ManifestUnreadable(path, _("de inhoudstabel van de database is onleesbaar"))
    data, files, (count, last, size) = _read_common(raw, FORMAT, damaged)
    base = data.get("id", "")
    if not isinstance(base, str):
        raise damaged
    parsed: dict[str, Identity] = {}
    for name, value in files.items():
        if not _valid_name(name) or not (
            isinstance(value, list) and len(value) in (2, 3) and all(isinstance(part, int) for part in value)
        ):
            raise damaged
        parsed[name] = (value[-2], value[-1])  # an early manifest also held the inode first
    return Manifest(parsed, count, last, size, base)


def _valid_name(name: object) -> bool:
    if not isinstance(name, str):
        return False
    if name.startswith(_DOSSIER_PREFIX):  # nearly every name: tested first (read at every start)
        file_name = name[len(_DOSSIER_PREFIX) :]
        return file_name.endswith(".json") and "/" not in file_name and ".." not in file_name
    if name in SHARED_FILES or name == AUDIT or layout.is_shard_name(name) or name in layout.LEGACY_FILES.values():
        return True
    folder, _slash, file_name = name.partition("/")
    return folder == DOSSIERS and file_name.endswith(".json") and "/" not in file_name and ".." not in file_name


def _remember(root: Path, key: tuple[FileKey, FileKey | None], manifest: Manifest) -> None:
    _cache[str(root)] = (key, manifest)
    _cache.move_to_end(str(root))
    while len(_cache) > 8:
        _cache.popitem(last=False)


def write(root: Path, manifest: Manifest) -> Manifest:
    """Replace the manifest atomically by a new base holding all of ``manifest`` (call under the lock);
    the changes file is removed after. Returns the manifest as written (its new ``base``).

    Not fsynced, so a save costs no extra fsync: a process killed at any moment leaves the old or
    the new manifest (the page cache survives), and after a power cut it is the old one (merely
    behind) or, on some file systems, an unreadable one, which only makes the next start run the
    full check (:class:`ManifestUnreadable`) and write a new one.
    """
    path = root / MANIFEST_FILE
    written = replace(manifest, base=uuid.uuid4().hex[:16], changes={})
    os.replace(write_temp(path, dumps(written.to_json()), fsync=False), path)
    with contextlib.suppress(FileNotFoundError):
        (root / CHANGES_FILE).unlink()
    with contextlib.suppress(OSError):
        _remember(root, (_key(path), None), written)  # type: ignore[arg-type]
    return written


def record(root: Path, manifest: Manifest) -> None:
    """Write a manifest made by :func:`after_save`: only its changes, or a new base when there are many,
    when there is no base to name, or when a file was removed (an erased employee's dossier: its name,
    the employee's id, must not stay behind in the changes). Call under the lock."""
    removed = any(found is None for found in manifest.changes.values())
    if not manifest.base or removed or len(manifest.changes) > FOLD_AT:
        write(root, manifest)
        return
    path = root / CHANGES_FILE
    os.replace(write_temp(path, dumps(manifest.changes_json()), fsync=False), path)
    with contextlib.suppress(OSError):
        base_key = _key(root / MANIFEST_FILE)
        if base_key is not None:
            _remember(root, (base_key, _key(path)), manifest)


def after_save(
    previous: Manifest,
    root: Path,
    written: Iterable[str],
    removed: Iterable[str],
    audit_entries: int,
    audit_hash: str | None,
) -> Manifest:
    """The manifest after a save that replaced ``written`` and will remove ``removed`` (names).

    Costs what the save changed, not the size of the database: ``previous`` (as :func:`read` returned
    it) hands its ``files`` over, changed in place (at 20,000 employees copying them cost every save
    half a millisecond). So it is first dropped from the cache of what was read: when the new manifest
    cannot be written, the next :func:`read` parses the files on disk again instead of answering with
    files the disk does not hold."""
    _cache.pop(str(root), None)
    files = previous.files
    changes = dict(previous.changes)
    for name in written:
        found = identity(root / name)
        if found is None:
            files.pop(name, None)
        else:
            files[name] = found
        changes[name] = found
    for name in removed:
        files.pop(name, None)
        changes[name] = None
    audit_identity = identity(root / AUDIT)
    if audit_identity is None:
        return replace(previous, files=files, changes=changes)
    files[AUDIT] = audit_identity
    changes[AUDIT] = audit_identity
    return Manifest(
        files,
        previous.audit_count + audit_entries,
        audit_hash if audit_hash is not None else previous.audit_hash,
        audit_identity[0],
        previous.base,
        changes,
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
    return write(root, Manifest(files, audit_count, audit_hash, audit_size))
