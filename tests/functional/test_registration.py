"""The registration screens with real keys: what is missing and where it is fixed, the Mijn Loopbaan
mark from the POP screen and from the print dialog, a future held moment refused, the step explanations."""

from __future__ import annotations

from datetime import date

import pytest
from poptui.screens import navigation
from poptui.screens.compliance import ComplianceScreen
from poptui.screens.contact_moment import ContactMomentScreen
from poptui.screens.employee_page import EmployeeScreen
from poptui.screens.home import HomeScreen
from poptui.screens.pop_document import PopScreen
from poptui.screens.print_dialog import PrintResultDialog
from poptui.screens.startup_analysis import StartupAnalysisScreen
from poptui.screens.upload_dialog import UploadDialog
from scenarios import TODAY, Flow
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from poptui.app import PopApp
from poptui.models import (
    CompetenceKind,
    ContactMoment,
    ContactMomentStatus,
    PopAction,
    PopDocument,
    PopStatus,
    TrajectoryStatus,
)
from poptui.services import forms
from poptui.store import Database

FINAL_DAY = date(2025, 3, 3)


@pytest.fixture
def flow(flow: Flow, monkeypatch: pytest.MonkeyPatch) -> Flow:
    """The main-flow organisation; Inès has a completed trajectory with a final POP, not uploaded."""
    monkeypatch.setattr(forms, "printer_available", lambda: False)
    db = flow.database
    trajectory = flow.trajectories[0]
    for moment in flow.moments[0][:2]:
        db.save(
            moment.model_copy(update={"status": ContactMomentStatus.HELD, "date": date(2025, 2, 3 + moment.number)})
        )
    completed = db.save(
        trajectory.model_copy(
            update={"status": TrajectoryStatus.COMPLETED, "start_date": date(2025, 2, 3), "completion_date": FINAL_DAY}
        )
    )
    flow.trajectories[0] = completed
    db.save(
        PopDocument(
            employee_id=completed.employee_id,
            trajectory_id=completed.id,
            status=PopStatus.FINAL,
            finalised_on=FINAL_DAY,
            actions=[
                PopAction(what="Zelf de werkpost klaarzetten", kind=CompetenceKind.GENERIC),
                PopAction(what="De kantenlijmmachine leren", kind=CompetenceKind.TECHNICAL),
            ],
        )
    )
    return flow


def _pop(database: Database, trajectory_id: str) -> PopDocument:
    return next(pop for pop in database.list(PopDocument) if pop.trajectory_id == trajectory_id)


