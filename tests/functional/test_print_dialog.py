"""Afdrukken: the PDF is written in the background, its place shown, and the printer offered only where `lp` exists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from poptui.screens import navigation
from poptui.screens.dialogs import ChooseDialog
from poptui.screens.print_dialog import BlankWorksheetDialog, PrintResultDialog, print_form
from poptui.screens.trainings import TrainingsScreen
from pypdf import PdfReader
from textual.widgets import Button

from poptui.app import PopApp
from poptui.models import AuditAction, Organisation
from poptui.services import forms
from poptui.store import Database


def _fake_lp(folder: Path, exit_code: int = 0) -> Path:
    """An `lp` that notes its arguments, so printing can be tried without a printer."""
    folder.mkdir(exist_ok=True)
    log = folder / "lp.log"
    script = folder / "lp"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\necho "geen papier" >&2\nexit {exit_code}\n')
    script.chmod(0o755)
    return log


def _blank_pdf(tmp_path: Path):
    def write() -> Path:
        return forms.export_blank("smart", None, tmp_path / "uit")

    return write


async def _open(app: PopApp, pilot, write, record=None) -> PrintResultDialog:
    print_form(app, write, "werkblad SMART", record=record)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, PrintResultDialog)
    return app.screen


async def test_without_lp_the_path_is_shown_and_no_printer_is_offered(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    assert not forms.printer_available()
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot, _blank_pdf(tmp_path))
        assert dialog.path == tmp_path / "uit" / dialog.path.name and dialog.path.exists()
        assert str(dialog.query_one("#print-path").render()) == str(dialog.path)
        assert not dialog.query_one("#to-printer", Button).display
        assert "lp" in str(dialog.query_one("#print-hint").render())
        await pilot.press("p")
        await pilot.pause()
        assert not dialog.query_one("#print-message").display
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PrintResultDialog)


async def test_with_lp_the_file_goes_to_the_printer_and_is_audited(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _fake_lp(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    organisation = db.save(Organisation(name="De Werkplaats"))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot, _blank_pdf(tmp_path), record=organisation)
        button = dialog.query_one("#to-printer", Button)
        assert button.display and app.focused is button
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert log.read_text().split() == ["--", str(dialog.path)]
        message = dialog.query_one("#print-message")
        assert "Naar de printer gestuurd" in str(message.render()) and not message.has_class("-error")
        assert any(
            event.action is AuditAction.PRINT and event.record_id == organisation.id for event in db.audit_events()
        )


async def test_a_printer_error_is_shown_in_dutch(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_lp(tmp_path / "bin", exit_code=1)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot, _blank_pdf(tmp_path))
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = dialog.query_one("#print-message")
        assert "Afdrukken lukte niet: geen papier" in str(message.render()) and message.has_class("-error")


async def test_a_file_that_cannot_be_written_is_explained(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forms, "printer_available", lambda: True)

    def refused() -> Path:
        raise PermissionError(13, "Permission denied", "/afgeschermd")

    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await _open(app, pilot, refused)
        assert dialog.path is None and not dialog.query_one("#to-printer", Button).display
        assert "Het document is niet gemaakt" in str(dialog.query_one("#print-status").render())
        message = dialog.query_one("#print-message")
        assert "geen toegang tot /afgeschermd" in str(message.render()) and message.has_class("-error")


async def test_print_a_blank_worksheet_for_an_organisation(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forms, "printer_available", lambda: False)
    organisation = db.save(Organisation(name="De Werkplaats"))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.print_blank_worksheet(app, organisation.id)
        await pilot.pause()
        assert isinstance(app.screen, BlankWorksheetDialog)
        assert len(app.screen.choices) == len(forms.worksheet_names())
        await pilot.press("down", "down", "down", "enter")  # the fourth: SMART
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PrintResultDialog)
        text = "\n".join(page.extract_text() for page in PdfReader(dialog.path).pages)
        assert "SMART" in text and "De Werkplaats" in text


async def test_the_palette_lists_the_new_screens(db: Database) -> None:
    from poptui.screens.commands import PopCommands

    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        entries = {entry.name: entry.callback for entry in PopCommands(app.screen)._entries()}
        assert {"Opleidingen", "Maandrapport", "Blanco werkbladen afdrukken"} <= set(entries)
        entries["Blanco werkbladen afdrukken"]()
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("escape")
        await pilot.pause()
        entries["Opleidingen"]()
        await pilot.pause()
        assert isinstance(app.screen, TrainingsScreen)


async def test_a_draft_pop_is_printed_only_after_saying_so(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from poptui.screens.dialogs import ConfirmDialog

    from poptui.models import PopDocument, PopStatus

    monkeypatch.setattr(forms, "printer_available", lambda: False)
    draft = next(pop for pop in demo_db.list(PopDocument) if pop.status is PopStatus.DRAFT)
    final = next(pop for pop in demo_db.list(PopDocument) if pop.status is PopStatus.FINAL)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.print_pop(app, draft.trajectory_id)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "nog niet definitief" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, PrintResultDialog)

        navigation.print_pop(app, draft.trajectory_id)
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and "_POP_" in app.screen.path.name
        await pilot.press("escape")
        await pilot.pause()

        navigation.print_pop(app, final.trajectory_id)  # a final POP prints at once
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and app.screen.path.exists()


async def test_k_on_the_employee_page_prints_the_consent_document(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from poptui.models import Employee

    monkeypatch.setattr(forms, "printer_available", lambda: False)
    employee = next(employee for employee in demo_db.list(Employee) if not employee.archived)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_employee(app, employee.id)
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog)
        assert "_TOESTEMMING_" in app.screen.path.name
        text = "\n".join(page.extract_text() for page in PdfReader(app.screen.path).pages)
        assert employee.last_name in text


async def _written_path(app: PopApp, pilot) -> Path:
    """The path the print dialog shows once the PDF is written (the writing runs in a thread)."""
    for _attempt in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        if isinstance(screen, PrintResultDialog) and screen.path is not None:
            return screen.path
    raise AssertionError(f"no PDF written; the screen is {type(app.screen).__name__}")


async def test_d_and_k_on_the_trajectory_page_write_the_pop_and_the_consent_document(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from poptui.screens.trajectory_page import TrajectoryScreen

    from poptui.models import Employee, PopDocument, PopStatus

    monkeypatch.setattr(forms, "printer_available", lambda: False)
    final = next(pop for pop in demo_db.list(PopDocument) if pop.status is PopStatus.FINAL)
    employee = demo_db.get(Employee, final.employee_id)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, final.trajectory_id)
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)

        await pilot.press("d")  # a final POP prints without asking
        pop_path = await _written_path(app, pilot)
        assert pop_path.exists() and "_POP_" in pop_path.name
        assert employee.last_name in "\n".join(page.extract_text() for page in PdfReader(pop_path).pages)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)

        await pilot.press("k")
        consent_path = await _written_path(app, pilot)
        assert consent_path.exists() and "_TOESTEMMING_" in consent_path.name
        assert employee.last_name in "\n".join(page.extract_text() for page in PdfReader(consent_path).pages)
