"""The bars of the growth chart: fixed width, readable without colour, ASCII on the Linux console."""

from __future__ import annotations

import pytest
from poptui.screens.widgets.rating_bar import bar, plain_terminal


def test_bars_have_a_fixed_width_per_scale() -> None:
    assert bar(3, 4) == "██████░░"
    assert bar(None, 4) == "--------"
    assert bar(3, 4, plain=True) == "######.."
    assert bar(7, 9) == "███████░░"
    assert len({len(bar(value, 5)) for value in (None, 1, 5)}) == 1


def test_ascii_on_the_linux_console_or_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POPTUI_ASCII", raising=False)
    monkeypatch.setenv("TERM", "linux")
    assert plain_terminal()
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr("locale.getpreferredencoding", lambda do_setlocale=True: "UTF-8")
    assert not plain_terminal()
    monkeypatch.setattr("locale.getpreferredencoding", lambda do_setlocale=True: "ANSI_X3.4-1968")
    assert plain_terminal()
    monkeypatch.setattr("locale.getpreferredencoding", lambda do_setlocale=True: "utf-8")
    monkeypatch.setenv("POPTUI_ASCII", "1")
    assert plain_terminal()
