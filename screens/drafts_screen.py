"""Concepten: what was typed in a form and not saved (a crash, a dropped SSH connection, a conflict).

Enter opens the employee the draft is about (the form there offers the draft
back when it is opened); M shows what the draft holds; Delete removes it.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from poptui.formatting import format_moment
from poptui.i18n import _, _n
from poptui.services import Database, drafts

_EMPLOYEE_IN_KEY = re.compile(r"employee-([A-Za-z0-9]{32})")


def drafts_notice(database: Database) -> str:
    """A one-line notice for the start screen, or "" when there are no drafts."""
    found = drafts.list_drafts(database)
    if not found:
        return ""
    return _n(
        "Er is {count} niet-opgeslagen concept: {title}. Open het met Ctrl+P → Concepten.",
        "Er zijn {count} niet-opgeslagen concepten, het laatste: {title}. Open ze met Ctrl+P → Concepten.",
        len(found),
        title=found[-1]["title"] or found[-1]["key"],
    )


class DraftsScreen(BaseScreen[None]):
    DEFAULT_CSS = """
    DraftsScreen #drafts-intro { padding: 0 1; color: $text-muted; }
    DraftsScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug")),
        Binding("enter", "open", _("Openen"), priority=True),
        Binding("m", "show", _("Inhoud")),
        Binding("delete", "remove", _("Verwijderen")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "Wat je typte maar nog niet opsloeg. Enter opent de werknemer: het formulier biedt het concept "
                "dan aan. M toont de inhoud, Delete verwijdert het."
            ),
            id="drafts-intro",
            markup=False,
        )
        yield FittedTable(id="drafts", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Concepten")
        table = self.query_one(FittedTable)
        table.set_columns(
            [
                Column(_("Formulier"), "form", 50, grow=True),
                Column(_("Bewaard op"), "saved", 16),
            ]
        )
        self.refresh_list()

    def refresh_list(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self._drafts = drafts.list_drafts(self.database)
        for item in self._drafts:
            table.add_row(Text(item["title"] or item["key"]), _saved_at(item["saved_at"]), key=item["key"])
        if not self._drafts:
            self.notify(_("Er zijn geen concepten."))

    def _current(self) -> dict | None:
        table = self.query_one(DataTable)
        if not self._drafts or table.cursor_row < 0 or table.cursor_row >= len(self._drafts):
            return None
        return self._drafts[table.cursor_row]

    def action_open(self) -> None:
        item = self._current()
        if item is None:
            return
        match = _EMPLOYEE_IN_KEY.search(item["key"])
        if match is None:
            self.action_show()
            return
        from poptui.screens import navigation

        navigation.open_employee(self.app, match.group(1))

    def action_show(self) -> None:
        item = self._current()
        if item is None:
            return
        values = drafts.load_draft(self.database, item["key"]) or {}
        text = "\n".join(f"{name}: {value}" for name, value in values.items() if value not in (None, "", [], False))
        from poptui.screens.dialogs import MessageDialog

        self.app.push_screen(MessageDialog(item["title"] or item["key"], text or _("(leeg)")))

    def action_remove(self) -> None:
        item = self._current()
        if item is None:
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                drafts.discard_draft(self.database, item["key"])
                self.refresh_list()

        self.app.push_screen(ConfirmDialog(_("Dit concept verwijderen? Wat erin staat, is dan weg.")), answer)


def _saved_at(value: object) -> str:
    """When a draft was saved, as the coach reads dates ("10/03/2025 09:00")."""
    try:
        return format_moment(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)
