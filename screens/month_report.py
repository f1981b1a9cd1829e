"""The month's package for BDO Adforum (§4.4 samengevat): every document of one month in a folder and a zip."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.print_dialog import failure_message
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.progress_row import ProgressRow
from poptui.screens.widgets.text_input import Input
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Label, Static

from poptui import clock
from poptui.i18n import _
from poptui.locations import exports_folder
from poptui.services import StoreError, forms, months


def previous_month() -> str:
    """The month before today as JJJJ-MM: at the start of a month you report the one before."""
    last_day = clock.today().replace(day=1) - timedelta(days=1)
    return f"{last_day.year:04d}-{last_day.month:02d}"


class MonthReportScreen(BaseScreen[None]):
    """Maandrapport: de documenten van een maand in één map en een zip. Enter of Ctrl+S maakt het pakket."""

    CSS_PATH = "month_report.tcss"
    AUTO_FOCUS = "#month"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="month_report.back"),
        Binding("ctrl+s,f2", "build", _("Pakket maken"), priority=True, id="month_report.build"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.building = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Op het einde van de maand bezorg je alle documenten in één keer aan BDO Adforum. "
                "poptui zet ze in één map en een zip, en zegt wat nog ontbreekt."
            ),
            id="month-intro",
            markup=False,
        )
        with Horizontal(classes="month-row"):
            yield Label(_("Maand (JJJJ-MM)"), classes="month-label", markup=False)
            yield Input(previous_month(), id="month", compact=True)
        with Horizontal(classes="month-row"):
            yield Label(_("Map"), classes="month-label", markup=False)
            yield Input(str(exports_folder()), id="folder", compact=True)
        yield Static("", id="month-problem", markup=False)
        yield ProgressRow("month")
        with VerticalScroll(id="month-summary-box"):
            yield Static(_("Druk Enter of Ctrl+S om het pakket te maken."), id="month-summary", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Maandrapport")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_build()

    def _show_problem(self, message: str) -> None:
        problem = self.query_one("#month-problem", Static)
        problem.update(message)
        problem.set_class(bool(message), "-shown")

    def action_build(self) -> None:
        if self.building:
            return
        try:
            year, month = months.parse_month(self.query_one("#month", Input).value)
        except ValueError as error:
            self._show_problem(str(error))
            self.query_one("#month", Input).focus()
            return
        folder_text = self.query_one("#folder", Input).value.strip()
        folder = Path(folder_text).expanduser() if folder_text else exports_folder()
        self._show_problem("")
        self.building = True
        self.query_one("#month-summary", Static).update(_("Het pakket wordt gemaakt…"))
        self.query_one(ProgressRow).start()  # under the folder, while the package is made
        self._build(year, month, folder)

    @work(thread=True, exclusive=True, group="month-package")
    def _build(self, year: int, month: int, folder: Path) -> None:
        database = self.database
        try:
            result = forms.month_package(
                database, year, month, folder, progress=self.query_one(ProgressRow).report_from_thread
            )
        except (StoreError, OSError, ValueError) as error:
            self.app.call_from_thread(self._failed, failure_message(error))
        else:
            self.app.call_from_thread(self._built, result)

    def _built(self, result: forms.MonthPackageResult) -> None:
        self.building = False
        if not self.is_attached:
            return
        self.query_one(ProgressRow).stop()
        self.query_one("#month-summary", Static).update(result.summary)
        self.query_one("#month-summary-box", VerticalScroll).focus()
        self.notify(_("Het maandpakket is klaar."))

    def _failed(self, message: str) -> None:
        self.building = False
        if not self.is_attached:
            return
        self.query_one(ProgressRow).stop()
        self.query_one("#month-summary", Static).update(_("Het pakket is niet gemaakt."))
        self._show_problem(message)
