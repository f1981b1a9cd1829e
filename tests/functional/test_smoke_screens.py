"""Smoke test over every screen of the app at 80x24, on the demo database with markup in every text.

For each opener of tests/screen_openers.py (every screen, every method kind's screen, the main
dialogs, the command palette), on the demo database where every stored text starts with Textual
markup payloads (``[/]`` first: parsed as markup, it crashes the screen):

- the screen opens, and when it shows stored text, shows it literally (issue 10);
- once open it does nothing by itself: no text field blinks its cursor and no repeating timer runs
  on the app, the screen or its widgets, so nothing is repainted or sent while the coach does
  nothing (issue 17, "nothing polls or repaints while idle on any screen");
- its footer fits 80 columns, F1 included (issue 11: no "f1 Hu");
- on a screen where the coach types (``LETTERS_ARE_TEXT``: a form, a list), a sentence of command
  letters typed into each of the first widgets of the focus chain is only text: nothing opens,
  no file of the database changes (drafts aside) (issue 11). The letters are typed on the screen as
  it first opened; then the drafts they left are put back as they were and the screen is opened
  again from the home screen, so the letters never change what the keys below find;
- F1 opens the help, and it lists every key the footer shows;
- each key its footer shows is pressed for real, whatever it opens is closed again with Escape
  (or Ctrl+D when a form asks to save), and the screen is opened again when a key closed it.

A second state of a screen (``keys=False``) is only opened and looked at. Any exception, a screen
that does not open or does not show its text, or a key that leaves something Escape cannot close
fails the test; the message names the opener (and the key), and a failure elsewhere carries the
opener as a note.

The openers run in groups, one app and one database copy per group (a feature's openers, at most
:data:`GROUP_SIZE`): an app's start and a database copy cost about as much as checking a small
screen. Between two openers the app goes back to the home screen, 80x24, its first theme and no
notifications, and :func:`back_home` fails when it is not as it started (a coach changed, a screen
left); openers that change what the next one would see run alone (:data:`ALONE`). What a key saved
stays for the next openers of the group: they find their records by role, so they still open, and
the saved text is the hostile text read back. How many keys were pressed per opener is recorded as
the test's ``keys`` property.
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
    press,
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
        await press(pilot, "ctrl+d" if isinstance(app.screen, SaveChangesDialog) else "escape")
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
    await press(pilot, "f1")
    assert isinstance(app.screen, HelpScreen), f"{what}: F1 opened {type(app.screen).__name__}"
    shown = "\n".join(str(part.render()) for part in app.screen.query("VerticalScroll Static").results(Static))
    assert "Toetsen op dit scherm" in shown
    missing = [description for description in footer.values() if description not in shown]
    assert not missing, f"{what}: F1 does not explain {missing}"
    await back_to(pilot, screen, what)


def can_be_seen(node: Any) -> bool:
    """Whether ``node`` can paint: it and every container it is in displayed and visible."""
    return all(part.display and part.visible for part in node.ancestors_with_self if isinstance(part, Widget))


def repeating_timers(app: Any, screen: Screen) -> list[str]:
    """The timers that tick again and again (``set_interval``, an ``auto_refresh``) and are running
    now, not paused, on the app, ``screen`` or its widgets; a one-off timer (``set_timer``: a draft
    saved after the last key, a notification's timeout) ends by itself and is not one of them.

    Every such timer of poptui's own classes counts; one of Textual's counts when its widget can be
    seen (the command palette keeps a hidden loading indicator ticking, which paints nothing)."""
    found = []
    for node in (app, screen, *screen.walk_children(with_self=False)):
        ours = type(node).__module__.startswith(("poptui", "screens"))
        for timer in list(node._timers):
            task = timer._task
            running = timer._repeat is None and task is not None and not task.done() and timer._active.is_set()
            if running and (ours or can_be_seen(node)):
                found.append(f"{type(node).__name__} {timer.name}")
    return found


def check_idle(app: Any, screen: Screen, what: str) -> None:
    """The screen as it opened does nothing by itself: no blinking cursor, no repeating timer."""
    blinking = [type(widget).__name__ for widget in screen.walk_children() if getattr(widget, "cursor_blink", False)]
    assert not blinking, f"{what}: a cursor blinks while idle in {blinking}"
    ticking = repeating_timers(app, screen)
    assert not ticking, f"{what}: timers repaint while idle: {ticking}"


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
"""The openers of a screen where the coach types (``LETTERS_ARE_TEXT``: a form, a list)."""
TYPED = {opener.name for opener in TYPING}


def stored_files(folder: Any) -> dict[str, bytes]:
    """Every file of the database but the drafts (what the coach types is kept as a draft)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and "drafts" not in path.parts and path.suffix != ".lock"
    }


