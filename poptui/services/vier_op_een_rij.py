"""Vier op een rij (§5.12): competence cards with four aspects each; the employee places the shuffled
aspects under the competences; poptui shows what went where; then a colour per aspect (green,
orange, red) and notes per competence.

The competences come from :func:`poptui.services.decks.competence_cards` (the organisation's own
when it has them). An aspect's card id is ``<competence id>/<1..4>``; the board has one pile per
competence (its id), with the digits 1..n as keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from poptui.catalog import load_catalog
from poptui.models.card_games import Tone, VierOpEenRijRecord
from poptui.models.cards import Board, DeckCard
from poptui.services import card_board
from poptui.services.card_games import Pile, Stage, with_board

PLACE = "leggen"
MAX_COMPETENCES = 9
"""Keys 1-9: at most nine competences in one game."""


def aspect_id(competence: DeckCard, number: int) -> str:
    return f"{competence.id}/{number}"


def aspects(record: VierOpEenRijRecord) -> dict[str, tuple[DeckCard, str]]:
    """Aspect card id -> (its competence, its text)."""
    return {
        aspect_id(card, number): (card, text)
        for card in record.cards
        for number, text in enumerate(card.aspects, start=1)
    }


def stage(record: VierOpEenRijRecord) -> Stage:
    guide = load_catalog().card_games.vier_op_een_rij
    piles = tuple(
        Pile(card.id, card.text, str(number)) for number, card in enumerate(record.cards[:MAX_COMPETENCES], start=1)
    )
    return Stage(PLACE, guide.place.title, guide.place.hint, piles)


def enter(record: VierOpEenRijRecord) -> VierOpEenRijRecord:
    board = record.boards.get(PLACE) or card_board.new_board(list(aspects(record)), stage(record).pile_ids, record.seed)
    return with_board(record, PLACE, board)


def board(record: VierOpEenRijRecord) -> Board | None:
    return record.boards.get(PLACE)


@dataclass(frozen=True)
class Placed:
    """One aspect: where the employee put it, where it belongs, and the colour given to it."""

    aspect: str
    text: str
    placed_under: DeckCard
    belongs_to: DeckCard
    tone: Tone | None

    @property
    def right(self) -> bool:
        return self.placed_under.id == self.belongs_to.id


def placed(record: VierOpEenRijRecord) -> dict[str, list[Placed]]:
    """Competence id -> the aspects the employee laid under it, in order, with where they belong."""
    current = board(record)
    every = aspects(record)
    by_id = {card.id: card for card in record.cards}
    out: dict[str, list[Placed]] = {card.id: [] for card in record.cards}
    if current is None:
        return out
    for competence_id in out:
        for aspect in current.pile(competence_id):
            belongs, text = every[aspect]
            out[competence_id].append(Placed(aspect, text, by_id[competence_id], belongs, record.ratings.get(aspect)))
    return out


def score(record: VierOpEenRijRecord) -> tuple[int, int]:
    """(aspects laid under their own competence, aspects laid)."""
    every = [item for items in placed(record).values() for item in items]
    return sum(1 for item in every if item.right), len(every)


def with_rating(record: VierOpEenRijRecord, aspect: str, tone: Tone | None) -> VierOpEenRijRecord:
    ratings = dict(record.ratings)
    if tone is None:
        ratings.pop(aspect, None)
    else:
        ratings[aspect] = tone
    return record.model_copy(update={"ratings": ratings})


def with_note(record: VierOpEenRijRecord, competence_id: str, text: str) -> VierOpEenRijRecord:
    notes = dict(record.competence_notes)
    if text:
        notes[competence_id] = text
    else:
        notes.pop(competence_id, None)
    return record.model_copy(update={"competence_notes": notes})


def is_placed(record: VierOpEenRijRecord) -> bool:
    current = board(record)
    return current is not None and current.current is None


def is_finished(record: VierOpEenRijRecord) -> bool:
    """Every aspect placed and given a colour."""
    return is_placed(record) and all(aspect in record.ratings for aspect in aspects(record))
