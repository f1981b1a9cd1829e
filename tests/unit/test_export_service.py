"""The forms service: files written privately, audited, and the export commands."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from export_fixtures import A4, page_sizes, pdf_text, ticked_labels

from poptui.cli import main
from poptui.models import AuditAction, Employee, Organisation, Training, Trajectory, TrajectoryStatus
from poptui.services import forms
from poptui.store import Database, NotFound


def _completed(db: Database) -> Trajectory:
    return next(t for t in db.list(Trajectory) if t.status is TrajectoryStatus.COMPLETED and not t.is_follow_up)


def test_export_pop_writes_a_private_file_named_by_the_rule(demo_db: Database, tmp_path: Path) -> None:
    trajectory = _completed(demo_db)
    path = forms.export_pop(demo_db, trajectory.id, tmp_path / "uit")
    employee = demo_db.get(Employee, trajectory.employee_id)
    assert path.name.endswith(".pdf") and "_POP_" in path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = pdf_text(path.read_bytes())
    assert employee.last_name in text and "Actieplan" in text
    assert list(path.parent.glob(".*.tmp")) == []  # only the owner register stays beside the exports
    events = [e for e in demo_db.audit_events() if e.action is AuditAction.EXPORT]
    assert events and events[-1].employee_id == employee.id and events[-1].record_type == "PopDocument"


def test_follow_up_pop_of_the_demo_shows_the_evaluation(demo_db: Database, tmp_path: Path) -> None:
    follow_up = next(t for t in demo_db.list(Trajectory) if t.is_follow_up)
    text = pdf_text(forms.export_pop(demo_db, follow_up.id, tmp_path).read_bytes())
    assert "Evaluatie van de acties uit het vorige POP" in text


def test_default_folder_is_the_users_exports_folder(demo_db: Database) -> None:
    from poptui.locations import exports_folder

    path = forms.export_pop(demo_db, _completed(demo_db).id)
    assert path.parent == exports_folder()


def test_every_form_exports(demo_db: Database, tmp_path: Path) -> None:
    employee = demo_db.get(Employee, _completed(demo_db).employee_id)
    organisation = demo_db.list(Organisation)[0]
    training = demo_db.list(Training)[0]
    paths = [
        forms.export_consent(demo_db, employee.id, tmp_path),
        forms.export_hours(demo_db, organisation.id, tmp_path),
        forms.export_attendance(demo_db, training.id, tmp_path),
        forms.export_startup(demo_db, organisation.id, tmp_path),
        forms.export_blank("hand", organisation, tmp_path),
    ]
    for path in paths:
        assert set(page_sizes(path.read_bytes())) == {A4}
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert organisation.name in pdf_text(paths[-1].read_bytes())
    assert ticked_labels(paths[0].read_bytes()) == (["Ik"] if employee.consent_date else [])


def test_unknown_ids_and_worksheets_are_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        forms.export_pop(demo_db, "bestaat-niet", tmp_path)
    with pytest.raises(ValueError, match="Onbekend werkblad"):
        forms.export_blank("tekening", None, tmp_path)


def test_send_to_printer_without_lp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(forms.shutil, "which", lambda name: None)
    assert forms.printer_available() is False
    assert "geen printer" in forms.send_to_printer(tmp_path / "x.pdf")


def test_send_to_printer_with_lp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "lp"
    fake.write_text('#!/bin/sh\necho "request id is kantoor-1 (1 file(s))"\n')
    fake.chmod(0o700)
    monkeypatch.setattr(forms.shutil, "which", lambda name: str(fake))
    assert forms.printer_available() is True
    assert forms.send_to_printer(tmp_path / "20261128_POP_X_Y.pdf") == "Naar de printer gestuurd: 20261128_POP_X_Y.pdf."
    fake.write_text("#!/bin/sh\necho 'lp: geen standaardprinter' >&2\nexit 1\n")
    assert "geen standaardprinter" in forms.send_to_printer(tmp_path / "x.pdf")


def test_export_commands_print_the_paths(demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trajectory = _completed(demo_db)
    assert main(["export", "pop", trajectory.id, "--db", str(demo_db.path), "--out", str(tmp_path)]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed.is_file() and printed.parent == tmp_path
    organisation = demo_db.list(Organisation)[0]
    assert main(["export", "form", "hours", organisation.id, "--db", str(demo_db.path), "--out", str(tmp_path)]) == 0
    assert "_UREN_" in capsys.readouterr().out
    assert main(["export", "form", "blank", "alle", "--out", str(tmp_path)]) == 0
    assert len(capsys.readouterr().out.split()) == len(forms.worksheet_names())
    assert main(["export", "form", "blank", "tekening", "--out", str(tmp_path)]) == 1
    assert "Onbekend werkblad" in capsys.readouterr().err
    assert main(["export", "pop", "bestaat-niet", "--db", str(demo_db.path), "--out", str(tmp_path)]) == 1
