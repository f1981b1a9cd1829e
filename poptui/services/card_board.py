"""The card-sorting board's rules: pure functions from a :class:`~poptui.models.cards.Board` to a new one.

A board has named piles of card ids; the draw pile (:data:`DRAW`) holds the cards still to be
placed, its first card is the card in play. Every change is a *move* of one or more steps,
kept in ``history`` so :func:`undo` can put the cards back exactly where they were (also a
move of two steps, such as replacing one of the eight in the Kwaliteitenspel). Nothing here
stores anything: the method screen stores the record holding the board after every move.

Refusals raise :class:`MoveRefused` with a Dutch sentence for the coach (a full pile, a
card that is not on the board); the board is then unchanged.

- :func:`new_board`: the cards on the draw pile (shuffled with a seed, so a game can be
  replayed in a test), and the empty piles.
- :func:`place`: the card in play (or a given card) onto a pile, at the end or at an index.
- :func:`replace`: the card in play takes the place of a card on a pile; that card goes to
  another pile (one move).
- :func:`shift`: a card one place earlier or later in its pile (reorder with the arrows).
- :func:`move_to_neighbour`: a card to the pile before or after its own (the arrows across piles).
- :func:`undo`: the last move undone.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from poptui.i18n import _
from poptui.models.cards import DRAW, MAX_HISTORY, Board, BoardMove, BoardStep


class MoveRefused(Exception):
    """A move the rules do not allow; ``str()`` is a Dutch sentence for the coach."""


def new_board(cards: Sequence[str], piles: Sequence[str], seed: int | None = None) -> Board:
    """Every card on the draw pile (shuffled when ``seed`` is given) and ``piles`` empty."""
    order = list(cards)
    if seed is not None:
        random.Random(seed).shuffle(order)
    return Board(piles={DRAW: order, **{pile: [] for pile in piles if pile != DRAW}})


def _apply(board: Board, steps: list[BoardStep]) -> dict[str, list[str]]:
    piles = {pile: list(cards) for pile, cards in board.piles.items()}
    for step in steps:
        source = piles.setdefault(step.source, [])
        source.remove(step.card)
        target = piles.setdefault(step.target, [])
        target.insert(min(step.target_index, len(target)), step.card)
    return piles


def _moved(board: Board, steps: list[BoardStep]) -> Board:
    """The board after ``steps``, with the move remembered (the oldest forgotten past the limit)."""
    if not steps:
        return board
    history = [*board.history, BoardMove(steps=steps)][-MAX_HISTORY:]
    return Board(piles=_apply(board, steps), history=history)


def _locate(board: Board, card: str) -> tuple[str, int]:
    found = board.where(card)
    if found is None:
        raise MoveRefused(_("Deze kaart ligt niet op het bord."))
    return found


def _check_room(board: Board, pile: str, limits: Mapping[str, int | None], coming: int = 1) -> None:
    limit = limits.get(pile)
    if limit is not None and len(board.piles.get(pile, [])) + coming > limit:
        raise MoveRefused(_("Op deze stapel passen hoogstens {limit} kaarten.", limit=limit))


def place(
    board: Board,
    pile: str,
    card: str | None = None,
    index: int | None = None,
    limits: Mapping[str, int | None] | None = None,
) -> Board:
    """``card`` (default: the card in play) onto ``pile`` at ``index`` (default: the end)."""
    card = card if card is not None else board.current
    if card is None:
        raise MoveRefused(_("De stapel is op: alle kaarten liggen al."))
    source, source_index = _locate(board, card)
    target = board.piles.get(pile, [])
    if source != pile:
        _check_room(board, pile, limits or {})
        end = len(target)
    else:
        end = len(target) - 1
    target_index = end if index is None else max(0, min(index, end))
    if source == pile and source_index == target_index:
        return board
    return _moved(
        board, [BoardStep(card=card, source=source, source_index=source_index, target=pile, target_index=target_index)]
    )


def replace(board: Board, pile: str, position: int, discard: str) -> Board:
    """The card in play takes the place of the card at ``position`` on ``pile``; that card goes
    on top of ``discard`` (the Kwaliteitenspel: replace one of the eight, or lay it away)."""
    card = board.current
    if card is None:
        raise MoveRefused(_("De stapel is op: alle kaarten liggen al."))
    cards = board.piles.get(pile, [])
    if not 0 <= position < len(cards):
        raise MoveRefused(_("Er ligt geen kaart {number} op deze stapel.", number=position + 1))
    outgoing = cards[position]
    steps = [
        BoardStep(
            card=outgoing,
            source=pile,
            source_index=position,
            target=discard,
            target_index=len(board.piles.get(discard, [])),
        ),
        BoardStep(card=card, source=DRAW, source_index=0, target=pile, target_index=position),
    ]
    return _moved(board, steps)


def shift(board: Board, card: str, step: int) -> Board:
    """``card`` ``step`` places later (positive) or earlier (negative) in its own pile."""
    pile, index = _locate(board, card)
    return place(board, pile, card, max(0, index + step))


def move_to_neighbour(
    board: Board, card: str, order: Sequence[str], step: int, limits: Mapping[str, int | None] | None = None
) -> Board:
    """``card`` to the pile ``step`` places further in ``order`` (the piles as shown), at about
    the same place; past the first or last pile nothing happens."""
    pile, index = _locate(board, card)
    if pile not in order:
        return board
    target_position = order.index(pile) + step
    if not 0 <= target_position < len(order):
        return board
    return place(board, order[target_position], card, index, limits)


def undo(board: Board) -> Board:
    """The board before its last move (unchanged when there is none)."""
    if not board.history:
        return board
    last = board.history[-1]
    reverse = [
        BoardStep(
            card=step.card,
            source=step.target,
            source_index=step.target_index,
            target=step.source,
            target_index=step.source_index,
        )
        for step in reversed(last.steps)
    ]
    return Board(piles=_apply(board, reverse), history=board.history[:-1])


def deal(board: Board, pile: str, count: int) -> Board:
    """The first ``count`` cards of the draw pile onto ``pile``, as the start of a round (not undoable)."""
    draw = board.pile(DRAW)
    dealt, rest = draw[:count], draw[count:]
    piles = {**{key: list(value) for key, value in board.piles.items()}, DRAW: rest}
    piles[pile] = [*piles.get(pile, []), *dealt]
    return Board(piles=piles, history=[])


def sizes(board: Board) -> dict[str, int]:
    return {pile: len(cards) for pile, cards in board.piles.items()}
