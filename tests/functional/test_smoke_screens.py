"""Smoke test over every screen of the app at 80x24, on the demo database with markup in every text.

For each opener of tests/screen_openers.py (every screen, every method kind's screen, the main
dialogs, the command palette), on the demo database where every stored text starts with Textual
markup payloads (``[/]`` first: parsed as markup, it crashes the screen):

- the screen opens, and when it shows stored text, shows it literally (issue 10);
- F1 opens the help, and it lists every key the footer shows;
- its footer fits 80 columns, F1 included (issue 11: no "f1 Hu");
- each key its footer shows is pressed for real, whatever it opens is closed again with Escape
  (or Ctrl+D when a form asks to save), and the screen is opened again when a key closed it;
- on a screen where the coach types (a form, a list), a sentence of command letters is only text:
  nothing opens, nothing is stored (issue 11).

Any exception, a screen that does not open or does not show its text, or a key that leaves
something Escape cannot close fails the test. A second state of a screen (``keys=False``) is only
opened and looked at. How many keys were pressed is recorded as the test's ``keys`` property.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from poptui.screens import navigation
from poptui.screens.dialogs import SaveChangesDialog
from poptui.screens.help import HelpScreen
from screen_openers import (
    OPENERS,
    VISIBLE,
    Lookup,
    Opener,
    is_open,
    make_app,
    opener_ids,
    screen_classes,
    screen_text,
    settle,
)
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

NOT_PRESSED = {"quit", "app.quit", "command_palette", "app.command_palette", "help", "app.help"}
"""Keys the app has on every screen: quitting ends the test, F1 and Ctrl+P are tested on their own."""


def footer_bindings(screen: Screen) -> dict[str, str]:
    """The keys the footer shows now (one per action) with their descriptions, the ones that close
    the screen (Escape) last."""
    seen: set[tuple[int, str]] = set()
    out: dict[str, str] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.show or not active.enabled or binding.action in NOT_PRESSED:
            continue
        if (id(active.node), binding.action) in seen:
            continue
        seen.add((id(active.node), binding.action))
        out[key] = binding.description
    return dict(sorted(out.items(), key=lambda item: item[0] == "escape"))


def assert_running(pilot: Pilot[Any], what: str) -> None:
    app = pilot.app
    assert app._exception is None, f"{what}: {app._exception!r}"
    assert app.is_running, f"{what}: the app stopped"


async def back_to(pilot: Pilot[Any], screen: Screen, what: str) -> None:
    """Close what a key opened on top of ``screen`` (Escape; Ctrl+D when a form asks to save)."""
    app = pilot.app
    for _attempt in range(6):
        if app.screen is screen or screen not in app.screen_stack:
            return
        await pilot.press("ctrl+d" if isinstance(app.screen, SaveChangesDialog) else "escape")
        await settle(pilot)
        assert_running(pilot, what)
    assert app.screen is screen or screen not in app.screen_stack, (
        f"{what}: Escape does not close {type(app.screen).__name__}"
    )


async def open_screen(pilot: Pilot[Any], opener: Opener, look: Lookup) -> Screen:
    await opener.steps(pilot, look)
    assert_running(pilot, opener.name)
    assert is_open(pilot.app, opener, look), f"{opener.name} did not open: {type(pilot.app.screen).__name__} is on top"
    return pilot.app.screen


async def check_help(pilot: Pilot[Any], screen: Screen, footer: dict[str, str], what: str) -> None:
    """F1 opens the help, and it lists every key the footer shows."""
    app = pilot.app
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(app.screen, HelpScreen), f"{what}: F1 opened {type(app.screen).__name__}"
    shown = "\n".join(str(part.render()) for part in app.screen.query("VerticalScroll Static").results(Static))
    assert "Toetsen op dit scherm" in shown
    missing = [description for description in footer.values() if description not in shown]
    assert not missing, f"{what}: F1 does not explain {missing}"
    await back_to(pilot, screen, what)


def check_footer_fits(app: Any, screen: Screen, what: str) -> None:
    """Every key the footer shows is whole inside the window, and F1 is among them."""
    footers = list(screen.query(Footer))
    if not footers:
        return
    keys = list(footers[0].query(FooterKey))
    width = app.size.width
    used = sum(key.outer_size.width for key in keys)
    assert used <= width, f"{what}: the footer needs {used} columns: {[key.description for key in keys]}"
    if "f1" in screen.active_bindings:
        assert any(key.key == "f1" for key in keys), f"{what}: F1 is not in the footer"


@pytest.mark.parametrize("opener", OPENERS, ids=opener_ids(OPENERS))
async def test_every_screen_opens_shows_its_text_and_every_footer_key_works(
    opener: Opener, hostile_look: Lookup, record_property: Callable[[str, object], None]
) -> None:
    look = hostile_look
    app = make_app(look.db, look, opener)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, opener, look)
        if opener.shows_data:
            assert VISIBLE in screen_text(app), f"{opener.name}: the stored text is not shown as it is"
        if not opener.keys:
            return

        check_footer_fits(app, screen, opener.name)
        footer = footer_bindings(screen)
        f1 = screen.active_bindings.get("f1")
        if f1 is not None and f1.binding.action in {"help", "app.help"}:  # dialogs: their hint line
            await check_help(pilot, screen, footer, f"{opener.name} F1")

        pressed = list(footer)
        for index, key in enumerate(pressed):
            what = f"{opener.name}: key {key}"
            if screen not in app.screen_stack:  # the previous key closed it (saved, went back): open it again
                navigation.open_home(app)
                await settle(pilot)
                screen = await open_screen(pilot, opener, look)
            await back_to(pilot, screen, what)
            await pilot.press(key)
            await settle(pilot)
            assert_running(pilot, what)
            if index < len(pressed) - 1:
                await back_to(pilot, screen, what)
        record_property("keys", len(pressed))
    assert app._exception is None


SENTENCE = "extra bcdfghijklmnopqsuvwyz 12[]+"
"""Every letter (each one a command somewhere in poptui), a space, digits and signs, typed as a
coach types; "extra" first, the word that once opened "overslaan" on a contact moment."""


def _typing_openers() -> list[Opener]:
    classes = {cls.__name__: cls for cls in screen_classes()}
    return [
        opener
        for opener in OPENERS
        if opener.keys and getattr(classes.get(opener.expect or ""), "LETTERS_ARE_TEXT", False)
    ]


TYPING = _typing_openers()


def stored_files(folder: Any) -> dict[str, bytes]:
    """Every file of the database but the drafts (what the coach types is kept as a draft)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and "drafts" not in path.parts and path.suffix != ".lock"
    }


