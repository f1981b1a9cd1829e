"""Snapshots at 80x24 of the card board (the 8-card game, the skills matrix as a grid) and of the
one-card view for the employee. The deck is shuffled with a fixed seed and "today" is fixed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from poptui.app import PopApp
from poptui.models import Employee, Level, MethodKind, Trajectory, VariantId
from poptui.models.card_games import KwaliteitenspelRecord, VaardighedenspelRecord
from poptui.services import card_board, card_games, kwaliteitenspel, vaardighedenspel
from poptui.services.decks import get_deck
from poptui.store import Database

TODAY = date(2025, 3, 10)
SIZE = (80, 24)


def _database(path: Path) -> tuple[Database, Employee, Trajectory]:
    database = Database.create(path, actor="snapshot")
    employee = database.save(Employee(id="e1", first_name="Inès", last_name="Van den Broeck", organisation_id="o1"))
    trajectory = database.save(
        Trajectory(id="t1", employee_id="e1", variant=VariantId.BASIS, reflection=Level.LOW, intensity=Level.LOW)
    )
    return database, employee, trajectory


def _quality_game(database: Database) -> None:
    deck = get_deck(database, "poptui:kwaliteiten")
    record = KwaliteitenspelRecord(id="k1", employee_id="e1", trajectory_id="t1", date=TODAY)
    record = kwaliteitenspel.enter(card_games.start(record, deck.id, deck.name, deck.cards, seed=3))
    stage = kwaliteitenspel.stage(record)
    board = record.boards["kwaliteiten"]
    for key in "w2ww5w":
        board = stage.press(board, key)
    database.save(card_games.with_board(record, "kwaliteiten", board))


def _matrix_game(database: Database) -> None:
    deck = get_deck(database, "poptui:vaardigheden")
    record = VaardighedenspelRecord(id="v1", employee_id="e1", trajectory_id="t1", date=TODAY)
    record = vaardighedenspel.enter(card_games.start(record, deck.id, deck.name, deck.cards, seed=5, form="III"))
    for stage_id, keys in (("selectie", "1" * 9 + "2" * 24), ("plezier", "123451215"), ("matrix", "1231231")):
        record = vaardighedenspel.enter(record, stage_id)
        stage = vaardighedenspel.stage(record)
        assert stage is not None
        board = record.boards[stage_id]
        for key in keys:
            board = stage.press(board, key)
        record = card_games.with_board(record, stage_id, board)
    board = card_board.shift(record.boards["matrix"], record.boards["matrix"].pile("vak1")[-1], -1)
    database.save(card_games.with_board(record, "matrix", board))


def _open(kind: MethodKind, record_id: str, *keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        from poptui.screens import navigation

        navigation.open_method(pilot.app, "e1", "t1", kind, record_id=record_id)
        await pilot.pause()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()

    return run_before


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed day and a colour terminal, wherever the tests run (the big letters need one)."""
    monkeypatch.setattr("poptui.clock.today", lambda: TODAY)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)


def test_eight_card_board_at_80x24(snap_compare: Any, tmp_path: Path, today: None) -> None:
    database, _employee, _trajectory = _database(tmp_path / "db")
    _quality_game(database)
    app = PopApp(database, None, ask_coach=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open(MethodKind.KWALITEITENSPEL, "k1", "right"))


def test_skills_matrix_grid_at_80x24(snap_compare: Any, tmp_path: Path, today: None) -> None:
    database, _employee, _trajectory = _database(tmp_path / "db")
    _matrix_game(database)
    app = PopApp(database, None, ask_coach=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open(MethodKind.VAARDIGHEDENSPEL, "v1"))


def test_one_card_view_at_80x24(snap_compare: Any, tmp_path: Path, today: None) -> None:
    database, _employee, _trajectory = _database(tmp_path / "db")
    _quality_game(database)
    app = PopApp(database, None, ask_coach=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=_open(MethodKind.KWALITEITENSPEL, "k1", "v"))
