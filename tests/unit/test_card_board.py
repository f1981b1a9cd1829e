"""The card-sorting board's rules: place, replace, reorder, move across piles, undo, limits."""

from __future__ import annotations

import pytest

from poptui.models.cards import DRAW, Board
from poptui.services import card_board
from poptui.services.card_board import MoveRefused


def _board() -> Board:
    return card_board.new_board(["a", "b", "c", "d"], ["x", "y"])


def test_a_new_board_has_every_card_on_the_draw_pile_and_a_seed_shuffles_it_the_same_way() -> None:
    board = _board()
    assert board.piles == {DRAW: ["a", "b", "c", "d"], "x": [], "y": []}
    assert board.current == "a"
    one = card_board.new_board(list("abcdefgh"), ["x"], seed=7)
    two = card_board.new_board(list("abcdefgh"), ["x"], seed=7)
    assert one.pile(DRAW) == two.pile(DRAW) != list("abcdefgh")


def test_place_moves_the_card_in_play_and_undo_puts_it_back() -> None:
    board = card_board.place(_board(), "x")
    board = card_board.place(board, "y")
    assert board.piles == {DRAW: ["c", "d"], "x": ["a"], "y": ["b"]}
    board = card_board.undo(board)
    assert board.piles == {DRAW: ["b", "c", "d"], "x": ["a"], "y": []}
    board = card_board.undo(card_board.undo(board))
    assert board.piles == _board().piles and board.history == []


def test_a_full_pile_refuses_a_card_and_the_board_is_unchanged() -> None:
    board = card_board.place(_board(), "x", limits={"x": 1})
    with pytest.raises(MoveRefused, match="hoogstens 1"):
        card_board.place(board, "x", limits={"x": 1})
    with pytest.raises(MoveRefused, match="op"):
        card_board.place(card_board.new_board([], ["x"]), "x")


def test_shift_reorders_within_a_pile_and_stops_at_the_ends() -> None:
    board = _board()
    for _card in range(4):
        board = card_board.place(board, "x")
    board = card_board.shift(board, "c", -1)
    assert board.pile("x") == ["a", "c", "b", "d"]
    board = card_board.shift(board, "c", -5)
    assert board.pile("x") == ["c", "a", "b", "d"]
    unchanged = card_board.shift(board, "d", 1)
    assert unchanged is board
    assert card_board.undo(card_board.undo(board)).pile("x") == ["a", "b", "c", "d"]


def test_move_to_neighbour_crosses_piles_at_about_the_same_place() -> None:
    board = _board()
    for pile in ("x", "x", "y", "y"):
        board = card_board.place(board, pile)
    board = card_board.move_to_neighbour(board, "b", ["x", "y"], 1)
    assert board.pile("x") == ["a"] and board.pile("y") == ["c", "b", "d"]
    assert card_board.move_to_neighbour(board, "a", ["x", "y"], -1) is board
    assert card_board.undo(board).pile("x") == ["a", "b"]


def test_replace_is_one_move_of_two_steps() -> None:
    board = card_board.deal(_board(), "x", 2)
    assert board.piles == {DRAW: ["c", "d"], "x": ["a", "b"], "y": []} and board.history == []
    board = card_board.replace(board, "x", 1, "y")
    assert board.piles == {DRAW: ["d"], "x": ["a", "c"], "y": ["b"]}
    assert len(board.history) == 1
    assert card_board.undo(board).piles == {DRAW: ["c", "d"], "x": ["a", "b"], "y": []}
    with pytest.raises(MoveRefused):
        card_board.replace(board, "x", 5, "y")


def test_a_board_never_holds_a_card_twice() -> None:
    with pytest.raises(ValueError):
        Board(piles={DRAW: ["a"], "x": ["a"]})
