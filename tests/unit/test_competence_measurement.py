"""Competentiemeting: what is measured, the supervisor's view, the differences to talk about, growth."""

from __future__ import annotations

from datetime import date

import pytest

from poptui.models import (
    CompetentiemetingRecord,
    ConsultationRating,
    Employee,
    Organisation,
    SupervisorConsultation,
)
from poptui.services import competence_measurement as measurement
from poptui.services import competences
from poptui.services.competence_growth import growth, growth_view
from poptui.services.competence_pitfalls import Rater
from poptui.store import Database


@pytest.fixture
def employee(db: Database) -> Employee:
    organisation = db.save(Organisation(name="De Werkplaats"))
    competences.save_profile(
        db, organisation.id, "Heftruckchauffeur", {"machines_bedienen": 3, "samenwerken": 3, "doorzetten": None}
    )
    return db.save(
        Employee(
            first_name="Mohamed", last_name="El Amrani", organisation_id=organisation.id, function="heftruckchauffeur"
        )
    )


def _record(employee: Employee, day: date, **fields: object) -> CompetentiemetingRecord:
    return CompetentiemetingRecord(employee_id=employee.id, trajectory_id="t1", date=day, **fields)


@pytest.mark.parametrize(
    ("self_rating", "coach", "supervisor", "talk"),
    [
        (1, 3, None, [Rater.COACH]),
        (4, 2, 2, [Rater.COACH, Rater.SUPERVISOR]),
        (2, 3, 1, []),
        (3, None, 1, [Rater.SUPERVISOR]),
        (None, 1, 4, []),
        (2, 4, 4, [Rater.COACH, Rater.SUPERVISOR]),
    ],
)
def test_differences_of_two_levels_are_marked(
    self_rating: int | None, coach: int | None, supervisor: int | None, talk: list[Rater]
) -> None:
    assert measurement.talk_about(self_rating, coach, supervisor) == talk


def test_a_new_measurement_starts_from_the_employees_function_profile(db: Database, employee: Employee) -> None:
    record = measurement.prepared(db, _record(employee, date(2025, 3, 1)), employee)
    assert [rating.competence_id for rating in record.ratings] == ["samenwerken", "machines_bedienen", "doorzetten"]
    assert [rating.expected for rating in record.ratings] == [3, 3, None]
    assert record.profile_name == "Heftruckchauffeur" and len(record.scale) == 4
    assert record.ratings[1].definition.startswith("De medewerker bedient") and len(record.ratings[1].indicators) == 4


def test_changing_the_set_keeps_the_ratings_given(db: Database, employee: Employee) -> None:
    source = competences.dictionary(db, employee.organisation_id)
    record = measurement.prepared(db, _record(employee, date(2025, 3, 1)), employee)
    record = measurement.rate(record, "doorzetten", "self_rating", 2)
    picked = measurement.with_competences(record, source, ["communiceren", "samenwerken"])
    assert [rating.competence_id for rating in picked.ratings] == ["samenwerken", "communiceren", "doorzetten"]
    assert picked.ratings[-1].self_rating == 2 and picked.profile_id is None
    everything = measurement.with_profile(picked, source, None)
    assert len(everything.ratings) == 11


def test_a_rated_competence_goes_only_when_the_coach_drops_it(db: Database, employee: Employee) -> None:
    source = competences.dictionary(db, employee.organisation_id)
    record = measurement.prepared(db, _record(employee, date(2025, 3, 1)), employee)
    record = measurement.rate(record, "doorzetten", "coach", 3)
    record = measurement.set_remark(record, "samenwerken", "Helpt graag")
    assert [r.competence_id for r in measurement.rated_outside(record, ["machines_bedienen"])] == [
        "samenwerken",
        "doorzetten",
    ]
    assert measurement.rated_outside(record, ["samenwerken", "doorzetten"]) == []
    dropped = measurement.with_competences(record, source, ["machines_bedienen"], drop=["doorzetten"])
    assert [rating.competence_id for rating in dropped.ratings] == ["machines_bedienen", "samenwerken"]
    assert dropped.ratings[1].remark == "Helpt graag"


