"""Snapshots at 80x24 of the employee list and the employee page, on data with fixed dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from poptui.screens import navigation

from poptui.app import PopApp
from poptui.models import Employee, Level, Organisation, Person, Role, Trajectory, TrajectoryStatus, VariantId
from poptui.store import Database


@pytest.fixture
def fixed_db(tmp_path: Path) -> Database:
    """Two organisations, four employees, a completed POP with its follow-up: nothing depends on today."""
    database = Database.create(tmp_path / "snap", actor="snap")
    with database.transaction() as tx:
        werkplaats = tx.save(Organisation(name="De Werkplaats vzw", contact_person="Sofie Claes"))
        groenzorg = tx.save(Organisation(name="LDE Groen & Zorg"))
        luc = tx.save(
            Person(first_name="Luc", last_name="Maes", organisation_id=werkplaats.id, roles=[Role.SUPERVISOR])
        )
        ines = tx.save(
            Employee(
                first_name="Inès",
                last_name="Van den Broeck",
                organisation_id=werkplaats.id,
                function="Medewerker verpakking",
                supervisor_id=luc.id,
                reflection=Level.MEDIUM,
                consent_date=date(2024, 3, 12),
                mijn_loopbaan_account=True,
                remarks="Werkt halftijds, liefst in de voormiddag.",
            )
        )
        tx.save(
            Employee(
                first_name="Jan",
                last_name="D'Hondt",
                organisation_id=werkplaats.id,
                function="Medewerker houtatelier",
                reflection=Level.LOW,
            )
        )
        tx.save(
            Employee(
                first_name="Ayşe",
                last_name="Müller-Özdemir",
                organisation_id=werkplaats.id,
                function="Medewerker naaiatelier",
            )
        )
        tx.save(
            Employee(
                first_name="Sarah",
                last_name="Mertens",
                organisation_id=groenzorg.id,
                function="Medewerker zorgkeuken",
                archived=True,
            )
        )
        first = tx.save(
            Trajectory(
                employee_id=ines.id,
                variant=VariantId.BASIS,
                reflection=Level.MEDIUM,
                intensity=Level.MEDIUM,
                status=TrajectoryStatus.COMPLETED,
                start_date=date(2024, 3, 18),
                completion_date=date(2024, 6, 20),
            )
        )
        tx.save(
            Trajectory(
                employee_id=ines.id,
                variant=VariantId.VARIANT_2,
                reflection=Level.HIGH,
                intensity=Level.LOW,
                status=TrajectoryStatus.ACTIVE,
                start_date=date(2025, 2, 3),
                previous_trajectory_id=first.id,
            )
        )
    return database


def _ines(database: Database) -> str:
    return next(employee.id for employee in database.list(Employee) if employee.first_name == "Inès")


def test_employee_list(fixed_db: Database, snap_compare) -> None:
    assert snap_compare(PopApp(fixed_db, None, ask_coach=False), terminal_size=(80, 24), press=["w"])


def test_employee_list_filtered(fixed_db: Database, snap_compare) -> None:
    assert snap_compare(PopApp(fixed_db, None, ask_coach=False), terminal_size=(80, 24), press=["w", *"atelier"])


def test_employee_page(fixed_db: Database, snap_compare) -> None:
    employee_id = _ines(fixed_db)

    async def open_page(pilot) -> None:
        navigation.open_employee(pilot.app, employee_id)
        await pilot.pause()

    assert snap_compare(PopApp(fixed_db, None, ask_coach=False), terminal_size=(80, 24), run_before=open_page)
