"""Today and now, in one place: screens and services ask here instead of ``date.today()``,
so tests (and the snapshot tests above all) can fix the date."""

from __future__ import annotations

from datetime import date, datetime


def today() -> date:
    return date.today()


def now() -> datetime:
    return datetime.now()
