"""A checkbox and a radio button whose state reads without colour (NO_COLOR, TERM=linux):
the box holds a mark only when it is on."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class TickBox(Checkbox):
    """Textual's Checkbox shows an X in both states and tells them apart by colour only."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class TickRadio(RadioButton):
    """Textual's RadioButton shows a dot in both states and tells them apart by colour only."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "\u25cf" if self.value else " "
        return super()._button
