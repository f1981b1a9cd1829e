"""Training days, organisation hours and the start-up analysis: the services behind their screens."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from poptui.formatting import format_hours
from poptui.models import HoursKind, Organisation, Person, PopDocument, PopStatus, Role, StartupAnalysis, Training
from poptui.services import hours, print_jobs, startup_analysis, trainings
from poptui.store import Database, NotFound


@pytest.fixture
def people(db: Database) -> tuple[Organisation, Person, Person, Person]:
    organisation = db.save(Organisation(name="De Werkplaats"))
    trainer = db.save(Person(first_name="Marc", last_name="Peeters", roles=[Role.TRAINER]))
    an = db.save(Person(first_name="An", last_name="Janssens", organisation_id=organisation.id, roles=[Role.COACH]))
    tom = db.save(Person(first_name="Tom", last_name="De Smet", roles=[Role.COACH, Role.SUPERVISOR]))
    return organisation, trainer, an, tom


def test_a_training_day_is_saved_with_its_attendees_and_a_decimal_comma(db: Database, people) -> None:
    _organisation, trainer, an, tom = people
    saved = trainings.save_training(
        db,
        {
            "date": "12/03/2026",
            "title": "Intervisie",
            "trainer_id": trainer.id,
            "hours": "3,5",
            "place": "Gent",
            "attendee_ids": [an.id, tom.id, an.id],
        },
    )
    assert (saved.date, saved.hours, saved.attendee_ids) == (date(2026, 3, 12), 3.5, [an.id, tom.id])
    assert [person.id for person in trainings.trainers(db)] == [trainer.id]
    assert trainings.attendee_choices(db)[1] == ("An Janssens · De Werkplaats", an.id)

    edited = trainings.save_training(db, {"title": "Intervisie dag 2", "trainer_id": None, "hours": ""}, saved.id)
    assert (edited.title, edited.trainer_id, edited.hours, edited.version) == ("Intervisie dag 2", None, 0, 2)


def test_training_days_are_listed_newest_first_and_can_be_deleted(db: Database) -> None:
    old = trainings.save_training(db, {"date": date(2026, 1, 5), "title": "Dag 1"})
    new = trainings.save_training(db, {"date": date(2026, 2, 5), "title": "Dag 2"})
    assert [training.id for training in trainings.list_trainings(db)] == [new.id, old.id]
    trainings.delete_training(db, old.id)
    assert [training.id for training in db.list(Training)] == [new.id]
    with pytest.raises(NotFound):
        trainings.delete_training(db, old.id)


def test_a_training_needs_a_title_and_a_date(db: Database) -> None:
    with pytest.raises(ValidationError) as raised:
        trainings.save_training(db, {"date": "", "title": "", "hours": "veel"})
    assert {error["loc"][0] for error in raised.value.errors()} == {"date", "title", "hours"}
    assert db.list(Training) == []


def test_hours_entries_with_totals_per_kind(db: Database, people) -> None:
    organisation, _trainer, an, _tom = people
    other = db.save(Organisation(name="Groen & Zorg"))
    first = hours.save_entry(
        db, {"date": "02/03/2026", "kind": "intake", "hours": "2", "coach_id": an.id}, organisation.id
    )
    hours.save_entry(
        db,
        {
            "date": "01/03/2026",
            "kind": HoursKind.GUIDANCE_ORGANISATION,
            "hours": "1,5",
            "description": "Opstartanalyse",
        },
        organisation.id,
    )
    hours.save_entry(db, {"date": "03/03/2026", "kind": HoursKind.INTAKE, "hours": "1"}, organisation.id)
    hours.save_entry(db, {"date": "03/03/2026", "kind": HoursKind.INTAKE, "hours": "4"}, other.id)

    entries = hours.entries_of(db, organisation.id)
    assert [entry.date.day for entry in entries] == [1, 2, 3]
    result = hours.totals(entries)
    assert result.total == 4.5
    assert result.per_kind == {
        HoursKind.INTAKE: 3.0,
        HoursKind.GUIDANCE_ORGANISATION: 1.5,
        HoursKind.GUIDANCE_SUPERVISORS: 0.0,
        HoursKind.OTHER: 0.0,
    }
    assert [format_hours(value) for value in (4.5, 6.0, 0.25)] == ["4,5", "6", "0,25"]
    assert [person.id for person in hours.coaches(db)] == [_tom.id, an.id]

    moved = hours.save_entry(db, {"hours": "2,5"}, organisation.id, first.id)
    assert (moved.hours, moved.kind, moved.coach_id) == (2.5, HoursKind.INTAKE, an.id)
    hours.delete_entry(db, first.id)
    assert hours.totals(hours.entries_of(db, organisation.id)).total == 2.5


def test_hours_need_a_kind_and_more_than_zero_hours(db: Database, people) -> None:
    organisation = people[0]
    with pytest.raises(ValidationError) as raised:
        hours.save_entry(db, {"date": "01/03/2026", "kind": None, "hours": "0"}, organisation.id)
    assert {error["loc"][0] for error in raised.value.errors()} == {"kind", "hours"}
    with pytest.raises(NotFound):
        hours.save_entry(db, {"date": "01/03/2026", "kind": "intake", "hours": "1"}, "geen-organisatie")


def test_the_startup_analysis_keeps_answers_by_question_id(db: Database, people) -> None:
    organisation = people[0]
    ids = startup_analysis.question_ids()
    assert ids[0] == "3.3.1.1" and len(ids) == len(set(ids)) > 20

    fresh = startup_analysis.get_or_new(db, organisation.id)
    assert (fresh.answers, fresh.version) == ({}, 0) and db.list(StartupAnalysis) == []

    saved = startup_analysis.save_answers(
        db, organisation.id, {ids[0]: "De directeur", ids[1]: "  "}, analysis_date="04/03/2026"
    )
    assert (saved.answers, saved.date) == ({ids[0]: "De directeur"}, date(2026, 3, 4))
    again = startup_analysis.save_answers(db, organisation.id, {ids[0]: "De directeur", ids[2]: "Luc"})
    assert again.id == saved.id and again.answers == {ids[0]: "De directeur", ids[2]: "Luc"} and again.date is None
    assert startup_analysis.get_or_new(db, organisation.id).id == saved.id

    with pytest.raises(ValueError, match="Onbekende vraag"):
        startup_analysis.save_answers(db, organisation.id, {"9.9.9": "?"})
    with pytest.raises(NotFound):
        startup_analysis.get_or_new(db, "geen-organisatie")


def test_pop_print_state_of_the_demo(demo_db: Database) -> None:
    from poptui.models import Trajectory

    states = {print_jobs.pop_print_state(demo_db, trajectory.id) for trajectory in demo_db.list(Trajectory)}
    assert PopStatus.FINAL in states and PopStatus.DRAFT in states
    pops = {pop.trajectory_id for pop in demo_db.list(PopDocument)}
    without = [trajectory for trajectory in demo_db.list(Trajectory) if trajectory.id not in pops]
    if without:
        assert print_jobs.pop_print_state(demo_db, without[0].id) is None
