"""What the card games share: a sorting round (:class:`Stage`) with its piles and keys, the text of a
card, starting a game from a deck, and one step of the board on the record.

A :class:`Stage` says which piles a round has (name, key, limit, colour mark), how they are laid
out (rows, or a grid of columns x rows such as the skills matrix) and what a key does:
:meth:`Stage.press` puts the card in play on the pile of that key, or with a *slot* key (the
digits of a pile with ``slots``) replaces the card at that place (the Kwaliteitenspel), or with a
*row* key of a grid routes the card to its cell (the matrix's mastery round). A round is
complete when the draw pile is empty or its stopping rule is met (:meth:`Stage.complete`).

The rules of each game live in its own module (:mod:`.kwaliteitenspel`, :mod:`.vaardighedenspel`,
:mod:`.vier_op_een_rij`, :mod:`.picture_methods`); the board's moves in :mod:`.card_board`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from poptui.catalog_models import PileGuide, StageGuide
from poptui.i18n import _
from poptui.models.card_games import CardGameRecord
from poptui.models.cards import DRAW, Board, DeckCard
from poptui.models.method_base import MethodRecordBase
from poptui.services import card_board
from poptui.services.card_board import MoveRefused

G = TypeVar("G", bound=CardGameRecord)

SLOT_KEYS = frozenset("123456789")
"""The keys that put the card in play on a numbered place: the digits 1 to 9 of the keyboard (not "²"
or another script's digits, which ``int`` would read too)."""


@dataclass(frozen=True)
class Pile:
    id: str
    name: str
    key: str = ""
    limit: int | None = None
    tone: str = ""
    slots: bool = False

    @classmethod
    def of(cls, guide: PileGuide) -> Pile:
        return cls(guide.id, guide.name, guide.key, guide.limit, guide.tone, guide.slots)


@dataclass(frozen=True)
class KeyHint:
    """A key shown on screen with what it does ("1 Vaak")."""

    key: str
    name: str
    tone: str = ""


@dataclass(frozen=True)
class Stage:
    """One sorting round. ``grid``: (columns, rows) when the piles form a matrix, row by row;
    ``row_keys``: keys that choose a row of the grid for the card in play, whose column is
    ``column_of(card)``; ``stop``: (pile, count) ends the round when that pile holds count cards;
    ``discard``: where a slot key sends the card it replaces."""

    id: str
    title: str
    hint: str
    piles: tuple[Pile, ...]
    grid: tuple[int, int] | None = None
    column_names: tuple[str, ...] = ()
    row_names: tuple[str, ...] = ()
    row_keys: tuple[KeyHint, ...] = ()
    column_of: Callable[[str], int] | None = field(default=None, compare=False)
    stop: tuple[str, int] | None = None
    discard: str = ""

    @classmethod
    def of(cls, stage_id: str, guide: StageGuide, title: str = "", **extra: Any) -> Stage:
        return cls(stage_id, title or guide.title, guide.hint, tuple(Pile.of(pile) for pile in guide.piles), **extra)

    @property
    def pile_ids(self) -> list[str]:
        return [pile.id for pile in self.piles]

    @property
    def limits(self) -> dict[str, int | None]:
        return {pile.id: pile.limit for pile in self.piles}

    def pile(self, pile_id: str) -> Pile | None:
        return next((pile for pile in self.piles if pile.id == pile_id), None)

    def keys(self) -> list[KeyHint]:
        """The keys that place the card in play, as the screen shows them."""
        if self.row_keys:
            return list(self.row_keys)
        return [KeyHint(pile.key, pile.name, pile.tone) for pile in self.piles if pile.key]

    def slot_pile(self) -> Pile | None:
        return next((pile for pile in self.piles if pile.slots), None)

    def stopped(self, board: Board) -> bool:
        return self.stop is not None and len(board.piles.get(self.stop[0], [])) >= self.stop[1]

    def complete(self, board: Board) -> bool:
        """Nothing left to place: the draw pile is empty, or the stopping rule is met."""
        return board.current is None or self.stopped(board)

    def press(self, board: Board, key: str) -> Board:
        """What ``key`` does to the card in play; raises :class:`MoveRefused` (Dutch) when not allowed."""
        if board.current is None:
            raise MoveRefused(_("De stapel is op: alle kaarten liggen al."))
        if self.stopped(board):
            raise MoveRefused(self.stop_message())
        slots = self.slot_pile()
        if slots is not None and key in SLOT_KEYS:
            return card_board.replace(board, slots.id, int(key) - 1, self.discard)
        for row, hint in enumerate(self.row_keys):
            if hint.key == key and self.grid is not None and self.column_of is not None:
                columns = self.grid[0]
                column = self.column_of(board.current)
                return card_board.place(board, self.piles[row * columns + column].id, limits=self.limits)
        for pile in self.piles:
            if pile.key and pile.key == key:
                return card_board.place(board, pile.id, limits=self.limits)
        raise MoveRefused(_("Deze toets hoort bij geen stapel."))

    def stop_message(self) -> str:
        assert self.stop is not None
        pile = self.pile(self.stop[0])
        return _(
            "Er liggen {count} kaarten in '{pile}': deze ronde is klaar.",
            count=self.stop[1],
            pile=pile.name if pile else self.stop[0],
        )

    def arrangement(self) -> list[str]:
        """The piles in the order the arrows walk them (row by row for a grid)."""
        return self.pile_ids


def ordered(board: Board, pile: str) -> list[str]:
    return board.pile(pile)


def with_board(record: G, stage_id: str, board: Board) -> G:
    """A copy of the record with ``board`` as the round ``stage_id`` (the one on screen)."""
    return record.model_copy(update={"boards": {**record.boards, stage_id: board}, "stage": stage_id})


def board_of(record: CardGameRecord, stage: Stage, cards: Sequence[str] = (), seed: int | None = None) -> Board:
    """The record's board of ``stage``, or a new one with ``cards`` on the draw pile."""
    board = record.boards.get(stage.id)
    if board is not None:
        return board
    return card_board.new_board(cards, stage.pile_ids, seed)


def deck_copy(cards: Sequence[DeckCard]) -> list[DeckCard]:
    return [card.model_copy() for card in cards]


def start(record: G, deck_id: str, deck_name: str, cards: Sequence[DeckCard], seed: int, **fields: Any) -> G:
    """The record with a deck chosen: its cards copied in, a fresh game (no rounds yet). What was
    said about the cards of an earlier game (descriptions, answers, notes per competence) goes with
    it; the record's own notes and conclusions stay."""
    kept = {name: value for name, value in record.model_dump().items() if name in MethodRecordBase.model_fields}
    return type(record).model_validate(
        {
            **kept,
            "deck_id": deck_id,
            "deck_name": deck_name,
            "cards": [card.model_dump() for card in cards],
            "boards": {},
            "stage": "",
            "seed": seed,
            "finished": False,
            **fields,
        }
    )


def texts(record: CardGameRecord, wording: Callable[[DeckCard], str] = lambda card: card.text) -> dict[str, str]:
    """Card id -> the text shown for it."""
    return {card.id: wording(card) for card in record.cards}


def pile_cards(board: Board, stage: Stage) -> Mapping[str, list[str]]:
    return {pile.id: board.pile(pile.id) for pile in stage.piles}


def draw_left(board: Board) -> int:
    return len(board.piles.get(DRAW, []))
