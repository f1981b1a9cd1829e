"""Exports are audited before they exist, and never overwrite another person's file.

The attacks: on a read-only database the PDF and the person export were written and the audit log
had no entry; Muller Ozdemir / Müller Özdemir and two Jan Peeters got the same file name and the
second export silently replaced the first; a failed person export left an empty folder.
"""

from __future__ import annotations

import errno
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from poptui.cli import main
from poptui.models import AuditAction, Employee, Level, Organisation, Trajectory, TrajectoryStatus, VariantId
from poptui.services import forms
from poptui.services.delivery import REGISTER
from poptui.services.person_rights import export_person
from poptui.store import Database, ExportFailed
from poptui.store import files as store_files

TODAY = date(2026, 11, 28)


def _exports(db: Database) -> int:
    return sum(1 for event in db.audit_events() if event.action is AuditAction.EXPORT)


def _visible(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if not path.name.startswith(".")) if folder.exists() else []


def _read_only_database(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing anywhere in the database folder fails with EROFS; the export folder stays writable."""
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):
        inside = "dir_fd" not in kwargs and Path(path).resolve().is_relative_to(db.path.resolve())
        if flags & (os.O_WRONLY | os.O_RDWR) and inside:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)  # the lock file, the audit log, every data file


def test_no_export_without_its_audit_entry(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    trajectory = demo_db.list(Trajectory)[0]
    employee = demo_db.get(Employee, trajectory.employee_id)
    audited = _exports(demo_db)
    out = tmp_path / "uit"
    # a month whose package holds people (a completed POP): one with nothing to audit has nothing to refuse
    month = max(
        item.completion_date
        for item in demo_db.list(Trajectory)
        if item.status is TrajectoryStatus.COMPLETED and item.completion_date is not None
    )
    _read_only_database(demo_db, monkeypatch)
    with pytest.raises(ExportFailed, match="niets geëxporteerd"):
        forms.export_pop(demo_db, trajectory.id, out)
    with pytest.raises(ExportFailed):
        export_person(demo_db, employee.id, out)
    with pytest.raises(ExportFailed):
        forms.month_package(demo_db, month.year, month.month, out)
    for args in (
        ["export", "pop", trajectory.id],
        ["export", "form", "consent", employee.id],
        ["person", "export", employee.id],
        ["report", "month", f"{month:%Y-%m}"],
    ):
        assert main([*args, "--db", str(demo_db.path), "--out", str(out)]) == 3
        err = capsys.readouterr().err
        assert "niets geëxporteerd" in err and "alleen-lezen" in err and "Read-only" not in err, err
        assert "op het scherm" not in err  # a command line has no form on screen to keep
    monkeypatch.undo()
    assert _visible(out) == []  # no PDF, no person folder, no package, not even an empty folder
    assert not out.exists()  # nor the export folder it would have made
    assert not list(out.glob(".*.tmp"))
    assert _exports(demo_db) == audited


def test_a_refused_export_leaves_no_hidden_file_in_an_existing_folder(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register's lock file (``.poptui-eigenaars.lock``) went too: a coach's own folder keeps nothing."""
    trajectory = demo_db.list(Trajectory)[0]
    out = tmp_path / "Documenten"
    out.mkdir()
    _read_only_database(demo_db, monkeypatch)
    with pytest.raises(ExportFailed):
        forms.export_pop(demo_db, trajectory.id, out)
    with pytest.raises(ExportFailed):
        export_person(demo_db, trajectory.employee_id, out)
    monkeypatch.undo()
    assert sorted(path.name for path in out.iterdir()) == []
    forms.export_pop(demo_db, trajectory.id, out)  # a later export that may be written: only it and the register
    assert {path.name for path in out.iterdir() if path.name.startswith(".")} == {REGISTER}


@pytest.fixture
def tiny_read_only_mount(tmp_path: Path):
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount_point)], capture_output=True)
    except OSError:
        pytest.skip("mount is not available")
    if done.returncode != 0:
        pytest.skip("no permission to mount a tmpfs here; the simulated test covers it")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], capture_output=True)


