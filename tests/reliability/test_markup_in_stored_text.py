"""Stored text is shown as text, never as Textual markup (issue 10, point 2).

The hostile database (tests/conftest.py ``hostile_look``) is the demo, its empty corners filled,
where every stored text starts with markup payloads: ``[/]`` (parsed, it crashes the screen),
``[@click=app.quit]`` (parsed, a click on the name quits the app), ``[b]x[/b]`` and ``Poetshulp
[tijdelijk]`` (parsed, text vanishes), an open ``[red`` and an escaped ``\\[``. Which texts that
is: see :func:`screen_openers.make_hostile`.

The smoke test (tests/functional/test_smoke_screens.py) opens every screen on it, checks that each
one showing stored text shows it literally and presses every footer key. The tests here look
closer: every payload survives character for character, a click on the would-be link does
nothing, a notification naming a person shows the name as it is, and the screens' code never
hands Textual a markup string.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from poptui.screens import navigation
from screen_openers import HOSTILE, PAYLOADS, Lookup, screen_text, settle
from textual.widgets._toast import Toast

from poptui.app import PopApp

ROOT = Path(__file__).resolve().parents[2]


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


async def test_a_notification_about_a_person_shows_the_name_as_text(
    hostile_look: Lookup, monkeypatch: pytest.MonkeyPatch
) -> None:
    look = hostile_look
    monkeypatch.setattr(PopApp, "NOTIFICATION_TIMEOUT", 600)  # a loaded machine may take seconds to look
    app = PopApp(look.db, look.coach())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        navigation.open_employee(app, look.stopped().employee_id)
        await settle(pilot)
        await pilot.press("a", "j")  # archive: "<name> is gearchiveerd."
        await settle(pilot)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any(toast.startswith(HOSTILE.strip()) and "gearchiveerd" in toast for toast in toasts), toasts
        assert app.is_running and app._exception is None


TEXT_WIDGETS = {"Static", "Label"}
"""Widgets that parse a str as markup unless told not to; every screen builds them with markup=False."""


def test_the_screens_never_hand_textual_a_markup_string() -> None:
    """One way to put text on screen: ``Static``/``Label`` with ``markup=False`` (a later ``update``
    with a name is then text too), ``rich.text.Text`` or ``Content`` for everything else. Nothing
    parses markup on purpose (``from_markup``, ``markup=True``)."""
    problems = []
    for path in sorted([*(ROOT / "screens").rglob("*.py"), *(ROOT / "poptui").glob("app*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            markup = next((keyword.value for keyword in node.keywords if keyword.arg == "markup"), None)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name in TEXT_WIDGETS and not (isinstance(markup, ast.Constant) and markup.value is False):
                problems.append(f"{where}: {name}(...) without markup=False")
            elif name == "from_markup":
                problems.append(f"{where}: from_markup parses text as markup")
            elif isinstance(markup, ast.Constant) and markup.value is True:
                problems.append(f"{where}: markup=True")
    assert not problems, "\n".join(problems)
