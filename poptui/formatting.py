"""How dates and times are shown everywhere: dd/mm/yyyy and hh:mm (Belgian usage)."""

from __future__ import annotations

from datetime import date, time

DATE_FORMAT = "%d/%m/%Y"


def format_date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def format_time(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""
