"""The card games on A4, read back with pdfplumber: the demo's finished games (the chosen cards, the
matrix with its readings, what went where, the pictures with their answers) and the blank sheets."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from poptui.export.worksheets_pdf import CARD_GAME_SHEETS
from poptui.models import MethodKind, MethodRecordBase
from poptui.services import forms, kwaliteitenspel, picture_methods, vaardighedenspel, vier_op_een_rij
from poptui.store import Database

GAMES = (
    MethodKind.KWALITEITENSPEL,
    MethodKind.VAARDIGHEDENSPEL,
    MethodKind.VIER_OP_EEN_RIJ,
    MethodKind.DROOMPAGINA,
    MethodKind.PRENTENBEELD,
)


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _game(database: Database, kind: MethodKind):
    [record] = database.list(MethodRecordBase, kind=kind)
    return record


def test_the_demo_holds_a_finished_game_of_each(demo_db: Database) -> None:
    for kind in GAMES:
        record = _game(demo_db, kind)
        assert record.finished and record.conclusions and record.contact_moment_id, kind
    assert kwaliteitenspel.is_finished(_game(demo_db, MethodKind.KWALITEITENSPEL))
    assert vaardighedenspel.is_finished(_game(demo_db, MethodKind.VAARDIGHEDENSPEL))
    assert vier_op_een_rij.is_finished(_game(demo_db, MethodKind.VIER_OP_EEN_RIJ))
    assert picture_methods.is_finished(_game(demo_db, MethodKind.DROOMPAGINA))


def test_a_played_kwaliteitenspel_prints_the_eight_in_order(demo_db: Database, tmp_path: Path) -> None:
    record = _game(demo_db, MethodKind.KWALITEITENSPEL)
    text = _text(forms.export_method(demo_db, record, tmp_path))
    chosen = kwaliteitenspel.chosen(record)
    assert "Mijn acht kwaliteiten" in text and "Mijn acht vervormingen" in text and "Variant: drie stapels" in text
    start = text.index("Mijn acht kwaliteiten")
    positions = [text.index(item.text, start) for item in chosen]
    assert positions == sorted(positions)
    assert "Ik hou vol tot het werk af is" in text and "heftruck vaak aan bod" in text


def test_a_played_matrix_prints_with_its_readings(demo_db: Database, tmp_path: Path) -> None:
    record = _game(demo_db, MethodKind.VAARDIGHEDENSPEL)
    text = _text(forms.export_method(demo_db, record, tmp_path))
    assert "De vaardighedenmatrix" in text and "vak 15" in text
    assert "Vak 6, 7, 11 en 12" in text and "Vak 4 en 5" in text
    readings = vaardighedenspel.record_readings(record)
    assert f"Leuk (vak 1, 2, 6, 7, 11, 12): {readings.fun_count}" in text
    for card_id in readings.training[:3]:
        card = record.card(card_id)
        assert card is not None and card.text in text


def test_vier_op_een_rij_and_the_pictures_print_what_went_where(demo_db: Database, tmp_path: Path) -> None:
    text = _text(forms.export_method(demo_db, _game(demo_db, MethodKind.VIER_OP_EEN_RIJ), tmp_path))
    assert "Juist gelegd" in text and "14 / 16" in text and "nee, hoort bij" in text
    text = _text(forms.export_method(demo_db, _game(demo_db, MethodKind.PRENTENBEELD), tmp_path))
    assert "Gekozen prenten (3)" in text and "Ik kook graag en snel." in text and "Als huiswerk ja" in text
    # given as homework: the questions still open are printed too, to be answered at home
    assert text.count("Zou je jezelf hier nog in willen of kunnen verbeteren? Hoe dan?") == 3


@pytest.mark.parametrize("name", CARD_GAME_SHEETS)
def test_blank_worksheets_of_the_card_games(name: str, tmp_path: Path) -> None:
    text = _text(forms.export_blank(name, None, tmp_path))
    assert "Werkblad" in text and "Naam werknemer" in text
    expected = {
        "kwaliteitenspel": ["Mijn acht kwaliteiten", "Behulpzaam (Ik help anderen graag)", "Bemoeizuchtig"],
        "vaardighedenspel": ["Vaak", "Gewenst, over twee jaar", "vak 11", "Vak 4 en 5"],
        "vier_op_een_rij": ["Veiligheid", "Een gevaarlijke situatie melden", "Gelegd bij"],
        "droompagina": ["Waarom die prent?", "Een rijbewijs halen"],
        "prentenbeeld": ["Is dat een goede of een minder goede kant van jezelf?", "Op reis gaan"],
    }[name]
    for part in expected:
        assert part in text, part


def test_the_demo_vier_op_een_rij_and_an_organisations_blank_sheet_use_its_competence_dictionary(
    demo_db: Database, tmp_path: Path
) -> None:
    from poptui.models import Organisation
    from poptui.services import decks

    record = _game(demo_db, MethodKind.VIER_OP_EEN_RIJ)
    assert record.deck_id.startswith("woordenboek:") and record.cards[0].text == "Machines bedienen"
    organisation = next(item for item in demo_db.list(Organisation) if item.name == "De Werkplaats vzw")
    own = decks.dictionary_deck(demo_db, organisation.id)
    assert own is not None
    text = _text(forms.export_blank("vier_op_een_rij", organisation, tmp_path, competence_cards=own.cards))
    assert "Machines bedienen" in text and "Zet de machine op de juiste manier aan en uit" in text
    assert "Veiligheid" not in text  # not poptui's own deck
