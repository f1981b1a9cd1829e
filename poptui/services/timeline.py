"""Tijdslijn leggen (§4.5.3): the plan's actions on a line of months, by deadline.

Pure functions: the month columns from a start, where each action falls, and the drawing as
text (readable without colour: ``|`` marks today's month, ``X`` an action, ``v`` a done one,
``!`` an action over time, ``<`` / ``>`` a deadline before / after the line, ``?`` no deadline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from poptui.i18n import _
from poptui.models import PopAction
from poptui.models.planning import TimelineMoment

MONTH_NAMES = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
COLUMN_WIDTH = 4


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, count: int) -> date:
    month = day.month - 1 + count
    return date(day.year + month // 12, month % 12 + 1, 1)


def month_columns(start: date, months: int) -> list[date]:
    """The first day of each month shown, from the month of ``start``."""
    first = first_of_month(start)
    return [add_months(first, index) for index in range(months)]


def default_start(actions: list[PopAction], today: date) -> date:
    """The line starts at the earliest of today and the deadlines."""
    deadlines = [action.deadline for action in actions if action.deadline]
    return first_of_month(min([today, *deadlines]))


def column_of(day: date | None, columns: list[date]) -> int | None:
    """Index of the month of ``day``; -1 before the line, len(columns) after it, None without a day."""
    if day is None:
        return None
    month = first_of_month(day)
    if month < columns[0]:
        return -1
    if month > columns[-1]:
        return len(columns)
    return columns.index(month)


@dataclass(frozen=True)
class TimelineRow:
    label: str
    column: int | None
    mark: str
    deadline: date | None


def rows(
    actions: list[PopAction], moments: list[TimelineMoment], columns: list[date], today: date, show_done: bool = True
) -> list[TimelineRow]:
    """One row per fixed moment and per action, ordered by date (no deadline last)."""
    out: list[TimelineRow] = []
    for moment in moments:
        out.append(TimelineRow(f"* {moment.text}", column_of(moment.date, columns), "o", moment.date))
    for action in actions:
        done = action.latest_progress >= 5
        if done and not show_done:
            continue
        column = column_of(action.deadline, columns)
        if action.deadline is None:
            mark = "?"
        elif done:
            mark = "v"
        elif action.deadline < today:
            mark = "!"
        else:
            mark = "X"
        out.append(TimelineRow(action.what, column, mark, action.deadline))
    return sorted(out, key=lambda row: (row.deadline is None, row.deadline or today))


def drawing(
    actions: list[PopAction],
    moments: list[TimelineMoment],
    start: date,
    months: int,
    today: date,
    width: int = 78,
    show_done: bool = True,
) -> list[str]:
    """The time line as text lines: the years (above the first month and every January), the
    months, and a line per action or fixed moment; today's column marked with ``|``."""
    columns = month_columns(start, months)
    label_width = max(12, width - COLUMN_WIDTH * months - 2)
    today_column = column_of(today, columns)

    def cells(fill: dict[int, str]) -> str:
        out = []
        for index in range(len(columns)):
            base = "|" if index == today_column else "."
            out.append((fill.get(index, base)).ljust(COLUMN_WIDTH))
        return "".join(out)

    header = " " * label_width + "".join(_(MONTH_NAMES[column.month - 1]).ljust(COLUMN_WIDTH) for column in columns)
    # the year above the first month and above every January: "2026        2027" over "nov dec jan"
    year_line = " " * label_width + "".join(
        (str(column.year) if index == 0 or column.month == 1 else "").ljust(COLUMN_WIDTH)
        for index, column in enumerate(columns)
    )
    year_line = year_line.rstrip()
    lines = [year_line, header]
    for row in rows(actions, moments, columns, today, show_done):
        text = row.label if len(row.label) < label_width - 1 else row.label[: label_width - 2] + "…"
        fill: dict[int, str] = {}
        suffix = ""
        if row.column is None:
            suffix = " ?"
        elif row.column < 0:
            fill[0] = "<" + row.mark
        elif row.column >= len(columns):
            suffix = " >" + row.mark
        else:
            fill[row.column] = row.mark
        lines.append(text.ljust(label_width) + cells(fill) + suffix)
    return lines


def legend() -> str:
    return _("X actie  v afgewerkt  ! over tijd  o vast moment  | deze maand  < > buiten de lijn  ? geen datum")
