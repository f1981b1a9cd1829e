"""The migration to schema 3 killed with SIGKILL at random moments: the database always opens and checks clean.

A database of schema 2 (employees.json and trajectories.json) is copied for every round; a forked
child opens it (which migrates: backup, shards, version, manifest, removal of the old files) and is
killed after a random delay spread over the migration's own duration. The next open (which runs or
finishes the migration) must find every employee and trajectory, and the full check nothing.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from store_files import downgrade_to_schema_2

from poptui.models import Employee, Level, Organisation, Person, Role, Trajectory, TrajectoryStatus, VariantId
from poptui.services.health import check_database, verify_for_start
from poptui.store import Database, schema

ROUNDS = 16

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="fork and SIGKILL"),
]


def _schema_2_template(db: Database, employees: int = 40) -> tuple[Path, set[str], set[str]]:
    organisation = db.save(Organisation(name="Atelier"))
    coach = db.save(Person(first_name="An", last_name="Aerts", organisation_id=organisation.id, roles=[Role.COACH]))
    people = db.save_all(
        [
            Employee(first_name=f"Naam{number}", last_name="Peeters", organisation_id=organisation.id)
            for number in range(employees)
        ]
    )
    db.save_all(
        [
            Trajectory(
                employee_id=employee.id,
                coach_id=coach.id,
                variant=VariantId.BASIS,
                reflection=Level.MEDIUM,
                intensity=Level.MEDIUM,
                status=TrajectoryStatus.ACTIVE,
                start_date=date(2026, 5, 1),
            )
            for employee in people
        ]
    )
    employee_ids = {employee.id for employee in db.list(Employee)}
    trajectory_ids = {trajectory.id for trajectory in db.list(Trajectory)}
    downgrade_to_schema_2(db.path)
    return db.path, employee_ids, trajectory_ids


def _migrate_and_kill(path: Path, delay: float) -> None:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child is killed
        try:
            Database.open(path)
        finally:
            os._exit(0)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def test_sigkill_during_the_migration_never_damages_the_database(db: Database, tmp_path: Path) -> None:
    template, employee_ids, trajectory_ids = _schema_2_template(db)
    timed = tmp_path / "gemeten"
    shutil.copytree(template, timed)
    began = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - measured like the killed children: a fork that migrates
        try:
            Database.open(timed)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    duration = time.perf_counter() - began
    randomness = random.Random(20261202)
    outcomes = {"old": 0, "switched": 0}
    for round_number in range(ROUNDS):
        copy = tmp_path / f"ronde{round_number}"
        shutil.copytree(template, copy)
        _migrate_and_kill(copy, (round_number + randomness.random()) / ROUNDS * duration)
        version = Database.open(copy, migrate=False).schema_version()
        outcomes["switched" if version == schema.SCHEMA_VERSION else "old"] += 1
        reopened = Database.open(copy)
        assert reopened.schema_version() == schema.SCHEMA_VERSION
        assert not (copy / "employees.json").exists() and not (copy / "trajectories.json").exists()
        assert {employee.id for employee in reopened.list(Employee)} == employee_ids
        assert {trajectory.id for trajectory in reopened.list(Trajectory)} == trajectory_ids
        start = verify_for_start(reopened)
        assert start.problems == [], start.problems
        report = check_database(reopened)
        assert report.problems == [], report.problems
        shutil.rmtree(copy)
    print(f"\n{ROUNDS} kills spread over a migration of {duration * 1000:.0f} ms: {outcomes}")
