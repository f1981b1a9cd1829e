"""Hostile and broken files against the real ``poptui import employees`` (issue 10, points 3 and 6).

The control-payload corpus (tests/control_payloads.py) goes into every column, a header cell and
the file name; the report (dry run and real import) must hold none of it, on stdout or stderr.
Broken CSVs: a stray quote, an unclosed quote at the end, a 200 KB cell, a 10,000-character name:
each refuses its own row with a Dutch reason and the row number, never a traceback, never a
silently swallowed row; reports cut long values.
"""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from control_payloads import PAYLOADS, hostile_csv, unsafe, unsafe_bytes

from poptui.cli import main
from poptui.cli.import_command import ProgressBar
from poptui.models import ConsentEvent, Employee, Organisation, Person, Role
from poptui.services import import_table
from poptui.services.import_employees import Outcome, prepare_import
from poptui.store import Database, summaries
from poptui.text import clean_line


@pytest.fixture
def atelier(db: Database) -> Organisation:
    organisation = db.save(Organisation(name="Atelier"))
    db.save(Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR]))
    return organisation


def _hostile_csv(folder: Path) -> Path:
    return hostile_csv(folder / ("werknemers" + PAYLOADS["osc title"].replace("/", "") + ".csv"))


def _run(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "poptui", *arguments],
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "TERM": "linux"},
    )


@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "import"])
def test_the_cli_report_lets_no_control_payload_through(
    db: Database, atelier: Organisation, tmp_path: Path, dry_run: bool
) -> None:
    path = _hostile_csv(tmp_path)
    arguments = ["import", "employees", str(path), "--organisation", "atelier", "--db", str(db.path)]
    process = _run(*arguments, *(["--dry-run"] if dry_run else []))
    assert process.returncode == 1, process.stderr.decode()  # the even rows are refused
    assert unsafe_bytes(process.stdout) == []
    assert unsafe_bytes(process.stderr) == []
    assert b"Traceback" not in process.stderr and process.stderr == b""  # no progress bar: not a terminal
    out = process.stdout.decode()
    for number in range(len(PAYLOADS)):
        assert f"Rij {number + 2}: Naam{number}" in out
    assert "Reflectievermogen: kies laag, gemiddeld of hoog (in het bestand: 'hoog nep schermx')" in out
    assert "Niet gebruikte kolommen: Extraklembord." in out
    stored = db.list(Employee)
    added = out.count(" — wordt toegevoegd" if dry_run else " — toegevoegd")
    assert added >= len(PAYLOADS) // 2 - 3
    assert len(stored) == (0 if dry_run else added)
    for employee in stored:
        for value in (employee.first_name, employee.last_name, employee.function, employee.remarks):
            assert unsafe(value) == [], value
    for person in db.list(Person):
        assert unsafe(person.full_name) == []


def test_cli_errors_about_the_file_and_the_organisation_are_cleaned(
    db: Database, atelier: Organisation, tmp_path: Path
) -> None:
    headerless = tmp_path / ("lijst" + PAYLOADS["osc 52 clipboard"] + ".csv")
    headerless.write_bytes(("Jan" + PAYLOADS["ris"] + ";Peeters\r\n").encode("utf-8"))
    missing = tmp_path / ("weg" + PAYLOADS["csi clear"] + ".csv")
    cases = [
        ([str(headerless), "--organisation", "atelier"], 2, "kopregel"),
        ([str(missing), "--organisation", "atelier"], 2, "bestaat niet"),
        ([str(headerless), "--organisation", "Onbekend" + PAYLOADS["dsr"]], 1, "niet gekend"),
    ]
    for arguments, code, message in cases:
        process = _run("import", "employees", *arguments, "--db", str(db.path))
        assert process.returncode == code
        assert message in process.stderr.decode()
        assert unsafe_bytes(process.stderr) == [] and unsafe_bytes(process.stdout) == []
        assert b"Traceback" not in process.stderr


