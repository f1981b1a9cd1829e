"""Importing employees from the files organisations hand over: CSV (; or ,) and .xlsx, as Excel writes them."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from poptui.cli import main
from poptui.models import Employee, Level, Organisation, Person, Role
from poptui.services.import_employees import ImportFileError, Outcome, prepare_import
from poptui.store import Database, SaveFailed

BELGIAN_CSV = (
    "Personeelslijst De Werkplaats;;;;;\r\n"
    "Voornaam;Achternaam;Functie;Begeleider;Reflectievermogen;Toestemming\r\n"
    "Jan;D'Hondt;Houtatelier;Luc Maes;laag;01/02/2024\r\n"
    " Inès ;  Van den Broeck ;Verpakking; luc  maes ;Gemiddeld;\r\n"
    "Ayşe;Müller-Özdemir;Naaiatelier;Greet Peeters;HOOG;\r\n"
    "Tom;Peeters;Metaal;;matig;\r\n"
    ";Zonder Voornaam;;;;\r\n"
    "Kim;Claes;;;;31/02/2024\r\n"
    ";;;;;\r\n"
    ";;;;;\r\n"
)


@pytest.fixture
def werkplaats(db: Database) -> Organisation:
    organisation = db.save(Organisation(name="De Werkplaats vzw"))
    db.save(Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR]))
    return organisation


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _employees(db: Database) -> dict[str, Employee]:
    return {employee.full_name: employee for employee in db.list(Employee)}


def test_semicolon_csv_in_windows_1252_with_a_title_row(db: Database, werkplaats: Organisation, tmp_path: Path) -> None:
    # "Ayşe" has no Windows-1252 letter: an Excel user in Belgium would have "Ayse"; keep the rest accented.
    path = _write(tmp_path / "lijst.csv", BELGIAN_CSV.replace("Ayşe", "Ayse"), "cp1252")
    result = prepare_import(db, path, werkplaats)
    outcomes = {row.number: (row.name, row.outcome) for row in result.rows}
    assert outcomes == {
        3: ("Jan D'Hondt", Outcome.ADDED),
        4: ("Inès Van den Broeck", Outcome.ADDED),
        5: ("Ayse Müller-Özdemir", Outcome.ADDED),
        6: ("Tom Peeters", Outcome.REFUSED),
        7: ("Zonder Voornaam", Outcome.REFUSED),
        8: ("Kim Claes", Outcome.REFUSED),
    }
    reasons = {row.number: row.reason for row in result.refused}
    assert "Reflectievermogen" in reasons[6] and "'matig'" in reasons[6]
    assert reasons[7].startswith("Voornaam:") and "verplicht" in reasons[7]
    assert reasons[8].startswith("Datum toestemming:") and "dd/mm/jjjj" in reasons[8]
    assert db.list(Employee) == []  # a preview saves nothing

    result.commit()
    stored = _employees(db)
    assert set(stored) == {"Jan D'Hondt", "Inès Van den Broeck", "Ayse Müller-Özdemir"}
    luc = next(person for person in db.list(Person) if person.last_name == "Maes")
    assert stored["Jan D'Hondt"].supervisor_id == luc.id
    assert stored["Inès Van den Broeck"].supervisor_id == luc.id  # "luc  maes": case and spaces ignored
    assert stored["Jan D'Hondt"].reflection is Level.LOW
    assert stored["Jan D'Hondt"].consent_date == date(2024, 2, 1)
    assert stored["Inès Van den Broeck"].function == "Verpakking"
    greet = next(person for person in db.list(Person) if person.last_name == "Peeters")
    assert greet.roles == [Role.SUPERVISOR] and greet.organisation_id == werkplaats.id
    assert stored["Ayse Müller-Özdemir"].supervisor_id == greet.id
    assert "Greet Peeters" in result.summary()


def test_comma_csv_in_utf8_with_bom_and_english_headers(db: Database, werkplaats: Organisation, tmp_path: Path) -> None:
    text = (
        "first_name,Last Name,function,supervisor,reflection\n"
        'Ayşe,Müller-Özdemir,"Sewing, finishing",Luc Maes,high\n'
        "Jan,D'Hondt,Wood,,low\n\n\n"
    )
    path = _write(tmp_path / "list.csv", text, "utf-8-sig")
    result = prepare_import(db, path, werkplaats).commit()
    assert [row.outcome for row in result.rows] == [Outcome.ADDED, Outcome.ADDED]
    stored = _employees(db)
    assert stored["Ayşe Müller-Özdemir"].function == "Sewing, finishing"
    assert stored["Ayşe Müller-Özdemir"].reflection is Level.HIGH
    assert stored["Jan D'Hondt"].supervisor_id is None


def test_xlsx_with_a_title_row_and_date_cells(db: Database, werkplaats: Organisation, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Werknemers 2025 – De Werkplaats"])
    sheet.append([])
    sheet.append(
        ["Voornaam", "Achternaam", "Functie", "Werkvloerbegeleider", "Reflectievermogen", "Toestemming", "Telefoon"]
    )
    sheet.append(["Inès", "Van den Broeck", "Verpakking", "Luc Maes", "gemiddeld", datetime(2025, 3, 12), "0470"])
    sheet.append([" Jan ", "D'Hondt", 12, None, None, None, None])
    sheet.append([None, None, None, None, None, None, None])
    path = tmp_path / "werknemers.xlsx"
    workbook.save(path)

    result = prepare_import(db, path, werkplaats)
    assert [(row.number, row.outcome) for row in result.rows] == [(4, Outcome.ADDED), (5, Outcome.ADDED)]
    assert any("Telefoon" in note for note in result.notes())
    result.commit()
    stored = _employees(db)
    assert stored["Inès Van den Broeck"].consent_date == date(2025, 3, 12)
    assert stored["Jan D'Hondt"].function == "12"


def test_duplicates_in_the_store_and_in_the_file_are_skipped(
    db: Database, werkplaats: Organisation, tmp_path: Path
) -> None:
    db.save(Employee(first_name="Jan", last_name="D'Hondt", organisation_id=werkplaats.id, archived=True))
    other = db.save(Organisation(name="LDE Groen & Zorg"))
    db.save(Employee(first_name="Kim", last_name="Claes", organisation_id=other.id))
    text = "voornaam;achternaam\nJAN;Dhondt\nKim;Claes\nkim;claes\n"
    result = prepare_import(db, _write(tmp_path / "a.csv", text, "utf-8"), werkplaats)
    assert [row.outcome for row in result.rows] == [Outcome.DUPLICATE, Outcome.ADDED, Outcome.DUPLICATE]
    assert "bestaat al" in result.rows[0].reason
    assert "rij 3" in result.rows[2].reason
    result.commit()
    assert len(db.list(Employee, organisation_id=werkplaats.id)) == 2  # the archived Jan and the new Kim


def test_a_file_without_header_is_refused_in_dutch(db: Database, werkplaats: Organisation, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="kopregel"):
        prepare_import(db, _write(tmp_path / "x.csv", "Jan;D'Hondt\nKim;Claes\n", "utf-8"), werkplaats)
    with pytest.raises(ImportFileError, match="bestaat niet"):
        prepare_import(db, tmp_path / "missing.csv", werkplaats)


@pytest.mark.parametrize("failing", ["dossier", "shared file", "audit"])
def test_nothing_is_saved_when_the_disk_fails_midway(
    db: Database, werkplaats: Organisation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A full disk while writing a new dossier, an employees' shard/core.json or the audit log: nothing changes."""
    from poptui.store import bulk

    path = _write(tmp_path / "lijst.csv", BELGIAN_CSV.replace("Ayşe", "Ayse"), "cp1252")
    result = prepare_import(db, path, werkplaats)
    assert any(row.consent is not None for row in result.added)  # Jan has a consent date: a new dossier
    files_before = {str(item.relative_to(db.path)): item.read_bytes() for item in db.path.rglob("*") if item.is_file()}
    original_write_temp = bulk.write_temp

    def full_disk(target: Path, data: bytes, **kwargs: object) -> Path:
        in_dossiers = target.parent.name == "dossiers"
        if (failing == "dossier") == in_dossiers:
            raise OSError(28, "No space left on device")
        return original_write_temp(target, data, **kwargs)  # type: ignore[arg-type]

    def audit_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "audit":
        monkeypatch.setattr(bulk.audit, "append_prepared", audit_full)
    else:
        monkeypatch.setattr(bulk, "write_temp", full_disk)
    with pytest.raises(SaveFailed):
        result.commit()
    files_after = {str(item.relative_to(db.path)): item.read_bytes() for item in db.path.rglob("*") if item.is_file()}
    assert files_after == files_before  # no temporary file left, no dossier, nothing changed
    assert not result.committed
    monkeypatch.undo()
    result.commit()  # the disk has room again: the same import goes through
    assert len(db.list(Employee)) == 3


