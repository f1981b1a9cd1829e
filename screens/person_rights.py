"""Gegevens van een persoon (AVG), for the ambassadeur: export everything, or erase everything.

Opened from the command palette (Ctrl+P → "Gegevens van een persoon"). Choose
the employee, then E (export into the personal exports folder) or W (erase,
after a confirmation that names the person). The result says where the files
are, or which backups still hold the person and until when.
"""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from poptui.i18n import _
from poptui.models import Employee, Role
from poptui.services import StoreError, directory


class PersonRightsScreen(BaseScreen[None]):
    DEFAULT_CSS = """
    PersonRightsScreen #rights-intro { padding: 0 1; color: $text-muted; }
    PersonRightsScreen #rights-result { padding: 0 1; height: auto; max-height: 8; }
    PersonRightsScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug")),
        Binding("e", "export", _("Exporteren")),
        Binding("w", "erase", _("Wissen")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Recht op inzage en op vergetelheid (AVG). Kies de werknemer. E schrijft alles wat poptui "
                "over de persoon bewaart in één map; W wist de persoon en alles wat erbij hoort."
            ),
            id="rights-intro",
            markup=False,
        )
        yield FittedTable(id="rights-employees", cursor_type="row", zebra_stripes=True)
        yield Static("", id="rights-result", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Gegevens van een persoon")
        table = self.query_one(FittedTable)
        table.set_columns(
            [
                Column(_("Naam"), "name", 36, grow=True),
                Column(_("Functie"), "function", 30, grow=True),
            ]
        )
        self.refresh_list()
        coach = self.coach
        if coach is not None and not coach.has_role(Role.AMBASSADOR):
            self.notify(_("Dit is een taak van de POP-ambassadeur."), severity="warning")

    def refresh_list(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self._employees = directory.employees(self.database)
        for employee in self._employees:
            table.add_row(Text(employee.full_name), Text(employee.function), key=employee.id)

    def _current(self) -> Employee | None:
        table = self.query_one(DataTable)
        if not self._employees or not 0 <= table.cursor_row < len(self._employees):
            return None
        return self._employees[table.cursor_row]

    def _show(self, text: str) -> None:
        self.query_one("#rights-result", Static).update(text)

    def action_export(self) -> None:
        from poptui.services.person_rights import export_person

        employee = self._current()
        if employee is None:
            return
        try:
            result = export_person(self.database, employee.id)
        except (StoreError, OSError) as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        lines = [
            _("Geschreven in {folder}:", folder=result.folder),
            *(f"- {path.name}" for path in result.files),
            *result.notes,
        ]
        self._show("\n".join(lines))

    def action_erase(self) -> None:
        employee = self._current()
        if employee is None:
            return
        from poptui.screens.dialogs import ConfirmDialog

        question = _(
            "Alles over {name} definitief wissen (werknemer, trajecten, dossier)? Dit kan niet ongedaan "
            "gemaakt worden, behalve met een reservekopie.",
            name=employee.full_name,
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self._erase(employee)

        self.app.push_screen(ConfirmDialog(question), answer)

    def _erase(self, employee: Employee) -> None:
        from poptui.services.person_rights import erase_person, erasure_lines

        try:
            result = erase_person(self.database, employee.id)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return
        self.refresh_list()
        self._show("\n".join([_("Gewist: {name}.", name=employee.full_name), *erasure_lines(result)]))
