"""How dates, times and hours are shown everywhere, on screen and on paper (Belgian usage):
dd/mm/yyyy, hh:mm, and hours with a decimal comma."""

from __future__ import annotations

from datetime import date, datetime, time

from poptui.i18n import _

DATE_FORMAT = "%d/%m/%Y"


def format_date(value: date | None, empty: str = "") -> str:
    """3 March 2025 -> '03/03/2025'; ``empty`` when there is no date."""
    return value.strftime(DATE_FORMAT) if value else empty


def format_time(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def format_moment(value: datetime) -> str:
    """A date with its time: '03/03/2025 14:05'."""
    return f"{format_date(value)} {format_time(value.time())}"


def format_hours(hours: float) -> str:
    """6.0 -> '6', 1.5 -> '1,5' (Flemish decimal comma)."""
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_minutes(minutes: int) -> str:
    """95 -> '1 u 35 min'."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return _("{hours} u {minutes} min", hours=hours, minutes=rest)
    if hours:
        return _("{hours} u", hours=hours)
    return _("{minutes} min", minutes=rest)
