"""The mark "opgeladen in Mijn Loopbaan": the service rules, the CLI, the schema 1 -> 2 migration,
and the month package and its Excel that use the mark."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from export_fixtures import employee, moments, organisation, pop, trajectory
from openpyxl import load_workbook
from scenarios import FrozenClock
from store_files import downgrade_to_schema_2, trajectories_file

from poptui.cli import main
from poptui.models import PopDocument, PopStatus
from poptui.services import mijn_loopbaan, pop_documents
from poptui.services.forms import month_package
from poptui.store import Database, schema

TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _today(clock: FrozenClock) -> None:
    """The CLI takes today from the clock: the same day as the services here."""
    clock.set(TODAY)


@pytest.fixture
def final(db: Database) -> tuple[str, PopDocument]:
    """A completed trajectory with a final POP (finalised 28/11/2026), not uploaded yet."""
    org = db.save(organisation())
    worker = db.save(employee(org.id))
    traject = db.save(trajectory(worker.id, None))
    db.save_all(moments(worker.id, traject.id))
    return traject.id, db.save(pop(worker.id, traject.id))


def test_steps_name_the_real_document(db: Database, final: tuple[str, PopDocument]) -> None:
    trajectory_id, _pop = final
    state = mijn_loopbaan.upload_state(db, trajectory_id, TODAY)
    assert state.file_name == "20261128_POP_VANDENBROECK_INES.pdf"
    steps = mijn_loopbaan.upload_steps(state.document_name)
    assert any("20261128_POP_VANDENBROECK_INES" in step and ".pdf" not in step for step in steps)
    assert any("Mijn documenten" in step for step in steps) and any("Voeg document toe" in step for step in steps)
    assert all("{" not in step for step in steps)
    assert state.summary() == "Nog niet opgeladen in Mijn Loopbaan."


def test_mark_keeps_day_and_who(db: Database, final: tuple[str, PopDocument]) -> None:
    trajectory_id, _pop = final
    saved = mijn_loopbaan.mark_uploaded(db, trajectory_id, date(2026, 11, 30), "An Janssens", TODAY)
    assert saved.uploaded_on == date(2026, 11, 30) and saved.uploaded_by == "An Janssens"
    state = mijn_loopbaan.upload_state(db, trajectory_id, TODAY)
    assert state.summary() == "Opgeladen in Mijn Loopbaan op 30/11/2026 door An Janssens."
    cleared = mijn_loopbaan.clear_upload(db, trajectory_id, TODAY)
    assert cleared is not None and cleared.uploaded_on is None and cleared.uploaded_by == ""


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (TODAY + timedelta(days=1), "in de toekomst"),
        (date(2026, 11, 27), "pas definitief op 28/11/2026"),
    ],
)
def test_mark_refuses_a_day_in_the_future_or_before_final(
    db: Database, final: tuple[str, PopDocument], day: date, message: str
) -> None:
    trajectory_id, _pop = final
    with pytest.raises(mijn_loopbaan.UploadRefused, match=message):
        mijn_loopbaan.mark_uploaded(db, trajectory_id, day, "an", TODAY)
    mijn_loopbaan.mark_uploaded(db, trajectory_id, TODAY, "an", TODAY)  # today itself is fine
    mijn_loopbaan.mark_uploaded(db, trajectory_id, date(2026, 11, 28), "an", TODAY)  # and the final day too


def test_only_a_final_pop_can_be_marked_and_reopening_clears_the_mark(
    db: Database, final: tuple[str, PopDocument]
) -> None:
    trajectory_id, stored = final
    marked = mijn_loopbaan.mark_uploaded(db, trajectory_id, TODAY, "an", TODAY)
    reopened = pop_documents.reopen(db, marked)
    assert reopened.status is PopStatus.DRAFT and reopened.uploaded_on is None and reopened.uploaded_by == ""
    with pytest.raises(mijn_loopbaan.UploadRefused, match="Alleen een definitief POP"):
        mijn_loopbaan.mark_uploaded(db, trajectory_id, TODAY, "an", TODAY)
    assert stored.id == reopened.id


def test_cli_marks_with_a_date_and_clears(
    db: Database, final: tuple[str, PopDocument], capsys: pytest.CaptureFixture[str]
) -> None:
    trajectory_id, stored = final
    assert main(["pop", "uploaded", trajectory_id, "--db", str(db.path), "--date", "2026-11-29"]) == 0
    assert "Opgeladen in Mijn Loopbaan op 29/11/2026 door tester." in capsys.readouterr().out
    assert db.get(PopDocument, stored.id).uploaded_on == date(2026, 11, 29)
    assert main(["pop", "uploaded", trajectory_id, "--db", str(db.path), "--clear"]) == 0
    assert db.get(PopDocument, stored.id).uploaded_on is None
    assert main(["pop", "uploaded", trajectory_id, "--db", str(db.path), "--steps"]) == 0
    out = capsys.readouterr().out
    assert "Mijn documenten" in out and "20261128_POP_VANDENBROECK_INES" in out
    assert db.get(PopDocument, stored.id).uploaded_on is None  # --steps marks nothing


def test_cli_refusals_in_dutch(
    db: Database, final: tuple[str, PopDocument], capsys: pytest.CaptureFixture[str]
) -> None:
    trajectory_id, _stored = final
    assert main(["pop", "uploaded", trajectory_id, "--db", str(db.path), "--date", "2999-01-01"]) == 1
    assert "in de toekomst" in capsys.readouterr().err
    assert main(["pop", "uploaded", trajectory_id, "--db", str(db.path), "--date", "morgen"]) == 2
    assert "Geef de datum als JJJJ-MM-DD" in capsys.readouterr().err
    assert main(["pop", "uploaded", "onbekend", "--db", str(db.path)]) == 1


def test_month_package_and_excel_use_the_mark(db: Database, final: tuple[str, PopDocument], tmp_path: Path) -> None:
    trajectory_id, _stored = final
    before = month_package(db, 2026, 11, tmp_path / "voor", today=TODAY)
    assert any("nog niet opgeladen in Mijn Loopbaan" in item for item in before.missing)
    mijn_loopbaan.mark_uploaded(db, trajectory_id, date(2026, 11, 30), "An Janssens", TODAY)
    after = month_package(db, 2026, 11, tmp_path / "na", today=TODAY)
    assert not any("Mijn Loopbaan" in item for item in after.missing)
    book = load_workbook(io.BytesIO((after.folder / "2026-11_OVERZICHT_POP-TRAJECTEN.xlsx").read_bytes()))
    sheet = book.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    row = {header: cell for header, cell in zip(headers, sheet[2], strict=True)}
    assert row["Opgeladen in Mijn Loopbaan"].value == "ja"
    assert row["Datum opgeladen"].is_date and row["Datum opgeladen"].value.date() == date(2026, 11, 30)
    assert row["Opgeladen door"].value == "An Janssens"
    detail = book["Contactmomenten"]
    assert detail.max_row == 1 + 5 and all(detail.cell(row=r, column=5).is_date for r in range(2, 7))


def test_migration_moves_the_yes_no_to_the_final_pop(db: Database, final: tuple[str, PopDocument]) -> None:
    trajectory_id, stored = final
    downgrade_to_schema_2(db.path)  # schema 1 kept trajectories in trajectories.json, as schema 2 did
    trajectories = json.loads((db.path / "trajectories.json").read_text())
    for doc in trajectories["trajectories"].values():
        doc["uploaded_to_mijn_loopbaan"] = True
    (db.path / "trajectories.json").write_text(json.dumps(trajectories))
    meta = json.loads((db.path / schema.META_FILE).read_text())
    (db.path / schema.META_FILE).write_text(json.dumps(meta | {"schema_version": 1}))
    migrated = Database.open(db.path)
    assert migrated.schema_version() == schema.SCHEMA_VERSION
    moved = migrated.get(PopDocument, stored.id)
    assert moved.uploaded_on == date(2026, 11, 28) and moved.uploaded_by == "overgenomen"
    assert "uploaded_to_mijn_loopbaan" not in trajectories_file(db.path).read_text()
    assert migrated.get(PopDocument, stored.id).trajectory_id == trajectory_id
