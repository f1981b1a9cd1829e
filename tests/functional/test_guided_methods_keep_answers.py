"""The guided methods never lose what the coach typed, and keys do what they say while typing:
F7/F8 change the step also from an answer box (a TextArea would select all on F7), fast steps
land where they should, a letter never fires a command, Escape does not leave while answers
are not stored (a second Escape keeps them aside and the method gives them back), another
coach's save is merged, the notes tab shows the free notes written before and concludes for
the method as a whole, Ctrl+B prints the blank worksheet."""

from __future__ import annotations

from pathlib import Path

import pytest
from method_helpers import area_texts, method_flow, open_method, stored
from poptui.screens.dialogs import MessageDialog
from poptui.screens.method_answers import AnsweredMethodScreen
from poptui.screens.print_dialog import PrintResultDialog
from poptui.screens.widgets.answers import AnswerArea, ReadingScroll
from poptui.screens.widgets.conclusion_dialog import ConclusionDialog
from pypdf import PdfReader
from scenarios import Flow

from poptui.app import PopApp
from poptui.models import MethodKind, MethodRecordBase, SummaryPart, new_method_record
from poptui.services import StoreError, drafts


@pytest.fixture
def flow(db, monkeypatch: pytest.MonkeyPatch) -> Flow:
    return method_flow(db, monkeypatch)


def tabs_active(screen: AnsweredMethodScreen) -> str:
    tabs = screen.tabs()
    assert tabs is not None
    return str(tabs.active)


async def test_f7_and_f8_change_the_step_from_an_answer_box_and_never_select_its_text(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.AI_DROOMFASE)
        assert isinstance(screen, AnsweredMethodScreen) and isinstance(screen.focused, AnswerArea)
        await pilot.press(*"Mijn attest", "f8")
        await pilot.pause()
        assert tabs_active(screen) == "dromen"
        await pilot.press("f7")  # in a plain TextArea F7 selects all: the next letter would replace it
        await pilot.pause()
        assert tabs_active(screen) == "ontdekken"
        await pilot.press(*"x", "escape")
        await pilot.pause()
        record = stored(flow, MethodKind.AI_DROOMFASE)
        assert record.stories[0].title in ("Mijn attestx", "xMijn attest")  # added to, never replaced


async def test_fast_steps_land_on_the_step_pressed_to(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.INTERVIEW)
        assert isinstance(screen, AnsweredMethodScreen)
        await pilot.press("f8", "f8", "f8")
        await pilot.pause()
        assert tabs_active(screen) == "t3"
        await pilot.press("f7", "f7")
        await pilot.pause()
        assert tabs_active(screen) == "t1"
        await pilot.press("f7", "f7", "f7")
        await pilot.pause()
        assert tabs_active(screen) == "themas"


async def test_a_step_to_read_takes_the_keys_from_the_hidden_boxes(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.INTERVIEW)
        assert isinstance(screen, AnsweredMethodScreen)
        for _step in range(7):  # themes 1, 2, 3, 4, 5, 6, 8
            await pilot.press("f8")
        await pilot.pause()
        assert tabs_active(screen) == "t8"
        await pilot.press("f8")
        await pilot.pause()
        assert tabs_active(screen) == "overzicht" and isinstance(screen.focused, ReadingScroll)
        await pilot.press(*"abcg", "f3")  # letters open nothing and are typed nowhere; F3 opens the guidance
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        await pilot.press("escape", "escape")
        await pilot.pause()
    assert flow.database.list(MethodRecordBase, employee_id=flow.employees[0].id) == []


async def test_a_refused_save_keeps_the_answers_and_a_second_escape_keeps_them_aside(
    flow: Flow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from poptui.services import method_records

    real_save = method_records.save_merged

    def disk_full(*args: object) -> object:
        raise StoreError("De schijf is vol.")

    monkeypatch.setattr(method_records, "save_merged", disk_full)
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.HAND)
        await pilot.press(*"Orde houden", "escape")
        await pilot.pause()
        assert app.screen is screen  # not stored: the first Escape stays
        assert area_texts(screen)["thumb"] == "Orde houden"
        [draft] = drafts.list_drafts(flow.database)
        assert "HAND" in draft["title"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
        assert flow.database.list(MethodRecordBase, employee_id=flow.employees[0].id) == []
        monkeypatch.setattr(method_records, "save_merged", real_save)
        screen = await open_method(app, pilot, flow, MethodKind.HAND)
        await pilot.pause()
        assert area_texts(screen)["thumb"] == "Orde houden"
    assert stored(flow, MethodKind.HAND).thumb == "Orde houden"
    assert drafts.list_drafts(flow.database) == []


async def test_a_refused_value_stays_on_screen_until_it_is_corrected(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.PRAATPLAAT)
        area = screen.query_one(AnswerArea)
        area.insert("x" * 2001)  # pasted: longer than the dream job may be
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and len(area.text) == 2001
        await pilot.press("backspace")  # the coach shortens it to what fits
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
    assert stored(flow, MethodKind.PRAATPLAAT).dream_job == "x" * 2000
    assert drafts.list_drafts(flow.database) == []


async def test_answers_typed_while_another_coach_saved_are_merged(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.HAND)
        await pilot.press(*"Orde", "tab")  # stored (the box lost focus)
        await pilot.pause()
        theirs = stored(flow, MethodKind.HAND)
        flow.database.save(theirs.model_copy(update={"ring_finger": "Mijn ploeg"}))  # the other coach
        await pilot.press(*"De logistiek", "escape")
        await pilot.pause()
        assert app.screen is not screen
    record = stored(flow, MethodKind.HAND)
    assert (record.thumb, record.index_finger, record.ring_finger) == ("Orde", "De logistiek", "Mijn ploeg")


async def test_a_hang_up_keeps_what_was_not_stored_yet(flow: Flow) -> None:
    """The hang-up writes a draft at once (no database write in a signal handler); the app then
    closes, which stores the answers too."""
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_method(app, pilot, flow, MethodKind.HAND)
        await pilot.press(*"Orde")  # within the second before it is stored
        app.save_drafts()  # what the terminal hanging up does
        [draft] = drafts.list_drafts(flow.database)
        assert draft["key"].startswith("methode-hand-")
        assert flow.database.list(MethodRecordBase, employee_id=flow.employees[0].id) == []
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.HAND)
        await pilot.pause()
        assert area_texts(screen)["thumb"] == "Orde"
    assert stored(flow, MethodKind.HAND).thumb == "Orde" and drafts.list_drafts(flow.database) == []


