"""The follow-up POP: the previous POP's actions evaluated with keys, the chosen carried over."""

from __future__ import annotations

from datetime import date

import pytest
from poptui.screens import navigation
from poptui.screens.follow_up import FollowUpScreen
from poptui.screens.pop_document import PopScreen
from scenarios import FrozenClock

from poptui.app import PopApp
from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
    Employee,
    Level,
    PopAction,
    PopDocument,
    PopStatus,
    ProgressUpdate,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.store import Database


@pytest.fixture
def trajectories(db: Database, clock: FrozenClock) -> tuple[Trajectory, Trajectory, list[PopAction]]:
    clock.set(date(2026, 3, 2))
    employee = db.save(Employee(first_name="Patrick", last_name="Goossens", organisation_id="org"))
    first = db.save(
        Trajectory(
            employee_id=employee.id,
            variant=VariantId.VARIANT_3,
            reflection=Level.HIGH,
            intensity=Level.HIGH,
            status=TrajectoryStatus.COMPLETED,
            start_date=date(2025, 1, 6),
            completion_date=date(2025, 3, 1),
        )
    )
    actions = [
        PopAction(
            what="Cursus snoeien",
            kind=CompetenceKind.TECHNICAL,
            progress=[ProgressUpdate(date=date(2025, 6, 1), progress=5, note="Attest")],
        ),
        PopAction(what="Collega's inwerken", kind=CompetenceKind.GENERIC),
    ]
    db.save(
        PopDocument(
            employee_id=employee.id,
            trajectory_id=first.id,
            status=PopStatus.FINAL,
            finalised_on=date(2025, 3, 1),
            actions=actions,
        )
    )
    second = db.save(
        Trajectory(
            employee_id=employee.id,
            variant=VariantId.VARIANT_2,
            reflection=Level.HIGH,
            intensity=Level.LOW,
            previous_trajectory_id=first.id,
        )
    )
    return first, second, actions


async def test_evaluate_and_carry_over(db: Database, trajectories) -> None:
    _first, second, actions = trajectories
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_pop(app, second.id)
        await pilot.pause()
        assert "start met de evaluatie" in str(app.screen.query_one("#follow-up-line").render())
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        table = app.screen.query_one("#evaluations")
        assert str(table.get_row_at(0)[1]) == "■■■■■ 5" and str(table.get_row_at(0)[2]) == "nee"
        assert str(table.get_row_at(1)[1]) == "□□□□□ 0" and str(table.get_row_at(1)[2]) == "ja"
        await pilot.press("down", "2", "r", "ctrl+a", *"Pas in maart gestart", "enter")
        await pilot.pause()
        assert str(table.get_row_at(1)[1]) == "■■□□□ 2"
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = {e.action_id: e for e in db.list(ActionEvaluation, employee_id=second.employee_id)}
        assert (stored[actions[1].id].progress, stored[actions[1].id].carry_over) == (2, True)
        assert stored[actions[1].id].remark.endswith("Pas in maart gestart")
        assert (stored[actions[0].id].progress, stored[actions[0].id].carry_over) == (5, False)
        [pop] = db.list(PopDocument, employee_id=second.employee_id, trajectory_id=second.id)
        assert [(a.what, a.origin_action_id) for a in pop.actions] == [("Collega's inwerken", actions[1].id)]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PopScreen)
        assert "1 opnieuw opgenomen" in str(app.screen.query_one("#follow-up-line").render())
