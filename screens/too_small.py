"""Shown instead of a broken layout while the terminal is smaller than poptui needs (80x24).

The app puts it on top when the window shrinks below :data:`MIN_COLUMNS` x :data:`MIN_LINES`
and takes it away again when the window is big enough; the screen underneath (a half-filled
form too) is kept as it was. Ctrl+Q still stops poptui; no other key does anything here.
"""

from __future__ import annotations

from poptui.screens.base import BaseScreen
from textual.app import ComposeResult
from textual.geometry import Size
from textual.widgets import Static

from poptui.i18n import _

MIN_COLUMNS = 80
MIN_LINES = 24


def too_small(size: Size) -> bool:
    return size.width < MIN_COLUMNS or size.height < MIN_LINES


class TooSmallScreen(BaseScreen[None]):
    """Make the window bigger: poptui needs at least 80 columns and 24 lines."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen #too-small {
        width: 100%;
        height: auto;
        padding: 0 1;
        text-align: center;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(self._text(self.app.size), id="too-small", markup=False)

    def on_resize(self) -> None:
        self.query_one("#too-small", Static).update(self._text(self.app.size))

    def _text(self, size: Size) -> str:
        return _(
            "Het venster is te klein voor poptui ({columns}x{lines}). Maak het minstens {min_columns} tekens "
            "breed en {min_lines} regels hoog; je werk blijft staan. Ctrl+Q stopt poptui.",
            columns=size.width,
            lines=size.height,
            min_columns=MIN_COLUMNS,
            min_lines=MIN_LINES,
        )
