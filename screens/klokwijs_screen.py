"""Klokwijs (§5.9): the employee tells the day on a clock whose hands move as the coach steps
through it (arrows: 15 minutes or an hour), with per moment what the employee does, with whom
and how it feels; the day's time line beside the clock; other days ("is every day like this?")
recorded too (Ctrl+N: a new day or one told before); then Wie ben ik?, Wat wil ik? and Wat kan ik? with the draaiboek's questions.

The clock is drawn by :func:`poptui.services.klokwijs.clock_lines`, in plain ASCII on a
terminal that cannot show more (TERM=linux, or NO_COLOR set)."""

from __future__ import annotations

import os
from typing import Any, ClassVar

from poptui.screens.method_answers import AnsweredMethodScreen
from poptui.screens.widgets.answers import QuestionBlock, ReadingScroll, StepScroll, StepTabs, prompt_text
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Header, Label, Static, TabbedContent, TabPane

from poptui.catalog import load_catalog
from poptui.catalog_models import StepInfo
from poptui.i18n import _
from poptui.models.methods import ClockDay, ClockSlot
from poptui.services import klokwijs

START_TIME = "07:00"
SLOT = "slot:"
"""Answer keys of the moment on the clock: ``slot:what``, ``slot:with_whom``, ``slot:feeling``."""
SLOT_FIELDS = ("what", "with_whom", "feeling")
TIMELINE_WIDTHS = (18, 11, 11)
"""Columns of the time line beside the clock: what, with whom, how it feels (all three fit at
80 columns; the whole text of the moment on the clock is in the boxes below)."""


def ascii_only() -> bool:
    """True on a terminal that shows plain ASCII best: the Linux console, or NO_COLOR set."""
    return os.environ.get("TERM") == "linux" or "NO_COLOR" in os.environ


def part_of_day(time: str) -> str:
    hour = klokwijs.parse_time(time)[0]
    if 6 <= hour < 12:
        return _("'s ochtends")
    if 12 <= hour < 18:
        return _("'s middags")
    if 18 <= hour < 23:
        return _("'s avonds")
    return _("'s nachts")


