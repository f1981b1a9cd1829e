"""The demo database shows the competences: dictionaries with profiles, measurements a year apart
with the supervisor's ratings, growth, and actions linked to dictionary competences."""

from __future__ import annotations

from poptui.models import CompetenceDictionary, Employee, PopDocument
from poptui.services import competence_measurement as measurement
from poptui.services import competences
from poptui.services.competence_growth import growth_view
from poptui.services.competence_pitfalls import Rater
from poptui.store import Database


def test_the_demo_has_dictionaries_with_function_profiles(demo_db: Database) -> None:
    dictionaries = demo_db.list(CompetenceDictionary)
    assert len(dictionaries) == 2
    for source in dictionaries:
        assert len(source.competences) > 11 and len(source.profiles) >= 3
        assert all(entry.expected for profile in source.profiles for entry in profile.entries)


def test_two_employees_were_measured_a_year_apart_with_the_supervisors_view(demo_db: Database) -> None:
    measured = []
    for employee in demo_db.list(Employee):
        records = measurement.measurements_of(demo_db, employee.id)
        if len(records) < 2:
            continue
        first, last = records[0], records[-1]
        assert first.date and last.date and (last.date - first.date).days >= 360
        assert first.trajectory_id != last.trajectory_id
        view = measurement.measurement_view(demo_db, last, employee)
        assert all(line.supervisor is not None for line in view.lines)
        assert any(line.talk for line in view.lines)
        growth = growth_view(demo_db, employee)
        assert any((item.change(Rater.COACH) or 0) > 0 for item in growth.competences)
        measured.append(employee.full_name)
    assert sorted(measured) == ["Mohamed El Amrani", "Patrick Goossens"]


def test_demo_actions_link_to_the_dictionary(demo_db: Database) -> None:
    linked = [
        (pop.employee_id, action) for pop in demo_db.list(PopDocument) for action in pop.actions if action.competence_id
    ]
    assert len(linked) >= 5
    employees = {employee.id: employee for employee in demo_db.list(Employee)}
    for employee_id, action in linked:
        source = competences.dictionary(demo_db, employees[employee_id].organisation_id)
        competence = competences.find_competence(source, action.competence_id or "")
        assert competence is not None and (action.competence, action.kind) == (competence.name, competence.kind)
    assert any(
        action.competence and not action.competence_id for pop in demo_db.list(PopDocument) for action in pop.actions
    )
