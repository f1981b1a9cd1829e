"""Employees: filter as you type, create (with Dutch errors beside the fields), open, archive, history."""

from __future__ import annotations

import pytest
from poptui.screens import navigation
from poptui.screens.dialogs import ConfirmDialog, MessageDialog
from poptui.screens.employee_form import EmployeeForm
from poptui.screens.employee_page import EmployeeScreen
from poptui.screens.employees import EmployeesScreen
from poptui.screens.widgets.virtual_table import VirtualTable
from textual.widgets import DataTable, Input, Select, Static

from poptui.app import PopApp
from poptui.models import Employee, Level, Organisation, Person, Role, Trajectory, TrajectoryStatus
from poptui.store import Database


def _employee(db: Database, first_name: str) -> Employee:
    return next(employee for employee in db.list(Employee) if employee.first_name == first_name)


def _names(table: DataTable | VirtualTable) -> list[str]:
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_filter_as_you_type_then_open_with_enter(demo_db: Database) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, EmployeesScreen)
        table = app.screen.query_one("#employees", VirtualTable)
        assert table.row_count == 12
        assert isinstance(app.screen.focused, Input)
        await pilot.press(*"ines")  # without the accent
        await pilot.pause()
        assert _names(table) == ["Inès Van den Broeck"]
        await pilot.press("backspace", "backspace", "backspace", "backspace", *"ATELIER")
        await pilot.pause()
        assert _names(table) == ["Fatima Bouzid", "Jan D'Hondt", "Ayşe Müller-Özdemir"]
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.focused is table
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EmployeeScreen)
        assert app.screen.employee_id == _employee(demo_db, "Jan").id


async def test_create_an_employee_refuses_a_wrong_date_beside_the_field(demo_db: Database) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    werkplaats = next(item for item in demo_db.list(Organisation) if item.name == "De Werkplaats vzw")
    before = len(demo_db.list(Employee))
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_employees(app, werkplaats.id)
        await pilot.pause()
        await pilot.press("f3")  # new employee
        await pilot.pause()
        assert isinstance(app.screen, EmployeeForm)
        form = app.screen
        assert form.query_one("#organisation", Select).value == werkplaats.id
        supervisors = {str(prompt) for prompt, _value in form.query_one("#supervisor", Select)._options}
        assert {"Luc Maes", "Karim Benali"} <= supervisors and "Els Wouters" not in supervisors

        await pilot.press(*"Jonas", "tab", *"D'Haese", "tab", "tab", *"Medewerker logistiek")
        for _ in range(3):  # supervisor, reflection, consent date
            await pilot.press("tab")
        await pilot.press(*"31/02/2025", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EmployeeForm)
        field = form.query_one("#field-consent_date")
        assert field.has_class("-invalid")
        assert "dd/mm/jjjj" in str(field.query_one(".field-error", Static).render())
        assert len(demo_db.list(Employee)) == before

        await pilot.press(*["backspace"] * 10, *"28/02/2025", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EmployeeScreen)  # the new employee's page opens
        jonas = _employee(demo_db, "Jonas")
        assert (jonas.last_name, jonas.organisation_id, jonas.function) == (
            "D'Haese",
            werkplaats.id,
            "Medewerker logistiek",
        )
        assert jonas.consent_date.isoformat() == "2025-02-28"
        assert app.screen.employee_id == jonas.id


async def test_supervisor_list_follows_the_organisation_and_reflection_shows_help(demo_db: Database) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "f3")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EmployeeForm)
        assert [value for _prompt, value in form.query_one("#supervisor", Select)._options] == [Select.NULL]
        await pilot.press(*"Kim", "tab", *"Claes", "tab", "enter")  # open the organisation list
        await pilot.press("down", "down", "enter")  # the second organisation: LDE Groen & Zorg
        await pilot.pause()
        groenzorg = next(item for item in demo_db.list(Organisation) if item.name == "LDE Groen & Zorg")
        assert form.query_one("#organisation", Select).value == groenzorg.id
        supervisors = [
            str(prompt) for prompt, value in form.query_one("#supervisor", Select)._options if value is not Select.NULL
        ]
        assert supervisors == ["Els Wouters"]
        await pilot.press("tab", "tab", "enter", "down", "enter")  # function, supervisor: Els
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # reflection: hoog
        await pilot.pause()
        help_line = str(form.query_one("#field-reflection .field-help", Static).render())
        assert "goed zelf reflecteren" in help_line
        await pilot.press("ctrl+s")
        await pilot.pause()
        kim = _employee(demo_db, "Kim")
        els = next(person for person in demo_db.list(Person) if person.first_name == "Els")
        assert (kim.organisation_id, kim.supervisor_id, kim.reflection) == (groenzorg.id, els.id, Level.HIGH)


