"""The demo's card games: one finished game of each (§5.4, §5.5, §5.10-§5.12), played move by move
with the games' own rules on poptui's own decks and a fixed shuffle, so the boards, the undo history
and the printed pages are what a coach would get. Called from :mod:`poptui.demo`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from poptui.catalog import shipped_decks
from poptui.models import CardNote, Conclusion, ContactMoment, DeckKind, Sphere, SummaryPart, Trajectory
from poptui.models.card_games import (
    CardGameRecord,
    DroompaginaRecord,
    KwaliteitenspelRecord,
    PictureRecord,
    PrentenbeeldRecord,
    VaardighedenspelRecord,
    VierOpEenRijRecord,
)
from poptui.services import (
    card_board,
    card_games,
    decks,
    kwaliteitenspel,
    picture_methods,
    vaardighedenspel,
    vier_op_een_rij,
)
from poptui.services.card_games import Stage
from poptui.services.competences import default_dictionary

G = TypeVar("G", bound=CardGameRecord)


def _start(record: G, kind: DeckKind, seed: int, **fields: Any) -> G:
    deck = next(deck for deck in shipped_decks() if deck.kind is kind)
    return card_games.start(record, "poptui:" + deck.id, deck.name, deck.cards, seed, **fields)


def _play(record: G, stage: Stage, key_for: Callable[[int, str], str]) -> G:
    """Play the round ``stage`` to its end: ``key_for(turn, card)`` gives the key for each card."""
    board = record.boards[stage.id]
    turn = 0
    while not stage.complete(board):
        assert board.current is not None
        board = stage.press(board, key_for(turn, board.current))
        turn += 1
    return card_games.with_board(record, stage.id, board)


def _base(trajectory: Trajectory, moment: ContactMoment) -> dict[str, Any]:
    return {
        "employee_id": trajectory.employee_id,
        "trajectory_id": trajectory.id,
        "contact_moment_id": moment.id,
        "date": moment.date,
    }


QUALITIES = ("voorzichtig", "doorzetter", "behulpzaam", "betrouwbaar", "stipt", "rustig", "collegiaal", "handig")
"""Mohamed's eight, in his order of importance."""
DISTORTIONS = ("stipt", "doorzetter", "eerlijk", "handig", "bescheiden", "energiek", "zelfstandig", "voorzichtig")
"""The qualities whose distortions bother him most (Gejaagd first), in that order."""


def _eight(record: KwaliteitenspelRecord, stage_id: str, wanted: tuple[str, ...]) -> KwaliteitenspelRecord:
    """Stap 1 as the employee plays it: a wanted card replaces the first of the eight that is not
    wanted, any other card is laid away; then stap 2 puts the eight in the order of ``wanted``."""
    record = kwaliteitenspel.enter(record, stage_id)
    stage = kwaliteitenspel.stage(record)
    board = record.boards[stage_id]
    while not stage.complete(board):
        hand = board.pile(kwaliteitenspel.CHOSEN)
        loose = [position for position, card in enumerate(hand) if card not in wanted]
        board = stage.press(board, str(loose[0] + 1) if board.current in wanted and loose else "w")
    hand = board.pile(kwaliteitenspel.CHOSEN)
    for position, card in enumerate(card for card in wanted if card in hand):
        board = card_board.place(board, kwaliteitenspel.CHOSEN, card, position)
    return card_games.with_board(record, stage_id, board)