async def settle(app: PopApp, pilot: Pilot) -> None:
    """Let the screen appear and its overview (worked out in a thread) fill the table."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _rows(screen: ComplianceScreen) -> list[tuple[str, str]]:
    return [(line.employee, line.problem.value) for line in screen.lines]


async def _open_line(pilot: Pilot, screen: ComplianceScreen, employee: str, problem: str) -> None:
    """Move the cursor to the line with the arrows and press Enter."""
    index = _rows(screen).index((employee, problem))
    table = screen.query_one("#compliance", DataTable)
    while table.cursor_row < index:
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def test_b_on_the_home_screen_lists_what_is_missing_and_enter_leads_to_the_fix(flow: Flow) -> None:
    database = flow.database
    inès = flow.employees[0].full_name
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("b")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ComplianceScreen)
        assert (inès, "upload_missing") in _rows(screen)

        await _open_line(pilot, screen, inès, "upload_missing")
        assert isinstance(app.screen, PopScreen)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, UploadDialog)
        assert app.focused is dialog.query_one("#upload-date", Input)
        steps = str(dialog.query_one("#upload-step-list").render())
        assert "Mijn documenten" in steps and "_POP_VANDENBROECK_INES" in steps
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PopScreen)
        assert "Opgeladen in Mijn Loopbaan op 10/03/2025 door An De Smet" in str(
            app.screen.query_one("#pop-state").render()
        )
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ComplianceScreen)
        assert (inès, "upload_missing") not in _rows(app.screen)  # refreshed on return
    stored = _pop(database, flow.trajectories[0].id)
    assert stored.uploaded_on == TODAY and stored.uploaded_by == "An De Smet"


async def test_a_missing_start_and_an_overdue_moment_lead_to_employee_and_moment(flow: Flow) -> None:
    database = flow.database
    sara = flow.employees[3]  # no trajectory at all
    database.save(sara.model_copy(update={"start_date": date(2025, 1, 2)}))
    late = flow.moments[1][0]
    database.save(late.model_copy(update={"date": date(2025, 3, 3)}))
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_compliance(app)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ComplianceScreen)
        await _open_line(pilot, screen, sara.full_name, "no_pop_started")
        assert isinstance(app.screen, EmployeeScreen) and app.screen.employee_id == sara.id
        await pilot.press("escape")
        await settle(app, pilot)
        await _open_line(pilot, app.screen, flow.employees[1].full_name, "contact_moment_overdue")
        assert isinstance(app.screen, ContactMomentScreen) and app.screen.moment_id == late.id


async def test_the_palette_finds_the_overview(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ontbreekt")
        for _attempt in range(50):  # the palette searches in the background: wait for the hit
            await pilot.pause(0.05)
            if app.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComplianceScreen)


async def test_m_in_the_print_dialog_of_a_final_pop_opens_the_upload_steps(flow: Flow) -> None:
    database = flow.database
    trajectory_id = flow.trajectories[0].id
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, trajectory_id)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PrintResultDialog) and dialog.path is not None
        assert "M toont hoe je het POP oplaadt" in str(dialog.query_one("#print-hint").render())
        await pilot.press("m")
        await pilot.pause()
        upload = app.screen
        assert isinstance(upload, UploadDialog)
        await pilot.press("ctrl+u", *"01/03/2025", "enter")  # before the POP was final: refused
        await pilot.pause()
        assert isinstance(app.screen, UploadDialog)
        assert "pas definitief op 03/03/2025" in str(upload.query_one("#upload-problem").render())
        await pilot.press("ctrl+u", *"04/03/2025", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog)
    assert _pop(database, trajectory_id).uploaded_on == date(2025, 3, 4)


async def test_a_held_moment_in_the_future_is_refused_next_to_the_date(flow: Flow) -> None:
    from test_contact_moments import tab_to

    database = flow.database
    target = next(m for m in flow.moments[1] if m.number == 1)
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await tab_to(pilot, "date")
        await pilot.press("ctrl+u", *"11/03/2025")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactMomentScreen)
        error = str(app.screen.query_one("#field-date .field-error").render())
        assert "11/03/2025 is na vandaag (10/03/2025)" in error
    stored = database.get(ContactMoment, target.id, employee_id=target.employee_id)
    assert stored.status is ContactMomentStatus.PLANNED


async def test_the_startup_analysis_shows_each_step_explanation(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_startup_analysis(app, flow.organisation.id)
        await pilot.pause()
        assert isinstance(app.screen, StartupAnalysisScreen)
        texts = " ".join(str(widget.render()) for widget in app.screen.query(".startup-explanation"))
        assert "Wat als je een medewerker opleidt en die vertrekt" in texts
        assert "Wat als je een medewerker niet opleidt en die blijft" in texts
        assert "projectgroep" in texts  # the explanation of 3.3.1


async def test_a_draft_pop_cannot_be_marked_and_a_mark_can_be_taken_away(flow: Flow) -> None:
    database = flow.database
    trajectory_id = flow.trajectories[0].id
    stored = _pop(database, trajectory_id)
    database.save(stored.model_copy(update={"uploaded_on": date(2025, 3, 4), "uploaded_by": "An De Smet"}))
    draft_trajectory = flow.trajectories[1].id
    database.save(PopDocument(employee_id=flow.employees[1].id, trajectory_id=draft_trajectory))
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_pop(app, draft_trajectory)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, UploadDialog)
        assert "nog niet definitief" in str(dialog.query_one("#upload-state").render())
        assert not dialog.query_one("#mark").display and not dialog.query_one("#upload-date-row").display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Alleen een definitief POP" in str(dialog.query_one("#upload-problem").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PopScreen)
        await pilot.press("escape")
        await pilot.pause()

        navigation.open_pop(app, trajectory_id)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, UploadDialog)
        assert "Opgeladen in Mijn Loopbaan op 04/03/2025 door An De Smet" in str(
            dialog.query_one("#upload-state").render()
        )
        for _attempt in range(6):  # Tab from the date to the button that takes the mark away
            if app.focused is dialog.query_one("#clear"):
                break
            await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert "Nog niet opgeladen" in str(dialog.query_one("#upload-state").render())
    assert _pop(database, trajectory_id).uploaded_on is None
    assert _pop(database, draft_trajectory).uploaded_on is None
