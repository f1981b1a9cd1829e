"""What the terminal can show: box-drawing and block characters, colour, pictures.

The Linux console (TERM=linux) and old terminals show plain ASCII safely; NO_COLOR asks for no
colour. The card games draw their boards in ASCII there, and show a picture card's label
instead of its image.
"""

from __future__ import annotations

import os

ASCII_TERMINALS = ("linux", "vt100", "vt102", "vt220", "dumb", "ansi", "cons25")


def ascii_only() -> bool:
    """True on the Linux console and old terminals: draw with ASCII only."""
    term = os.environ.get("TERM", "")
    return term in ASCII_TERMINALS or term.startswith(("vt1", "vt2"))


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def can_show_images() -> bool:
    """Pictures are drawn with coloured half blocks: not on an ASCII terminal, not with NO_COLOR."""
    return not ascii_only() and not no_color()
