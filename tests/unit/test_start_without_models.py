"""What the start reads before the first paint comes from the stored data, without building models.

The coach lookup (:func:`poptui.services.coach.identify_coach`), the first-run question
(:func:`poptui.services.onboarding.is_first_run`) and the home screen's lists
(:func:`poptui.services.attention.attention_now`) read trusted stored fields: building the first
record builds pydantic's model schemas (about 2 MB and tens of milliseconds at every start). These
tests hold that they answer what the validated records answer, and fall back to them when a file
was changed outside poptui.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from poptui.models import Organisation, Person, Role
from poptui.services.coach import (
    PERSONS_TABLE,
    CoachView,
    choose_coach,
    coach_at_start,
    coaches,
    identify_coach,
    stored_person,
)
from poptui.services.onboarding import is_first_run
from poptui.store import Database


def test_every_stored_person_equals_its_validated_record(demo_db: Database) -> None:
    stored = demo_db.stored_documents(Person)
    assert stored is not None and len(stored) >= 3
    for doc in stored:
        assert stored_person(doc) == Person.model_validate(doc)
        assert stored_person(doc).model_dump() == Person.model_validate(doc).model_dump()


def test_the_coach_is_found_by_login_as_among_the_validated_coaches(demo_db: Database) -> None:
    known = coaches(demo_db)
    with_login = [person for person in known if person.login]
    assert with_login
    for person in with_login:
        found = identify_coach(demo_db, person.login.upper())
        assert found == person
        assert isinstance(found, Person) and found.has_role(Role.COACH)
    assert identify_coach(demo_db, "niemand-met-deze-naam") is None


def test_a_remembered_coach_is_found_when_the_login_is_unknown(demo_db: Database) -> None:
    coach = coaches(demo_db)[-1]
    choose_coach(demo_db, coach)
    assert identify_coach(demo_db, "niemand-met-deze-naam") == coach


def test_a_person_without_the_coach_role_is_never_the_coach(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    db.save(Person(first_name="Tina", last_name="Trainer", organisation_id=organisation.id, login="tina"))
    assert identify_coach(db, "tina") is None
    coach = db.save(Person(first_name="Tina", last_name="Coach", roles=[Role.COACH], login="tina"))
    assert identify_coach(db, "tina") == coach


def test_a_file_changed_outside_poptui_is_read_through_the_validated_records(db: Database) -> None:
    coach = db.save(Person(first_name="An", last_name="Janssens", roles=[Role.COACH], login="an"))
    core = db.path / "core.json"
    data = json.loads(core.read_text())
    data["persons"][next(iter(data["persons"]))]["last_name"] = "Janssens\x1b[31m"
    core.write_text(json.dumps(data))
    assert db.stored_documents(Person) is None
    found = identify_coach(db, "an")
    assert found is not None and found.id == coach.id
    assert found.last_name == "Janssens"  # cleaned, as every read of such a file is


def test_first_run_until_there_is_an_organisation(db: Database) -> None:
    assert is_first_run(db)
    db.save(Person(first_name="An", last_name="Janssens", roles=[Role.COACH], login="an"))
    assert is_first_run(db)
    db.save(Organisation(name="Atelier"))
    assert not is_first_run(db)


START = """
import sys
from pathlib import Path
from poptui import clock
from poptui.models import ContactMoment, Organisation, Person, PopAction, PopDocument, Trajectory
from poptui.services.attention import attention_now
from poptui.services.coach import identify_coach
from poptui.services.onboarding import is_first_run
from poptui.store import Database

database = Database.open(Path(sys.argv[1]))
coach = identify_coach(database, sys.argv[2])
assert coach is not None and not is_first_run(database)
assert attention_now(database, coach.id, clock.today()) is not None
built = [cls.__name__ for cls in (Person, Organisation, PopAction, PopDocument, Trajectory, ContactMoment)
         if cls.__pydantic_complete__]
print(",".join(built) or "none")
"""


def test_the_start_builds_no_model_schema(demo_db: Database) -> None:
    login = next(person.login for person in coaches(demo_db) if person.login)
    demo_db.summaries()  # as the app leaves them: built
    result = subprocess.run(
        [sys.executable, "-c", START, str(demo_db.path), login],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path(demo_db.path).parent)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "none"


def test_reading_the_persons_keeps_no_other_table_of_core_json_parsed(db: Database) -> None:
    from poptui.store import storage

    coach = db.save(Person(first_name="An", last_name="Janssens", roles=[Role.COACH], login="an"))
    db.save(Organisation(name="Atelier"))
    core = db.path / "core.json"
    storage.forget(core)
    assert identify_coach(db, "an") == coach
    assert not is_first_run(db)
    assert str(core) not in storage._parsed  # only the persons were kept, by the caller
    assert storage.is_clean(core)  # found while reading, without parsing the file again
    assert str(core) not in storage._parsed
    assert [person.id for person in db.list(Person)] == [coach.id]  # an ordinary read keeps it parsed
    assert str(core) in storage._parsed
    assert storage.read_table(core, "persons") is storage.read_tables(core)["persons"]  # served from there


def test_the_first_run_question_does_not_parse_core_json_again(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from poptui.store import storage

    db.save(Person(first_name="An", last_name="Janssens", roles=[Role.COACH], login="an"))
    core = db.path / "core.json"
    storage.forget(core)
    parsed: list[bytes] = []
    real_loads = storage.loads

    def counted(raw: bytes) -> object:
        parsed.append(raw)
        return real_loads(raw)

    monkeypatch.setattr(storage, "loads", counted)
    assert identify_coach(db, "an") is not None
    assert is_first_run(db)  # no organisation yet
    assert len(parsed) == 1
    db.save(Organisation(name="Atelier"))  # a new file: counted again
    assert not is_first_run(db)


def test_the_persons_table_is_the_models() -> None:
    assert PERSONS_TABLE == Person.table


def test_the_coach_at_start_is_the_identified_coach_without_a_model(demo_db: Database) -> None:
    with_login = [person for person in coaches(demo_db) if person.login]
    assert with_login
    for person in with_login:
        found = coach_at_start(demo_db, person.login.upper())
        assert isinstance(found, CoachView)
        assert (found.id, found.first_name, found.last_name, found.full_name) == (
            person.id,
            person.first_name,
            person.last_name,
            person.full_name,
        )
        assert all(found.has_role(role) == person.has_role(role) for role in Role)
    assert coach_at_start(demo_db, "niemand-met-deze-naam") is None
    remembered = coaches(demo_db)[-1]
    choose_coach(demo_db, remembered)
    found = coach_at_start(demo_db, "niemand-met-deze-naam")
    assert found is not None and found.id == remembered.id


def test_the_coach_at_start_from_a_file_changed_outside_poptui_is_the_validated_person(db: Database) -> None:
    coach = db.save(Person(first_name="An", last_name="Janssens", roles=[Role.COACH], login="an"))
    core = db.path / "core.json"
    data = json.loads(core.read_text())
    data["persons"][next(iter(data["persons"]))]["last_name"] = "Janssens\x1b[31m"
    core.write_text(json.dumps(data))
    found = coach_at_start(db, "an")
    assert isinstance(found, Person) and found.id == coach.id and found.last_name == "Janssens"


def test_core_records_are_counted_by_their_table(db: Database) -> None:
    assert not db.has_core_records(Organisation.table)
    db.save(Organisation(name="Atelier"))
    assert db.has_core_records(Organisation.table) and db.has_records(Organisation)
    assert not db.has_core_records(Person.table)
