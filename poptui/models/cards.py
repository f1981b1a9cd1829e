"""Card decks and the card-sorting board (§5.4, §5.5, §5.10-§5.12).

- :class:`DeckCard`: one card of a deck. Qualities carry a simpler PLUS wording and their
  distortion (vervorming) in both wordings; skills a short explanation; pictures an optional
  image file; competences their four aspects.
- :class:`Deck`: a deck an organisation imported (``poptui decks import``), stored in the
  database. poptui's own decks live in ``data/decks/`` and are not records.
- :class:`Board`: where every card of one sorting round lies: named piles of card ids (the draw
  pile is :data:`DRAW`) and the moves made, newest last, so the last move can be undone.
  A board is stored inside its method record with every move, so a game resumes where it was.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field, field_validator, model_validator

from poptui.models.base import Line, Model, Record, RequiredLine, Text
from poptui.models.enums import DeckKind

DRAW = "stapel"
"""The id of the draw pile: its first card is the card in play."""
MAX_DECK_CARDS = 500
MAX_HISTORY = 400
"""Moves kept for undo; older moves are forgotten (the board itself is always whole)."""


class DeckCard(Model):
    """One card. ``id`` is unique within its deck and stable: records refer to cards by it."""

    id: RequiredLine = Field(title="Kaart-id", max_length=80)
    text: RequiredLine = Field(title="Kaart", max_length=200)
    plus: Line = Field(default="", title="Eenvoudige verwoording (PLUS)", max_length=300)
    explanation: Line = Field(default="", title="Uitleg", max_length=400)
    distortion: Line = Field(default="", title="Vervorming", max_length=200)
    distortion_plus: Line = Field(default="", title="Vervorming, eenvoudig (PLUS)", max_length=300)
    image: Line = Field(default="", title="Afbeelding", max_length=400)
    """An image file: a name in the deck's folder (shipped decks) or an absolute path (imported)."""
    aspects: list[Line] = Field(default_factory=list, title="Aspecten", max_length=8)
    """A competence card's aspects (Vier op een rij: four each)."""

    def wording(self, plus: bool) -> str:
        """The card's text in the A wording, or in the PLUS wording when there is one."""
        return self.plus if plus and self.plus else self.text

    def distortion_wording(self, plus: bool) -> str:
        return self.distortion_plus if plus and self.distortion_plus else self.distortion


def _unique_ids(cards: list[DeckCard]) -> list[DeckCard]:
    seen: set[str] = set()
    for card in cards:
        if card.id in seen:
            raise ValueError(f"kaart-id '{card.id}' komt twee keer voor")
        seen.add(card.id)
    return cards


class Deck(Record):
    """A deck an organisation imported from a .csv or .xlsx file (one card a row)."""

    table: ClassVar[str] = "decks"
    label: ClassVar[str] = "kaartenset"

    name: RequiredLine = Field(title="Naam", max_length=120)
    kind: DeckKind = Field(title="Soort kaarten")
    organisation_id: Line | None = Field(default=None, title="Organisatie")
    """The organisation whose deck it is; None: for every organisation in this database."""
    source: Line = Field(default="", title="Bronbestand", max_length=400)
    cards: list[DeckCard] = Field(default_factory=list, title="Kaarten", max_length=MAX_DECK_CARDS)

    @field_validator("cards")
    @classmethod
    def _cards_unique(cls, cards: list[DeckCard]) -> list[DeckCard]:
        return _unique_ids(cards)

    def describe(self) -> str:
        return self.name


class BoardStep(Model):
    """One card going from one place to another; a move is one or more steps."""

    card: RequiredLine = Field(title="Kaart")
    source: RequiredLine = Field(title="Van stapel")
    source_index: int = Field(ge=0, title="Van plaats")
    target: RequiredLine = Field(title="Naar stapel")
    target_index: int = Field(ge=0, title="Naar plaats")


class BoardMove(Model):
    steps: list[BoardStep] = Field(min_length=1, title="Stappen")


class Board(Model):
    """The piles of one sorting round (pile id -> card ids, top or most important first) and its moves."""

    piles: dict[str, list[Line]] = Field(default_factory=dict, title="Stapels")
    history: list[BoardMove] = Field(default_factory=list, title="Zetten", max_length=MAX_HISTORY)

    @model_validator(mode="after")
    def _each_card_once(self) -> Board:
        seen: set[str] = set()
        for pile, cards in self.piles.items():
            for card in cards:
                if card in seen:
                    raise ValueError(f"kaart '{card}' ligt twee keer op het bord (stapel {pile})")
                seen.add(card)
        return self

    def pile(self, pile_id: str) -> list[str]:
        return list(self.piles.get(pile_id, []))

    @property
    def current(self) -> str | None:
        """The card in play: the top of the draw pile."""
        draw = self.piles.get(DRAW, [])
        return draw[0] if draw else None

    def where(self, card: str) -> tuple[str, int] | None:
        for pile, cards in self.piles.items():
            if card in cards:
                return pile, cards.index(card)
        return None


class Sphere(StrEnum):
    """Where the employee uses a quality, or meets a distortion (§5.4 stap 2)."""

    WORK = "werk"
    PRIVATE = "prive"
    BOTH = "beide"


class CardNote(Model):
    """What the employee says about one card: an own description, and where it shows."""

    description: Text = Field(default="", title="Eigen omschrijving", max_length=2000)
    sphere: Sphere | None = Field(default=None, title="Werk of privé")


__all__ = [
    "DRAW",
    "MAX_DECK_CARDS",
    "MAX_HISTORY",
    "Board",
    "BoardMove",
    "BoardStep",
    "CardNote",
    "Deck",
    "DeckCard",
    "DeckKind",
    "Sphere",
]
