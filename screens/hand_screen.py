"""HAND-methodiek (§5.3): the five questions beside a drawing of a hand, and a 10-minute timer.

The finger whose answer the coach is typing is marked in the drawing. Ctrl+T starts or pauses
the timer; only the timer's line is redrawn each second while it runs, and it stops when the
screen closes (an idle screen sends nothing to the terminal).
"""

from __future__ import annotations

import time
from typing import ClassVar

from poptui.screens.method_answers import AnsweredMethodScreen
from poptui.screens.method_screen import MethodStep
from poptui.screens.widgets.answers import AnswerArea, QuestionBlock, StepScroll
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Header, Static

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.models.methods import HAND_FIELDS

TIMER_SECONDS = 10 * 60
"""The draaiboek's maximum for the whole HAND conversation."""

HAND_DRAWING = (
    "          .-.",
    "      .-. | | .-.",
    "      | | | | | | .-.",
    "      | | | | | | | |",
    "  .-. | | | | | | | |",
    "  | | |W| |M| |R| |P|",
    "  |D| | | | | | | | |",
    "  | | '-' '-' '-' '-'",
    "   \\ \\            |",
    "    \\ '.          |",
    "     '.          .'",
    "       '-.____.-'",
)
"""An open hand in plain ASCII (readable on every terminal); the letters mark the fingers."""
FINGER_LETTERS = {"duim": "D", "wijsvinger": "W", "middelvinger": "M", "ringvinger": "R", "pink": "P"}


def hand_text(current: str | None) -> Text:
    """The drawing with the letter of ``current`` (a finger id) shown in reverse."""
    letter = FINGER_LETTERS.get(current or "")
    text = Text()
    for index, line in enumerate(HAND_DRAWING):
        if index:
            text.append("\n")
        for char in line:
            text.append(char, style="reverse bold" if letter and char == letter else "")
    return text


def timer_text(remaining: float, running: bool) -> str:
    minutes, seconds = divmod(max(0, int(remaining + 0.999)), 60)
    clock = f"{minutes:02d}:{seconds:02d}"
    if remaining <= 0:
        return _("Timer {clock}: de tijd is om", clock=clock)
    if running:
        return _("Timer {clock} loopt", clock=clock)
    return _("Timer {clock} (Ctrl+T)", clock=clock)


class HandScreen(AnsweredMethodScreen):
    """HAND: elke vinger één vraag. Tab gaat naar de volgende vinger, Ctrl+T start de timer."""

    CSS_PATH = "hand_screen.tcss"
    BINDINGS: ClassVar = [Binding("ctrl+t", "timer", _("Timer"), id="hand.timer")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.fingers = load_catalog().hand.fingers
        self.elapsed = 0.0
        self.started: float | None = None
        self.ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        record = self.load()
        yield Header()
        with Horizontal(id="hand-body"):
            with Vertical(id="hand-left"):
                yield Static(hand_text(None), markup=False, id="hand-drawing")
                yield Static("", id="hand-finger", markup=False)
                yield Static(timer_text(TIMER_SECONDS, False), id="hand-timer", markup=False)
            with StepScroll(id="hand-answers"):
                for finger in self.fingers:
                    field = HAND_FIELDS[finger.id]
                    yield QuestionBlock(field, f"{finger.name}: {finger.sheet_label}", getattr(record, field))
                yield from self.notes_block()
                yield Static("", id="all-conclusions", classes="note", markup=False)
        yield KeyFooter()

    def after_load(self) -> None:
        self.query(AnswerArea).first().focus()

    def guidance_extra(self) -> str:
        guide = load_catalog().hand
        return f"{guide.instruction}\n\n{guide.tip}\n\n" + _(
            "Ctrl+T start of pauzeert de timer van 10 minuten; Tab gaat naar de volgende vinger."
        )

    # -- the finger being answered ----------------------------------------------------------------

    def current_finger(self) -> str | None:
        focused = self.focused
        if isinstance(focused, AnswerArea):
            return next((finger for finger, field in HAND_FIELDS.items() if field == focused.key), None)
        return None

    def on_descendant_focus(self) -> None:  # MethodScreen's handler runs too (Textual calls the MRO)
        finger_id = self.current_finger()
        self.query_one("#hand-drawing", Static).update(hand_text(finger_id))
        finger = next((item for item in self.fingers if item.id == finger_id), None)
        self.query_one("#hand-finger", Static).update(f"{finger.name}: {finger.question}" if finger else "")

    def current_step(self) -> MethodStep:
        finger_id = self.current_finger()
        finger = next((item for item in self.fingers if item.id == finger_id), None)
        if finger is None:
            return super().current_step()
        return MethodStep(finger.id, f"{finger.name}: {finger.sheet_label}", finger.part)

    def step_title(self, step_id: str) -> str:
        finger = next((item for item in self.fingers if item.id == step_id), None)
        return f"{finger.name}: {finger.sheet_label}" if finger else super().step_title(step_id)

    # -- the timer -----------------------------------------------------------------------------------

    def remaining(self) -> float:
        running = time.monotonic() - self.started if self.started is not None else 0.0
        return TIMER_SECONDS - self.elapsed - running

    def action_timer(self) -> None:
        """Ctrl+T: start, pause, or (after ten minutes) start again."""
        if self.started is not None:
            self.elapsed += time.monotonic() - self.started
            self.started = None
            self._stop_ticking()
        else:
            if self.remaining() <= 0:
                self.elapsed = 0.0
            self.started = time.monotonic()
            self._start_ticking()
        self._show_timer()

    def _start_ticking(self) -> None:
        if self.ticker is None:
            self.ticker = self.set_interval(1.0, self._tick)

    def _stop_ticking(self) -> None:
        if self.ticker is not None:
            self.ticker.stop()
            self.ticker = None

    def _tick(self) -> None:
        if self.remaining() <= 0 and self.started is not None:
            self.elapsed = float(TIMER_SECONDS)
            self.started = None
            self._stop_ticking()
            self.app.bell()
            self.notify(_("De 10 minuten van de HAND-methodiek zijn om."), timeout=8)
        self._show_timer()

    def _show_timer(self) -> None:
        self.query_one("#hand-timer", Static).update(timer_text(self.remaining(), self.started is not None))

    def on_screen_suspend(self) -> None:
        self._stop_ticking()  # keeps counting (monotonic), but draws nothing while hidden

    def on_screen_resume(self) -> None:
        if self.started is not None:
            self._start_ticking()
            self._show_timer()

    def on_unmount(self) -> None:
        self._stop_ticking()
