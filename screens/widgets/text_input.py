"""poptui's one-line text field: Textual's ``Input``, without a screen layout on every key.

Textual's ``Input`` keeps its scrollable width (``virtual_size``: the text's width plus a cell for
the cursor) up to date on every change of its value, so that ``scroll_to_region`` can keep the
cursor in view when the text is longer than the field. ``virtual_size`` is a reactive with
``layout=True``, so every typed character lays out the whole screen again: 167 screen layouts for
166 keys on the employee form, the bulk of a keystroke's CPU on a weak PC (and of the typing
tests).

The field's own size never depends on its text, but for a field sized by its content
(``width: auto``), for which Textual's ``Input`` asks for the layout itself. What depends on the
virtual width is how far the field can scroll (``max_scroll_x``), read when the cursor moves; so
here ``virtual_size`` only repaints the field. After a change of the value, the horizontal scroll is
clamped to the new text (deleting at the end of a long text leaves no empty columns at the end),
as the layout did.

Everything else is Textual's: the cursor, selection, paste, suggestions, validation, restricted
and password fields. Screens take ``Input`` from here, never from ``textual.widgets`` (a test
checks it); the CSS type is still ``Input``.
"""

from __future__ import annotations

from textual import widgets
from textual.geometry import Size
from textual.reactive import Reactive

__all__ = ["AnyInput", "Input"]

AnyInput = widgets.Input
"""For ``isinstance``: any one-line field, poptui's or Textual's own (the command palette's, a test's)."""


class Input(widgets.Input):
    """A one-line text field whose typing repaints only itself (see the module's docstring)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """The text's width (plus the cursor's cell): repaints the field, never lays out the screen."""

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.scroll_x = self.scroll_x  # clamped to the new text's width (validate_scroll_x)
