"""Beslissingsmatrix (§4.5.3): options in the rows, weighted criteria in the columns, a score
1-5 per cell, the weighted totals and the ranking below."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.method_screen import MethodScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from poptui.i18n import _
from poptui.models.planning import (
    MAX_MATRIX_CRITERIA,
    MAX_MATRIX_OPTIONS,
    BeslissingsmatrixRecord,
    MatrixCriterion,
    MatrixOption,
)
from poptui.services import decision_matrix


class DecisionMatrixScreen(MethodScreen):
    """Beslissingsmatrix: o optie, k criterium, w gewicht, 1-5 scoort de cel, r conclusie noteren."""

    CSS_PATH = "decision_matrix.tcss"
    BINDINGS: ClassVar = [
        Binding("o", "add_option", _("Optie"), id="matrix.option"),
        Binding("k", "add_criterion", _("Criterium"), id="matrix.criterion"),
        Binding("w", "weight", _("Gewicht"), id="matrix.weight"),
        Binding("backspace", "clear", _("Cel wissen"), show=False, id="matrix.clear"),
        Binding("e,enter", "rename", _("Naam wijzigen"), show=False, id="matrix.rename"),
        Binding("x,delete", "delete", _("Optie/criterium verwijderen"), show=False, id="matrix.delete"),
        Binding("v", "question", _("Keuzevraag"), show=False, id="matrix.question"),
        Binding("r", "conclusion", _("Conclusie"), id="matrix.conclusion"),
        *(
            Binding(
                str(value),
                f"score({value})",
                _("Score") if value == 1 else _("Score {value}", value=value),
                show=value == 1,
                key_display="1-5" if value == 1 else None,
                id=f"matrix.score{value}",
            )
            for value in range(1, 6)
        ),
    ]
    record: BeslissingsmatrixRecord
    text_max_length = 200

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="matrix-question", markup=False)
        yield FittedTable(id="matrix-table", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="matrix-ranking", markup=False)
        yield KeyFooter()

    def after_load(self) -> None:
        self.query_one(DataTable).focus()

    def redraw(self) -> None:
        record = self.record
        table = self.query_one(FittedTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        criteria = [
            Column(
                Text(f"{criterion.text[:9]} x{criterion.weight}"),
                f"criterion-{index}",
                max(6, min(12, len(criterion.text) + 3)),
            )
            for index, criterion in enumerate(record.criteria)
        ]
        table.set_columns([Column(_("Optie"), "option", 18, grow=True), *criteria, Column(_("Totaal"), "total", 7)])
        totals = {ranked.option.id: ranked for ranked in decision_matrix.ranking(record)}
        maximum = decision_matrix.maximum(record.criteria)
        for option in record.options:
            cells: list[Any] = [Text(option.text)]
            cells += [str(option.scores.get(criterion.id, "-")) for criterion in record.criteria]
            cells.append(f"{totals[option.id].total}/{maximum}")
            table.add_row(*cells, key=option.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), column=column)
        self.query_one("#matrix-question", Static).update(
            _("Keuzevraag: {question}", question=record.question)
            if record.question
            else _(
                "Gewicht: 1 een beetje, 2 belangrijk, 3 heel belangrijk. Score: 1 past helemaal niet … 5 past heel goed."
            )
        )
        lines = [_("Rangschikking (score x gewicht, opgeteld):")]
        for ranked in decision_matrix.ranking(record):
            incomplete = "" if ranked.complete else " " + _("(nog niet alles gescoord)")
            lines.append(f"  {ranked.rank}. {ranked.option.text}: {ranked.total}/{maximum}{incomplete}")
        if not record.options:
            lines.append("  " + _("Nog geen opties: o voegt er een toe, k een criterium."))
        self.query_one("#matrix-ranking", Static).update("\n".join(lines))

    # -- helpers --------------------------------------------------------------------------

    def current_option(self) -> MatrixOption | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return self.record.options[min(table.cursor_row, len(self.record.options) - 1)]

    def current_criterion(self) -> MatrixCriterion | None:
        column = self.query_one(DataTable).cursor_column - 1
        return self.record.criteria[column] if 0 <= column < len(self.record.criteria) else None

    # -- keys --------------------------------------------------------------------------------

    def action_add_option(self) -> None:
        if len(self.record.options) >= MAX_MATRIX_OPTIONS:
            self.notify(_("De matrix heeft maximaal {count} opties.", count=MAX_MATRIX_OPTIONS), severity="warning")
            return
        self.ask(
            _("Nieuwe optie"),
            "",
            lambda text: self.store(
                self.record.model_copy(update={"options": [*self.record.options, MatrixOption(text=text)]})
            ),
        )

    def action_add_criterion(self) -> None:
        if len(self.record.criteria) >= MAX_MATRIX_CRITERIA:
            self.notify(_("De matrix heeft maximaal {count} criteria.", count=MAX_MATRIX_CRITERIA), severity="warning")
            return
        self.ask(
            _("Nieuw criterium (wat is belangrijk bij de keuze?)"),
            "",
            lambda text: self.store(
                self.record.model_copy(update={"criteria": [*self.record.criteria, MatrixCriterion(text=text)]})
            ),
        )

    def action_weight(self) -> None:
        criterion = self.current_criterion()
        if criterion is None:
            self.notify(_("Ga met de pijltjes naar de kolom van een criterium."), severity="warning")
            return
        from poptui.screens.dialogs import ChooseDialog

        options = [(_("1 een beetje belangrijk"), 1), (_("2 belangrijk"), 2), (_("3 heel belangrijk"), 3)]

        def chosen(weight: int | None) -> None:
            if weight is not None:
                criteria = [
                    c.model_copy(update={"weight": weight}) if c.id == criterion.id else c for c in self.record.criteria
                ]
                self.store(self.record.model_copy(update={"criteria": criteria}))

        self.app.push_screen(ChooseDialog(_("Hoe belangrijk is '{name}'?", name=criterion.text), options), chosen)

    def action_score(self, value: int | None) -> None:
        option, criterion = self.current_option(), self.current_criterion()
        if option is None or criterion is None:
            self.notify(_("Ga met de pijltjes naar een cel onder een criterium."), severity="warning")
            return
        self.store(decision_matrix.set_score(self.record, option.id, criterion.id, value))

    def action_clear(self) -> None:
        self.action_score(None)

    def action_rename(self) -> None:
        criterion, option = self.current_criterion(), self.current_option()
        if criterion is not None:

            def renamed(text: str) -> None:
                criteria = [
                    c.model_copy(update={"text": text}) if c.id == criterion.id else c for c in self.record.criteria
                ]
                self.store(self.record.model_copy(update={"criteria": criteria}))

            self.ask(_("Criterium"), criterion.text, renamed)
        elif option is not None:

            def renamed_option(text: str) -> None:
                options = [o.model_copy(update={"text": text}) if o.id == option.id else o for o in self.record.options]
                self.store(self.record.model_copy(update={"options": options}))

            self.ask(_("Optie"), option.text, renamed_option)

    def action_delete(self) -> None:
        criterion, option = self.current_criterion(), self.current_option()
        if criterion is None and option is None:
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            if criterion is not None:
                self.store(decision_matrix.remove_criterion(self.record, criterion.id))
            elif option is not None:
                self.store(
                    self.record.model_copy(update={"options": [o for o in self.record.options if o.id != option.id]})
                )

        question = (
            _("Criterium '{name}' verwijderen?", name=criterion.text)
            if criterion is not None
            else _("Optie '{name}' verwijderen?", name=option.text if option else "")
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_question(self) -> None:
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        def typed(text: str | None) -> None:
            if text is not None:
                self.store(self.record.model_copy(update={"question": text}))

        self.app.push_screen(TextPromptDialog(_("Keuzevraag"), self.record.question, allow_empty=True), typed)

    def action_conclusion(self) -> None:
        self.action_conclude()
