"""The Linux console and NO_COLOR: borders, markers and scrollbars in ASCII.

The Linux console (TERM=linux) draws a few hundred glyphs: letters with accents, the line
drawing of old PCs, but no emoji and none of the eighth blocks (▁ ▔ ▊ ▎ ▏) that Textual's
borders, inputs and scrollbars are made of. Without colour (NO_COLOR) a border or field drawn
in colour disappears altogether. In either case poptui runs in ASCII mode (:func:`wants_ascii`):

- every border Textual draws is made of ``+ - |`` (:func:`use_ascii`), in every widget, also
  those that are added later: the border tables are rewritten once, at start;
- the scrollbar's thumb is a reversed block without partial glyphs; the thin bars of progress
  bars and tabs are dashes (the active tab shows in reverse video); a tick box is ``[X]``;
- markers a screen shows come from :func:`mark` (``✓`` -> ``+``, ``▶`` -> ``>``, ``■`` -> ``#`` ...);
- the app has the CSS class ``-ascii``: ``app.tcss`` shows the selection in reverse video and
  puts ``|`` around every field, so both are visible without colour.

Screens ask :func:`mark` for a marker, :func:`plain` for prose that names markers (F1's help) and
:func:`ascii_mode` for anything else that differs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import _border
from textual.renderables.bar import Bar
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.widgets._toggle_button import ToggleButton

_ascii = False

MARKS: dict[str, tuple[str, str]] = {
    # name: (the glyph, its ASCII stand-in)
    "done": ("✓", "+"),
    "current": ("▶", ">"),
    "upcoming": ("·", "."),
    "planned": ("○", "o"),
    "skipped": ("✗", "x"),
    "notes": ("✎", "*"),
    "full": ("■", "#"),
    "empty": ("□", "."),
    "arrow": ("→", "->"),
    "step": ("↳", "-"),
    "down": ("↓", "v"),
    "bullet": ("•", "*"),
    "chosen": ("•", "*"),
    "search": (">", ">"),
}


def wants_ascii(environ: Mapping[str, str]) -> bool:
    """ASCII mode on the Linux console and similar (TERM linux, vt100, vt220, dumb) and whenever
    NO_COLOR is set (https://no-color.org); ``POPTUI_ASCII=1`` forces it, ``0`` turns it off."""
    forced = environ.get("POPTUI_ASCII")
    if forced in ("0", "1"):
        return forced == "1"
    term = environ.get("TERM", "")
    return term in ("linux", "vt100", "vt102", "vt220", "dumb") or bool(environ.get("NO_COLOR"))


def ascii_mode() -> bool:
    return _ascii


def mark(name: str) -> str:
    """The marker ``name`` (see :data:`MARKS`) as this terminal can draw it."""
    glyph, plain = MARKS[name]
    return plain if _ascii else glyph


_DRAWN_BY_THE_CONSOLE = {"·", "•"}
"""Markers the Linux console draws itself (Latin-1 and the old PC set): prose keeps them."""


def plain(text: str) -> str:
    """``text`` (help, guidance: prose that names markers, "✓ gehouden") with every marker the
    terminal cannot draw replaced by its ASCII stand-in; unchanged outside ASCII mode."""
    if not _ascii:
        return text
    for glyph, stand_in in MARKS.values():
        if glyph not in _DRAWN_BY_THE_CONSOLE:
            text = text.replace(glyph, stand_in)
    return text


def use_ascii(on: bool = True) -> None:
    """Switch ASCII mode on (at start, before the first screen is drawn) or off (tests)."""
    global _ascii
    _ascii = on
    _borders(on)
    _scrollbars(on)
    _bars(on)
    ToggleButton.BUTTON_LEFT, ToggleButton.BUTTON_RIGHT = ("[", "]") if on else _TOGGLE_SIDES


Box = tuple[tuple[str, str, str], tuple[str, str, str], tuple[str, str, str]]
Places = tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]
_ORIGINAL_BORDERS: dict[Any, tuple[Box, Places]] = {}


def _borders(on: bool) -> None:
    """Every border type of Textual drawn with ``+ - |`` (spaces stay spaces), or as it was."""
    if not _ORIGINAL_BORDERS:
        _ORIGINAL_BORDERS.update(
            {name: (_border.BORDER_CHARS[name], _border.BORDER_LOCATIONS[name]) for name in _border.BORDER_CHARS}
        )
    for name, (chars, locations) in _ORIGINAL_BORDERS.items():
        if on:
            _border.BORDER_CHARS[name] = _ascii_box(chars)
            _border.BORDER_LOCATIONS[name] = ((0, 0, 0), (0, 0, 0), (0, 0, 0))
        else:
            _border.BORDER_CHARS[name] = chars
            _border.BORDER_LOCATIONS[name] = locations
    _border.get_box.cache_clear()


def _ascii_box(chars: Box) -> Box:
    def plain(character: str, row: int, column: int) -> str:
        if character == " " or (row == 1 and column == 1):
            return " "
        if row != 1 and column != 1:
            return "+"
        return "-" if row != 1 else "|"

    top, middle, bottom = (
        (plain(left, row, 0), plain(centre, row, 1), plain(right, row, 2))
        for row, (left, centre, right) in enumerate(chars)
    )
    return (top, middle, bottom)


class AsciiScrollBarRender(ScrollBarRender):
    """The thumb as a reversed block, without the eighth-block glyphs at its ends."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def _scrollbars(on: bool) -> None:
    ScrollBar.renderer = AsciiScrollBarRender if on else ScrollBarRender


_BAR_GLYPHS = (Bar.HALF_BAR_LEFT, Bar.BAR, Bar.HALF_BAR_RIGHT)
_TOGGLE_SIDES = (ToggleButton.BUTTON_LEFT, ToggleButton.BUTTON_RIGHT)


def _bars(on: bool) -> None:
    """The thin bars of progress bars and tabs (``━╸╺``) as ``-``."""
    Bar.HALF_BAR_LEFT, Bar.BAR, Bar.HALF_BAR_RIGHT = ("-", "-", "-") if on else _BAR_GLYPHS
