"""Who is the coach at the keyboard: from the login name, else remembered, else chosen.

:func:`coach_at_start` runs before the first screen paints. It reads the persons as the store keeps
them (:meth:`~poptui.store.Database.core_documents`) and returns the coach it finds as a
:class:`CoachView` of the stored fields, so the start imports no pydantic, validates no record and
builds no model schema (importing pydantic and the person model is about a tenth of a second).
:func:`identify_coach` finds the same coach as a :class:`~poptui.models.Person` (:func:`stored_person`).
Stored persons were validated and cleaned by the store when it wrote them, and the start has
verified that every file is as poptui wrote it; a file changed outside poptui is read through
:meth:`~poptui.store.Database.list`, which cleans it (and both functions then return that Person).

The app and the screens read the coach through :class:`Coach`: what a Person and a CoachView share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from poptui import models
from poptui.models import Role
from poptui.settings import remember_coach, remembered_coach
from poptui.store import Database, default_actor

if TYPE_CHECKING:
    from poptui.models import Person

PERSONS_TABLE = "persons"
"""The core table of :class:`~poptui.models.Person` (its ``table``; a test holds that they agree)."""


class Coach(Protocol):
    """The coach at the keyboard as the app and the screens read it: a Person or a :class:`CoachView`."""

    @property
    def id(self) -> str: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def full_name(self) -> str: ...
    def has_role(self, role: Role) -> bool: ...


@dataclass(frozen=True)
class CoachView:
    """The coach found at the start, from the stored person (no model built): what :class:`Coach` reads."""

    id: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def has_role(self, role: Role) -> bool:
        return role in self.roles


def login_name() -> str:
    """Who is at the keyboard as the computer knows them (the coach behind sudo, else the login)."""
    return default_actor()


def _name_key(first_name: str, last_name: str) -> tuple[str, str]:
    return (last_name.lower(), first_name.lower())


def coaches(database: Database) -> list[Person]:
    return sorted(
        (person for person in database.list(models.Person) if person.has_role(Role.COACH)),
        key=lambda person: _name_key(person.first_name, person.last_name),
    )


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def stored_person(stored: Mapping[str, Any]) -> Person:
    """The person a stored document holds, built without validation (the store validated it when it
    wrote it): every field of :class:`Person` that is not text is converted here (roles, times), so it
    equals ``Person.model_validate(stored)`` (a test holds this for every person of the demo)."""
    values = dict(stored)
    values["roles"] = [Role(role) for role in stored.get("roles") or []]
    values["created_at"] = _moment(stored.get("created_at"))
    values["updated_at"] = _moment(stored.get("updated_at"))
    return models.Person.model_construct(**values)


def _stored_coaches(database: Database) -> Sequence[Mapping[str, Any]] | None:
    stored = database.core_documents(PERSONS_TABLE)
    if stored is None:
        return None
    return sorted(
        (doc for doc in stored if Role.COACH.value in (doc.get("roles") or [])),
        key=lambda doc: _name_key(str(doc.get("first_name", "")), str(doc.get("last_name", ""))),
    )


def identify_coach(database: Database, login: str | None = None) -> Person | None:
    """The coach whose login matches the user's login name, else the one remembered for this user."""
    login = (login or default_actor()).lower()
    stored = _stored_coaches(database)
    if stored is None:  # a file changed outside poptui: read (and clean) every person
        return _validated_coach(database, login)
    found = _identify(stored, login, database)
    return stored_person(found) if found is not None else None


def coach_at_start(database: Database, login: str | None = None) -> Coach | None:
    """:func:`identify_coach` for the start: the same coach, as a :class:`CoachView` of the stored fields
    (no pydantic imported), or as the validated Person when a file was changed outside poptui."""
    login = (login or default_actor()).lower()
    stored = _stored_coaches(database)
    if stored is None:
        return _validated_coach(database, login)
    found = _identify(stored, login, database)
    if found is None:
        return None
    return CoachView(
        id=str(found["id"]),
        first_name=str(found.get("first_name", "")),
        last_name=str(found.get("last_name", "")),
        roles=tuple(Role(role) for role in found.get("roles") or []),
    )


def _validated_coach(database: Database, login: str) -> Person | None:
    known: dict[str, Person] = {person.id: person for person in coaches(database)}
    found = _identify([person.model_dump() for person in known.values()], login, database)
    return known[found["id"]] if found is not None else None


def _identify(known: Sequence[Mapping[str, Any]], login: str, database: Database) -> Mapping[str, Any] | None:
    """The coach of ``login`` among ``known`` (coaches, by name), else the one remembered."""
    for doc in known:
        if doc.get("login") and str(doc["login"]).lower() == login:
            return doc
    remembered = remembered_coach(database.path)
    return next((doc for doc in known if doc.get("id") == remembered), None)


def choose_coach(database: Database, coach: Coach) -> None:
    """Remember the choice for this user and database."""
    remember_coach(database.path, coach.id)


def add_coach(database: Database, first_name: str, last_name: str, organisation_id: str | None = None) -> Person:
    """Add a new coach with the current login name, and remember them."""
    person = database.save(
        models.Person(
            first_name=first_name,
            last_name=last_name,
            organisation_id=organisation_id,
            roles=[Role.COACH],
            login=default_actor(),
        )
    )
    choose_coach(database, person)
    return person
