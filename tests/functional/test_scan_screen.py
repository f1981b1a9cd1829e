"""The scan screen: actions added and scored with keys, compared, the agreed ones into the plan."""

from __future__ import annotations

from datetime import date

import pytest
from poptui.screens import navigation
from poptui.screens.scan_screen import ScanScreen
from scenarios import FrozenClock

from poptui.app import PopApp
from poptui.models import Employee, Level, MethodKind, MethodRecordBase, PopDocument, Trajectory, VariantId
from poptui.store import Database


@pytest.fixture
def trajectory(db: Database, clock: FrozenClock) -> Trajectory:
    clock.set(date(2026, 3, 2))
    employee = db.save(Employee(first_name="Dirk", last_name="Willems", organisation_id="org"))
    return db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.HIGH, intensity=Level.MEDIUM)
    )


async def test_score_by_keys_and_choose_into_the_plan(db: Database, trajectory: Trajectory) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, trajectory.employee_id, trajectory.id, MethodKind.SCAN.value)
        await pilot.pause()
        assert isinstance(app.screen, ScanScreen)
        await pilot.press("a", *"Vacatures lezen", "enter")
        await pilot.pause()
        await pilot.press("z", "right", "b", "right", "z", "right", "0")  # employee 10/5, coach 10/10
        await pilot.press("a", *"Cv maken", "enter")
        await pilot.pause()
        await pilot.press("z", "right", "z", "right", "n", "right", "z")  # the coach says 'niet zo'
        await pilot.press("]")
        await pilot.pause()
        assert "Domein 2/7" in str(app.screen.query_one("#scan-domain").render())
        await pilot.press("[", "v")
        await pilot.pause()
        [record] = db.list(MethodRecordBase, employee_id=trajectory.employee_id, kind=MethodKind.SCAN)
        scores = [
            (a.text, a.employee_meaningful, a.employee_feasible, a.coach_meaningful, a.coach_feasible)
            for a in record.actions
        ]
        assert scores == [("Vacatures lezen", 10, 5, 10, 10), ("Cv maken", 10, 10, 1, 10)]
        await pilot.press("k", "p")
        await pilot.pause()
        [pop] = db.list(PopDocument, employee_id=trajectory.employee_id)
        assert [action.what for action in pop.actions] == ["Vacatures lezen"]
        [record] = db.list(MethodRecordBase, employee_id=trajectory.employee_id, kind=MethodKind.SCAN)
        assert [a.chosen for a in record.actions] == [True, False]
        assert record.actions[0].pop_action_id == pop.actions[0].id


async def test_a_domain_can_be_left_out_and_guidance_is_one_key_away(db: Database, trajectory: Trajectory) -> None:
    from poptui.screens.dialogs import MessageDialog

    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, trajectory.employee_id, trajectory.id, MethodKind.SCAN.value)
        await pilot.pause()
        await pilot.press("]", "]", "]", "o")
        await pilot.pause()
        [record] = db.list(MethodRecordBase, employee_id=trajectory.employee_id, kind=MethodKind.SCAN)
        assert record.domains == [1, 2, 3, 5, 6, 7]
        assert "niet van toepassing" in str(app.screen.query_one("#scan-domain").render())
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "Werkwijze" in app.screen.text and "Randvoorwaarden" in app.screen.text
