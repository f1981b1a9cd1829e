"""The drafts screen and the person-rights screen (export / erase with confirmation) in the app."""

from __future__ import annotations

from poptui.screens.dialogs import ConfirmDialog, MessageDialog
from poptui.screens.drafts_screen import DraftsScreen, drafts_notice
from poptui.screens.person_rights import PersonRightsScreen

from poptui.app import PopApp
from poptui.models import Employee
from poptui.services import drafts
from poptui.store import Database


async def test_drafts_screen_lists_shows_and_removes(demo_db: Database) -> None:
    employee = demo_db.list(Employee)[0]
    drafts.save_draft(demo_db, f"employee-{employee.id}", "Werknemer bewerken", {"function": "Concepttekst"})
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Werknemer bewerken" in drafts_notice(demo_db)
        await app.push_screen(DraftsScreen())
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog) and "Concepttekst" in app.screen.text
        await pilot.press("escape", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert drafts.list_drafts(demo_db) == [] and drafts_notice(demo_db) == ""


async def test_person_rights_screen_exports_and_erases_after_confirmation(demo_db: Database) -> None:
    count = len(demo_db.list(Employee))
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = PersonRightsScreen()
        await app.push_screen(screen)
        await pilot.pause()
        first = screen._employees[0]
        await pilot.press("e")
        await pilot.pause()
        assert "gegevens.json" in str(screen.query_one("#rights-result").render())
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and first.full_name in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert len(demo_db.list(Employee)) == count
        await pilot.press("w", "j")
        await pilot.pause()
        assert demo_db.find(Employee, first.id) is None
        assert "Gewist" in str(screen.query_one("#rights-result").render())
