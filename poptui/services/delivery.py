"""Where exports land: audited before they exist, and never over another person's file.

Used by :mod:`poptui.services.forms` (PDFs, the month's package) and
:mod:`poptui.services.person_rights` (a person's data folder). Two rules:

- **Audit first.** The export is written completely under a temporary name beside its
  target (a hidden file or folder), then its audit entries are written under the database
  lock, and only then is it renamed into place. When the audit entry cannot be written (a
  read-only database, a full disk, a busy lock) the temporary file is removed and
  :class:`~poptui.store.ExportFailed` says why: there is never an export the audit log does
  not know, and a failed export leaves nothing behind, not even an empty folder.
- **Never another person's file.** File names follow :mod:`poptui.export.file_names`, and
  two people can fold to the same name (Muller Ozdemir and Müller Özdemir, two Jan Peeters
  in different organisations). Each export folder keeps a register,
  ``.poptui-eigenaars.json``, of which record each name belongs to (the *owner*: for a POP
  the trajectory, for a consent document or a person's data the employee, for the hours and
  the start-up analysis the organisation, for an attendance list the training). An export
  never replaces a file of another owner, nor a file poptui did not write (one that is not
  in the register): it takes the first free name with ``_2``, ``_3``, ... before the
  extension. The same owner's export under the same name (a re-export the same day)
  replaces their own older file: one current file per document, not a pile of copies.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from poptui.i18n import _
from poptui.models import AuditAction, Record
from poptui.store import Database, ExportFailed, SaveFailed, StoreError
from poptui.store.errors import os_reason
from poptui.store.files import discard_temps, dumps, loads, private_folder, replace_with, write_private, write_temp

REGISTER = ".poptui-eigenaars.json"
REGISTER_LOCK = ".poptui-eigenaars.lock"

Events = Sequence[tuple[AuditAction, Record, Sequence[str]]]


def _read_register(folder: Path) -> dict[str, str]:
    try:
        data = loads((folder / REGISTER).read_bytes())
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}


def _candidates(name: str) -> list[str]:
    stem, dot, extension = name.rpartition(".")
    if not dot or "/" in extension:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    return [name] + [f"{stem}_{number}{suffix}" for number in range(2, 1000)]


def choose_name(folder: Path, name: str, owner: str, register: dict[str, str]) -> str:
    """``name``, or the first ``name_N`` that is free or already this owner's (see the module's rule)."""
    for candidate in _candidates(name):
        if register.get(candidate) == owner:
            return candidate
        if not os.path.lexists(folder / candidate):
            return candidate
    raise ExportFailed(_("Er zijn al te veel bestanden met de naam {name} in {folder}.", name=name, folder=folder))


def export_failed(what: Path, error: BaseException) -> ExportFailed:
    if isinstance(error, OSError):
        return ExportFailed(
            _(
                "{path} kon niet geschreven worden: {reason}. Er is niets geëxporteerd. Kies een andere map "
                "(--out) of maak ruimte vrij.",
                path=what,
                reason=os_reason(error),
            )
        )
    if isinstance(error, SaveFailed):  # its own text speaks of a form on screen
        return ExportFailed(
            _(
                "Er is niets geëxporteerd: poptui kon de export niet noteren in het auditlog ({reason}). "
                "Controleer of je mag schrijven in {path} en of de schijf niet vol is.",
                reason=error.reason,
                path=error.path,
            )
        )
    return ExportFailed(
        _(
            "Er is niets geëxporteerd: poptui kon de export niet noteren in het auditlog. {reason}",
            reason=str(error),
        )
    )


class _Register:
    """The owner register of an export folder, under its own lock (several exports at once)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = FileLock(str(folder / REGISTER_LOCK), timeout=15, mode=0o600)
        self.names: dict[str, str] = {}

    def __enter__(self) -> _Register:
        try:
            self._lock.acquire()
        except Timeout:
            raise ExportFailed(
                _("De exportmap {folder} is even bezet. Probeer het opnieuw.", folder=self.folder)
            ) from None
        except OSError as error:
            raise export_failed(self.folder, error) from error
        self.names = _read_register(self.folder)
        return self

    def __exit__(self, *_exc: object) -> None:
        """Release the lock and leave no lock file behind (a refused export leaves nothing, not even a
        hidden file). The lock file is removed while it is held: filelock sees that a lock it waited for
        was unlinked meanwhile and takes the new one, so two exports never hold the register at once."""
        try:
            with contextlib.suppress(OSError):
                (self.folder / REGISTER_LOCK).unlink()
        finally:
            self._lock.release()

    def claim(self, name: str, owner: str) -> None:
        self.names[name] = owner
        write_private(self.folder / REGISTER, dumps(self.names))


