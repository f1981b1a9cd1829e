"""Vaardighedenspel (§5.5): the three forms as rounds of the board, the matrix's numbering and its
readings, as pure functions.

Form I (betekenis): one round, rows vaak / regelmatig / soms and 'niet van belang'; it stops
when the top row holds 15 cards; then the three discussion questions.

Form II (profiel): a selection of at most 40 important skills, then three profiles of the
same cards (now, two years ago, desired in two years), each in a green, orange and red row; the
first five of each row are its top five (put the most important first with the arrows).

Form III (matrix): the shuffled half of the deck (the variant for a new career: all cards) from
which at most 40 are selected; optionally the frequency piles (the fun round then starts with
'vaak'); round 1 lays each card in one of five columns by fun; round 2 takes the columns in
turn and lays each card in its column's cell of the row of its mastery. The 15 cells are
numbered row by row as in the draaiboek::

                  heel erg leuk  leuk  neutraal  niet zo leuk  helemaal niet leuk
    goed                1          2       3          4                5
    redelijk            6          7       8          9               10
    onvoldoende        11         12      13         14               15

:func:`readings` gives what the draaiboek reads in it: cells 6, 7, 11 and 12 are training
opportunities; cells 4 and 5 are a burn-out risk when they hold mostly skills used often; what
lies in 11 and 12 and is seldom used may slide to 14 and 15; and the count of cells 1, 2, 6, 7,
11, 12 (fun) against 4, 5, 9, 10, 14, 15 (no fun). Stap 4 looks again at the cards laid aside.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from poptui.catalog import load_catalog
from poptui.models.card_games import VaardighedenspelRecord
from poptui.models.cards import Board
from poptui.services import card_board
from poptui.services.card_games import KeyHint, Pile, Stage, with_board

MEANING = "betekenis"
SELECTION = "selectie"
FREQUENCY = "frequentie"
FUN = "plezier"
MATRIX = "matrix"
REST = "rest"
PROFILE = "profiel_"
CHOSEN = "gekozen"
ASIDE = "opzij"
OFTEN = "vaak"
COLUMNS = 5
ROWS = 3
TRAINING_CELLS = (6, 7, 11, 12)
BURNOUT_CELLS = (4, 5)
DRIFT_CELLS = (11, 12)
FUN_CELLS = (1, 2, 6, 7, 11, 12)
NO_FUN_CELLS = (4, 5, 9, 10, 14, 15)
SELDOM = ("soms", "nooit")


def cell_number(row: int, column: int) -> int:
    """The cell of mastery row ``row`` (0 goed, 1 redelijk, 2 onvoldoende) and fun column ``column``
    (0 heel erg leuk ... 4 helemaal niet leuk), numbered 1-15 row by row."""
    if not (0 <= row < ROWS and 0 <= column < COLUMNS):
        raise ValueError(f"no cell at row {row}, column {column}")
    return row * COLUMNS + column + 1


def cell_position(number: int) -> tuple[int, int]:
    """(row, column) of cell ``number`` (1-15)."""
    if not 1 <= number <= ROWS * COLUMNS:
        raise ValueError(f"no cell {number}")
    return divmod(number - 1, COLUMNS)


def cell_id(number: int) -> str:
    return f"vak{number}"


@dataclass(frozen=True)
class MatrixReadings:
    """What the draaiboek reads in a finished matrix (§5.5 stap 3 and the extra opdracht)."""

    counts: dict[int, int]
    """Cell number -> how many cards lie in it (every cell 1-15)."""
    training: list[str]
    """The cards in cells 6, 7, 11 and 12, cell by cell: motivated, so good to train."""
    burnout_cards: list[str]
    """The cards in cells 4 and 5: mastered, but no fun."""
    burnout_often: list[str]
    """Those of ``burnout_cards`` used often (known only with the frequency piles)."""
    burnout_risk: bool | None
    """Cells 4 and 5 hold mostly (more than half) skills used often; None: frequency not known."""
    drift: list[str]
    """Cards in cells 11 and 12 seldom used (soms, nooit): they may slide to 14 and 15."""
    fun_count: int
    """Cards in cells 1, 2, 6, 7, 11, 12."""
    no_fun_count: int
    """Cards in cells 4, 5, 9, 10, 14, 15."""


def readings(matrix: Mapping[int, Sequence[str]], frequency: Mapping[str, str] | None = None) -> MatrixReadings:
    """The readings of a matrix (cell number -> card ids in order); ``frequency``: card id -> 'vaak',
    'regelmatig', 'soms' or 'nooit' when the frequency piles were used."""
    unknown = set(matrix) - set(range(1, ROWS * COLUMNS + 1))
    if unknown:
        raise ValueError(f"no such cells: {sorted(unknown)}")

    def cards_in(cells: Sequence[int]) -> list[str]:
        return [card for cell in cells for card in matrix.get(cell, ())]

    burnout = cards_in(BURNOUT_CELLS)
    often = [card for card in burnout if frequency and frequency.get(card) == OFTEN]
    risk = None if frequency is None else (bool(burnout) and len(often) * 2 > len(burnout))
    drift = [card for card in cards_in(DRIFT_CELLS) if frequency and frequency.get(card) in SELDOM]
    return MatrixReadings(
        counts={cell: len(matrix.get(cell, ())) for cell in range(1, ROWS * COLUMNS + 1)},
        training=cards_in(TRAINING_CELLS),
        burnout_cards=burnout,
        burnout_often=often,
        burnout_risk=risk,
        drift=drift,
        fun_count=len(cards_in(FUN_CELLS)),
        no_fun_count=len(cards_in(NO_FUN_CELLS)),
    )


# -- the rounds -----------------------------------------------------------------------------


def profile_stage_id(moment: str) -> str:
    return PROFILE + moment


def stages(record: VaardighedenspelRecord) -> list[Stage]:
    """The rounds of the record's form, in order (empty before a form is chosen)."""
    guide = load_catalog().card_games.vaardighedenspel
    selection = Stage.of(SELECTION, guide.selection, stop=(CHOSEN, guide.selection.limit))
    if record.form == "I":
        return [Stage.of(MEANING, guide.meaning, stop=(guide.meaning.piles[0].id, guide.meaning.stop_at))]
    if record.form == "II":
        out = [selection]
        for moment in guide.profile.moments:
            out.append(
                Stage.of(
                    profile_stage_id(moment.id),
                    guide.profile,
                    title=f"{guide.profile.title} ({moment.name})",
                )
            )
        return out
    if record.form == "III":
        out = [] if record.all_cards else [selection]
        if record.with_frequency:
            out.append(Stage.of(FREQUENCY, guide.frequency))
        fun = Stage.of(FUN, guide.fun)
        if record.all_cards:
            fun = Stage(FUN, fun.title, fun.hint, (*fun.piles, Pile.of(guide.fun.aside)))
        out.append(fun)
        out.append(matrix_stage(record))
        if not record.all_cards:
            out.append(Stage.of(REST, guide.rest))
        return out
    return []


