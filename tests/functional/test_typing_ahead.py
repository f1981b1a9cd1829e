"""Typing ahead: a coach who types "Ines<Tab>Peeters" in one burst, without waiting for the screen,
finds "Ines" in the first field and "Peeters" in the second. Textual hands a key to the focused
widget's queue and moves the focus only when that widget handles the Tab, so the letters right
after a Tab used to land in the field just left; Tab and Shift+Tab now move the focus before the
next key is read. Likewise "Peeters<Ctrl+S>" saved the form before "Peeters" reached its field:
a priority key now waits for the keys typed before it."""

from __future__ import annotations

from poptui.screens.employee_form import EmployeeForm
from poptui.screens.widgets.form import FormField
from textual import events
from textual.keys import key_to_character
from textual.pilot import Pilot
from textual.widgets import Input

from poptui.app import PopApp
from poptui.models import Employee, Organisation
from poptui.store import Database


def burst(app: PopApp, keys: list[str]) -> None:
    """The keys as a terminal delivers a fast typist's burst: all queued before the first is handled."""
    for key in keys:
        app.post_message(events.Key(key, key_to_character(key)))


async def settle(pilot: Pilot[object]) -> None:
    for _turn in range(4):
        await pilot.pause()


def field_value(app: PopApp, name: str) -> str:
    field = next(field for field in app.screen.query(FormField) if field.field_name == name)
    assert isinstance(field.widget, Input)
    return field.widget.value


async def test_letters_typed_after_tab_go_to_the_next_field(db: Database) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        assert field_value(app, "first_name") == "" and app.focused is not None
        burst(app, [*"abc", "tab", *"def"])
        await settle(pilot)
        assert field_value(app, "first_name") == "abc"
        assert field_value(app, "last_name") == "def"
        # back and forth: a field reached with (Shift+)Tab has its text selected, the letters
        # typed replace it (as in every form), in the field the Tab reached
        burst(app, ["shift+tab", *"gh", "tab", *"ij"])
        await settle(pilot)
        assert field_value(app, "first_name") == "gh"
        assert field_value(app, "last_name") == "ij"


async def test_a_burst_ending_in_ctrl_s_saves_every_letter(db: Database) -> None:
    organisation = db.save(Organisation(name="De Werkplaats"))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        burst(app, [*"Ines", "tab", *"Peeters", "ctrl+s"])
        await settle(pilot)
        (employee,) = db.list(Employee)
        assert (employee.first_name, employee.last_name, employee.organisation_id) == (
            "Ines",
            "Peeters",
            organisation.id,
        )