def kwaliteitenspel_game(trajectory: Trajectory, moment: ContactMoment) -> KwaliteitenspelRecord:
    """The variant with three piles, then the eight qualities and the eight distortions."""
    record = _start(
        KwaliteitenspelRecord(**_base(trajectory, moment)),
        DeckKind.QUALITIES,
        11,
        three_piles=True,
        with_distortions=True,
    )
    record = kwaliteitenspel.enter(record)
    record = _play(
        record, kwaliteitenspel.stage(record), lambda turn, card: "1" if card in QUALITIES else "123"[turn % 3]
    )
    record = _eight(record, kwaliteitenspel.QUALITIES, QUALITIES)
    record = _eight(record, kwaliteitenspel.DISTORTIONS, DISTORTIONS)
    said = {
        "voorzichtig": ("Op de heftruck kijk ik altijd twee keer voor ik achteruit rijd.", Sphere.WORK),
        "doorzetter": ("Ik hou vol tot het werk af is, ook als het lang duurt.", Sphere.WORK),
        "behulpzaam": ("Ik help thuis en op het werk als iemand het moeilijk heeft.", Sphere.BOTH),
        "rustig": ("Als er thuis ruzie is, blijf ik kalm.", Sphere.PRIVATE),
    }
    for card, (description, sphere) in said.items():
        record = kwaliteitenspel.with_note(record, card, CardNote(description=description, sphere=sphere))
    record = kwaliteitenspel.with_note(
        record, "stipt", CardNote(description="Als het druk is, wordt dat snel te veel.", sphere=Sphere.WORK), True
    )
    conclusion = Conclusion(
        text="Mijn kwaliteiten komen in de heftruck vaak aan bod: ik werk veilig en hou vol.",
        part=SummaryPart.WAT_KAN_IK,
    )
    return record.model_copy(update={"conclusions": [conclusion], "finished": True})


def vaardighedenspel_game(trajectory: Trajectory, moment: ContactMoment) -> VaardighedenspelRecord:
    """Form III with the frequency piles: selection, frequency, fun, mastery, the cards laid aside."""
    record = _start(
        VaardighedenspelRecord(**_base(trajectory, moment)), DeckKind.SKILLS, 5, form="III", with_frequency=True
    )
    keys: dict[str, Callable[[int, str], str]] = {
        vaardighedenspel.SELECTION: lambda turn, _card: "1" if turn % 3 != 1 else "2",
        vaardighedenspel.FREQUENCY: lambda turn, _card: "1234"[turn % 7 % 4],
        vaardighedenspel.FUN: lambda turn, _card: "12213455"[turn % 8],
        vaardighedenspel.MATRIX: lambda turn, _card: "1213"[turn % 4],
        vaardighedenspel.REST: lambda turn, _card: "1" if turn % 4 == 0 else "2",
    }
    for stage in vaardighedenspel.stages(record):
        record = vaardighedenspel.enter(record, stage.id)
        current = vaardighedenspel.stage(record)
        assert current is not None
        record = _play(record, current, keys[stage.id])
    answers = {
        "opvalt": "De meeste kaarten liggen bij 'goed'; wat hij niet leuk vindt, doet hij wel vaak.",
        "gevoelens": "Bij de ronde 'leuk' twijfelde hij vaak: 'ik doe gewoon wat moet'.",
        "toepassen": "Rijden en met machines werken kan hij elke dag; uitleggen aan collega's te weinig.",
    }
    conclusion = Conclusion(
        text="Wil een collega leren heftruck rijden: dat vindt hij leuk en kan hij goed.", part=SummaryPart.WAT_WIL_IK
    )
    return record.model_copy(update={"answers": answers, "conclusions": [conclusion], "finished": True})


VIER_OP_EEN_RIJ = ("machines_bedienen", "samenwerken", "kwaliteit_bewaken", "zelfstandig_werken")
"""Dirk's four competences, from the competence dictionary (the default dictionary's ids)."""