def matrix_stage(record: VaardighedenspelRecord) -> Stage:
    guide = load_catalog().card_games.vaardighedenspel
    fun_piles = [pile.id for pile in guide.fun.piles]
    fun_board = record.boards.get(FUN)

    def column_of(card: str) -> int:
        where = fun_board.where(card) if fun_board else None
        return fun_piles.index(where[0]) if where and where[0] in fun_piles else 0

    piles = tuple(Pile(cell_id(number), str(number)) for number in range(1, ROWS * COLUMNS + 1))
    return Stage(
        MATRIX,
        guide.mastery.title,
        guide.mastery.hint,
        piles,
        grid=(COLUMNS, ROWS),
        column_names=tuple(pile.name for pile in guide.fun.piles),
        row_names=tuple(row.name for row in guide.mastery.rows),
        row_keys=tuple(KeyHint(row.key, row.name, row.tone) for row in guide.mastery.rows),
        column_of=column_of,
    )


def stage(record: VaardighedenspelRecord, stage_id: str | None = None) -> Stage | None:
    every = stages(record)
    wanted = stage_id or record.stage
    return next((item for item in every if item.id == wanted), every[0] if every else None)


def _seed(record: VaardighedenspelRecord, stage_id: str) -> int:
    return (record.seed or 0) + sum(ord(char) for char in stage_id)


