"""The employee import in the app: preview per row first, import on Ctrl+S after a confirmation."""

from __future__ import annotations

from pathlib import Path

from poptui.screens import navigation
from poptui.screens.dialogs import ConfirmDialog
from poptui.screens.import_screen import ImportEmployeesScreen
from poptui.screens.organisations import OrganisationScreen
from textual.widgets import DataTable, Select, Static

from poptui.app import PopApp
from poptui.models import Employee, Organisation, Person
from poptui.store import Database

CSV = (
    "Werknemers;;;;\r\n"
    "voornaam;achternaam;functie;begeleider;reflectievermogen\r\n"
    "Jonas;D'Haese;Logistiek;Karim Benali;laag\r\n"
    "Jan;D'Hondt;Houtatelier;Luc Maes;laag\r\n"
    "Eva;Van Damme;Onthaal;Greet Peeters;matig\r\n"
    "Noor;El Idrissi;Onthaal;Greet Peeters;hoog\r\n"
)


def _werkplaats(db: Database) -> Organisation:
    return next(item for item in db.list(Organisation) if item.name == "De Werkplaats vzw")


async def test_preview_then_import_from_the_organisation_page(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "nieuw.csv"
    path.write_bytes(CSV.encode("cp1252"))
    werkplaats = _werkplaats(demo_db)
    before = len(demo_db.list(Employee))
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_organisation(app, werkplaats.id)
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportEmployeesScreen)
        assert screen.query_one("#import-organisation", Select).value == werkplaats.id
        await pilot.press(*str(path), "enter")
        await pilot.pause()
        table = screen.query_one(DataTable)
        rows = [table.get_row_at(index) for index in range(table.row_count)]
        assert [(row[1], row[2]) for row in rows] == [
            ("Jonas D'Haese", "wordt toegevoegd"),
            ("Jan D'Hondt", "overgeslagen: dubbel"),
            ("Eva Van Damme", "geweigerd"),
            ("Noor El Idrissi", "wordt toegevoegd"),
        ]
        assert "Reflectievermogen" in rows[2][3]
        assert "nieuwe werkvloerbegeleider Greet Peeters" in rows[3][3]
        assert len(demo_db.list(Employee)) == before  # the preview saved nothing

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert app.screen is screen
        names = {employee.full_name for employee in demo_db.list(Employee)}
        assert {"Jonas D'Haese", "Noor El Idrissi"} <= names and "Eva Van Damme" not in names
        assert len(names) == before + 2
        greet = next(person for person in demo_db.list(Person) if person.full_name == "Greet Peeters")
        noor = next(employee for employee in demo_db.list(Employee) if employee.first_name == "Noor")
        assert noor.supervisor_id == greet.id
        assert "2 toegevoegd" in str(screen.query_one("#import-summary", Static).render())
        assert table.get_row_at(0)[2] == "toegevoegd"

        await pilot.press("ctrl+s")  # a second Ctrl+S does not import twice
        await pilot.pause()
        assert len(demo_db.list(Employee)) == before + 2


async def test_a_missing_file_is_named_beside_the_field(demo_db: Database, tmp_path: Path) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    before = len(demo_db.list(Employee))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "down", "i")  # from the employee list
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportEmployeesScreen)
        assert screen.query_one("#import-organisation", Select).value is Select.NULL
        await pilot.press("enter", "down", "enter", "tab")  # choose the first organisation, then the file
        await pilot.press(*str(tmp_path / "bestaat-niet.xlsx"), "enter")
        await pilot.pause()
        error = screen.query_one("#import-error", Static)
        assert error.display and "bestaat niet" in str(error.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert len(demo_db.list(Employee)) == before
