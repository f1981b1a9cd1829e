"""Hostile and broken deck files against the real ``poptui decks import`` (issue 14, hostile input).

Control payloads in every column and in the file name are cleaned before they are stored or
printed; markup and spreadsheet formulas stay literal text (they are shown as text, never run);
broken, empty, oversized and endless files are refused with a Dutch sentence and exit code 2,
never a traceback, and nothing is stored; image names that point at a pipe, a folder or a
gigantic picture leave the card with its label.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from control_payloads import PAYLOADS, unsafe
from openpyxl import Workbook

from poptui.cli import main
from poptui.models import Deck
from poptui.services import decks
from poptui.store import Database

MARKUP = ["[bold red]Vet[/]", "[@click=app.quit]Klik", "[/]", "[link=https://kwaad.example]link[/link]"]
FORMULAS = ['=HYPERLINK("https://kwaad.example";"klik")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def test_payloads_are_cleaned_and_markup_and_formulas_stay_literal_text(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        [f"Kwaliteit{number}{payload}", f"Plus{payload}", payload, f"Vervorming{payload}"]
        for number, payload in enumerate(PAYLOADS.values())
    ]
    rows += [[text, text, text, text] for text in MARKUP + FORMULAS]
    name = "kaarten" + PAYLOADS["osc title"].replace("/", "") + ".csv"
    path = _csv(tmp_path / name, ["Kwaliteit", "Plus", "Uitleg", "Vervorming"], rows)
    code, out, err = _run(
        capsys, "decks", "import", str(path), "--name", "Set" + PAYLOADS["osc 52 clipboard"], "--db", str(db.path)
    )
    assert code == 0, err
    assert unsafe(out) == [] and unsafe(err) == []
    [deck] = db.list(Deck)
    stored = [deck.name, deck.source]
    for card in deck.cards:
        stored += [card.id, card.text, card.plus, card.explanation, card.distortion]
    assert all(unsafe(text) == [] for text in stored), [text for text in stored if unsafe(text)]
    texts = [card.text for card in deck.cards]
    for literal in MARKUP + FORMULAS:
        assert literal in texts  # stored as typed: shown as text, never run
    assert len(deck.cards) == len(rows)
    code, out, err = _run(capsys, "decks", "list", "--db", str(db.path), "--json")
    assert code == 0 and unsafe(out) == []


def _refused(capsys: pytest.CaptureFixture[str], db: Database, path: Path, *words: str) -> str:
    code, out, err = _run(capsys, "decks", "import", str(path), "--name", "Fout", "--db", str(db.path))
    assert code == 2, (out, err)
    assert "Traceback" not in err and err.startswith("Fout: ")
    for word in words:
        assert word in err, err
    assert db.list(Deck) == []
    return err


def test_broken_empty_and_strange_files_are_refused_with_a_dutch_sentence(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    _refused(capsys, db, empty, "leeg")
    garbage = tmp_path / "ruis.csv"
    garbage.write_bytes(bytes(range(256)) * 20)
    _refused(capsys, db, garbage)
    not_zip = tmp_path / "kapot.xlsx"
    not_zip.write_text("dit is geen Excel", encoding="utf-8")
    _refused(capsys, db, not_zip, "Excel")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Vaardigheid"])
    sheet.append(["Lassen"])
    workbook.save(tmp_path / "heel.xlsx")
    whole = (tmp_path / "heel.xlsx").read_bytes()
    (tmp_path / "afgebroken.xlsx").write_bytes(whole[: len(whole) // 2])
    _refused(capsys, db, tmp_path / "afgebroken.xlsx", "Excel")
    folder = tmp_path / "map.csv"
    folder.mkdir()
    _refused(capsys, db, folder, "bestaat niet")
    pipe = tmp_path / "pijp.csv"
    os.mkfifo(pipe)
    _refused(capsys, db, pipe, "bestaat niet")  # never opened: a pipe would wait for ever
    only_header = _csv(tmp_path / "kop.csv", ["Vaardigheid", "Uitleg"], [])
    _refused(capsys, db, only_header, "geen enkele kaart")
    wrong = _csv(tmp_path / "kolommen.csv", ["Voornaam", "Leeftijd"], [["An", "40"]])
    _refused(capsys, db, wrong, "geen kolom met de kaarten")


def test_huge_and_endless_files_are_refused_before_they_are_read_whole(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "groot.csv"
    line = "Vaardigheid nummer zoveel;" + "x" * 200 + "\n"
    big.write_text("Vaardigheid;Uitleg\n" + line * (decks.MAX_FILE_BYTES // len(line) + 10), encoding="utf-8")
    _refused(capsys, db, big, "te groot (2,1 MB; hoogstens 2 MB)")
    rows = _csv(tmp_path / "rijen.csv", ["Vaardigheid"], [[f"V{number}"] for number in range(decks.MAX_ROWS + 5)])
    _refused(capsys, db, rows, f"meer dan {decks.MAX_ROWS} rijen")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Vaardigheid"])
    for number in range(decks.MAX_ROWS + 5):
        sheet.append([f"V{number}"])
    workbook.save(tmp_path / "rijen.xlsx")
    _refused(capsys, db, tmp_path / "rijen.xlsx", f"meer dan {decks.MAX_ROWS} rijen")
    many = _csv(tmp_path / "veel.csv", ["Vaardigheid"], [[f"V{number}"] for number in range(600)])
    _refused(capsys, db, many, "hoogstens 500 kaarten")


def test_a_name_too_long_is_refused_and_images_that_are_no_pictures_leave_the_label(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    good = _csv(tmp_path / "goed.csv", ["Prent"], [["Koken"]])
    code, _out, err = _run(capsys, "decks", "import", str(good), "--name", "N" * 500, "--db", str(db.path))
    assert code == 2 and "te lang" in err and "Traceback" not in err and db.list(Deck) == []

    os.mkfifo(tmp_path / "pijp.png")
    (tmp_path / "map.png").mkdir()
    Image.new("1", (6000, 5000)).save(tmp_path / "reus.png")  # tiny file, 30 million pixels
    Image.new("RGB", (4, 4), (10, 200, 10)).save(tmp_path / "klein.png")
    path = _csv(
        tmp_path / "prenten.csv",
        ["Prent", "Afbeelding"],
        [
            ["Pijp", "pijp.png"],
            ["Map", "map.png"],
            ["Reus", "reus.png"],
            ["Geheim", "/etc/passwd"],
            ["Terug", "../../../../etc/shadow.png"],
            ["Klein", "klein.png"],
        ],
    )
    code, out, err = _run(capsys, "decks", "import", str(path), "--name", "Prenten", "--db", str(db.path))
    assert code == 0, err
    [deck] = db.list(Deck)
    images = {card.text: card.image for card in deck.cards}
    assert images == {"Pijp": "", "Map": "", "Reus": "", "Geheim": "", "Terug": "", "Klein": "klein.png"}
    assert "te groot" in out and "Reus" in out
    assert sorted(path.name for path in (db.path / "decks" / deck.id).iterdir()) == ["klein.png"]
