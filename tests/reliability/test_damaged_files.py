"""Damaged files: poptui refuses to start in Dutch, never writes to them, and offers the latest good backup."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from store_files import employees_file, trajectories_file

from poptui.cli import main
from poptui.cli.common import CommandError
from poptui.cli.run_app import prepare_database
from poptui.models import Employee, Organisation
from poptui.store import Database, layout, schema
from poptui.store.backup import BackupReason, create_backup, list_backups


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])


def _not_json(path: Path) -> None:
    path.write_bytes(b"\x00\x01 dit is geen json \xff")


def _other_json(path: Path) -> None:
    path.write_text(json.dumps(["een", "lijst", {"van": "iets anders"}]))


def _newer_schema(path: Path) -> None:
    meta_path = next(folder for folder in path.parents if (folder / schema.META_FILE).exists()) / schema.META_FILE
    meta = json.loads(meta_path.read_text())
    meta["schema_version"] = schema.SCHEMA_VERSION + 1
    meta_path.write_text(json.dumps(meta))


DAMAGES = {"afgebroken": _truncate, "geen JSON": _not_json, "andere JSON": _other_json, "nieuwer schema": _newer_schema}


@pytest.fixture
def backed_up(db: Database) -> Database:
    organisation = db.save(Organisation(name="Atelier"))
    db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id=organisation.id))
    create_backup(db, BackupReason.DAILY)
    db.save(Employee(first_name="Tom", last_name="Na de kopie", organisation_id=organisation.id))
    return db


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("damage", DAMAGES, ids=list(DAMAGES))
def test_start_refuses_a_damaged_database_and_names_the_backup(
    backed_up: Database, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    DAMAGES[damage](employees_file(backed_up.path))
    before = _snapshot(backed_up.path)
    code = main(["--db", str(backed_up.path)])  # no terminal in tests: no question, the command instead
    err = capsys.readouterr().err
    assert code == 2
    assert "poptui start niet" in err and "Er is niets gewijzigd" in err
    if damage == "nieuwer schema":
        assert "nieuwere versie van poptui" in err and "Werk poptui bij" in err
    else:
        assert "beschadigd" in err or "geen poptui-database" in err
        assert "laatste goede reservekopie" in err
    backup = list_backups(backed_up.path)[0].path
    assert f"poptui restore --db {backed_up.path} {backup}" in err
    assert _snapshot(backed_up.path) == before  # nothing written, not even a daily backup


def test_the_coach_can_restore_the_latest_good_backup_at_start(backed_up: Database) -> None:
    _truncate(employees_file(backed_up.path))
    questions: list[str] = []
    options = type("Options", (), {"db": str(backed_up.path)})()
    database = prepare_database(options, ask=lambda question: questions.append(question) or True)
    assert questions and "terugzetten" in questions[0]
    assert [employee.first_name for employee in database.list(Employee)] == ["Inès"]
    kept = [item for item in list_backups(backed_up.path) if item.reason == BackupReason.BEFORE_RESTORE]
    assert len(kept) == 1  # the damaged files are kept aside


def test_saying_no_changes_nothing(backed_up: Database) -> None:
    _not_json(backed_up.path / "core.json")
    before = _snapshot(backed_up.path)
    options = type("Options", (), {"db": str(backed_up.path)})()
    with pytest.raises(CommandError, match="Niets teruggezet"):
        prepare_database(options, ask=lambda _question: False)
    assert _snapshot(backed_up.path) == before


def test_damaged_without_any_backup_says_what_to_do(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    shard = employees_file(db.path, "x")
    shard.parent.mkdir(exist_ok=True)
    shard.write_text("{")
    assert main(["--db", str(db.path)]) == 2
    err = capsys.readouterr().err
    assert "geen goede reservekopie" in err and "IT-verantwoordelijke" in err


def test_a_damaged_backup_is_never_offered(backed_up: Database) -> None:
    _not_json(employees_file(backed_up.path))
    create_backup(backed_up, BackupReason.MANUAL)  # a backup of the damaged state: fails the check
    options = type("Options", (), {"db": str(backed_up.path)})()
    offered: list[str] = []
    with pytest.raises(CommandError):
        prepare_database(options, ask=lambda question: offered.append(question) or False)
    assert BackupReason.DAILY.value in offered[0] or "dagelijks" in offered[0]


def test_real_start_in_a_subprocess_refuses_in_dutch(backed_up: Database) -> None:
    shard = trajectories_file(backed_up.path, "x")
    shard.parent.mkdir(exist_ok=True)
    _other_json(shard)
    env = {**os.environ, "LANG": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "poptui", "--db", str(backed_up.path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env=env,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "beschadigd" in result.stderr and "poptui restore" in result.stderr


def test_an_invalid_record_is_one_problem_line_naming_the_fields_not_their_values(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="Inès", last_name="Geheim", organisation_id=organisation.id))
    path = employees_file(db.path)
    data = json.loads(path.read_text())
    record = next(doc for doc in data["employees"].values() if doc["id"] == employee.id)
    record["reflection"] = "heel-hoog-geheim"
    record["onbekend_veld"] = "x"
    path.write_text(json.dumps(data))
    assert main(["check", "--db", str(db.path)]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    problem = next(line for line in err.splitlines() if "ongeldig record" in line)
    assert "onbekend veld: Dit veld bestaat niet." in problem and "Reflectievermogen" in problem
    assert "heel-hoog-geheim" not in err  # a value may be a name or a note: never echoed


def test_a_save_never_recreates_a_deleted_file(demo_db: Database, tmp_path: Path) -> None:
    """The re-run of the attack: with core.json deleted, `decks import` wrote a new core.json holding only
    the deck (every organisation and coach gone) and `check` no longer named the missing file. A file the
    manifest lists but that is gone is damage: every save that would write it is refused, nothing written."""
    from poptui.models import Trajectory

    deck = tmp_path / "kaarten.csv"
    deck.write_text("kaart;uitleg\nGeduld;wacht\nMoed;durft\n", encoding="utf-8")
    trajectory = next(item for item in demo_db.list(Trajectory) if item.status.value == "actief")
    dossier = demo_db.path / "dossiers" / f"{trajectory.employee_id}.json"
    writes = {
        "core.json": ["decks", "import", str(deck), "--name", "Eigen", "--kind", "kwaliteiten"],
        # the employee's shard gone: the employee is not found (1) or the erasure is refused as damage (2)
        layout.shard_name("employees", trajectory.employee_id): ["person", "erase", trajectory.employee_id, "--yes"],
        dossier.relative_to(demo_db.path).as_posix(): ["person", "erase", trajectory.employee_id, "--yes"],
    }
    for name, command in writes.items():
        root = tmp_path / name.replace("/", "_")
        shutil.copytree(demo_db.path, root)
        (root / name).unlink()
        before = _snapshot(root)
        assert main([*command, "--db", str(root)]) in ((1, 2) if name.startswith("employees/") else (2,)), name
        assert not (root / name).exists(), name
        after = _snapshot(root)
        assert {key for key in after if not key.startswith("backups")} == {
            key for key in before if not key.startswith("backups")
        }
        assert main(["check", "--db", str(root)]) in (1, 2)
