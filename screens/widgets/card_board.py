"""The card-sorting board: a draw pile and named piles, as rows or as a grid (the skills matrix).

Played with the employee beside the coach, so every key is shown on the board itself:

- the key of a pile (a digit or a letter, shown before its name) puts the card in play on it;
  on a pile with *slots* (the Kwaliteitenspel's eight) the digits 1-8 replace that card;
- the arrows walk the cards; Space picks the chosen card up, the arrows then carry it (left and
  right: earlier or later in its row; up and down: to the row above or below; in a grid: up and
  down within the cell, left and right to the next cell), Space puts it down. Shift+arrow
  carries it at once on terminals that send it;
- u (or Backspace) undoes the last move.

The legend under the board names the arrows, Space and u, so the footer keeps its room (the method
screen shows its own keys under the board; all of them are in F1 too).

The board applies the round's rules (:class:`poptui.services.card_games.Stage`) and posts
:class:`CardBoard.Changed` with the new board after every move; the method screen stores it at
once (so a dropped SSH session resumes where it was) and calls :meth:`CardBoard.show` when the
store refused it. A refused move (a full pile, the stopping rule) is said in a notification.

Drawn as text: the chosen card in brackets and reversed, a carried card between > <; colours only
repeat what the words say. On the Linux console it draws with ASCII only.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import ClassVar

from poptui.screens.widgets.terminal import ascii_only, no_color
from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget

from poptui.i18n import _
from poptui.models.cards import Board
from poptui.services import card_board
from poptui.services.card_board import MoveRefused
from poptui.services.card_games import SLOT_KEYS, Stage

TONES = {"groen": "green", "oranje": "dark_orange", "rood": "red"}


def _cut(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out + ("~" if ascii_only() else "…")


class CardBoard(Widget, can_focus=True):
    """See the module docstring. ``texts``: card id -> the text shown on the card."""

    DEFAULT_CSS = """
    CardBoard { height: auto; padding: 0 1; }
    """
    BINDINGS: ClassVar = [
        Binding("left", "walk(0,-1)", _("Kaart links"), show=False, id="board.left"),
        Binding("right", "walk(0,1)", _("Kaart rechts"), show=False, id="board.right"),
        Binding("up", "walk(-1,0)", _("Rij omhoog"), show=False, id="board.up"),
        Binding("down", "walk(1,0)", _("Rij omlaag"), show=False, id="board.down"),
        Binding("shift+left", "carry(0,-1)", _("Kaart naar links"), show=False, id="board.carry_left"),
        Binding("shift+right", "carry(0,1)", _("Kaart naar rechts"), show=False, id="board.carry_right"),
        Binding("shift+up", "carry(-1,0)", _("Kaart omhoog"), show=False, id="board.carry_up"),
        Binding("shift+down", "carry(1,0)", _("Kaart omlaag"), show=False, id="board.carry_down"),
        Binding("space", "grab", _("Verplaats"), show=False, id="board.grab"),
        Binding("u,backspace", "undo", _("Zet terug"), show=False, id="board.undo"),
    ]

    class Changed(Message):
        """The board after a move (or an undo); the screen stores it."""

        def __init__(self, board: Board) -> None:
            super().__init__()
            self.board = board

    class Highlighted(Message):
        """The card under the cursor changed (None: no card chosen)."""

        def __init__(self, card: str | None) -> None:
            super().__init__()
            self.card = card

    def __init__(
        self,
        stage: Stage,
        board: Board,
        texts: Mapping[str, str],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.stage = stage
        self.board = board
        self.texts = dict(texts)
        self.cursor: tuple[str, int] | None = None
        self.carrying = False
        self.ascii = ascii_only()
        self.colour = not no_color()
        self._cursor_line = 0
        self._fix_cursor()

    # -- what is shown ---------------------------------------------------------------------------

    def show(self, stage: Stage, board: Board, texts: Mapping[str, str] | None = None) -> None:
        """Show another round or board (after a store, an undo elsewhere, the next round)."""
        if stage.id != self.stage.id:
            self.cursor = None
            self.carrying = False
        self.stage = stage
        self.board = board
        if texts is not None:
            self.texts = dict(texts)
        self._fix_cursor()
        self._redraw()
        self._announce()

    def text(self, card: str | None) -> str:
        return self.texts.get(card, card) if card else ""

    @property
    def selected(self) -> str | None:
        """The card under the cursor."""
        if self.cursor is None:
            return None
        pile, index = self.cursor
        cards = self.board.piles.get(pile, [])
        return cards[index] if 0 <= index < len(cards) else None

    def _fix_cursor(self) -> None:
        """Keep the cursor on a card: the same place, else the nearest card of that pile, else the first card."""
        if self.cursor is not None:
            pile, index = self.cursor
            cards = self.board.piles.get(pile, [])
            if pile in self.stage.pile_ids and cards:
                self.cursor = (pile, max(0, min(index, len(cards) - 1)))
                return
        self.cursor = None
        self.carrying = False
        for pile in self.stage.pile_ids:
            if self.board.piles.get(pile):
                self.cursor = (pile, 0)
                return

    def _announce(self) -> None:
        self.post_message(self.Highlighted(self.selected))

    # -- keys ----------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        character = event.character or ""
        if len(character) != 1 or not (character in SLOT_KEYS or character.isalpha()):
            return
        if not self._is_pile_key(character.lower()):
            return
        event.stop()
        event.prevent_default()
        self.press(character.lower())

    def _is_pile_key(self, key: str) -> bool:
        if any(hint.key == key for hint in self.stage.keys()):
            return True
        slots = self.stage.slot_pile()
        return slots is not None and key in SLOT_KEYS

    def press(self, key: str) -> bool:
        """Apply the round's rule for ``key`` to the card in play; False when it was refused."""
        try:
            board = self.stage.press(self.board, key)
        except MoveRefused as refused:
            self.notify(str(refused), severity="warning", timeout=5)
            return False
        self._change(board)
        return True

    def _change(self, board: Board, follow: str | None = None) -> None:
        if board is self.board:
            return
        self.board = board
        if follow is not None:
            where = board.where(follow)
            self.cursor = where if where and where[0] in self.stage.pile_ids else self.cursor
        self._fix_cursor()
        self._redraw()
        self.post_message(self.Changed(board))
        self._announce()

    def action_undo(self) -> None:
        if not self.board.history:
            self.notify(_("Er is geen zet om terug te zetten."), timeout=3)
            return
        last = self.board.history[-1].steps[-1].card
        self._change(card_board.undo(self.board), follow=last)

    def action_grab(self) -> None:
        if self.selected is None:
            self.notify(_("Kies eerst een kaart met de pijltjes."), timeout=3)
            return
        self.carrying = not self.carrying
        self._redraw()

    def action_walk(self, rows: int, columns: int) -> None:
        if self.carrying:
            self.action_carry(rows, columns)
            return
        if self.cursor is None:
            return
        self.cursor = self._walked(rows, columns)
        self._redraw()
        self._announce()

    def _walked(self, rows: int, columns: int) -> tuple[str, int]:
        assert self.cursor is not None
        pile, index = self.cursor
        order = self.stage.pile_ids
        position = order.index(pile)
        cards = self.board.piles.get(pile, [])
        grid = self.stage.grid
        if grid is None:
            if columns:
                return pile, max(0, min(index + columns, len(cards) - 1))
            step = position + rows
            while 0 <= step < len(order):
                if self.board.piles.get(order[step]):
                    return order[step], min(index, len(self.board.piles[order[step]]) - 1)
                step += rows
            return pile, index
        width = grid[0]
        if rows:
            if 0 <= index + rows < len(cards):
                return pile, index + rows
            step = position + rows * width
            while 0 <= step < len(order):
                target = self.board.piles.get(order[step], [])
                if target:
                    return order[step], 0 if rows > 0 else len(target) - 1
                step += rows * width
            return pile, index
        step = position + columns
        while 0 <= step < len(order) and step // width == position // width:
            target = self.board.piles.get(order[step], [])
            if target:
                return order[step], min(index, len(target) - 1)
            step += columns
        return pile, index

    def action_carry(self, rows: int, columns: int) -> None:
        card = self.selected
        if card is None:
            return
        assert self.cursor is not None
        pile, index = self.cursor
        order = self.stage.pile_ids
        grid = self.stage.grid
        try:
            if grid is None:
                if columns:
                    board = card_board.shift(self.board, card, columns)
                else:
                    board = card_board.move_to_neighbour(self.board, card, order, rows, self.stage.limits)
            else:
                width = grid[0]
                position = order.index(pile)
                size = len(self.board.piles.get(pile, []))
                if rows and 0 <= index + rows < size:
                    board = card_board.shift(self.board, card, rows)
                elif rows:
                    target = position + rows * width
                    if not 0 <= target < len(order):
                        return
                    at = 0 if rows > 0 else len(self.board.piles.get(order[target], []))
                    board = card_board.place(self.board, order[target], card, at, self.stage.limits)
                else:
                    target = position + columns
                    if not (0 <= target < len(order) and target // width == position // width):
                        return
                    board = card_board.place(self.board, order[target], card, index, self.stage.limits)
        except MoveRefused as refused:
            self.notify(str(refused), severity="warning", timeout=5)
            return
        self._change(board, follow=card)

    # -- drawing -------------------------------------------------------------------------------

    def _chip(self, card: str, width: int, number: int | None = None) -> Text:
        label = _cut(self.text(card), width)
        if number is not None:
            label = f"{number} {label}"
        if card == self.selected and self.has_focus:
            if self.carrying:
                return Text(f">{label}<", style="bold reverse")
            return Text(f"[{label}]", style="reverse")
        if card == self.selected:
            return Text(f"[{label}]", style="bold")
        return Text(f" {label} ")

    def _pile_title_parts(self, pile_index: int) -> tuple[str, str, str, str]:
        """The key, the name, ' (count)' and the name's style of a pile's title."""
        pile = self.stage.piles[pile_index]
        count = len(self.board.piles.get(pile.id, []))
        limit = f"/{pile.limit}" if pile.limit else ""
        key = f"{pile.key} " if pile.key else (f"1-{pile.limit or 9} " if pile.slots else "")
        style = TONES.get(pile.tone, "") if self.colour else ""
        return key, pile.name, f" ({count}{limit})", f"bold {style}".strip()

    def _pile_title(self, pile_index: int) -> Text:
        """'key name (count)' (:meth:`_pile_title_lines` puts a long one on more lines)."""
        key, name, counted, style = self._pile_title_parts(pile_index)
        title = Text(key, style="bold")
        title.append(name, style=style)
        title.append(counted)
        return title

    def _pile_title_lines(self, pile_index: int, width: int) -> list[Text]:
        """The pile's title within ``width`` cells, on more lines when it does not fit on one (a
        long competence name): never cut, the key first and the count last."""
        title = self._pile_title(pile_index)
        if cell_len(title.plain) <= width:
            return [title]
        key, name, counted, style = self._pile_title_parts(pile_index)
        indent = " " * cell_len(key)
        parts = textwrap.wrap(name, max(4, width - cell_len(key))) or [""]
        if cell_len(indent + parts[-1] + counted) > width:
            parts.append("")
        lines = []
        for number, part in enumerate(parts):
            line = Text(key if number == 0 else indent, style="bold")
            line.append(part, style=style)
            if number == len(parts) - 1:
                line.append(counted.lstrip() if not part else counted)
            lines.append(line)
        return lines

    def render(self) -> Text:
        width = max(20, self.content_region.width or self.size.width or 78)
        lines = self._draw_grid(width) if self.stage.grid else self._draw_rows(width)
        lines.append(self._legend(width))
        return Text("\n").join(lines)

    def _current_line(self, width: int) -> Text:
        current = self.board.current
        left = len(self.board.piles.get("stapel", []))
        line = Text(_("Stapel: {count} · ", count=left), style="dim" if self.colour else "")
        if current is None:
            line.append(_("alle kaarten liggen"), style="italic")
        elif self.stage.stopped(self.board):
            line.append(self.stage.stop_message(), style="italic")
        else:
            line.append(_("in het spel: "))
            column = ""
            if self.stage.grid is not None and self.stage.column_of is not None:
                # the matrix's mastery round: the card's fun column is already known, say which it is
                index = self.stage.column_of(current)
                column = f" ({self.stage.column_names[index]})" if index < len(self.stage.column_names) else ""
            room = width - cell_len(line.plain) - cell_len(column) - 1
            line.append(_cut(self.text(current), max(8, room)), style="bold underline")
            line.append(column)
        return line

    def _draw_rows(self, width: int) -> list[Text]:
        lines = [self._current_line(width), Text("-" * width if self.ascii else "─" * width, style="dim")]
        label_width = min(26, max(cell_len(self._pile_title(i).plain) for i in range(len(self.stage.piles))) + 2)
        room = max(10, width - label_width)
        # a card is as wide as its text (short ones share a line); a text is only cut at the end of
        # the line: a poor reader needs the whole sentence (the PLUS wordings, a competence's aspects)
        chip_width = room - 3
        for index, pile in enumerate(self.stage.piles):
            cards = self.board.piles.get(pile.id, [])
            titles = self._pile_title_lines(index, label_width - 1)
            for title in titles:
                title.pad_right(label_width - cell_len(title.plain))
            first = len(lines)

            def label(number: int, titles: list[Text] = titles) -> Text:
                return titles[number].copy() if number < len(titles) else Text(" " * label_width)

            if self.cursor and self.cursor[0] == pile.id:
                self._cursor_line = len(lines)
            line = label(0)
            if not cards:
                line.append("-" if self.ascii else "–", style="dim")
            used = 0
            for position, card in enumerate(cards):
                chip = self._chip(card, chip_width - (2 if pile.slots else 0), position + 1 if pile.slots else None)
                if used and used + cell_len(chip.plain) > room:
                    lines.append(line)
                    line = label(len(lines) - first)
                    used = 0
                if self.cursor == (pile.id, position):
                    self._cursor_line = len(lines)
                line.append_text(chip)
                used += cell_len(chip.plain)
            lines.append(line)
            while len(lines) - first < len(titles):  # the rest of a long title
                lines.append(label(len(lines) - first))
        return lines

    def _draw_grid(self, width: int) -> list[Text]:
        assert self.stage.grid is not None
        columns, rows = self.stage.grid
        label_width = min(13, max((cell_len(name) for name in self.stage.row_names), default=4) + 1)
        cell_width = max(6, (width - label_width) // columns - 1)
        bar = "|" if self.ascii else "│"
        rule = Text(("-" if self.ascii else "─") * min(width, label_width + columns * (cell_width + 1)), style="dim")
        lines = [self._current_line(width), rule]
        # a column's name on two lines when it is wider than its cell ("Helemaal / niet leuk")
        wrapped = [textwrap.wrap(name, cell_width) or [""] for name in self.stage.column_names[:columns]]
        for line_number in range(min(2, max(len(parts) for parts in wrapped))):
            header = Text(" " * label_width)
            for parts in wrapped:
                part = parts[line_number] if line_number < len(parts) else ""
                if line_number == 1 and len(parts) > 2:
                    part = " ".join(parts[1:])
                header.append(bar, style="dim")
                header.append(_cut(part, cell_width).ljust(cell_width), style="bold")
            lines.append(header)
        lines.append(rule.copy())
        for row in range(rows):
            piles = [self.stage.piles[row * columns + column] for column in range(columns)]
            height = max(len(self.board.piles.get(pile.id, [])) for pile in piles) + 1
            key = self.stage.row_keys[row].key if row < len(self.stage.row_keys) else ""
            name = self.stage.row_names[row] if row < len(self.stage.row_names) else ""
            # the key and the row's name on one line, or the name under its key when it does not fit
            labels = [f"{key} {name}".strip()]
            if cell_len(labels[0]) > label_width - 1 and key:
                labels = [key, name]
                height = max(height, 2)
            for line_number in range(height):
                if line_number < len(labels):
                    label = Text(_cut(labels[line_number], label_width - 1).ljust(label_width), style="bold")
                else:
                    label = Text(" " * label_width)
                for pile in piles:
                    label.append(bar, style="dim")
                    cards = self.board.piles.get(pile.id, [])
                    if line_number == 0:
                        label.append(_("vak {number}", number=pile.name).ljust(cell_width), style="dim italic")
                        continue
                    position = line_number - 1
                    if position < len(cards):
                        if self.cursor == (pile.id, position):
                            self._cursor_line = len(lines)
                        chip = self._chip(cards[position], cell_width - 2)
                        chip.truncate(cell_width)
                        chip.pad_right(cell_width - cell_len(chip.plain))
                        label.append_text(chip)
                    else:
                        label.append(" " * cell_width)
                lines.append(label)
            lines.append(rule.copy())
        return lines

    def _legend(self, width: int) -> Text:
        """The keys that are not shown beside a pile already."""
        legend = Text()
        slots = self.stage.slot_pile()
        if slots is not None and not self.stage.complete(self.board):
            legend.append(_("1-{count}", count=slots.limit or 9), style="bold reverse")
            legend.append(" " + _("vervang") + "  ")
        legend.append(
            _("pijltjes kiezen · spatie verplaatsen · u terug")
            if not self.carrying
            else _("pijltjes verplaatsen de kaart · spatie legt neer")
        )
        return legend

    # -- scrolling -----------------------------------------------------------------------------

    def _redraw(self) -> None:
        self.refresh(layout=True)
        if self.is_mounted:
            self.call_after_refresh(self._keep_cursor_in_view)

    def on_focus(self) -> None:
        self._redraw()

    def on_blur(self) -> None:
        self.refresh()

    def _keep_cursor_in_view(self) -> None:
        parent = self.parent
        if isinstance(parent, ScrollableContainer):
            top = self.virtual_region.y + self._cursor_line
            parent.scroll_to_region(Region(0, max(0, top - 1), 1, 3), animate=False, immediate=True)
