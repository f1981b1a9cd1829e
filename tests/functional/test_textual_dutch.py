"""Textual's own words in the Dutch interface, and the ASCII mode of the Linux console (issue 11).

Fails when one of Textual's English strings (``ENGLISH_IN_TEXTUAL``: the palette's prompt and
"No matches found", its system commands, Select's "Select", "esc Dismiss menu", key names like
"super+c" or "bracketright", the English key descriptions of F1) shows on a screen, and when a
screen drawn for the Linux console holds a block, box-drawing, arrow or emoji character.
"""

from __future__ import annotations

import re

import pytest
from poptui.screens import navigation
from poptui.screens.help import HelpScreen
from poptui.screens.plain_terminal import use_ascii, wants_ascii
from poptui.screens.textual_dutch import ENGLISH_IN_TEXTUAL, PopCommandPalette
from scenarios import Flow
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from poptui.app import PopApp
from poptui.models import MethodKind


@pytest.fixture(autouse=True)
def _unicode_afterwards() -> object:
    yield
    use_ascii(False)


def screen_text(app: PopApp) -> str:
    """The text on the terminal now (the top screen and what shows through)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def english_in(text: str) -> list[str]:
    found = [fragment for fragment in ENGLISH_IN_TEXTUAL if fragment in text]
    if re.search(r"\bSelect\b", text):
        found.append("Select")
    for word in ("Keys", "Theme", "Quit", "Screenshot", "Maximize"):
        if re.search(rf"^\s*{word}\b", text, re.M):
            found.append(word)
    return found


def footer_text(app: PopApp) -> str:
    return " | ".join(f"{key.key_display} {key.description}" for key in app.screen.query_one(Footer).query(FooterKey))


async def settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def test_the_command_palette_asks_and_answers_in_dutch(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, PopCommandPalette)
        for _attempt in range(40):  # discovery runs in the background
            await pilot.pause(0.05)
            if app.screen.query_one(CommandList).option_count:
                break
        text = screen_text(app)
        assert "Zoek een scherm" in text and english_in(text) == [], english_in(text)
        await pilot.press(*"qqxqq")
        for _attempt in range(40):
            await pilot.pause(0.05)
            if "Niets gevonden" in screen_text(app):
                break
        text = screen_text(app)
        assert "Niets gevonden" in text and english_in(text) == [], english_in(text)


@pytest.mark.parametrize("query", ["afdrukken", "pdf", "POP"])
async def test_the_palette_finds_printing_the_pop_and_the_consent(flow: Flow, query: str) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 30)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*query)
        for _attempt in range(60):
            await pilot.pause(0.05)
            if "POP afdrukken" in screen_text(app):
                break
        await app.workers.wait_for_complete()  # every provider answered: the hits keep their order
        await settle(pilot)
        text = screen_text(app)
        assert "POP afdrukken" in text
        if query != "POP":
            assert "Toestemming afdrukken" in text
        await pilot.press("enter")  # the first hit: this trajectory's POP
        await settle(pilot)
        if app.workers._workers:
            await app.workers.wait_for_complete()
        await settle(pilot)
        assert type(app.screen).__name__ in ("ConfirmDialog", "PrintResultDialog")


async def test_keys_read_as_a_coach_reads_them(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await settle(pilot)
        footer = footer_text(app)
        assert "Esc Terug" in footer and "Ctrl+P Zoeken" in footer and "F1 Hulp" in footer
        assert "^p" not in footer and "escape" not in footer


async def test_f1_lists_the_screens_own_keys_once_and_in_dutch(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 40)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(part.render()) for part in app.screen.query("VerticalScroll Static"))
        keys = text.split("Toetsen op dit scherm")[1].split("Algemeen")[0]
        assert english_in(keys) == [] and "Cursor" not in keys and "Scroll" not in keys
        assert "Extra contact" in keys and keys.count("Terug") == 1
        assert "weg,\ndan" not in text  # no hard line break inside a sentence


async def test_a_choice_says_kies_and_its_open_list_closes_in_dutch(flow: Flow) -> None:
    from poptui.screens.employee_form import EmployeeForm

    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(EmployeeForm())  # no organisation chosen yet: its choice is empty
        await settle(pilot)
        form = app.screen
        text = screen_text(app)
        assert "Kies" in text and english_in(text) == [], english_in(text)
        form.query_one("#organisation").focus()
        await settle(pilot)
        await pilot.press("enter")  # open the list
        await settle(pilot)
        footer = footer_text(app)
        assert "Menu sluiten" in footer and "Dismiss" not in footer


async def test_the_english_interface_is_english_too(flow: Flow) -> None:
    from poptui.i18n import set_language

    set_language("en")
    try:
        app = PopApp(flow.database, flow.coach)
        async with app.run_test(size=(80, 24)) as pilot:
            navigation.open_trajectory(app, flow.trajectories[0].id)
            await settle(pilot)
            text = screen_text(app)
            assert "Evaluation" in text  # the cycle line is whole
            assert "Criterion-based interview" in text or "AI – dream phase" in text  # method names
            await pilot.press("f1")  # the screen's explanation in English too
            await settle(pilot)
            assert "A POP trajectory" in screen_text(app) and "The course of one trajectory" in screen_text(app)
            await pilot.press("p")  # "POP in five minutes"
            await settle(pilot)
            assert "POP in five minutes" in screen_text(app) and "The POP cycle (§" in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("enter")  # contact moment 0
            await settle(pilot)
            assert "Getting acquainted" in screen_text(app)  # its goals
    finally:
        set_language("nl")


# -- the Linux console and NO_COLOR ----------------------------------------------------------

NOT_ON_A_LINUX_CONSOLE = re.compile(
    "[\u2190-\u21ff\u2500-\u259f\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
)
"""Arrows, box drawing, blocks, geometric shapes, dingbats (✓ ✗ ✎), ⭘ and emoji (🔎)."""


async def test_no_color_alone_turns_ascii_mode_on(flow: Flow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual takes NO_COLOR out of the environment when the app starts: poptui reads it first.
    An empty list under NO_COLOR once crashed Textual's monochrome filter (a table column of
    negative width): the organisations list is opened here without colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("POPTUI_ASCII", raising=False)
    app = PopApp(flow.database, flow.coach)
    assert app.ascii
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trainings(app)  # an empty list
        await settle(pilot)
        assert app._exception is None
        assert "Nog geen opleidingsdagen" in screen_text(app)


def test_ascii_mode_on_the_linux_console_and_without_colour() -> None:
    assert wants_ascii({"TERM": "linux"})
    assert wants_ascii({"TERM": "xterm-256color", "NO_COLOR": "1"})
    assert not wants_ascii({"TERM": "xterm-256color"})
    assert wants_ascii({"TERM": "xterm-256color", "POPTUI_ASCII": "1"})
    assert not wants_ascii({"TERM": "linux", "POPTUI_ASCII": "0"})


async def test_every_character_on_screen_is_one_the_linux_console_draws(flow: Flow) -> None:
    from poptui.services import pop_documents

    app = PopApp(flow.database, flow.coach, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen: dict[str, str] = {"home": screen_text(app)}
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await settle(pilot)
        seen["trajectory"] = screen_text(app)
        await pilot.press("f1")  # its help names the markers ("✓ gehouden")
        await settle(pilot)
        seen["trajectory help"] = screen_text(app)
        assert "+ gehouden" in seen["trajectory help"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        seen["contact moment"] = screen_text(app)
        await pilot.press(*"x", "escape")
        await settle(pilot)
        seen["save question"] = screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        pop_documents.get_or_create_pop(flow.database, flow.trajectories[0])
        navigation.open_pop(app, flow.trajectories[0].id)
        await settle(pilot)
        seen["pop"] = screen_text(app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        seen["palette"] = screen_text(app)
        await pilot.press("escape", "f1")
        await settle(pilot)
        seen["help"] = screen_text(app)
    for name, text in seen.items():
        wrong = sorted(set(NOT_ON_A_LINUX_CONSOLE.findall(text)))
        assert not wrong, f"{name}: {wrong}\n{text}"
    assert "+---" in seen["contact moment"] and "|" in seen["contact moment"]  # borders and fields in ASCII


def test_screens_use_the_select_that_says_kies() -> None:
    """Textual's own Select says "Select" until something is chosen: screens import poptui's."""
    from pathlib import Path

    import poptui.screens

    folder = Path(poptui.screens.__file__).parent
    allowed = {"widgets/select.py", "widgets/form.py"}  # the subclass itself; isinstance checks of any Select
    wrong = [
        str(path.relative_to(folder))
        for path in folder.rglob("*.py")
        if str(path.relative_to(folder)) not in allowed
        and re.search(r"^from textual\.widgets import [^\n]*\bSelect\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert not wrong, f"use poptui.screens.widgets.select.Select in {wrong}"


@pytest.mark.parametrize("kind", [MethodKind.HAND, MethodKind.AI_DROOMFASE])
async def test_a_methods_answer_shows_what_is_typed_in_ascii_mode(flow: Flow, kind: MethodKind) -> None:
    """On the Linux console a method's two-line answer box kept its one line on the left: a full
    ASCII border left no line to type on, and what the coach typed was invisible."""
    app = PopApp(flow.database, flow.coach, ascii=True)
    trajectory = flow.trajectories[0]
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, trajectory.employee_id, trajectory.id, kind, flow.moments[0][0].id)
        await settle(pilot)
        await pilot.press(*"sorteren en kassa")
        await settle(pilot)
        assert "sorteren en kassa" in screen_text(app)
