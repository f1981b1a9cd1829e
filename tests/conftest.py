"""Shared fixtures: fresh databases, the demo database, repeatable runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from poptui.i18n import set_language
from poptui.store import Database


@pytest.fixture(autouse=True)
def _repeatable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user settings, no real data folder, Dutch interface, a fixed user name."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("POPTUI_DB", raising=False)
    monkeypatch.delenv("SUDO_USER", raising=False)
    monkeypatch.setenv("USER", "tester")
    set_language("nl")


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return Database.create(tmp_path / "db", actor="tester")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from poptui.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "db"
    write_demo(Database.create(path, actor="demo"))
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Database:
    """A private copy of the demo database for one test."""
    path = tmp_path / "demo"
    shutil.copytree(demo_template, path)
    return Database.open(path, actor="tester")
