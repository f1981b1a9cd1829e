"""The base of the card-game screens (Kwaliteitenspel, Vaardighedenspel, Vier op een rij,
Droompagina, Prentenbeeld): a :class:`~poptui.screens.widgets.card_board.CardBoard` for the
round on screen, the one-card view for the employee, rounds one after the other, and the result.

A new game asks for its deck (when there is more than one) and the method's options, then deals.
Every move is stored at once with the round on screen (the record's ``stage``), so reopening the
method shows the same board. Keys (no text field has focus on this screen, so letters are safe;
text is typed in a small dialog): v one card large, n the next round once this one is done, p the
round before, r the result, Ctrl+N a new game (asks first).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from poptui.screens.base import BaseModal
from poptui.screens.method_screen import MethodScreen, MethodStep
from poptui.screens.widgets.card_board import CardBoard
from poptui.screens.widgets.footer import KeyFooter
from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Label, Static

from poptui.i18n import _
from poptui.models import Board, DeckKind, SummaryPart
from poptui.models.card_games import CardGameRecord
from poptui.services import card_games, decks, employees
from poptui.services.card_games import Stage
from poptui.services.decks import DeckInfo


class ResultDialog(BaseModal[None]):
    """A game's result as prepared text (tables keep their columns); Escape or Enter closes it."""

    DEFAULT_CSS = """
    ResultDialog { align: center middle; }
    ResultDialog > Vertical { width: 100%; max-width: 110; height: 100%; border: thick $accent; padding: 0 1;
        background: $surface; }
    ResultDialog VerticalScroll { height: 1fr; }
    ResultDialog VerticalScroll > Static { width: 1fr; }  /* a table is fitted to the dialog, not cut off */
    ResultDialog .title { text-style: bold; }
    ResultDialog .hint { color: $text-muted; }
    """
    BINDINGS: ClassVar = [Binding("escape,enter,r", "close", _("Sluiten"), id="result.close")]

    def __init__(self, title: str, body: RenderableType) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            with VerticalScroll():
                yield Static(self.body, markup=False)
            yield Label(_("Enter of Esc sluit dit venster. Pijltjes scrollen."), markup=False, classes="hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class CardGameScreen(MethodScreen):
    """See the module docstring. Subclasses give the deck kind, the options of a new game, the
    rounds (``stages``/``enter``/``next_stage``), the text on a card and the result."""

    CSS_PATH = "card_game.tcss"
    BINDINGS: ClassVar = [
        Binding("v", "one_card", _("Groot"), id="cards.one_card"),
        Binding("n", "next_round", _("Volgende ronde"), id="cards.next"),
        Binding("p", "previous_round", _("Vorige ronde"), show=False, id="cards.previous"),
        Binding("r", "result", _("Resultaat"), id="cards.result"),
        Binding("ctrl+n", "new_game", _("Nieuw spel"), show=False, id="cards.new_game"),
    ]
    LETTER_ACTIONS: ClassVar[frozenset[str]] = frozenset({"one_card", "next_round", "previous_round", "result"})
    deck_kind: ClassVar[DeckKind]
    summary_part: ClassVar[SummaryPart] = SummaryPart.WAT_KAN_IK
    """The part of the POP summary a conclusion (F4) starts on."""
    conclusion_title: ClassVar[str] = ""
    """What F4's conclusions are about (default: the method as a whole)."""
    record: CardGameRecord

    # -- what subclasses give ----------------------------------------------------------------

    def stages(self) -> list[Stage]:
        raise NotImplementedError

    def enter(self, record: Any, stage_id: str | None = None) -> Any:
        raise NotImplementedError

    def next_stage(self) -> str | None:
        raise NotImplementedError

    def is_finished(self, record: Any) -> bool:
        raise NotImplementedError

    def card_text(self, card_id: str) -> str:
        card = self.record.card(card_id)
        return card.text if card else card_id

    def card_detail(self, card_id: str) -> str:
        """A line under the card in the one-card view and below the board (a skill's explanation)."""
        card = self.record.card(card_id)
        return card.explanation if card else ""

    def result(self) -> RenderableType:
        raise NotImplementedError

    def ask_options(self, deck: DeckInfo, then: Callable[[dict[str, Any]], None]) -> None:
        """Ask the method's options for a new game; call ``then`` with the record fields (default: none)."""
        then({})

    def game_cards(self, deck: DeckInfo) -> list[Any]:
        return list(deck.cards)

    def side_text(self, card: str | None) -> Text:
        """The line under the board about the chosen card (subclasses add what was said about it)."""
        if card is None:
            return Text("")
        line = Text(self.card_text(card), style="bold")
        detail = self.card_detail(card)
        if detail:
            line.append(f" — {detail}")
        return line

    def current_step(self) -> MethodStep:
        """F4: the game's conclusions belong to the game as a whole, whatever the round."""
        return MethodStep("", self.conclusion_title or _("het spel als geheel"), self.summary_part)

    # -- composing -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="game-title", markup=False)
        yield Static(id="game-hint", markup=False)
        with VerticalScroll(id="game-board-scroll", can_focus=False):
            yield Static(_("Nog geen spel. Ctrl+N begint een nieuw spel."), id="game-empty", markup=False)
        yield Static(id="game-detail", markup=False)
        yield Static(id="game-keys", markup=False)
        yield KeyFooter()

    def after_load(self) -> None:
        if not self.record.cards:
            self.call_after_refresh(self.action_new_game)
            return
        if not self.record.stage or self.record.stage not in self.record.boards:
            self.store(self.enter(self.record, self.record.stage or None))
        self._focus_board()

    def current_stage(self) -> Stage | None:
        every = self.stages()
        return next((stage for stage in every if stage.id == self.record.stage), every[0] if every else None)

    def board_widget(self) -> CardBoard | None:
        found = self.query(CardBoard)
        return found.first() if found else None

    def texts(self) -> Mapping[str, str]:
        return {card.id: self.card_text(card.id) for card in self.record.cards}

    def stage_hint(self, stage: Stage, board: Board) -> str:
        """The line under the title: what to do in this round (subclasses: what to do once it is done)."""
        return stage.hint

    def key_line(self) -> Text:
        """The method's own keys (shown ones and Ctrl+N), under the board for the coach and the employee."""
        line = Text()
        seen: set[str] = set()
        for _key, binding in self._bindings:
            action = binding.action.split("(")[0]
            if action in seen or not (binding.show and action in self.LETTER_ACTIONS or action == "new_game"):
                continue
            if action == "next_round" and len(self.stages()) <= 1:
                continue  # a game of one round (the pictures) has no next round
            seen.add(action)
            if line:
                line.append(" · ", style="dim")
            line.append(self.app.get_key_display(binding), style="bold")
            line.append(f" {binding.description}")
        return line

    def redraw(self) -> None:
        stage = self.current_stage()
        board = self.record.boards.get(stage.id) if stage else None
        title = self.query_one("#game-title", Static)
        hint = self.query_one("#game-hint", Static)
        self.query_one("#game-keys", Static).update(self.key_line())
        if stage is None or board is None:
            title.update(Text(self.record.deck_name or "", style="bold"))
            hint.update("")
            return
        number = [item.id for item in self.stages()].index(stage.id) + 1
        heading = Text(_("Ronde {number}/{total}: ", number=number, total=len(self.stages())), style="bold")
        heading.append(stage.title, style="bold")
        if self.record.finished:
            heading.append("  " + _("(afgerond)"), style="italic")
        title.update(heading)
        hint.update(Text(self.stage_hint(stage, board)))
        widget = self.board_widget()
        if widget is None:
            scroll = self.query_one("#game-board-scroll", VerticalScroll)
            scroll.remove_children()
            widget = CardBoard(stage, board, self.texts(), id="game-board")
            scroll.mount(widget)
            self.call_after_refresh(self._focus_board)
        else:
            widget.show(stage, board, self.texts())
        self._show_detail(widget.selected if widget.selected else None)

    def _focus_board(self) -> None:
        widget = self.board_widget()
        if widget is not None:
            widget.focus()

    def _show_detail(self, card: str | None) -> None:
        self.query_one("#game-detail", Static).update(self.side_text(card))

    def on_card_board_highlighted(self, event: CardBoard.Highlighted) -> None:
        self._show_detail(event.card)

    def on_card_board_changed(self, event: CardBoard.Changed) -> None:
        stage = self.current_stage()
        if stage is None:
            return
        before = self.record.boards.get(stage.id)
        was_complete = before is not None and stage.complete(before)
        changed = card_games.with_board(self.record, stage.id, event.board)
        changed = changed.model_copy(update={"finished": self.is_finished(changed)})
        if not self.store(changed):
            widget = self.board_widget()
            if widget is not None:
                widget.show(stage, self.record.boards[stage.id])
            return
        if stage.complete(event.board) and not was_complete:  # once, not after every reorder
            following = self.next_stage()
            self.notify(
                _("Deze ronde is klaar. Druk n voor de volgende ronde.")
                if following
                else _("Alle kaarten liggen. Druk r voor het resultaat.")
            )

    # -- keys ------------------------------------------------------------------------------------

    def action_one_card(self) -> None:
        from poptui.screens.widgets.one_card import OneCardView

        widget = self.board_widget()
        if widget is None:
            return
        self.app.push_screen(OneCardView(widget, self.image_of, self.card_detail))

    def image_of(self, card_id: str) -> Path | None:
        card = self.record.card(card_id)
        if card is None or not card.image:
            return None
        return decks.card_image(self.database, self.record.deck_id, card)

    def action_next_round(self) -> None:
        stage = self.current_stage()
        if stage is None:
            return
        board = self.record.boards.get(stage.id)
        if board is not None and not stage.complete(board):
            self.notify(
                _("Leg eerst alle kaarten: er liggen er nog {count} op de stapel.", count=card_games.draw_left(board)),
                severity="warning",
            )
            return
        following = self.next_stage()
        if following is None:
            self.notify(_("Dit is de laatste ronde. Druk r voor het resultaat."))
            return
        self.store(self.enter(self.record, following))
        self._focus_board()

    def action_previous_round(self) -> None:
        ids = [stage.id for stage in self.stages()]
        stage = self.current_stage()
        if stage is None or ids.index(stage.id) == 0:
            return
        self.store(self.enter(self.record, ids[ids.index(stage.id) - 1]))
        self._focus_board()

    def action_result(self) -> None:
        self.app.push_screen(ResultDialog(_("Resultaat: {deck}", deck=self.record.deck_name), self.result()))

    def action_new_game(self) -> None:
        from poptui.screens.dialogs import ChooseDialog, ConfirmDialog

        found = self.deck_choices(self._organisation_id())

        def chosen(deck: DeckInfo | None) -> None:
            if deck is None:
                return
            self.ask_options(deck, lambda fields: self._start(deck, fields))

        def choose_deck() -> None:
            if len(found) == 1:
                chosen(found[0])
                return
            choices = [(_("{name} ({count} kaarten)", name=deck.name, count=len(deck.cards)), deck) for deck in found]
            self.app.push_screen(ChooseDialog(_("Met welke kaarten speel je?"), choices), chosen)

        if self.record.cards and any(board.history for board in self.record.boards.values()):
            self.app.push_screen(
                ConfirmDialog(_("Een nieuw spel beginnen? Het spel van nu wordt gewist.")),
                lambda yes: choose_deck() if yes else None,
            )
            return
        choose_deck()

    def deck_choices(self, organisation_id: str | None) -> list[DeckInfo]:
        """The decks a new game can be played with, the default first (asked when more than one)."""
        return decks.available(self.database, self.deck_kind, organisation_id)

    def _organisation_id(self) -> str | None:
        employee = employees.find_employee(self.database, self.employee_id)
        return employee.organisation_id if employee else None

    def _start(self, deck: DeckInfo, fields: dict[str, Any]) -> None:
        record = card_games.start(
            self.record, deck.id, deck.name, self.game_cards(deck), random.randrange(1, 2**31), **fields
        )
        record = self.enter(record, None)
        if self.store(record):
            self._focus_board()


def board_of(record: CardGameRecord, stage: Stage) -> Board | None:
    return record.boards.get(stage.id)
