"""The employee import in the app: preview per row first, import on Ctrl+S after a confirmation."""

from __future__ import annotations

from pathlib import Path

from control_payloads import PAYLOADS, hostile_csv, unsafe
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


async def _settle(app: PopApp, pilot) -> None:
    """Let the screen's worker (reading or saving in a thread) finish and its results arrive."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


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
        await _settle(app, pilot)
        table = screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
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
        await pilot.press("enter")  # yes
        await _settle(app, pilot)
        assert app.screen is screen
        names = {employee.full_name for employee in demo_db.list(Employee)}
        assert {"Jonas D'Haese", "Noor El Idrissi"} <= names and "Eva Van Damme" not in names
        assert len(names) == before + 2
        greet = next(person for person in demo_db.list(Person) if person.full_name == "Greet Peeters")
        noor = next(employee for employee in demo_db.list(Employee) if employee.first_name == "Noor")
        assert noor.supervisor_id == greet.id
        assert "2 toegevoegd" in str(screen.query_one("#import-summary", Static).render())
        assert str(table.get_row_at(0)[2]) == "toegevoegd"

        await pilot.press("ctrl+s")  # a second Ctrl+S does not import twice
        await pilot.pause()
        assert len(demo_db.list(Employee)) == before + 2


async def test_a_missing_file_is_named_beside_the_field(demo_db: Database, tmp_path: Path) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    before = len(demo_db.list(Employee))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "f4")  # from the employee list
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


async def test_the_preview_and_the_report_show_no_control_payload(demo_db: Database, tmp_path: Path) -> None:
    """The corpus of tests/control_payloads.py in every column and a header cell of the file."""
    path = hostile_csv(tmp_path / "vijandig.csv")
    werkplaats = _werkplaats(demo_db)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ImportEmployeesScreen(werkplaats.id))
        await pilot.pause()
        screen = app.screen
        await pilot.press(*str(path), "enter")
        await _settle(app, pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == len(PAYLOADS)
        for index in range(table.row_count):
            cells = [str(cell) for cell in table.get_row_at(index)]
            assert cells[1].startswith(f"Naam{index}")
            assert unsafe(" ".join(cells)) == []
        shown = [_rendered(app)]
        for index in range(table.row_count):  # every row's full text in the detail line, as the coach sees it
            detail = str(screen.query_one("#import-detail", Static).render())
            assert detail.startswith(f"Rij {index + 2}: Naam{index}") and unsafe(detail) == []
            await pilot.press("down")
        shown.append(_rendered(app))
        assert "Extraklembord" in str(screen.query_one("#import-summary", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown.append(_rendered(app))  # the confirmation names the organisation
        await pilot.press("enter")  # yes
        await _settle(app, pilot)
        shown.append(_rendered(app))  # the report after the import and its notification
        for text in shown:
            assert unsafe(text) == [], text
        svg = app.export_screenshot()
        assert unsafe(svg) == [] and "\x1b" not in svg
        for employee in demo_db.list(Employee):
            assert unsafe(employee.full_name + employee.function + employee.remarks) == []
        assert any(employee.first_name.startswith("Naam1") for employee in demo_db.list(Employee))


def _rendered(app: PopApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_markup_in_the_file_and_the_organisation_shows_literally(db: Database, tmp_path: Path) -> None:
    organisation = db.save(Organisation(name="Atelier [b]vet[/b] [/]"))
    path = tmp_path / "markup.csv"
    path.write_text(
        "voornaam;achternaam;functie;[red]kolom[/red]\n"
        "Jan [/];Peeters;Poetshulp [tijdelijk];x\n"
        "[@click=app.quit]Kim;Claes;[bold]Hout;x\n",
        encoding="utf-8",
    )
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ImportEmployeesScreen(organisation.id))
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await _settle(app, pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        assert [str(table.get_row_at(index)[1]) for index in range(table.row_count)] == [
            "Jan [/] Peeters",
            "[@click=app.quit]Kim Claes",
        ]
        rendered = _rendered(app)
        assert "Atelier [b]vet[/b] [/]" in rendered and "Jan [/] Peeters" in rendered
        assert "[red]kolom[/red]" in str(screen.query_one("#import-summary", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # yes
        await _settle(app, pilot)
        assert app.is_running and app.screen is screen  # a click action in a name did nothing
        functions = sorted(employee.function for employee in db.list(Employee))
        assert functions == ["Poetshulp [tijdelijk]", "[bold]Hout"]


async def test_a_large_file_says_which_rows_the_table_leaves_out(
    demo_db: Database, tmp_path: Path, monkeypatch
) -> None:
    """Above TABLE_LIMIT rows the table shows only rows that are not added; the line under it says
    how many of those it shows and never calls a refused row "in orde" (it once said "the other
    1000 rows are in order" of a file where all 3,000 were refused)."""
    from poptui.screens import import_screen

    monkeypatch.setattr(import_screen, "TABLE_LIMIT", 3)
    header = "voornaam;achternaam;functie;begeleider;reflectievermogen\r\n"
    refused = "".join(f"Fout{index};Rij{index};Logistiek;Luc Maes;matig\r\n" for index in range(5))
    added = "".join(f"Goed{index};Rij{index};Logistiek;Luc Maes;laag\r\n" for index in range(2))
    cases = [
        (refused + added, 3, "De tabel toont de eerste 3 van de 5 rijen die niet worden toegevoegd."),
        (refused + added, 3, "De andere 2 rijen zijn in orde en staan niet in de tabel."),
        (refused[: refused.index("Fout2")] + added + added.replace("Goed", "Ook"), 2, "De tabel toont de 2 rijen"),
        (refused + added[: added.index("Goed1")], 3, "De andere rij is in orde en staat niet in de tabel."),
    ]
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_organisation(app, _werkplaats(demo_db).id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportEmployeesScreen)
        for index, (body, shown, expected) in enumerate(cases):
            path = tmp_path / f"groot{index}.csv"
            path.write_text(header + body, encoding="utf-8")
            field = screen.query_one("#import-path")
            field.focus()
            field.value = ""  # type: ignore[attr-defined]
            await pilot.press(*str(path), "enter")
            await _settle(app, pilot)
            table = screen.query_one(DataTable)
            assert table.row_count == shown
            assert all("geweigerd" in str(table.get_row_at(row)[2]) for row in range(shown))
            summary = " ".join(str(screen.query_one("#import-summary", Static).render()).split())
            assert expected in summary, summary
            assert "1000" not in summary
