"""An organisation's hours: added with the keyboard, totals per kind, the hours document printed."""

from __future__ import annotations

from datetime import date

import pytest
from poptui.screens import navigation
from poptui.screens.hours import HoursForm, OrganisationHoursScreen
from poptui.screens.print_dialog import PrintResultDialog
from pypdf import PdfReader
from textual.widgets import DataTable

from poptui.app import PopApp
from poptui.models import HoursEntry, HoursKind, Organisation, Person, Role
from poptui.services import forms
from poptui.store import Database


@pytest.fixture
def organisation(db: Database) -> Organisation:
    return db.save(Organisation(name="De Werkplaats"))


async def test_add_hours_see_the_totals_and_print_the_hours_document(
    db: Database, organisation: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "printer_available", lambda: False)
    coach = db.save(Person(first_name="An", last_name="Aerts", roles=[Role.COACH], login="tester"))
    db.save(HoursEntry(organisation_id=organisation.id, date=date(2026, 3, 2), kind=HoursKind.INTAKE, hours=2))
    app = PopApp(db, coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_hours(app, organisation.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrganisationHoursScreen)
        assert str(screen.query_one("#hours-totals").render()) == "Totaal 2 u · Intake 2 u"

        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, HoursForm)
        assert app.screen.focused is app.screen.query_one("#field-kind").widget  # the first choice to make
        await pilot.press("shift+tab", "end", "ctrl+u", *"09/03/2026")
        await pilot.press("tab", "enter", "down", "down", "enter")  # (kies) -> Intake -> Begeleiding organisatie
        await pilot.press("tab", *"1,5")
        await pilot.press("tab", "tab", *"Opstartanalyse overlopen")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is screen
        entry = next(entry for entry in db.list(HoursEntry) if entry.hours == 1.5)
        assert (entry.date, entry.kind, entry.coach_id, entry.description) == (
            date(2026, 3, 9),
            HoursKind.GUIDANCE_ORGANISATION,
            coach.id,
            "Opstartanalyse overlopen",
        )
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        assert [str(cell) for cell in table.get_row_at(1)[:3]] == ["09/03/2026", "Begeleiding organisatie", "1,5"]
        assert str(screen.query_one("#hours-totals").render()) == (
            "Totaal 3,5 u · Intake 2 u · Begeleiding organisatie 1,5 u"
        )

        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog)
        path = app.screen.path
        assert path is not None and path.read_bytes().startswith(b"%PDF")
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        assert "De Werkplaats" in text and "Opstartanalyse overlopen" in text
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("down", "delete")
        await pilot.pause()
        await pilot.press("enter")  # yes
        await pilot.pause()
        assert [entry.hours for entry in db.list(HoursEntry)] == [2]
        assert str(screen.query_one("#hours-totals").render()) == "Totaal 2 u · Intake 2 u"


async def test_hours_need_a_kind(db: Database, organisation: Organisation) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_hours(app, organisation.id)
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("tab", "2", "ctrl+s")  # from the kind (the first empty field) to the hours
        await pilot.pause()
        assert isinstance(app.screen, HoursForm)
        assert app.screen.query_one("#field-kind").has_class("-invalid")
        assert db.list(HoursEntry) == []
