"""Zinvolheids- en haalbaarheidsscan (§5.7): actions per domain, scored by the employee and by the
coach (10 / 5 / 1 on zinvol and haalbaar), compared side by side, the agreed ones into the plan."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.method_screen import MethodScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from poptui.catalog import ScanDomain, load_catalog
from poptui.i18n import _, _n
from poptui.models.planning import SCAN_DOMAINS, ScanAction, ScanRecord
from poptui.services import pop_documents, scan

SCORE_COLUMNS = ("employee_meaningful", "employee_feasible", "coach_meaningful", "coach_feasible")
SCORE_KEYS = {"z": 10, "0": 10, "b": 5, "5": 5, "n": 1, "1": 1}


def score_text(value: int | None) -> str:
    return "-" if value is None else str(value)


class ScanScreen(MethodScreen):
    """Scan: a actie, z/b/n (of 0/5/1) scoort de cel, v vergelijkt, k kiest de akkoord-acties, p naar het plan."""

    CSS_PATH = "scan_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("a", "add", _("Actie"), id="scan.add"),
        Binding("z,0", "score(10)", _("zeer"), key_display="z/0", id="scan.score10"),
        Binding("b,5", "score(5)", _("best wel"), key_display="b/5", id="scan.score5"),
        Binding("n,1", "score(1)", _("niet zo"), key_display="n/1", id="scan.score1"),
        Binding("backspace", "score(0)", _("Score wissen"), show=False, id="scan.clear"),
        Binding("c,space", "choose", _("Kiezen"), show=False, id="scan.choose"),
        Binding("v", "compare", _("Vergelijk"), id="scan.compare"),
        Binding("k", "choose_agreed", _("Kies akkoord"), show=False, id="scan.agreed"),
        Binding("p", "into_plan", _("Naar plan"), id="scan.plan"),
        Binding("right_square_bracket", "domain(1)", _("Volgend domein"), show=False, id="scan.next"),
        Binding("left_square_bracket", "domain(-1)", _("Vorig domein"), show=False, id="scan.previous"),
        Binding("o", "toggle_domain", _("Domein aan/uit"), show=False, id="scan.domain_on"),
        Binding("e,enter", "edit", _("Tekst wijzigen"), show=False, id="scan.edit"),
        Binding("s", "smart", _("SMART-velden"), show=False, id="scan.smart"),
        Binding("x,delete", "delete", _("Verwijderen"), show=False, id="scan.delete"),
    ]
    record: ScanRecord
    domain: int = 1
    """The domain (1-7) whose actions are shown."""
    comparing: bool = False
    """Whether the employee's and the coach's scores are shown side by side."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="scan-domain", markup=False)
        yield Static("", id="scan-help", markup=False)
        yield FittedTable(id="scan-table", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="scan-status", markup=False)
        yield KeyFooter()

    def after_load(self) -> None:
        self.query_one(DataTable).focus()

    # -- showing -----------------------------------------------------------------------

    def _domain_info(self) -> ScanDomain:
        return load_catalog().scan.domains[self.domain - 1]

    def redraw(self) -> None:
        table = self.query_one(FittedTable)
        row, column = table.cursor_coordinate
        table.clear(columns=True)
        columns = [Column("#", "number", 2), Column(_("Actie"), "action", 24 if self.comparing else 27, grow=True)]
        if self.comparing:
            columns.append(Column(_("Dom"), "domain", 3))
        for index, header in enumerate((_("W-ZV"), _("W-HB"), _("C-ZV"), _("C-HB"))):
            columns.append(Column(header, f"score-{index}", 4))
        columns += [Column(_("W+C"), "total", 5), Column(_("Akk"), "agreed", 3), Column(_("Kies"), "chosen", 4)]
        table.set_columns(columns)
        lines = (
            scan.compared(self.record)
            if self.comparing
            else [
                scan.ScanLine(a, scan.employee_total(a), scan.coach_total(a), scan.combined_total(a), scan.agreed(a))
                for a in scan.actions_in_domain(self.record, self.domain)
            ]
        )
        for number, line in enumerate(lines, start=1):
            action = line.action
            cells: list[str | Text] = [str(number), Text(" ".join(action.text.split()))]
            if self.comparing:
                cells.append(str(action.domain))
            cells += [score_text(getattr(action, name)) for name in SCORE_COLUMNS]
            cells += [
                f"{score_text(line.employee_total)}+{score_text(line.coach_total)}",
                _("ja") if line.agreed else "",
                Text("[x]" if action.chosen else "[ ]"),
            ]
            table.add_row(*cells, key=action.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), column=column)
        self._show_heading()

    def _show_heading(self) -> None:
        guide = load_catalog().scan
        if self.comparing:
            heading = _("Vergelijking van alle gekozen domeinen (akkoord eerst, dan het hoogste totaal)")
            help_text = _(guide.compare_instruction)
        else:
            info = self._domain_info()
            applies = self.domain in self.record.domains
            heading = _("Domein {number}/7: {name}", number=info.number, name=_(info.heading))
            if not applies:
                heading += " " + _("(niet van toepassing; o zet het terug aan)")
            help_text = _(info.help)
        self.query_one("#scan-domain", Static).update(heading)
        self.query_one("#scan-help", Static).update(help_text)
        chosen = sum(action.chosen for action in self.record.actions if action.domain in self.record.domains)
        agreed = len(scan.agreed_ids(self.record))
        self.query_one("#scan-status", Static).update(
            _(
                "W = werknemer, C = coach. 10 zeer, 5 best wel, 1 niet zo. Akkoord: {agreed}, gekozen: {chosen}. "
                "[ en ] wisselen van domein.",
                agreed=agreed,
                chosen=chosen,
            )
        )

    def guidance_extra(self) -> str:
        guide = load_catalog().scan
        scores = "\n".join(f"  {s.value}: {s.meaningful} / {s.feasible}" for s in guide.scores)
        domains = "\n".join(f"  {d.number}. {d.name}: {d.help}" for d in guide.domains)
        rule = _(
            "Akkoord betekent in poptui: werknemer en coach gaven allebei een score voor zinvol en haalbaar, "
            "en niemand gaf 1 (niet zo)."
        )
        return "\n\n".join([_(guide.scoring_instruction), scores, domains, _(guide.note), rule])

    # -- helpers -------------------------------------------------------------------------

    def current(self) -> ScanAction | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((action for action in self.record.actions if action.id == key), None)

    def _changed_action(self, action_id: str, **changes: object) -> None:
        changed = self.record.model_copy(deep=True)
        changed.actions = [a.model_copy(update=changes) if a.id == action_id else a for a in changed.actions]
        self.store(changed)

    # -- keys --------------------------------------------------------------------------------

    def action_domain(self, step: int) -> None:
        self.comparing = False
        self.domain = (self.domain - 1 + step) % len(SCAN_DOMAINS) + 1
        self.redraw()

    def action_toggle_domain(self) -> None:
        changed = self.record.model_copy(deep=True)
        domains = set(changed.domains)
        domains.symmetric_difference_update({self.domain})
        changed.domains = sorted(domains)
        self.store(changed)

    def action_compare(self) -> None:
        self.comparing = not self.comparing
        self.redraw()

    def action_add(self) -> None:
        if self.comparing:
            self.comparing = False
            self.redraw()
        if not scan.can_add(self.record, self.domain):
            self.notify(_("Per domein zijn er maximaal 10 acties."), severity="warning")
            return

        def typed(text: str) -> None:
            changed = self.record.model_copy(deep=True)
            changed.actions = [*changed.actions, ScanAction(domain=self.domain, text=text)]
            if self.store(changed):
                table = self.query_one(DataTable)
                table.move_cursor(row=table.row_count - 1, column=2)

        self.ask(_("Nieuwe actie in domein {number}", number=self.domain), "", typed)

    def action_edit(self) -> None:
        action = self.current()
        if action is None:
            return
        self.ask(_("Actie"), action.text, lambda text: self._changed_action(action.id, text=text))

    def action_score(self, value: int) -> None:
        action = self.current()
        if action is None:
            return
        column = self.query_one(DataTable).cursor_column - (3 if self.comparing else 2)
        if not 0 <= column < len(SCORE_COLUMNS):
            self.notify(_("Ga met de pijltjes naar een scorekolom (W-ZV, W-HB, C-ZV of C-HB)."), severity="warning")
            return
        self._changed_action(action.id, **{SCORE_COLUMNS[column]: value or None})

    def action_choose(self) -> None:
        action = self.current()
        if action is not None:
            self._changed_action(action.id, chosen=not action.chosen)

    def action_choose_agreed(self) -> None:
        self.store(scan.choose_agreed(self.record))
        self.notify(_("De acties waarover jullie akkoord zijn, zijn gekozen."))

    def action_smart(self) -> None:
        action = self.current()
        if action is None:
            return
        from poptui.screens.planning_forms import PlannedActionForm

        def saved(values: dict | None) -> None:
            if values is not None:
                self._changed_action(action.id, **values)

        self.app.push_screen(PlannedActionForm(self.record.id, action, career=False), saved)

    def action_delete(self) -> None:
        action = self.current()
        if action is None:
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                changed = self.record.model_copy(deep=True)
                changed.actions = [a for a in changed.actions if a.id != action.id]
                self.store(changed)

        self.app.push_screen(ConfirmDialog(_("Deze actie uit de scan verwijderen?")), answered)

    def action_into_plan(self) -> None:
        if not any(a.chosen and a.domain in self.record.domains for a in self.record.actions):
            self.notify(_("Kies eerst acties (c of spatie, of k voor alle akkoord-acties)."), severity="warning")
            return
        pop = pop_documents.get_or_create_pop(self.database, self.trajectory())
        try:
            self.record, pop, added = scan.into_plan(self.database, self.record, pop)
        except pop_documents.PopIsFinal as error:
            self.notify(str(error), severity="warning")
            return
        self.redraw()
        self.notify(
            _n(
                "{count} actie toegevoegd aan het actieplan. Werk ze daar verder uit.",
                "{count} acties toegevoegd aan het actieplan. Werk ze daar verder uit.",
                added,
            )
        )
