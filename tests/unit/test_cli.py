"""The command line: each command, exit codes, JSON shape, Dutch errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from store_files import employees_file

from poptui.cli import main
from poptui.cli.common import EXIT_PIPE_CLOSED


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        raise SystemExit(main(list(args)))
    out, err = capsys.readouterr()
    return int(caught.value.code or 0), out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("poptui ")


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "toon deze hulp" in out and "demo" in out and "check" in out


def test_demo_list_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo")
    code, out, _ = run("demo", "--db", db, capsys=capsys)
    assert code == 0 and "Demodatabase geschreven" in out
    code, _, err = run("demo", "--db", db, capsys=capsys)
    assert code == 1 and "--force" in err
    code, _, _ = run("demo", "--db", db, "--force", capsys=capsys)
    assert code == 0

    code, out, _ = run("list", "trajectories", "--db", db, "--json", capsys=capsys)
    assert code == 0
    trajectories = json.loads(out)
    required = {
        "id",
        "employee_id",
        "employee",
        "organisation",
        "variant",
        "status",
        "contact_moments_planned",
        "contact_moments_held",
        "actions",
        "generic_actions",
        "technical_actions",
    }
    assert all(required <= set(item) for item in trajectories)
    assert {item["variant"] for item in trajectories} == {
        "basistraject",
        "variant_1",
        "variant_2",
        "variant_3",
        "variant_4",
    }
    assert {item["status"] for item in trajectories} >= {"gepland", "actief", "afgerond", "gestopt"}
    assert any(
        item["status"] == "actief" and 0 < item["contact_moments_held"] < item["contact_moments_planned"]
        for item in trajectories
    )
    assert any(
        item["status"] == "afgerond" and item["generic_actions"] and item["technical_actions"] for item in trajectories
    )
    follow_ups = [item for item in trajectories if item["previous_trajectory_id"]]
    assert follow_ups

    code, out, _ = run("list", "employees", "--db", db, "--json", capsys=capsys)
    employees = json.loads(out)
    assert len(employees) == 12
    assert all({"id", "first_name", "last_name", "organisation"} <= set(item) for item in employees)
    code, out, _ = run("list", "organisations", "--db", db, "--json", capsys=capsys)
    assert {item["name"] for item in json.loads(out)} == {"De Werkplaats vzw", "LDE Groen & Zorg"}
    code, out, _ = run("list", "employees", "--db", db, capsys=capsys)
    assert "Van den Broeck" in out and "Achternaam" in out

    code, out, _ = run("check", "--db", db, capsys=capsys)
    assert code == 0 and "in orde" in out


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run("check", "--db", str(tmp_path / "nergens"), capsys=capsys)
    assert code == 2 and "geen database" in err
    db = tmp_path / "db"
    run("init", "--db", str(db), capsys=capsys)
    shard = employees_file(db, "x")
    shard.parent.mkdir(exist_ok=True)
    shard.write_text(
        '{"employees": {"1": {"id": "x", "first_name": "A", "last_name": "B", "organisation_id": "weg", "version": 1}}}'
    )
    code, out, _ = run("check", "--db", str(db), capsys=capsys)
    assert code == 1 and "organisatie die niet bestaat" in out
    shard.write_text("{niet json")
    code, out, _ = run("check", "--db", str(db), capsys=capsys)
    assert code in (1, 2) and "beschadigd" in out + capsys.readouterr().err


def test_bad_db_paths_get_dutch_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    code, _, err = run("list", "employees", "--db", str(a_file), capsys=capsys)
    assert code == 2 and "geen databasemap" in err
    code, _, err = run("list", "employees", "--db", str(tmp_path / "missing"), capsys=capsys)
    assert code == 2 and "poptui init" in err


def test_environment_variable_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "env-db"
    run("init", "--db", str(db), capsys=capsys)
    monkeypatch.setenv("POPTUI_DB", str(db))
    code, out, _ = run("list", "organisations", capsys=capsys)
    assert code == 0 and "Nog niets" in out


def test_console_script_runs_as_a_module(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "poptui", "list", "organisations", "--db", str(tmp_path / "x")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`poptui competences list ... | head -1`: the pipe is closed while poptui still writes."""
    db = tmp_path / "db"
    assert main(["demo", "--db", str(db)]) == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "poptui", "competences", "list", "--organisation", "werkplaats", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before poptui writes its first line
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == EXIT_PIPE_CLOSED  # the documented code (README: exit codes)
    assert "Traceback" not in error and "BrokenPipe" not in error
