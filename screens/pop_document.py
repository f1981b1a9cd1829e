"""The POP of a trajectory (§4.3): the summary and the action plan, the rule, finalising."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from poptui.screens import navigation
from poptui.screens.action_form import PART_LABELS, PopItemForm
from poptui.screens.base import BaseScreen
from poptui.screens.widgets.action_table import ActionTable
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from poptui import clock
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import label
from poptui.models import MethodKind, PopDocument, PopStatus, Trajectory
from poptui.services import StoreError, employees, mijn_loopbaan, pop_documents, trajectories
from poptui.services.pop_rules import check_pop


class PopScreen(BaseScreen[None]):
    """POP: samenvatting (wat wil ik, wat kan ik, ontwikkelpunten) en actieplan. f maakt het definitief."""

    CSS_PATH = "pop_document.tcss"
    BINDINGS: ClassVar = [
        Binding("1", "tab('summary')", _("Samenv."), show=False, id="pop.summary"),
        Binding("2", "tab('plan')", _("Plan"), show=False, id="pop.plan"),
        Binding("f", "finalise", _("Definitief"), id="pop.finalise"),
        Binding("d", "goal", _("Doel"), show=False, id="pop.goal"),
        Binding("o", "reopen", _("Heropenen"), show=False, id="pop.reopen"),
        Binding("v", "follow_up", _("Evaluatie vorig POP"), show=False, id="pop.follow_up"),
        Binding("t", "timeline", _("Tijdslijn"), show=False, id="pop.timeline"),
        Binding("m", "upload", _("Mijn Loopbaan"), show=False, id="pop.upload"),
        Binding("a", "add_item", _("Punt toevoegen"), show=False, id="pop.add_item"),
        Binding("e", "edit_item", _("Punt wijzigen"), show=False, id="pop.edit_item"),
        Binding("n", "take_over", _("Overnemen"), id="pop.take_over"),
        Binding(
            "x,delete", "remove_item", _("Punt verwijderen / conclusie wegleggen"), show=False, id="pop.remove_item"
        ),
        Binding("escape", "back", _("Terug"), id="pop.back"),
    ]

    def __init__(self, trajectory_id: str) -> None:
        super().__init__()
        self.trajectory_id = trajectory_id
        self.trajectory: Trajectory  # read in compose
        self.pop: PopDocument
        self.candidates: list[pop_documents.Candidate] = []

    def today(self) -> date:
        return clock.today()

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.trajectory = trajectories.get_trajectory(self.database, self.trajectory_id)
        self.pop = pop_documents.get_or_create_pop(self.database, self.trajectory)
        yield Header()
        yield Static("", id="pop-state", markup=False)
        with TabbedContent(initial="plan", id="pop-tabs"):
            with TabPane(_("Samenvatting (1)"), id="summary"):
                yield Static(
                    _(
                        "a punt toevoegen · e wijzigen · x verwijderen. Conclusies uit de methodieken: "
                        "Enter leest, n neemt over, x legt weg."
                    ),
                    classes="hint",
                    markup=False,
                )
                yield FittedTable(id="summary-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="candidates-title", markup=False)
                yield FittedTable(id="candidates", cursor_type="row")
            with TabPane(_("Actieplan (2)"), id="plan"):
                yield Static("", id="goal", markup=False)
                yield ActionTable(self.pop, id="actions")
                with Vertical(id="below-table"):
                    yield Static("", id="action-problems", markup=False)
                    yield Static("", id="follow-up-line", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        employee = employees.find_employee(self.database, self.trajectory.employee_id)
        self.title = _("POP")
        self.sub_title = employee.full_name if employee else ""
        self.query_one("#summary-table", FittedTable).set_columns(
            [Column(_("Deel"), "part", 13), Column(_("Soort"), "kind", 9), Column(_("Tekst"), "text", 40, grow=True)]
        )
        # "Criteriumgericht interview" and "Ontwikkelpunten" whole at 80 columns; the conclusion
        # takes what is left and more in a wider window (Enter reads it whole)
        self.query_one("#candidates", FittedTable).set_columns(
            [
                Column(_("Uit"), "method", 26),
                Column(_("Voor"), "part", 15),
                Column(_("Conclusie"), "text", 24, grow=True),
            ]
        )
        self.show_pop()
        self.query_one(ActionTable).focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.pop = pop_documents.get_or_create_pop(self.database, self.trajectory)
            self.query_one(ActionTable).show(self.pop)
            self.show_pop()

    # -- showing --------------------------------------------------------------------------

    def show_pop(self) -> None:
        pop = self.pop
        assert pop is not None
        final = pop.status is PopStatus.FINAL
        check = check_pop(pop, self.today(), deadlines_may_be_past=final)
        state = _("Definitief sinds {date}", date=format_date(pop.finalised_on)) if final else _("Ontwerp")
        mark = "[v]" if check.rule_ok else "[!]"
        upload = " · " + mijn_loopbaan.upload_summary(pop) + " " + _("(m)") if final else ""
        self.query_one("#pop-state", Static).update(
            f"{state} · {mark} {check.rule_text()}"
            + ("" if check.ok or final else " " + _("(f toont wat nog ontbreekt)"))
            + upload
        )
        self.query_one("#goal", Static).update(
            _("Mijn doel: {goal}", goal=pop.goal) if pop.goal else _("Mijn doel: (geen; d om een doel te schrijven)")
        )
        self.show_action_problems()
        self._fill_summary()
        self._fill_candidates()
        self._show_follow_up()

    def show_action_problems(self) -> None:
        table = self.query_one(ActionTable)
        action = table.current_action()
        widget = self.query_one("#action-problems", Static)
        if action is None:
            widget.update(_("Nog geen acties. Druk a om een actie toe te voegen."))
            return
        final = self.pop.status is PopStatus.FINAL
        check = check_pop(self.pop, self.today(), deadlines_may_be_past=final)
        number = self.pop.actions.index(action) + 1
        problems = check.action_problems.get(action.id, [])
        if problems:
            widget.update(
                _("Actie {number} is nog niet SMART:", number=number)
                + "\n"
                + "\n".join(f"- {problem}" for problem in problems)
            )
        else:
            widget.update(_("Actie {number} is SMART.", number=number))

    def _fill_summary(self) -> None:
        table = self.query_one("#summary-table", DataTable)
        current = table.cursor_row
        table.clear()
        for part in pop_documents.SUMMARY_LISTS:
            for item in getattr(self.pop, part):
                table.add_row(
                    _(PART_LABELS[part]), label(item.kind), Text(" ".join(item.text.split())), key=f"{part}|{item.id}"
                )
        if table.row_count:
            table.move_cursor(row=min(current, table.row_count - 1))

    def _fill_candidates(self) -> None:
        self.candidates = pop_documents.candidates(self.database, self.pop)
        table = self.query_one("#candidates", DataTable)
        table.clear()
        for index, candidate in enumerate(self.candidates):
            origin = candidate.method + (" " + _("(vorig)") if candidate.earlier else "")
            part = label(candidate.part) if candidate.part else "–"
            table.add_row(Text(origin), part, Text(" ".join(candidate.text.split())), key=str(index))
        self.query_one("#candidates-title", Static).update(
            _("Conclusies uit de methodieken, nog niet in het POP: {count}", count=len(self.candidates))
        )

    def _show_follow_up(self) -> None:
        widget = self.query_one("#follow-up-line", Static)
        if not self.trajectory.previous_trajectory_id:
            widget.display = False
            return
        evaluations = pop_documents.evaluations_of(self.database, self.trajectory)
        carried = sum(evaluation.carry_over for evaluation in evaluations)
        widget.display = True
        if evaluations:
            widget.update(
                _(
                    "Vervolg-POP: {count} acties van het vorige POP geëvalueerd, {carried} opnieuw "
                    "opgenomen (v opent de evaluatie).",
                    count=len(evaluations),
                    carried=carried,
                )
            )
        else:
            widget.update(_("Vervolg-POP: start met de evaluatie van het vorige POP (toets v)."))

    # -- events ---------------------------------------------------------------------------

    @on(ActionTable.Changed)
    def _actions_changed(self, event: ActionTable.Changed) -> None:
        self.pop = event.pop
        self.show_pop()

    @on(DataTable.RowHighlighted, "#actions")
    def _action_highlighted(self) -> None:
        if self.is_mounted:
            self.show_action_problems()

    @on(DataTable.RowSelected, "#summary-table")
    def _summary_selected(self) -> None:
        self.action_edit_item()

    @on(DataTable.RowSelected, "#candidates")
    def _candidate_selected(self, event: DataTable.RowSelected) -> None:
        """Enter reads the conclusion whole (as Enter does on every table); n takes it over."""
        from poptui.screens.dialogs import MessageDialog

        candidate = self.candidates[int(event.row_key.value or 0)]
        origin = candidate.method + (" " + _("(vorig)") if candidate.earlier else "")
        title = _("Conclusie uit {method}", method=origin)
        part = _("Voor: {part}", part=label(candidate.part)) if candidate.part else _("Voor: (nog niet gekozen)")
        keys = _("n neemt deze conclusie over in het POP, x legt ze weg.")
        self.app.push_screen(MessageDialog(title, f"{candidate.text}\n\n{part}\n{keys}"))

    def _highlighted_candidate(self) -> pop_documents.Candidate | None:
        table = self.query_one("#candidates", FittedTable)
        if not table.row_count or not 0 <= table.cursor_row < len(self.candidates):
            return None
        return self.candidates[table.cursor_row]

    # -- actions ---------------------------------------------------------------------------

    def _editable(self) -> bool:
        if self.pop.status is PopStatus.FINAL:
            self.notify(_("Dit POP is definitief. Heropen het eerst (toets o) om het te wijzigen."), severity="warning")
            return False
        return True

    def _item_saved(self, pop: PopDocument | None) -> None:
        if pop is not None:
            self.pop = pop
            self.query_one(ActionTable).show(pop)
            self.show_pop()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        target = ActionTable if tab == "plan" else "#summary-table"
        self.query_one(target).focus()

    def _selected_item(self) -> tuple[str, str] | None:
        table = self.query_one("#summary-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value or ""
        part, _sep, item_id = key.partition("|")
        return part, item_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_over":  # only while a conclusion is highlighted in its table
            focused = self.focused
            return focused is not None and focused.id == "candidates" and bool(self.candidates)
        return True

    def action_take_over(self) -> None:
        """The highlighted conclusion into the POP's summary (its form opens, filled in)."""
        candidate = self._highlighted_candidate()
        if candidate is None or not self._editable():
            return
        part = candidate.part.value if candidate.part else "wat_kan_ik"
        self.app.push_screen(PopItemForm(self.pop, part, candidate=candidate), self._item_saved)

    def action_add_item(self) -> None:
        if self._editable():
            self.app.push_screen(PopItemForm(self.pop), self._item_saved)

    def action_edit_item(self) -> None:
        """Edit the highlighted item; on a final POP show its whole text instead (read-only)."""
        selected = self._selected_item()
        if selected is None:
            return
        part, item_id = selected
        item = next(item for item in getattr(self.pop, part) if item.id == item_id)
        if self.pop.status is PopStatus.FINAL:
            from poptui.screens.dialogs import MessageDialog

            text = item.text + "\n\n" + _("Het POP is definitief: heropen het (toets o) om dit punt te wijzigen.")
            title = _("{part} · {kind} (alleen lezen)", part=_(PART_LABELS[part]), kind=label(item.kind))
            self.app.push_screen(MessageDialog(title, text))
            return
        self.app.push_screen(PopItemForm(self.pop, part, item=item), self._item_saved)

    def action_remove_item(self) -> None:
        if not self._editable():
            return
        focused = self.focused
        if focused is not None and focused.id == "candidates":
            candidate = self._highlighted_candidate()
            if candidate is not None:
                self._apply(lambda: pop_documents.dismiss_candidate(self.database, self.pop, candidate))
                self.notify(_("Weggelegd: deze conclusie komt niet meer terug."))
            return
        selected = self._selected_item()
        if selected is None:
            return
        part, item_id = selected
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: pop_documents.remove_item(self.database, self.pop, part, item_id))

        self.app.push_screen(ConfirmDialog(_("Dit punt uit de samenvatting verwijderen?")), answered)

    def _apply(self, change: Callable[[], PopDocument]) -> None:
        try:
            pop = change()
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self._item_saved(pop)

    def action_goal(self) -> None:
        if not self._editable():
            return
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        def typed(goal: str | None) -> None:
            if goal is not None:
                self._apply(lambda: pop_documents.set_goal(self.database, self.pop, goal))

        self.app.push_screen(
            TextPromptDialog(_("Mijn doel (mag leeg blijven)"), self.pop.goal, allow_empty=True), typed
        )

    def action_finalise(self) -> None:
        """Say what is missing, or what finalising means and ask first (a final POP is what gets
        signed and uploaded)."""
        from poptui.screens.dialogs import ConfirmDialog, MessageDialog

        if self.pop.status is PopStatus.FINAL:
            self.notify(_("Dit POP is al definitief."))
            return
        check = check_pop(self.pop, self.today())
        if not check.ok:
            self.app.push_screen(
                MessageDialog(
                    _("Het POP kan nog niet definitief worden"), "\n".join(f"- {reason}" for reason in check.problems)
                )
            )
            return
        question = _(
            "Het POP definitief maken op {date}? Definitief betekent: dit is het POP zoals de werknemer en "
            "jij het ondertekenen en zoals het in Mijn Loopbaan komt. Het actieplan ligt dan vast; wijzigen "
            "kan pas na heropenen (toets o), en dan moet het opnieuw definitief en opnieuw opgeladen worden.",
            date=format_date(self.today()),
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._finalise()

        self.app.push_screen(ConfirmDialog(question, yes=_("Definitief maken"), no=_("Nog niet")), answered)

    def _finalise(self) -> None:
        from poptui.screens.dialogs import MessageDialog

        try:
            pop = pop_documents.finalise(self.database, self.pop, self.today())
        except pop_documents.PopNotReady as refused:
            self.app.push_screen(
                MessageDialog(
                    _("Het POP kan nog niet definitief worden"), "\n".join(f"- {reason}" for reason in refused.reasons)
                )
            )
            return
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self._item_saved(pop)
        self.notify(_("Het POP is definitief ({date}).", date=format_date(pop.finalised_on)))

    def action_reopen(self) -> None:
        if self.pop.status is not PopStatus.FINAL:
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: pop_documents.reopen(self.database, self.pop))

        question = _("Het POP heropenen? Het wordt weer een ontwerp en moet daarna opnieuw definitief gemaakt worden.")
        if self.pop.uploaded_on is not None:
            question += " " + _(
                "De markering 'opgeladen in Mijn Loopbaan' vervalt: laad het verbeterde POP opnieuw op."
            )
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_follow_up(self) -> None:
        if not self.trajectory.previous_trajectory_id:
            self.notify(_("Dit traject heeft geen vorig POP."))
            return
        from poptui.screens.follow_up import FollowUpScreen

        self.app.push_screen(FollowUpScreen(self.trajectory_id))

    def action_upload(self) -> None:
        """The §4.4.2 steps and the mark 'opgeladen in Mijn Loopbaan' (only a final POP can be marked)."""
        from poptui.screens.upload_dialog import UploadDialog

        def closed(changed: bool | None) -> None:
            if changed:
                self.on_screen_resume()

        self.app.push_screen(UploadDialog(self.trajectory_id), closed)

    def action_timeline(self) -> None:
        navigation.open_method(self.app, self.trajectory.employee_id, self.trajectory_id, MethodKind.TIJDSLIJN.value)

    def action_back(self) -> None:
        self.dismiss(None)
