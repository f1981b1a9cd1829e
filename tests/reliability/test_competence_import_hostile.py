"""The competence dictionary import under the issue-10 attack: control and markup payloads in a file.

The re-run of the attack after the competence work landed: a dictionary file with every control
payload (OSC 52, DSR, RIS, alt screen, C1, bidi, zero-width) and the markup payloads in every
column and a header cell. The CLI report (dry run and real), ``competences list`` and the TUI's
preview, its detail line, the confirmation and the report after the import let none of them
through; markup stays literal text.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from control_payloads import PAYLOADS, unsafe, unsafe_bytes
from poptui.screens import navigation
from textual.widgets import DataTable, Input, Static

from poptui.app import PopApp
from poptui.models import Organisation
from poptui.models.competences import CompetenceDictionary
from poptui.store import Database

MARKUP = ("[/]", "[@click=app.quit]", "Poetshulp [tijdelijk]", "[bold]")
HEADER = ["Competentie", "Definitie", "Soort", "Gedragsindicator 1", "Gedragsindicator 2", "Gedragsindicator 3"]


def _indicators(payload: str) -> list[str]:
    return [f"Doet{payload} iets", f"Helpt {payload}", f"Vraagt{payload}"]


def _hostile_dictionary(path: Path) -> Path:
    """Row ``n + 2`` carries payload ``n`` in every column (its name starts with ``Comp{n}``); odd rows
    also a kind that is no kind, so the report quotes a refused value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([*HEADER, "Extra" + PAYLOADS["osc 52 clipboard"]])
    for number, payload in enumerate([*PAYLOADS.values(), *MARKUP]):
        kind = f"raar{payload}" if number % 2 else "generiek"
        writer.writerow([f"Comp{number}{payload}", f"Definitie {payload}", kind, *_indicators(payload), payload])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def _good_only(path: Path) -> Path:
    """The same payloads, every row valid (the import is all or nothing)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number, payload in enumerate([*PAYLOADS.values(), *MARKUP]):
        writer.writerow([f"Comp{number}{payload}", f"Definitie {payload}", "technisch", *_indicators(payload)])
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


@pytest.fixture
def atelier(db: Database) -> Organisation:
    return db.save(Organisation(name="Atelier"))


def _run(*arguments: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "poptui", *arguments],
        capture_output=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "TERM": "linux"},
    )


def test_the_cli_report_and_list_let_no_payload_through(db: Database, atelier: Organisation, tmp_path: Path) -> None:
    hostile, good = _hostile_dictionary(tmp_path / "h.csv"), _good_only(tmp_path / "g.csv")
    where = ["--organisation", "Atelier", "--db", str(db.path)]
    runs = [
        (["competences", "import", str(hostile), *where, "--dry-run"], 1),
        (["competences", "import", str(hostile), *where], 1),
        (["competences", "import", str(good), *where, "--dry-run"], 0),
        (["competences", "import", str(good), *where], 0),
        (["competences", "list", *where], 0),
        (["competences", "list", *where, "--json"], 0),
    ]
    for arguments, code in runs:
        process = _run(*arguments)
        assert process.returncode == code, (arguments, process.stdout.decode(), process.stderr.decode())
        assert unsafe_bytes(process.stdout) == [] and unsafe_bytes(process.stderr) == [], arguments
        assert b"Traceback" not in process.stdout + process.stderr
    listed = process.stdout.decode() + _run("competences", "list", *where).stdout.decode()
    for markup in MARKUP:
        assert markup in listed
    dictionary = db.list(CompetenceDictionary)[0]
    assert _imported(db) == len(PAYLOADS) + len(MARKUP)
    for competence in dictionary.competences:
        assert unsafe(competence.name + competence.definition + "".join(competence.indicators)) == []


def _imported(db: Database) -> int:
    """The competences of the file in the dictionary (a new organisation starts with the default ones)."""
    return sum(item.name.startswith("Comp") for item in db.list(CompetenceDictionary)[0].competences)


def _rendered(app: PopApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def _settle(app: PopApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_the_preview_detail_and_report_let_no_payload_through(
    db: Database, atelier: Organisation, tmp_path: Path
) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        navigation.open_organisation(app, atelier.id)
        await _settle(app, pilot)
        await pilot.press("c", "f7")
        await _settle(app, pilot)
        screen = app.screen
        assert type(screen).__name__ == "ImportCompetencesScreen"
        shown: list[str] = []
        for path in (_hostile_dictionary(tmp_path / "h.csv"), _good_only(tmp_path / "g.csv")):
            if not screen.query_one("#import-path").has_focus:  # back from the table: the replace box, the path
                await pilot.press("shift+tab", "shift+tab")
            assert screen.query_one("#import-path").has_focus
            await pilot.press("end", "ctrl+u", *str(path), "enter")
            await _settle(app, pilot)
            assert str(screen.query_one("#import-path", Input).value) == str(path)
            table = screen.query_one(DataTable)
            assert table.row_count == len(PAYLOADS) + len(MARKUP)
            for index in range(table.row_count):
                cells = " ".join(str(cell) for cell in table.get_row_at(index))
                detail = str(screen.query_one("#import-detail", Static).render())
                shown += [cells, detail]
                assert f"Comp{index}" in cells and f"Comp{index}" in detail, (cells, detail)
                await pilot.press("down")
            shown.append(_rendered(app))
            shown.append(str(screen.query_one("#import-summary", Static).render()))
        await pilot.press("ctrl+s")
        await _settle(app, pilot)
        shown.append(_rendered(app))  # the confirmation
        await pilot.press("j")
        await _settle(app, pilot)
        shown.append(_rendered(app))  # the report after the import and its notification
        for text in shown:
            assert unsafe(text) == [], text
        assert any("[@click=app.quit]" in text for text in shown) and any("[tijdelijk]" in text for text in shown)
        svg = app.export_screenshot()
        assert unsafe(svg) == [] and "\x1b" not in svg
        assert app.is_running and app._exception is None
    assert _imported(db) == len(PAYLOADS) + len(MARKUP)