@pytest.mark.parametrize("kind", [MethodKind.INTERVIEW, MethodKind.AI_DROOMFASE, MethodKind.KLOKWIJS])
async def test_the_notes_step_shows_earlier_notes_and_concludes_for_the_whole_method(
    flow: Flow, kind: MethodKind
) -> None:
    trajectory, moment = flow.trajectories[0], flow.moments[0][1]
    flow.database.save(
        new_method_record(
            kind,
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            contact_moment_id=moment.id,
            notes="Vrije notities van vroeger",
            conclusions=["Een conclusie van vroeger"],
        )
    )
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, kind)
        assert isinstance(screen, AnsweredMethodScreen)
        for _step in range(12):
            await pilot.press("f8")
        await pilot.pause()
        assert tabs_active(screen) == "notities"
        assert isinstance(screen.focused, AnswerArea) and screen.focused.key == "notes"
        assert screen.focused.text == "Vrije notities van vroeger"
        assert "Een conclusie van vroeger" in str(screen.query_one("#all-conclusions").render())
        await pilot.press("end", *" en van nu", "f4")
        await pilot.pause()
        assert isinstance(app.screen, ConclusionDialog) and app.screen.step == ""
        assert [c.text for c in app.screen.conclusions] == ["Een conclusie van vroeger"]  # shown to keep or remove
        await pilot.press(*"Algemeen", "enter")
        await pilot.pause()
        assert "Algemeen" in str(screen.query_one("#all-conclusions").render())
        await pilot.press("escape")
        await pilot.pause()
    record = stored(flow, kind)
    assert record.notes == "Vrije notities van vroeger en van nu"
    assert [(c.text, c.step) for c in record.conclusions] == [("Een conclusie van vroeger", ""), ("Algemeen", "")]


async def test_a_conclusion_starts_on_the_part_its_step_names_in_the_catalog(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_method(app, pilot, flow, MethodKind.KLOKWIJS)  # opens on "Mijn dag"
        for _step in range(3):
            await pilot.press("f8")  # Wie ben ik?, Wat wil ik?, Wat kan ik?
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConclusionDialog) and dialog.part is SummaryPart.WAT_KAN_IK
        assert dialog.step_title == "4 Wat kan ik?"
        await pilot.press(*"Kan goed zagen", "escape")  # typed and not saved: the first Esc warns
        await pilot.pause()
        assert app.screen is dialog and "nog niet bewaard" in str(dialog.query_one("#conclusion-error").render())
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    [conclusion] = stored(flow, MethodKind.KLOKWIJS).conclusions
    assert (conclusion.text, conclusion.part, conclusion.step) == (
        "Kan goed zagen",
        SummaryPart.WAT_KAN_IK,
        "wat_kan_ik",
    )


async def test_ctrl_b_prints_the_blank_worksheet_for_homework(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_method(app, pilot, flow, MethodKind.PRAATPLAAT)
        await pilot.press(*"Kok", "ctrl+b")  # also while typing: Ctrl+B is no letter
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and app.screen.path is not None
        path: Path = app.screen.path
        text = PdfReader(path).pages[0].extract_text()
        assert "Ik werk graag buiten" in text and "De Werkplaats" in text


async def test_quitting_within_the_second_stores_what_was_typed(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_method(app, pilot, flow, MethodKind.HAND)
        await pilot.press(*"Orde", "ctrl+q")
        await pilot.pause()
    assert stored(flow, MethodKind.HAND).thumb == "Orde"


async def test_typing_on_the_klokwijs_clock_types_what_happens_then(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.KLOKWIJS)
        assert type(screen.focused).__name__ == "ClockFace"
        await pilot.press(*"gaat werken")  # g would open the guidance: on the clock it is typed
        await pilot.pause()
        assert not isinstance(app.screen, MessageDialog)
        await pilot.press("escape")
        await pilot.pause()
    [day] = stored(flow, MethodKind.KLOKWIJS).days
    assert [(slot.time, slot.what) for slot in day.slots] == [("07:00", "gaat werken")]
