"""Shared fixtures: fresh databases, the demo database, the main-flow organisation, repeatable runs.

Every test runs on the same frozen day (``scenarios.TODAY``), without animations and without
blinking cursors, so what a screen shows (and what a snapshot records) is the same on every
machine, every day and under any load. A test that needs another day says ``clock.set(day)``.
"""

from __future__ import annotations

import fcntl
import gc
import os
import shutil
from collections.abc import Callable
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from scenarios import TODAY, Flow, FrozenClock, build_flow
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.widgets import Input, TextArea

from poptui.i18n import set_language
from poptui.store import Database

if TYPE_CHECKING:
    from screen_openers import Lookup

GC_THRESHOLDS = (10_000, 10, 10)
"""The test processes collect garbage less often than Python's default (700, 10, 10).

A Pilot test allocates a great deal (every key builds strips, styles and messages), and a test
process holds what every test imported: with the default thresholds a process ran a full
collection of its whole heap (0.3 to 0.5 s each) every few seconds, about a fifth of a Pilot
test's CPU time. Larger young generations make those full collections about twenty times rarer;
the cycles of each finished app are still freed, and a worker's peak memory grows by about 20 MB
(measured on the smoke and snapshot modules with ``gc.callbacks``). Only the tests do this: the
app keeps Python's thresholds (it freezes what its start made instead: ``PopApp._after_first_paint``)."""
gc.set_threshold(*GC_THRESHOLDS)


_PARSED: dict[tuple[object, ...], list[RuleSet]] = {}
"""Parsed rules of every stylesheet source this test process has seen, by source and CSS variables."""


def _parse_once(original: Callable[..., list[RuleSet]]) -> Callable[..., list[RuleSet]]:
    """Textual parses every CSS source (each widget's DEFAULT_CSS, each screen's .tcss) again in
    every app, a fifth of a Pilot test's start. The rules are a pure function of the source and the
    theme's variables, and Textual never changes them once parsed (its own per-app cache shares them
    the same way), so a test process parses each source once per theme."""

    def parse_rules(
        self: Stylesheet,
        css: str,
        read_from: object,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
        rules = _PARSED.get(key)
        if rules is None:
            rules = _PARSED[key] = original(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    return parse_rules


Stylesheet._parse_rules = _parse_once(Stylesheet._parse_rules)  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _repeatable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user settings, no real data or cache folder, Dutch interface, a fixed user name; no animations
    (no smooth scrolling: fast tests) and no blinking cursors (a snapshot never catches one half-way)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
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


def _built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A database template built once per run, not once per xdist worker: the first worker to ask
    builds it (``build(path)``) under a lock in the run's temporary folder, the others wait and read
    the same folder. Templates are only ever copied (``shutil.copytree``, which keeps the files' times
    the manifest knows), never opened in place, so one is enough for every worker."""
    base = factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    path = shared / f"template-{name}" / "db"
    with open(shared / f"template-{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            staging = shared / f"template-{name}.building"
            shutil.rmtree(staging, ignore_errors=True)
            build(staging / "db")
            staging.rename(path.parent)
    return path


def _changed_copy(template: Path, path: Path, change: Callable[[Database], object]) -> None:
    """Copy ``template`` to ``path`` and ``change`` it on the tests' frozen day."""
    shutil.copytree(template, path)
    with pytest.MonkeyPatch.context() as monkeypatch:
        FrozenClock(monkeypatch, TODAY, time(9, 0))
        change(Database.open(path, actor="tester"))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(path: Path) -> None:
        from poptui.demo import write_demo

        write_demo(Database.create(path, actor="demo"), today=TODAY)

    return _built_once(tmp_path_factory, "demo", build)


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Database:
    """A private copy of the demo database (written relative to ``TODAY``) for one test."""
    path = tmp_path / "demo"
    shutil.copytree(demo_template, path)
    return Database.open(path, actor="tester")


@pytest.fixture(scope="session")
def screens_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with what it leaves empty filled in (planning methods, start-up analysis, a draft):
    every screen has something to show. See tests/screen_openers.py."""
    from screen_openers import enrich

    def build(path: Path) -> None:
        _changed_copy(demo_template, path, enrich)

    return _built_once(tmp_path_factory, "screens", build)


@pytest.fixture(scope="session")
def hostile_template(screens_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same database with markup payloads in every stored text (issue 10)."""
    from screen_openers import make_hostile

    def build(path: Path) -> None:
        _changed_copy(screens_template, path, make_hostile)

    return _built_once(tmp_path_factory, "hostile", build)


def _private_copy(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: str) -> Lookup:
    from screen_openers import Lookup

    path = tmp_path / "db"
    shutil.copytree(template, path)
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)  # the import screen reads a file by a relative name: no temporary path on screen
    monkeypatch.setattr("poptui.services.forms.printer_available", lambda: False)
    return Lookup(Database.open(path, actor="tester"), folder, prefix)


@pytest.fixture
def screens_look(screens_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lookup:
    """A private copy of :func:`screens_template`, no printer, the test running in its own folder."""
    return _private_copy(screens_template, tmp_path, monkeypatch, "")


@pytest.fixture
def hostile_look(hostile_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Lookup:
    from screen_openers import HOSTILE

    return _private_copy(hostile_template, tmp_path, monkeypatch, HOSTILE)


def pytest_configure(config: pytest.Config) -> None:
    from warm_bytecode import is_xdist_controller, write_bytecode

    if is_xdist_controller(config):
        write_bytecode(config)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The soaks (``slow``: SIGKILL loops, concurrent processes, a 1,000-dossier restore) run first:
    started last, one of them alone would hold up the end of the whole run."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