async def test_archive_from_the_employee_page_and_show_archived(demo_db: Database) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    bart = _employee(demo_db, "Bart")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", *"bart", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EmployeeScreen)
        details = str(app.screen.query_one("#details-left", Static).render())
        started = bart.start_date.strftime("%d/%m/%Y") if bart.start_date else "(onbekend)"
        assert f"In dienst: {started}" in details or ("In dienst" in details and started in details)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert demo_db.get(Employee, bart.id).archived
        assert app.screen.query_one("#archived-banner", Static).display

        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog)
        assert "Werknemer gewijzigd (Gearchiveerd)" in app.screen.text
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EmployeesScreen)
        table = app.screen.query_one("#employees", VirtualTable)
        assert table.row_count == 0
        await pilot.press("ctrl+a", "backspace", "f6")
        await pilot.pause()
        assert "Bart Lemmens (archief)" in _names(table)

        await pilot.press("escape")
        await pilot.pause()
        navigation.open_employee(app, bart.id)
        await pilot.pause()
        await pilot.press("a", "j")  # terugzetten
        await pilot.pause()
        assert not demo_db.get(Employee, bart.id).archived


async def test_employee_page_lists_trajectories_and_starts_a_follow_up(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple] = []
    monkeypatch.setattr(
        navigation,
        "new_trajectory",
        lambda app, employee_id, previous_trajectory_id=None: calls.append(
            ("new", employee_id, previous_trajectory_id)
        ),
    )
    monkeypatch.setattr(navigation, "open_trajectory", lambda app, trajectory_id: calls.append(("open", trajectory_id)))
    patrick = _employee(demo_db, "Patrick")
    fatima = _employee(demo_db, "Fatima")
    completed = next(
        item for item in demo_db.list(Trajectory, employee_id=fatima.id) if item.status is TrajectoryStatus.COMPLETED
    )
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_employee(app, patrick.id)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
        assert [row[2] for row in rows] == ["Actief", "Afgerond"]
        assert rows[0][3].startswith("Vervolg op POP van") and rows[1][3] == "Eerste POP"
        details = str(app.screen.query_one("#details-right", Static).render())
        assert "gegeven op" in details and "account aanwezig" in details
        await pilot.press("enter")
        assert calls[-1] == ("open", table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

        await pilot.press("escape")
        navigation.open_employee(app, fatima.id)
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert calls[-1] == ("new", fatima.id, completed.id)


async def test_empty_list_says_what_to_do(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier Élan"))
    db.save(Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR]))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        message = str(app.screen.query_one("#employees-empty", Static).render())
        assert "Nog geen werknemers. Druk F3 om er een toe te voegen of F4 om te importeren." in message
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, EmployeeForm)


async def test_a_long_list_pages_and_opens_the_highlighted_employee(db: Database) -> None:
    """Only the rows on screen are drawn; keys still reach every row."""
    from poptui.store.bulk import write_many

    organisation = db.save(Organisation(name="Atelier"))
    write_many(
        db,
        [
            Employee(
                first_name=f"Naam{number:03d}", last_name=f"Achternaam{number:03d}", organisation_id=organisation.id
            )
            for number in range(150)
        ],
    )
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        table = app.screen.query_one("#employees", VirtualTable)
        assert table.row_count == 150
        await pilot.press("down", "end")
        await pilot.pause()
        assert table.cursor_row == 149 and table.scroll_offset.y > 0
        await pilot.press("pageup", "up")
        await pilot.pause()
        expected = str(table.get_row_at(table.cursor_row)[0])
        assert 120 < table.cursor_row < 149
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EmployeeScreen)
        assert _employee(db, expected.split()[0]).id == app.screen.employee_id
        await pilot.press("escape")
        await pilot.pause()
        assert str(table.get_row_at(table.cursor_row)[0]) == expected  # back on the same row
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_offset.y == 0


async def test_the_list_opened_again_shows_what_is_stored_now(demo_db: Database) -> None:
    """A list opened again while nothing changed shows the same lines (kept from the last open, shared,
    never changed by a filter); once an employee is added or archived, it shows the change."""
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        first = _names(app.screen.query_one("#employees", VirtualTable))
        assert len(first) == 12
        await pilot.press(*"ines")
        await pilot.pause()
        assert _names(app.screen.query_one("#employees", VirtualTable)) == ["Inès Van den Broeck"]
        await pilot.press("escape", "escape")  # empties the search box, then back home
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        table = app.screen.query_one("#employees", VirtualTable)
        assert _names(table) == first
        await pilot.press("f6")  # with the archived ones, and back: the same lines again
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert _names(table) == first
        await pilot.press("escape")
        await pilot.pause()
        organisation = demo_db.list(Organisation)[0]
        demo_db.save(Employee(first_name="Aaron", last_name="Aerts", organisation_id=organisation.id))
        archived = _employee(demo_db, "Inès")
        demo_db.save(archived.model_copy(update={"archived": True}))
        await pilot.press("w")
        await pilot.pause()
        now = _names(app.screen.query_one("#employees", VirtualTable))
        assert now[0] == "Aaron Aerts"
        assert "Inès Van den Broeck" not in now and len(now) == 12
        await pilot.press("f6")
        await pilot.pause()
        assert "Inès Van den Broeck (archief)" in _names(app.screen.query_one("#employees", VirtualTable))
