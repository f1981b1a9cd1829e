"""Smoke test over every screen of the app at 80x24, on the demo database.

For each opener of tests/screen_openers.py (every screen, every method kind's screen, the main
dialogs, the command palette): the screen opens, F1 shows its keys, and each key its footer shows
is pressed for real; whatever the key opens is closed again with Escape. Any exception, a screen
that does not open, or a key that leaves something Escape cannot close fails the test.
"""

from __future__ import annotations

import pytest
from poptui.screens import navigation
from poptui.screens.dialogs import SaveChangesDialog
from poptui.screens.help import HelpScreen
from screen_openers import OPENERS, Lookup, Opener, is_open, make_app, opener_ids, settle
from textual.pilot import Pilot
from textual.screen import Screen

NOT_PRESSED = {"quit", "app.quit", "command_palette", "app.command_palette", "help", "app.help"}
"""Keys the app has on every screen: quitting ends the test, F1 and Ctrl+P are tested on their own."""


def footer_keys(screen: Screen) -> list[str]:
    """The keys the footer shows now (one per action), the ones that close the screen last."""
    seen: set[tuple[int, str]] = set()
    out: list[str] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.show or not active.enabled or binding.action in NOT_PRESSED:
            continue
        if (id(active.node), binding.action) in seen:
            continue
        seen.add((id(active.node), binding.action))
        out.append(key)
    return sorted(out, key=lambda key: key == "escape")


async def wait_for_threads(pilot: Pilot) -> None:
    """Let thread workers (a PDF being written, a month package) finish and report back."""
    threads = [worker for worker in pilot.app.workers if worker._thread_worker]
    if threads:
        await pilot.app.workers.wait_for_complete(threads)
    await settle(pilot)


def assert_running(pilot: Pilot, what: str) -> None:
    app = pilot.app
    assert app._exception is None, f"{what}: {app._exception!r}"
    assert app.is_running, f"{what}: the app stopped"


async def back_to(pilot: Pilot, screen: Screen, what: str) -> None:
    """Close what a key opened on top of ``screen`` (Escape; 'n' when a form asks to save)."""
    app = pilot.app
    for _attempt in range(6):
        if app.screen is screen or screen not in app.screen_stack:
            return
        await wait_for_threads(pilot)
        await pilot.press("n" if isinstance(app.screen, SaveChangesDialog) else "escape")
        await settle(pilot)
        assert_running(pilot, what)
    assert app.screen is screen or screen not in app.screen_stack, (
        f"{what}: Escape does not close {type(app.screen).__name__}"
    )


async def open_screen(pilot: Pilot, opener: Opener, look: Lookup) -> Screen:
    await opener.steps(pilot, look)
    await wait_for_threads(pilot)
    assert_running(pilot, opener.name)
    assert is_open(pilot.app, opener, look), f"{opener.name} did not open: {type(pilot.app.screen).__name__} is on top"
    return pilot.app.screen


SMOKE = [opener for opener in OPENERS if opener.keys]
"""The openers of a screen, not of a second state of one (those open in the snapshot and markup tests)."""
HELP_ON = {next(opener.name for opener in SMOKE if opener.expect == expect) for expect in {o.expect for o in SMOKE}}
"""F1 is tried on the first opener of each screen class (the method screens: each, they differ by kind)."""


@pytest.mark.parametrize("opener", SMOKE, ids=opener_ids(SMOKE))
async def test_every_screen_opens_and_every_footer_key_works(opener: Opener, screens_look: Lookup) -> None:
    look = screens_look
    app = make_app(look.db, look, opener)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, opener, look)

        help_here = opener.name in HELP_ON or not opener.expect
        if help_here and "f1" in screen.active_bindings and not isinstance(screen, HelpScreen):
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen), f"{opener.name}: F1 opened {type(app.screen).__name__}"
            assert "Toetsen op dit scherm" in str(app.screen.query_one("VerticalScroll Static").render())
            await back_to(pilot, screen, f"{opener.name} F1")

        pressed = footer_keys(screen)
        for index, key in enumerate(pressed):
            what = f"{opener.name}: key {key}"
            if screen not in app.screen_stack:  # the previous key closed it (saved, went back): open it again
                navigation.open_home(app)
                await settle(pilot)
                screen = await open_screen(pilot, opener, look)
            await back_to(pilot, screen, what)
            await pilot.press(key)
            await settle(pilot)
            await wait_for_threads(pilot)
            assert_running(pilot, what)
            if index < len(pressed) - 1:
                await back_to(pilot, screen, what)
    assert app._exception is None
