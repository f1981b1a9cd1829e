"""What can go wrong in the store, each with a Dutch message for the coach."""

from __future__ import annotations

import errno
from pathlib import Path

from poptui.i18n import _


def _os_reasons() -> dict[int, str]:
    return {
        errno.ENOSPC: _("de schijf is vol"),
        errno.EDQUOT: _("je schijfquotum is op"),
        errno.EACCES: _("je hebt geen toestemming (rechten)"),
        errno.EPERM: _("je hebt geen toestemming (rechten)"),
        errno.EROFS: _("de schijf of map is alleen-lezen"),
        errno.ENOENT: _("het bestand of de map bestaat niet"),
        errno.ENOTDIR: _("een deel van het pad is geen map"),
        errno.EISDIR: _("dit is een map, geen bestand"),
        errno.EEXIST: _("het bestaat al"),
        errno.ENOTEMPTY: _("de map is niet leeg"),
        errno.ENAMETOOLONG: _("de naam of het pad is te lang"),
        errno.ELOOP: _("het pad verwijst naar zichzelf (symbolische koppelingen)"),
        errno.EIO: _("de schijf gaf een leesfout of schrijffout"),
        errno.EMFILE: _("er staan te veel bestanden open"),
        errno.ENFILE: _("er staan te veel bestanden open"),
        errno.EBUSY: _("het bestand of de map is in gebruik"),
        errno.EXDEV: _("het kan niet over twee schijven heen"),
        errno.EFBIG: _("het bestand is te groot"),
        errno.EINVAL: _("de naam of het pad is ongeldig"),
        errno.ETXTBSY: _("het bestand is in gebruik"),
        errno.ENODEV: _("het apparaat bestaat niet"),
        errno.ENXIO: _("het apparaat bestaat niet"),
        errno.EPIPE: _("de uitvoer werd gesloten"),
    }


def os_reason(error: OSError) -> str:
    """What went wrong with a file, in Dutch: 'de schijf is vol', never '[Errno 28] No space left on device'."""
    reason = _os_reasons().get(error.errno or 0)
    if reason is not None:
        return reason
    return _("systeemfout {number}", number=error.errno) if error.errno else _("onbekende systeemfout")


def os_error_message(error: OSError, path: object | None = None) -> str:
    """A Dutch sentence for an OS error on ``path`` (or the path the error names)."""
    where = path if path is not None else (error.filename or "")
    reason = os_reason(error)
    if where:
        return _("{path}: {reason}.", path=where, reason=reason)
    return _("{reason}.", reason=reason[:1].upper() + reason[1:])


class StoreError(Exception):
    """Base of every store problem. ``str(error)`` is a Dutch sentence for the coach."""


class DatabaseMissing(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Er is geen database op {path}. Controleer het pad, "
            f"of maak een nieuwe database met: poptui init --db {path}"
        )
        self.path = path


class NotADatabase(StoreError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} is geen poptui-database: {reason}")
        self.path = path


class AccessDenied(StoreError):
    """The database exists but this user may not read (or open) it: a permissions matter, not damage."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "Je hebt geen toegang tot {path} (rechten). De database is niet beschadigd. Start poptui als de "
                "gebruiker of in de groep die de database mag lezen, of vraag je IT-verantwoordelijke om toegang.",
                path=path,
            )
        )
        self.path = path


class DatabaseDamaged(StoreError):
    """A file of the database cannot be read. Nothing is overwritten."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"Het bestand {path} is beschadigd ({reason}). poptui wijzigt niets aan dit bestand. "
            "Zet een reservekopie terug met 'poptui restore' of vraag hulp aan je IT-verantwoordelijke."
        )
        self.path = path


class NewerSchema(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"De database {path} is gemaakt met een nieuwere versie van poptui "
            f"(schema {found}, deze versie kent tot {supported}). Werk poptui bij; "
            "er is niets gewijzigd aan de database."
        )


class NotFound(StoreError):
    def __init__(self, label: str, record_id: str) -> None:
        super().__init__(f"De {label} met id {record_id} bestaat niet (meer).")
        self.record_id = record_id


class VersionConflict(StoreError):
    """Someone else saved the record since it was loaded: saving would overwrite their work."""

    def __init__(self, label: str, description: str, changed_by: str, changed_at: str) -> None:
        who = changed_by or "iemand anders"
        super().__init__(
            f"De {label} '{description}' is intussen gewijzigd door {who} op {changed_at}. "
            "Je wijzigingen zijn niet opgeslagen, zodat die van de ander niet verloren gaan. "
            "Laad de nieuwe versie opnieuw; je eigen tekst blijft apart bewaard."
        )
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseBusy(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "De database is even bezet door een andere gebruiker. Probeer het over een paar seconden opnieuw."
        )


class SaveFailed(StoreError):
    """Writing failed (disk full, read-only, no permission): nothing was changed. ``reason`` is Dutch."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            _(
                "Opslaan is mislukt ({reason}). Er is niets beschadigd en je gegevens staan nog op het "
                "scherm. Controleer of de schijf niet vol is en of je mag schrijven in {path}.",
                reason=reason,
                path=path,
            )
        )
        self.path = path
        self.reason = reason


def unreadable(path: Path, error: OSError) -> StoreError:
    """The error for a database file that cannot be read: no access (permissions) or damaged."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return AccessDenied(path)
    return DatabaseDamaged(path, _("niet leesbaar: {reason}", reason=os_reason(error)))


class CreateFailed(SaveFailed):
    """A new database (``init``, ``demo``) could not be made: nothing else was changed."""

    def __init__(self, path: Path, reason: str) -> None:
        StoreError.__init__(
            self,
            _(
                "De database kan niet gemaakt worden in {path}: {reason}. Kies een map waarin je mag schrijven "
                "(bijvoorbeeld in je eigen gebruikersmap) en controleer of de schijf niet vol is.",
                path=path,
                reason=reason,
            ),
        )
        self.path = path
        self.reason = reason


class ConsentRequired(StoreError):
    """Special-category data entered for an employee without valid consent (§4.4.1)."""

    def __init__(self, record_label: str, fields: list[str], labels: list[str]) -> None:
        names = ", ".join(labels)
        super().__init__(
            f"Niet opgeslagen: {names} mag je pas invullen als de werknemer toestemming heeft gegeven "
            "(§4.4.1) en die toestemming niet heeft ingetrokken. Registreer eerst de toestemming bij de "
            f"werknemer, of laat deze velden leeg. De rest van de {record_label} kan je wel opslaan."
        )
        self.fields = fields
        self.labels = labels


class BackupError(StoreError):
    """A backup cannot be made, read or restored; str() says why in Dutch."""


class ExportFailed(StoreError):
    """An export (PDF, Excel, a person's data) was not written; str() says why and what to do, in Dutch."""
