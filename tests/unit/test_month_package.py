"""The month's package on the demo database, and the month-selection rules."""

from __future__ import annotations

import io
import multiprocessing
import stat
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from export_fixtures import A4, organisation, page_sizes, pdf_text, trajectory
from openpyxl import load_workbook
from scenarios import TODAY

from poptui.cli import main
from poptui.models import AuditAction, Employee, Organisation, Trajectory, TrajectoryStatus
from poptui.services import forms, months
from poptui.services.forms import month_package
from poptui.store import Database


def _previous_month(today: date) -> tuple[int, int]:
    last = today.replace(day=1) - timedelta(days=1)
    return last.year, last.month


def test_month_package_of_the_demo_database(demo_db: Database, tmp_path: Path) -> None:
    year, month = _previous_month(TODAY)
    result = month_package(demo_db, year, month, tmp_path / "out")
    names = sorted(path.name for path in result.files)
    completed = months.completed_in_month(demo_db.list(Trajectory), year, month)
    assert len(completed) >= 2
    pops = [name for name in names if "_POP_" in name]
    consents = [name for name in names if "_TOESTEMMING_" in name]
    assert len(pops) == len(consents) == len(completed)
    assert any(name.endswith("_POP_MULLEROZDEMIR_AYSE.pdf") for name in pops)
    assert any(name.endswith("_POP_DHONDT_JAN.pdf") for name in pops)
    assert f"{year:04d}-{month:02d}_OVERZICHT_POP-TRAJECTEN.xlsx" in names
    assert f"{year:04d}-{month:02d}_OVERZICHT_OPLEIDINGEN_EN_UREN.xlsx" in names
    assert any("_UREN_LDEGROENZORG" in name for name in names)
    assert len([name for name in names if "_AANWEZIGHEID_" in name]) == 1

    for path in result.files:
        assert path.stat().st_mode & 0o777 == 0o600
        if path.suffix == ".pdf":
            data = path.read_bytes()
            assert set(page_sizes(data)) == {A4}
            assert pdf_text(data)
    assert result.folder.stat().st_mode & 0o777 == 0o700

    sheet = load_workbook(result.folder / f"{year:04d}-{month:02d}_OVERZICHT_POP-TRAJECTEN.xlsx").active
    assert sheet.max_row == len(completed) + 1
    completion_dates = [sheet.cell(row=row, column=7).value for row in range(2, sheet.max_row + 1)]
    assert all(isinstance(value, datetime) and (value.year, value.month) == (year, month) for value in completion_dates)
    last_names = sorted(sheet.cell(row=row, column=2).value for row in range(2, sheet.max_row + 1))
    assert last_names == sorted(demo_db.get(Employee, t.employee_id).last_name for t in completed)

    with zipfile.ZipFile(result.zip_path) as archive:
        assert sorted(Path(name).name for name in archive.namelist()) == names
        assert all(name.startswith(result.folder.name + "/") for name in archive.namelist())
    assert result.zip_path.stat().st_mode & 0o777 == 0o600

    assert "Maandpakket" in result.summary and "Inhoud:" in result.summary
    assert ("Niets ontbreekt." in result.summary) == (not result.missing)
    exports = [event for event in demo_db.audit_events() if event.action is AuditAction.EXPORT]
    assert len(exports) == len([name for name in names if name.endswith(".pdf")])