class ClockFace(Static, can_focus=True):
    """The clock; ←/→ move 15 minutes, ↑/↓ an hour, Enter (or just typing) goes to what happens then."""

    BINDINGS: ClassVar = [
        Binding("right", "move(15)", _("+15 min"), show=False),
        Binding("left", "move(-15)", _("-15 min"), show=False),
        Binding("up", "move(60)", _("+1 uur"), show=False),
        Binding("down", "move(-60)", _("-1 uur"), show=False),
        Binding("enter", "tell", _("Vertellen"), show=False),
    ]

    class Moved(Message):
        def __init__(self, minutes: int) -> None:
            super().__init__()
            self.minutes = minutes

    class Tell(Message):
        """Go to what happens at this time; ``typed`` is a character typed on the clock itself."""

        def __init__(self, typed: str = "") -> None:
            super().__init__()
            self.typed = typed

    def __init__(self, time: str, *, ascii_drawing: bool, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.time = time
        self.ascii_drawing = ascii_drawing
        self.show(time)

    def show(self, time: str) -> None:
        self.time = time
        hour, minute = klokwijs.parse_time(time)
        lines = klokwijs.clock_lines(hour, minute, ascii_only=self.ascii_drawing)
        text = Text("\n".join(lines))
        text.append(f"\n{time} {part_of_day(time)}".center(klokwijs.WIDTH), style="bold")
        self.update(text)

    def action_move(self, minutes: int) -> None:
        self.post_message(self.Moved(minutes))

    def action_tell(self) -> None:
        self.post_message(self.Tell())

    async def _on_key(self, event: events.Key) -> None:
        """Typing on the clock types in "what happens then": a letter never fires a command here."""
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.post_message(self.Tell(event.character))
            return
        await super()._on_key(event)


class KlokwijsScreen(AnsweredMethodScreen):
    """Klokwijs: zet de klok met de pijltjes (15 minuten of een uur), Enter om te vertellen wat er
    dan gebeurt. Ctrl+N een andere dag (nieuw of al verteld), F7/F8 de stappen."""

    CSS_PATH = "klokwijs_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+n", "days", _("Dagen"), id="klokwijs.days"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.time = START_TIME
        self.day_index = 0
        self.slot_on_screen: tuple[int, str] | None = None
        """The day and time whose answers the three boxes show (see :meth:`_show_slot`)."""

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.load()
        guide = load_catalog().klokwijs
        prompts = guide.moment_prompts
        yield Header()
        with StepTabs(id="klok-tabs", initial="dag"):
            with TabPane(self.step_title("inleiding"), id="inleiding"), ReadingScroll():
                yield Static("\n".join(f"• {line}" for line in guide.introduction), classes="note", markup=False)
                yield Static(_("Beeldmateriaal:"), markup=False, classes="question")
                yield Static("\n".join(f"• {line}" for line in guide.visual_aids), classes="note", markup=False)
            with TabPane(self.step_title("dag"), id="dag"):
                yield Static("", id="day-line", markup=False)
                with Horizontal(id="day-body"):
                    yield ClockFace(self.time, ascii_drawing=ascii_only(), id="clock")
                    yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
                with Vertical(id="slot-fields"):
                    for field, prompt in zip(SLOT_FIELDS, prompts, strict=True):
                        with Horizontal(classes="slot-row"):
                            yield Label(prompt, classes="slot-label", markup=False)
                            # no select on focus: a letter typed never replaces the whole answer
                            slot_input = Input(id=f"slot-{field}", max_length=1000, compact=True, select_on_focus=False)
                            slot_input.cursor_blink = False  # idle: nothing sent to the terminal
                            yield slot_input
            for part in guide.parts:
                with TabPane(self.step_title(part.id), id=part.id), StepScroll():
                    yield Static(part.intro, classes="note", markup=False)
                    for question in part.questions:
                        yield QuestionBlock(question.id, prompt_text(question), self.answer(question.id))
                    if part.closing_question:
                        key = f"{part.id}_slotvraag"
                        yield QuestionBlock(key, part.closing_question, self.answer(key), tall=True)
            yield from self.notes_step()
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#timeline", DataTable)
        prompts = load_catalog().klokwijs.moment_prompts
        table.add_column(_("Uur"), key="time", width=5)
        for field, prompt, width in zip(SLOT_FIELDS, prompts, TIMELINE_WIDTHS, strict=True):
            table.add_column(prompt.rstrip("?"), key=field, width=width)

    def step_infos(self) -> dict[str, StepInfo]:
        return {step.id: step for step in load_catalog().klokwijs.steps}

    def after_load(self) -> None:
        self.call_after_refresh(self.query_one("#clock", ClockFace).focus)

    def guidance_extra(self) -> str:
        return _(
            "Mijn dag: ←/→ zet de klok 15 minuten verder of terug, ↑/↓ een uur. Enter, of gewoon beginnen "
            "typen: vertel wat er dan gebeurt (Enter gaat naar het volgende vak; na het laatste staat de klok een uur later). "
            "Ctrl+N: een andere dag (weekend, een andere werkdag), nieuw of al verteld. "
            "F7/F8: vorige of volgende stap."
        )

    # -- the day on screen ----------------------------------------------------------------------

    def days(self) -> list[ClockDay]:
        days = list(self.record.days)
        if not days:
            days = [ClockDay(name=load_catalog().klokwijs.day_suggestions[0])]
        return days

    def day(self) -> ClockDay:
        days = self.days()
        return days[min(self.day_index, len(days) - 1)]

    def redraw(self) -> None:
        days = self.days()
        day = self.day()
        self.query_one("#day-line", Static).update(
            _(
                "{name} ({number}/{total})  ·  Ctrl+N: een andere dag",
                name=day.name,
                number=min(self.day_index, len(days) - 1) + 1,
                total=len(days),
            )
        )
        table = self.query_one("#timeline", DataTable)
        table.clear()
        for slot in day.slots:
            table.add_row(slot.time, Text(slot.what), Text(slot.with_whom), Text(slot.feeling), key=slot.time)
        self._show_slot()

    def _show_slot(self) -> None:
        self.query_one("#clock", ClockFace).show(self.time)
        slot = klokwijs.slot_at(self.day(), self.time)
        here = (min(self.day_index, len(self.days()) - 1), self.time)
        if here != self.slot_on_screen:
            # Only when the clock or the day changed: the redraw after a save must not put the
            # stored text back in a box the coach is still typing in (keys typed meanwhile).
            self.slot_on_screen = here
            for field in SLOT_FIELDS:
                value = getattr(slot, field) if slot else ""
                widget = self.query_one(f"#slot-{field}", Input)
                if widget.value != value:
                    with widget.prevent(Input.Changed):
                        widget.value = value
        for label in self.query(".slot-label").results(Label):
            label.set_class(True, "-time")
        table = self.query_one("#timeline", DataTable)
        if slot is not None:
            table.move_cursor(row=table.get_row_index(slot.time), animate=False)

    # -- answers of the moment on the clock -------------------------------------------------------

    def answer(self, key: str) -> str:
        if key.startswith(SLOT):
            slot = klokwijs.slot_at(self.day(), self.time)
            return str(getattr(slot, key[len(SLOT) :])) if slot else ""
        return super().answer(key)

    def apply_answer(self, data: dict[str, Any], key: str, text: str) -> None:
        if not key.startswith(SLOT):
            super().apply_answer(data, key, text)
            return
        days = [ClockDay.model_validate(day) for day in data.get("days", [])] or self.days()
        index = min(self.day_index, len(days) - 1)
        day = days[index]
        slot = klokwijs.slot_at(day, self.time) or ClockSlot(time=self.time)
        days[index] = klokwijs.set_slot(day, slot.model_copy(update={key[len(SLOT) :]: text}))
        data["days"] = [day.model_dump() for day in days]

    @on(Input.Changed, "#slot-fields Input")
    def _slot_typed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("slot-")
        self.typed(SLOT + field, event.value)

    @on(Input.Submitted, "#slot-fields Input")
    def _slot_submitted(self, event: Input.Submitted) -> None:
        field = (event.input.id or "").removeprefix("slot-")
        index = SLOT_FIELDS.index(field)
        if index + 1 < len(SLOT_FIELDS):
            self.query_one(f"#slot-{SLOT_FIELDS[index + 1]}", Input).focus()
            return
        self._move(60)
        self.query_one("#clock", ClockFace).focus()

    # -- moving the clock, days --------------------------------------------------------------------

    def _move(self, minutes: int) -> None:
        self.flush_answers()
        self.time = klokwijs.step(self.time, minutes)
        self._show_slot()

    def on_clock_face_moved(self, event: ClockFace.Moved) -> None:
        self._move(event.minutes)

    def on_clock_face_tell(self, event: ClockFace.Tell) -> None:
        what = self.query_one("#slot-what", Input)
        what.focus()
        if event.typed:
            what.cursor_position = len(what.value)
            what.insert_text_at_cursor(event.typed)

    @on(DataTable.RowSelected, "#timeline")
    def _slot_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.flush_answers()
            self.time = event.row_key.value
            self._show_slot()
            self.query_one("#slot-what", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "days":
            tabs = self.tabs()
            return tabs is not None and tabs.active == "dag"
        return super().check_action(action, parameters)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # the base's handler (flush, step_changed) runs too: Textual calls the MRO

    @work
    async def action_days(self) -> None:
        """Ctrl+N: another day on the clock ("is every day like this?"): a new one or one told before."""
        from poptui.screens.dialogs import ChooseDialog

        self.flush_answers()
        taken = {day.name for day in self.record.days}
        names = [name for name in load_catalog().klokwijs.day_suggestions if name not in taken]
        options: list[tuple[str, tuple[str, str | int]]] = [(f"+ {name}", ("new", name)) for name in names]
        options.append((_("+ Een andere naam…"), ("new", "")))
        current = min(self.day_index, len(self.days()) - 1)
        for index, day in enumerate(self.record.days):
            options.append((day.name + (" " + _("(nu open)") if index == current else ""), ("open", index)))
        chosen = await self.app.push_screen_wait(
            ChooseDialog(_("Ziet iedere dag er zo uit? Welke dag vertelt de werknemer nu?"), options)
        )
        if chosen is None:
            return
        what, value = chosen
        if what == "open" and isinstance(value, int):
            self.day_index = value
            self.time = self.day().slots[0].time if self.day().slots else START_TIME
            self.redraw()
            self.query_one("#clock", ClockFace).focus()
        elif value == "":
            self.ask(_("Naam van de dag (bv. zaterdag, een dag met therapie)"), "", self._add_day)
        else:
            self._add_day(str(value))

    def _add_day(self, name: str) -> None:
        days = [*self.days(), ClockDay(name=name[:60])]
        if self.store_changes(days=[day.model_dump() for day in days]):
            self.day_index = len(self.record.days) - 1
            self.time = START_TIME
            self.redraw()
            self.query_one("#clock", ClockFace).focus()
