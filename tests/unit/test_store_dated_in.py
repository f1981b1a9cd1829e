"""Listing the records of a month across every dossier parses only the dossiers that can hold one."""

from __future__ import annotations

from pathlib import Path

import pytest

from poptui.models import ContactMoment
from poptui.services import months
from poptui.store import Database, storage


def _months_of(moments: list[ContactMoment]) -> set[tuple[int, int]]:
    return {(moment.date.year, moment.date.month) for moment in moments if moment.date is not None}


def test_a_months_records_are_the_same_with_and_without_skipping_dossiers(demo_db: Database) -> None:
    every = demo_db.list(ContactMoment)
    wanted = _months_of(every) | {(2001, 1)}
    assert len(wanted) > 3
    for year, month in sorted(wanted):

        def in_month(moment: ContactMoment, year: int = year, month: int = month) -> bool:
            return months.in_month(moment.date, year, month)

        storage._parsed.clear()  # nothing kept parsed: the files' bytes decide
        skipping = demo_db.list(ContactMoment, where=in_month, dated_in=("date", year, month))
        reading = demo_db.list(ContactMoment, where=in_month)
        assert [moment.id for moment in skipping] == [moment.id for moment in reading]


def test_only_dossiers_with_a_date_in_the_month_are_parsed(demo_db: Database) -> None:
    paths = list((demo_db.path / "dossiers").glob("*.json"))
    moment = next(moment for moment in demo_db.list(ContactMoment) if moment.date is not None)
    assert moment.date is not None
    storage._parsed.clear()
    held = [path for path in paths if storage.may_hold_date_in(path, "date", moment.date.year, moment.date.month)]
    assert demo_db.dossier_path(moment.employee_id) in held
    assert not [path for path in paths if storage.may_hold_date_in(path, "date", 2001, 1)]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ('{"contact_moments": {"1": {"id": "a", "date": "2025-10-31"}}}', False),
        ('{"contact_moments": {"1": {"id": "a", "date": null, "created_at": "2025-10-01T10:00:00Z"}}}', False),
        ('{"contact_moments": {"1": {"id": "a", "date": "2025-11-03"}}}', True),
        ('{"contact_moments": {"1": {"id": "a", "date": "2025-11-03T10:00:00"}}}', True),
        ('{"contact_moments": {"1": {"id": "a", "date": "\\u0032025-11-03"}}}', True),  # an escaped digit
        ('{"contact_moments": {"1": {"id": "a", "date": 1762128000}}}', True),  # a timestamp, written elsewhere
        ('{"contact_moments": {"1": {"id": "a", "date" : "20251103"}}}', True),
    ],
)
def test_a_file_is_read_unless_its_bytes_rule_the_month_out(tmp_path: Path, text: str, read: bool) -> None:
    path = tmp_path / "dossier.json"
    path.write_text(text, encoding="utf-8")
    storage._parsed.clear()
    assert storage.may_hold_date_in(path, "date", 2025, 11) is read
    assert storage.may_hold_date_in(tmp_path / "missing.json", "date", 2025, 11) is False


def test_a_file_kept_parsed_is_read(tmp_path: Path) -> None:
    path = tmp_path / "dossier.json"
    path.write_text('{"contact_moments": {"1": {"id": "a", "date": "2025-10-31"}}}', encoding="utf-8")
    storage.read_tables(path)
    assert storage.may_hold_date_in(path, "date", 2025, 11) is True
