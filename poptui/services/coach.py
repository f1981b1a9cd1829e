"""Who is the coach at the keyboard: from the login name, else remembered, else chosen."""

from __future__ import annotations

from poptui.models import Person, Role
from poptui.settings import remember_coach, remembered_coach
from poptui.store import Database, default_actor


def login_name() -> str:
    """Who is at the keyboard as the computer knows them (the coach behind sudo, else the login)."""
    return default_actor()


def coaches(database: Database) -> list[Person]:
    return sorted(
        (person for person in database.list(Person) if person.has_role(Role.COACH)),
        key=lambda person: (person.last_name.lower(), person.first_name.lower()),
    )


def identify_coach(database: Database, login: str | None = None) -> Person | None:
    """The coach whose login matches the user's login name, else the one remembered for this user."""
    login = (login or default_actor()).lower()
    known = coaches(database)
    for person in known:
        if person.login and person.login.lower() == login:
            return person
    remembered = remembered_coach(database.path)
    return next((person for person in known if person.id == remembered), None)


def choose_coach(database: Database, coach: Person) -> None:
    """Remember the choice for this user and database."""
    remember_coach(database.path, coach.id)


def add_coach(database: Database, first_name: str, last_name: str, organisation_id: str | None = None) -> Person:
    """Add a new coach with the current login name, and remember them."""
    person = database.save(
        Person(
            first_name=first_name,
            last_name=last_name,
            organisation_id=organisation_id,
            roles=[Role.COACH],
            login=default_actor(),
        )
    )
    choose_coach(database, person)
    return person
