"""The start-up analysis of an organisation: answered, saved, reopened and printed."""

from __future__ import annotations

from datetime import date

import pytest
from poptui.screens import navigation
from poptui.screens.print_dialog import PrintResultDialog
from poptui.screens.startup_analysis import StartupAnalysisScreen, field_name
from pypdf import PdfReader
from textual.widgets import TextArea

from poptui.app import PopApp
from poptui.catalog import load_catalog
from poptui.models import Organisation, StartupAnalysis
from poptui.services import forms
from poptui.store import Database


async def test_answer_save_reopen_and_print_the_startup_analysis(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forms, "printer_available", lambda: False)
    organisation = db.save(Organisation(name="De Werkplaats"))
    guide = load_catalog().startup
    first, second = guide.sections[0].groups[0].questions[:2]
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_startup_analysis(app, organisation.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartupAnalysisScreen)
        labels = [str(label.render()) for label in screen.query(".field-label")]
        assert first.text in labels and guide.sections[-1].groups[-1].questions[-1].text in labels

        await pilot.press("shift+tab")  # it opens on the first question: back to the date (today)
        await pilot.press("end", "ctrl+u", *"04/03/2026", "tab", *"Directeur Jan Peeters", "tab", *"Sofie Claes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # saving keeps the questionnaire open
        [analysis] = db.list(StartupAnalysis)
        assert analysis.date == date(2026, 3, 4)
        assert analysis.answers == {first.id: "Directeur Jan Peeters", second.id: "Sofie Claes"}

        await pilot.press("enter", *"Ook de HR-dienst.")
        await pilot.press("f5")  # printing saves the changes first
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert db.get(StartupAnalysis, analysis.id).answers[second.id] == "Sofie Claes\nOok de HR-dienst."
        assert isinstance(app.screen, PrintResultDialog)
        path = app.screen.path
        assert path is not None and path.read_bytes().startswith(b"%PDF")
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        assert "De Werkplaats" in text and "Directeur Jan Peeters" in text
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, StartupAnalysisScreen)

        navigation.open_startup_analysis(app, organisation.id)
        await pilot.pause()
        reopened = app.screen
        assert reopened.query_one(f"#field-{field_name(first.id)} TextArea", TextArea).text == "Directeur Jan Peeters"
