"""Snapshot of the action plan at 80x24, with fixed dates and a fixed today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from poptui.app import PopApp
from poptui.models import (
    CompetenceKind,
    Employee,
    Level,
    PopAction,
    PopDocument,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.store import Database

TODAY = date(2026, 3, 2)


def _app(path: Path) -> tuple[PopApp, str]:
    database = Database.create(path, actor="snapshot")
    employee = database.save(Employee(id="e1", first_name="Inès", last_name="Van den Broeck", organisation_id="o1"))
    trajectory = database.save(
        Trajectory(
            id="t1",
            employee_id=employee.id,
            variant=VariantId.BASIS,
            reflection=Level.MEDIUM,
            intensity=Level.MEDIUM,
            status=TrajectoryStatus.ACTIVE,
            start_date=date(2026, 1, 5),
        )
    )
    database.save(
        PopDocument(
            id="p1",
            employee_id=employee.id,
            trajectory_id=trajectory.id,
            goal="Doorgroeien naar het magazijn",
            actions=[
                PopAction(
                    id="a1",
                    what="In het teamoverleg één voorstel doen",
                    who_helps="Karim",
                    deadline=date(2026, 5, 1),
                    result="Drie voorstellen in drie overleggen",
                    kind=CompetenceKind.GENERIC,
                ),
                PopAction(
                    id="a2",
                    what="Heftruckattest halen",
                    who_helps="",
                    deadline=None,
                    result="Attest behaald",
                    kind=CompetenceKind.TECHNICAL,
                ),
                PopAction(
                    id="a3",
                    what="Informatie opvragen over opleidingen",
                    who_helps="VDAB",
                    deadline=date(2026, 2, 1),
                    result="",
                    kind=CompetenceKind.OTHER,
                ),
            ],
        )
    )
    return PopApp(database, None, ask_coach=False), trajectory.id


def test_action_plan_at_80x24(snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("poptui.clock.today", lambda: TODAY)
    app, trajectory_id = _app(tmp_path / "db")

    async def open_plan(pilot) -> None:
        from poptui.screens import navigation

        navigation.open_pop(pilot.app, trajectory_id)
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_plan)
