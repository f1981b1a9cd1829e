"""The keys every method screen shares: F4 a conclusion for the POP summary with its part,
F5 the filled record on A4, F6 the date; and the dossier's i prints a filled record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from poptui.screens import navigation
from poptui.screens.action_form import PopItemForm
from poptui.screens.decision_matrix import DecisionMatrixScreen
from poptui.screens.dialogs import ChooseDialog, MessageDialog
from poptui.screens.print_dialog import PrintResultDialog
from poptui.screens.widgets.conclusion_dialog import ConclusionDialog
from pypdf import PdfReader
from scenarios import TODAY, Flow, build_flow
from textual.widgets import Select

from poptui.app import PopApp
from poptui.models import Conclusion, HandRecord, MethodKind, MethodRecordBase, SummaryPart
from poptui.store import Database


@pytest.fixture
def flow(db: Database) -> Flow:
    """One trajectory is enough here (the shared conftest's flow has three)."""
    return build_flow(db, with_trajectories=1)


def _records(flow: Flow) -> list[MethodRecordBase]:
    return flow.database.list(MethodRecordBase, employee_id=flow.employees[0].id, kind=MethodKind.BESLISSINGSMATRIX)


async def _open_matrix(app: PopApp, pilot, flow: Flow) -> None:
    trajectory, moment = flow.trajectories[0], flow.moments[0][3]
    if moment.date is None:
        flow.moments[0][3] = moment = flow.database.save(moment.model_copy(update={"date": date(2025, 3, 4)}))
    navigation.open_method(app, trajectory.employee_id, trajectory.id, MethodKind.BESLISSINGSMATRIX, moment.id)
    await pilot.pause()
    assert isinstance(app.screen, DecisionMatrixScreen)


async def test_f4_stores_a_conclusion_with_its_part_and_the_pop_offers_it_there(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_matrix(app, pilot, flow)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ConclusionDialog)
        await pilot.press(*"Wil naar de logistiek", "tab", "left", "enter")  # Enter on the part saves too
        await pilot.pause()
        assert not isinstance(app.screen, ConclusionDialog)
        [record] = _records(flow)
        assert record.conclusions == [Conclusion(text="Wil naar de logistiek", part=SummaryPart.WAT_WIL_IK)]
        assert record.date == date(2025, 3, 4)  # dated on its contact moment
        # F4 again: the list shows it, Delete removes it, a new one is added in the same dialog.
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("shift+tab", "delete")
        await pilot.pause()
        await pilot.press(*"Kan goed plannen", "enter")  # the emptied list gave the focus back to the text
        await pilot.pause()
        [record] = _records(flow)
        assert record.conclusions == [Conclusion(text="Kan goed plannen", part=SummaryPart.WAT_KAN_IK)]
        await pilot.press("escape")
        await pilot.pause()
        navigation.open_pop(app, flow.trajectories[0].id)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("tab")  # from the summary to the conclusions of the methods
        assert app.screen.focused is app.screen.query_one("#candidates")
        await pilot.press("enter")  # Enter reads the conclusion whole
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        await pilot.press("escape", "n")  # n takes it over into the summary
        await pilot.pause()
        assert isinstance(app.screen, PopItemForm)
        assert app.screen.query_one("#field-part").query_one(Select).value == "wat_kan_ik"


async def test_the_part_the_arrows_mark_is_the_part_saved(flow: Flow) -> None:
    """The arrows choose the part (not only highlight it): Ctrl+S saves what the coach sees marked."""
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_matrix(app, pilot, flow)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"Leren plannen", "tab", "right", "ctrl+s")  # from Wat kan ik to Ontwikkelpunten
        await pilot.pause()
        [record] = _records(flow)
        assert record.conclusions == [Conclusion(text="Leren plannen", part=SummaryPart.ONTWIKKELPUNTEN)]


async def test_f5_prints_the_filled_record_and_f6_changes_its_date(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_matrix(app, pilot, flow)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press(*["backspace"] * 10, *"31/02/2025", "enter")  # no such day: refused
        await pilot.pause()
        assert _records(flow) == []
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press(*["backspace"] * 10, *"14/03/2025", "enter")
        await pilot.pause()
        [record] = _records(flow)
        assert record.date is not None and record.date.isoformat() == "2025-03-14"
        assert "14/03/2025" in app.screen.sub_title
        await pilot.press("f5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and app.screen.path is not None
        path: Path = app.screen.path
        assert path.name.startswith("20250314_BESLISSINGSMATRIX_")
        assert "Beslissingsmatrix (ingevuld)" in PdfReader(path).pages[0].extract_text()


async def test_the_trajectory_page_prints_a_filled_method_with_i(flow: Flow) -> None:
    trajectory = flow.trajectories[0]
    flow.database.save(
        HandRecord(
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            contact_moment_id=flow.moments[0][1].id,
            date=TODAY,
            thumb="Nauwkeurig werken",
        )
    )
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, trajectory.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        assert "contactmoment 1" in str(app.screen.choices[0][0])
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and app.screen.path is not None
        text = PdfReader(app.screen.path).pages[0].extract_text()
        assert "HAND-methodiek (ingevuld)" in text and "Nauwkeurig werken" in text
