"""Import employees from an Excel or CSV file: choose the organisation and the file, preview, import."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Select, Static

from poptui.i18n import _
from poptui.models import Organisation
from poptui.services import directory
from poptui.services.import_employees import EmployeeImport, ImportFileError, prepare_import
from poptui.store import StoreError


class ImportEmployeesScreen(Screen[None]):
    """Read employees from a .xlsx or .csv file. Enter in the file field (or p) shows what will happen."""

    CSS_PATH = "import_screen.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="import.back"),
        Binding("p", "preview", _("Voorbeeld"), id="import.preview"),
        Binding("ctrl+s,f2", "import_rows", _("Importeren"), priority=True, id="import.run"),
    ]

    def __init__(self, organisation_id: str | None = None) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.result: EmployeeImport | None = None
        self._result_for: tuple[str, str] | None = None

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
            yield Label(_("Organisatie *"))
            yield Select([], prompt=_("Kies de organisatie"), compact=True, id="import-organisation")
        with Horizontal(classes="import-field"):
            yield Label(_("Bestand *"))
            yield Input(
                placeholder=_("pad naar .xlsx of .csv, bv. ~/Downloads/werknemers.xlsx"), compact=True, id="import-path"
            )
        yield Static("", id="import-error", markup=False)
        yield Static(
            _("Typ het pad en druk Enter voor een voorbeeld. Er wordt pas iets opgeslagen met Ctrl+S."),
            id="import-summary",
            markup=False,
        )
        yield DataTable(id="import-rows", cursor_type="row", zebra_stripes=True)
        yield Static("", id="import-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Werknemers importeren")
        organisations = directory.organisations(self.app.database)  # type: ignore[attr-defined]
        select = self.query_one("#import-organisation", Select)
        select.set_options([(organisation.name, organisation.id) for organisation in organisations])
        if self.organisation_id and any(item.id == self.organisation_id for item in organisations):
            select.value = self.organisation_id
        table = self.query_one(DataTable)
        table.add_column(_("Rij"), key="row", width=4)
        table.add_column(_("Naam"), key="name", width=24)
        table.add_column(_("Resultaat"), key="outcome", width=20)
        table.add_column(_("Reden"), key="reason", width=22)
        if select.value is Select.NULL:
            select.focus()
        else:
            self.query_one("#import-path", Input).focus()

    # -- input -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "preview" and isinstance(self.focused, Input):
            return False  # the letter is typed; Enter makes the preview
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

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
            self._error(_("Dit bestand bestaat niet: {path}", path=path))
            self.query_one("#import-path", Input).focus()
            return None
        organisation = self.app.database.get(Organisation, str(value))  # type: ignore[attr-defined]
        return organisation, path

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self) -> None:
        self.action_preview()

    @on(Input.Changed, "#import-path")
    @on(Select.Changed, "#import-organisation")
    def _choice_changed(self) -> None:
        self._error("")

    # -- preview and import ------------------------------------------------------------

    def action_preview(self) -> bool:
        chosen = self._chosen()
        if chosen is None:
            return False
        organisation, path = chosen
        try:
            self.result = prepare_import(self.app.database, path, organisation)  # type: ignore[attr-defined]
        except (ImportFileError, StoreError) as error:
            self.result = None
            self._error(str(error))
            return False
        self._result_for = (organisation.id, str(path))
        self._error("")
        self._show_result()
        self.query_one(DataTable).focus()
        return True

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
        for row in result.rows:
            details = "; ".join(part for part in (row.reason, row.note) if part)
            table.add_row(str(row.number), row.name, row.outcome_text(result.committed), details, key=str(row.number))
        lines = [result.summary(), *result.notes()]
        if not result.committed:
            lines.append(_("Dit is een voorbeeld: er is nog niets opgeslagen. Ctrl+S importeert."))
        self.query_one("#import-summary", Static).update("\n".join(lines))
        self._show_detail(0)

    def _show_detail(self, index: int) -> None:
        detail = self.query_one("#import-detail", Static)
        rows = self.result.rows if self.result else []
        if not 0 <= index < len(rows):
            detail.update("")
            return
        row = rows[index]
        committed = self.result.committed if self.result else False
        detail.update(row.describe(committed))

    @on(DataTable.RowHighlighted, "#import-rows")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def action_import_rows(self) -> None:
        if not self._current() and not self.action_preview():
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

        question = _(
            "{count} werknemer(s) toevoegen aan {organisation}?",
            count=len(result.added),
            organisation=result.organisation.name,
        )
        if result.refused:
            question += " " + _(
                "{count} rij(en) worden geweigerd en niet ingelezen; verbeter die later in het "
                "bestand en importeer opnieuw.",
                count=len(result.refused),
            )
        self.app.push_screen(ConfirmDialog(question), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes or self.result is None:
            return
        try:
            self.result.commit()
        except StoreError as error:
            self.notify(_("Er is niets ingelezen. {reason}", reason=str(error)), severity="error", timeout=10)
            return
        self._show_result()
        self.notify(self.result.summary())
