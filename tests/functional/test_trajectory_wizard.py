"""The new-trajectory wizard: the proposed variant for every row of §4.5.1, an off-table
combination with its explanation, editing the plan, and the started trajectory in the store."""

from __future__ import annotations

from datetime import date

import pytest
from poptui.screens import navigation
from poptui.screens.dialogs import ChooseDialog, ConfirmDialog
from poptui.screens.trajectory_page import TrajectoryScreen
from poptui.screens.trajectory_plan import PlanScreen
from poptui.screens.trajectory_wizard import NewTrajectoryScreen
from poptui.screens.widgets.choice_dialogs import ChecklistDialog
from scenarios import Flow
from textual.widgets import Select, Static

from poptui.app import PopApp
from poptui.catalog import load_catalog
from poptui.models import ContactMoment, MethodKind, Phase, Trajectory, TrajectoryStatus, VariantId

# Sara's reflection ability is "gemiddeld"; intensity starts at "gemiddeld". Up = laag, down = hoog.
ROWS = [
    ((), (), VariantId.BASIS),
    (("up",), ("up",), VariantId.VARIANT_1),
    (("down",), ("up",), VariantId.VARIANT_2),
    (("down",), ("down",), VariantId.VARIANT_3),
    (("up",), ("down",), VariantId.VARIANT_4),
]


@pytest.mark.parametrize(("reflection_keys", "intensity_keys", "variant"), ROWS)
async def test_the_variant_of_each_row_of_the_table_is_proposed(
    flow: Flow, reflection_keys: tuple[str, ...], intensity_keys: tuple[str, ...], variant: VariantId
) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.new_trajectory(app, flow.employees[3].id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewTrajectoryScreen)
        await pilot.press(*reflection_keys, "tab", *intensity_keys)
        await pilot.pause()
        proposal = screen.proposal()
        assert proposal.variant is variant and proposal.exact
        assert screen.query_one("#variant", Select).value is variant
        shown = str(screen.query_one("#proposal", Static).render())
        assert load_catalog().variants[variant].name in shown


async def test_an_off_table_combination_is_explained(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.new_trajectory(app, flow.employees[3].id)
        await pilot.pause()
        screen = app.screen
        await pilot.press("up")  # reflection laag, intensity stays gemiddeld: no standard variant
        await pilot.pause()
        assert screen.proposal().variant is VariantId.VARIANT_4 and not screen.proposal().exact
        shown = str(screen.query_one("#proposal", Static).render())
        assert "geen standaardvariant" in shown and "Variant 4" in shown
        help_text = str(screen.query_one("#reflection-help", Static).render())
        assert help_text == load_catalog().levels.reflection_levels["laag"]


async def test_edit_the_plan_and_start_from_the_home_screen(flow: Flow) -> None:
    database = flow.database
    sara = flow.employees[3]
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)  # only Sara has no running trajectory
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewTrajectoryScreen)
        await pilot.press("v")
        await pilot.pause()
        plan_screen = app.screen
        assert isinstance(plan_screen, PlanScreen)
        assert [moment.number for moment in plan_screen.plan] == [0, 1, 2, 3, 4]

        await pilot.press("a")  # after the opstart
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("down", "enter")  # analyse
        await pilot.pause()
        assert [moment.phase for moment in plan_screen.plan][:2] == [Phase.OPSTART, Phase.ANALYSE]
        assert plan_screen.selected_index() == 1

        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistDialog)
        await pilot.press("space", "ctrl+s")  # tick the first method that suits the analysis
        await pilot.pause()
        chosen = plan_screen.plan[1].methods
        assert len(chosen) == 1 and Phase.ANALYSE in load_catalog().methods[chosen[0]].phases

        await pilot.press(*["down"] * 10)  # the last row: contact moment 5, the action plan
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert len(plan_screen.plan) == 5

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)

    trajectories = database.list(Trajectory, employee_id=sara.id)
    assert len(trajectories) == 1
    trajectory = trajectories[0]
    assert trajectory.variant is VariantId.BASIS and trajectory.status is TrajectoryStatus.PLANNED
    assert trajectory.coach_id == flow.coach.id
    moments = sorted(database.list(ContactMoment, employee_id=sara.id), key=lambda moment: moment.number)
    assert [moment.number for moment in moments] == [0, 1, 2, 3, 4]
    assert [moment.phase for moment in moments] == [
        Phase.OPSTART,
        Phase.ANALYSE,
        Phase.ANALYSE,
        Phase.ANALYSE,
        Phase.PLANNING,
    ]
    assert moments[1].methods == chosen
    assert moments[2].methods[:1] == [MethodKind.AI_DROOMFASE]  # the catalog's first analysis moment
    assert all(moment.status.value == "gepland" for moment in moments)


async def test_a_start_date_makes_the_trajectory_active(flow: Flow) -> None:
    database = flow.database
    sara = flow.employees[3]
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.new_trajectory(app, sara.id)
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("tab", *"31/02/2025", "ctrl+s")  # no such date
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "datum" in str(app.screen.query_one("#start-error", Static).render())
        await pilot.press(*["backspace"] * 10, *"03/03/2025", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
    trajectory = database.list(Trajectory, employee_id=sara.id)[0]
    assert trajectory.status is TrajectoryStatus.ACTIVE and trajectory.start_date.isoformat() == "2025-03-03"


async def test_a_follow_up_starts_from_the_previous_trajectory(flow: Flow) -> None:
    from poptui.services import trajectory_status
    from poptui.services.contact_moments import record_moment

    database = flow.database
    inès = flow.employees[0]
    record_moment(database, flow.moments[0][0], {"phase": "opstart", "date": "03/02/2025"})
    previous = database.get(Trajectory, flow.trajectories[0].id, employee_id=inès.id)
    previous = trajectory_status.complete(database, previous, date(2025, 3, 1))
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChooseDialog)
        index = next(i for i, (text, _value) in enumerate(dialog.choices) if "vervolg" in str(text))
        await pilot.press(*["down"] * index, "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewTrajectoryScreen)
        assert "Vervolg op het POP-traject" in str(app.screen.query_one("#wizard-intro", Static).render())
        await pilot.press("v", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
    follow_up = next(t for t in database.list(Trajectory, employee_id=inès.id) if t.id != previous.id)
    assert follow_up.previous_trajectory_id == previous.id
    opstart = next(
        m
        for m in database.list(ContactMoment, employee_id=inès.id)
        if m.trajectory_id == follow_up.id and m.number == 0
    )
    assert opstart.goals[0] == "Evaluatie van de acties van het vorige POP"
