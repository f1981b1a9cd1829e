"""The trajectory page: status changes by key, completion refused without a held moment,
stopping with a reason, adding a contact moment."""

from __future__ import annotations

from poptui.screens import navigation
from poptui.screens.dialogs import ChooseDialog, ConfirmDialog, MessageDialog
from poptui.screens.trajectory_page import TrajectoryScreen
from poptui.screens.widgets.choice_dialogs import ReasonDialog
from scenarios import TODAY, Flow
from textual.widgets import DataTable, Static

from poptui.app import PopApp
from poptui.models import ContactMoment, ContactMomentStatus, Phase, Trajectory, TrajectoryStatus
from poptui.services.contact_moments import record_moment


def stored(flow: Flow, index: int = 0) -> Trajectory:
    trajectory = flow.trajectories[index]
    return flow.database.get(Trajectory, trajectory.id, employee_id=trajectory.employee_id)


async def choose_status(pilot, label_start: str) -> None:
    await pilot.press("s")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, ChooseDialog)
    index = next(i for i, (text, _value) in enumerate(dialog.choices) if text.startswith(label_start))
    await pilot.press(*["down"] * index, "enter")
    await pilot.pause()


async def test_complete_is_refused_without_a_held_moment_then_start_pause_resume(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
        await choose_status(pilot, "Rond")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "zonder gehouden contactmoment" in app.screen.text
        await pilot.press("escape")
        assert stored(flow).status is TrajectoryStatus.PLANNED

        await choose_status(pilot, "Start")
        assert stored(flow).status is TrajectoryStatus.ACTIVE and stored(flow).start_date == TODAY
        await choose_status(pilot, "Pauzeer")
        assert stored(flow).status is TrajectoryStatus.PAUSED
        info = str(app.screen.query_one("#trajectory-info", Static).render())
        assert "GEPAUZEERD" in info
        await choose_status(pilot, "Hervat")
        assert stored(flow).status is TrajectoryStatus.ACTIVE


async def test_complete_after_a_held_moment_and_the_cycle_moves_on(flow: Flow) -> None:
    database = flow.database
    first = flow.moments[0][0]
    record_moment(
        database, first, {"status": "gehouden", "date": "03/03/2025", "duration_minutes": "90", "phase": "opstart"}
    )
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await pilot.pause()
        cycle = str(app.screen.query_one("#cycle", Static).render())
        assert "✓ Opstart" in cycle and "▶ Analyse" in cycle
        await choose_status(pilot, "Rond")
        await pilot.press("j")
        await pilot.pause()
    trajectory = stored(flow)
    assert trajectory.status is TrajectoryStatus.COMPLETED and trajectory.completion_date == TODAY
    assert trajectory.start_date.isoformat() == "2025-03-03"


async def test_stop_with_a_reason(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[1].id)
        await pilot.pause()
        await choose_status(pilot, "Stop")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"Uit dienst", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
        await pilot.press("s")  # a stopped trajectory has no more status changes
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
    trajectory = stored(flow, 1)
    assert trajectory.status is TrajectoryStatus.STOPPED and trajectory.stop_reason == "Uit dienst"


async def test_add_an_extra_contact_moment_after_the_selected_one(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[2].id)
        await pilot.pause()
        await pilot.press("down", "down", "n")  # after contact moment 2
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("down", "enter")  # analyse
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        assert table.row_count == 6 and table.cursor_row == 3
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ContactMomentScreen"
    employee_id = flow.employees[2].id
    moments = sorted(database.list(ContactMoment, employee_id=employee_id), key=lambda moment: moment.number)
    assert [moment.number for moment in moments] == [0, 1, 2, 3, 4, 5]
    assert moments[3].phase is Phase.ANALYSE and moments[3].methods == []
    assert all(moment.status is ContactMomentStatus.PLANNED for moment in moments)


async def test_a_skipped_moment_is_planned_again_with_h(flow: Flow) -> None:
    from poptui.services.contact_moments import skip_moment

    trajectory = flow.trajectories[0]
    moments = sorted(
        flow.database.list(ContactMoment, employee_id=trajectory.employee_id, trajectory_id=trajectory.id),
        key=lambda moment: moment.number,
    )
    skip_moment(flow.database, moments[1], "Ziek")
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, trajectory.id)
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("h")  # not skipped: nothing changes
        await pilot.pause()
        table.move_cursor(row=1)
        await pilot.press("h")
        await pilot.pause()
    again = flow.database.get(ContactMoment, moments[1].id, employee_id=trajectory.employee_id)
    assert again.status is ContactMomentStatus.PLANNED and again.skip_reason == ""
    first = flow.database.get(ContactMoment, moments[0].id, employee_id=trajectory.employee_id)
    assert first.status is moments[0].status
