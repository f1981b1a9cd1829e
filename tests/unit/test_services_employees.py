"""Employees, organisations and the dossier history: the rules behind the screens."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from poptui.models import (
    Employee,
    Level,
    Organisation,
    OrganisationKind,
    Person,
    Role,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.models.errors import field_errors
from poptui.services import directory
from poptui.services.employees import (
    employee_overview,
    employee_rows,
    latest_status,
    save_employee,
    set_archived,
)
from poptui.services.history import employee_history
from poptui.services.organisations import (
    find_organisation,
    save_organisation,
    save_person,
    supervisors_of,
)
from poptui.store import Database
from poptui.store.summaries import shard_of


@pytest.fixture
def organisation(db: Database) -> Organisation:
    return save_organisation(db, {"name": "De Werkplaats vzw", "kind": OrganisationKind.MAATWERKBEDRIJF})


def test_save_organisation_creates_and_updates(db: Database, organisation: Organisation) -> None:
    updated = save_organisation(
        db, {"address": "Industrieweg 12\n9000 Gent", "contact_person": "Sofie Claes"}, organisation.id
    )
    assert updated.id == organisation.id and updated.version == 2
    assert db.get(Organisation, organisation.id).contact_person == "Sofie Claes"
    with pytest.raises(ValidationError) as error:
        save_organisation(db, {"name": "  "})
    assert field_errors(error.value, Organisation)[0].label == "Naam"


def test_persons_with_roles_and_supervisors(db: Database, organisation: Organisation) -> None:
    luc = save_person(
        db, {"first_name": "Luc", "last_name": "Maes", "roles": [Role.SUPERVISOR]}, organisation_id=organisation.id
    )
    tom = save_person(
        db,
        {"first_name": "Tom", "last_name": "De Smet", "roles": [Role.COACH, Role.AMBASSADOR]},
        organisation_id=organisation.id,
    )
    assert luc.organisation_id == organisation.id
    assert [person.id for person in supervisors_of(db, organisation.id)] == [luc.id]
    save_person(db, {"roles": [Role.COACH, Role.SUPERVISOR]}, tom.id)
    assert {person.last_name for person in supervisors_of(db, organisation.id)} == {"Maes", "De Smet"}
    assert supervisors_of(db, None) == []


def test_find_organisation_ignores_case_and_accents(db: Database, organisation: Organisation) -> None:
    db.save(Organisation(name="LDE Groen & Zorg"))
    db.save(Organisation(name="Atelier Élan"))
    assert find_organisation(db, "de werkplaats VZW").id == organisation.id
    assert find_organisation(db, "werkplaats").id == organisation.id
    assert find_organisation(db, "atelier elan").name == "Atelier Élan"
    assert find_organisation(db, "e") is None  # ambiguous
    assert find_organisation(db, "Nergens") is None


def test_a_second_employee_with_the_same_name_is_refused_beside_the_last_name(
    db: Database, organisation: Organisation
) -> None:
    jan = save_employee(db, {"first_name": "Jan", "last_name": "D'Hondt", "organisation_id": organisation.id})
    with pytest.raises(ValidationError) as error:
        save_employee(db, {"first_name": " jan ", "last_name": "DHONDT", "organisation_id": organisation.id})
    problems = field_errors(error.value, Employee)
    assert problems[0].field == "last_name"
    assert "Er bestaat al een werknemer Jan D'Hondt" in problems[0].message
    # Saving Jan himself again is no duplicate, nor is the same name elsewhere.
    save_employee(db, {"function": "Houtatelier"}, jan.id)
    other = db.save(Organisation(name="LDE Groen & Zorg"))
    save_employee(db, {"first_name": "Jan", "last_name": "D'Hondt", "organisation_id": other.id})
    assert len(db.list(Employee)) == 2


def test_invalid_consent_date_is_a_dutch_field_error(db: Database, organisation: Organisation) -> None:
    with pytest.raises(ValidationError) as error:
        save_employee(
            db,
            {
                "first_name": "Kim",
                "last_name": "Claes",
                "organisation_id": organisation.id,
                "consent_date": "31/02/2024",
            },
        )
    problem = field_errors(error.value, Employee)[0]
    assert (problem.field, problem.label) == ("consent_date", "Datum toestemming")
    assert "dd/mm/jjjj" in problem.message
    assert db.list(Employee) == []


def test_archive_hides_from_the_list_and_back(db: Database, organisation: Organisation) -> None:
    kim = save_employee(db, {"first_name": "Kim", "last_name": "Claes", "organisation_id": organisation.id})
    set_archived(db, kim.id, True)
    assert directory.employees(db) == []
    assert [e.id for e in directory.employees(db, include_archived=True)] == [kim.id]
    set_archived(db, kim.id, False)
    assert [e.id for e in directory.employees(db)] == [kim.id]


def test_overview_shows_consent_supervisor_and_follow_ups(db: Database, organisation: Organisation) -> None:
    luc = db.save(Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR]))
    ines = save_employee(
        db,
        {
            "first_name": "Inès",
            "last_name": "Van den Broeck",
            "organisation_id": organisation.id,
            "supervisor_id": luc.id,
            "reflection": Level.MEDIUM,
            "consent_date": "12/03/2024",
        },
    )
    first = db.save(
        Trajectory(
            employee_id=ines.id,
            variant=VariantId.BASIS,
            reflection=Level.MEDIUM,
            intensity=Level.MEDIUM,
            status=TrajectoryStatus.COMPLETED,
            start_date=date(2024, 3, 12),
            completion_date=date(2024, 6, 1),
        )
    )
    second = db.save(
        Trajectory(
            employee_id=ines.id,
            variant=VariantId.VARIANT_2,
            reflection=Level.HIGH,
            intensity=Level.LOW,
            status=TrajectoryStatus.ACTIVE,
            start_date=date(2025, 3, 1),
            previous_trajectory_id=first.id,
        )
    )
    overview = employee_overview(db, ines.id)
    assert overview.supervisor.id == luc.id and overview.organisation.id == organisation.id
    assert overview.consent == "gegeven op 12/03/2024"
    assert [line.kind_text for line in overview.trajectories] == ["Eerste POP", "Vervolg op POP van 12/03/2024"]
    assert [line.status_text for line in overview.trajectories] == ["Afgerond", "Actief"]
    assert overview.latest_completed.id == first.id
    assert overview.running.id == second.id
    assert [(row.id, row.status, row.organisation) for row in employee_rows(db)] == [
        (ines.id, "Actief", organisation.name)
    ]
    no_consent = save_employee(db, {"first_name": "Kim", "last_name": "Claes", "organisation_id": organisation.id})
    assert employee_overview(db, no_consent.id).consent == "nog niet gegeven"


def test_history_names_who_did_what_with_dutch_field_labels(db: Database, organisation: Organisation) -> None:
    kim = save_employee(db, {"first_name": "Kim", "last_name": "Claes", "organisation_id": organisation.id})
    save_employee(db, {"function": "Onthaal", "consent_date": "01/02/2025"}, kim.id)  # consent: not via the form
    set_archived(db, kim.id, True)
    lines = employee_history(db, kim.id)
    assert len(lines) == 3
    assert lines[-1].what == "Werknemer aangemaakt" and lines[-1].who == "tester"
    assert lines[1].what == "Werknemer gewijzigd"
    assert set(lines[1].fields) == {"Functie"}
    assert db.get(Employee, kim.id).consent_date is None
    assert lines[0].fields == ["Gearchiveerd"]
    assert "tester: Werknemer gewijzigd (Gearchiveerd)" in str(lines[0])


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({}, None),
        ({"a": [None, "basis", "afgerond", "2024-03-12", "2024-06-01", None, "medium", "medium"]}, "afgerond"),
        (  # a running trajectory wins over a later completed one
            {
                "a": [None, "basis", "gepauzeerd", "2023-01-01", None, None, "medium", "medium"],
                "b": [None, "basis", "afgerond", "2025-03-01", "2025-06-01", None, "medium", "medium"],
            },
            "gepauzeerd",
        ),
        (  # else the one started last; one not started counts by its completion date
            {
                "a": [None, "basis", "afgerond", "2024-03-12", "2024-06-01", None, "medium", "medium"],
                "b": [None, "basis", "gestopt", None, "2025-01-01", None, "medium", "medium"],
                "c": [None, "basis", "afgerond", "2023-01-01", "2023-05-01", None, "medium", "medium"],
            },
            "gestopt",
        ),
        (  # of equals the first, as max() chose among the trajectories' facts
            {
                "a": [None, "basis", "actief", "2025-01-01", None, None, "medium", "medium"],
                "b": [None, "basis", "gepland", "2025-01-01", None, None, "medium", "medium"],
            },
            "actief",
        ),
    ],
)
def test_the_list_shows_the_running_else_the_latest_trajectorys_status(
    parts: dict[str, list[object]], expected: str | None
) -> None:
    status = latest_status(parts)
    assert (status.value if status is not None else None) == expected


def test_a_damaged_date_in_a_summary_leaves_the_employee_out_of_the_list_not_the_list_broken() -> None:
    with pytest.raises(ValueError):
        latest_status({"a": [None, "basis", "actief", "12/03/2024", None, None, "medium", "medium"]})
    with pytest.raises(ValueError):
        latest_status({"a": [None, "basis", "lost", "2024-03-12", None, None, "medium", "medium"]})


def test_the_list_after_a_save_builds_again_only_what_the_save_changed(
    db: Database, organisation: Organisation
) -> None:
    people = [
        save_employee(db, {"first_name": f"Naam{n}", "last_name": "Peeters", "organisation_id": organisation.id})
        for n in range(40)
    ]
    before = {row.id: row for row in employee_rows(db)}
    changed = save_employee(db, {"function": "Onthaal"}, people[0].id)
    after = {row.id: row for row in employee_rows(db)}
    assert after[changed.id].function == "Onthaal" and before[changed.id].function == ""
    rebuilt = {employee.id for employee in people if after[employee.id] is not before[employee.id]}
    same_file = {employee.id for employee in people if shard_of(employee.id) == shard_of(changed.id)}
    assert changed.id in rebuilt and rebuilt <= same_file  # only the rewritten summary file's entries
    assert [row.id for row in after.values()] == [row.id for row in employee_rows(db)]  # still by name
    db.save(organisation.model_copy(update={"name": "Nieuwe naam"}))
    assert {row.organisation for row in employee_rows(db)} == {"Nieuwe naam"}  # a new name: every row
    archived = set_archived(db, people[1].id, True)
    assert next(row for row in employee_rows(db) if row.id == archived.id).archived


def test_the_list_names_organisations_as_stored_and_cleans_a_file_changed_outside_poptui(
    db: Database, organisation: Organisation
) -> None:
    import json

    save_employee(db, {"first_name": "An", "last_name": "Peeters", "organisation_id": organisation.id})
    assert [row.organisation for row in employee_rows(db)] == [organisation.name]
    core = db.path / "core.json"
    data = json.loads(core.read_text())
    data["organisations"][next(iter(data["organisations"]))]["name"] = "Atelier\x1b[31m\u200b"
    core.write_text(json.dumps(data))
    assert db.core_documents("organisations") is None  # not as poptui wrote it: read through the records
    assert [row.organisation for row in employee_rows(db)] == ["Atelier"]
