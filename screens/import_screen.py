"""Import employees from an Excel or CSV file: choose the organisation and the file, preview, import.

Reading, checking and saving run in a worker thread with a progress bar, so a file of
10,000 rows never freezes the screen. Everything from the file is shown as plain text
(``rich.text.Text`` cells, ``markup=False``): the service has already cleaned and cut it.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.progress_row import ProgressRow
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import AnyInput, Input
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Static

from poptui.i18n import _, _n
from poptui.models import Organisation
from poptui.services import StoreError, directory
from poptui.services.import_employees import EmployeeImport, ImportFileError, Outcome, RowResult, prepare_import
from poptui.services.organisations import get_organisation
from poptui.text import clean_line, shorten

TABLE_LIMIT = 2000
"""A bigger file shows only its refused and duplicate rows in the table (the rest is counted)."""


class ImportEmployeesScreen(BaseScreen[None]):
    """Read employees from a .xlsx or .csv file. Enter in the file field (or F3) shows what will happen.
    Letters are text here (a path is typed): the keys are function keys."""

    CSS_PATH = "import_screen.tcss"
    LETTERS_ARE_TEXT = True
    BINDINGS: ClassVar = [
        Binding("escape", "back", _("Terug"), id="import.back"),
        Binding("f3", "preview", _("Voorbeeld"), id="import.preview"),
        Binding("ctrl+s,f2", "import_rows", _("Importeren"), priority=True, id="import.run"),
    ]

    def __init__(self, organisation_id: str | None = None) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.result: EmployeeImport | None = None
        self._result_for: tuple[str, str] | None = None
        self._shown: list[RowResult] = []
        self.busy = ""
        """'' when idle, else what runs: 'preview' or 'import'."""
        self._import_after_preview = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Eerste rij (eventueel onder een titel): voornaam, achternaam, functie, begeleider, "
                "reflectievermogen (laag/gemiddeld/hoog). Ook Engelse kolomnamen en ; of , mogen."
            ),
            id="import-intro",
            markup=False,
        )
        with Horizontal(classes="import-field"):
            yield Label(_("Organisatie *"), markup=False)
            yield Select([], prompt=_("Kies de organisatie"), compact=True, id="import-organisation")
        with Horizontal(classes="import-field"):
            yield Label(_("Bestand *"), markup=False)
            yield Input(
                placeholder=_("pad naar .xlsx of .csv, bv. ~/Downloads/werknemers.xlsx"), compact=True, id="import-path"
            )
        yield Static("", id="import-error", markup=False)
        yield ProgressRow("import")
        yield Static(
            _("Typ het pad en druk Enter voor een voorbeeld. Er wordt pas iets opgeslagen met Ctrl+S."),
            id="import-summary",
            markup=False,
        )
        yield FittedTable(id="import-rows", cursor_type="row", zebra_stripes=True)
        yield Static("", id="import-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Werknemers importeren")
        organisations = directory.organisations(self.database)
        select = self.query_one("#import-organisation", Select)
        select.set_options([(Text(organisation.name), organisation.id) for organisation in organisations])
        if self.organisation_id and any(item.id == self.organisation_id for item in organisations):
            select.value = self.organisation_id
        elif len(organisations) == 1:
            select.value = organisations[0].id
        table = self.query_one(FittedTable)
        table.set_columns(
            [
                Column(_("Rij"), "row", 5),
                Column(_("Naam"), "name", 24, grow=True),
                Column(_("Resultaat"), "outcome", 20),
                Column(_("Reden"), "reason", 22, grow=True),
            ]
        )
        if select.value is Select.NULL:
            select.focus()
        else:
            self.query_one("#import-path", Input).focus()

    # -- input -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "preview" and isinstance(self.focused, AnyInput):
            return False  # the letter is typed; Enter makes the preview
        if action in ("preview", "import_rows") and self.busy:
            return None  # shown dimmed while the file is read or saved
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        if self.busy == "import":
            self.notify(_("Even wachten: de werknemers worden opgeslagen."), markup=False)
            return
        self.app.pop_screen()

    def _error(self, message: str) -> None:
        error = self.query_one("#import-error", Static)
        error.update(message)
        error.display = bool(message)

    def _chosen(self) -> tuple[Organisation, Path] | None:
        """The organisation and an existing file, or None after showing what is missing."""
        value = self.query_one("#import-organisation", Select).value
        raw_path = self.query_one("#import-path", Input).value.strip().strip('"')
        if value is Select.NULL:
            self._error(_("Kies eerst de organisatie van deze werknemers."))
            self.query_one("#import-organisation", Select).focus()
            return None
        if not raw_path:
            self._error(_("Typ het pad naar het bestand (.xlsx of .csv)."))
            self.query_one("#import-path", Input).focus()
            return None
        path = Path(raw_path).expanduser()
        if not path.is_file():
            self._error(_("Dit bestand bestaat niet: {path}", path=shorten(clean_line(str(path)), 200)))
            self.query_one("#import-path", Input).focus()
            return None
        organisation = get_organisation(self.database, str(value))
        return organisation, path

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self) -> None:
        self.action_preview()

    @on(Input.Changed, "#import-path")
    @on(Select.Changed, "#import-organisation")
    def _choice_changed(self) -> None:
        self._error("")

    # -- progress ----------------------------------------------------------------------

    def _set_busy(self, what: str, step: str = "") -> None:
        self.busy = what
        row = self.query_one(ProgressRow)
        if what:
            row.start(step)
        else:
            row.stop()
        self.refresh_bindings()

    # -- preview and import ------------------------------------------------------------

    def action_preview(self) -> bool:
        if self.busy:
            return False
        chosen = self._chosen()
        if chosen is None:
            return False
        organisation, path = chosen
        self._error("")
        self._set_busy("preview", _("Bestand lezen"))
        self._prepare(organisation, path)
        return True

    @work(thread=True, exclusive=True, group="import")
    def _prepare(self, organisation: Organisation, path: Path) -> None:
        try:
            result = prepare_import(
                self.database,
                path,
                organisation,
                progress=self.query_one(ProgressRow).report_from_thread,
            )
        except (ImportFileError, StoreError) as error:
            self.app.call_from_thread(self._prepare_failed, str(error))
        else:
            self.app.call_from_thread(self._prepared, result, organisation.id, str(path))

    def _prepare_failed(self, message: str) -> None:
        self._import_after_preview = False
        if not self.is_attached:
            return
        self._set_busy("")
        self.result = None
        self._error(message)
        self.query_one("#import-path", Input).focus()

    def _prepared(self, result: EmployeeImport, organisation_id: str, path: str) -> None:
        if not self.is_attached:
            return
        self._set_busy("")
        self.result = result
        self._result_for = (organisation_id, path)
        self._show_result()
        self.query_one(DataTable).focus()
        if self._import_after_preview:
            self._import_after_preview = False
            self.action_import_rows()

    def _current(self) -> bool:
        value = self.query_one("#import-organisation", Select).value
        path = str(Path(self.query_one("#import-path", Input).value.strip().strip('"')).expanduser())
        return self.result is not None and self._result_for == (str(value), path)

    def _show_result(self) -> None:
        result = self.result
        if result is None:
            return
        table = self.query_one(DataTable)
        table.clear()
        rows = result.rows
        if len(rows) > TABLE_LIMIT:
            rows = [row for row in rows if row.outcome is not Outcome.ADDED][:TABLE_LIMIT]
        self._shown = rows
        for row in rows:
            table.add_row(
                Text(str(row.number)),
                Text(row.name),
                Text(row.outcome_text(result.committed)),
                Text(row.details()),
                key=str(row.number),
            )
        lines = [result.summary(), *result.notes()]
        if len(rows) < len(result.rows):
            lines.append(self._table_note(len(rows), result))
        if not result.committed:
            lines.append(_("Dit is een voorbeeld: er is nog niets opgeslagen. Ctrl+S importeert."))
        self.query_one("#import-summary", Static).update("\n".join(lines))
        self._show_detail(0)

    @staticmethod
    def _table_note(shown: int, result: EmployeeImport) -> str:
        """What a table of ``shown`` rows leaves out of a large file: the rows that are in order, and
        when even the rows not added are more than :data:`TABLE_LIMIT`, the rest of those."""
        added = len(result.added)
        not_added = len(result.rows) - added
        if shown < not_added:
            note = _(
                "De tabel toont de eerste {shown} van de {count} rijen die niet worden toegevoegd.",
                shown=shown,
                count=not_added,
            )
        else:
            note = _("De tabel toont de {shown} rijen die niet worden toegevoegd.", shown=shown)
        if added:
            note += " " + _n(
                "De andere rij is in orde en staat niet in de tabel.",
                "De andere {count} rijen zijn in orde en staan niet in de tabel.",
                added,
            )
        return note

    def _show_detail(self, index: int) -> None:
        detail = self.query_one("#import-detail", Static)
        if not 0 <= index < len(self._shown):
            detail.update("")
            return
        committed = self.result.committed if self.result else False
        detail.update(self._shown[index].describe(committed))

    @on(DataTable.RowHighlighted, "#import-rows")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def action_import_rows(self) -> None:
        if self.busy:
            return
        if not self._current():
            self._import_after_preview = self.action_preview()
            return
        result = self.result
        if result is None:
            return
        if result.committed:
            self.notify(_("Dit bestand is al ingelezen."))
            return
        if not result.added:
            self.notify(_("Er is niets om toe te voegen: alle rijen zijn dubbel of geweigerd."), severity="warning")
            return
        from poptui.screens.dialogs import ConfirmDialog

        question = _n(
            "{count} werknemer toevoegen aan {organisation}?",
            "{count} werknemers toevoegen aan {organisation}?",
            len(result.added),
            organisation=result.organisation.name,
        )
        if result.refused:
            question += " " + _n(
                "{count} rij wordt geweigerd en niet ingelezen; verbeter ze later in het bestand en importeer opnieuw.",
                "{count} rijen worden geweigerd en niet ingelezen; verbeter die later in het bestand en importeer opnieuw.",
                len(result.refused),
            )
        self.app.push_screen(ConfirmDialog(question), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes or self.result is None or self.busy:
            return
        self._set_busy("import", _("Opslaan"))
        self._commit(self.result)

    @work(thread=True, exclusive=True, group="import")
    def _commit(self, result: EmployeeImport) -> None:
        try:
            result.commit(progress=self.query_one(ProgressRow).report_from_thread)
        except StoreError as error:
            self.app.call_from_thread(self._commit_failed, str(error))
        else:
            self.app.call_from_thread(self._committed)

    def _commit_failed(self, message: str) -> None:
        if self.is_attached:
            self._set_busy("")
        self.notify(_("Er is niets ingelezen. {reason}", reason=message), severity="error", timeout=10, markup=False)

    def _committed(self) -> None:
        if not self.is_attached or self.result is None:
            return
        self._set_busy("")
        self._show_result()
        self.notify(self.result.summary(), markup=False)
