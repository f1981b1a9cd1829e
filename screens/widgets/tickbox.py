"""A checkbox whose state reads without colour (NO_COLOR, TERM=linux): [X] ticked, [ ] not."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """Textual's Checkbox shows an X in both states and tells them apart by colour only."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button