def test_the_supervisors_rating_comes_from_the_consultation_unless_entered(db: Database, employee: Employee) -> None:
    db.save(
        SupervisorConsultation(
            employee_id=employee.id,
            trajectory_id="t1",
            date=date(2025, 3, 5),
            competence_ratings=[
                ConsultationRating(competence_id="samenwerken", name="Samenwerken", rating=1),
                ConsultationRating(competence_id="machines_bedienen", name="Machines bedienen", rating=4),
            ],
        )
    )
    record = measurement.prepared(db, _record(employee, date(2025, 3, 10)), employee)
    record = measurement.rate(record, "samenwerken", "self_rating", 3)
    record = measurement.rate(record, "machines_bedienen", "supervisor", 2)
    view = measurement.measurement_view(db, record, employee)
    samenwerken, machines, doorzetten = view.lines
    assert (samenwerken.supervisor, samenwerken.from_consultation, samenwerken.talk) == (1, True, [Rater.SUPERVISOR])
    assert (machines.supervisor, machines.from_consultation) == (2, False)
    assert doorzetten.supervisor is None and view.consultation is not None


def test_pitfalls_compare_with_the_previous_measurement(db: Database, employee: Employee) -> None:
    last_year = measurement.prepared(db, _record(employee, date(2024, 3, 1)), employee)
    source = competences.dictionary(db, employee.organisation_id)
    last_year = measurement.with_profile(last_year, source, None)
    levels = [2, 3, 1, 4, 2]
    for rating, level in zip(last_year.ratings, levels, strict=False):
        last_year = measurement.rate(last_year, rating.competence_id, "coach", level)
    db.save(last_year)
    now = measurement.with_profile(
        measurement.prepared(db, _record(employee, date(2025, 3, 1)), employee), source, None
    )
    for rating, level in zip(now.ratings, levels, strict=False):
        now = measurement.rate(now, rating.competence_id, "coach", level)
    view = measurement.measurement_view(db, now, employee)
    assert view.previous is not None and view.previous.id == last_year.id
    assert [warning.pitfall_id for warning in view.warnings] == ["vroegere_oordelen"]
    grown = measurement.rate(now, now.ratings[0].competence_id, "coach", 3)
    assert measurement.measurement_view(db, grown, employee).warnings == []


def test_growth_over_three_measurements(db: Database, employee: Employee) -> None:
    days = [date(2023, 3, 1), date(2024, 3, 1), date(2025, 3, 1)]
    coach_levels = {"samenwerken": [1, 2, 3], "machines_bedienen": [3, 3, 2]}
    for index, day in enumerate(days):
        record = measurement.prepared(db, _record(employee, day), employee)
        for key, values in coach_levels.items():
            record = measurement.rate(record, key, "coach", values[index])
            record = measurement.rate(record, key, "self_rating", min(4, values[index] + 1))
        if index == 1:  # doorzetten was only measured once, in the middle, on the whole dictionary
            source = competences.dictionary(db, employee.organisation_id)
            record = measurement.with_profile(record, source, None)
            record = measurement.rate(record, "doorzetten", "self_rating", 2)
        db.save(record)
    view = growth_view(db, employee)
    assert [record.date for record in view.measurements] == days
    by_name = {item.name: item for item in view.competences}
    assert set(by_name) == {"Samenwerken", "Machines bedienen", "Doorzetten"}  # never rated: not shown
    samenwerken = by_name["Samenwerken"]
    assert [point.coach for point in samenwerken.points] == [1, 2, 3]
    assert samenwerken.change(Rater.COACH) == 2 and samenwerken.change(Rater.SELF) == 2
    assert by_name["Machines bedienen"].change(Rater.COACH) == -1
    assert [point.self_rating for point in by_name["Doorzetten"].points] == [None, 2, None]
    assert by_name["Doorzetten"].change(Rater.SELF) is None


def test_growth_follows_a_competence_by_name_when_its_id_changed(employee: Employee) -> None:
    from poptui.models import CompetenceRating

    def one(day: date, competence_id: str, level: int) -> CompetentiemetingRecord:
        return _record(
            employee,
            day,
            ratings=[CompetenceRating(competence_id=competence_id, name="Samenwerken", coach=level)],
        )

    [followed] = growth([one(date(2024, 1, 1), "samenwerken", 2), one(date(2025, 1, 1), "abc123", 4)])
    assert [point.coach for point in followed.points] == [2, 4]