def test_cli_imports_reports_per_row_and_sets_the_exit_code(
    db: Database, werkplaats: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _write(tmp_path / "lijst.csv", BELGIAN_CSV.replace("Ayşe", "Ayse"), "cp1252")
    assert (
        main(["import", "employees", str(bad), "--organisation", "de werkplaats", "--db", str(db.path), "--dry-run"])
        == 1
    )
    out = capsys.readouterr().out
    assert "Rij 4: Inès Van den Broeck — wordt toegevoegd" in out
    assert "Rij 6: Tom Peeters — geweigerd: Reflectievermogen" in out
    assert "niets opgeslagen" in out
    assert db.list(Employee) == []

    assert main(["import", "employees", str(bad), "--organisation", "DE WERKPLAATS VZW", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    assert "3 toegevoegd, 0 overgeslagen (dubbel), 3 geweigerd." in out
    assert len(db.list(Employee)) == 3

    good = _write(tmp_path / "goed.csv", "voornaam;achternaam\nJan;D'Hondt\nLien;Maes\n", "utf-8")
    assert main(["import", "employees", str(good), "--organisation", "Werkplaats", "--db", str(db.path)]) == 0
    out = capsys.readouterr().out
    assert "Rij 2: Jan D'Hondt — overgeslagen: dubbel" in out and "Rij 3: Lien Maes — toegevoegd" in out
    assert len(db.list(Employee)) == 4


def test_cli_refuses_an_unknown_organisation_and_a_missing_file(
    db: Database, werkplaats: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "goed.csv", "voornaam;achternaam\nJan;D'Hondt\n", "utf-8")
    assert main(["import", "employees", str(good), "--organisation", "Onbekend", "--db", str(db.path)]) == 1
    error = capsys.readouterr().err
    assert "niet gekend" in error and "De Werkplaats vzw" in error
    assert (
        main(["import", "employees", str(tmp_path / "weg.csv"), "--organisation", "werkplaats", "--db", str(db.path)])
        == 2
    )
    assert "bestaat niet" in capsys.readouterr().err
    assert db.list(Employee) == []


def test_the_start_date_column_is_read_for_the_pop_deadline(
    db: Database, werkplaats: Organisation, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Voornaam", "Achternaam", "Datum in dienst"])
    sheet.append(["Inès", "Van den Broeck", datetime(2025, 9, 1)])
    sheet.append(["Jan", "D'Hondt", None])
    path = tmp_path / "werknemers.xlsx"
    workbook.save(path)
    prepare_import(db, path, werkplaats).commit()
    text = "Voornaam;Achternaam;Startdatum\nKim;Claes;15/10/2025\nTom;Peeters;32/10/2025\n"
    result = prepare_import(db, _write(tmp_path / "lijst.csv", text, "utf-8"), werkplaats)
    assert [row.outcome for row in result.rows] == [Outcome.ADDED, Outcome.REFUSED]
    result.commit()
    stored = _employees(db)
    assert stored["Inès Van den Broeck"].start_date == date(2025, 9, 1)
    assert stored["Jan D'Hondt"].start_date is None
    assert stored["Kim Claes"].start_date == date(2025, 10, 15)
