"""The card games' rules as pure functions: Kwaliteitenspel played to its end with a seeded deck,
the Vaardighedenspel matrix numbering and readings, the forms' rounds, Vier op een rij, pictures."""

from __future__ import annotations

import pytest

from poptui.catalog import shipped_decks
from poptui.models import Conclusion
from poptui.models.card_games import (
    DroompaginaRecord,
    KwaliteitenspelRecord,
    VaardighedenspelRecord,
    VierOpEenRijRecord,
)
from poptui.models.cards import DRAW, CardNote, DeckKind, Sphere
from poptui.services import card_board, card_games, kwaliteitenspel, picture_methods, vaardighedenspel, vier_op_een_rij
from poptui.services.card_board import MoveRefused
from poptui.services.vaardighedenspel import cell_number, cell_position, readings


def _deck(kind: DeckKind):
    return next(deck for deck in shipped_decks() if deck.kind is kind)


def _record(cls, kind: DeckKind, **fields):
    record = cls(employee_id="e1", trajectory_id="t1")
    deck = _deck(kind)
    return card_games.start(record, "poptui:" + deck.id, deck.name, deck.cards, seed=42, **fields)


def test_the_shipped_decks_are_big_enough() -> None:
    sizes = {deck.kind: len(deck.cards) for deck in shipped_decks()}
    assert sizes[DeckKind.QUALITIES] >= 40
    assert sizes[DeckKind.SKILLS] >= 60
    assert sizes[DeckKind.PICTURES] >= 40
    qualities = _deck(DeckKind.QUALITIES)
    assert all(card.plus and card.distortion and card.distortion_plus for card in qualities.cards)


def test_kwaliteitenspel_eight_card_game_played_to_the_end_with_a_seeded_deck() -> None:
    record = kwaliteitenspel.enter(_record(KwaliteitenspelRecord, DeckKind.QUALITIES))
    stage = kwaliteitenspel.stage(record)
    board = record.boards[kwaliteitenspel.QUALITIES]
    first_eight = board.pile("gekozen")
    assert len(first_eight) == 8 and len(board.pile(DRAW)) == 52 - 8
    # the same seed deals the same eight
    again = kwaliteitenspel.enter(_record(KwaliteitenspelRecord, DeckKind.QUALITIES))
    assert again.boards[kwaliteitenspel.QUALITIES].pile("gekozen") == first_eight

    replaced: list[str] = []
    turn = 0
    while board.current is not None:
        incoming = board.current
        if turn % 5 == 0:  # every fifth card replaces card number 3 of the eight
            replaced.append(board.pile("gekozen")[2])
            board = stage.press(board, "3")
            assert board.pile("gekozen")[2] == incoming
        else:
            board = stage.press(board, "w")
            assert board.pile("weg")[-1] == incoming
        turn += 1
    assert stage.complete(board)
    assert len(board.pile("gekozen")) == 8
    assert set(replaced) <= set(board.pile("weg"))
    assert len(board.pile("weg")) == 52 - 8
    with pytest.raises(MoveRefused):
        stage.press(board, "w")

    # stap 2: the most important first, with werk/privé and a description
    top = board.pile("gekozen")[5]
    board = card_board.shift(board, top, -5)
    record = card_games.with_board(record, kwaliteitenspel.QUALITIES, board)
    record = kwaliteitenspel.with_note(record, top, CardNote(description="Ik help mijn ploeg", sphere=Sphere.WORK))
    chosen = kwaliteitenspel.chosen(record)
    assert [item.rank for item in chosen] == list(range(1, 9))
    assert chosen[0].card.id == top and chosen[0].note.sphere is Sphere.WORK
    assert kwaliteitenspel.is_finished(record)
    KwaliteitenspelRecord.model_validate(record.model_dump())  # what is stored loads again


def test_kwaliteitenspel_variant_plays_the_eight_on_the_pile_heb_ik_echt_and_plus_wording() -> None:
    record = kwaliteitenspel.enter(
        _record(KwaliteitenspelRecord, DeckKind.QUALITIES, three_piles=True, with_distortions=True, plus=True)
    )
    assert [stage.id for stage in kwaliteitenspel.stages(record)] == ["drie_stapels", "kwaliteiten", "vervormingen"]
    stage = kwaliteitenspel.stage(record)
    board = record.boards["drie_stapels"]
    for index in range(52):
        board = stage.press(board, "1" if index < 12 else "3")
    record = card_games.with_board(record, "drie_stapels", board)
    have = board.pile("echt")
    record = kwaliteitenspel.enter(record, kwaliteitenspel.next_stage(record))
    game = record.boards["kwaliteiten"]
    assert set(game.pile("gekozen")) | set(game.pile(DRAW)) == set(have)
    card = record.card(have[0])
    assert card is not None
    assert kwaliteitenspel.wording(record, "kwaliteiten", card) == card.plus
    assert kwaliteitenspel.wording(record, "vervormingen", card) == card.distortion_plus


