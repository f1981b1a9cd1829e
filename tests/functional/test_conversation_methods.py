"""The five conversation methods filled with the keyboard (§5.1, §5.2, §5.3, §5.9, §5.13):
what is typed and ticked is stored as the method's record, found again on reopening; free
notes written earlier load intact; theme 4 waits for consent; the attitude scale stores 1-4
and shows the statement of the chosen score; HAND's timer stops with its screen."""

from __future__ import annotations

from datetime import date

import pytest
from method_helpers import area_texts, method_flow, open_method, stored
from poptui.screens.dialogs import ChooseDialog, MessageDialog
from poptui.screens.hand_screen import HandScreen
from poptui.screens.method_screen import MethodScreen
from poptui.screens.widgets.answers import AnswerArea
from scenarios import Flow
from textual import events
from textual.widgets import Input, Static

from poptui.app import PopApp
from poptui.models import MethodKind, new_method_record


@pytest.fixture
def flow(db, monkeypatch: pytest.MonkeyPatch) -> Flow:
    return method_flow(db, monkeypatch)


async def test_hand_filled_with_keys_saved_and_found_again(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.HAND)
        await pilot.press(*"Orde [b]houden[/b]", "tab", *"De logistiek", "tab", *"Lawaai", "tab")
        await pilot.press(*"Mijn ploeg", "tab", *"Hulp vragen", "g")  # g is typed, it opens nothing
        assert not isinstance(app.screen, MessageDialog)
        assert "Pink" in str(screen.query_one("#hand-finger", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        record = stored(flow, MethodKind.HAND)
        assert (record.thumb, record.index_finger, record.middle_finger) == (
            "Orde [b]houden[/b]",
            "De logistiek",
            "Lawaai",
        )
        assert (record.ring_finger, record.little_finger) == ("Mijn ploeg", "Hulp vragen" + "g")
        assert record.date == date(2025, 3, 3)  # the contact moment's date
        screen = await open_method(app, pilot, flow, MethodKind.HAND)
        assert area_texts(screen)["thumb"] == "Orde [b]houden[/b]"  # shown as text, not markup
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog) and "Ctrl+T" in app.screen.text


async def test_hand_timer_runs_only_while_started_and_stops_with_the_screen(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.HAND)
        assert isinstance(screen, HandScreen) and screen.ticker is None  # idle: nothing ticks
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.ticker is not None and "loopt" in str(screen.query_one("#hand-timer", Static).render())
        await pilot.press("ctrl+t")
        assert screen.ticker is None and "(Ctrl+T)" in str(screen.query_one("#hand-timer", Static).render())
        await pilot.press("ctrl+t", "escape")
        await pilot.pause()
        assert screen.ticker is None and app.screen is not screen


async def test_praatplaat_ticked_and_typed(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_method(app, pilot, flow, MethodKind.PRAATPLAAT)
        await pilot.press(*"Kok in een restaurant", "tab", "space", "tab")  # on paper first
        await pilot.press("down", "space", "down", "down", "space")  # buiten, licht werk (headers are skipped)
        await pilot.press("f8")
        await pilot.pause()
        await pilot.pause()
        await pilot.press("down", "space", "tab", "space", "down", "down", "space", "tab", "tab", *"Groenten snijden")
        await pilot.press("escape")
        await pilot.pause()
        record = stored(flow, MethodKind.PRAATPLAAT)
        assert record.dream_job == "Kok in een restaurant" and record.on_paper_first
        assert record.conditions == ["buiten", "licht_werk"]
        assert record.focus == ["vast_werk_bw"] and record.motivations == ["erbij_horen", "geld_verdienen"]
        assert record.preferred_tasks == "Groenten snijden"
        screen = await open_method(app, pilot, flow, MethodKind.PRAATPLAAT)
        assert area_texts(screen)["dream_job"] == "Kok in een restaurant"
        assert "[x] Ik werk graag buiten" in str(screen.query_one("#conditions").get_option("buiten").prompt)


async def test_ai_two_stories_the_dream_and_its_summary(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_method(app, pilot, flow, MethodKind.AI_DROOMFASE)
        await pilot.press(*"Mijn attest", "tab", *"Ik slaagde")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")  # + Nieuw succesverhaal
        await pilot.pause()
        await pilot.press(*"Inwerken", "tab", *"Samir geholpen")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        assert [str(label) for label, _value in app.screen.choices][1:] == ["1. Mijn attest", "2. Inwerken (nu open)"]
        await pilot.press("down", "enter")  # back to the first story
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MethodScreen)
        assert area_texts(screen)["story:title"] == "Mijn attest"
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press(*"Ik plan de ladingen")
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press(*"Meer verantwoordelijkheid")
        await pilot.press("escape")
        await pilot.pause()
        record = stored(flow, MethodKind.AI_DROOMFASE)
        assert [(s.title, s.answers) for s in record.stories] == [
            ("Mijn attest", {"wat": "Ik slaagde"}),
            ("Inwerken", {"wat": "Samir geholpen"}),
        ]
        assert record.answers == {"droom_1": "Ik plan de ladingen"}
        assert record.better_than_today == "Meer verantwoordelijkheid"


async def test_klokwijs_a_day_on_the_clock_another_day_and_the_questions(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.KLOKWIJS)
        await pilot.press("left", "left", "enter")  # 06:30
        await pilot.press(*"Opstaan", "enter", *"Alleen", "enter", *"Moe", "enter")  # then the clock is at 07:30
        await pilot.pause()
        assert "07:30" in str(screen.query_one("#clock", Static).render())
        await pilot.press("up", "right", "right", "enter", *"Zagen", "enter", *"Ahmed")  # 09:00
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")  # + Een weekenddag
        await pilot.pause()
        await pilot.press("up", "up", "enter", *"Voetbal")  # 09:00
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # the day told before: Gisteren
        await pilot.pause()
        assert str(screen.query_one("#day-line", Static).render()).startswith("Gisteren (1/2)")
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press(*"Om half zeven")
        await pilot.press("escape")
        await pilot.pause()
        record = stored(flow, MethodKind.KLOKWIJS)
        assert [day.name for day in record.days] == ["Gisteren", "Een weekenddag"]
        assert [(s.time, s.what, s.with_whom, s.feeling) for s in record.days[0].slots] == [
            ("06:30", "Opstaan", "Alleen", "Moe"),
            ("09:00", "Zagen", "Ahmed", ""),
        ]
        assert [(s.time, s.what) for s in record.days[1].slots] == [("09:00", "Voetbal")]
        assert record.answers == {"wie_ben_ik_1": "Om half zeven"}
        screen = await open_method(app, pilot, flow, MethodKind.KLOKWIJS)
        await pilot.press("left", "left")
        await pilot.pause()
        assert screen.query_one("#slot-what", Input).value == "Opstaan"


async def test_klokwijs_keys_typed_faster_than_the_screen_saves_land_in_their_box(flow: Flow) -> None:
    """Keys arriving in one burst (a fast typist over SSH): leaving a box saves it, and the Tab
    behind that save must still move on before the next letters, which must all be kept."""
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.KLOKWIJS)
        await pilot.press("enter")  # 07:00: to "Wat doe je dan?"
        burst = [("x", "x"), ("y", "y"), ("tab", "\t"), ("z", "z"), ("w", "w"), ("tab", "\t"), ("k", "k")]
        for key, character in burst:
            app.post_message(events.Key(key, character))
        for _turn in range(6):
            await pilot.pause()
        boxes = [box.value for box in screen.query("#slot-fields Input").results(Input)]
        assert boxes == ["xy", "zw", "k"]
        await pilot.press("escape")
        await pilot.pause()
        slot = stored(flow, MethodKind.KLOKWIJS).days[0].slots[0]
        assert (slot.what, slot.with_whom, slot.feeling) == ("xy", "zw", "k")


async def test_interview_themes_answers_motivations_and_the_attitude_scale(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.INTERVIEW)
        assert "thema 1, 2, 3, 4, 5, 6, 8" in str(screen.query_one("#suggestion", Static).render())
        theme_3 = [area.key for area in screen.query("#t3 AnswerArea").results(AnswerArea)]
        assert theme_3 == ["energy_givers", "energy_drainers"]  # the draaiboek's two questions, asked once
        await pilot.press("down", "space")  # theme 2 off
        await pilot.press("f8")  # theme 1
        await pilot.press(*"Inpakker")
        await pilot.press("f8")  # theme 3 (2 is hidden now)
        await pilot.pause()
        await pilot.press("space", "down", "down", "down", "down", "space")  # two motivations
        await pilot.press("tab", *"Heftruck rijden", "tab", *"Wachten")
        await pilot.press("f8", "f8")  # theme 4, then 5
        await pilot.press("f8")  # theme 6
        await pilot.pause()
        await pilot.press("3", "down", "1")
        await pilot.pause()
        statements = str(screen.query_one("#attitude-statements", Static).render())
        assert "> 1 = Ik leg weinig contact met andere mensen." in statements
        await pilot.press("escape")
        await pilot.pause()
        record = stored(flow, MethodKind.INTERVIEW)
        assert record.themes == [1, 3, 4, 5, 6, 8]
        assert record.answers == {"t1_1": "Inpakker"}
        assert record.motivations == ["Ik werk in een aantrekkelijke omgeving", "Ik ben fysiek bezig"]
        assert (record.energy_givers, record.energy_drainers) == ("Heftruck rijden", "Wachten")
        assert record.attitudes == {"samenwerken": 3, "contacten_leggen": 1}
        screen = await open_method(app, pilot, flow, MethodKind.INTERVIEW)
        tabs = screen.tabs()
        assert tabs is not None and not tabs.get_tab("t2").display and tabs.get_tab("t1").display
        overview = str(screen.overview())
        assert "Contacten leggen: 1 – Ik leg weinig contact" in overview and "Inpakker" in overview


async def test_interview_theme_4_waits_for_consent(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, MethodKind.INTERVIEW, index=1)  # no consent
        areas = {area.key: area for area in screen.query(AnswerArea)}
        assert areas["physical_limitations"].read_only and areas["family_duties"].read_only
        assert not areas["mobility"].read_only
        for _step in range(4):
            await pilot.press("f8")
        await pilot.pause()
        # physical limitations and psychological complaints are read-only: nothing is typed there
        await pilot.press(*"Zit veel", "tab", *"Stress", "tab", *"Met de bus")
        await pilot.press("escape")
        await pilot.pause()
        record = stored(flow, MethodKind.INTERVIEW, index=1)
        assert record.physical_limitations == "" and record.mobility == "Met de bus"


@pytest.mark.parametrize(
    "kind",
    [MethodKind.HAND, MethodKind.INTERVIEW, MethodKind.AI_DROOMFASE, MethodKind.KLOKWIJS, MethodKind.PRAATPLAAT],
)
async def test_free_notes_written_earlier_load_into_the_new_screen(flow: Flow, kind: MethodKind) -> None:
    trajectory, moment = flow.trajectories[0], flow.moments[0][1]
    flow.database.save(
        new_method_record(
            kind,
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            contact_moment_id=moment.id,
            date=date(2025, 3, 3),
            notes="Vrije notities van vroeger",
            conclusions=["Een conclusie van vroeger"],
        )
    )
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_method(app, pilot, flow, kind)
        assert screen.record.notes == "Vrije notities van vroeger"
        assert area_texts(screen)["notes"] == "Vrije notities van vroeger"  # shown, to read and to change
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"Nieuw", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    record = stored(flow, kind)
    assert record.notes == "Vrije notities van vroeger"
    assert record.conclusion_texts() == ["Een conclusie van vroeger", "Nieuw"]
