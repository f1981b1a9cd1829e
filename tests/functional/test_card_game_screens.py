"""The card games played with the keys: the board's moves, reorder, undo and resume; the 8-card game to
its end; the matrix by keys; Vier op een rij; the one-card view; typing never fires a board key;
printing the played game."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from poptui.screens import navigation
from poptui.screens.card_game import CardGameScreen, ResultDialog
from poptui.screens.dialogs import ChooseDialog
from poptui.screens.print_dialog import PrintResultDialog
from poptui.screens.widgets.card_board import CardBoard
from poptui.screens.widgets.one_card import OneCardView
from poptui.screens.widgets.text_prompt import TextPromptDialog
from rich.console import Console
from scenarios import TODAY, Flow, build_flow
from screen_openers import settle

from poptui.app import PopApp
from poptui.models import MethodKind, MethodRecordBase, Sphere
from poptui.models.card_games import KwaliteitenspelRecord
from poptui.models.cards import DRAW as DRAW_PILE
from poptui.store import Database


@pytest.fixture
def flow(db: Database, monkeypatch: pytest.MonkeyPatch) -> Flow:
    monkeypatch.setattr("poptui.clock.today", lambda: TODAY)
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr("poptui.screens.card_game.random.randrange", lambda *_args: 7)  # a seeded deck
    return build_flow(db, with_trajectories=1)


def _record(flow: Flow, kind: MethodKind) -> Any:
    [record] = flow.database.list(MethodRecordBase, employee_id=flow.employees[0].id, kind=kind)
    return record


async def _open(app: PopApp, pilot: Any, flow: Flow, kind: MethodKind) -> CardGameScreen:
    trajectory = flow.trajectories[0]
    navigation.open_method(app, trajectory.employee_id, trajectory.id, kind, flow.moments[0][1].id)
    await pilot.pause()
    await pilot.pause()
    return app.screen  # type: ignore[return-value]


def _piles(flow: Flow, kind: MethodKind, stage: str) -> dict[str, list[str]]:
    return dict(_record(flow, kind).boards[stage].piles)


async def test_moves_reorder_undo_and_resume_after_quitting(flow: Flow) -> None:
    kind = MethodKind.DROOMPAGINA
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, flow, kind)
        assert isinstance(screen, CardGameScreen)  # one picture deck: the game is dealt at once
        await pilot.pause()
        start = _piles(flow, kind, "kiezen")[DRAW_PILE]
        assert len(start) == 46
        await pilot.press("1", "1", "1", "2")
        await pilot.pause()
        piles = _piles(flow, kind, "kiezen")
        assert piles["gekozen"] == start[:3] and piles["niet"] == [start[3]]
        # reorder: the second card one place to the left (Space picks it up, Space lays it down)
        await pilot.press("right", "space", "left", "space")
        await pilot.pause()
        assert _piles(flow, kind, "kiezen")["gekozen"] == [start[1], start[0], start[2]]
        # carry it down to the other pile with Shift+Down, then undo that
        await pilot.press("shift+down")
        await pilot.pause()
        piles = _piles(flow, kind, "kiezen")
        assert piles["gekozen"] == [start[0], start[2]] and start[1] in piles["niet"]
        await pilot.press("u")
        await pilot.pause()
        assert _piles(flow, kind, "kiezen")["gekozen"] == [start[1], start[0], start[2]]
        board_text = screen.query_one(CardBoard).render().plain
    # quit mid-game (the SSH session drops), open again: the same board, the same round
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, flow, kind)
        await pilot.pause()
        widget = screen.query_one(CardBoard)
        assert widget.board.piles == _piles(flow, kind, "kiezen")
        assert widget.render().plain == board_text
        await pilot.press("u")  # the undo history came back too
        await pilot.pause()
        assert _piles(flow, kind, "kiezen")["gekozen"] == start[:3]


async def test_the_round_done_message_comes_once_not_after_every_later_move(flow: Flow) -> None:
    kind = MethodKind.DROOMPAGINA
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    shown: list[str] = []
    notify = app.notify

    def recording_notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)  # every message: a toast goes away after 5 s, and 44 keys can take longer
        notify(message, *args, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        await settle(pilot)
        await pilot.press("1", "1", *"2" * 44)
        await settle(pilot)
        assert _piles(flow, kind, "kiezen")[DRAW_PILE] == []

        def done_messages() -> int:
            return sum("Alle kaarten liggen" in message for message in shown)

        assert done_messages() == 1
        await pilot.press("up", "right", "space", "left", "space")  # reorder the two chosen pictures
        await settle(pilot)
        assert done_messages() == 1


async def test_the_eight_card_game_to_its_end_with_werk_prive_and_descriptions(flow: Flow) -> None:
    kind = MethodKind.KWALITEITENSPEL
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        await pilot.press("ctrl+s")  # the options as they are: A wording, no variant
        await pilot.pause()
        record: KwaliteitenspelRecord = _record(flow, kind)
        assert record.seed == 7 and record.stage == "kwaliteiten"
        first_eight = record.boards["kwaliteiten"].pile("gekozen")
        draw = record.boards["kwaliteiten"].pile(DRAW_PILE)
        await pilot.press("²", "٣")  # a Belgian keyboard's ² and another script's 3 are no card numbers
        await pilot.pause()
        assert app._exception is None and _record(flow, kind).boards == record.boards
        await pilot.press("3")  # the first card replaces card 3
        for _card in draw[1:]:
            await pilot.press("w")
        await pilot.pause()
        board = _record(flow, kind).boards["kwaliteiten"]
        assert board.pile(DRAW_PILE) == []
        assert board.pile("gekozen") == [*first_eight[:2], draw[0], *first_eight[3:]]
        assert board.pile("weg") == [first_eight[2], *draw[1:]]
        await pilot.press("w")  # nothing left: refused, nothing changes
        await pilot.pause()
        assert _record(flow, kind).boards["kwaliteiten"] == board
        # stap 2: the third card first, werk, and an own description
        await pilot.press("right", "right", "space", "left", "left", "space", "m")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, TextPromptDialog)
        await pilot.press(*"Ik help mijn ploeg", "enter")
        await pilot.pause()
        record = _record(flow, kind)
        assert record.boards["kwaliteiten"].pile("gekozen")[0] == draw[0]
        note = record.quality_notes[draw[0]]
        assert note.sphere is Sphere.WORK and note.description == "Ik help mijn ploeg"
        assert record.finished
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultDialog)
        await pilot.press("escape")
        await pilot.pause()
        # the played game on A4: the chosen cards in order, with werk and the description
        await pilot.press("f5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and app.screen.path is not None
        path: Path = app.screen.path
        with pdfplumber.open(path) as pdf:
            text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert "Kwaliteitenspel (ingevuld)" in text and "Mijn acht kwaliteiten" in text
        assert "Ik help mijn ploeg" in text and "werk" in text
        card = record.card(draw[0])
        assert card is not None and card.text in text


async def test_letters_typed_in_a_description_never_move_a_card(flow: Flow) -> None:
    kind = MethodKind.KWALITEITENSPEL
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        await pilot.press("ctrl+s")
        await pilot.pause()
        before = _record(flow, kind).boards["kwaliteiten"]
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"w3nvru m", "enter")
        await pilot.pause()
        record = _record(flow, kind)
        assert record.boards["kwaliteiten"].piles == before.piles
        [note] = record.quality_notes.values()
        assert note.description == "w3nvru m"


async def test_the_one_card_view_plays_on_with_the_pile_keys(flow: Flow) -> None:
    kind = MethodKind.PRENTENBEELD
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        first = _piles(flow, kind, "kiezen")[DRAW_PILE][0]
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, OneCardView) and app.screen.shown_card() == first
        await pilot.press("1")
        await pilot.pause()
        assert _piles(flow, kind, "kiezen")["gekozen"] == [first]
        assert app.screen.shown_card() != first
        await pilot.press("u")
        await pilot.pause()
        assert _piles(flow, kind, "kiezen")["gekozen"] == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CardGameScreen)


async def test_the_skills_matrix_by_keys_with_its_readings(flow: Flow) -> None:
    kind = MethodKind.VAARDIGHEDENSPEL
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        await pilot.press("down", "down", "enter")  # form III
        await pilot.pause()
        await pilot.press("ctrl+s")  # from a selection, without frequency piles
        await pilot.pause()
        await pilot.press(*"1111", *"2" * 29)  # four chosen out of the shuffled half (33)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("1", "2", "5", "5", "n")  # fun: heel erg leuk, leuk, 2x helemaal niet leuk
        await pilot.pause()
        await pilot.press("2", "3", "1", "1")  # mastery: redelijk, onvoldoende, goed, goed
        await pilot.pause()
        record = _record(flow, kind)
        assert record.stage == "matrix"
        fun = record.boards["plezier"]
        cells = {name: cards for name, cards in record.boards["matrix"].piles.items() if cards}
        assert cells == {
            "vak6": fun.pile("f1"),
            "vak12": fun.pile("f2"),
            "vak5": fun.pile("f5"),
        }
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultDialog)
        console = Console(width=110, record=True, file=io.StringIO())
        console.print(app.screen.body)
        shown = console.export_text()
        assert "Vak 6, 7, 11 en 12" in shown and "leuk: 2 · niet leuk: 2" in shown
        narrow = Console(width=76, record=True, file=io.StringIO())  # the dialog's width at 80 columns
        narrow.print(app.screen.body)
        assert "…" not in narrow.export_text()  # no card or row name cut off


async def test_vier_op_een_rij_places_colours_and_shows_what_went_where(flow: Flow) -> None:
    kind = MethodKind.VIER_OP_EEN_RIJ
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        assert isinstance(app.screen, ChooseDialog)  # the competence dictionary first, poptui's deck next
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the first four competences of the dictionary
        await pilot.pause()
        record = _record(flow, kind)
        first_four = ["samenwerken", "instructies_begrijpen", "zich_flexibel_opstellen", "zelfstandig_werken"]
        assert [card.id for card in record.cards] == first_four
        assert record.cards[0].aspects[0] == "Overlegt met collega's over wie wat doet"  # its first indicator
        for aspect in record.boards["leggen"].pile(DRAW_PILE):
            competence = aspect.split("/")[0]
            key = str([card.id for card in record.cards].index(competence) + 1)
            await pilot.press(key if aspect != "zelfstandig_werken/2" else "1")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"1" * 15, "3")
        await pilot.pause()
        record = _record(flow, kind)
        assert record.finished and record.stage == "kleuren"
        from poptui.services import vier_op_een_rij

        assert vier_op_een_rij.score(record) == (15, 16)
        assert sorted(vier_op_een_rij.ratings(record).values()).count("rood") == 1
        await pilot.press("b", "enter")
        await pilot.pause()
        await pilot.press(*"Helpt graag, overlegt nog weinig", "enter")
        await pilot.pause()
        assert _record(flow, kind).competence_notes == {"samenwerken": "Helpt graag, overlegt nog weinig"}


async def test_a_picture_card_shows_its_image_where_the_terminal_can_and_its_label_elsewhere(
    flow: Flow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image
    from poptui.screens.widgets.picture import big_text, picture

    from poptui.services import decks

    Image.new("RGB", (40, 30), (30, 160, 60)).save(tmp_path / "tuin.png")
    (tmp_path / "prenten.csv").write_text("Prent;Afbeelding\nIn de tuin werken;tuin.png\nKoken;\n", encoding="utf-8")
    deck = decks.import_deck(flow.database, tmp_path / "prenten.csv", "Onze prenten", organisation_id=None).deck
    image = decks.card_image(flow.database, deck.id, deck.cards[0])
    assert image is not None and decks.card_image(flow.database, deck.id, deck.cards[1]) is None

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    drawn = picture(image, 20, 8)
    assert drawn is not None and "▀" in drawn.plain and any(span.style for span in drawn.spans)
    assert big_text("Koken", 76, 17) is not None
    monkeypatch.setenv("NO_COLOR", "1")
    assert picture(image, 20, 8) is None  # the label only
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("NO_COLOR")
    assert picture(image, 20, 8) is None  # the label only, in big ASCII letters
    letters = big_text("Koken", 76, 17)
    assert letters is not None and "#" in "".join(letters) and all(line.isascii() for line in letters)

    kind = MethodKind.DROOMPAGINA
    monkeypatch.setenv("TERM", "xterm-256color")
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        assert isinstance(app.screen, ChooseDialog)  # two picture decks now: choose one
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        record = _record(flow, kind)
        assert record.deck_name == "Onze prenten"
        while _piles(flow, kind, "kiezen")[DRAW_PILE][0] != deck.cards[0].id:
            await pilot.press("2")
            await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, OneCardView)
        assert app.screen.image_of(deck.cards[0].id) == image


async def test_card_texts_from_an_imported_deck_are_shown_as_text_never_as_markup(flow: Flow, tmp_path: Path) -> None:
    from poptui.services import decks

    hostile = ["[@click=app.quit]Klik hier", "[bold red]Vet[/]", "[/]", '=HYPERLINK("x";"y")']
    (tmp_path / "prenten.csv").write_text(
        "Prent\n" + "".join(f'"{text.replace(chr(34), chr(34) * 2)}"\n' for text in hostile), encoding="utf-8"
    )
    deck = decks.import_deck(flow.database, tmp_path / "prenten.csv", "Vijandig").deck
    assert [card.text for card in deck.cards] == hostile
    kind = MethodKind.PRENTENBEELD
    app = PopApp(flow.database, flow.coach, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, flow, kind)
        assert isinstance(app.screen, ChooseDialog)
        await pilot.press("enter")  # the organisation's own deck comes first
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CardGameScreen)
        board = screen.query_one(CardBoard)
        await pilot.press("v")  # two cards chosen in the one-card view, two on the board
        await pilot.pause()
        assert isinstance(app.screen, OneCardView)
        await pilot.press("1", "1", "escape")
        await pilot.pause()
        await pilot.press("1", "1")
        await pilot.pause()
        assert app.is_running and app.screen is screen  # [@click=app.quit] did nothing
        shown = board.render().plain
        for text in hostile:
            assert text in shown
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultDialog)
        console = Console(width=110, record=True, file=io.StringIO())
        console.print(app.screen.body)
        result = console.export_text()
        for text in hostile:
            assert text in result
    assert sorted(_record(flow, kind).boards["kiezen"].pile("gekozen")) == sorted(card.id for card in deck.cards)


def test_the_skills_profiles_fit_the_result_dialog_at_80_columns() -> None:
    """Form II's three profiles side by side: the table is fitted to the dialog (74 columns inside
    it at 80), every column and its right border shown, no name cut off."""
    from poptui.screens.vaardighedenspel import result_renderable

    from poptui.catalog import shipped_decks
    from poptui.models import DeckKind
    from poptui.models.card_games import VaardighedenspelRecord
    from poptui.services import card_games, vaardighedenspel

    deck = next(deck for deck in shipped_decks() if deck.kind is DeckKind.SKILLS)
    record = VaardighedenspelRecord(employee_id="e1", trajectory_id="t1")
    record = vaardighedenspel.enter(
        card_games.start(record, "poptui:" + deck.id, deck.name, deck.cards, seed=42, form="II")
    )
    stage = vaardighedenspel.stage(record)
    board = record.boards["selectie"]
    for _turn in range(12):
        board = stage.press(board, "1")
    record = card_games.with_board(record, "selectie", board)
    for moment in ("nu", "vroeger", "gewenst"):
        record = vaardighedenspel.enter(record, f"profiel_{moment}")
        profile_stage, profile_board = vaardighedenspel.stage(record), record.boards[f"profiel_{moment}"]
        keys = iter("123" * 4)
        while profile_board.current is not None:
            profile_board = profile_stage.press(profile_board, next(keys))
        record = card_games.with_board(record, f"profiel_{moment}", profile_board)
    console = Console(width=74, record=True, file=io.StringIO())
    console.print(result_renderable(record))
    lines = console.export_text().splitlines()
    table = [line for line in lines if line.startswith(("┌", "│", "└"))]
    assert table and all(line.rstrip().endswith(("┐", "│", "┘", "┤")) for line in table)
    assert "…" not in console.export_text()
