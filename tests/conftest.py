"""Shared fixtures: fresh databases, the demo database, the main-flow organisation, repeatable runs.

Every test runs on the same frozen day (``scenarios.TODAY``), without animations and without
blinking cursors, so what a screen shows (and what a snapshot records) is the same on every
machine, every day and under any load. A test that needs another day says ``clock.set(day)``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from scenarios import TODAY, Flow, FrozenClock, build_flow
from textual.widgets import Input, TextArea

from poptui.i18n import set_language
from poptui.store import Database


@pytest.fixture(autouse=True)
def _repeatable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user settings, no real data folder, Dutch interface, a fixed user name; no animations
    (no smooth scrolling: fast tests) and no blinking cursors (a snapshot never catches one half-way)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("POPTUI_DB", raising=False)
    monkeypatch.delenv("SUDO_USER", raising=False)
    monkeypatch.setenv("USER", "tester")
    monkeypatch.setattr("textual.constants.TEXTUAL_ANIMATIONS", "none")
    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.cursor_blink, "_default", False)
    set_language("nl")


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    """Every test runs on ``TODAY``; ``clock.set(day)`` moves it."""
    return FrozenClock(monkeypatch, TODAY)


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database.create(tmp_path / "db", actor="tester")


@pytest.fixture
def flow(db: Database) -> Flow:
    """The main-flow organisation (see :func:`scenarios.build_flow`) in a fresh database."""
    return build_flow(db)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from poptui.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "db"
    write_demo(Database.create(path, actor="demo"), today=TODAY)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Database:
    """A private copy of the demo database (written relative to ``TODAY``) for one test."""
    path = tmp_path / "demo"
    shutil.copytree(demo_template, path)
    return Database.open(path, actor="tester")
