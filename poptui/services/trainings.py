"""Training days for coaches (§4.4.5, §4.4.6): the list, saving with attendees, deleting."""

from __future__ import annotations

from typing import Any

from poptui.models import Organisation, Person, Role, Training
from poptui.services.directory import persons
from poptui.store import Database


def list_trainings(database: Database) -> list[Training]:
    """Every training day, the most recent first."""
    return sorted(database.list(Training), key=lambda training: (training.date, training.title), reverse=True)


def get_training(database: Database, training_id: str) -> Training:
    return database.get(Training, training_id)


def trainers(database: Database, keep_id: str | None = None) -> list[Person]:
    """The people with the role POP-trainer (and ``keep_id``, the trainer already filled in)."""
    return [person for person in persons(database) if person.has_role(Role.TRAINER) or person.id == keep_id]


def person_names(database: Database) -> dict[str, str]:
    """Person id -> full name, for showing trainers and coaches in lists."""
    return {person.id: person.full_name for person in database.list(Person)}


def attendee_choices(database: Database) -> list[tuple[str, str]]:
    """(label, person id) for everyone who can attend: the name and, when known, the organisation."""
    organisations = {organisation.id: organisation.name for organisation in database.list(Organisation)}
    out = []
    for person in persons(database):
        organisation = organisations.get(person.organisation_id or "")
        out.append((f"{person.full_name} · {organisation}" if organisation else person.full_name, person.id))
    return out


def parse_hours(value: Any) -> Any:
    """'3,5' -> '3.5' (coaches type a decimal comma); anything else is left to the model."""
    if isinstance(value, str):
        return value.strip().replace(",", ".")
    return value


def save_training(database: Database, values: dict[str, Any], training_id: str | None = None) -> Training:
    """Create (no id) or update a training day from form values; raises ValidationError or StoreError."""
    current = database.get(Training, training_id) if training_id else None
    merged = {**(current.model_dump() if current is not None else {}), **values}
    hours = parse_hours(merged.get("hours"))
    if hours in ("", None):
        merged.pop("hours", None)
    else:
        merged["hours"] = hours
    merged["trainer_id"] = merged.get("trainer_id") or None
    attendees = merged.get("attendee_ids") or []
    merged["attendee_ids"] = list(dict.fromkeys(str(person_id) for person_id in attendees))
    return database.save(Training.model_validate(merged))


def delete_training(database: Database, training_id: str) -> None:
    database.delete(database.get(Training, training_id))
