"""Text slips of issue 11 (plurals, dates, "het Variant 3") and the agenda service."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from scenarios import start_proposed

from poptui.formatting import format_day, short_date
from poptui.i18n import _n, set_language
from poptui.models import ContactMoment, ContactMomentStatus, Employee, Level, Organisation, Person, Role
from poptui.services.agenda import agenda, next_due
from poptui.services.variants import propose_variant
from poptui.store import Database


def test_plurals_follow_the_count() -> None:
    assert _n("{count} traject", "{count} trajecten", 1) == "1 traject"
    assert _n("{count} traject", "{count} trajecten", 0) == "0 trajecten"
    assert _n("{count} lopend traject.", "{count} lopende trajecten.", 1) == "1 lopend traject."
    set_language("en")
    try:
        assert _n("{count} traject", "{count} trajecten", 1) == "1 trajectory"
        assert _n("{count} traject", "{count} trajecten", 2) == "2 trajectories"
    finally:
        set_language("nl")


def test_check_says_1_werknemer_and_1_traject(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from poptui.cli import main

    database = Database.create(tmp_path / "db", actor="tester")
    organisation = database.save(Organisation(name="Atelier"))
    employee = database.save(Employee(first_name="Kim", last_name="Claes", organisation_id=organisation.id))
    start_proposed(database, employee)
    with pytest.raises(SystemExit) as caught:
        raise SystemExit(main(["check", "--db", str(tmp_path / "db")]))
    out = capsys.readouterr().out
    assert caught.value.code == 0
    assert "(1 werknemer, 1 traject)" in out


def test_a_variant_is_named_without_a_wrong_article() -> None:
    exact = propose_variant(Level.HIGH, Level.HIGH).explanation
    assert "daarbij past Variant 3" in exact and "het Variant" not in exact
    near = propose_variant(Level.LOW, Level.MEDIUM).explanation
    assert "het Variant" not in near and "het Basistraject" not in near


def test_days_and_dates_read_short() -> None:
    today = date(2026, 12, 1)  # a Tuesday
    assert format_day(today, today) == "vandaag"
    assert format_day(today + timedelta(days=1), today) == "morgen"
    assert format_day(date(2026, 12, 7), today) == "ma 07/12"
    assert short_date(date(2026, 11, 30), today) == "30/11"
    assert short_date(date(2027, 1, 4), today) == "04/01/2027"


def test_the_agenda_groups_overdue_today_this_week_and_next_week(db: Database) -> None:
    today = date(2026, 12, 2)  # Wednesday: this week ends on Sunday 6/12, next week on 13/12
    organisation = db.save(Organisation(name="Atelier"))
    coach = db.save(Person(first_name="An", last_name="Aerts", organisation_id=organisation.id, roles=[Role.COACH]))
    other = db.save(Person(first_name="Tom", last_name="Tack", organisation_id=organisation.id, roles=[Role.COACH]))
    days = {
        "Ann": today - timedelta(days=3),
        "Bo": today,
        "Cis": today + timedelta(days=3),
        "Dirk": today + timedelta(days=8),
        "Els": today + timedelta(days=20),
    }
    moments: dict[str, ContactMoment] = {}
    for name, day in days.items():
        employee = db.save(Employee(first_name=name, last_name="X", organisation_id=organisation.id))
        _trajectory, planned = start_proposed(db, employee, coach_id=coach.id)
        moments[name] = db.save(planned[0].model_copy(update={"date": day, "start_time": time(9, 30)}))
    tom = db.save(Employee(first_name="Tom's", last_name="Y", organisation_id=organisation.id))
    _trajectory, planned = start_proposed(db, tom, coach_id=other.id)
    db.save(planned[0].model_copy(update={"date": today}))
    held = db.save(moments["Bo"].model_copy(update={"status": ContactMomentStatus.HELD}))
    assert held.status is ContactMomentStatus.HELD

    mine = agenda(db, coach.id, today)
    assert [item.employee.first_name for item in mine.overdue] == ["Ann"]
    assert mine.today_items == []  # Bo's was held: no longer an appointment
    assert [item.employee.first_name for item in mine.this_week] == ["Cis"]
    assert [item.employee.first_name for item in mine.next_week] == ["Dirk"]
    assert mine.next_due is not None and mine.next_due.employee.first_name == "Ann"
    everyone = agenda(db, None, today)
    assert [item.employee.first_name for item in everyone.today_items] == ["Tom's"]
    first = next_due(db, coach.id, today)
    assert first is not None and first.moment.id == moments["Ann"].id
