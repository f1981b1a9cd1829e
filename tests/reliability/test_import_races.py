"""Concurrent imports of one file never duplicate anyone; ``poptui check`` lists likely duplicates.

The attack of issue 10 (point 4): four coaches import the same 25-row file at the same moment.
Before, the duplicate check ran outside the lock and one round left 75 duplicates. Here four
processes start ``poptui import employees`` together (a barrier, then the real CLI entry point),
three rounds; every round must end with exactly 25 employees, one new werkvloerbegeleider, one
consent event per consent date, a whole audit chain and a clean ``poptui check``.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

import pytest

from poptui.cli import main
from poptui.models import ConsentEvent, Employee, Organisation, Person, Role
from poptui.store import Database
from poptui.store import audit as audit_log

PROCESSES = 4
ROUNDS = 3


def _file(path: Path) -> Path:
    lines = ["Voornaam;Achternaam;Functie;Begeleider;Toestemming"]
    for number in range(25):
        supervisor = "Greet Peeters" if number % 2 else "Luc Maes"  # Greet is new: created once, not four times
        consent = f"{number % 28 + 1:02d}/03/2025" if number % 5 == 0 else ""
        lines.append(f"Werknemer{number:02d};Van den Broeck-Ç{number:02d};Atelier;{supervisor};{consent}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def _import(database: str, file: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    barrier.wait(30)
    sys.exit(main(["import", "employees", file, "--organisation", "Atelier", "--db", database]))


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_four_processes_importing_the_same_file_add_everyone_once(tmp_path: Path, round_number: int) -> None:
    database = Database.create(tmp_path / "db", actor="tester")
    organisation = database.save(Organisation(name="Atelier"))
    database.save(Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR]))
    file = _file(tmp_path / "werknemers.csv")
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    barrier = context.Barrier(PROCESSES)
    processes = [
        context.Process(target=_import, args=(str(database.path), str(file), barrier)) for _ in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [process.exitcode for process in processes] == [0] * PROCESSES

    employees = database.list(Employee)
    assert len(employees) == 25
    assert len({employee.last_name for employee in employees}) == 25
    greets = [person for person in database.list(Person) if person.full_name == "Greet Peeters"]
    assert len(greets) == 1 and greets[0].roles == [Role.SUPERVISOR]
    assert sum(employee.supervisor_id == greets[0].id for employee in employees) == 12
    consents = database.list(ConsentEvent)
    assert len(consents) == 5 and {event.employee_id for event in consents} <= {e.id for e in employees}
    assert audit_log.verify(database.path / audit_log.AUDIT_FILE) == []
    assert sum(event.record_type == "Employee" for event in database.audit_events()) == 25


def test_check_lists_likely_duplicates_as_a_warning(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    atelier = db.save(Organisation(name="Atelier"))
    kringwinkel = db.save(Organisation(name="Kringwinkel"))
    # Saved past the service's duplicate rule, as an older version or a merged database would have them.
    first = db.save(Employee(first_name="Jan", last_name="D'Hondt", organisation_id=atelier.id))
    second = db.save(Employee(first_name="JAN", last_name="Dhondt", organisation_id=atelier.id, archived=True))
    db.save(Employee(first_name="Peeters", last_name="An", organisation_id=atelier.id))
    db.save(Employee(first_name="An", last_name="Peeters", organisation_id=atelier.id))
    db.save(Employee(first_name="Пётр", last_name="Иванов", organisation_id=atelier.id))
    db.save(Employee(first_name="ПЕТР", last_name="ИВАНОВ", organisation_id=atelier.id))
    db.save(Employee(first_name="Павел", last_name="Иванов", organisation_id=atelier.id))
    db.save(Employee(first_name="Jan", last_name="D'Hondt", organisation_id=kringwinkel.id))  # another organisation
    db.save(Employee(first_name="\x1b]52;c;eA==\x07Kim", last_name="Claes", organisation_id=kringwinkel.id))

    assert main(["check", "--db", str(db.path)]) == 0  # a warning: the database itself is sound
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if "Mogelijk dubbele werknemers" in line]
    assert len(warnings) == 3, out
    jan = next(line for line in warnings if "Jan D'Hondt" in line)
    assert f"id {first.id})" in jan and f"id {second.id}, gearchiveerd)" in jan
    assert all("Atelier" in line and "Kringwinkel" not in line for line in warnings)
    assert any("An Peeters" in line and "Peeters An" in line for line in warnings)
    assert any("Пётр Иванов" in line and "ПЕТР ИВАНОВ" in line and "Павел" not in line for line in warnings)
    assert "in orde" in out


def test_check_says_nothing_about_duplicates_when_there_are_none(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    atelier = db.save(Organisation(name="Atelier"))
    for first, last in (("Jan", "Peeters"), ("Jan", "Peeters-Maes"), ("伟", "李"), ("伟", "王")):
        db.save(Employee(first_name=first, last_name=last, organisation_id=atelier.id))
    assert main(["check", "--db", str(db.path)]) == 0
    assert "dubbel" not in capsys.readouterr().out
