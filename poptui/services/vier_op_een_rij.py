"""Vier op een rij (§5.12): competence cards with four aspects each; the employee places the shuffled
aspects under the competences; poptui shows what went where; then a colour per aspect (green,
orange, red) and notes per competence.

The colours are a second round of the board (``kleuren``): every aspect, in the order it was
laid, onto the pile green, orange or red.

The competences come from :func:`poptui.services.decks.competence_sources` (the organisation's
competence dictionary, its behaviour indicators as the aspects; or a competence deck). An aspect's card id is ``<competence id>/<1..4>``; the board has one pile per
competence (its id), with the digits 1..n as keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from poptui.catalog import load_catalog
from poptui.models.card_games import VierOpEenRijRecord
from poptui.models.cards import Board, DeckCard
from poptui.services import card_board
from poptui.services.card_games import Pile, Stage, with_board

PLACE = "leggen"
COLOURS = "kleuren"
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


def place_stage(record: VierOpEenRijRecord) -> Stage:
    guide = load_catalog().card_games.vier_op_een_rij
    piles = tuple(
        Pile(card.id, card.text, str(number)) for number, card in enumerate(record.cards[:MAX_COMPETENCES], start=1)
    )
    return Stage(PLACE, guide.place.title, guide.place.hint, piles)


def colour_stage() -> Stage:
    guide = load_catalog().card_games.vier_op_een_rij
    return Stage(COLOURS, guide.colour.title, guide.colour.hint, tuple(Pile.of(pile) for pile in guide.ratings))


def stages(record: VierOpEenRijRecord) -> list[Stage]:
    return [place_stage(record), colour_stage()]


def stage(record: VierOpEenRijRecord, stage_id: str | None = None) -> Stage:
    wanted = stage_id or record.stage
    every = stages(record)
    return next((item for item in every if item.id == wanted), every[0])


def laid_order(record: VierOpEenRijRecord) -> list[str]:
    """The aspects competence by competence, in the order they were laid."""
    board = record.boards.get(PLACE)
    if board is None:
        return []
    return [aspect for competence in place_stage(record).pile_ids for aspect in board.pile(competence)]


def enter(record: VierOpEenRijRecord, stage_id: str | None = None) -> VierOpEenRijRecord:
    current = stage(record, stage_id)
    board = record.boards.get(current.id)
    if board is None:
        if current.id == PLACE:
            board = card_board.new_board(list(aspects(record)), current.pile_ids, record.seed)
        else:
            board = card_board.new_board(laid_order(record), current.pile_ids)
    return with_board(record, current.id, board)


def next_stage(record: VierOpEenRijRecord) -> str | None:
    return COLOURS if stage(record).id == PLACE else None


def board(record: VierOpEenRijRecord) -> Board | None:
    return record.boards.get(PLACE)


def ratings(record: VierOpEenRijRecord) -> dict[str, str]:
    """Aspect id -> the colour it was given (groen, oranje, rood)."""
    colours = record.boards.get(COLOURS)
    if colours is None:
        return {}
    return {aspect: pile for pile in colour_stage().pile_ids for aspect in colours.pile(pile)}


@dataclass(frozen=True)
class Placed:
    """One aspect: where the employee put it, where it belongs, and the colour given to it."""

    aspect: str
    text: str
    placed_under: DeckCard
    belongs_to: DeckCard
    tone: str | None

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
    colours = ratings(record)
    for competence_id in out:
        for aspect in current.pile(competence_id):
            belongs, text = every[aspect]
            out[competence_id].append(Placed(aspect, text, by_id[competence_id], belongs, colours.get(aspect)))
    return out


def score(record: VierOpEenRijRecord) -> tuple[int, int]:
    """(aspects laid under their own competence, aspects laid)."""
    every = [item for items in placed(record).values() for item in items]
    return sum(1 for item in every if item.right), len(every)


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
    colours = record.boards.get(COLOURS)
    return is_placed(record) and colours is not None and colours.current is None
