"""Snapshots at 80x24 of the competence measurement (ratings side by side, a difference to talk
about, a rating from the consultation, a pitfall warning) and of the organisation's dictionary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from poptui.app import PopApp
from poptui.models import (
    CompetentiemetingRecord,
    ConsultationRating,
    Employee,
    Level,
    MethodKind,
    Organisation,
    SupervisorConsultation,
    Trajectory,
    VariantId,
)
from poptui.services import competence_measurement as measurement
from poptui.services import competences
from poptui.store import Database

TODAY = date(2026, 3, 2)
SIZE = (80, 24)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setattr("poptui.clock.today", lambda: TODAY)
    db = Database.create(tmp_path / "snapdb", actor="snapshot")
    organisation = db.save(Organisation(id="o1", name="De Werkplaats"))
    competences.save_profile(
        db,
        organisation.id,
        "Heftruckchauffeur",
        {"samenwerken": 3, "instructies_begrijpen": 3, "machines_bedienen": 4, "kwaliteit_bewaken": 3, "doorzetten": 3},
    )
    employee = db.save(
        Employee(
            id="e1", first_name="Mohamed", last_name="El Amrani", organisation_id="o1", function="Heftruckchauffeur"
        )
    )
    db.save(
        Trajectory(
            id="t1", employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.HIGH, intensity=Level.MEDIUM
        )
    )
    db.save(
        SupervisorConsultation(
            id="c1",
            employee_id=employee.id,
            trajectory_id="t1",
            date=date(2026, 2, 20),
            competence_ratings=[
                ConsultationRating(competence_id="machines_bedienen", name="Machines bedienen", rating=2)
            ],
        )
    )
    record = measurement.prepared(
        db, CompetentiemetingRecord(id="m1", employee_id=employee.id, trajectory_id="t1", date=TODAY), employee
    )
    ratings = {
        "samenwerken": (3, 3, 3, 4),
        "instructies_begrijpen": (4, 3, None, 4),
        "machines_bedienen": (4, 3, None, 4),
        "kwaliteit_bewaken": (2, 3, 3, 3),
        "doorzetten": (3, 3, 2, 3),
    }
    for key, (self_rating, coach, supervisor, desired) in ratings.items():
        for field, value in (
            ("self_rating", self_rating),
            ("coach", coach),
            ("supervisor", supervisor),
            ("desired", desired),
        ):
            record = measurement.rate(record, key, field, value)  # type: ignore[arg-type]
    record = measurement.set_remark(record, "machines_bedienen", "Wil de heftruck [b]zelf[/b] besturen")
    db.save(record)
    return db


def test_competence_measurement_at_80x24(snap_compare, database: Database) -> None:
    app = PopApp(database, None, ask_coach=False)

    async def open_measurement(pilot) -> None:
        from poptui.screens import navigation

        navigation.open_method(pilot.app, "e1", "t1", MethodKind.COMPETENTIEMETING.value, record_id="m1")
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_measurement)


def test_competence_dictionary_at_80x24(snap_compare, database: Database) -> None:
    app = PopApp(database, None, ask_coach=False)

    async def open_dictionary(pilot) -> None:
        from poptui.screens import navigation

        navigation.open_competence_dictionary(pilot.app, "o1")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_dictionary)
