"""The baselines: bare Textual apps doing what poptui's screens do, with nothing of poptui.

    python bench/bare_apps.py table   a Header, a 200-row DataTable and a Footer (DESIGN.md's baseline)
    python bench/bare_apps.py input   a Header, an Input and a Footer (bytes per keystroke)
    python bench/bare_apps.py keys    a home screen; w opens a list of 2,000 employees with a filter
                                      field, a letter filters it in memory, Enter opens a page

The footers carry the same words the benchmarks look for in poptui ("Volgend gesprek" on the
first screen, "POP-trajecten" on the page), so both are timed to the same kind of screen.
"""

from __future__ import annotations

import random
import sys
from typing import ClassVar

import dutch_texts as texts
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

ROWS = 2000


class TableApp(App[None]):
    BINDINGS: ClassVar = [Binding("v", "bell", "Volgend gesprek"), Binding("ctrl+q", "quit", "Stoppen", show=False)]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Werknemer", "Variant", "Status", "Gehouden", "Volgend contact")
        for number in range(200):
            table.add_row(f"Werknemer {number}", "Basistraject", "actief", "2/5", "nr 3 op 12/03/2026")


class InputApp(App[None]):
    BINDINGS: ClassVar = [Binding("ctrl+q", "quit", "Stoppen")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input()
        yield Footer()


def _people() -> list[tuple[str, str, str, str]]:
    rng = random.Random(7)
    rows = [
        (
            f"{rng.choice(texts.FIRST_NAMES)} {rng.choice(texts.LAST_NAMES)}",
            f"Organisatie {rng.randrange(20)}",
            rng.choice(texts.FUNCTIONS),
            rng.choice(("actief", "afgerond", "gepland", "-")),
        )
        for _ in range(ROWS)
    ]
    return sorted(rows, key=lambda row: row[0].split(" ", 1)[-1].lower())


class ListScreen(Screen[None]):
    BINDINGS: ClassVar = [Binding("escape", "app.pop_screen", "Terug")]

    def __init__(self, people: list[tuple[str, str, str, str]]) -> None:
        super().__init__()
        self.people = people

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="typ een deel van de naam", id="filter", compact=True)
        yield Static("", id="hint", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Naam", width=23)
        table.add_column("Organisatie", width=17)
        table.add_column("Functie", width=18)
        table.add_column("Traject", width=10)
        self.show("")
        self.query_one(Input).focus()

    def show(self, text: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        shown = [row for row in self.people if not text or text.lower() in " ".join(row).lower()]
        table.add_rows(shown)
        self.query_one("#hint", Static).update(f"{len(shown)} van {len(self.people)} werknemers. Typ om te zoeken.")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def on_key(self, event: events.Key) -> None:
        """Escape empties the filter first, as poptui's list does; then it goes back."""
        search = self.query_one(Input)
        if event.key == "escape" and search.value:
            search.value = ""
            event.stop()
            event.prevent_default()

    def on_input_submitted(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self.app.push_screen(PageScreen(table.get_row_at(0)))


class PageScreen(Screen[None]):
    BINDINGS: ClassVar = [Binding("escape", "app.pop_screen", "Terug"), Binding("e", "bell", "Bewerken")]

    def __init__(self, row: list[str]) -> None:
        super().__init__()
        self.row = row

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Naam           {self.row[0]}\nOrganisatie    {self.row[1]}\nFunctie        {self.row[2]}")
        yield Static("POP-trajecten")
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Start", "Variant", "Status", "Soort", "Gesprek")
        for year in range(3):
            table.add_row(f"01/03/202{year}", "Basistraject", "afgerond", "POP", "5/5")
        table.focus()


class KeysApp(App[None]):
    BINDINGS: ClassVar = [
        Binding("w", "employees", "Werknemers"),
        Binding("v", "bell", "Volgend gesprek"),
        Binding("ctrl+q", "quit", "Stoppen", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people = _people()

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Werknemer", "Variant", "Status", "Gehouden", "Volgend contact")
        for row in self.people[:6]:
            table.add_row(row[0], "Basistraject", "actief", "2/5", "nr 3 op 12/03/2026")

    def action_employees(self) -> None:
        self.push_screen(ListScreen(self.people))


APPS = {"table": TableApp, "input": InputApp, "keys": KeysApp}

if __name__ == "__main__":
    APPS[sys.argv[1]]().run()
