"""One card at a time, large and calm, for the employee beside the coach.

The card in play fills the screen: its text in big letters (drawn in ASCII on TERM=linux; plain
and bold when it is too long), a picture card's image where the terminal can show it, and at
the bottom the keys of the piles. The pile keys, u (undo) and Space work here as on the board,
so the game goes on in this view: after each key the next card shows. Escape or v goes back to
the board. Nothing moves by itself: no timers, no animation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from poptui.screens.base import BaseModal
from poptui.screens.widgets.card_board import CardBoard
from poptui.screens.widgets.picture import big_text, picture
from rich.align import Align
from rich.console import Group, RenderableType
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from poptui.i18n import _

BIG_ROWS = 17
"""Rows for the card at 80x24 (the count above, the keys below)."""


class OneCardView(BaseModal[None]):
    """See the module docstring. ``image_of``: card id -> its image file (None: no image);
    ``detail``: card id -> a line under the card (a skill's explanation), may be empty."""

    CSS_PATH = "one_card.tcss"
    BINDINGS: ClassVar = [
        Binding("escape,v", "close", _("Terug naar het bord"), id="one_card.close"),
        Binding("u,backspace", "undo", _("Zet terug"), id="one_card.undo"),
    ]

    def __init__(
        self,
        board: CardBoard,
        image_of: Callable[[str], Path | None] | None = None,
        detail: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self.board = board
        self.image_of = image_of or (lambda _card: None)
        self.detail = detail or (lambda _card: "")

    def compose(self) -> ComposeResult:
        yield Static(id="one-card-count", markup=False)
        yield Static(id="one-card", markup=False)
        yield Static(id="one-card-keys", markup=False)

    def on_mount(self) -> None:
        self.draw()
        self.call_after_refresh(self.draw)

    def on_resize(self) -> None:
        self.draw()

    def shown_card(self) -> str | None:
        return self.board.board.current or self.board.selected

    def draw(self) -> None:
        card = self.shown_card()
        board = self.board.board
        left = len(board.piles.get("stapel", []))
        count = Text(_("Nog {count} kaarten op de stapel", count=left), style="dim")
        self.query_one("#one-card-count", Static).update(count)
        self.query_one("#one-card", Static).update(self._card(card))
        keys = Text(justify="center")
        if board.current is not None:
            for hint in self.board.stage.keys():
                keys.append(f" {hint.key} ", style="bold reverse")
                keys.append(f" {hint.name}    ")
            slots = self.board.stage.slot_pile()
            if slots is not None:
                keys.append(_(" 1-{count} ", count=slots.limit or 9), style="bold reverse")
                keys.append(" " + _("vervang die kaart") + "    ")
        keys.append(_("Esc: terug naar het bord"), style="dim")
        self.query_one("#one-card-keys", Static).update(keys)

    def _card(self, card: str | None) -> RenderableType:
        if card is None:
            return Align.center(Text(_("Alle kaarten liggen."), style="italic"), vertical="middle")
        width = max(20, (self.size.width or self.app.size.width) - 4)
        text = self.board.text(card)
        parts: list[RenderableType] = []
        image = picture(self.image_of(card), width, 10)
        height = self.size.height or self.app.size.height
        rows = max(BIG_ROWS, height - 7) - (11 if image is not None else 0)
        if image is not None:
            parts.append(Align.center(image))
            parts.append(Text(""))
        drawn = big_text(text, width, rows) if rows >= 4 else None
        if drawn:
            parts.append(Align.center(Text("\n".join(drawn))))
        else:
            parts.append(Align.center(Text(text, style="bold", justify="center")))
        detail = self.detail(card)
        if detail:
            parts.append(Text(""))
            parts.append(Align.center(Text(detail, justify="center")))
        return Align.center(Group(*parts), vertical="middle")

    def on_key(self, event: events.Key) -> None:
        character = (event.character or "").lower()
        if len(character) == 1 and character.isalnum() and self.board._is_pile_key(character):
            event.stop()
            event.prevent_default()
            self.board.press(character)
            self.draw()

    def action_undo(self) -> None:
        self.board.action_undo()
        self.draw()

    def action_close(self) -> None:
        self.dismiss(None)
