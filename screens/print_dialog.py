"""Afdrukken: write a form as PDF, show where it is, and send it to the printer when there is one.

Every screen prints through :func:`print_form`: it passes a function that writes the PDF
(one of :mod:`poptui.services.forms`) and a short Dutch description of what is printed.
The PDF is written in a thread, so the screen stays responsive; the dialog then shows the
file's path and, where ``lp`` exists, offers to send it to the default printer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from poptui.screens.base import BaseModal, poptui_app
from poptui.screens.dialogs import ChooseDialog
from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from poptui.i18n import _
from poptui.models import Record
from poptui.services import StoreError, forms


def print_form(
    app: App,
    make_pdf: Callable[[], Path],
    record_label: str,
    *,
    record: Record | None = None,
    done: Callable[[Path | None], None] | None = None,
    upload_trajectory_id: str | None = None,
) -> None:
    """Write the PDF in the background and show the result; ``record`` is named in the audit trail
    when the file goes to the printer, ``done`` receives the written path (None when it failed).
    With ``upload_trajectory_id`` (a final POP) m shows how to upload it to Mijn Loopbaan."""
    app.push_screen(
        PrintResultDialog(make_pdf, record_label, record=record, upload_trajectory_id=upload_trajectory_id), done
    )


def failure_message(error: BaseException) -> str:
    """A Dutch sentence for what went wrong while writing or printing a document."""
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, PermissionError):
        return _(
            "Het bestand kon niet geschreven worden: je hebt geen toegang tot {path}.",
            path=error.filename or _("die map"),
        )
    if isinstance(error, OSError):
        return _("Het bestand kon niet geschreven worden: {reason}.", reason=error.strerror or str(error))
    return _("Het document kon niet gemaakt worden: {reason}", reason=str(error))


class PrintResultDialog(BaseModal[Path | None]):
    """Het document wordt gemaakt; daarna zie je waar het staat en kun je het naar de printer sturen."""

    DEFAULT_CSS = """
    PrintResultDialog { align: center middle; }
    PrintResultDialog > Vertical { width: 76; max-width: 98%; height: auto; max-height: 95%; border: thick $accent;
                                   padding: 0 1; background: $surface; }
    PrintResultDialog #print-title { text-style: bold; }
    PrintResultDialog #print-path { color: $text; text-style: bold; margin: 1 0 0 0; }
    PrintResultDialog #print-message { margin-top: 1; }
    PrintResultDialog #print-message.-error { color: $error; text-style: bold; }
    PrintResultDialog Horizontal { height: auto; margin-top: 1; }
    PrintResultDialog Button { margin: 0 1 0 0; }
    PrintResultDialog #print-hint { color: $text-muted; height: auto; padding: 0; }
    """
    BINDINGS: ClassVar = [
        Binding("p", "send_to_printer", _("Naar de printer"), id="print.printer"),
        Binding("m", "upload", _("Opladen in Mijn Loopbaan"), id="print.upload"),
        Binding("escape", "close", _("Sluiten"), id="print.close"),
    ]

    def __init__(
        self,
        make_pdf: Callable[[], Path],
        record_label: str,
        *,
        record: Record | None = None,
        upload_trajectory_id: str | None = None,
    ) -> None:
        super().__init__()
        self.make_pdf = make_pdf
        self.record_label = record_label
        self.record = record
        self.upload_trajectory_id = upload_trajectory_id
        self.path: Path | None = None
        self.printer = False
        self.printing = False
        self._gone = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Afdrukken: {what}", what=self.record_label), id="print-title", markup=False)
            yield Static(_("Het document wordt gemaakt…"), id="print-status", markup=False)
            yield Static("", id="print-path", markup=False)
            yield Static("", id="print-message", markup=False)
            with Horizontal():
                yield Button(_("Afdrukken op de printer (P)"), id="to-printer", variant="primary")
                yield Button(_("Mijn Loopbaan (M)"), id="upload")
                yield Button(_("Sluiten (Esc)"), id="close")
            yield Static("", id="print-hint", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#to-printer", Button).display = False
        self.query_one("#upload", Button).display = False
        self.query_one("#print-path", Static).display = False
        self.query_one("#print-message", Static).display = False
        self.query_one("#close", Button).focus()
        self._write()

    @work(thread=True, exclusive=True, group="print-write")
    def _write(self) -> None:
        try:
            path = self.make_pdf()
            printer = forms.printer_available()
        except (StoreError, OSError, ValueError) as error:
            self.app.call_from_thread(self._failed, failure_message(error))
        else:
            self.app.call_from_thread(self._written, path, printer)

    def _written(self, path: Path, printer: bool) -> None:
        if self._gone:
            return
        self.path = path
        self.printer = printer
        self.query_one("#print-status", Static).update(_("Het document staat klaar in:"))
        shown = self.query_one("#print-path", Static)
        shown.update(str(path))
        shown.display = True
        button = self.query_one("#to-printer", Button)
        button.display = printer
        self.query_one("#upload", Button).display = self.upload_trajectory_id is not None
        hint = self.query_one("#print-hint", Static)
        if printer:
            text = _("P stuurt het naar de printer. Esc sluit; het bestand blijft staan.")
            button.focus()
        else:
            text = _(
                "Er is geen printer ingesteld op deze computer (het programma 'lp' ontbreekt). "
                "Open het bestand om het af te drukken of door te sturen. Esc sluit."
            )
        if self.upload_trajectory_id is not None:
            text += " " + _("M toont hoe je het POP oplaadt in Mijn Loopbaan en markeert het als opgeladen.")
        hint.update(text)
        self.refresh_bindings()

    def _failed(self, message: str) -> None:
        if self._gone:
            return
        self.query_one("#print-status", Static).update(_("Het document is niet gemaakt."))
        self._show_message(message, error=True)
        self.query_one("#print-hint", Static).update(_("Esc sluit dit venster."))

    def _show_message(self, message: str, *, error: bool = False) -> None:
        shown = self.query_one("#print-message", Static)
        shown.update(message)
        shown.set_class(error, "-error")
        shown.display = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send_to_printer":
            return self.path is not None and self.printer and not self.printing
        if action == "upload":
            return self.path is not None and self.upload_trajectory_id is not None
        return True

    def action_upload(self) -> None:
        """The §4.4.2 steps with this POP's name, and the mark 'opgeladen'."""
        if self.path is None or self.upload_trajectory_id is None:
            return
        from poptui.screens.upload_dialog import UploadDialog

        self.app.push_screen(UploadDialog(self.upload_trajectory_id))

    def action_send_to_printer(self) -> None:
        if self.path is None or not self.printer or self.printing:
            return
        self.printing = True
        self.query_one("#to-printer", Button).disabled = True
        self._show_message(_("Bezig met naar de printer sturen…"))
        self.refresh_bindings()
        self._print(self.path)

    @work(thread=True, exclusive=True, group="print-send")
    def _print(self, path: Path) -> None:
        database = self.database
        try:
            message = forms.send_to_printer(path, db=database, record=self.record)
        except (StoreError, OSError) as error:
            message = failure_message(error)
        self.app.call_from_thread(self._printed, message)

    def _printed(self, message: str) -> None:
        if self._gone:
            return
        self.printing = False
        self.query_one("#to-printer", Button).disabled = False
        failed = not message.startswith(_("Naar de printer gestuurd"))
        self._show_message(message, error=failed)
        self.query_one("#close", Button).focus()
        self.refresh_bindings()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "to-printer":
            self.action_send_to_printer()
        elif event.button.id == "upload":
            self.action_upload()
        else:
            self.action_close()

    def action_close(self) -> None:
        self._gone = True
        self.dismiss(self.path)