def draft_files(folder: Any) -> dict[Any, bytes]:
    """The drafts of the database, file by file."""
    drafts = folder / "drafts"
    return {path: path.read_bytes() for path in drafts.rglob("*") if path.is_file()} if drafts.is_dir() else {}


def put_back_drafts(folder: Any, before: dict[Any, bytes]) -> None:
    """The drafts as they were before the letters were typed: a form opened again must not offer
    to restore what the letters check typed."""
    for path, data in draft_files(folder).items():
        if path not in before:
            path.unlink()
        elif data != before[path]:
            path.write_bytes(before[path])
    for path, data in before.items():
        if not path.exists():
            path.write_bytes(data)


def binding_chain(widget: Widget) -> tuple[type, ...]:
    """The classes a key typed into ``widget`` passes through (the widget, its containers, the
    screen): two widgets with the same chain handle every letter the same way."""
    return tuple(type(node) for node in widget.ancestors_with_self if isinstance(node, Widget))


async def check_letters(pilot: Pilot[Any], screen: Screen, opener: Opener, look: Lookup) -> None:
    """Issue 11: on every form and list, wherever the focus is (the first field, a choice, the
    table), typed letters never open a dialog, leave the screen or store anything (before, "extra"
    typed on a contact moment opened "overslaan", and "Ines" in the employee list a new employee)."""
    app = pilot.app
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
        await press(pilot, *SENTENCE)
        assert_running(pilot, f"{opener.name}: letters")
        assert app.screen is screen, f"{opener.name}: typing on {widget!r} opened {type(app.screen).__name__}"
    assert stored_files(look.db.path) == before, f"{opener.name}: typing stored something"


async def open_again(pilot: Pilot[Any], opener: Opener, look: Lookup) -> Screen:
    """Back to the home screen, then the opener's steps again: the screen as it first opens."""
    navigation.open_home(pilot.app)
    await settle(pilot)
    return await open_screen(pilot, opener, look)


async def check_opener(pilot: Pilot[Any], opener: Opener, look: Lookup) -> int:
    """Every check of one opener, from the home screen; returns how many footer keys were pressed."""
    app = pilot.app
    screen = await open_screen(pilot, opener, look)
    check_idle(app, screen, opener.name)
    if opener.shows_data:
        assert VISIBLE in screen_text(app), f"{opener.name}: the stored text is not shown as it is"
    if not opener.keys:
        return 0

    check_footer_fits(app, screen, opener.name)
    if opener.name in TYPED:  # letters first, then the keys on the screen opened again
        drafts = draft_files(look.db.path)
        await check_letters(pilot, screen, opener, look)
        navigation.open_home(app)
        await settle(pilot)
        put_back_drafts(look.db.path, drafts)  # the form is gone: its draft timer cannot write any more
        screen = await open_screen(pilot, opener, look)

    footer = footer_bindings(screen)
    f1 = screen.active_bindings.get("f1")
    if f1 is not None and f1.binding.action in {"help", "app.help"}:  # dialogs: their hint line
        await check_help(pilot, screen, footer, f"{opener.name} F1")

    pressed = list(footer)
    for index, key in enumerate(pressed):
        what = f"{opener.name}: key {key}"
        if screen not in app.screen_stack:  # the previous key closed it (saved, went back): open it again
            screen = await open_again(pilot, opener, look)
        await back_to(pilot, screen, what)
        await press(pilot, key)
        assert_running(pilot, what)
        if index < len(pressed) - 1:
            await back_to(pilot, screen, what)
    return len(pressed)