def vier_op_een_rij_game(trajectory: Trajectory, moment: ContactMoment, organisation_id: str) -> VierOpEenRijRecord:
    """Four competences of the organisation's dictionary, their first four behaviour indicators as
    the aspects; two aspects laid under another competence; a colour for each aspect."""
    source = decks.competence_deck(organisation_id, default_dictionary(organisation_id).competences)
    assert source is not None
    by_id = {card.id: card for card in source.cards}
    record = card_games.start(
        VierOpEenRijRecord(**_base(trajectory, moment)),
        source.id,
        source.name,
        [by_id[competence] for competence in VIER_OP_EEN_RIJ],
        3,
        source=source.name,
    )
    record = vier_op_een_rij.enter(record)
    stage = vier_op_een_rij.stage(record)
    order = [card.id for card in record.cards]
    mistakes = {f"{order[0]}/4": order[2], f"{order[3]}/1": order[1]}

    def place(_turn: int, aspect: str) -> str:
        competence = mistakes.get(aspect, aspect.split("/")[0])
        return str(order.index(competence) + 1)

    record = _play(record, stage, place)
    record = vier_op_een_rij.enter(record, vier_op_een_rij.COLOURS)
    record = _play(record, vier_op_een_rij.stage(record), lambda turn, _card: "1" if turn % 3 else "2")
    record = vier_op_een_rij.with_note(
        record, order[0], "De noodstop en de beschermkledij kent hij; een storing meldt hij nog niet zelf."
    )
    record = vier_op_een_rij.with_note(record, order[3], "Wacht 's morgens tot iemand zegt waar hij moet beginnen.")
    conclusion = Conclusion(text="Een storing aan de machine zelf melden aan Karim.", part=SummaryPart.ONTWIKKELPUNTEN)
    return record.model_copy(update={"conclusions": [conclusion], "finished": True})


P = TypeVar("P", bound=PictureRecord)


def _pictures(record: P, chosen: Iterable[str], answers: dict[str, dict[str, str]]) -> P:
    record = picture_methods.enter(record)
    wanted = set(chosen)
    stage = picture_methods.stage(record)
    record = _play(record, stage, lambda _turn, card: "1" if card in wanted else "2")
    for card, given in answers.items():
        for question, text in given.items():
            record = picture_methods.with_answer(record, card, question, text)
    return record


def droompagina_game(trajectory: Trajectory, moment: ContactMoment) -> DroompaginaRecord:
    record = _start(DroompaginaRecord(**_base(trajectory, moment)), DeckKind.PICTURES, 8)
    record = _pictures(
        record,
        ["rekken-vullen-in-een-magazijn", "een-heftruck-besturen", "op-reis-gaan", "een-rijbewijs-halen"],
        {
            "rekken-vullen-in-een-magazijn": {
                "waarom": "Daar is het rustiger dan aan de verpakkingslijn.",
                "werkelijkheid": "Ja, er komt een plaats vrij.",
                "nodig": "Een stage in het magazijn vragen aan Luc.",
            },
            "een-rijbewijs-halen": {
                "waarom": "Dan kan ik zelf naar het werk.",
                "werkelijkheid": "Ja, maar het kost geld.",
                "nu": "Het theorieboek lenen in de bib.",
            },
        },
    )
    conclusion = Conclusion(text="Wil in het magazijn werken.", part=SummaryPart.WAT_WIL_IK)
    return record.model_copy(update={"conclusions": [conclusion], "finished": True})


def prentenbeeld_game(trajectory: Trajectory, moment: ContactMoment) -> PrentenbeeldRecord:
    record = _start(PrentenbeeldRecord(**_base(trajectory, moment)), DeckKind.PICTURES, 9, homework=True)
    record = _pictures(
        record,
        ["in-een-keuken-koken", "zorgen-voor-ouderen", "met-vrienden-op-cafe"],
        {
            "in-een-keuken-koken": {
                "waarom": "Ik kook graag en snel.",
                "kant": "Een goede kant: ik hou van orde in de keuken.",
                "verbeteren": "Leren werken met de nieuwe oven.",
            },
            "zorgen-voor-ouderen": {
                "waarom": "Ik zorg thuis voor mijn oma.",
                "kant": "Goed, maar ik vergeet mezelf soms.",
            },
        },
    )
    conclusion = Conclusion(text="Zorgen voor anderen geeft haar energie.", part=SummaryPart.WAT_KAN_IK)
    return record.model_copy(update={"conclusions": [conclusion], "finished": True})