def worksheet_choices() -> list[tuple[Text, str]]:
    """(title, name) of every blank worksheet, in the order of :func:`forms.worksheet_names`."""
    return [(Text(forms.worksheet_title(name)), name) for name in forms.worksheet_names()]


class BlankWorksheetDialog(ChooseDialog[str]):
    """Kies een blanco werkblad om af te drukken (HAND, competenties, scan, SMART, …)."""

    def __init__(self, organisation_name: str = "") -> None:
        title = (
            _("Blanco werkblad afdrukken voor {name}", name=organisation_name)
            if organisation_name
            else _("Blanco werkblad afdrukken")
        )
        super().__init__(
            Text(title),
            worksheet_choices(),
            hint=_("Pijltjes en Enter kiezen, Esc annuleert."),
        )


def print_pop(app: App, trajectory_id: str) -> None:
    """Print the trajectory's POP; a POP that is not final yet is printed as a draft only after asking."""
    from poptui.screens.dialogs import ConfirmDialog

    from poptui.models import PopStatus
    from poptui.services.print_jobs import pop_print_state

    database = poptui_app(app).database
    try:
        state = pop_print_state(database, trajectory_id)
    except StoreError as error:
        app.notify(str(error), severity="error", timeout=10)
        return

    def write() -> Path:
        return forms.export_pop(database, trajectory_id)

    if state is PopStatus.FINAL:
        print_form(app, write, _("het POP"), upload_trajectory_id=trajectory_id)
        return
    question = (
        _("Er is nog geen POP-document voor dit traject. Wil je een leeg POP-sjabloon afdrukken?")
        if state is None
        else _(
            "Het POP is nog niet definitief. Wil je het ontwerp afdrukken? Elke pagina krijgt de vermelding "
            "ONTWERP. Maak het POP definitief voor je het laat ondertekenen of oplaadt in Mijn Loopbaan."
        )
    )

    def answered(yes: bool | None) -> None:
        if yes:
            print_form(app, write, _("het POP (ontwerp)") if state is not None else _("het POP (leeg)"))

    app.push_screen(ConfirmDialog(question, yes=_("Afdrukken"), no=_("Niet afdrukken")), answered)


def print_consent(app: App, employee_id: str, trajectory_id: str | None = None) -> None:
    """Print the consent and registration document (§4.4.1) of one trajectory, or of all of them."""
    database = poptui_app(app).database
    what = (
        _("het toestemmings- en registratiedocument van dit traject")
        if trajectory_id
        else _("het toestemmings- en registratiedocument")
    )
    print_form(app, lambda: forms.export_consent(database, employee_id, trajectory_id=trajectory_id), what)
