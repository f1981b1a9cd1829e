"""Stored text is shown as text, never as Textual markup (issue 10, point 2).

The hostile database is the demo (with its empty corners filled) where every stored text starts
with markup payloads: ``[/]`` (parsed, it crashes the screen), ``[@click=app.quit]`` (parsed, a
click on the name quits the app), ``[b]x[/b]`` and ``Poetshulp [tijdelijk]`` (parsed, text
vanishes), an open ``[red`` and an escaped ``\\[``. Every screen of the smoke test's list opens on
it, the app keeps running, and each screen that shows stored text shows it literally.
"""

from __future__ import annotations

import pytest
from poptui.screens import navigation
from screen_openers import (
    HOSTILE,
    OPENERS,
    PAYLOADS,
    VISIBLE,
    Lookup,
    Opener,
    is_open,
    make_app,
    opener_ids,
    screen_text,
    settle,
)
from textual.widgets._toast import Toast

from poptui.app import PopApp

SHOWING_DATA = [opener for opener in OPENERS if opener.shows_data]
"""The screens that show stored text (the others are reached through these: a crash shows there)."""


@pytest.mark.parametrize("opener", SHOWING_DATA, ids=opener_ids(SHOWING_DATA))
async def test_every_screen_shows_stored_markup_as_text(opener: Opener, hostile_look: Lookup) -> None:
    look = hostile_look
    app = make_app(look.db, look, opener)
    async with app.run_test(size=(80, 24)) as pilot:
        await opener.steps(pilot, look)
        assert app._exception is None and app.is_running
        assert is_open(app, opener, look), f"{type(app.screen).__name__} is on top"
        assert VISIBLE in screen_text(app)


async def test_every_payload_is_shown_literally_and_a_click_on_it_does_nothing(hostile_look: Lookup) -> None:
    look = hostile_look
    app = PopApp(look.db, look.coach())
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_employee(app, look.active().employee_id)
        await settle(pilot)
        remarks = str(app.screen.query_one("#remarks").render())
        assert HOSTILE.strip() in remarks
        shown = screen_text(app)
        for payload in PAYLOADS:
            assert payload in shown
        line = next(number for number, text in enumerate(shown.splitlines()) if "[@click=app.quit]" in text)
        column = shown.splitlines()[line].index("[@click=app.quit]")
        await pilot.click(offset=(column + 3, line))
        await settle(pilot)
        assert app.is_running and app._exception is None


async def test_a_notification_about_a_person_shows_the_name_as_text(hostile_look: Lookup) -> None:
    look = hostile_look
    app = PopApp(look.db, look.coach())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        navigation.open_employee(app, look.stopped().employee_id)
        await settle(pilot)
        await pilot.press("a", "j")  # archive: "<name> is gearchiveerd."
        await settle(pilot)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any(toast.startswith(HOSTILE.strip()) and "gearchiveerd" in toast for toast in toasts), toasts
        assert app.is_running and app._exception is None
