"""Decks: poptui's own, importing an organisation's deck (good file, empty file, wrong columns), the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from poptui.cli import main
from poptui.models import Deck, DeckKind, Organisation
from poptui.services import decks
from poptui.services.decks import DeckImportError
from poptui.store import Database


def _run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_belgian_csv_with_a_title_row_becomes_a_deck(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "kwaliteiten.csv"
    text = (
        "Kwaliteiten van De Schakel;;\r\n"
        "Kwaliteit;Plus;Vervorming\r\n"
        "Behulpzaam;Ik help graag;Bemoeizuchtig\r\n"
        " Stipt ; Altijd op tijd ;\r\n"
        ";;\r\n"
        "Zorgzaam;Ik zorg voor anderen;Betuttelend\r\n"
        ";Zonder kaart;\r\n"
        "behulpzaam;dubbel;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    result = decks.import_deck(db, path, "Kwaliteiten De Schakel")
    assert result.deck.kind is DeckKind.QUALITIES
    assert [card.text for card in result.deck.cards] == ["Behulpzaam", "Stipt", "Zorgzaam"]
    assert result.deck.cards[1].plus == "Altijd op tijd"
    assert [number for number, _reason in result.refused] == [7, 8]
    assert "rij 3" in result.refused[1][1]
    [stored] = db.list(Deck)
    assert stored.name == "Kwaliteiten De Schakel"
    again = decks.import_deck(db, path, "kwaliteiten de schakel")
    assert again.replaced and len(db.list(Deck)) == 1


def test_an_xlsx_deck_of_competences_with_four_aspects(db: Database, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Competentie", "Aspect 1", "Aspect 2", "Aspect 3", "Aspect 4"])
    sheet.append(["Veiligheid", "Schoenen", "Melden", "Stilleggen", "Nooduitgang"])
    sheet.append(["Stiptheid", "Op tijd", "Pauze", "", ""])
    workbook.save(tmp_path / "competenties.xlsx")
    result = decks.import_deck(db, tmp_path / "competenties.xlsx", "Onze competenties")
    assert result.deck.kind is DeckKind.COMPETENCES
    assert result.deck.cards[0].aspects == ["Schoenen", "Melden", "Stilleggen", "Nooduitgang"]
    assert result.refused and "vier aspecten" in result.refused[0][1]
    assert decks.competence_cards(db, None).name == "Onze competenties"


def test_an_empty_file_imports_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "leeg.csv"
    path.write_text("Vaardigheid;Uitleg\n;;\n", encoding="utf-8")
    with pytest.raises(DeckImportError, match="geen enkele kaart"):
        decks.import_deck(db, path, "Leeg")
    (tmp_path / "niets.csv").write_bytes(b"")
    with pytest.raises(DeckImportError, match="is leeg"):
        decks.import_deck(db, tmp_path / "niets.csv", "Niets")
    assert db.list(Deck) == []


def test_wrong_columns_import_nothing_with_a_clear_message(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "fout.csv"
    path.write_text("Voornaam;Achternaam\nAn;Peeters\n", encoding="utf-8")
    with pytest.raises(DeckImportError) as caught:
        decks.import_deck(db, path, "Fout")
    message = str(caught.value)
    assert "geen kolom met de kaarten" in message and "'kwaliteit'" in message and "niets ingelezen" in message
    path.write_text("Kaart\nPlannen\n", encoding="utf-8")
    with pytest.raises(DeckImportError, match="--soort"):
        decks.import_deck(db, path, "Zonder soort")
    result = decks.import_deck(db, path, "Met soort", DeckKind.SKILLS)
    assert result.deck.kind is DeckKind.SKILLS
    assert [deck.name for deck in db.list(Deck)] == ["Met soort"]


def test_pictures_with_image_files_are_copied_into_the_database(db: Database, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (8, 6), (200, 30, 30)).save(tmp_path / "koken.png")
    (tmp_path / "kapot.png").write_bytes(b"not an image")
    path = tmp_path / "prenten.csv"
    path.write_text("Prent;Afbeelding\nKoken;koken.png\nKapot;kapot.png\nZonder;\n", encoding="utf-8")
    result = decks.import_deck(db, path, "Onze prenten")
    cards = {card.text: card for card in result.deck.cards}
    deck = decks.get_deck(db, result.deck.id)
    image = deck.image_path(cards["Koken"])
    assert image is not None and image.parent == db.path / "decks" / result.deck.id
    assert deck.image_path(cards["Kapot"]) is None and cards["Kapot"].image == ""
    assert any("Kapot" in note for note in result.notes)


def test_available_orders_the_organisations_own_deck_first(db: Database) -> None:
    organisation = db.save(Organisation(name="De Schakel"))
    other = db.save(Organisation(name="Ander"))
    db.save(Deck(name="Voor iedereen", kind=DeckKind.SKILLS, cards=[{"id": "a", "text": "A"}]))
    db.save(
        Deck(
            name="Van De Schakel",
            kind=DeckKind.SKILLS,
            organisation_id=organisation.id,
            cards=[{"id": "a", "text": "A"}],
        )
    )
    db.save(
        Deck(name="Van een ander", kind=DeckKind.SKILLS, organisation_id=other.id, cards=[{"id": "a", "text": "A"}])
    )
    names = [deck.name for deck in decks.available(db, DeckKind.SKILLS, organisation.id)]
    assert names == ["Van De Schakel", "Voor iedereen", "Vaardigheden (poptui)"]
    assert decks.get_deck(db, "poptui:vaardigheden").shipped


def test_cli_lists_and_imports_decks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Database.create(tmp_path / "db")
    database = str(tmp_path / "db")
    code, out, _err = _run("decks", "list", "--db", database, "--json", capsys=capsys)
    assert code == 0
    listed = json.loads(out)
    assert {row["kind"] for row in listed} == {"kwaliteiten", "vaardigheden", "prenten", "competenties"}
    assert all(row["shipped"] for row in listed)

    good = tmp_path / "v.csv"
    good.write_text("Vaardigheid;Uitleg\nLassen;Metaal verbinden\n", encoding="utf-8")
    code, out, _err = _run("decks", "import", str(good), "--name", "Atelier", "--db", database, capsys=capsys)
    assert code == 0 and "1 kaarten ingelezen" in out
    code, out, _err = _run("decks", "list", "--db", database, capsys=capsys)
    assert "Atelier" in out and "Vaardigheden" in out

    wrong = tmp_path / "w.csv"
    wrong.write_text("Voornaam\x1b[31m;Functie\nAn;Poetsen\n", encoding="utf-8")
    code, out, err = _run("decks", "import", str(wrong), "--name", "Fout", "--db", database, capsys=capsys)
    assert code == 2 and "geen kolom met de kaarten" in err and "\x1b" not in err
    code, _out, err = _run(
        "decks", "import", str(good), "--name", "X", "--organisatie", "Onbekend", "--db", database, capsys=capsys
    )
    assert code == 1 and "niet gekend" in err


def test_vier_op_een_rij_takes_the_competence_dictionary_first(db: Database, tmp_path: Path) -> None:
    from poptui.services import competences

    organisation = db.save(Organisation(name="De Schakel"))
    [first, *others] = decks.competence_sources(db, organisation.id)
    dictionary = competences.dictionary_of(db, organisation.id)
    assert first.id == f"woordenboek:{organisation.id}" and not first.shipped
    assert [card.text for card in first.cards] == [item.name for item in dictionary]
    assert first.cards[0].aspects == dictionary[0].indicators[:4]
    assert [deck.id for deck in others] == ["poptui:competenties"]
    assert decks.competence_cards(db, organisation.id).id == first.id
    # a competence with three indicators is left out; an imported competence deck comes second
    three = dictionary[0].model_copy(update={"id": "drie", "name": "Drie", "indicators": ["a", "b", "c"]})
    two = decks.competence_deck(organisation.id, [three, *dictionary[:2]])
    assert two is not None and [card.id for card in two.cards] == [item.id for item in dictionary[:2]]
    assert decks.competence_deck(organisation.id, [three, dictionary[0]]) is None  # one is no game
    path = tmp_path / "competenties.csv"
    path.write_text("Competentie;Aspect 1;Aspect 2;Aspect 3;Aspect 4\nVeiligheid;a;b;c;d\n", encoding="utf-8")
    decks.import_deck(db, path, "Eigen set", organisation_id=organisation.id)
    assert [deck.name for deck in decks.competence_sources(db, organisation.id)][1:] == [
        "Eigen set",
        "Competenties met hun aspecten (poptui)",
    ]
    assert decks.competence_sources(db, None)[0].name == "Eigen set"  # no organisation: no dictionary
