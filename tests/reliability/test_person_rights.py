"""The rights of the person: export everything, erase everything, retention."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from scenarios import TODAY

from poptui.cli import main
from poptui.models import ContactMoment, Employee, Trajectory, TrajectoryStatus
from poptui.services import drafts
from poptui.services.person_rights import erase_person, export_person, retention_due
from poptui.store import Database
from poptui.store.backup import BackupReason, create_backup


def _with_dossier(db: Database) -> Employee:
    employees = [employee for employee in db.list(Employee) if employee.id in db.dossier_ids()]
    return max(employees, key=lambda employee: len(db.list(ContactMoment, employee_id=employee.id)))


def test_export_writes_every_record_audit_and_pdfs(demo_db: Database, tmp_path) -> None:
    employee = _with_dossier(demo_db)
    result = export_person(demo_db, employee.id, tmp_path / "uit")
    data = json.loads((result.folder / "gegevens.json").read_text(encoding="utf-8"))
    records = data["records"]
    assert records["Employee"][0]["id"] == employee.id
    assert len(records["Trajectory"]) == len(demo_db.list(Trajectory, employee_id=employee.id))
    assert len(records["ContactMoment"]) == len(demo_db.list(ContactMoment, employee_id=employee.id))
    assert data["audit"] and all(entry["employee_id"] == employee.id for entry in data["audit"])
    assert any(path.suffix == ".pdf" for path in result.files) or result.notes


def test_erase_removes_everything_and_lists_backups(demo_db: Database, capsys) -> None:
    employee = _with_dossier(demo_db)
    create_backup(demo_db, BackupReason.DAILY)
    drafts.save_draft(demo_db, f"contact-{employee.id}", "Contactmoment", {"notes": "x"})
    others = [item for item in demo_db.list(Employee) if item.id != employee.id]
    result = erase_person(demo_db, employee.id)
    assert demo_db.find(Employee, employee.id) is None
    assert demo_db.list(Trajectory, employee_id=employee.id) == []
    assert employee.id not in demo_db.dossier_ids()
    assert result.removed["Employee"] == 1 and result.removed["Trajectory"] >= 1
    assert result.removed_drafts == 1
    assert len(result.backups) == 2  # the daily one and the safety copy just before the erasure
    assert all(holding.expires_on > TODAY for holding in result.backups)
    assert len(demo_db.list(Employee)) == len(others)
    everything = b"".join(path.read_bytes() for path in demo_db.path.rglob("*.json") if "backups" not in path.parts)
    assert employee.id.encode() not in everything and employee.last_name.encode() not in everything
    assert main(["check", "--db", str(demo_db.path)]) == 0


def test_erase_command_asks_and_reports(demo_db: Database, capsys) -> None:
    employee = _with_dossier(demo_db)
    assert main(["person", "erase", employee.id, "--db", str(demo_db.path)]) == 1  # no terminal, no --yes
    assert demo_db.find(Employee, employee.id) is not None
    assert main(["person", "erase", employee.id, "--db", str(demo_db.path), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Gewist" in out and "verdwijnt uiterlijk op" in out
    assert main(["person", "erase", "bestaat-niet", "--db", str(demo_db.path), "--yes"]) == 1


def test_export_command(demo_db: Database, tmp_path, capsys) -> None:
    employee = _with_dossier(demo_db)
    assert main(["person", "export", employee.id, "--db", str(demo_db.path), "--out", str(tmp_path / "x")]) == 0
    assert "gegevens.json" in capsys.readouterr().out


def test_retention_lists_old_trajectories(db: Database) -> None:
    from poptui.models import Organisation

    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="Oud", last_name="Traject", organisation_id=organisation.id))
    today = date(2026, 6, 1)
    old = db.save(
        Trajectory(
            employee_id=employee.id,
            variant="variant_1",
            reflection="laag",
            intensity="laag",
            status=TrajectoryStatus.COMPLETED,
            start_date=date(2020, 1, 1),
            completion_date=date(2021, 3, 1),
        )
    )
    db.save(
        Trajectory(
            employee_id=employee.id,
            variant="variant_1",
            reflection="laag",
            intensity="laag",
            status=TrajectoryStatus.COMPLETED,
            start_date=date(2024, 1, 1),
            completion_date=today - timedelta(days=30),
        )
    )
    db.save(
        Trajectory(
            employee_id=employee.id,
            variant="variant_1",
            reflection="laag",
            intensity="laag",
            status=TrajectoryStatus.ACTIVE,
            start_date=date(2019, 1, 1),
        )
    )
    due = retention_due(db, years=5, today=today)
    assert [item.trajectory.id for item in due] == [old.id]
    assert retention_due(db, years=6, today=today) == []


def test_retention_command(demo_db: Database, capsys) -> None:
    assert main(["person", "retention", "--db", str(demo_db.path), "--years", "50"]) == 0
    assert "Geen trajecten voorbij de bewaartermijn van 50 jaar" in capsys.readouterr().out
    completed = next(t for t in demo_db.list(Trajectory) if t.status is TrajectoryStatus.COMPLETED)
    long_ago = completed.completion_date.replace(year=completed.completion_date.year - 8, day=1)
    demo_db.save(completed.model_copy(update={"start_date": long_ago, "completion_date": long_ago}))
    assert main(["person", "retention", "--db", str(demo_db.path), "--years", "5"]) == 0
    out = capsys.readouterr().out
    assert "geleden afgerond of gestopt" in out and "poptui person erase" in out
    for wrong in ("0", "-5", "99999"):  # refused in Dutch before anything is read
        with pytest.raises(SystemExit) as refused:
            main(["person", "retention", "--db", str(demo_db.path), "--years", wrong])
        assert refused.value.code == 2
        assert "van 1 tot 100" in capsys.readouterr().err
