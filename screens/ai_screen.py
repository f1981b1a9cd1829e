"""AI – droomfase (§5.1): Ontdekken (one or more success stories, each with the eight
sub-questions and the strengths as keywords), Dromen (the guided dream and its help
questions), the summary of the dream, and the optional steps Vormgeven and Verwezenlijken."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.method_answers import AnsweredMethodScreen
from poptui.screens.widgets.answers import AnswerArea, QuestionBlock, StepScroll, StepTabs, prompt_text
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static, TabbedContent, TabPane

from poptui.catalog import load_catalog
from poptui.catalog_models import StepInfo
from poptui.i18n import _

STORY = "story:"
"""Answer keys of the story on screen: ``story:<question id>``, ``story:title``, ``story:strengths``."""


def strengths_list(text: str) -> list[str]:
    """Keywords typed with commas or one per line."""
    parts = (part.strip(" -•\t") for line in text.splitlines() for part in line.split(","))
    return [part for part in parts if part]


class AiScreen(AnsweredMethodScreen):
    """AI – droomfase: F7/F8 wisselt van stap; in Ontdekken begint Ctrl+N een nieuw succesverhaal of
    opent het een ander."""

    CSS_PATH = "ai_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+n", "stories", _("Verhalen"), id="ai.stories"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.story_index = 0

    def compose(self) -> ComposeResult:
        record = self.load()
        guide = load_catalog().ai
        self.story_index = max(0, len(record.stories) - 1) if record.stories else 0
        yield Header()
        with StepTabs(id="ai-tabs"):
            with TabPane(self.step_title("ontdekken"), id="ontdekken"), StepScroll():
                yield Static("", id="story-nav", markup=False)
                intro = Text(guide.story_intro, style="italic")
                for example in guide.story_examples:
                    intro.append(f"\n  • {example}")
                yield Static(intro, markup=False, classes="script")
                yield QuestionBlock(
                    f"{STORY}title", _("Korte titel van dit succesverhaal"), self.answer(f"{STORY}title")
                )
                for question in guide.story_questions:
                    key = STORY + question.id
                    yield QuestionBlock(key, question.text, self.answer(key))
                yield QuestionBlock(
                    f"{STORY}strengths",
                    _("Sterke punten: kernwoorden, gescheiden door komma's"),
                    self.answer(f"{STORY}strengths"),
                    note=guide.strengths_instruction,
                )
            with TabPane(self.step_title("dromen"), id="dromen"), StepScroll():
                yield Static(guide.dream_instruction, classes="note", markup=False)
                yield Static(guide.dream_script, classes="script", markup=False)
                for question in guide.dream_questions:
                    yield QuestionBlock(question.id, question.text, self.answer(question.id))
            with TabPane(self.step_title("samenvatting"), id="samenvatting"), StepScroll():
                yield Static(_("Vat met de deelnemer de kern van het droombeeld samen."), markup=False, classes="note")
                for question in guide.dream_summary:
                    yield QuestionBlock(question.id, question.text, self.answer(question.id), tall=True)
            for step_id, question in zip(("vormgeven", "verwezenlijken"), guide.optional_steps, strict=True):
                with TabPane(self.step_title(step_id), id=step_id), StepScroll():
                    yield Static(_("Een optionele stap van de waarderende benadering."), markup=False, classes="note")
                    yield QuestionBlock(question.id, prompt_text(question), self.answer(question.id), tall=True)
            yield from self.notes_step()
        yield KeyFooter()

    def redraw(self) -> None:
        stories = len(self.record.stories)
        total = max(stories, self.story_index + 1)
        self.query_one("#story-nav", Static).update(
            _(
                "Succesverhaal {number} van {total}  ·  Ctrl+N: een nieuw of een ander verhaal",
                number=self.story_index + 1,
                total=total,
            )
        )

    def step_infos(self) -> dict[str, StepInfo]:
        return {step.id: step for step in load_catalog().ai.steps}

    def guidance_extra(self) -> str:
        return _("F7/F8: vorige of volgende stap. Ontdekken: Ctrl+N begint een nieuw succesverhaal of opent een ander.")

    # -- the story on screen ---------------------------------------------------------------------

    def answer(self, key: str) -> str:
        if not key.startswith(STORY):
            return super().answer(key)
        stories = self.record.stories
        if self.story_index >= len(stories):
            return ""
        story = stories[self.story_index]
        name = key[len(STORY) :]
        if name == "title":
            return str(story.title)
        if name == "strengths":
            return ", ".join(story.strengths)
        return str(story.answers.get(name, ""))

    def apply_answer(self, data: dict[str, Any], key: str, text: str) -> None:
        if not key.startswith(STORY):
            super().apply_answer(data, key, text)
            return
        stories = [dict(story) for story in data.get("stories", [])]
        while len(stories) <= self.story_index:
            stories.append({"title": "", "answers": {}, "strengths": []})
        story = stories[self.story_index]
        name = key[len(STORY) :]
        if name == "title":
            story["title"] = text
        elif name == "strengths":
            story["strengths"] = strengths_list(text)
        else:
            answers = dict(story.get("answers", {}))
            if text.strip():
                answers[name] = text
            else:
                answers.pop(name, None)
            story["answers"] = answers
        data["stories"] = stories

    def _show_story(self) -> None:
        for area in self.query(AnswerArea):
            if area.key.startswith(STORY):
                area.load_text(self.answer(area.key))
        self.redraw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stories":
            tabs = self.tabs()
            return tabs is not None and tabs.active == "ontdekken"
        return super().check_action(action, parameters)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()  # the base's handler (flush, step_changed) runs too: Textual calls the MRO

    @work
    async def action_stories(self) -> None:
        """Ctrl+N: a new success story, or another one told before."""
        from poptui.screens.dialogs import ChooseDialog

        self.flush_answers()
        options: list[tuple[str, int]] = [(_("+ Nieuw succesverhaal"), -1)]
        for index, story in enumerate(self.record.stories):
            label = f"{index + 1}. {story.title or _('(zonder titel)')}"
            options.append((label + (" " + _("(nu open)") if index == self.story_index else ""), index))
        chosen = await self.app.push_screen_wait(ChooseDialog(_("Welk succesverhaal?"), options))
        if chosen is None:
            return
        if chosen < 0 and self.story_index >= len(self.record.stories):
            self.notify(_("Vul eerst dit verhaal in."))
            return
        self.story_index = len(self.record.stories) if chosen < 0 else chosen
        self._show_story()
        self.query_one("#ontdekken AnswerArea").focus()