def _first_cards(record: VaardighedenspelRecord, stage_id: str) -> list[str]:
    """The cards a round starts with, taken from the rounds before it."""
    every = [card.id for card in record.cards]
    boards = record.boards
    selected = boards[SELECTION].pile(CHOSEN) if SELECTION in boards else every
    guide = load_catalog().card_games.vaardighedenspel
    if stage_id == MEANING:
        return every
    if stage_id == SELECTION:
        if record.form == "III" and not record.all_cards:
            return every[: (len(every) + 1) // 2]  # the shuffled half (shuffled in new_board: a seeded half)
        return every
    if stage_id.startswith(PROFILE) or stage_id == FREQUENCY:
        return selected
    if stage_id == FUN:
        start = every if record.all_cards else selected
        if record.with_frequency and FREQUENCY in boards:
            frequency = boards[FREQUENCY]
            return [card for pile in guide.frequency.piles for card in frequency.pile(pile.id)]
        return start
    if stage_id == MATRIX:
        fun = boards.get(FUN)
        return [card for pile in guide.fun.piles for card in (fun.pile(pile.id) if fun else [])]
    if stage_id == REST:
        return boards[SELECTION].pile(ASIDE) if SELECTION in boards else []
    return []


def new_board(record: VaardighedenspelRecord, stage_id: str) -> Board:
    current = stage(record, stage_id)
    assert current is not None
    cards = _first_cards(record, stage_id)
    if stage_id == SELECTION and record.form == "III" and not record.all_cards:
        shuffled = card_board.new_board([card.id for card in record.cards], [], _seed(record, stage_id)).pile("stapel")
        cards = shuffled[: (len(shuffled) + 1) // 2]
        return card_board.new_board(cards, current.pile_ids)
    keep_order = stage_id in (MATRIX, FUN) and (stage_id == MATRIX or record.with_frequency)
    return card_board.new_board(cards, current.pile_ids, None if keep_order else _seed(record, stage_id))


def enter(record: VaardighedenspelRecord, stage_id: str | None = None) -> VaardighedenspelRecord:
    current = stage(record, stage_id)
    if current is None:
        return record
    board = record.boards.get(current.id) or new_board(record, current.id)
    return with_board(record, current.id, board)


def next_stage(record: VaardighedenspelRecord) -> str | None:
    ids = [item.id for item in stages(record)]
    current = stage(record)
    if current is None:
        return None
    position = ids.index(current.id)
    return ids[position + 1] if position + 1 < len(ids) else None


def is_finished(record: VaardighedenspelRecord) -> bool:
    every = stages(record)
    return bool(every) and all(item.id in record.boards and item.complete(record.boards[item.id]) for item in every)


def matrix_of(record: VaardighedenspelRecord) -> dict[int, list[str]]:
    """Cell number -> card ids of the record's matrix (empty cells included)."""
    board = record.boards.get(MATRIX)
    return {number: board.pile(cell_id(number)) if board else [] for number in range(1, ROWS * COLUMNS + 1)}


def frequency_of(record: VaardighedenspelRecord) -> dict[str, str] | None:
    """Card id -> frequency pile, when the frequency piles were used."""
    board = record.boards.get(FREQUENCY)
    if not record.with_frequency or board is None:
        return None
    return {card: pile for pile, cards in board.piles.items() for card in cards if pile != "stapel"}


def record_readings(record: VaardighedenspelRecord) -> MatrixReadings:
    return readings(matrix_of(record), frequency_of(record))


def profile(record: VaardighedenspelRecord, moment: str) -> dict[str, list[str]]:
    """Form II: tone (groen, oranje, rood) -> the cards of that row in the profile of ``moment``."""
    board = record.boards.get(profile_stage_id(moment))
    tones = [pile.id for pile in load_catalog().card_games.vaardighedenspel.profile.piles]
    return {tone: board.pile(tone) if board else [] for tone in tones}


def top(cards: Sequence[str], count: int | None = None) -> list[str]:
    """The first ``count`` cards of a row (default: the draaiboek's five)."""
    return list(cards[: count or load_catalog().card_games.vaardighedenspel.profile.top])