def test_a_progress_bar_is_drawn_on_a_terminal_only(db: Database, atelier: Organisation, tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("voornaam;achternaam\n" + "".join(f"Jan{n};Peeters\n" for n in range(3000)), encoding="utf-8")
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "poptui", "import", "employees", str(path), "--organisation", "atelier"]
            + ["--db", str(db.path), "--dry-run"],
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
        )
        os.close(terminal)
        terminal = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed: everything has been read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(controller)
        if terminal != -1:
            os.close(terminal)
    assert process.returncode == 0
    text = drawn.decode()
    assert "Rijen controleren" in text and "3000/3000" in text and "100%" in text and "[####" in text
    assert text.rstrip(" \r").endswith("") and "\x1b" not in text  # plain characters, wiped with spaces
    assert "Rij 3001" in process.stdout.decode() and "Rijen controleren" not in process.stdout.decode()


def test_the_progress_bar_stays_within_the_width_and_is_wiped() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = ProgressBar(stream)
    for done in (0, 5000, 10000):
        bar._last = 0.0
        bar("Rijen controleren", done, 10000)
    bar.close()
    lines = stream.getvalue().split("\r")
    assert all(len(line) <= 99 for line in lines)
    assert "10000/10000" in stream.getvalue() and lines[-1] == ""
    quiet = io.StringIO()
    silent = ProgressBar(quiet)
    silent("Opslaan", 1, 2)
    silent.close()
    assert quiet.getvalue() == ""


# -- broken CSVs ------------------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("cp1252"))
    return path


