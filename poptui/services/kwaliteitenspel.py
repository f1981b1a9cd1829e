"""Kwaliteitenspel (§5.4): the rules, as pure functions of the record.

The rounds, in order (:func:`stages`):

1. ``drie_stapels`` (the variant, when ``three_piles``): every card onto 'heb ik echt',
   'half en half' or 'niet'.
2. ``kwaliteiten``: eight cards are dealt onto 'Mijn acht' (the variant: from 'heb ik echt');
   for each next card the employee replaces one of the eight (its digit; the replaced card is
   laid away) or lays the new card away (w). When the draw pile is empty the eight are put in
   order of importance with the arrows, each with werk/privé and an own description.
3. ``vervormingen`` (when ``with_distortions``): the same game with the distortions, ordered by
   how much the employee is bothered by them.

The result (:func:`chosen`) is the eight in order; the conclusion about the current job goes
to the record's ``conclusions`` (and so to the POP's summary).
"""

from __future__ import annotations

from dataclasses import dataclass

from poptui.catalog import load_catalog
from poptui.models.card_games import KwaliteitenspelRecord
from poptui.models.cards import Board, CardNote, DeckCard
from poptui.services import card_board
from poptui.services.card_games import Stage, with_board

SORTING = "drie_stapels"
QUALITIES = "kwaliteiten"
DISTORTIONS = "vervormingen"
CHOSEN = "gekozen"
AWAY = "weg"
HAVE = "echt"


def hand_size() -> int:
    return load_catalog().card_games.kwaliteitenspel.hand_size


def stages(record: KwaliteitenspelRecord) -> list[Stage]:
    guide = load_catalog().card_games.kwaliteitenspel
    out = []
    if record.three_piles:
        out.append(Stage.of(SORTING, guide.sorting))
    out.append(Stage.of(QUALITIES, guide.qualities, discard=AWAY))
    if record.with_distortions:
        out.append(Stage.of(DISTORTIONS, guide.distortions, discard=AWAY))
    return out


def stage(record: KwaliteitenspelRecord, stage_id: str | None = None) -> Stage:
    """The round ``stage_id`` (default: the record's current round, else the first)."""
    wanted = stage_id or record.stage
    every = stages(record)
    return next((item for item in every if item.id == wanted), every[0])


def wording(record: KwaliteitenspelRecord, stage_id: str, card: DeckCard) -> str:
    """The text on a card in this round: the quality or its distortion, A or PLUS wording."""
    if stage_id == DISTORTIONS:
        return card.distortion_wording(record.plus) or card.text
    return card.wording(record.plus)


def _seed(record: KwaliteitenspelRecord, stage_id: str) -> int:
    return (record.seed or 0) + [SORTING, QUALITIES, DISTORTIONS].index(stage_id)


def new_board(record: KwaliteitenspelRecord, stage_id: str) -> Board:
    """The starting board of a round: the variant shuffles every card; the 8-card games deal
    eight (the qualities game in the variant from the pile 'heb ik echt')."""
    current = stage(record, stage_id)
    cards = [card.id for card in record.cards]
    if stage_id == QUALITIES and record.three_piles and SORTING in record.boards:
        cards = record.boards[SORTING].pile(HAVE)
    board = card_board.new_board(cards, current.pile_ids, _seed(record, stage_id))
    if stage_id in (QUALITIES, DISTORTIONS):
        board = card_board.deal(board, CHOSEN, hand_size())
    return board


def enter(record: KwaliteitenspelRecord, stage_id: str | None = None) -> KwaliteitenspelRecord:
    """The record with round ``stage_id`` on screen (default: the current one), its board made when new."""
    current = stage(record, stage_id)
    board = record.boards.get(current.id) or new_board(record, current.id)
    return with_board(record, current.id, board)


def next_stage(record: KwaliteitenspelRecord) -> str | None:
    """The round after the current one, when there is one."""
    ids = [item.id for item in stages(record)]
    current = stage(record).id
    position = ids.index(current)
    return ids[position + 1] if position + 1 < len(ids) else None


def is_finished(record: KwaliteitenspelRecord) -> bool:
    """Every round played to its end (the draw piles empty)."""
    return all(item.id in record.boards and item.complete(record.boards[item.id]) for item in stages(record))


@dataclass(frozen=True)
class Chosen:
    rank: int
    card: DeckCard
    text: str
    note: CardNote


def chosen(record: KwaliteitenspelRecord, distortions: bool = False) -> list[Chosen]:
    """The chosen eight in order of importance, with what the employee said about each."""
    stage_id = DISTORTIONS if distortions else QUALITIES
    board = record.boards.get(stage_id)
    if board is None:
        return []
    notes = record.distortion_notes if distortions else record.quality_notes
    out = []
    for rank, card_id in enumerate(board.pile(CHOSEN), start=1):
        card = record.card(card_id)
        if card is not None:
            out.append(Chosen(rank, card, wording(record, stage_id, card), notes.get(card_id, CardNote())))
    return out


def with_note(
    record: KwaliteitenspelRecord, card_id: str, note: CardNote, distortions: bool = False
) -> KwaliteitenspelRecord:
    field = "distortion_notes" if distortions else "quality_notes"
    notes = {**getattr(record, field), card_id: note}
    return record.model_copy(update={field: notes})
