"""Droompagina (§5.10) and Prentenbeeld (§5.11): choosing pictures, then the draaiboek's questions per
chosen picture. Both are one round of the board (chosen / not chosen) and can be given as homework.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from poptui.catalog import load_catalog
from poptui.catalog_models import PictureMethodGuide, Question
from poptui.models.card_games import PictureAnswers, PictureRecord
from poptui.models.cards import Board, DeckCard
from poptui.models.enums import MethodKind
from poptui.services import card_board
from poptui.services.card_games import Stage, with_board

CHOOSE = "kiezen"
CHOSEN = "gekozen"


def guide(record: PictureRecord) -> PictureMethodGuide:
    games = load_catalog().card_games
    return games.droompagina if record.kind is MethodKind.DROOMPAGINA else games.prentenbeeld


def stage(record: PictureRecord) -> Stage:
    return Stage.of(CHOOSE, guide(record).choose)


def questions(record: PictureRecord) -> list[Question]:
    return list(guide(record).questions)


P = TypeVar("P", bound=PictureRecord)


def enter(record: P) -> P:
    current = stage(record)
    board = record.boards.get(CHOOSE) or card_board.new_board(
        [card.id for card in record.cards], current.pile_ids, record.seed
    )
    return with_board(record, CHOOSE, board)


def board(record: PictureRecord) -> Board | None:
    return record.boards.get(CHOOSE)


@dataclass(frozen=True)
class ChosenPicture:
    number: int
    card: DeckCard
    answers: dict[str, str]


def chosen(record: PictureRecord) -> list[ChosenPicture]:
    """The chosen pictures in the order the employee laid them, each with its answers."""
    current = board(record)
    if current is None:
        return []
    out = []
    for number, card_id in enumerate(current.pile(CHOSEN), start=1):
        card = record.card(card_id)
        if card is not None:
            out.append(ChosenPicture(number, card, dict(record.pictures.get(card_id, PictureAnswers()).answers)))
    return out


def with_answer(record: P, card_id: str, question_id: str, text: str) -> P:
    answers = dict(record.pictures.get(card_id, PictureAnswers()).answers)
    if text:
        answers[question_id] = text
    else:
        answers.pop(question_id, None)
    return record.model_copy(update={"pictures": {**record.pictures, card_id: PictureAnswers(answers=answers)}})


def is_finished(record: PictureRecord) -> bool:
    current = board(record)
    return current is not None and stage(record).complete(current) and bool(current.pile(CHOSEN))


def answered(record: PictureRecord) -> int:
    """How many chosen pictures have at least one answer."""
    return sum(1 for picture in chosen(record) if picture.answers)