def test_the_matrix_is_numbered_row_by_row_as_in_the_draaiboek() -> None:
    assert [cell_number(0, column) for column in range(5)] == [1, 2, 3, 4, 5]
    assert [cell_number(1, column) for column in range(5)] == [6, 7, 8, 9, 10]
    assert [cell_number(2, column) for column in range(5)] == [11, 12, 13, 14, 15]
    assert all(cell_number(*cell_position(number)) == number for number in range(1, 16))
    with pytest.raises(ValueError):
        cell_number(3, 0)
    with pytest.raises(ValueError):
        cell_position(16)


def test_readings_of_a_matrix() -> None:
    matrix = {
        1: ["a"],
        2: ["b"],
        4: ["c", "d", "e"],
        5: ["f"],
        6: ["g"],
        7: ["h"],
        11: ["i", "j"],
        12: ["k"],
        9: ["l"],
        15: ["m"],
        13: ["n"],
    }
    frequency = {"c": "vaak", "d": "vaak", "e": "vaak", "f": "soms", "i": "nooit", "j": "vaak", "k": "soms"}
    result = readings(matrix, frequency)
    assert result.training == ["g", "h", "i", "j", "k"]
    assert result.burnout_cards == ["c", "d", "e", "f"]
    assert result.burnout_often == ["c", "d", "e"]
    assert result.burnout_risk is True
    assert result.drift == ["i", "k"]
    assert (result.fun_count, result.no_fun_count) == (7, 6)
    assert result.counts[4] == 3 and result.counts[3] == 0 and sum(result.counts.values()) == 14


def test_readings_without_frequency_leave_the_burnout_risk_open() -> None:
    result = readings({4: ["a"], 5: ["b"]})
    assert result.burnout_risk is None and result.burnout_often == [] and result.drift == []
    assert readings({4: ["a", "b"], 5: []}, {"a": "vaak", "b": "soms"}).burnout_risk is False
    assert readings({}, {}).burnout_risk is False
    with pytest.raises(ValueError):
        readings({16: ["a"]})


def test_form_one_stops_when_the_top_row_holds_fifteen() -> None:
    record = vaardighedenspel.enter(_record(VaardighedenspelRecord, DeckKind.SKILLS, form="I"))
    stage = vaardighedenspel.stage(record)
    assert stage is not None and stage.id == "betekenis"
    board = record.boards["betekenis"]
    board = stage.press(board, "0")
    for _turn in range(15):
        board = stage.press(board, "1")
    assert stage.complete(board) and board.current is not None
    with pytest.raises(MoveRefused, match="15"):
        stage.press(board, "2")


def test_form_three_routes_each_card_to_its_cell_by_fun_column_and_mastery_row() -> None:
    record = vaardighedenspel.enter(_record(VaardighedenspelRecord, DeckKind.SKILLS, form="III", with_frequency=True))
    assert [stage.id for stage in vaardighedenspel.stages(record)] == [
        "selectie",
        "frequentie",
        "plezier",
        "matrix",
        "rest",
    ]
    selection = record.boards["selectie"]
    assert len(selection.pile(DRAW)) == 33  # the shuffled half of 66
    stage = vaardighedenspel.stage(record)
    assert stage is not None
    for index in range(33):
        selection = stage.press(selection, "1" if index < 10 else "2")
    record = card_games.with_board(record, "selectie", selection)
    record = vaardighedenspel.enter(record, "frequentie")
    frequency_stage = vaardighedenspel.stage(record)
    board = record.boards["frequentie"]
    for index in range(10):
        board = frequency_stage.press(board, "1" if index < 4 else "3")
    record = card_games.with_board(record, "frequentie", board)
    often = board.pile("vaak")
    record = vaardighedenspel.enter(record, "plezier")
    fun = record.boards["plezier"]
    assert fun.pile(DRAW)[:4] == often  # the fun round starts with the pile 'vaak'
    fun_stage = vaardighedenspel.stage(record)
    for index in range(10):
        fun = fun_stage.press(fun, "5" if index < 4 else "1")
    record = card_games.with_board(record, "plezier", fun)
    record = vaardighedenspel.enter(record, "matrix")
    matrix_stage = vaardighedenspel.stage(record)
    assert matrix_stage is not None and matrix_stage.grid == (5, 3)
    board = record.boards["matrix"]
    for _index in range(10):
        board = matrix_stage.press(board, "1")  # goed
    record = card_games.with_board(record, "matrix", board)
    matrix = vaardighedenspel.matrix_of(record)
    assert sorted(matrix[5]) == sorted(often) and len(matrix[1]) == 6
    result = vaardighedenspel.record_readings(record)
    assert result.burnout_risk is True and result.burnout_often == matrix[5]
    record = vaardighedenspel.enter(record, "rest")
    assert len(record.boards["rest"].pile(DRAW)) == 23


