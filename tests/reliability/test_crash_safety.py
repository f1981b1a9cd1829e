"""Crash safety: a process killed with SIGKILL at random moments during a loop of saves.

The child (forked, so no import cost per round) saves in a tight loop and prints
the id of every completed save; after each kill the database must open, every
file must load, every acknowledged save must be there (the last one included)
and the audit chain must be whole. 60 rounds.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sys
import time
from pathlib import Path

import pytest

from poptui.models import ContactMoment, Employee, Organisation, Trajectory
from poptui.services.health import check_database
from poptui.store import Database, manifest

ROUNDS = 60

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="fork and SIGKILL"),
]


def _child(path: Path, write_fd: int, round_number: int, employee_id: str, trajectory_id: str) -> None:
    database = Database.open(path, actor=f"ronde{round_number}")
    number = 0
    while True:
        number += 1
        if number % 3 == 0:
            employee = database.get(Employee, employee_id)
            saved = database.save(employee.model_copy(update={"function": f"{round_number}-{number}"}))
            token = f"E {saved.version} {saved.function}"
        elif number % 3 == 1:
            saved = database.save(Organisation(name=f"org {round_number}-{number}"))
            token = f"O {saved.id}"
        else:
            saved = database.save(
                ContactMoment(
                    employee_id=employee_id,
                    trajectory_id=trajectory_id,
                    number=1,
                    phase="analyse",
                    notes=f"ronde {round_number} nr {number}",
                )
            )
            token = f"C {saved.id}"
        os.write(write_fd, (token + "\n").encode())


def _run_and_kill(path: Path, round_number: int, employee_id: str, trajectory_id: str, delay: float) -> list[str]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child is killed
        os.close(read_fd)
        try:
            _child(path, write_fd, round_number, employee_id, trajectory_id)
        finally:
            os._exit(1)
    os.close(write_fd)
    output = b""
    deadline = time.monotonic() + 10
    while not output and time.monotonic() < deadline:  # wait for the first completed save
        ready, _w, _x = select.select([read_fd], [], [], 1)
        if ready:
            output += os.read(read_fd, 65536)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):
        output += chunk
    os.close(read_fd)
    return [line for line in output.decode().split("\n") if line]  # a torn last line cannot happen: one write


def test_sigkill_during_saves_never_damages_the_database(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="An", last_name="Peeters", organisation_id=organisation.id))
    trajectory = db.save(
        Trajectory(employee_id=employee.id, variant="basistraject", reflection="gemiddeld", intensity="gemiddeld")
    )
    randomness = random.Random(20261128)
    acknowledged_orgs: set[str] = set()
    acknowledged_moments: set[str] = set()
    last_version = 1
    started = time.perf_counter()
    for round_number in range(ROUNDS):
        lines = _run_and_kill(db.path, round_number, employee.id, trajectory.id, randomness.uniform(0.0, 0.08))
        assert lines, "the child completed no save"
        reopened = Database.open(db.path)
        stored_employee = reopened.get(Employee, employee.id)
        organisations = {item.id for item in reopened.list(Organisation)}
        moments = {item.id for item in reopened.list(ContactMoment, employee_id=employee.id)}
        for line in lines:
            kind, *rest = line.split(" ")
            if kind == "O":
                acknowledged_orgs.add(rest[0])
            elif kind == "C":
                acknowledged_moments.add(rest[0])
            else:
                last_version = max(last_version, int(rest[0]))
        assert acknowledged_orgs <= organisations
        assert acknowledged_moments <= moments
        assert stored_employee.version >= last_version  # the last acknowledged change is there
        last_version = stored_employee.version
        report = check_database(reopened)
        assert report.problems == [], report.problems
    elapsed = time.perf_counter() - started
    print(
        f"\n{ROUNDS} SIGKILL rounds in {elapsed:.1f} s; {len(acknowledged_orgs) + len(acknowledged_moments)} "
        f"acknowledged new records, employee at version {last_version}"
    )


def test_sigkill_while_the_manifest_is_folded_never_makes_a_file_look_missing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a fold (a new base of the manifest, then the changes removed) in nearly every save, a kill between
    the two steps leaves changes beside another base: they are ignored, and the check stays clean."""
    monkeypatch.setattr(manifest, "FOLD_AT", 2)  # the forked child inherits it
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="An", last_name="Peeters", organisation_id=organisation.id))
    trajectory = db.save(
        Trajectory(employee_id=employee.id, variant="basistraject", reflection="gemiddeld", intensity="gemiddeld")
    )
    randomness = random.Random(20261202)
    for round_number in range(ROUNDS // 3):
        lines = _run_and_kill(db.path, round_number, employee.id, trajectory.id, randomness.uniform(0.0, 0.05))
        assert lines, "the child completed no save"
        reopened = Database.open(db.path)
        found = manifest.read(reopened.path)
        assert found is not None and manifest.missing_files(reopened.path, found) == []
        report = check_database(reopened)
        assert report.problems == [], report.problems
