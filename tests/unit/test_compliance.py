"""The compliance rules, each tested on both sides of its boundary, and `poptui report compliance`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from scenarios import TODAY as DEMO_DAY

from poptui.cli import main
from poptui.models import (
    CompetenceKind,
    ComplianceProblem,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Level,
    Organisation,
    Phase,
    PopAction,
    PopDocument,
    PopStatus,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)
from poptui.services.compliance import (
    EmployeeFacts,
    add_months,
    compliance_lines,
    compliance_overview,
    count_text,
    findings_for,
)
from poptui.store import Database

ORG = Organisation(id="org", name="De Werkplaats vzw")
P = ComplianceProblem


def _employee(**fields: object) -> Employee:
    values: dict[str, object] = {
        "id": "e1",
        "first_name": "Inès",
        "last_name": "Van den Broeck",
        "organisation_id": "org",
        "start_date": date(2026, 1, 31),
    }
    return Employee(**(values | fields))


def _trajectory(status: TrajectoryStatus = TrajectoryStatus.ACTIVE, **fields: object) -> Trajectory:
    values: dict[str, object] = {
        "id": "t1",
        "employee_id": "e1",
        "variant": VariantId.BASIS,
        "reflection": Level.MEDIUM,
        "intensity": Level.MEDIUM,
        "status": status,
        "start_date": date(2026, 2, 10) if status is not TrajectoryStatus.PLANNED else None,
    }
    if status is TrajectoryStatus.COMPLETED:
        values["completion_date"] = date(2026, 5, 4)
    return Trajectory(**(values | fields))


def _final_pop(**fields: object) -> PopDocument:
    values: dict[str, object] = {
        "employee_id": "e1",
        "trajectory_id": "t1",
        "status": PopStatus.FINAL,
        "finalised_on": date(2026, 5, 4),
        "uploaded_on": date(2026, 5, 6),
        "uploaded_by": "an",
        "actions": [
            PopAction(what="Zelf de werkpost klaarzetten", kind=CompetenceKind.GENERIC),
            PopAction(what="De kantenlijmmachine leren", kind=CompetenceKind.TECHNICAL),
        ],
    }
    return PopDocument(**(values | fields))


def _facts(
    employee: Employee | None = None,
    trajectories: list[Trajectory] | None = None,
    pops: list[PopDocument] | None = None,
    moments: list[ContactMoment] | None = None,
    *,
    consent: bool = True,
    organisation: Organisation | None = ORG,
) -> EmployeeFacts:
    return EmployeeFacts(
        employee or _employee(), organisation, trajectories or [], pops or [], moments or [], consent_valid=consent
    )


def _problems(facts: EmployeeFacts, today: date) -> list[tuple[ComplianceProblem, date]]:
    return [(finding.problem, finding.since) for finding in findings_for(facts, today)]


# -- months --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 10), 12, date(2027, 3, 10)),
        (date(2026, 5, 31), 3, date(2026, 8, 31)),
    ],
)
def test_add_months(day: date, count: int, expected: date) -> None:
    assert add_months(day, count) == expected


# -- no POP trajectory started within the deadline ------------------------------------------


def test_no_pop_started_on_the_deadline_is_still_fine_the_day_after_it_is_not() -> None:
    facts = _facts()  # started 31/01/2026; one month: deadline 28/02/2026
    assert _problems(facts, date(2026, 2, 28)) == []
    assert _problems(facts, date(2026, 3, 1)) == [(P.NO_POP_STARTED, date(2026, 3, 1))]


def test_the_organisation_sets_its_own_deadline() -> None:
    two_months = Organisation(id="org", name="LDE", first_pop_within_months=2)
    facts = _facts(organisation=two_months)
    assert _problems(facts, date(2026, 3, 31)) == []
    assert _problems(facts, date(2026, 4, 1)) == [(P.NO_POP_STARTED, date(2026, 4, 1))]


def test_a_planned_trajectory_is_not_started_an_active_one_is() -> None:
    today = date(2026, 3, 15)
    assert _problems(_facts(trajectories=[_trajectory(TrajectoryStatus.PLANNED)]), today) == [
        (P.NO_POP_STARTED, date(2026, 3, 1))
    ]
    assert _problems(_facts(trajectories=[_trajectory()]), today) == []


def test_without_a_start_date_the_day_added_to_poptui_counts() -> None:
    added = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
    employee = _employee(start_date=None, created_at=added)
    assert _problems(_facts(employee), date(2026, 5, 2)) == []
    [finding] = findings_for(_facts(employee), date(2026, 5, 3))
    assert finding.problem is P.NO_POP_STARTED and finding.since == date(2026, 5, 3)
    assert "datum in dienst onbekend" in finding.detail


def test_archived_employees_are_left_out() -> None:
    assert _problems(_facts(_employee(archived=True)), date(2027, 1, 1)) == []


# -- the latest POP older than a year ---------------------------------------------------------


def test_pop_older_than_a_year_from_the_day_after_its_anniversary() -> None:
    facts = _facts(trajectories=[_trajectory(TrajectoryStatus.COMPLETED)], pops=[_final_pop()])
    assert _problems(facts, date(2027, 5, 4)) == []
    assert _problems(facts, date(2027, 5, 5)) == [(P.POP_OLDER_THAN_YEAR, date(2027, 5, 5))]


def test_a_running_follow_up_answers_the_old_pop() -> None:
    follow_up = _trajectory(id="t2", previous_trajectory_id="t1", start_date=date(2027, 4, 1))
    facts = _facts(trajectories=[_trajectory(TrajectoryStatus.COMPLETED), follow_up], pops=[_final_pop()])
    assert _problems(facts, date(2027, 6, 1)) == []


def test_a_completed_trajectory_without_pop_record_counts_by_its_completion_date() -> None:
    facts = _facts(trajectories=[_trajectory(TrajectoryStatus.COMPLETED, completion_date=date(2026, 6, 30))])
    assert _problems(facts, date(2027, 6, 30)) == []
    assert _problems(facts, date(2027, 7, 1)) == [(P.POP_OLDER_THAN_YEAR, date(2027, 7, 1))]


# -- a final POP: consent, upload mark, generic + technical ----------------------------------


def test_final_pop_without_consent() -> None:
    completed = [_trajectory(TrajectoryStatus.COMPLETED)]
    today = date(2026, 6, 1)
    assert _problems(_facts(trajectories=completed, pops=[_final_pop()], consent=True), today) == []
    assert _problems(_facts(trajectories=completed, pops=[_final_pop()], consent=False), today) == [
        (P.CONSENT_MISSING, date(2026, 5, 4))
    ]


def test_a_draft_pop_needs_no_consent_upload_or_rule_yet() -> None:
    draft = _final_pop(status=PopStatus.DRAFT, finalised_on=None, uploaded_on=None, actions=[])
    assert _problems(_facts(trajectories=[_trajectory()], pops=[draft], consent=False), date(2026, 6, 1)) == []


def test_final_pop_without_upload_mark() -> None:
    completed = [_trajectory(TrajectoryStatus.COMPLETED)]
    not_uploaded = _final_pop(uploaded_on=None, uploaded_by="")
    assert _problems(_facts(trajectories=completed, pops=[not_uploaded]), date(2026, 5, 4)) == [
        (P.UPLOAD_MISSING, date(2026, 5, 4))
    ]
    [finding] = findings_for(_facts(trajectories=completed, pops=[not_uploaded]), date(2026, 6, 1))
    assert finding.target.kind == "pop" and finding.target.trajectory_id == "t1"


def test_final_pop_breaking_the_generic_and_technical_rule() -> None:
    completed = [_trajectory(TrajectoryStatus.COMPLETED)]
    only_generic = _final_pop(actions=[PopAction(what="Op tijd komen", kind=CompetenceKind.GENERIC)] * 2)
    assert _problems(_facts(trajectories=completed, pops=[only_generic]), date(2026, 6, 1)) == [
        (P.POP_RULE_BROKEN, date(2026, 5, 4))
    ]
    assert _problems(_facts(trajectories=completed, pops=[_final_pop()]), date(2026, 6, 1)) == []


def test_the_final_day_falls_back_to_the_completion_date() -> None:
    completed = [_trajectory(TrajectoryStatus.COMPLETED, completion_date=date(2026, 5, 20))]
    pop = _final_pop(finalised_on=None, uploaded_on=None)
    assert _problems(_facts(trajectories=completed, pops=[pop]), date(2026, 6, 1)) == [
        (P.UPLOAD_MISSING, date(2026, 5, 20))
    ]


# -- overdue contact moments -------------------------------------------------------------------


def _moment(day: date, number: int = 1, status: ContactMomentStatus = ContactMomentStatus.PLANNED) -> ContactMoment:
    return ContactMoment(
        id=f"m{number}",
        employee_id="e1",
        trajectory_id="t1",
        number=number,
        phase=Phase.ANALYSE,
        date=day,
        status=status,
    )


def test_a_planned_moment_is_overdue_from_the_day_after_its_date() -> None:
    facts = _facts(trajectories=[_trajectory()], moments=[_moment(date(2026, 3, 10))])
    assert _problems(facts, date(2026, 3, 10)) == []
    assert _problems(facts, date(2026, 3, 11)) == [(P.CONTACT_MOMENT_OVERDUE, date(2026, 3, 11))]


def test_one_line_for_the_oldest_overdue_moment() -> None:
    moments = [_moment(date(2026, 3, 20), 2), _moment(date(2026, 3, 10), 1), _moment(date(2026, 3, 1), 0)]
    moments[2] = moments[2].model_copy(update={"status": ContactMomentStatus.HELD})
    [finding] = findings_for(_facts(trajectories=[_trajectory()], moments=moments), date(2026, 4, 1))
    assert finding.since == date(2026, 3, 11) and finding.target.moment_id == "m1"
    assert "contactmoment 1 gepland op 10/03/2026" in finding.detail and "nog 1 andere" in finding.detail


@pytest.mark.parametrize("status", [TrajectoryStatus.PAUSED, TrajectoryStatus.STOPPED, TrajectoryStatus.COMPLETED])
def test_moments_of_a_paused_or_closed_trajectory_are_not_overdue(status: TrajectoryStatus) -> None:
    fields: dict[str, object] = {"stop_reason": "verhuisd"} if status is TrajectoryStatus.STOPPED else {}
    facts = _facts(trajectories=[_trajectory(status, **fields)], moments=[_moment(date(2026, 3, 10))])
    assert [problem for problem, _since in _problems(facts, date(2026, 4, 1))] == []


# -- the overview --------------------------------------------------------------------------------


def test_lines_are_sorted_by_organisation_and_name_and_count_in_dutch() -> None:
    other = Organisation(id="o2", name="Atelier Zuid")
    bart = _employee(id="e2", first_name="Bart", last_name="Aerts")
    zoe = _employee(id="e3", first_name="Zoë", last_name="Zeger", organisation_id="o2")
    lines = compliance_lines([_facts(), _facts(bart), _facts(zoe, organisation=other)], date(2026, 6, 1))
    assert [(line.organisation, line.employee) for line in lines] == [
        ("Atelier Zuid", "Zoë Zeger"),
        ("De Werkplaats vzw", "Bart Aerts"),
        ("De Werkplaats vzw", "Inès Van den Broeck"),
    ]
    assert lines[0].as_json() == {
        "employee_id": "e3",
        "employee": "Zoë Zeger",
        "organisation": "Atelier Zuid",
        "problem": "no_pop_started",
        "since": "2026-03-01",
    }
    assert count_text(lines) == "3 punten bij 3 werknemers"
    assert count_text(lines[:1]) == "1 punt bij 1 werknemer"


def test_overview_of_the_demo_database(demo_db: Database) -> None:
    lines = compliance_overview(demo_db, DEMO_DAY)
    problems = {(line.employee, line.problem) for line in lines}
    assert ("Jan D'Hondt", P.UPLOAD_MISSING) in problems  # no Mijn Loopbaan account, so not uploaded
    assert ("Kevin Vermeulen", P.NO_POP_STARTED) in problems
    assert not any(line.employee == "Ayşe Müller-Özdemir" for line in lines)
    organisation = next(o for o in demo_db.list(Organisation) if o.name == "LDE Groen & Zorg")
    assert all(
        line.organisation == "LDE Groen & Zorg" for line in compliance_overview(demo_db, DEMO_DAY, organisation.id)
    )


def test_cli_json_has_the_five_agreed_keys(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "compliance", "--db", str(demo_db.path), "--json"]) == 0
    lines = json.loads(capsys.readouterr().out)
    assert lines and all(set(line) == {"employee_id", "employee", "organisation", "problem", "since"} for line in lines)
    assert all(line["problem"] in {problem.value for problem in P} for line in lines)
    assert all(date.fromisoformat(line["since"]) for line in lines)
    assert main(["report", "compliance", "--db", str(demo_db.path), "--organisation", "groen", "--json"]) == 0
    assert {line["organisation"] for line in json.loads(capsys.readouterr().out)} <= {"LDE Groen & Zorg"}


def test_cli_text_and_an_unknown_organisation(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "compliance", "--db", str(demo_db.path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wat ontbreekt voor de registratie:") and "Jan D'Hondt: Niet in Mijn Loopbaan, sinds" in out
    assert main(["report", "compliance", "--db", str(demo_db.path), "--organisation", "bestaat niet"]) == 1
    assert "Geen organisatie gevonden" in capsys.readouterr().err


def test_cli_says_when_nothing_is_missing(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "compliance", "--db", str(db.path)]) == 0
    assert capsys.readouterr().out.strip() == "Niets ontbreekt voor de registratie."
