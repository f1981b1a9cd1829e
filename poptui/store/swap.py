"""Replace every data file of a database at once, so that a kill leaves the old or the new database.

Used by ``poptui restore`` (the files of a backup) and ``poptui demo --force`` (a new demo).
The new files are first written, complete and fsynced, into a staging folder inside the
database folder (``.nieuw-<random>/``, on the same disk, so moving a file is a rename).
Then, under the lock:

1. the journal ``.wissel.json`` is written atomically: the staging folder's name, the
   files to move in and the current data files that the new database does not have.
   Writing the journal is the moment of the switch: before it, the old database is
   whole and the staging folder is simply removed at the next open; after it, the
   switch is finished by whoever takes the lock next;
2. each file is moved in with one rename; the folders ``dossiers/``, ``employees/`` and
   ``trajectories/`` are swapped as a whole (old folder into the staging folder, new folder
   in its place; the staging folder always has all three, so nothing of the old database stays);
3. the files the new database does not have are removed, the journal is removed, and
   the staging folder (holding the old dossiers) is deleted.

Every step can be repeated, so finishing an interrupted switch (:func:`recover`) simply
runs them again. :meth:`Database.open` and every lock of the database finish a pending
switch first, so nothing ever reads or writes a half-replaced database; the backups
and drafts folders are never touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from pathlib import Path

from poptui.i18n import _
from poptui.store import validated
from poptui.store.errors import DatabaseDamaged
from poptui.store.files import atomic_write, dumps, ensure_folder, loads

JOURNAL = ".wissel.json"
STAGING_PREFIX = ".nieuw-"
OLD_DOSSIERS = "dossiers-oud"
_META = "poptui-db.json"
_MANIFEST = "manifest.json"
_MANIFEST_CHANGES = "manifest-changes.json"
SWAPPED_FILES = ("core.json", "employees.json", "trajectories.json", "audit.log", _MANIFEST_CHANGES, _MANIFEST, _META)
"""The top-level files a switch replaces (or removes when the new database lacks them); employees.json and
trajectories.json are those of schema 2 (a restored old backup, migrated after the switch)."""
SWAPPED_FOLDERS = ("dossiers", "employees", "trajectories")
"""The folders a switch replaces as a whole."""


def new_staging(root: Path) -> Path:
    """A new, empty, private staging folder inside the database folder ``root``."""
    folder = root / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
    ensure_folder(folder)
    for name in SWAPPED_FOLDERS:
        ensure_folder(folder / name)
    return folder


def pending(root: Path) -> bool:
    """Is a switch to finish, or a staging folder to clean up? (One listing of the database folder.)"""
    try:
        with os.scandir(root) as entries:
            return any(entry.name == JOURNAL or entry.name.startswith(STAGING_PREFIX) for entry in entries)
    except OSError:
        return False


def _fsync(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def switch(root: Path, staging: Path) -> None:
    """Replace the data files of ``root`` by those in ``staging`` (call under the database's lock)."""
    moving = [name for name in SWAPPED_FILES if (staging / name).is_file()]
    removing = [name for name in SWAPPED_FILES if name not in moving and (root / name).exists()]
    for name in SWAPPED_FOLDERS:
        ensure_folder(staging / name)
    for folder in (*(staging / name for name in SWAPPED_FOLDERS), staging, root):
        _fsync(folder)
    atomic_write(root / JOURNAL, dumps({"staging": staging.name, "files": moving, "remove": removing}))
    _finish(root)


def _read_journal(root: Path) -> tuple[Path, list[str], list[str]]:
    damaged = DatabaseDamaged(root / JOURNAL, _("het logboek van een onderbroken herstel is onleesbaar"))
    try:
        journal = loads((root / JOURNAL).read_bytes())
    except ValueError:
        raise damaged from None
    if not isinstance(journal, dict):
        raise damaged
    name, files, remove = journal.get("staging"), journal.get("files"), journal.get("remove")
    if not isinstance(name, str) or "/" in name or "\\" in name or not name.startswith(STAGING_PREFIX):
        raise damaged
    if not isinstance(files, list) or not isinstance(remove, list):
        raise damaged
    return root / name, [str(item) for item in files], [str(item) for item in remove]


def _finish(root: Path) -> None:
    staging, files, remove = _read_journal(root)
    validated.forget(root)  # it names the dossiers being replaced; the next check notes the restored ones
    for name in SWAPPED_FOLDERS:
        new_folder = staging / name
        if new_folder.is_dir():
            if (root / name).exists():
                old = staging / f"{name}-oud" if name != "dossiers" else staging / OLD_DOSSIERS
                while old.exists():
                    old = staging / f"{name}-oud-{uuid.uuid4().hex[:6]}"
                os.replace(root / name, old)
            os.replace(new_folder, root / name)
    ordered = sorted(files, key=lambda name: (name == _MANIFEST, name == _META))
    for name in ordered:
        if name in SWAPPED_FILES and (staging / name).is_file():
            os.replace(staging / name, root / name)
    for name in remove:
        if name in SWAPPED_FILES:
            with contextlib.suppress(FileNotFoundError):
                (root / name).unlink()
    _fsync(root)
    (root / JOURNAL).unlink()
    _fsync(root)
    shutil.rmtree(staging, ignore_errors=True)


def recover(root: Path) -> None:
    """Finish an interrupted switch, or remove a staging folder that never got its journal (under the lock)."""
    if (root / JOURNAL).exists():
        _finish(root)
    for entry in list(root.iterdir()):
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
