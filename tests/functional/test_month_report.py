"""The month's package from the app: choose the month and folder, build it, read what is in it."""

from __future__ import annotations

from pathlib import Path

from poptui.screens import navigation
from poptui.screens.month_report import MonthReportScreen, previous_month
from poptui.screens.widgets.progress_row import ProgressRow
from textual.widgets import Input

from poptui import clock
from poptui.app import PopApp
from poptui.models import Trajectory, TrajectoryStatus
from poptui.store import Database


def _month_with_completed_pops(db: Database) -> str:
    completed = [
        t.completion_date for t in db.list(Trajectory) if t.status is TrajectoryStatus.COMPLETED and t.completion_date
    ]
    latest = max(completed)
    return f"{latest.year:04d}-{latest.month:02d}"


async def test_build_the_month_package_of_the_demo(demo_db: Database, tmp_path: Path) -> None:
    month = _month_with_completed_pops(demo_db)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")  # from the home screen
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MonthReportScreen)
        month_input = screen.query_one("#month", Input)
        assert month_input.value == previous_month() and app.focused is month_input
        month_input.value = month
        screen.query_one("#folder", Input).value = str(tmp_path / "rapport")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

        summary = str(screen.query_one("#month-summary").render())
        folder = tmp_path / "rapport" / f"POP-maandpakket_{month}"
        assert f"Maandpakket {month} klaar in {folder}" in summary
        assert "POP-document(en)" in summary and ("Ontbreekt" in summary or "Niets ontbreekt" in summary)
        assert folder.is_dir() and (tmp_path / "rapport" / f"POP-maandpakket_{month}.zip").is_file()
        assert any(path.name.endswith(".xlsx") for path in folder.iterdir())
        assert any("_POP_" in path.name for path in folder.iterdir())


async def test_a_wrong_month_is_explained(demo_db: Database, tmp_path: Path) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_month_report(app)
        await pilot.pause()
        screen = app.screen
        screen.query_one("#folder", Input).value = str(tmp_path / "rapport")
        await pilot.press("ctrl+u", *"oktober", "ctrl+s")
        await pilot.pause()
        problem = screen.query_one("#month-problem")
        assert problem.has_class("-shown") and "JJJJ-MM" in str(problem.render())
        assert not (tmp_path / "rapport").exists()


def test_the_default_month_is_the_previous_one(monkeypatch) -> None:
    from datetime import date

    monkeypatch.setattr(clock, "today", lambda: date(2026, 1, 15))
    assert previous_month() == "2025-12"


async def test_the_package_shows_its_progress_while_it_is_made(demo_db: Database, tmp_path: Path, monkeypatch) -> None:
    """The POPs and consent forms take a while at a real organisation's scale: a bar under the
    folder counts the documents made, and goes away when the summary is shown."""
    from textual.widgets import ProgressBar

    month = _month_with_completed_pops(demo_db)
    year, number = (int(part) for part in month.split("-"))
    expected = [
        t
        for t in demo_db.list(Trajectory)
        if t.status is TrajectoryStatus.COMPLETED
        and t.completion_date
        and t.completion_date.month == number
        and t.completion_date.year == year
    ]
    shown: list[tuple[str, float | None, float, bool]] = []
    original = ProgressRow.show

    def watched(progress_row: ProgressRow, step: str, done: int, total: int) -> None:
        original(progress_row, step, done, total)
        screen = progress_row.screen
        bar = screen.query_one("#month-progress", ProgressBar)
        row = screen.query_one("#month-busy")
        shown.append((str(screen.query_one("#month-step").render()), bar.total, bar.progress, row.display))

    monkeypatch.setattr(ProgressRow, "show", watched)
    app = PopApp(demo_db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MonthReportScreen)
        assert not screen.query_one("#month-busy").display
        screen.query_one("#month", Input).value = month
        screen.query_one("#folder", Input).value = str(tmp_path / "rapport")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [done for _step, _total, done, _display in shown] == list(range(1, len(expected) + 1))
        assert all(
            step == "PDF's maken" and total == len(expected) and display for step, total, _done, display in shown
        )
        assert not screen.query_one("#month-busy").display  # gone once the summary is there
        assert not screen.query(ProgressBar)  # and its bar removed, with the timers that animate it
        assert "klaar in" in str(screen.query_one("#month-summary").render())
