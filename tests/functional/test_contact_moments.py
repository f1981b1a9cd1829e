"""Recording contact moments with the keyboard: held with notes, the collective opstart,
skipping, leaving a changed form, and a draft offered back."""

from __future__ import annotations

from poptui.screens import navigation
from poptui.screens.contact_moment import ContactMomentScreen
from poptui.screens.dialogs import ConfirmDialog, SaveChangesDialog
from poptui.screens.home import HomeScreen
from poptui.screens.trajectory_page import TrajectoryScreen
from poptui.screens.widgets.choice_dialogs import ChecklistDialog, ReasonDialog
from scenarios import TODAY, Flow
from textual.pilot import Pilot
from textual.widgets import TextArea

from poptui.app import PopApp
from poptui.models import ContactMoment, ContactMomentStatus, Trajectory, TrajectoryStatus
from poptui.store import Database


async def tab_to(pilot: Pilot, field: str) -> None:
    """Press Tab until the focus is inside the form field ``field``."""
    for _attempt in range(30):
        focused = pilot.app.focused
        if focused is not None and any(node.id == f"field-{field}" for node in focused.ancestors_with_self):
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached the field {field}")


def moment(database: Database, flow: Flow, employee: int, number: int) -> ContactMoment:
    trajectory = flow.trajectories[employee]
    return next(
        m
        for m in database.list(ContactMoment, employee_id=trajectory.employee_id)
        if m.trajectory_id == trajectory.id and m.number == number
    )


async def test_record_a_held_moment_with_notes_from_the_home_screen(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # no attention items: the trajectories table has the focus
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
        await pilot.press("down", "enter")  # contact moment 1
        await pilot.pause()
        assert isinstance(app.screen, ContactMomentScreen)
        await tab_to(pilot, "start_time")
        await pilot.press(*"9u30")
        await tab_to(pilot, "notes")
        await pilot.press(*"Werkt graag")
        await tab_to(pilot, "homework_given")
        await pilot.press(*"HAND")
        await tab_to(pilot, "next_date")
        await pilot.press(*"17/03/2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)

    held = moment(database, flow, 0, 1)
    assert held.status is ContactMomentStatus.HELD
    assert held.date == TODAY
    assert held.start_time is not None and held.start_time.strftime("%H:%M") == "09:30"
    assert held.notes == "Werkt graag"
    assert held.homework_given == "HAND"
    assert held.attendees == ["Inès Van den Broeck", "An De Smet"]
    assert moment(database, flow, 0, 2).date.isoformat() == "2025-03-17"  # the next appointment
    trajectory = database.get(Trajectory, flow.trajectories[0].id, employee_id=flow.employees[0].id)
    assert trajectory.status is TrajectoryStatus.ACTIVE and trajectory.start_date == TODAY


async def test_wrong_time_is_explained_next_to_the_field_and_nothing_is_stored(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    target = moment(database, flow, 0, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await tab_to(pilot, "start_time")
        await pilot.press(*"halftien")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactMomentScreen)
        error = app.screen.query_one("#field-start_time .field-error")
        assert "uu:mm" in str(error.render())
    assert moment(database, flow, 0, 1).status is ContactMomentStatus.PLANNED


async def test_collective_opstart_for_three_employees(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    opstart = moment(database, flow, 0, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, opstart.employee_id, opstart.id)
        await pilot.pause()
        await pilot.press(*"Info")  # the form opens in the notes
        await pilot.press("f5")  # collective: a function key, so it works while typing
        await pilot.pause()
        assert isinstance(app.screen, ChecklistDialog)
        await pilot.press("space", "down", "space", "ctrl+s")  # Kevin and Dirk
        await pilot.pause()
        assert not isinstance(app.screen, (ChecklistDialog, ContactMomentScreen))

    moments = [moment(database, flow, index, 0) for index in range(3)]
    assert all(m.status is ContactMomentStatus.HELD and m.collective for m in moments)
    assert all(m.date == TODAY and m.notes == "Info" for m in moments)
    group_ids = {m.collective_group_id for m in moments}
    assert len(group_ids) == 1 and None not in group_ids
    assert set(moments[1].attendees) >= {"Inès Van den Broeck", "Kevin Vermeulen", "Dirk Willems"}
    for trajectory in flow.trajectories:
        stored = database.get(Trajectory, trajectory.id, employee_id=trajectory.employee_id)
        assert stored.status is TrajectoryStatus.ACTIVE


async def test_skip_a_moment_with_a_reason(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    target = moment(database, flow, 1, 2)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")  # empty: refused
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"Ziek", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ContactMomentScreen)
    skipped = moment(database, flow, 1, 2)
    assert skipped.status is ContactMomentStatus.SKIPPED
    assert skipped.skip_reason == "Ziek"


async def test_leaving_a_changed_form_asks_to_save(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    target = moment(database, flow, 0, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await tab_to(pilot, "notes")
        await pilot.press(*"Fijn")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesDialog)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert isinstance(app.screen, ContactMomentScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*"nog")  # typing on: letters never answer the question
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesDialog)
        await pilot.press("enter")  # save (the focused button)
        await pilot.pause()
        assert not isinstance(app.screen, ContactMomentScreen)
    assert moment(database, flow, 0, 1).notes == "Fijn"


async def test_a_draft_is_offered_back_after_a_hang_up(flow: Flow) -> None:
    database = flow.database
    target = moment(database, flow, 0, 1)
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await tab_to(pilot, "notes")
        await pilot.press(*"Vergeten")
        app.save_drafts()  # what a hang-up does
    assert moment(database, flow, 0, 1).notes == ""

    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")  # over a form letters are text: J does not answer
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # yes: the focused button
        await pilot.pause()
        assert app.screen.query_one("#field-notes TextArea", TextArea).text == "Vergeten"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert moment(database, flow, 0, 1).notes == "Vergeten"
