"""Criteriumgericht interview (§5.2): stap 1 chooses the themes (the screen proposes them from
the trajectory's reflection ability and variant), stap 2 goes through the questions of each
chosen theme, one tab per theme: theme 3 with the motivation checklist and the energy givers
and drainers, theme 4 gated by consent, theme 6 the attitudes scored 1-4 with the statement
of the chosen score, theme 7 the empowerment questions with the coach's observations, theme 8
the future and the dream job. The last tab shows every answer and score on one page."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.method_answers import AnsweredMethodScreen
from poptui.screens.method_screen import MethodStep
from poptui.screens.widgets.answers import Checklist, QuestionBlock, ReadingScroll, StepScroll, StepTabs, prompt_text
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from poptui.catalog import load_catalog
from poptui.catalog_models import InterviewGuide, StepInfo
from poptui.i18n import _
from poptui.labels import lower_label


def guide() -> InterviewGuide:
    return load_catalog().interview


class AttitudeTable(DataTable[Any]):
    """The six attitudes of theme 6; 1-4 gives the highlighted one its score, Backspace clears it."""

    BINDINGS: ClassVar = [
        *(Binding(str(score), f"score({score})", _("Score {score}", score=score), show=False) for score in range(1, 5)),
        Binding("backspace,delete", "score(0)", _("Score wissen"), show=False),
    ]

    class Scored(Message):
        def __init__(self, attitude_id: str, score: int) -> None:
            super().__init__()
            self.attitude_id = attitude_id
            self.score = score

    def action_score(self, score: int) -> None:
        if self.row_count:
            attitude = guide().attitudes[self.cursor_row]
            self.post_message(self.Scored(attitude.id, score))


class InterviewScreen(AnsweredMethodScreen):
    """Interview: kies de thema's (spatie), F7/F8 naar het volgende thema. Thema 6: 1-4 geeft de score."""

    CSS_PATH = "interview_screen.tcss"

    def compose(self) -> ComposeResult:
        record = self.load()
        interview = guide()
        yield Header()
        with StepTabs(id="interview-tabs", initial="themas"):
            with TabPane(self.step_title("themas"), id="themas"):
                yield Static("", id="suggestion", classes="note", markup=False)
                suggested = self.suggested()
                items: list[tuple[str | None, str]] = [
                    (
                        str(theme.number),
                        f"{theme.number}. {theme.title}" + (" " + _("(voorstel)") if theme.number in suggested else ""),
                    )
                    for theme in interview.themes
                ]
                yield Checklist(items, [str(number) for number in self.chosen()], id="theme-list")
            for theme in interview.themes:
                with TabPane(f"{theme.number} {theme.short}", id=f"t{theme.number}"), StepScroll():
                    yield Static(Text(theme.title, style="bold"), markup=False, classes="question")
                    if theme.number != 6:  # theme 6's explanation is in F3: the scale needs the room
                        yield Static(theme.summary, classes="note", markup=False)
                    yield from self.theme_body(theme.number, record)
            with TabPane(self.step_title("overzicht"), id="overzicht"), ReadingScroll():
                yield Static("", id="overview", markup=False)
            yield from self.notes_step()
        yield KeyFooter()

    def theme_body(self, number: int, record: Any) -> ComposeResult:
        interview = guide()
        theme = interview.theme(number)
        if number == 3:
            yield Static(interview.motivation_question, classes="question", markup=False)
            yield Checklist(
                [(text, text) for text in interview.motivation_checklist], record.motivations, id="motivations"
            )
            signs = Text(_("Bij energiegevende activiteiten:"), style="italic")
            for sign in interview.energy_signs:
                signs.append(f"\n  • {sign}")
            yield Static(signs, markup=False, classes="note")
        if number == 6:
            yield Static(
                _("Kies een attitude met de pijltjes en geef een score van 1 tot 4; de uitspraak staat eronder."),
                markup=False,
                classes="note",
            )
            yield AttitudeTable(id="attitudes", cursor_type="row")
            yield Static("", id="attitude-statements", markup=False)
        for question in theme.questions:
            locked = self.locked(question.id)
            yield QuestionBlock(
                question.id,
                prompt_text(question),
                self.answer(question.id),
                read_only=locked,
                note=self.locked_note() if locked else "",
            )
        if number == 7:
            for item in interview.empowerment:
                yield Static(Text(f"{item.number}. {item.question}", style="bold"), markup=False, classes="question")
                for part in item.parts:
                    yield Static(
                        Text(f"{part.label}. {part.title}", style="bold italic"), markup=False, classes="question"
                    )
                    for question in part.questions:
                        yield QuestionBlock(question.id, prompt_text(question), self.answer(question.id))
                    hints = [*part.observation_points, *([part.note] if part.note else [])]
                    key = f"{part.id}_obs"
                    yield QuestionBlock(
                        key,
                        _("Observaties van de coach"),
                        self.answer(key),
                        note="\n".join(f"• {hint}" for hint in hints),
                    )

    def on_mount(self) -> None:
        table = self.query_one("#attitudes", AttitudeTable)
        table.add_column(_("Attitude"), key="name", width=52)
        table.add_column(_("Score"), key="score", width=7)
        for attitude in guide().attitudes:
            table.add_row(attitude.name, "–", key=attitude.id)

    def step_infos(self) -> dict[str, StepInfo]:
        return {step.id: step for step in guide().steps}

    def after_load(self) -> None:
        self.show_tabs()
        self.call_after_refresh(self.query_one("#theme-list").focus)

    def guidance_extra(self) -> str:
        return (
            guide().intro
            + "\n\n"
            + guide().suggested_themes.note
            + "\n\n"
            + _(
                "Thema's: spatie of Enter vinkt een thema aan of uit; alleen de gekozen thema's krijgen een tab. "
                "F7/F8: vorig of volgend thema. Thema 6: kies een attitude met de pijltjes en geef 1, 2, 3 of 4; "
                "onder de tabel staat de uitspraak bij de gekozen score. Thema 4 vraagt eerst de toestemming van "
                "de werknemer (§4.4.1)."
            )
        )

    # -- themes -------------------------------------------------------------------------------------

    def suggested(self) -> list[int]:
        trajectory = self.trajectory()
        return guide().suggested_themes.themes(trajectory.reflection.value, trajectory.variant.value)

    def chosen(self) -> list[int]:
        """The themes the coach ticked; the proposal while none are ticked yet."""
        return sorted(self.record.themes) or self.suggested()

    def show_tabs(self) -> None:
        tabs = self.query_one(TabbedContent)
        chosen = set(self.chosen())
        for number in range(1, 9):
            if number in chosen:
                tabs.show_tab(f"t{number}")
            else:
                tabs.hide_tab(f"t{number}")

    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        if event.checklist.id == "theme-list":
            themes = sorted(int(item) for item in event.checklist.checked)
            if self.store_changes(themes=themes):
                self.show_tabs()
        elif event.checklist.id == "motivations":
            order = guide().motivation_checklist
            checked = event.checklist.checked
            kept = [item for item in self.record.motivations if item not in order and item in checked]
            self.store_changes(motivations=[item for item in order if item in checked] + kept)

    def on_attitude_table_scored(self, event: AttitudeTable.Scored) -> None:
        scores = dict(self.record.attitudes)
        if event.score:
            scores[event.attitude_id] = event.score
        else:
            scores.pop(event.attitude_id, None)
        self.store_changes(attitudes=scores)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "attitudes":
            self.show_statements()

    # -- drawing ------------------------------------------------------------------------------------

    def redraw(self) -> None:
        suggested = self.suggested()
        trajectory = self.trajectory()
        self.query_one("#suggestion", Static).update(
            _(
                "Vink de relevante thema's aan (spatie). Voorstel voor reflectievermogen {reflection}, {variant}: "
                "thema {themes}.",
                reflection=lower_label(trajectory.reflection),
                variant=lower_label(trajectory.variant),
                themes=", ".join(str(number) for number in suggested),
            )
            + ("" if self.record.themes else " " + _("Nog niets aangevinkt: het voorstel geldt."))
        )
        table = self.query_one("#attitudes", AttitudeTable)
        for attitude in guide().attitudes:
            score = self.record.attitudes.get(attitude.id)
            table.update_cell(attitude.id, "score", str(score) if score else "–")
        self.show_statements()
        self.query_one("#overview", Static).update(self.overview())

    def show_statements(self) -> None:
        table = self.query_one("#attitudes", AttitudeTable)
        attitudes = guide().attitudes
        if not table.row_count:
            return
        attitude = attitudes[min(table.cursor_row, len(attitudes) - 1)]
        chosen = self.record.attitudes.get(attitude.id)
        text = Text(attitude.name, style="bold")
        if attitude.example:
            text.append(f"\n{attitude.example}", style="italic")
        for score, statement in sorted(attitude.levels.items()):
            mark = ">" if score == chosen else " "
            text.append(f"\n{mark} {score} = {statement}", style="bold" if score == chosen else "dim")
        self.query_one("#attitude-statements", Static).update(text)

    def overview(self) -> Text:
        """Every answer and score on one page (plain text from the record)."""
        interview = guide()
        record = self.record
        text = Text()
        for number in self.chosen():
            theme = interview.theme(number)
            text.append(f"{number}. {theme.title}\n", style="bold underline")
            if number == 3:
                text.append(_("Motivatie: {items}", items=", ".join(record.motivations) or "–") + "\n")
            if number == 6:
                for attitude in interview.attitudes:
                    score = record.attitudes.get(attitude.id)
                    statement = attitude.levels.get(score, "") if score else ""
                    text.append(f"{attitude.name}: {score or '–'}" + (f" – {statement}" if statement else "") + "\n")
            questions = list(theme.questions)
            if number == 7:
                questions += [q for item in interview.empowerment for part in item.parts for q in part.questions]
            for question in questions:
                answer = self.answer(question.id)
                if self.locked(question.id):
                    answer = _("(niet ingevuld: geen toestemming)")
                text.append(f"• {question.text}\n", style="italic")
                text.append(f"  {answer or '–'}\n")
            if number == 7:
                for item in interview.empowerment:
                    for part in item.parts:
                        observed = self.answer(f"{part.id}_obs")
                        if observed:
                            text.append(
                                _(
                                    "Observaties {number}{label}: {text}",
                                    number=item.number,
                                    label=part.label,
                                    text=observed,
                                )
                                + "\n"
                            )
            text.append("\n")
        return text

    def step_changed(self) -> None:
        tabs = self.tabs()
        if tabs is not None and tabs.active == "overzicht":
            self.query_one("#overview", Static).update(self.overview())

    def current_step(self) -> MethodStep:
        step = super().current_step()
        if step.id.startswith("t") and step.id[1:].isdecimal():
            theme = guide().theme(int(step.id[1:]))
            return MethodStep(step.id, self.step_title(step.id), theme.part)
        return step

    def step_title(self, step_id: str) -> str:
        if step_id.startswith("t") and step_id[1:].isdecimal():
            theme = guide().theme(int(step_id[1:]))
            return _("thema {number}: {title}", number=theme.number, title=theme.title)
        return super().step_title(step_id)
