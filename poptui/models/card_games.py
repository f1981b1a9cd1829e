"""Records of the card games: Kwaliteitenspel (§5.4), Vaardighedenspel (§5.5), Droompagina
(§5.10), Prentenbeeld (§5.11) and Vier op een rij (§5.12).

A game keeps a copy of the cards it was played with (``cards``: a deck changed or removed later
does not change a played game) and one :class:`~poptui.models.cards.Board` per sorting round
(``boards``, by round id). Every move is stored at once, with ``stage`` (the round on screen),
so a game resumes where it was. Every class keeps ``notes`` and ``conclusions`` of
:class:`MethodRecordBase`: notes written earlier with the free-notes screen load unchanged, and
the conclusions are the ones offered to the POP's summary.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from poptui.models.base import Line, Model, Text
from poptui.models.cards import Board, CardNote, DeckCard
from poptui.models.enums import MethodKind
from poptui.models.method_base import MethodRecordBase

Answer = Annotated[Text, StringConstraints(max_length=5000)]


class CardGameRecord(MethodRecordBase):
    """What every card game stores: the deck it was played with, its rounds, where it was."""

    deck_id: Line = Field(default="", title="Kaartenset", max_length=200)
    deck_name: Line = Field(default="", title="Naam kaartenset", max_length=200)
    cards: list[DeckCard] = Field(default_factory=list, title="Kaarten", max_length=500)
    boards: dict[str, Board] = Field(default_factory=dict, title="Rondes")
    stage: Line = Field(default="", title="Huidige ronde", max_length=40)
    seed: int | None = Field(default=None, title="Schudnummer")
    finished: bool = Field(default=False, title="Afgerond")

    def card(self, card_id: str) -> DeckCard | None:
        return next((card for card in self.cards if card.id == card_id), None)


class KwaliteitenspelRecord(CardGameRecord):
    """Kwaliteitenspel (§5.4): the eight qualities in order of importance, each with the
    employee's description and werk/privé; optionally the same for distortions; the variant
    that first sorts the deck into three piles."""

    kind: Literal[MethodKind.KWALITEITENSPEL] = MethodKind.KWALITEITENSPEL
    plus: bool = Field(default=False, title="Eenvoudige verwoording (PLUS)")
    three_piles: bool = Field(default=False, title="Variant: eerst drie stapels")
    with_distortions: bool = Field(default=False, title="Ook de vervormingen")
    quality_notes: dict[str, CardNote] = Field(default_factory=dict, title="Bij de kwaliteiten")
    distortion_notes: dict[str, CardNote] = Field(default_factory=dict, title="Bij de vervormingen")


class VaardighedenspelRecord(CardGameRecord):
    """Vaardighedenspel (§5.5), one of three forms: I (betekenis), II (profiel), III (matrix)."""

    kind: Literal[MethodKind.VAARDIGHEDENSPEL] = MethodKind.VAARDIGHEDENSPEL
    form: Literal["I", "II", "III"] | None = Field(default=None, title="Spelvorm")
    all_cards: bool = Field(default=False, title="Alle kaarten (heroriëntatie)")
    with_frequency: bool = Field(default=False, title="Met frequentiestapels")
    answers: dict[str, Answer] = Field(default_factory=dict, title="Antwoorden")


class PictureAnswers(Model):
    """The answers about one chosen picture (question id -> text)."""

    answers: dict[str, Answer] = Field(default_factory=dict, title="Antwoorden")


class PictureRecord(CardGameRecord):
    """Droompagina and Prentenbeeld: the chosen pictures and, per picture, the draaiboek's questions."""

    pictures: dict[str, PictureAnswers] = Field(default_factory=dict, title="Per prent")
    homework: bool = Field(default=False, title="Als huiswerk meegegeven")


class DroompaginaRecord(PictureRecord):
    """Droompagina (§5.10)."""

    kind: Literal[MethodKind.DROOMPAGINA] = MethodKind.DROOMPAGINA


class PrentenbeeldRecord(PictureRecord):
    """Prentenbeeld (§5.11)."""

    kind: Literal[MethodKind.PRENTENBEELD] = MethodKind.PRENTENBEELD


class VierOpEenRijRecord(CardGameRecord):
    """Vier op een rij (§5.12): the aspects placed under the competences (round ``leggen``), a
    colour per aspect (round ``kleuren``: the piles green, orange, red), notes per competence.
    ``cards`` holds the competences with their aspects; an aspect's card id is
    ``<competence id>/<1..4>``."""

    kind: Literal[MethodKind.VIER_OP_EEN_RIJ] = MethodKind.VIER_OP_EEN_RIJ
    source: Line = Field(default="", title="Bron van de competenties", max_length=200)
    competence_notes: dict[str, Answer] = Field(default_factory=dict, title="Bespreking per competentie")