def test_a_really_read_only_database(tiny_read_only_mount: Path, tmp_path: Path) -> None:
    from poptui.demo import write_demo

    db = Database.create(tiny_read_only_mount / "db", actor="tester")
    write_demo(db)
    trajectory = db.list(Trajectory)[0]
    audited = _exports(db)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_read_only_mount)], check=True, capture_output=True)
    with pytest.raises(ExportFailed):
        forms.export_pop(db, trajectory.id, tmp_path / "uit")
    with pytest.raises(ExportFailed):
        export_person(db, trajectory.employee_id, tmp_path / "uit")
    assert _visible(tmp_path / "uit") == []
    assert _exports(db) == audited


def _people(db: Database) -> tuple[Organisation, Organisation]:
    return db.save(Organisation(name="Atelier Noord")), db.save(Organisation(name="Atelier Zuid"))


def _trajectory(db: Database, employee: Employee) -> Trajectory:
    return db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.MEDIUM, intensity=Level.MEDIUM)
    )


def test_people_whose_names_fold_alike_never_overwrite_each_other(db: Database, tmp_path: Path) -> None:
    north, south = _people(db)
    pairs = [
        (
            Employee(first_name="Muller", last_name="Ozdemir", organisation_id=north.id),
            Employee(first_name="Müller", last_name="Özdemir", organisation_id=north.id),
        ),
        (
            Employee(first_name="Jan", last_name="Peeters", organisation_id=north.id),
            Employee(first_name="Jan", last_name="Peeters", organisation_id=south.id),
        ),
    ]
    out = tmp_path / "uit"
    for first, second in pairs:
        a, b = db.save(first), db.save(second)
        pop_a = forms.export_pop(db, _trajectory(db, a).id, out, today=TODAY)
        kept = pop_a.read_bytes()
        pop_b = forms.export_pop(db, _trajectory(db, b).id, out, today=TODAY)
        assert pop_a != pop_b and pop_b.name == pop_a.name.replace(".pdf", "_2.pdf")
        assert pop_a.read_bytes() == kept  # the first person's file is untouched
        consent_a = forms.export_consent(db, a.id, out, today=TODAY)
        consent_b = forms.export_consent(db, b.id, out, today=TODAY)
        assert consent_a != consent_b
        folder_a = export_person(db, a.id, out, today=TODAY).folder
        folder_b = export_person(db, b.id, out, today=TODAY).folder
        assert folder_a != folder_b and (folder_a / "gegevens.json").exists() and (folder_b / "gegevens.json").exists()
        assert a.id in (folder_a / "gegevens.json").read_text() and b.id in (folder_b / "gegevens.json").read_text()


def test_the_same_persons_re_export_replaces_their_own_file(db: Database, tmp_path: Path) -> None:
    north, _south = _people(db)
    employee = db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id=north.id))
    trajectory = _trajectory(db, employee)
    out = tmp_path / "uit"
    first = forms.export_pop(db, trajectory.id, out, today=TODAY)
    again = forms.export_pop(db, trajectory.id, out, today=TODAY)
    assert again == first and _visible(out) == [first.name]
    folder = export_person(db, employee.id, out, today=TODAY).folder
    assert export_person(db, employee.id, out, today=TODAY).folder == folder
    assert len([name for name in _visible(out) if "gegevens" in name]) == 1
    assert (out / REGISTER).exists()


def test_a_file_poptui_did_not_write_is_never_replaced(db: Database, tmp_path: Path) -> None:
    north, _south = _people(db)
    employee = db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id=north.id))
    out = tmp_path / "uit"
    out.mkdir()
    name = forms.export_consent(db, employee.id, tmp_path / "proef", today=TODAY).name
    (out / name).write_bytes(b"van de coach zelf")
    written = forms.export_consent(db, employee.id, out, today=TODAY)
    assert written.name != name and (out / name).read_bytes() == b"van de coach zelf"


def test_a_failed_person_export_leaves_no_folder(
    demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    employee = demo_db.list(Employee)[0]
    out = tmp_path / "uit"
    real = store_files.write_temp

    def full_disk(path: Path, data: bytes, **kwargs: object) -> Path:
        if path.name == "gegevens.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_files, "write_temp", full_disk)
    assert main(["person", "export", employee.id, "--db", str(demo_db.path), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "schijf is vol" in err and "No space" not in err
    assert _visible(out) == [] and not list(out.glob(".*.tmp"))
