"""Widgets of the guided method screens: a question with its answer box, and a checklist.

- :class:`QuestionBlock`: the question (with its sub-questions and the coach's hint) as plain
  text and an :class:`AnswerArea` (a TextArea that knows which answer it holds, ``key``).
- :class:`StepTabs`: the steps as tabs (see its docstring); :class:`ReadingScroll`: a step to read only.
- :class:`Checklist`: tick boxes in a list, optionally in titled groups; Space or Enter ticks
  the highlighted item and posts :class:`Checklist.Toggled`. Drawn as ``[x]`` / ``[ ]``, so it
  reads the same on every terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static, TabbedContent, TabPane, TextArea
from textual.widgets.option_list import Option

from poptui.catalog_models import Prompt


class StepTabs(TabbedContent):
    """The steps of a method as tabs. A pane follows a widget focused in it only while that widget
    still has focus: F8 pressed twice quickly focuses a box in the next step while the focus
    message of the step before is still on its way, and that stale message must not switch back."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors:
            event.stop()
            event.prevent_default()  # TabbedContent's own handler (next in the MRO) does not run


class StepScroll(VerticalScroll, can_focus=False):
    """The scrolling body of a step: not a Tab stop itself (its boxes are; focusing one scrolls it
    into view). Its scrollbar's room is always kept, so text does not rewrap when it appears."""

    DEFAULT_CSS = """
    StepScroll { scrollbar-gutter: stable; }
    """


class ReadingScroll(VerticalScroll):
    """A step with only text to read (an overview, an introduction): it takes the focus when the
    step opens, so the arrows and Page Up/Down scroll it and no hidden box keeps the keys."""

    DEFAULT_CSS = """
    ReadingScroll { scrollbar-gutter: stable; }
    """


class AnswerArea(TextArea):
    """The answer to one question; ``key`` names where it is stored (a record field or an answer id).
    A line on its left shows where to type, also without colours (│; ║ while it has focus)."""

    DEFAULT_CSS = """
    AnswerArea { height: 3; min-height: 3; margin-bottom: 1; border: none; border-left: solid $primary 60%; }
    AnswerArea:focus { border: none; border-left: double $accent; }
    AnswerArea.-tall { height: 5; }
    """

    def __init__(self, key: str, text: str = "", *, read_only: bool = False, tall: bool = False) -> None:
        super().__init__(text, read_only=read_only, tab_behavior="focus", classes="-tall" if tall else "")
        self.key = key
        self.cursor_blink = False  # an idle screen sends nothing to the terminal (weak links, SSH)

    async def _on_key(self, event: events.Key) -> None:
        """A read-only box (no consent yet) swallows what is typed: a letter never reaches the
        screen's keys while the coach types in a text field."""
        if self.read_only and event.is_printable:
            event.stop()
            event.prevent_default()
            self.app.bell()
            return
        await super()._on_key(event)


def prompt_text(prompt: Prompt, number: str = "") -> Text:
    """A question as plain text: the question, its sub-questions as bullets, the hint in italics."""
    text = Text(f"{number} {prompt.text}".strip(), style="bold")
    for sub in prompt.sub:
        text.append(f"\n  • {sub.text}")
        if sub.note:
            text.append(f" ({sub.note})", style="italic")
    if prompt.note:
        text.append(f"\n  {prompt.note}", style="italic")
    return text


class QuestionBlock(Vertical):
    """A question and the box for its answer."""

    DEFAULT_CSS = """
    QuestionBlock { height: auto; }
    QuestionBlock > .question { height: auto; }
    QuestionBlock > .question-note { height: auto; color: $text-muted; }
    """

    def __init__(
        self,
        key: str,
        question: Text | str,
        answer: str = "",
        *,
        note: str = "",
        read_only: bool = False,
        tall: bool = False,
    ) -> None:
        super().__init__(classes="question-block")
        self.key = key
        self.question = question
        self.answer = answer
        self.note = note
        self.read_only = read_only
        self.tall = tall

    def compose(self) -> ComposeResult:
        yield Static(self.question, classes="question", markup=False)
        if self.note:
            yield Static(self.note, classes="question-note", markup=False)
        yield AnswerArea(self.key, self.answer, read_only=self.read_only, tall=self.tall)


class Checklist(OptionList):
    """Tick boxes; ``items`` are (id, label) pairs or group titles (id None, shown bold)."""

    DEFAULT_CSS = """
    Checklist { scrollbar-gutter: stable; }
    """
    BINDINGS: ClassVar = [Binding("space", "select", "Aan/uit", show=False)]

    class Toggled(Message):
        def __init__(self, checklist: Checklist, item_id: str, checked: bool) -> None:
            super().__init__()
            self.checklist = checklist
            self.item_id = item_id
            self.checked = checked

        @property
        def control(self) -> Checklist:
            return self.checklist

    def __init__(
        self, items: Sequence[tuple[str | None, str]], checked: Iterable[str] = (), *, id: str | None = None
    ) -> None:
        self.items = list(items)
        self.checked = set(checked)
        self.labels = {item_id: text for item_id, text in self.items if item_id is not None}
        super().__init__(*self._build_options(), id=id)

    def _prompt(self, item_id: str) -> Text:
        mark = "[x]" if item_id in self.checked else "[ ]"
        return Text(f"{mark} {self.labels[item_id]}", style="bold" if item_id in self.checked else "")

    def _build_options(self) -> list[Option]:
        options = []
        for index, (item_id, text) in enumerate(self.items):
            if item_id is None:
                options.append(Option(Text(text, style="bold underline"), id=f"group-{index}", disabled=True))
            else:
                options.append(Option(self._prompt(item_id), id=item_id))
        return options

    def set_checked(self, checked: Iterable[str]) -> None:
        """Show ``checked`` ticked (without posting messages)."""
        self.checked = set(checked)
        for item_id in self.labels:
            self.replace_option_prompt(item_id, self._prompt(item_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item_id = event.option.id
        if item_id is None or item_id not in self.labels:
            return
        now = item_id not in self.checked
        if now:
            self.checked.add(item_id)
        else:
            self.checked.discard(item_id)
        self.replace_option_prompt(item_id, self._prompt(item_id))
        self.post_message(self.Toggled(self, item_id, now))
