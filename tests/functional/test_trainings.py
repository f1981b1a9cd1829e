"""Training days: created with the keyboard, attendees ticked, the attendance list printed as PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from poptui.screens.dialogs import ConfirmDialog
from poptui.screens.print_dialog import PrintResultDialog
from poptui.screens.trainings import TrainingForm, TrainingsScreen
from pypdf import PdfReader
from textual.widgets import DataTable

from poptui.app import PopApp
from poptui.models import AuditAction, Organisation, Person, Role, Training
from poptui.services import forms
from poptui.store import Database


@pytest.fixture
def people(db: Database) -> dict[str, Person]:
    organisation = db.save(Organisation(name="De Werkplaats"))
    return {
        "marc": db.save(Person(first_name="Marc", last_name="Peeters", roles=[Role.TRAINER])),
        "an": db.save(Person(first_name="An", last_name="Aerts", organisation_id=organisation.id, roles=[Role.COACH])),
        "bert": db.save(Person(first_name="Bert", last_name="Bosmans", roles=[Role.COACH])),
        "els": db.save(Person(first_name="Els", last_name="Claes", roles=[Role.COACH])),
    }


async def test_create_a_training_day_with_attendees_and_print_its_attendance_list(
    db: Database, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "printer_available", lambda: False)
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")  # from the home screen
        await pilot.pause()
        assert isinstance(app.screen, TrainingsScreen)

        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, TrainingForm)
        await pilot.press(*"Intervisie POP-coaches")  # the first empty field: the date is today's
        await pilot.press("shift+tab", "end", "ctrl+u", *"12/03/2026", "tab")
        await pilot.press("tab", "enter", "down", "enter")  # the only trainer: Marc
        await pilot.press("tab", *"3,5", "tab", *"Gent")
        await pilot.press("tab", "space", "down", "down", "space")  # An Aerts and Els Claes (by last name)
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, TrainingsScreen)
        [training] = db.list(Training)
        assert (training.date, training.title, training.trainer_id, training.hours, training.place) == (
            date(2026, 3, 12),
            "Intervisie POP-coaches",
            people["marc"].id,
            3.5,
            "Gent",
        )
        assert training.attendee_ids == [people["an"].id, people["els"].id]
        table = app.screen.query_one(DataTable)
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == "12/03/2026" and row[3:] == ["3,5", "2"]

        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PrintResultDialog)
        path = dialog.path
        assert path is not None and path.exists() and path.read_bytes().startswith(b"%PDF")
        assert "Er is geen printer ingesteld" in str(dialog.query_one("#print-hint").render())
        assert not dialog.query_one("#to-printer").display
        text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
        assert "Intervisie POP-coaches" in text and "Els Claes" in text and "Marc Peeters" in text
        assert any(event.action is AuditAction.EXPORT and event.record_id == training.id for event in db.audit_events())

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TrainingsScreen)


async def test_edit_and_delete_a_training_day(db: Database, people: dict[str, Person], tmp_path: Path) -> None:
    training = db.save(Training(date=date(2026, 3, 12), title="Dag 1", attendee_ids=[people["an"].id]))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainingForm)
        await pilot.press("tab", "end", *" en 2")
        await pilot.press("tab", "tab", "tab", "tab", "down", "space")  # also Bert Bosmans
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = db.get(Training, training.id)
        assert stored.title == "Dag 1 en 2" and stored.attendee_ids == [people["an"].id, people["bert"].id]

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no
        await pilot.pause()
        assert len(db.list(Training)) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")  # yes
        await pilot.pause()
        assert db.list(Training) == []
        assert "Nog geen opleidingsdagen" in str(app.screen.query_one("#trainings-empty").render())


async def test_a_training_without_title_is_not_saved(db: Database, people: dict[str, Person]) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TrainingForm)
        assert app.screen.query_one("#field-title").has_class("-invalid")
        assert db.list(Training) == []
