"""Praatplaat 'Dromen over werk' (§5.13): the dream job in the middle and every working
condition to tick, grouped as on the sheet (stap 1); then focus, motivations and preferred
tasks (stap 2, 'Wat wil ik?'). Stap 1 can be done on paper as homework first (Ctrl+B prints the
blank checklist) and typed in here afterwards."""

from __future__ import annotations

from poptui.screens.method_answers import AnsweredMethodScreen
from poptui.screens.widgets.answers import AnswerArea, Checklist, QuestionBlock, StepScroll, StepTabs
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.tickbox import TickBox
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Header, Static, TabPane

from poptui.catalog import load_catalog
from poptui.catalog_models import StepInfo
from poptui.i18n import _


class PraatplaatScreen(AnsweredMethodScreen):
    """Praatplaat: spatie of Enter vinkt aan, Tab gaat naar het volgende vak, F7/F8 wisselt van stap."""

    CSS_PATH = "praatplaat_screen.tcss"

    def compose(self) -> ComposeResult:
        record = self.load()
        guide = load_catalog().praatplaat
        yield Header()
        with StepTabs(id="praat-tabs"):
            with TabPane(self.step_title("praatplaat"), id="praatplaat"):
                with Vertical(id="dream-box"):
                    yield Static(
                        _("Mijn droomjob (in het midden van de praatplaat)"), markup=False, classes="box-title"
                    )
                    yield AnswerArea("dream_job", record.dream_job)
                yield TickBox(_("Eerst op papier ingevuld (huiswerk)"), record.on_paper_first, id="on-paper")
                yield Static(guide.conditions_question, classes="question", markup=False)
                items: list[tuple[str | None, str]] = []
                for group in guide.condition_groups:
                    items.append((None, group.title))
                    items.extend((item.id, item.label) for item in group.items)
                yield Checklist(items, record.conditions, id="conditions")
            with TabPane(self.step_title("bespreken"), id="bespreken"):
                with StepScroll():
                    yield Static(guide.focus_question, classes="question", markup=False)
                    yield Checklist([(o.id, o.label) for o in guide.focus_options], record.focus, id="focus")
                    yield Static(guide.motivation_question, classes="question", markup=False)
                    yield Checklist(
                        [(o.id, o.label) for o in guide.motivation_options], record.motivations, id="motivations"
                    )
                    yield QuestionBlock("motivation_other", _("Andere motivatie"), record.motivation_other)
                    yield QuestionBlock(
                        "preferred_tasks", guide.preferred_tasks_question, record.preferred_tasks, tall=True
                    )
            yield from self.notes_step()
        yield KeyFooter()

    def step_infos(self) -> dict[str, StepInfo]:
        return {step.id: step for step in load_catalog().praatplaat.steps}

    def redraw(self) -> None:
        total = len(self.record.conditions)
        self.query_one("#conditions", Checklist).border_subtitle = _("{count} aangeduid", count=total)

    def guidance_extra(self) -> str:
        guide = load_catalog().praatplaat
        return f"{guide.instruction}\n\n{guide.homework_note}\n\n" + _(
            "Spatie of Enter vinkt een element aan of uit. F7/F8: vorige of volgende stap. "
            "Ctrl+B drukt de blanco checklist af, om eerst op papier in te vullen (huiswerk)."
        )

    def on_checklist_toggled(self, event: Checklist.Toggled) -> None:
        field = event.checklist.id or ""
        guide = load_catalog().praatplaat
        order = {
            "conditions": [item.id for item in guide.conditions],
            "focus": [item.id for item in guide.focus_options],
            "motivations": [item.id for item in guide.motivation_options],
        }[field]
        checked = event.checklist.checked
        kept = [item for item in getattr(self.record, field) if item not in order and item in checked]
        self.store_changes(**{field: [item for item in order if item in checked] + kept})

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "on-paper" and event.value != self.record.on_paper_first:
            self.store_changes(on_paper_first=event.value)
