"""A supervisor consultation (tussentijds overleg) recorded from the trajectory page."""

from __future__ import annotations

from poptui.screens import navigation
from poptui.screens.consultation import SupervisorConsultationForm
from poptui.screens.trajectory_page import TrajectoryScreen
from scenarios import TODAY, Flow
from textual.widgets import OptionList

from poptui.app import PopApp
from poptui.models import ContactMoment, SupervisorConsultation


async def test_record_a_consultation_with_the_supervisor(flow: Flow) -> None:
    database = flow.database
    employee = flow.employees[0]
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SupervisorConsultationForm)
        # date and supervisor are filled in (today, the employee's own): the form opens on "does well"
        await pilot.press(*"Nauwkeurig")
        await pilot.press("tab", *"Traag")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
        listed = app.screen.query_one("#consultations", OptionList)
        assert listed.option_count == 1 and "Marc Peeters" in str(listed.get_option_at_index(0).prompt)

    [consultation] = database.list(SupervisorConsultation, employee_id=employee.id)
    assert consultation.trajectory_id == flow.trajectories[0].id
    assert consultation.date == TODAY and consultation.supervisor_id == flow.supervisor.id
    assert consultation.does_well == "Nauwkeurig"
    assert consultation.does_less_well == "Traag"
    moment_1 = next(m for m in database.list(ContactMoment, employee_id=employee.id) if m.number == 1)
    assert [step.done for step in moment_1.between_steps] == [True]  # the planned step is ticked off


async def test_a_consultation_needs_nothing_but_shows_errors_for_a_wrong_date(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("shift+tab", "shift+tab")  # from "does well" back to the date
        await pilot.press(*["backspace"] * 10, *"32/01/2025", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SupervisorConsultationForm)
        error = app.screen.query_one("#field-date .field-error")
        assert "datum" in str(error.render())
    assert flow.database.list(SupervisorConsultation, employee_id=flow.employees[0].id) == []
