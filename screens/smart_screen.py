"""SMART (§5.8): up to four challenges with up to ten actions each; ZV + HB = totaal; the best
actions into the plan under reflecteren / exploreren / sturen / profileren; the §5.8 D questions."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.method_screen import MethodScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.form import FormScreen
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static, TextArea

from poptui.catalog import load_catalog
from poptui.i18n import _, _n
from poptui.labels import label
from poptui.models.planning import SmartAction, SmartChallenge, SmartRecord
from poptui.services import pop_documents, smart_method

SCORE_COLUMNS = {2: "meaningful", 3: "feasible"}


class SmartScreen(MethodScreen):
    """SMART: u uitdaging, a actie, z/b/n (0/5/1) scoort ZV of HB, l loopbaancompetentie, k kiest de beste, p naar het plan."""

    CSS_PATH = "smart_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("u", "add_challenge", _("Uitdaging"), id="smart.challenge"),
        Binding("a", "add_action", _("Actie"), id="smart.add"),
        Binding("z,0", "score(10)", _("zeer"), key_display="z/0", id="smart.score10"),
        Binding("b,5", "score(5)", _("best wel"), key_display="b/5", id="smart.score5"),
        Binding("n,1", "score(1)", _("niet zo"), key_display="n/1", id="smart.score1"),
        Binding("backspace", "score(0)", _("Score wissen"), show=False, id="smart.clear"),
        Binding("l", "career", _("Loopbaancomp."), show=False, id="smart.career"),
        Binding("c,space", "choose", _("Kiezen"), show=False, id="smart.choose"),
        Binding("k", "choose_best", _("Kies de beste"), show=False, id="smart.best"),
        Binding("p", "into_plan", _("Naar plan"), id="smart.plan"),
        Binding("q", "questions", _("Vragen"), show=False, id="smart.questions"),
        Binding("e,enter", "edit", _("Tekst wijzigen"), show=False, id="smart.edit"),
        Binding("s", "smart", _("SMART-velden"), show=False, id="smart.fields"),
        Binding("x,delete", "delete", _("Verwijderen"), show=False, id="smart.delete"),
    ]
    record: SmartRecord

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_(load_catalog().smart.scoring_instruction), id="smart-intro", markup=False)
        yield FittedTable(id="smart-table", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="smart-status", markup=False)
        yield KeyFooter()

    def after_load(self) -> None:
        self.query_one(DataTable).focus()

    def redraw(self) -> None:
        table = self.query_one(FittedTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        table.set_columns(
            [
                Column("#", "number", 3),
                Column(_("Uitdaging / actie"), "text", 30, grow=True),
                Column(_("ZV"), "meaningful", 3),
                Column(_("HB"), "feasible", 3),
                Column(_("Tot"), "total", 3),
                Column(_("Best"), "best", 4),
                Column(_("Kies"), "chosen", 4),
                Column(_("Loopbaancomp."), "competence", 13, grow=True),
            ]
        )
        for number, challenge in enumerate(self.record.challenges, start=1):
            title = _("Uitdaging {number}: {title}", number=number, title=" ".join(challenge.title.split()))
            table.add_row(f"U{number}", Text(title, style="bold"), "", "", "", "", "", "", key=f"c|{challenge.id}")
            best = {action.id for action in smart_method.best_in(challenge)}
            for index, action in enumerate(challenge.actions, start=1):
                table.add_row(
                    str(index),
                    Text(" ".join(action.text.split())),
                    _score(action.meaningful),
                    _score(action.feasible),
                    _score(action.total),
                    _("best") if action.id in best else "",
                    Text("[x]" if action.chosen else "[ ]"),
                    label(action.career_competence) if action.career_competence else "-",
                    key=f"a|{challenge.id}|{action.id}",
                )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), column=column)
        chosen = sum(action.chosen for challenge in self.record.challenges for action in challenge.actions)
        self.query_one("#smart-status", Static).update(
            _(load_catalog().smart.total_explanation)
            + " "
            + _("Gekozen: {chosen}. u uitdaging (max 4), a actie (max 10), q coachingsvragen.", chosen=chosen)
        )

    def guidance_extra(self) -> str:
        guide = load_catalog().smart
        careers = "\n".join(f"  {_(info.label)}: {_(info.explanation)}" for info in guide.career_competences)
        questions = "\n".join(f"  - {_(question)}" for question in guide.coaching_questions)
        return "\n\n".join([_(guide.intro), careers, _(guide.coaching_intro) + "\n" + questions])

    # -- helpers --------------------------------------------------------------------------

    def _current_key(self) -> list[str]:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return []
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value).split("|")

    def current_challenge(self) -> SmartChallenge | None:
        key = self._current_key()
        if not key:
            return None
        return next((c for c in self.record.challenges if c.id == key[1]), None)

    def current_action(self) -> SmartAction | None:
        key = self._current_key()
        challenge = self.current_challenge()
        if challenge is None or key[0] != "a":
            return None
        return next((a for a in challenge.actions if a.id == key[2]), None)

    def _change_action(self, action_id: str, **changes: Any) -> None:
        changed = self.record.model_copy(deep=True)
        for challenge in changed.challenges:
            challenge.actions = [a.model_copy(update=changes) if a.id == action_id else a for a in challenge.actions]
        self.store(changed)

    def _select_key(self, key: str) -> None:
        table = self.query_one(DataTable)
        for index in range(table.row_count):
            if table.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value == key:
                table.move_cursor(row=index)

    # -- keys --------------------------------------------------------------------------------

    def action_add_challenge(self) -> None:
        if not smart_method.can_add_challenge(self.record):
            self.notify(_("Er zijn maximaal 4 uitdagingen."), severity="warning")
            return

        def typed(text: str) -> None:
            changed = self.record.model_copy(deep=True)
            challenge = SmartChallenge(title=text)
            changed.challenges = [*changed.challenges, challenge]
            if self.store(changed):
                self._select_key(f"c|{challenge.id}")

        self.ask(_("Nieuwe uitdaging"), "", typed)

    def action_add_action(self) -> None:
        challenge = self.current_challenge()
        if challenge is None:
            self.notify(_("Maak eerst een uitdaging (u)."), severity="warning")
            return
        if not smart_method.can_add_action(challenge):
            self.notify(_("Per uitdaging zijn er maximaal 10 acties."), severity="warning")
            return

        def typed(text: str) -> None:
            changed = self.record.model_copy(deep=True)
            action = SmartAction(text=text)
            for item in changed.challenges:
                if item.id == challenge.id:
                    item.actions = [*item.actions, action]
            if self.store(changed):
                self._select_key(f"a|{challenge.id}|{action.id}")
                self.query_one(DataTable).move_cursor(column=2)

        self.ask(_("Nieuwe actie voor: {title}", title=challenge.title), "", typed)

    def action_edit(self) -> None:
        action, challenge = self.current_action(), self.current_challenge()
        if action is not None:
            self.ask(_("Actie"), action.text, lambda text: self._change_action(action.id, text=text))
        elif challenge is not None:

            def typed(text: str) -> None:
                changed = self.record.model_copy(deep=True)
                changed.challenges = [
                    c.model_copy(update={"title": text}) if c.id == challenge.id else c for c in changed.challenges
                ]
                self.store(changed)

            self.ask(_("Uitdaging"), challenge.title, typed)

    def action_score(self, value: int) -> None:
        action = self.current_action()
        column = self.query_one(DataTable).cursor_column
        if action is None or column not in SCORE_COLUMNS:
            self.notify(_("Ga met de pijltjes naar de kolom ZV of HB van een actie."), severity="warning")
            return
        self._change_action(action.id, **{SCORE_COLUMNS[column]: value or None})

    def action_career(self) -> None:
        action = self.current_action()
        if action is None:
            return
        from poptui.screens.dialogs import ChooseDialog

        options = [
            (f"{_(info.label)}: {_(info.explanation)}", info.id) for info in load_catalog().smart.career_competences
        ]

        def chosen(value: Any) -> None:
            if value is not None:
                self._change_action(action.id, career_competence=value)

        self.app.push_screen(ChooseDialog(_("Onder welke loopbaancompetentie hoort deze actie?"), options), chosen)

    def action_choose(self) -> None:
        action = self.current_action()
        if action is not None:
            self._change_action(action.id, chosen=not action.chosen)

    def action_choose_best(self) -> None:
        self.store(smart_method.choose_best(self.record))
        self.notify(_("Per uitdaging zijn de acties met de meeste punten gekozen."))

    def action_smart(self) -> None:
        action = self.current_action()
        if action is None:
            return
        from poptui.screens.planning_forms import PlannedActionForm

        def saved(values: dict | None) -> None:
            if values is not None:
                self._change_action(action.id, **values)

        self.app.push_screen(PlannedActionForm(self.record.id, action, career=True), saved)

    def action_delete(self) -> None:
        action, challenge = self.current_action(), self.current_challenge()
        if challenge is None:
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            changed = self.record.model_copy(deep=True)
            if action is not None:
                for item in changed.challenges:
                    item.actions = [a for a in item.actions if a.id != action.id]
            else:
                changed.challenges = [c for c in changed.challenges if c.id != challenge.id]
            self.store(changed)

        question = _("Deze actie verwijderen?") if action else _("Deze uitdaging en haar acties verwijderen?")
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_into_plan(self) -> None:
        if not any(a.chosen for c in self.record.challenges for a in c.actions):
            self.notify(_("Kies eerst acties (c of spatie, of k voor de beste per uitdaging)."), severity="warning")
            return
        pop = pop_documents.get_or_create_pop(self.database, self.trajectory())
        try:
            self.record, pop, added = smart_method.into_plan(self.database, self.record, pop)
        except pop_documents.PopIsFinal as error:
            self.notify(str(error), severity="warning")
            return
        self.redraw()
        self.notify(
            _n("{count} actie toegevoegd aan het actieplan.", "{count} acties toegevoegd aan het actieplan.", added)
        )

    def action_questions(self) -> None:
        def saved(answers: dict[int, str] | None) -> None:
            if answers is not None:
                self.store(self.record.model_copy(update={"coaching_answers": answers}))

        self.app.push_screen(CoachingQuestionsForm(self.record), saved)


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


class CoachingQuestionsForm(FormScreen[dict[int, str]]):
    """The coaching questions of §5.8 D: what helps the employee to realise the plan."""

    model = SmartRecord

    def __init__(self, record: SmartRecord) -> None:
        super().__init__(f"smart-questions-{record.id}")
        self.record = record
        self.form_title = _("Coachingsvragen (SMART)")
        self.form_intro = _(load_catalog().smart.coaching_intro)

    def compose_fields(self) -> ComposeResult:
        for number, question in enumerate(load_catalog().smart.coaching_questions, start=1):
            yield self.field(
                f"q{number}", TextArea(compact=True), help=_(question), label=_("Vraag {number}", number=number)
            )

    def initial_values(self) -> dict[str, Any]:
        return {f"q{number}": text for number, text in self.record.coaching_answers.items()}

    def save_record(self, values: dict[str, Any]) -> dict[int, str]:
        answers = {int(name[1:]): text for name, text in values.items() if text and text.strip()}
        SmartRecord.model_validate({**self.record.model_dump(), "coaching_answers": answers})
        return answers