def test_form_two_keeps_three_profiles_of_the_same_cards() -> None:
    record = vaardighedenspel.enter(_record(VaardighedenspelRecord, DeckKind.SKILLS, form="II"))
    stages = [stage.id for stage in vaardighedenspel.stages(record)]
    assert stages == ["selectie", "profiel_nu", "profiel_vroeger", "profiel_gewenst"]
    stage = vaardighedenspel.stage(record)
    board = record.boards["selectie"]
    for _turn in range(40):
        board = stage.press(board, "1")
    assert stage.complete(board)
    record = card_games.with_board(record, "selectie", board)
    for moment, key in (("nu", "1"), ("vroeger", "3"), ("gewenst", "2")):
        record = vaardighedenspel.enter(record, f"profiel_{moment}")
        profile_stage = vaardighedenspel.stage(record)
        profile_board = record.boards[f"profiel_{moment}"]
        while profile_board.current is not None:
            profile_board = profile_stage.press(profile_board, key)
        record = card_games.with_board(record, f"profiel_{moment}", profile_board)
    assert len(vaardighedenspel.profile(record, "nu")["groen"]) == 40
    assert len(vaardighedenspel.top(vaardighedenspel.profile(record, "vroeger")["rood"])) == 5
    assert vaardighedenspel.is_finished(record)


def test_vier_op_een_rij_shows_what_went_where() -> None:
    record = vier_op_een_rij.enter(_record(VierOpEenRijRecord, DeckKind.COMPETENCES))
    stage = vier_op_een_rij.place_stage(record)
    board = record.boards["leggen"]
    assert len(board.pile(DRAW)) == 32
    every = vier_op_een_rij.aspects(record)
    while board.current is not None:
        competence, _text = every[board.current]
        key = next(pile.key for pile in stage.piles if pile.id == competence.id)
        board = stage.press(board, key if board.current != "veiligheid/1" else "2")
    record = card_games.with_board(record, "leggen", board)
    assert vier_op_een_rij.score(record) == (31, 32)
    wrong = [item for items in vier_op_een_rij.placed(record).values() for item in items if not item.right]
    assert [(item.aspect, item.placed_under.id) for item in wrong] == [("veiligheid/1", "samenwerken")]
    assert not vier_op_een_rij.is_finished(record)
    record = vier_op_een_rij.enter(record, vier_op_een_rij.next_stage(record))
    colours = record.boards["kleuren"]
    assert colours.pile(DRAW) == vier_op_een_rij.laid_order(record)
    colour_stage = vier_op_een_rij.stage(record)
    while colours.current is not None:
        colours = colour_stage.press(colours, "3" if colours.current == "veiligheid/1" else "1")
    record = card_games.with_board(record, "kleuren", colours)
    assert vier_op_een_rij.is_finished(record)
    assert vier_op_een_rij.ratings(record)["veiligheid/1"] == "rood"
    [wrong_one] = [item for item in vier_op_een_rij.placed(record)["samenwerken"] if not item.right]
    assert wrong_one.tone == "rood"


def test_pictures_chosen_with_answers() -> None:
    record = picture_methods.enter(_record(DroompaginaRecord, DeckKind.PICTURES))
    stage = picture_methods.stage(record)
    board = record.boards["kiezen"]
    first = board.current
    board = stage.press(board, "1")
    while board.current is not None:
        board = stage.press(board, "2")
    record = card_games.with_board(record, "kiezen", board)
    assert first is not None
    record = picture_methods.with_answer(record, first, "waarom", "Ik kook graag")
    [picture] = picture_methods.chosen(record)
    assert picture.answers == {"waarom": "Ik kook graag"} and picture_methods.is_finished(record)
    assert [question.id for question in picture_methods.questions(record)][0] == "waarom"


def test_a_new_game_forgets_what_was_said_about_the_cards_of_the_last_but_keeps_the_conclusions() -> None:
    record = kwaliteitenspel.enter(_record(KwaliteitenspelRecord, DeckKind.QUALITIES, plus=True, three_piles=True))
    card = record.boards[kwaliteitenspel.SORTING].pile(DRAW)[0]
    record = kwaliteitenspel.with_note(record, card, CardNote(description="Oud spel"))
    record = record.model_copy(update={"notes": "Vrije notitie", "conclusions": [Conclusion(text="Blijft")]})
    deck = _deck(DeckKind.QUALITIES)
    again = card_games.start(record, "poptui:" + deck.id, deck.name, deck.cards, seed=7)
    assert again.quality_notes == {} and again.boards == {} and not again.plus and not again.three_piles
    assert again.notes == "Vrije notitie" and again.conclusion_texts() == ["Blijft"]
    assert again.id == record.id and again.employee_id == "e1" and again.seed == 7
