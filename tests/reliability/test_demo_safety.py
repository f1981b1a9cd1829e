"""`poptui demo --force` never overwrites anyone's work, and keeps the backups.

The attack: ``poptui demo --force`` (also without ``--db``, on the user's real database) wiped the
database and every backup in it. Now the demo replaces only a database that holds nothing but what
the demo wrote (poptui.services.demo_database), through a staging folder, and keeps ``backups/``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from poptui.cli import main
from poptui.models import AuditAction, Employee, Organisation
from poptui.services import drafts
from poptui.services.demo_database import MARKER, install_demo
from poptui.store import Database, swap
from poptui.store.backup import BackupReason, create_backup


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _demo(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["demo", "--db", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out + err


def test_the_readme_command_works_fresh_and_again_and_keeps_the_backups(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo-db"
    assert _demo(path, capsys, "--force")[0] == 0
    meta = json.loads((path / "poptui-db.json").read_text())
    assert meta[MARKER]["audit_count"] > 0
    backup = create_backup(Database.open(path), BackupReason.DAILY)  # what the app does at its first start
    code, said = _demo(path, capsys)
    assert code == 1 and "--force" in said
    first_ids = {employee.id for employee in Database.open(path).list(Employee)}
    assert _demo(path, capsys, "--force")[0] == 0
    assert {employee.id for employee in Database.open(path).list(Employee)}.isdisjoint(first_ids)  # a new demo
    assert backup.exists() and main(["check", "--db", str(path)]) == 0
    assert not swap.pending(path)


@pytest.mark.parametrize("work", ["a changed record", "a new employee", "a deleted organisation", "a draft"])
def test_a_demo_database_with_a_coachs_work_is_never_replaced(
    work: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo-db"
    install_demo(path)
    database = Database.open(path, actor="an")
    employee = database.list(Employee)[0]
    if work == "a changed record":
        database.save(employee.model_copy(update={"function": "Poetshulp"}))
    elif work == "a new employee":
        database.save(Employee(first_name="Nieuw", last_name="Echt", organisation_id=employee.organisation_id))
    elif work == "a deleted organisation":
        database.delete(database.save(Organisation(name="Tijdelijk")))
    else:
        drafts.save_draft(database, f"employee-{employee.id}", "Werknemer", {"function": "half getypt"})
    create_backup(database, BackupReason.DAILY)
    before = _snapshot(path)
    for extra in ((), ("--force",)):
        code, said = _demo(path, capsys, *extra)
        assert code == 1 and "ook niet met --force" in said, said
    if work != "a draft":
        assert "an heeft op" in said
    assert _snapshot(path) == before


def test_exports_are_not_work_a_demo_stays_replaceable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo-db"
    install_demo(path)
    database = Database.open(path, actor="an")
    database.record_event(AuditAction.EXPORT, database.list(Employee)[0])
    assert _demo(path, capsys, "--force")[0] == 0


def test_the_users_real_database_without_db_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "xdg-data" / "poptui" / "database"  # the default place (see conftest: XDG_DATA_HOME)
    database = Database.create(real, actor="an")
    database.save(Organisation(name="Mijn echte organisatie"))
    create_backup(database, BackupReason.DAILY)
    before = _snapshot(real)
    code = main(["demo", "--force"])
    said = capsys.readouterr().err
    assert code == 1 and "an heeft op" in said
    assert _snapshot(real) == before


def test_an_empty_database_may_receive_the_demo_a_foreign_folder_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "leeg"
    Database.create(empty)
    assert _demo(empty, capsys, "--force")[0] == 0
    foreign = tmp_path / "iets"
    foreign.mkdir()
    (foreign / "brief.txt").write_text("belangrijk")
    code, said = _demo(foreign, capsys, "--force")
    assert code == 1 and "geen poptui-database" in said and (foreign / "brief.txt").exists()
    a_file = tmp_path / "bestand"
    a_file.write_text("x")
    assert _demo(a_file, capsys, "--force")[0] == 1 and a_file.read_text() == "x"


def test_a_demo_from_an_earlier_poptui_is_recognised_by_its_audit_log(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "oud"
    shutil.copytree(demo_template, path)  # written by the demo actor, without the marker
    assert MARKER not in json.loads((path / "poptui-db.json").read_text())
    assert _demo(path, capsys, "--force")[0] == 0
    changed = tmp_path / "oud-gewijzigd"
    shutil.copytree(demo_template, changed)
    database = Database.open(changed, actor="an")
    database.save(database.list(Employee)[0].model_copy(update={"function": "Echt werk"}))
    assert _demo(changed, capsys, "--force")[0] == 1


def test_a_demo_killed_half_way_leaves_the_old_one_and_can_be_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Killed(BaseException):
        pass

    path = tmp_path / "demo-db"
    install_demo(path)
    before = _snapshot(path)

    def die(*_args: object, **_kwargs: object) -> None:
        raise Killed()

    monkeypatch.setattr("poptui.demo.write_demo", die)
    with pytest.raises(Killed):
        install_demo(path, force=True)
    monkeypatch.undo()
    assert {name: data for name, data in _snapshot(path).items() if not name.startswith(".nieuw-")} == before
    assert _demo(path, capsys, "--force")[0] == 0
    assert not swap.pending(path)
