"""Several coaches at once: 4 processes save hundreds of records into one database concurrently.

Afterwards every record is there and intact, the audit chain is whole and
``poptui check`` exits 0. Two processes editing the same record: the second save
is refused with a Dutch message naming who changed it and when.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

from poptui.models import ContactMoment, Employee, Organisation, Trajectory
from poptui.store import Database, VersionConflict
from poptui.store import audit as audit_log

pytestmark = pytest.mark.slow  # a soak: `pytest -m "not slow"` leaves it out of the everyday loop

WORKERS = 4
EMPLOYEES_PER_WORKER = 80  # each with a trajectory and a contact moment (240 records), edited once: 320 saves


def _work(path: str, worker: int, organisation_id: str) -> None:
    database = Database.open(Path(path), actor=f"coach{worker}")
    for number in range(EMPLOYEES_PER_WORKER):
        employee = database.save(
            Employee(
                first_name=f"W{worker}",
                last_name=f"N{number:03d}",
                organisation_id=organisation_id,
                function=f"functie {worker}/{number}",
            )
        )
        trajectory = database.save(
            Trajectory(employee_id=employee.id, variant="variant_1", reflection="laag", intensity="laag")
        )
        database.save(
            ContactMoment(
                employee_id=employee.id,
                trajectory_id=trajectory.id,
                number=0,
                phase="opstart",
                notes=f"notitie {worker}/{number} é ü",
            )
        )
        database.save(employee.model_copy(update={"remarks": f"bewerkt door {worker}"}))


def test_four_processes_save_concurrently_and_lose_nothing(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    workers = [context.Process(target=_work, args=(str(db.path), worker, organisation.id)) for worker in range(WORKERS)]
    started = time.perf_counter()
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
        assert process.exitcode == 0
    elapsed = time.perf_counter() - started
    saves = WORKERS * EMPLOYEES_PER_WORKER * 4
    print(f"\n{saves} saves by {WORKERS} processes in {elapsed:.1f} s: {saves / elapsed:.0f} saves/s")

    employees = db.list(Employee)
    assert len(employees) == WORKERS * EMPLOYEES_PER_WORKER
    for employee in employees:
        worker = employee.first_name[1:]
        assert employee.version == 2 and employee.remarks == f"bewerkt door {worker}"
        assert employee.updated_by == f"coach{worker}"
        assert employee.function == f"functie {worker}/{int(employee.last_name[1:])}"
        [trajectory] = db.list(Trajectory, employee_id=employee.id)
        [moment] = db.list(ContactMoment, employee_id=employee.id)
        assert moment.trajectory_id == trajectory.id and moment.notes.endswith("é ü")
    assert audit_log.verify(db.path / audit_log.AUDIT_FILE) == []
    assert len(list(db.audit_events())) == 1 + saves
    check = subprocess.run(
        [sys.executable, "-m", "poptui", "check", "--db", str(db.path)], capture_output=True, text=True, timeout=60
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "in orde" in check.stdout


def _edit_later(path: str, employee_id: str, loaded, saved, messages) -> None:
    database = Database.open(Path(path), actor="collega")
    employee = database.get(Employee, employee_id)
    loaded.set()
    saved.wait(30)
    try:
        database.save(employee.model_copy(update={"function": "tweede"}))
    except VersionConflict as error:
        messages.put(str(error))
        sys.exit(3)


def test_second_process_saving_the_same_record_is_refused(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="Inès", last_name="Peeters", organisation_id=organisation.id))
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    loaded, saved, messages = context.Event(), context.Event(), context.Queue()
    other = context.Process(target=_edit_later, args=(str(db.path), employee.id, loaded, saved, messages))
    other.start()
    assert loaded.wait(30)
    db.save(employee.model_copy(update={"function": "eerste"}))
    saved.set()
    refused = messages.get(timeout=30)
    other.join(30)
    assert other.exitcode == 3
    assert "gewijzigd door tester op " in refused and "niet opgeslagen" in refused
    assert db.get(Employee, employee.id).function == "eerste"

    mine = Database.open(db.path, actor="an")
    stale = mine.get(Employee, employee.id)
    Database.open(db.path, actor="tom").save(stale.model_copy(update={"function": "door tom"}))
    with pytest.raises(VersionConflict) as caught:
        mine.save(stale.model_copy(update={"function": "door an"}))
    message = str(caught.value)
    assert "tom" in message and "gewijzigd" in message and "Inès Peeters" in message
    assert caught.value.changed_by == "tom" and "/" in caught.value.changed_at
    assert mine.get(Employee, employee.id).function == "door tom"
