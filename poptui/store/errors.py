"""What can go wrong in the store, each with a Dutch message for the coach."""

from __future__ import annotations

from pathlib import Path


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
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"Opslaan is mislukt ({reason}). Er is niets beschadigd en je gegevens staan nog op het "
            f"scherm. Controleer of de schijf niet vol is en of je mag schrijven in {path}."
        )


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