def binding_chain(widget: Widget) -> tuple[type, ...]:
    """The classes a key typed into ``widget`` passes through (the widget, its containers, the
    screen): two widgets with the same chain handle every letter the same way."""
    return tuple(type(node) for node in widget.ancestors_with_self if isinstance(node, Widget))


@pytest.mark.parametrize("opener", TYPING, ids=opener_ids(TYPING))
async def test_letters_typed_where_the_coach_types_are_only_text(opener: Opener, screens_look: Lookup) -> None:
    """Issue 11: on every form and list, wherever the focus is (the first field, a choice, the
    table), typed letters never open a dialog, leave the screen or store anything (before, "extra"
    typed on a contact moment opened "overslaan", and "Ines" in the employee list a new employee)."""
    look = screens_look
    app = make_app(look.db, look, opener)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, opener, look)
        before = stored_files(look.db.path)
        typed_into: set[tuple[type, ...]] = set()
        for widget in [app.focused, *list(screen.focus_chain)[:4]]:
            if widget is not None and widget.screen is screen:
                chain = binding_chain(widget)
                if chain in typed_into:
                    continue
                typed_into.add(chain)
                widget.focus()
                await settle(pilot)
            await pilot.press(*SENTENCE)
            await settle(pilot)
            assert_running(pilot, opener.name)
            assert app.screen is screen, f"{opener.name}: typing on {widget!r} opened {type(app.screen).__name__}"
        assert stored_files(look.db.path) == before, f"{opener.name}: typing stored something"


def test_every_screen_of_the_app_has_an_opener() -> None:
    """A new screen or dialog class under screens/ fails here until tests/screen_openers.py opens it."""
    opened = {opener.expect for opener in OPENERS}
    missing = sorted(cls.__name__ for cls in screen_classes() if cls.__name__ not in opened)
    assert not missing, f"screens without an opener in tests/screen_openers.py: {missing}"
