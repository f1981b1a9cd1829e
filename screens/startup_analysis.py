"""The start-up analysis of an organisation (§3.3): the questions of the draaiboek, one answer each."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.print_dialog import print_form
from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from poptui import clock
from poptui.catalog import load_catalog
from poptui.catalog_models import StartupSection
from poptui.i18n import _
from poptui.models import StartupAnalysis
from poptui.services import forms
from poptui.services.organisations import get_organisation
from poptui.services.startup_analysis import get_or_new, question_ids, save_answers


def field_name(question_id: str) -> str:
    """'3.3.2.1' -> 'q_3_3_2_1' (widget ids cannot hold dots)."""
    return "q_" + question_id.replace(".", "_")


def step_explanation(section: StartupSection) -> Text:
    """The explanation of a §3.3 step as plain text, with its "Wat als…?" questions in bold."""
    text = Text("\n\n".join(section.paragraphs))
    for what_if in section.what_if:
        text.append("\n\n" + what_if.question, style="bold")
        text.append("\n" + what_if.answer)
    for paragraph in section.paragraphs_after:
        text.append("\n\n" + paragraph)
    return text


class StartupAnalysisScreen(FormScreen[StartupAnalysis]):
    """Opstartanalyse van de organisatie: Tab naar de volgende vraag, Ctrl+S bewaart, F5 drukt af."""

    CSS_PATH = "startup_analysis.tcss"
    BINDINGS: ClassVar = [
        Binding("f5", "print_analysis", _("Afdrukken"), priority=True, id="startup.print"),
    ]
    model = StartupAnalysis
    close_on_save = False

    def __init__(self, organisation_id: str) -> None:
        super().__init__(f"startup-{organisation_id}")
        self.organisation_id = organisation_id
        self.question_names = {field_name(question_id): question_id for question_id in question_ids()}
        self.form_title = _("Opstartanalyse")
        self.form_intro = _("Lege vragen mag je later aanvullen. Ctrl+S bewaart, F5 drukt af.")

    def compose_fields(self) -> ComposeResult:
        guide = load_catalog().startup
        yield self.field("date", Input(placeholder=_("dd/mm/jjjj"), compact=True))
        yield Static(guide.intro, classes="startup-explanation", markup=False)
        for section in guide.sections:
            yield Static(f"{section.number} {_(section.title)}", classes="startup-section", markup=False)
            yield Static(step_explanation(section), classes="startup-explanation", markup=False)
            for group in section.groups:
                yield Static(_(group.title), classes="startup-group", markup=False)
                for question in group.questions:
                    help_text = "\n".join(f"· {_(sub)}" for sub in question.sub_questions)
                    yield self.field(
                        field_name(question.id), TextArea(compact=True), help=help_text, label=_(question.text)
                    )

    def on_mount(self) -> None:
        super().on_mount()
        organisation = get_organisation(self.database, self.organisation_id)
        self.sub_title = organisation.name

    def initial_values(self) -> dict[str, Any]:
        analysis = get_or_new(self.database, self.organisation_id)
        analysis_date = analysis.date if analysis.version else clock.today()
        values: dict[str, Any] = {"id": analysis.id, "version": analysis.version, "date": analysis_date}
        for name, question_id in self.question_names.items():
            values[name] = analysis.answers.get(question_id, "")
        return values

    def save_record(self, values: dict[str, Any]) -> StartupAnalysis:
        answers = {question_id: values.get(name, "") for name, question_id in self.question_names.items()}
        return save_answers(
            self.database,
            self.organisation_id,
            answers,
            analysis_date=values.get("date") or None,
        )

    def action_print_analysis(self) -> None:
        """Save what was typed (when changed), then print the analysis."""
        if self.dirty and not self.save_and_close(close=False):
            return
        database = self.database
        organisation = get_organisation(database, self.organisation_id)
        print_form(
            self.app,
            lambda: forms.export_startup(database, self.organisation_id),
            _("opstartanalyse {name}", name=organisation.name),
            record=organisation,
        )
