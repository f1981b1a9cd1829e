"""A follow-up POP starts with the evaluation of the previous POP's actions (§4.3, last part):
per action the progress 0 (niets gebeurd) … 5 (helemaal afgewerkt) as boxes, carried into the
new POP yes/no, and a remark (why not done)."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.action_form import progress_boxes
from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from poptui.i18n import _, _n
from poptui.models import ActionEvaluation
from poptui.services import StoreError, employees, pop_documents, trajectories


class FollowUpScreen(BaseScreen[None]):
    """Evaluatie van het vorige POP: 0-5 zet de vordering, spatie neemt mee ja/nee, r opmerking, Ctrl+S bewaart."""

    CSS_PATH = "follow_up.tcss"
    BINDINGS: ClassVar = [
        Binding("0", "progress(0)", _("Vordering 0-5"), key_display="0-5", id="follow.progress0"),
        *(
            Binding(
                str(value),
                f"progress({value})",
                _("Vordering {value}", value=value),
                show=False,
                id=f"follow.progress{value}",
            )
            for value in range(1, 6)
        ),
        Binding("space", "toggle_carry", _("Meenemen ja/nee"), id="follow.carry"),
        Binding("r,enter", "remark", _("Opmerking"), id="follow.remark"),
        Binding("ctrl+s,f2", "save", _("Bewaren"), priority=True, id="follow.save"),
        Binding("escape", "back", _("Terug"), id="follow.back"),
    ]

    def __init__(self, trajectory_id: str) -> None:
        super().__init__()
        self.trajectory_id = trajectory_id
        self.evaluations: list[ActionEvaluation] = []
        self.dirty = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Per actie van het vorige POP: hoe ver staat ze (0 niets gebeurd, 1 net gestart … 5 helemaal "
                "afgewerkt), nemen we ze opnieuw op, en waarom niet afgewerkt?"
            ),
            id="follow-intro",
            markup=False,
        )
        yield FittedTable(id="evaluations", cursor_type="row", zebra_stripes=True)
        yield Static("", id="follow-remark", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.trajectory = trajectories.get_trajectory(self.database, self.trajectory_id)
        employee = employees.find_employee(self.database, self.trajectory.employee_id)
        self.title = _("Evaluatie vorig POP")
        self.sub_title = employee.full_name if employee else ""
        table = self.query_one(FittedTable)
        table.set_columns(
            [
                Column(_("Actie uit het vorige POP"), "what", 34, grow=True),
                Column(_("Vordering"), "progress", 9),
                Column(_("Mee"), "carry", 4),
                Column(_("Opmerking"), "remark", 16, grow=True),
            ]
        )
        try:
            self.evaluations = pop_documents.start_follow_up_evaluation(self.database, self.trajectory)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
        if not self.evaluations:
            self.query_one("#follow-remark", Static).update(_("Het vorige POP heeft geen acties om te evalueren."))
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for evaluation in self.evaluations:
            table.add_row(
                Text(" ".join(evaluation.action_what.split())),
                f"{progress_boxes(evaluation.progress)} {evaluation.progress}",
                _("ja") if evaluation.carry_over else _("nee"),
                Text(" ".join(evaluation.remark.split())),
                key=evaluation.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.show_remark()

    def show_remark(self) -> None:
        current = self.current()
        if current is not None:
            self.query_one("#follow-remark", Static).update(
                f"{current.action_what}\n" + _("Opmerking: {remark}", remark=current.remark or "-")
            )

    def on_data_table_row_highlighted(self) -> None:
        self.show_remark()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_remark()

    def current(self) -> ActionEvaluation | None:
        table = self.query_one(DataTable)
        if not self.evaluations:
            return None
        return self.evaluations[min(table.cursor_row, len(self.evaluations) - 1)]

    def _update(self, **changes: object) -> None:
        current = self.current()
        if current is None:
            return
        index = self.evaluations.index(current)
        self.evaluations[index] = current.model_copy(update=changes)
        self.dirty = True
        self.fill()

    def action_progress(self, value: int) -> None:
        self._update(progress=value)

    def action_toggle_carry(self) -> None:
        current = self.current()
        if current is not None:
            self._update(carry_over=not current.carry_over)

    def action_remark(self) -> None:
        current = self.current()
        if current is None:
            return
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        def typed(remark: str | None) -> None:
            if remark is not None:
                self._update(remark=remark)

        self.app.push_screen(
            TextPromptDialog(_("Opmerking (bv. waarom niet afgewerkt)"), current.remark, allow_empty=True), typed
        )

    def action_save(self) -> None:
        try:
            self.evaluations, _pop = pop_documents.apply_evaluation(self.database, self.trajectory, self.evaluations)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.dirty = False
        carried = sum(evaluation.carry_over for evaluation in self.evaluations)
        self.notify(
            _n(
                "Bewaard. {count} actie staat in het nieuwe actieplan.",
                "Bewaard. {count} acties staan in het nieuwe actieplan.",
                carried,
            )
        )
        self.fill()

    def action_back(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        from poptui.screens.dialogs import SaveChangesDialog

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if not self.dirty:
                    self.dismiss(None)
            elif choice == "discard":
                self.dismiss(None)

        self.app.push_screen(SaveChangesDialog(), decided)
