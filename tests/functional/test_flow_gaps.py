"""The last gaps of the coach's keyboard flow (issue 11), each with the real keys at 80x24: the
organisation filled in when there is only one, a Select's list drawn with an ASCII border on the
Linux console, Enter opening a contact moment's method (F3 its guidance), the POP's conclusions
read whole with Enter and taken over with their own key."""

from __future__ import annotations

import pytest
from poptui.screens import navigation
from poptui.screens.employee_form import EmployeeForm
from poptui.screens.import_screen import ImportEmployeesScreen
from poptui.screens.plain_terminal import use_ascii
from poptui.screens.widgets.form import FormField
from poptui.screens.widgets.select import Select
from scenarios import Flow
from textual.pilot import Pilot

from poptui.app import PopApp
from poptui.models import Employee, Organisation
from poptui.store import Database


async def settle(pilot: Pilot[object]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def screen_text(app: PopApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture(autouse=True)
def _unicode_afterwards() -> object:
    yield
    use_ascii(False)


async def test_the_only_organisation_is_filled_in(db: Database) -> None:
    only = db.save(Organisation(name="De Werkplaats"))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        await pilot.press(*"Ines", "tab", *"Peeters", "ctrl+s")
        await settle(pilot)
        (employee,) = db.list(Employee)
        assert (employee.first_name, employee.last_name, employee.organisation_id) == ("Ines", "Peeters", only.id)

        await app.push_screen(ImportEmployeesScreen())
        await settle(pilot)
        assert app.screen.query_one("#import-organisation", Select).value == only.id


async def test_with_two_organisations_the_coach_chooses(db: Database) -> None:
    db.save(Organisation(name="De Werkplaats"))
    db.save(Organisation(name="Groenzorg"))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        field = next(field for field in app.screen.query(FormField) if field.field_name == "organisation_id")
        assert isinstance(field.widget, Select) and field.widget.value is Select.NULL


async def test_a_select_list_has_an_ascii_border_on_the_linux_console(db: Database) -> None:
    db.save(Organisation(name="De Werkplaats"))
    db.save(Organisation(name="Groenzorg"))
    app = PopApp(db, None, ask_coach=False, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        await pilot.press("tab", "tab", "enter")  # the organisation's list opens
        await settle(pilot)
        lines = screen_text(app).splitlines()
        choice = next(index for index, line in enumerate(lines) if "Groenzorg" in line)
        column = lines[choice].index("Groenzorg")
        assert lines[choice][:column].rstrip().endswith("|"), lines[choice]
        below = lines[choice + 1 :]
        assert any("+----" in line for line in below[:3]), "\n".join(below[:3])
