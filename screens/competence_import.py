"""Import the organisation's own competentiewoordenboek from an Excel or CSV file: preview per row,
then all or nothing. The file is read in a worker thread, so a large or slow file never freezes
the screen; everything from the file is shown as plain text (the service cleaned and cut it)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.text_input import Input
from poptui.screens.widgets.tickbox import TickBox
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Static

from poptui.i18n import _, _n
from poptui.models import Organisation
from poptui.services import StoreError
from poptui.services.competence_import import CompetenceImport, ImportFileError, ImportRefused, prepare_import
from poptui.services.organisations import get_organisation
from poptui.text import clean_line, shorten


class ImportCompetencesScreen(BaseScreen[None]):
    """Lees een competentiewoordenboek in. Enter in het bestandsveld toont wat er zal gebeuren; Ctrl+S leest in."""

    CSS_PATH = "import_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="competence_import.back"),
        Binding("ctrl+s,f2", "import_rows", _("Importeren"), priority=True, id="competence_import.run"),
    ]

    def __init__(self, organisation_id: str) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.result: CompetenceImport | None = None
        self._result_for: tuple[str, bool] | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Eén rij per competentie. Kolommen: competentie, definitie, soort (generiek of technisch) en "
                "gedragsindicator 1 tot 5 (of één kolom gedragsindicatoren, één per regel). ; of , en een titelrij mogen."
            ),
            id="import-intro",
            markup=False,
        )
        with Horizontal(classes="import-field"):
            yield Label(_("Bestand *"), markup=False)
            yield Input(
                placeholder=_("pad naar .xlsx of .csv, bv. ~/Downloads/woordenboek.xlsx"),
                compact=True,
                select_on_focus=False,  # Tab back into the field and typing must not wipe the path
                id="import-path",
            )
        with Horizontal(classes="import-field"):
            yield Label("", markup=False)
            yield TickBox(_("Vervang het hele woordenboek"), id="import-replace", compact=True)
        yield Static("", id="import-error", markup=False)
        yield Static(
            _("Typ het pad en druk Enter voor een voorbeeld. Er wordt pas iets opgeslagen met Ctrl+S."),
            id="import-summary",
            markup=False,
        )
        yield FittedTable(id="import-rows", cursor_type="row", zebra_stripes=True)
        yield Static("", id="import-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        organisation = get_organisation(self.database, self.organisation_id)
        self.title = _("Competentiewoordenboek importeren")
        self.sub_title = organisation.name
        table = self.query_one(FittedTable)
        table.set_columns(
            [
                Column(_("Rij"), "row", 5),
                Column(_("Competentie"), "name", 24, grow=True),
                Column(_("Resultaat"), "outcome", 16),
                Column(_("Reden"), "reason", 26, grow=True),
            ]
        )
        self.query_one("#import-path", Input).focus()

    def _error(self, message: str) -> None:
        error = self.query_one("#import-error", Static)
        error.update(message)
        error.display = bool(message)

    def _path(self) -> str:
        return self.query_one("#import-path", Input).value.strip().strip('"')

    def _replace(self) -> bool:
        return self.query_one("#import-replace", TickBox).value

    @on(Input.Submitted, "#import-path")
    def _submitted(self) -> None:
        self.preview()

    @on(Input.Changed, "#import-path")
    @on(TickBox.Changed, "#import-replace")
    def _changed(self) -> None:
        self._error("")

    def preview(self) -> bool:
        if self.busy:
            return False
        raw = self._path()
        if not raw:
            self._error(_("Typ het pad naar het bestand (.xlsx of .csv)."))
            return False
        path = Path(raw).expanduser()
        if not path.is_file():
            self._error(_("Dit bestand bestaat niet: {path}", path=shorten(clean_line(str(path)), 200)))
            return False
        self.busy = True
        self.query_one("#import-summary", Static).update(_("Bestand lezen ..."))
        self._prepare(get_organisation(self.database, self.organisation_id), path, self._replace())
        return True

    @work(thread=True, exclusive=True, group="competence-import")
    def _prepare(self, organisation: Organisation, path: Path, replace: bool) -> None:
        try:
            result = prepare_import(self.database, path, organisation, replace=replace)
        except (ImportFileError, StoreError) as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self._prepared, result, (str(path), replace))

    def _failed(self, message: str) -> None:
        self.busy = False
        if not self.is_attached:
            return
        self.result = None
        self._error(message)
        self.query_one("#import-summary", Static).update("")
        self.query_one("#import-path", Input).focus()

    def _prepared(self, result: CompetenceImport, key: tuple[str, bool]) -> None:
        self.busy = False
        if not self.is_attached:
            return
        self.result = result
        self._result_for = key
        self._show()
        self.query_one(DataTable).focus()

    def _show(self) -> None:
        result = self.result
        if result is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        for row in result.rows:
            table.add_row(
                Text(str(row.number)),
                Text(row.name),
                Text(row.outcome_text(result.committed)),
                Text(row.reason),
                key=str(row.number),
            )
        lines = [result.summary(), *result.notes()]
        if not result.committed and result.can_commit:
            lines.append(_("Dit is een voorbeeld: er is nog niets opgeslagen. Ctrl+S leest het woordenboek in."))
        self.query_one("#import-summary", Static).update("\n".join(lines))
        self._detail(0)

    def _detail(self, index: int) -> None:
        result = self.result
        detail = self.query_one("#import-detail", Static)
        if result is None or not 0 <= index < len(result.rows):
            detail.update("")
            return
        detail.update(result.rows[index].describe(result.committed))

    @on(DataTable.RowHighlighted, "#import-rows")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def action_import_rows(self) -> None:
        result = self.result
        if self.busy:
            return
        if result is None or self._result_for != (str(Path(self._path()).expanduser()), self._replace()):
            self.preview()
            return
        if result.committed:
            self.notify(_("Dit bestand is al ingelezen."))
            return
        if not result.can_commit:
            self.notify(
                result.problem
                or _(
                    "Er wordt niets ingelezen zolang er rijen geweigerd worden. Verbeter het bestand en probeer opnieuw."
                ),
                severity="warning",
                markup=False,
            )
            return
        from poptui.screens.dialogs import ConfirmDialog

        question = _n(
            "{count} competentie inlezen in het woordenboek?",
            "{count} competenties inlezen in het woordenboek?",
            len(result.accepted),
        )
        if result.removed:
            question += " " + _n(
                "{count} competentie verdwijnt uit het woordenboek.",
                "{count} competenties verdwijnen uit het woordenboek.",
                len(result.removed),
            )
        self.app.push_screen(ConfirmDialog(question), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes or self.result is None:
            return
        try:
            self.result.commit()
        except ImportRefused as error:
            self._show()
            self.notify(str(error), severity="error", markup=False)
            return
        except StoreError as error:
            self.notify(_("Er is niets ingelezen. {reason}", reason=str(error)), severity="error", markup=False)
            return
        self._show()
        self.notify(self.result.summary(), markup=False)