def app_state(app: Any) -> tuple[object, ...]:
    """What an opener may count on when it starts: the home screen alone, 80x24, the theme, the coach."""
    return (type(app.screen).__name__, len(app.screen_stack), tuple(app.size), app.theme, app.coach)


async def back_home(pilot: Pilot[Any], start: tuple[object, ...], after: str) -> None:
    """Back to the home screen as the app started, for the next opener: what the last one left open
    closed, the window 80x24 again (``too_small``), the first theme (F9), no notifications."""
    app = pilot.app
    navigation.open_home(app)
    await settle(pilot)
    if tuple(app.size) != (80, 24):
        await pilot.resize_terminal(80, 24)
    if app.theme != start[3]:
        app.theme = start[3]
    app.clear_notifications()
    await settle(pilot)
    assert_running(pilot, f"{after}: back home")
    assert app_state(app) == start, f"after {after}, the app is not as it started: {app_state(app)} != {start}"


GROUP_SIZE = 6
"""Openers checked one after another in one app (one start, one database copy): few enough that
xdist still spreads the groups over the workers, many enough that the starts no longer count."""

ALONE = {"coach_select", "home_all_coaches", "welcome", "welcome_coach"}
"""Openers that get an app of their own: a start without a coach, a home screen switched to every
coach's trajectories, the first-run welcome (its keys start over without a coach), a first coach
saved. :func:`back_home` fails when another opener leaves the app changed in a way it can see."""


def opener_groups(items: list[Opener]) -> list[list[Opener]]:
    """The openers of each feature, in their order, split into runs of at most :data:`GROUP_SIZE`
    (of about equal length); an opener of :data:`ALONE` or that starts without a coach is a run of
    its own."""
    features: dict[str, list[Opener]] = {}
    groups: list[list[Opener]] = []
    for opener in items:
        if opener.name in ALONE or not opener.coach:
            groups.append([opener])
        else:
            features.setdefault(opener.feature, []).append(opener)
    for members in features.values():
        count = -(-len(members) // GROUP_SIZE)
        size = -(-len(members) // count)
        groups.extend(members[start : start + size] for start in range(0, len(members), size))
    return groups


GROUPS = opener_groups(OPENERS)


@pytest.mark.parametrize("group", GROUPS, ids=["+".join(opener.name for opener in group) for group in GROUPS])
async def test_every_screen_opens_shows_its_text_and_every_footer_key_works(
    group: list[Opener], hostile_look: Lookup, record_property: Callable[[str, object], None]
) -> None:
    look = hostile_look
    app = make_app(look.db, look, group[0])
    pressed: dict[str, int] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        start = app_state(app)
        for index, opener in enumerate(group):
            try:
                if index:
                    await back_home(pilot, start, group[index - 1].name)
                pressed[opener.name] = await check_opener(pilot, opener, look)
            except Exception as error:
                error.add_note(f"opener: {opener.name}")
                raise
    record_property("keys", pressed)
    assert app._exception is None


def test_every_screen_of_the_app_has_an_opener() -> None:
    """A new screen or dialog class under screens/ fails here until tests/screen_openers.py opens it."""
    opened = {opener.expect for opener in OPENERS}
    missing = sorted(cls.__name__ for cls in screen_classes() if cls.__name__ not in opened)
    assert not missing, f"screens without an opener in tests/screen_openers.py: {missing}"