def _folder(folder: Path) -> tuple[Path, list[Path]]:
    """The export folder, made when missing; also the folders made now (deepest first)."""
    made = [parent for parent in [folder, *folder.parents] if not os.path.lexists(parent)]
    try:
        return private_folder(folder), made
    except OSError as error:
        _remove_made(made)
        raise export_failed(folder, error) from error


def _remove_made(made: Sequence[Path]) -> None:
    """After a failed export: remove the folders it made, when they hold nothing but the register's lock."""
    for folder in made:
        with contextlib.suppress(OSError):
            if {entry.name for entry in os.scandir(folder)} <= {REGISTER_LOCK}:
                (folder / REGISTER_LOCK).unlink(missing_ok=True)
                folder.rmdir()


def _audit(database: Database, events: Events) -> None:
    try:
        database.record_events(events)
    except StoreError as error:
        raise export_failed(database.path, error) from error


def deliver_file(database: Database, folder: Path, name: str, data: bytes, owner: str, events: Events) -> Path:
    """Write an export file (see the module's rules) and return where it is."""
    folder, made = _folder(folder)
    try:
        return _deliver_file(database, folder, name, data, owner, events)
    except BaseException:
        _remove_made(made)
        raise


def _deliver_file(database: Database, folder: Path, name: str, data: bytes, owner: str, events: Events) -> Path:
    with _Register(folder) as register:
        final = choose_name(folder, name, owner, register.names)
        target = folder / final
        try:
            tmp = write_temp(target, data, private=True)
        except OSError as error:
            raise export_failed(target, error) from error
        try:
            _audit(database, events)
            register.claim(final, owner)
            replace_with(tmp, target)
        except OSError as error:
            discard_temps([tmp])
            raise export_failed(target, error) from error
        except BaseException:
            discard_temps([tmp])
            raise
    return target


def deliver_folder(
    database: Database,
    folder: Path,
    name: str,
    fill: Callable[[Path], object],
    owner: str,
    events: Callable[[], Events],
) -> Path:
    """Build an export folder with ``fill(building_folder)``, audit ``events()``, then move it into place.

    The same owner's folder of the same name is replaced as a whole; anyone else's is never touched.
    """
    folder, made = _folder(folder)
    try:
        return _deliver_folder(database, folder, name, fill, owner, events)
    except BaseException:
        _remove_made(made)
        raise


def _deliver_folder(
    database: Database,
    folder: Path,
    name: str,
    fill: Callable[[Path], object],
    owner: str,
    events: Callable[[], Events],
) -> Path:
    building = folder / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        private_folder(building)
        fill(building)
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise export_failed(folder / name, error) from error
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    with _Register(folder) as register:
        final = choose_name(folder, name, owner, register.names)
        target = folder / final
        old = folder / f".{final}.{uuid.uuid4().hex[:8]}.old"
        try:
            _audit(database, events())
            register.claim(final, owner)
            if os.path.lexists(target):
                os.replace(target, old)
            os.replace(building, target)
        except OSError as error:
            shutil.rmtree(building, ignore_errors=True)
            raise export_failed(target, error) from error
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        finally:
            with contextlib.suppress(OSError):
                shutil.rmtree(old, ignore_errors=True)
    return target
