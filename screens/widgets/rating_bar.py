"""A rating drawn as a small horizontal bar, readable without colour: ``███░░░`` or, on a terminal
that may lack block characters (the Linux console, a non-UTF-8 locale, ``POPTUI_ASCII=1``),
``###...``."""

from __future__ import annotations

import locale
import os

FULL, EMPTY = "█", "░"
ASCII_FULL, ASCII_EMPTY = "#", "."


def plain_terminal() -> bool:
    """Draw with ASCII only: asked for, the Linux console, or a locale that is not UTF-8."""
    if os.environ.get("POPTUI_ASCII"):
        return True
    if os.environ.get("TERM") == "linux":
        return True
    encoding = locale.getpreferredencoding(False) or ""
    return "utf" not in encoding.lower().replace("-", "")


def cells_per_level(levels: int) -> int:
    """Two cells per level on a short scale (up to 5 levels), one on a longer one."""
    return 2 if levels <= 5 else 1


def bar(value: int | None, levels: int, *, plain: bool = False) -> str:
    """``value`` of ``levels`` as a bar of fixed width; no value: dashes of the same width."""
    width = levels * cells_per_level(levels)
    if value is None:
        return "-" * width
    filled = max(0, min(value, levels)) * cells_per_level(levels)
    full, empty = (ASCII_FULL, ASCII_EMPTY) if plain else (FULL, EMPTY)
    return full * filled + empty * (width - filled)
