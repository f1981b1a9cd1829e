"""Tijdslijn: month columns, where a deadline falls, the drawing's marks."""

from __future__ import annotations

from datetime import date

from poptui.models import PopAction, ProgressUpdate
from poptui.services import timeline


def test_month_columns_cross_the_year() -> None:
    columns = timeline.month_columns(date(2026, 11, 17), 4)
    assert columns == [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]
    assert timeline.column_of(date(2027, 1, 31), columns) == 2
    assert timeline.column_of(date(2026, 10, 31), columns) == -1
    assert timeline.column_of(date(2027, 3, 1), columns) == 4
    assert timeline.column_of(None, columns) is None


def test_the_month_header_names_january_and_puts_the_year_above_it() -> None:
    """Over a new year the header reads "nov dec jan feb" with "2026" and "2027" above them (the
    January column once showed "27'" instead of its name)."""
    lines = timeline.drawing([], [], date(2026, 11, 1), 4, date(2026, 11, 5), width=40)
    assert lines[1].split() == ["nov", "dec", "jan", "feb"]
    years, months = lines[0], lines[1]
    assert years.split() == ["2026", "2027"]
    assert years.index("2027") == months.index("jan") and years.index("2026") == months.index("nov")


def test_drawing_marks_today_late_done_and_missing_dates() -> None:
    today = date(2026, 3, 10)
    actions = [
        PopAction(what="Later", deadline=date(2026, 5, 1)),
        PopAction(what="Te laat", deadline=date(2026, 2, 1)),
        PopAction(
            what="Klaar", deadline=date(2026, 1, 15), progress=[ProgressUpdate(date=date(2026, 1, 10), progress=5)]
        ),
        PopAction(what="Geen datum"),
    ]
    lines = timeline.drawing(actions, [], date(2026, 1, 1), 6, today, width=60)
    assert lines[0].strip() == "2026"
    assert lines[1].split() == ["jan", "feb", "mrt", "apr", "mei", "jun"]
    body = {
        line.split()[0] + (" " + line.split()[1] if line.startswith("Geen") or line.startswith("Te") else ""): line
        for line in lines[2:]
    }
    assert body["Klaar"][24:].split() == ["v", ".", "|", ".", ".", "."]
    assert body["Te laat"][24:].split() == [".", "!", "|", ".", ".", "."]
    assert body["Later"][24:].split() == [".", ".", "|", ".", "X", "."]
    assert body["Geen datum"].rstrip().endswith("?")
    assert timeline.default_start(actions, today) == date(2026, 1, 1)
