"""The action-plan table (§4.3): one row per action, edited with the keyboard.

a add · Enter/e edit · K/J or Ctrl+↑/↓ move · x/Delete delete (asks first) · u progress note.
The widget calls the POP services itself and posts :class:`ActionTable.Changed` with the saved
POP after every change, so the screen can update the rule line and the problems.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from poptui.screens.base import poptui_app
from poptui.screens.plain_terminal import mark
from poptui.screens.widgets.fitted_table import Column, FittedTable
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from poptui import clock
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import label
from poptui.models import PopAction, PopDocument, PopStatus
from poptui.services import StoreError, pop_documents
from poptui.services.pop_rules import action_problems


def _short(text: str, width: int) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class ActionTable(FittedTable):
    """The actions of one POP; the cursor row is the action the keys work on. In a wider window
    "Wat precies" and "Wie helpt" get the extra width; Enter shows the whole action (read-only
    on a final POP)."""

    BINDINGS: ClassVar = [
        Binding("a", "add", _("Toevoegen"), id="actions.add"),
        Binding("e", "edit", _("Wijzigen"), show=False, id="actions.edit"),
        Binding("x,delete", "delete", _("Verwijderen"), show=False, id="actions.delete"),
        Binding("u", "progress", _("Voortgang"), id="actions.progress"),
        Binding("K,ctrl+up", "move(-1)", _("Omhoog"), show=False, id="actions.up"),
        Binding("J,ctrl+down", "move(1)", _("Omlaag"), show=False, id="actions.down"),
    ]

    class Changed(Message):
        """The POP was saved with a change to its actions."""

        def __init__(self, pop: PopDocument) -> None:
            super().__init__()
            self.pop = pop

    def __init__(self, pop: PopDocument, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.pop = pop

    def on_mount(self) -> None:
        self.set_columns(
            [
                Column("#", "number", 2),
                Column(_("Wat precies"), "what", 24, grow=True),
                Column(_("Wie helpt"), "who", 12, grow=True),
                Column(_("Tegen"), "deadline", 10),
                Column(_("Soort"), "kind", 9),
                Column(_("Vord."), "progress", 5),
                Column(_("SMART"), "smart", 6),
            ]
        )
        self.fill()

    # -- showing ------------------------------------------------------------------

    def today(self) -> date:
        return clock.today()

    def fill(self, select_id: str | None = None) -> None:
        current = select_id or self.current_action_id()
        self.clear()
        today = self.today()
        reference = date.min if self.pop.status is PopStatus.FINAL else today
        for number, action in enumerate(self.pop.actions, start=1):
            problems = action_problems(action, reference)
            self.add_row(
                str(number),
                Text(" ".join(action.what.split())),
                Text(" ".join(action.who_helps.split()) or "-"),
                format_date(action.deadline) or "-",
                label(action.kind),
                mark("full") * action.latest_progress + mark("empty") * (5 - action.latest_progress),
                _("ok") if not problems else _("{count} !", count=len(problems)),
                key=action.id,
            )
        if current:
            self.select_action(current)

    def select_action(self, action_id: str) -> None:
        for index, action in enumerate(self.pop.actions):
            if action.id == action_id:
                self.move_cursor(row=index)
                return

    def current_action_id(self) -> str | None:
        if not self.pop.actions or self.row_count == 0:
            return None
        row = min(self.cursor_row, len(self.pop.actions) - 1)
        return self.pop.actions[row].id if row >= 0 else None

    def current_action(self) -> PopAction | None:
        action_id = self.current_action_id()
        return next((action for action in self.pop.actions if action.id == action_id), None)

    def show(self, pop: PopDocument, select_id: str | None = None) -> None:
        """Show another version of the POP (method call down from the screen)."""
        self.pop = pop
        self.fill(select_id)

    def _saved(self, pop: PopDocument | None, select_id: str | None = None) -> None:
        if pop is None:
            return
        self.show(pop, select_id)
        self.post_message(self.Changed(pop))

    # -- keys ------------------------------------------------------------------------

    def _refuse_when_final(self) -> bool:
        if self.pop.status is PopStatus.FINAL:
            self.notify(
                _("Dit POP is definitief. Heropen het eerst (toets o) om het actieplan te wijzigen."),
                severity="warning",
            )
            return True
        return False

    def action_add(self) -> None:
        if self._refuse_when_final():
            return
        from poptui.screens.action_form import ActionForm

        before = {action.id for action in self.pop.actions}

        def added(pop: PopDocument | None) -> None:
            new = [action.id for action in pop.actions if action.id not in before] if pop else []
            self._saved(pop, new[0] if new else None)

        self.app.push_screen(ActionForm(self.pop), added)

    def action_edit(self) -> None:
        action = self.current_action()
        if action is None:
            self.notify(_("Er is nog geen actie. Druk a om er een toe te voegen."))
            return
        if self.pop.status is PopStatus.FINAL:
            self.show_read_only(action)
            return
        from poptui.screens.action_form import ActionForm

        self.app.push_screen(ActionForm(self.pop, action.id), lambda pop: self._saved(pop, action.id))

    def show_read_only(self, action: PopAction) -> None:
        """The whole action as text: the POP is final, so it is read, not edited."""
        from poptui.screens.dialogs import MessageDialog

        number = self.pop.actions.index(action) + 1
        lines = [
            _("Wat precies: {text}", text=action.what),
            _("Wie helpt: {text}", text=action.who_helps or "-"),
            _("Tegen wanneer: {text}", text=format_date(action.deadline) or "-"),
            _("Meetbaar resultaat: {text}", text=action.result or "-"),
            _("Soort: {text}", text=label(action.kind)),
            _("Vordering: {progress} van 5", progress=action.latest_progress),
            "",
            _("Het POP is definitief: heropen het (toets o op het POP) om deze actie te wijzigen."),
        ]
        self.app.push_screen(MessageDialog(_("Actie {number} (alleen lezen)", number=number), "\n".join(lines)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_delete(self) -> None:
        action = self.current_action()
        if action is None or self._refuse_when_final():
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self._apply(lambda: pop_documents.remove_action(poptui_app(self.app).database, self.pop, action.id))

        self.app.push_screen(ConfirmDialog(_("Actie '{what}' verwijderen?", what=_short(action.what, 50))), answered)

    def action_move(self, step: int) -> None:
        action = self.current_action()
        if action is None or self._refuse_when_final():
            return
        self._apply(
            lambda: pop_documents.move_action(poptui_app(self.app).database, self.pop, action.id, step), action.id
        )

    def action_progress(self) -> None:
        action = self.current_action()
        if action is None:
            return
        from poptui.screens.action_form import ProgressForm

        self.app.push_screen(ProgressForm(self.pop, action), lambda pop: self._saved(pop, action.id))

    def _apply(self, change: Callable[[], PopDocument], select_id: str | None = None) -> None:
        try:
            pop = change()
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self._saved(pop, select_id)
