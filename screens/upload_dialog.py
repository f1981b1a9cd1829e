"""Opladen in Mijn Loopbaan (§4.4.2): the steps, with the POP's real name, and the mark "opgeladen".

Opened with m on the POP screen and with m in the print dialog once the POP's PDF is written.
The dialog only talks to :mod:`poptui.services.mijn_loopbaan`.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from poptui.screens.base import BaseModal, PoptuiApp, poptui_app
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from poptui import clock
from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.models.base import _parse_date
from poptui.services import StoreError, mijn_loopbaan


def who_uploads(app: PoptuiApp) -> str:
    """The coach chosen in the app, else the login name of the database."""
    if app.coach is not None:
        return app.coach.full_name
    return app.database.actor


class UploadDialog(BaseModal[bool]):
    """Hoe je het POP oplaadt in Mijn Loopbaan. Ctrl+S markeert het als opgeladen op de datum, Esc sluit."""

    DEFAULT_CSS = """
    UploadDialog { align: center middle; }
    UploadDialog > Vertical { width: 78; max-width: 100%; height: auto; max-height: 100%; border: thick $accent;
                              padding: 0 1; background: $surface; }
    UploadDialog #upload-title { text-style: bold; }
    UploadDialog #upload-steps { height: auto; max-height: 15; }
    UploadDialog #upload-state { text-style: bold; margin-top: 1; }
    UploadDialog #upload-date-row { height: auto; margin-top: 1; }
    UploadDialog #upload-date-row Label { width: 28; }
    UploadDialog #upload-date { width: 14; }
    UploadDialog #upload-problem { color: $error; text-style: bold; display: none; }
    UploadDialog #upload-problem.-shown { display: block; }
    UploadDialog Horizontal#upload-buttons { height: auto; margin-top: 1; }
    UploadDialog Button { margin: 0 2 0 0; }
    """
    AUTO_FOCUS = ""  # on_mount focuses the date (or Sluiten when the POP cannot be marked)
    BINDINGS: ClassVar = [
        Binding("ctrl+s,f2", "mark", _("Opgeladen markeren"), priority=True, id="upload.mark"),
        Binding("escape", "close", _("Sluiten"), id="upload.close"),
    ]

    def __init__(self, trajectory_id: str) -> None:
        super().__init__()
        self.trajectory_id = trajectory_id
        self.changed = False

    def _state(self) -> mijn_loopbaan.UploadState:
        return mijn_loopbaan.upload_state(self.database, self.trajectory_id, clock.today())

    def compose(self) -> ComposeResult:
        guide = load_catalog().registration.mijn_loopbaan
        state = self._state()
        with Vertical():
            yield Label(guide.title, id="upload-title", markup=False)
            with VerticalScroll(id="upload-steps"):
                yield Static(guide.intro, markup=False)
                steps = Text()
                for number, step in enumerate(mijn_loopbaan.upload_steps(state.document_name)):
                    if number:
                        steps.append("\n")
                    steps.append(f"{number}. " if number else "· ", style="bold")
                    steps.append(step)
                yield Static(steps, id="upload-step-list", markup=False)
                yield Static(guide.after, markup=False)
            yield Static("", id="upload-state", markup=False)
            with Horizontal(id="upload-date-row"):
                yield Label(_("Opgeladen op (dd/mm/jjjj)"), markup=False)
                yield Input(clock.today().strftime("%d/%m/%Y"), id="upload-date", compact=True)
            yield Static("", id="upload-problem", markup=False)
            with Horizontal(id="upload-buttons"):
                yield Button(_("Opgeladen markeren (Ctrl+S)"), id="mark", variant="primary", compact=True)
                yield Button(_("Markering weghalen"), id="clear", compact=True)
                yield Button(_("Sluiten (Esc)"), id="close", compact=True)

    def on_mount(self) -> None:
        self._show(self._state())

    def _show(self, state: mijn_loopbaan.UploadState) -> None:
        self.query_one("#upload-state", Static).update(state.summary())
        can_mark = state.final
        self.query_one("#upload-date-row").display = can_mark
        self.query_one("#mark", Button).display = can_mark
        self.query_one("#clear", Button).display = state.uploaded_on is not None
        if can_mark:
            self.query_one("#upload-date", Input).focus()
        else:
            self.query_one("#close", Button).focus()

    def _problem(self, message: str) -> None:
        problem = self.query_one("#upload-problem", Static)
        problem.update(message)
        problem.set_class(bool(message), "-shown")

    def _typed_day(self) -> date | None:
        text = self.query_one("#upload-date", Input).value.strip()
        try:
            value = _parse_date(text) if text else clock.today()
        except ValueError:
            value = None
        if isinstance(value, date):
            return value
        self._problem(_("Schrijf de datum als dd/mm/jjjj, bijvoorbeeld 15/10/2026."))
        self.query_one("#upload-date", Input).focus()
        return None

    def action_mark(self) -> None:
        day = self._typed_day()
        if day is None:
            return
        try:
            mijn_loopbaan.mark_uploaded(
                self.database,
                self.trajectory_id,
                day,
                who_uploads(poptui_app(self.app)),
                clock.today(),
            )
        except StoreError as error:
            self._problem(str(error))
            return
        self.changed = True
        self.notify(_("Het POP is gemarkeerd als opgeladen in Mijn Loopbaan ({date}).", date=day.strftime("%d/%m/%Y")))
        self.dismiss(True)

    def _clear(self) -> None:
        try:
            mijn_loopbaan.clear_upload(self.database, self.trajectory_id, clock.today())
        except StoreError as error:
            self._problem(str(error))
            return
        self.changed = True
        self._problem("")
        self._show(self._state())
        self.notify(_("De markering 'opgeladen in Mijn Loopbaan' is weggehaald."))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_mark()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "mark":
            self.action_mark()
        elif event.button.id == "clear":
            self._clear()
        else:
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.changed)