def test_the_package_files_are_made_durable_together(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder being built gets its files without an fsync each: one sync and one fsync of the folder
    before it is put in place (the month's package writes two hundred files); each file is complete,
    the owner's only, and no temporary file is left."""
    import os

    from poptui.store import files as store_files

    synced: list[str] = []
    real_fsync, real_sync = os.fsync, os.sync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(store_files.os, "sync", lambda: (synced.append("sync"), real_sync())[1])
    monkeypatch.setattr(store_files, "BATCH_SYNC", True)
    folder = tmp_path / "bouw"
    folder.mkdir(mode=0o700)
    contents = {f"{number:03d}_POP.pdf": bytes([number]) * (number + 1) for number in range(40)}
    written = store_files.write_private_files(folder, contents)
    assert synced == ["sync", "fsync"]
    assert [path.name for path in written] == list(contents)
    assert sorted(path.name for path in folder.iterdir()) == sorted(contents)
    for path in written:
        assert path.read_bytes() == contents[path.name]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    synced.clear()
    year, month = _previous_month(TODAY)
    result = month_package(demo_db, year, month, tmp_path / "out")
    assert len(result.files) > 5
    assert synced.count("sync") == 1
    assert synced.count("fsync") < len(result.files)
    assert not [path for path in result.folder.iterdir() if path.name.endswith(".tmp")]


def test_running_the_month_twice_replaces_the_folder(demo_db: Database, tmp_path: Path) -> None:
    year, month = _previous_month(TODAY)
    first = month_package(demo_db, year, month, tmp_path)
    (first.folder / "oud-bestand.pdf").write_bytes(b"%PDF-1.4")
    second = month_package(demo_db, year, month, tmp_path)
    assert second.folder == first.folder
    assert not (second.folder / "oud-bestand.pdf").exists()
    hidden = {path.name for path in tmp_path.iterdir() if path.name.startswith(".")}
    assert hidden <= {".poptui-eigenaars.json", ".poptui-eigenaars.lock"}  # the owner register, no leftovers


def test_missing_consent_and_fallback_dates_are_reported(db: Database, tmp_path: Path) -> None:
    org = db.save(organisation())
    worker = db.save(Employee(first_name="An", last_name="Peeters ", organisation_id=org.id))
    db.save(trajectory(worker.id, None, completed=date(2026, 11, 20)))
    other = db.save(Employee(first_name="Bo", last_name="Smet", organisation_id=org.id))
    db.save(trajectory(other.id, None, completed=date(2026, 10, 31)))
    result = month_package(db, 2026, 11, tmp_path, today=date(2026, 12, 2))
    names = [path.name for path in result.files]
    assert "20261120_POP_PEETERS_AN.pdf" in names and "20261120_TOESTEMMING_PEETERS_AN.pdf" in names
    assert not any("SMET" in name for name in names)
    text = "\n".join(result.missing + result.notes)
    assert "An Peeters: afgerond POP zonder datum toestemming." in text
    assert "geen POP-document" in text
    assert "de datum afgerond (20/11/2026) staat in de bestandsnaam" in text
    assert "Ontbreekt of nog te doen" in result.summary
    sheet = load_workbook(io.BytesIO((result.folder / "2026-11_OVERZICHT_POP-TRAJECTEN.xlsx").read_bytes())).active
    assert sheet.max_row == 2 and sheet["B2"].value == "Peeters"
    assert sheet.cell(row=1, column=14).value == "Datum toestemming"
    assert sheet.cell(row=2, column=14).value is None


def test_a_big_month_is_made_on_every_core_with_progress(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDFs of a month with many completed POPs are made by helper processes, and come out as
    when made here (the threshold lowered to keep the test short)."""
    monkeypatch.setattr(forms, "_PARALLEL_FROM", 4)
    org = db.save(organisation())
    for number in range(6):
        worker = db.save(Employee(first_name=f"Naam{number}", last_name="Peeters", organisation_id=org.id))
        db.save(trajectory(worker.id, None, completed=date(2026, 11, 2 + number)))
    steps: list[tuple[str, int, int, int]] = []

    def progress(step: str, done: int, total: int) -> None:
        steps.append((step, done, total, len(multiprocessing.active_children())))

    parallel = month_package(db, 2026, 11, tmp_path / "a", today=date(2026, 12, 2), progress=progress)
    assert [step[:3] for step in steps] == [("PDF's maken", done, 6) for done in range(1, 7)]
    assert all(helpers >= 2 for *_step, helpers in steps)  # made by helper processes
    monkeypatch.setattr(forms, "_PARALLEL_FROM", 1000)  # the same month, made in this process
    here = month_package(db, 2026, 11, tmp_path / "b", today=date(2026, 12, 2))
    assert [path.name for path in parallel.files] == [path.name for path in here.files]
    for made, expected in zip(parallel.files, here.files, strict=True):
        if made.suffix == ".pdf":
            assert pdf_text(made.read_bytes()) == pdf_text(expected.read_bytes())


def test_completed_in_month_rule() -> None:
    done = trajectory("e1", None, completed=date(2026, 11, 30))
    earlier = trajectory("e2", None, completed=date(2026, 10, 31))
    active = trajectory("e3", None, completed=None)
    stopped = Trajectory(
        employee_id="e4",
        variant="variant_1",
        reflection="laag",
        intensity="laag",
        status=TrajectoryStatus.STOPPED,
        start_date=date(2026, 9, 1),
        completion_date=date(2026, 11, 10),
        stop_reason="verhuisd",
    )
    assert months.completed_in_month([earlier, done, active, stopped], 2026, 11) == [done]


def test_organisations_ended_in_month_rule() -> None:
    with_date = Organisation(name="A", guidance_ended_on=date(2026, 11, 5))
    other_month = Organisation(name="B", guidance_ended_on=date(2026, 10, 5))
    all_done = Organisation(name="C")
    still_busy = Organisation(name="D")
    staff = [
        Employee(first_name="x", last_name=str(i), organisation_id=org.id, id=f"e{i}")
        for i, org in enumerate([all_done, all_done, still_busy, other_month])
    ]
    trajectories = [
        trajectory("e0", None, completed=date(2026, 11, 12)),
        Trajectory(
            employee_id="e1",
            variant="variant_1",
            reflection="laag",
            intensity="laag",
            status=TrajectoryStatus.STOPPED,
            start_date=date(2026, 9, 1),
            stop_reason="ziek",
        ),
        trajectory("e2", None, completed=None),
        trajectory("e3", None, completed=date(2026, 11, 20)),
    ]
    ended = months.organisations_ended_in_month(
        [with_date, other_month, all_done, still_busy], trajectories, staff, 2026, 11
    )
    assert [org.name for org in ended] == ["A", "C"]


def test_parse_month() -> None:
    assert months.parse_month("2026-03") == (2026, 3)
    for wrong in ("maart", "", "26-03"):
        with pytest.raises(ValueError, match="JJJJ-MM"):
            months.parse_month(wrong)
    for wrong in ("2026-13", "2026-00"):
        with pytest.raises(ValueError, match="van 01 tot 12"):
            months.parse_month(wrong)
    for wrong in ("0000-01", "9999-12", "1899-12"):  # a well-formed month no report can be about
        with pytest.raises(ValueError, match="van 1900-01 tot 2999-12"):
            months.parse_month(wrong)


def test_pop_date_falls_back_and_says_so() -> None:
    assert months.pop_date(date(2026, 1, 2), date(2026, 1, 5), date(2026, 2, 1)) == (date(2026, 1, 2), "definitief")
    assert months.pop_date(None, date(2026, 1, 5), date(2026, 2, 1)) == (date(2026, 1, 5), "afgerond")
    assert months.pop_date(None, None, date(2026, 2, 1)) == (date(2026, 2, 1), "vandaag")


def test_report_month_command(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    year, month = _previous_month(TODAY)
    code = main(["report", "month", f"{year:04d}-{month:02d}", "--db", str(demo_db.path), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Maandpakket" in out and "Inhoud:" in out
    assert (tmp_path / f"POP-maandpakket_{year:04d}-{month:02d}.zip").is_file()
    assert stat.S_IMODE((tmp_path / f"POP-maandpakket_{year:04d}-{month:02d}").stat().st_mode) == 0o700


def test_report_month_refuses_a_bad_month(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "month", "2026-13", "--db", str(demo_db.path)]) == 2
    assert "JJJJ-MM" in capsys.readouterr().err
