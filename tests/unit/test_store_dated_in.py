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


def test_in_a_file_that_is_read_only_the_months_records_are_built(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parsed dossier's records of other months (an ISO date, or none) are left out before they are built."""
    every = demo_db.list(ContactMoment)
    moment = next(moment for moment in every if moment.date is not None)
    assert moment.date is not None
    year, month = moment.date.year, moment.date.month
    built: list[str] = []
    load = Database._load

    def counting(self: Database, record_type: type, doc: dict, path: Path, clean: bool = False) -> object:
        built.append(doc["id"])
        return load(self, record_type, doc, path, clean)

    monkeypatch.setattr(Database, "_load", counting)
    found = demo_db.list(
        ContactMoment, where=lambda item: months.in_month(item.date, year, month), dated_in=("date", year, month)
    )
    assert moment.id in {item.id for item in found}
    assert sorted(built) == sorted(item.id for item in every if months.in_month(item.date, year, month))


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("2025-11-03", True),
        ("2025-10-31", False),
        (None, False),
        ("2025-11-03T10:00:00", True),  # not as poptui writes a date: the model decides
        (" 2025-10-31", True),
        (1762128000, True),
        ("20251103", True),
    ],
)
def test_a_record_is_built_unless_its_stored_date_rules_the_month_out(value: object, kept: bool) -> None:
    from poptui.store.database import _may_be_dated_in

    assert _may_be_dated_in(value, 2025, 11) is kept