def test_a_stray_quote_refuses_its_row_and_swallows_nothing(
    db: Database, atelier: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path / "lijst.csv",
        "Voornaam;Achternaam;Functie\r\n"
        "Jan;Peeters;Hout\r\n"
        'Tom;"De Smet;Metaal\r\n'  # row 3: the quote is never closed on its line
        "Kim;Claes;Onthaal\r\n"
        "Lien;Maes;Keuken\r\n"
        'An;Wouters;zegt "graag" buiten\r\n'  # a quote inside a cell is just a character
        'Eva;Goossens;"Groen\r\n'  # row 7: unclosed until the end of the file
        "Noor;Aerts;Logistiek\r\n",
    )
    result = prepare_import(db, path, atelier)
    outcomes = {row.number: row.outcome for row in result.rows}
    assert outcomes == {
        2: Outcome.ADDED,
        3: Outcome.REFUSED,
        4: Outcome.ADDED,
        5: Outcome.ADDED,
        6: Outcome.ADDED,
        7: Outcome.REFUSED,
        8: Outcome.ADDED,
    }
    reasons = {row.number: row.reason for row in result.refused}
    assert "aanhalingsteken" in reasons[3] and "aanhalingsteken" in reasons[7]
    assert main(["import", "employees", str(path), "--organisation", "atelier", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    assert 'Rij 3: Tom "De Smet — geweigerd: Een aanhalingsteken (")' in out
    assert "5 toegevoegd, 0 overgeslagen (dubbel), 2 geweigerd." in out
    assert {employee.first_name for employee in db.list(Employee)} == {"Jan", "Kim", "Lien", "An", "Noor"}


def test_a_remark_over_several_lines_is_one_cell(db: Database, atelier: Organisation, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "lijst.csv",
        'Voornaam;Achternaam;Opmerkingen\r\nJan;Peeters;"eerste regel\r\ntweede regel"\r\nKim;Claes;\r\n',
    )
    result = prepare_import(db, path, atelier)
    assert [(row.number, row.outcome) for row in result.rows] == [(2, Outcome.ADDED), (3, Outcome.ADDED)]
    assert result.rows[0].employee is not None and result.rows[0].employee.remarks == "eerste regel tweede regel"


def test_oversized_fields_are_refused_per_row_without_a_traceback(
    db: Database, atelier: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = "x" * 200_000  # over the csv module's 128 KB limit, which used to raise
    long_name = "Bartholomeus" * 834  # 10,008 characters
    path = _write(
        tmp_path / "lijst.csv",
        f"Voornaam;Achternaam;Opmerkingen;{'K' * 500}\r\n"
        f"Jan;Peeters;{huge}\r\n"
        f"{long_name};Claes;\r\n"
        f"Lien;{'M' * 101};\r\n"
        "Kim;Maes;kort\r\n",
    )
    assert main(["import", "employees", str(path), "--organisation", "atelier", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) < 400
    assert (
        "Rij 2: Jan Peeters — geweigerd: Kolom 'Opmerkingen': de waarde is te lang (200000 tekens, hoogstens 5000)."
        in out
    )
    row_3 = next(line for line in lines if line.startswith("Rij 3:"))
    assert "Bartholomeus" in row_3 and "…" in row_3 and "(10008 tekens, hoogstens 100)" in row_3
    assert "Rij 4: Lien MMMM" in out and "(101 tekens, hoogstens 100)" in out
    assert "Rij 5: Kim Maes — toegevoegd" in out
    assert "Niet gebruikte kolommen: " + "K" * 59 + "…." in out
    assert [employee.full_name for employee in db.list(Employee)] == ["Kim Maes"]


def test_a_file_over_the_size_limit_is_refused_in_dutch(
    db: Database, atelier: Organisation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_table, "MAX_FILE_BYTES", 1024 * 1024)
    path = _write(tmp_path / "groot.csv", "voornaam;achternaam\r\n" + "Jan;Peeters\r\n" * 100_000)
    with pytest.raises(import_table.ImportFileError, match="te groot"):
        prepare_import(db, path, atelier)


def test_an_unclosed_quote_in_a_title_row_does_not_hide_the_header(
    db: Database, atelier: Organisation, tmp_path: Path
) -> None:
    path = _write(tmp_path / "lijst.csv", '"Personeelslijst 2025;;\r\nVoornaam;Achternaam;\r\nJan;Peeters;\r\n')
    result = prepare_import(db, path, atelier)
    assert [(row.number, row.name, row.outcome) for row in result.rows] == [(3, "Jan Peeters", Outcome.ADDED)]


def test_after_a_hostile_import_the_database_checks_healthy_and_its_summaries_are_current(
    db: Database, atelier: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Every cell is cleaned once, as it is read, and stored as cleaned (not cleaned again): the files
    # hold only clean text, the consent dates are consent events in new dossiers, the summaries and the
    # manifest follow, so `poptui check` finds nothing and a rebuild of the summaries changes nothing.
    lines = ["Voornaam;Achternaam;Functie;Toestemming;Opmerkingen"]
    for number, payload in enumerate(PAYLOADS.values()):
        consent = f"0{number % 9 + 1}/03/2025" if number % 2 else ""
        lines.append(f'"Naam{number}{payload}";Peeters;"Jose\u200d\u0301{payload}";{consent};"{payload}"')
    path = tmp_path / "werknemers.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    assert main(["import", "employees", str(path), "--organisation", "atelier", "--db", str(db.path)]) == 0
    assert unsafe_bytes(capsys.readouterr().out.encode()) == []
    stored = db.list(Employee)
    assert len(stored) == len(PAYLOADS)
    for employee in stored:
        for value in (employee.first_name, employee.last_name, employee.function, employee.remarks):
            assert unsafe(value) == [] and value == clean_line(value), repr(value)
        assert employee.function.startswith("Jos\u00e9")
        consents = db.list(ConsentEvent, employee_id=employee.id)
        assert [event.date for event in consents] == ([employee.consent_date] if employee.consent_date else [])
    assert sum(1 for employee in stored if employee.consent_date) == len(PAYLOADS) // 2
    assert main(["check", "--db", str(db.path)]) == 0
    assert "in orde" in capsys.readouterr().out
    kept = db.summaries()
    shutil.rmtree(db.path / summaries.FOLDER)
    assert db.refresh_summaries() == kept
