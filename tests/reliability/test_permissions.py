"""Permissions: private by default (0600/0700), group mode for several coaches on one server (0660/2770)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from poptui.cli import main
from poptui.models import Employee, Organisation
from poptui.services import drafts
from poptui.services.health import check_database
from poptui.services.person_rights import export_person
from poptui.store import Database
from poptui.store.backup import BackupReason, create_backup
from poptui.store.files import PRIVATE, group_permissions, permissions, set_permissions

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture(autouse=True)
def _private_again() -> Iterator[None]:
    old_umask = os.umask(0o022)
    os.umask(old_umask)
    yield
    set_permissions(PRIVATE)
    os.umask(old_umask)


def _everything(db: Database, tmp_path: Path) -> list[Path]:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="An", last_name="Peeters", organisation_id=organisation.id))
    create_backup(db, BackupReason.DAILY)
    drafts.save_draft(db, f"employee-{employee.id}", "Werknemer", {"function": "x"})
    export_person(db, employee.id, tmp_path / "exports")
    return [db.path, *db.path.rglob("*"), *(tmp_path / "exports").rglob("*")]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_private_mode_everything_owner_only(tmp_path: Path) -> None:
    set_permissions(PRIVATE)
    db = Database.create(tmp_path / "db", actor="tester")
    paths = _everything(db, tmp_path)
    assert (db.path / ".lock").exists() and any(path.suffix == ".zip" for path in paths)
    for path in paths:
        expected = 0o700 if path.is_dir() else 0o600
        assert _mode(path) == expected, f"{path} is {oct(_mode(path))}"
    assert check_database(db).warnings == []


def test_group_mode_files_0660_folders_2770_no_sticky_bit(tmp_path: Path) -> None:
    group = os.getgroups()[0] if os.getgroups() else os.getgid()
    set_permissions(group_permissions(str(group)))
    assert os.umask(0o007) == 0o007
    db = Database.create(tmp_path / "db", actor="tester")
    assert '"group"' in (db.path / "poptui-db.json").read_text()
    for path in _everything(db, tmp_path):
        if "exports" in path.parts:
            if path.parent.name == "exports" or path.parent.parent.name == "exports":
                assert _mode(path) in (0o700, 0o600), f"{path} is {oct(_mode(path))}"  # exports stay private
            continue
        mode = _mode(path)
        if path.is_dir():
            assert mode == 0o2770 and not mode & stat.S_ISVTX, f"{path} is {oct(mode)}"
        else:
            assert mode == 0o660, f"{path} is {oct(mode)}"
        assert path.stat().st_gid == group
    assert check_database(db).warnings == []


def test_check_warns_about_files_others_can_read(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    db.save(Organisation(name="Atelier"))
    os.chmod(db.path / "core.json", 0o644)
    report = check_database(db)
    assert report.healthy and report.warnings
    assert "core.json" in report.warnings[0] and "chmod" in report.warnings[0]
    assert main(["check", "--db", str(db.path)]) == 0
    assert "Waarschuwing" in capsys.readouterr().out


def test_group_option_and_unknown_group(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--db", str(tmp_path / "db"), "--group", "geen-groep-die-bestaat"]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    group = str(os.getgid())
    assert main(["init", "--db", str(tmp_path / "db"), "--group", group]) == 0
    assert _mode(tmp_path / "db") == 0o2770
    set_permissions(PRIVATE)
    assert main(["check", "--db", str(tmp_path / "db")]) == 0  # the database names its group: group mode again
    assert permissions().shared
