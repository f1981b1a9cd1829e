"""Organisations and the people around POP in them (§2.4): ambassadeur, trainer, coach, werkvloerbegeleider."""

from __future__ import annotations

from typing import Any

from poptui.models import Employee, Organisation, Person, Role
from poptui.services.directory import fold, persons
from poptui.store import Database


def _merged(record: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The stored fields of ``record`` (id, version ...) overlaid with the edited ``values``."""
    base = record.model_dump() if record is not None else {}
    return {**base, **values}


def get_organisation(database: Database, organisation_id: str) -> Organisation:
    return database.get(Organisation, organisation_id)


def organisation_name(database: Database, organisation_id: str) -> str:
    """The organisation's name, or '?' when it is gone."""
    found = database.find(Organisation, organisation_id)
    return found.name if found is not None else "?"


def save_organisation(database: Database, values: dict[str, Any], organisation_id: str | None = None) -> Organisation:
    """Create (no id) or update an organisation from form values; raises ValidationError or StoreError."""
    current = database.get(Organisation, organisation_id) if organisation_id else None
    values = dict(values)
    if str(values.get("first_pop_within_months", "x")).strip() == "":
        values.pop("first_pop_within_months")  # left empty: keep what was there, or the default of one month
    return database.save(Organisation.model_validate(_merged(current, values)))


def persons_of(database: Database, organisation_id: str) -> list[Person]:
    """Everyone with a role in the organisation, by last name."""
    return persons(database, organisation_id)


def get_person(database: Database, person_id: str) -> Person:
    return database.get(Person, person_id)


def supervisors_of(database: Database, organisation_id: str | None, keep: str | None = None) -> list[Person]:
    """The organisation's werkvloerbegeleiders, for the employee form and the import; ``keep`` (a
    person id) is added when that person is no longer among them (e.g. the role was removed)."""
    found = (
        [person for person in persons(database, organisation_id) if person.has_role(Role.SUPERVISOR)]
        if organisation_id
        else []
    )
    if keep and all(person.id != keep for person in found):
        person = database.find(Person, keep)
        if person is not None:
            found.append(person)
    return found


def save_person(
    database: Database, values: dict[str, Any], person_id: str | None = None, organisation_id: str | None = None
) -> Person:
    """Create or update a person; ``values['roles']`` is a list of :class:`Role`."""
    current = database.get(Person, person_id) if person_id else None
    merged = _merged(current, values)
    if current is None and organisation_id is not None:
        merged.setdefault("organisation_id", organisation_id)
    return database.save(Person.model_validate(merged))


def employee_counts(database: Database) -> dict[str, int]:
    """Number of active (not archived) employees per organisation id."""
    counts: dict[str, int] = {}
    for employee in database.list(Employee, archived=False):
        counts[employee.organisation_id] = counts.get(employee.organisation_id, 0) + 1
    return counts


def find_organisation(database: Database, name: str) -> Organisation | None:
    """The organisation called ``name`` (case, accents and punctuation ignored); a unique partial match
    counts too ('werkplaats' finds 'De Werkplaats vzw'). None when unknown or ambiguous."""
    wanted = fold(name)
    if not wanted:
        return None
    known = database.list(Organisation)
    exact = [organisation for organisation in known if fold(organisation.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    partial = [organisation for organisation in known if wanted in fold(organisation.name)]
    return partial[0] if len(partial) == 1 else None
