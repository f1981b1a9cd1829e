"""Importing an organisation's own competentiewoordenboek from .xlsx or .csv, in the service and the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from poptui.cli import main
from poptui.models import CompetenceDictionary, CompetenceKind, Organisation
from poptui.services import competences
from poptui.services.competence_import import ImportFileError, ImportRefused, Outcome, prepare_import
from poptui.store import Database

HEADER = ["Competentie", "Definitie", "Soort", "Gedragsindicator 1", "Gedragsindicator 2", "Gedragsindicator 3"]
HYGIENE = [
    "Hygiënisch werken",
    "De medewerker werkt volgens de hygiëneregels.",
    "technisch",
    "Wast de handen",
    "Draagt een haarnet",
    "Reinigt de werkpost",
]
SORTEREN = ["Sorteren", "De medewerker sorteert het afval.", "T", "Kent de fracties", "Legt juist", "Meldt fouten"]


@pytest.fixture
def organisation(db: Database) -> Organisation:
    return db.save(Organisation(name="Atelier Zuid"))


def _csv(path: Path, rows: list[list[str]], encoding: str = "cp1252", title: str | None = None) -> Path:
    lines = ([title] if title else []) + [";".join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def test_a_good_xlsx_with_a_title_row_and_indicators_in_one_cell(
    db: Database, organisation: Organisation, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Competentiewoordenboek Atelier Zuid"])
    sheet.append(["Naam", "Omschrijving", "Type", "Gedragsindicatoren"])
    sheet.append(
        ["Kwaliteit bewaken", "De medewerker controleert zijn werk.", "technisch", "Controleert\nMeldt\nLegt apart"]
    )
    sheet.append(
        [
            "Groenonderhoud",
            "De medewerker onderhoudt het groen.",
            "Technisch",
            "- Maait\n- Snoeit\n- Ruimt op\n- Kiest de juiste machine",
        ]
    )
    sheet.append([None, None, None, None])
    path = tmp_path / "woordenboek.xlsx"
    workbook.save(path)
    result = prepare_import(db, path, organisation)
    assert [(row.number, row.outcome) for row in result.rows] == [(3, Outcome.UPDATED), (4, Outcome.ADDED)]
    assert db.list(CompetenceDictionary) == []  # a preview saves nothing
    result.commit()
    source = competences.dictionary(db, organisation.id)
    kwaliteit = next(item for item in source.competences if item.name == "Kwaliteit bewaken")
    assert kwaliteit.id == "kwaliteit_bewaken" and kwaliteit.indicators == ["Controleert", "Meldt", "Legt apart"]
    assert source.competences[-1].indicators == ["Maait", "Snoeit", "Ruimt op", "Kiest de juiste machine"]
    assert len(source.competences) == 12


def test_a_cp1252_semicolon_csv_from_belgian_excel(db: Database, organisation: Organisation, tmp_path: Path) -> None:
    path = _csv(tmp_path / "w.csv", [HEADER, HYGIENE, SORTEREN, ["", "", "", "", "", ""]], title="Woordenboek;;;;;")
    result = prepare_import(db, path, organisation, replace=True)
    assert [row.name for row in result.rows] == ["Hygiënisch werken", "Sorteren"]
    assert all(row.outcome is Outcome.ADDED for row in result.rows)
    assert len(result.removed) == 11
    result.commit()
    source = competences.dictionary(db, organisation.id)
    assert [(item.name, item.kind) for item in source.competences] == [
        ("Hygiënisch werken", CompetenceKind.TECHNICAL),
        ("Sorteren", CompetenceKind.TECHNICAL),
    ]


def test_duplicate_names_refuse_the_row_and_nothing_is_saved(
    db: Database, organisation: Organisation, tmp_path: Path
) -> None:
    twice = ["HYGIENISCH werken", "Nog eens.", "technisch", "a", "b", "c"]
    path = _csv(tmp_path / "w.csv", [HEADER, HYGIENE, twice, SORTEREN], encoding="utf-8-sig")
    result = prepare_import(db, path, organisation)
    assert [row.outcome for row in result.rows] == [Outcome.ADDED, Outcome.REFUSED, Outcome.ADDED]
    assert "rij 2" in result.rows[1].reason
    with pytest.raises(ImportRefused):
        result.commit()
    assert db.list(CompetenceDictionary) == []


def test_rows_are_refused_with_their_reason(db: Database, organisation: Organisation, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["Geen soort", "Def.", "", "a", "b", "c"],
        ["Andere soort", "Def.", "andere", "a", "b", "c"],
        ["Twee", "Def.", "generiek", "a", "b", ""],
        ["", "Zonder naam", "generiek", "a", "b", "c"],
        ["Zonder definitie", "", "generiek", "a", "b", "c"],
    ]
    result = prepare_import(db, _csv(tmp_path / "w.csv", rows), organisation)
    reasons = [row.reason for row in result.rows]
    assert all(row.outcome is Outcome.REFUSED for row in result.rows)
    assert "vul generiek of technisch in" in reasons[0]
    assert "'andere'" in reasons[1]
    assert "3 tot 5 gedragsindicatoren" in reasons[2]
    assert reasons[3].startswith("Naam") and reasons[4].startswith("Definitie")


def test_missing_columns_refuse_the_file(db: Database, organisation: Organisation, tmp_path: Path) -> None:
    no_definition = _csv(tmp_path / "a.csv", [["Competentie", "Soort", "Gedragsindicator 1"], ["X", "generiek", "a"]])
    with pytest.raises(ImportFileError, match="kopregel"):
        prepare_import(db, no_definition, organisation)
    no_indicators = _csv(tmp_path / "b.csv", [["Competentie", "Definitie", "Soort"], ["X", "Def.", "generiek"]])
    with pytest.raises(ImportFileError, match="gedragsindicatoren ontbreekt"):
        prepare_import(db, no_indicators, organisation)


def test_the_cli_imports_all_or_nothing_with_a_report_per_row(
    db: Database, organisation: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _csv(tmp_path / "bad.csv", [HEADER, HYGIENE, ["Sorteren", "", "T", "a", "b", "c"]])
    code = main(["competences", "import", str(bad), "--organisation", "atelier zuid", "--db", str(db.path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "Rij 2: Hygiënisch werken — wordt toegevoegd" in out
    assert "Rij 3: Sorteren — geweigerd: Definitie" in out
    assert "Er is niets ingelezen" in out
    assert db.list(CompetenceDictionary) == []

    good = _csv(tmp_path / "good.csv", [HEADER, HYGIENE, SORTEREN])
    arguments = ["competences", "import", str(good), "--organisation", "Atelier", "--db", str(db.path)]
    assert main([*arguments, "--dry-run"]) == 0
    assert "Proefdraai" in capsys.readouterr().out and db.list(CompetenceDictionary) == []
    assert main(arguments) == 0
    assert "2 toegevoegd, 0 bijgewerkt, 0 geweigerd" in capsys.readouterr().out

    assert main(["competences", "list", "--organisation", "atelier", "--json", "--db", str(db.path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[-1] == {
        "id": listed[-1]["id"],
        "name": "Sorteren",
        "kind": "technisch",
        "definition": "De medewerker sorteert het afval.",
        "indicators": ["Kent de fracties", "Legt juist", "Meldt fouten"],
        "profiles": [],
    }
    assert main(["competences", "list", "--organisation", "atelier", "--db", str(db.path)]) == 0
    text = capsys.readouterr().out
    assert "Hygiënisch werken (technisch)" in text and "  - Wast de handen" in text


def test_the_cli_refuses_an_unknown_organisation_and_an_unreadable_file(
    db: Database, organisation: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["competences", "list", "--organisation", "Nergens", "--db", str(db.path)]) == 1
    assert "niet gekend" in capsys.readouterr().err
    missing = tmp_path / "nope.csv"
    assert main(["competences", "import", str(missing), "--organisation", "Atelier", "--db", str(db.path)]) == 2
    assert "bestaat niet" in capsys.readouterr().err


def test_a_file_that_would_overfill_the_dictionary_is_refused_whole(
    db: Database, organisation: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [HEADER, *([f"Competentie {number}", "Def.", "generiek", "a", "b", "c"] for number in range(490))]
    path = _csv(tmp_path / "veel.csv", rows)
    result = prepare_import(db, path, organisation)
    assert not result.refused and "501 competenties" in result.problem and not result.can_commit
    with pytest.raises(ImportRefused, match="hoogstens 500"):
        result.commit()
    code = main(["competences", "import", str(path), "--organisation", "Atelier", "--db", str(db.path)])
    assert code == 1 and "hoogstens 500" in capsys.readouterr().out
    assert db.list(CompetenceDictionary) == []
    assert prepare_import(db, path, organisation, replace=True).can_commit  # the file replaces the 11


def test_markup_control_characters_and_formulas_from_the_file_stay_plain_text(
    db: Database, organisation: Organisation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Competentie", "Definitie", "Soort", "Gedragsindicatoren"],
        ["[bold red]Boos[/] [@click=app.quit]x[/]", "Def \x1b[31mrood\x1b[0m en \x07bel", "generiek", "een|twee|drie"],
        ['=HYPERLINK("http://x","klik")', "+cmd|' /C calc'!A0", "technisch", "=1+1|@SUM(A1)|drie"],
        ["Nul\x00byte\u202eomgekeerd", "Def.", "g", "a|b|c"],
    ]
    path = tmp_path / "vijandig.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter=";", lineterminator="\r\n").writerows(rows)
    arguments = ["competences", "import", str(path), "--organisation", "Atelier", "--db", str(db.path)]
    assert main(arguments) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x00" not in out and "\u202e" not in out
    assert "Rij 2: [bold red]Boos[/] [@click=app.quit]x[/] — toegevoegd" in out
    source = competences.dictionary(db, organisation.id)
    boos, formula, nul = source.competences[-3:]
    assert boos.name == "[bold red]Boos[/] [@click=app.quit]x[/]" and boos.definition == "Def rood en bel"
    assert formula.name == '=HYPERLINK("http://x","klik")' and formula.indicators == ["=1+1", "@SUM(A1)", "drie"]
    assert nul.name == "Nulbyteomgekeerd"
