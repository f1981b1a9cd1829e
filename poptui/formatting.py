"""How dates, times and hours are shown everywhere, on screen and on paper (Belgian usage):
dd/mm/yyyy, hh:mm, and hours with a decimal comma."""

from __future__ import annotations

from datetime import date, datetime, time

from poptui.i18n import _

DATE_FORMAT = "%d/%m/%Y"


def format_date(value: date | None, empty: str = "") -> str:
    """3 March 2025 -> '03/03/2025'; ``empty`` when there is no date."""
    return value.strftime(DATE_FORMAT) if value else empty


def short_date(value: date, today: date) -> str:
    """A date in this year without its year ('30/11'), any other with it ('30/11/2027')."""
    return value.strftime("%d/%m") if value.year == today.year else format_date(value)


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


def weekdays() -> tuple[str, ...]:
    """Short day names, Monday first, in the interface's language."""
    return (_("ma"), _("di"), _("wo"), _("do"), _("vr"), _("za"), _("zo"))


def format_day(value: date, today: date) -> str:
    """A day as an agenda names it: 'vandaag', 'morgen', else 'do 11/12' (the weekday and the date)."""
    if value == today:
        return _("vandaag")
    if (value - today).days == 1:
        return _("morgen")
    return f"{weekdays()[value.weekday()]} {value:%d/%m}"
