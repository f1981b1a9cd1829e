"""Shared by the tests of the guided method screens: a flow whose first employee gave consent
and whose first contact moment 1 has a date, and helpers to open a method and read it back."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from poptui.screens import navigation
from poptui.screens.method_screen import MethodScreen
from poptui.screens.widgets.answers import AnswerArea
from scenarios import TODAY, Flow, build_flow

from poptui.app import PopApp
from poptui.models import ConsentEvent, ConsentKind, MethodKind, MethodRecordBase
from poptui.services.consent import current_text
from poptui.store import Database


def method_flow(db: Database, monkeypatch: pytest.MonkeyPatch) -> Flow:
    monkeypatch.setattr("poptui.clock.today", lambda: TODAY)
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    built = build_flow(db, with_trajectories=2)
    db.save(
        ConsentEvent(
            employee_id=built.employees[0].id,
            kind=ConsentKind.GIVEN,
            date=date(2025, 2, 1),
            recorded_by="tester",
            consent_text_version=current_text().version,
        )
    )
    moment = built.moments[0][1]
    built.moments[0][1] = db.save(moment.model_copy(update={"date": date(2025, 3, 3)}))
    return built


def stored(flow: Flow, kind: MethodKind, index: int = 0) -> Any:
    """The one stored record of ``kind`` of the flow's employee ``index``."""
    found = flow.database.list(MethodRecordBase, employee_id=flow.employees[index].id, kind=kind)
    assert len(found) == 1, found
    return found[0]


async def open_method(app: PopApp, pilot: Any, flow: Flow, kind: MethodKind, index: int = 0) -> MethodScreen:
    """Open the method on contact moment 1 of the employee's trajectory."""
    trajectory, moment = flow.trajectories[index], flow.moments[index][1]
    navigation.open_method(app, trajectory.employee_id, trajectory.id, kind, moment.id)
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, MethodScreen)
    return app.screen


def area_texts(screen: MethodScreen) -> dict[str, str]:
    """Answer key -> the text in its box."""
    return {area.key: area.text for area in screen.query(AnswerArea)}
