"""``poptui list trajectories --json`` answers from the store's summaries without loading a model, and
prints what the validated records say, byte for byte."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from poptui.cli import main
from poptui.cli.common import json_text
from poptui.models import (
    CompetenceKind,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Level,
    Organisation,
    PopDocument,
    Trajectory,
    VariantId,
)
from poptui.services.trajectory_list import ORGANISATIONS_TABLE, json_rows, organisation_facts, summarise
from poptui.store import Database, summaries


def _listed(database: Database, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["list", "trajectories", "--json", "--db", str(database.path)]) == 0
    return capsys.readouterr().out


def _from_validated_records(database: Database) -> list[dict[str, object]]:
    """The list as the validated records give it: every trajectory, employee, organisation, contact
    moment and POP read through its model."""
    organisations = {item.id: item for item in database.list(Organisation)}
    trajectories = sorted(
        database.list(Trajectory), key=lambda item: (item.start_date is None, item.start_date or date.min, item.id)
    )
    rows: list[dict[str, object]] = []
    for trajectory in trajectories:
        employee = database.find(Employee, trajectory.employee_id)
        organisation = organisations.get(employee.organisation_id) if employee else None
        moments = [
            moment
            for moment in database.list(ContactMoment, employee_id=trajectory.employee_id)
            if moment.trajectory_id == trajectory.id
        ]
        pops = [
            pop
            for pop in database.list(PopDocument, employee_id=trajectory.employee_id)
            if pop.trajectory_id == trajectory.id
        ]
        actions = pops[-1].actions if pops else []
        rows.append(
            {
                "id": trajectory.id,
                "employee_id": trajectory.employee_id,
                "employee": employee.full_name if employee else "?",
                "organisation_id": organisation.id if organisation else None,
                "organisation": organisation.name if organisation else "?",
                "coach_id": trajectory.coach_id,
                "variant": trajectory.variant.value,
                "reflection": trajectory.reflection.value,
                "intensity": trajectory.intensity.value,
                "status": trajectory.status.value,
                "start_date": trajectory.start_date.isoformat() if trajectory.start_date else None,
                "completion_date": trajectory.completion_date.isoformat() if trajectory.completion_date else None,
                "follow_up": trajectory.previous_trajectory_id is not None,
                "previous_trajectory_id": trajectory.previous_trajectory_id,
                "contact_moments_planned": sum(1 for m in moments if m.status is not ContactMomentStatus.SKIPPED),
                "contact_moments_held": sum(1 for m in moments if m.status is ContactMomentStatus.HELD),
                "actions": len(actions),
                "generic_actions": sum(1 for action in actions if action.kind is CompetenceKind.GENERIC),
                "technical_actions": sum(1 for action in actions if action.kind is CompetenceKind.TECHNICAL),
            }
        )
    return rows


def test_the_list_prints_what_the_validated_records_say_byte_for_byte(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _from_validated_records(demo_db)
    assert len(expected) >= 10 and any(row["actions"] for row in expected)
    assert any(row["contact_moments_held"] for row in expected)
    assert _listed(demo_db, capsys) == json_text(expected) + "\n"


def test_the_list_loads_no_model(demo_db: Database) -> None:
    """pydantic and the model classes (0.15 s to import) stay out: the list comes from stored facts."""
    script = (
        "import contextlib, io, sys\n"
        "from poptui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['list', 'trajectories', '--json', '--db', {str(demo_db.path)!r}]) == 0\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'pydantic' or name.startswith('poptui.models.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['poptui.models.enums']"


def test_the_command_line_loads_no_model_to_read_its_arguments() -> None:
    script = (
        "import sys\n"
        "from poptui.cli import build_parser\n"
        "build_parser()\n"
        "import poptui.store\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'pydantic' or name.startswith('poptui.models.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['poptui.models.enums']"


def test_the_organisations_table_is_the_models(db: Database) -> None:
    assert ORGANISATIONS_TABLE == Organisation.table
    organisation = db.save(Organisation(name="Atelier"))
    assert {key: (item.id, item.name) for key, item in organisation_facts(db).items()} == {
        organisation.id: (organisation.id, "Atelier")
    }


def test_an_organisation_file_changed_outside_poptui_is_read_through_the_records(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="An", last_name="Peeters", organisation_id=organisation.id))
    db.save(Trajectory(employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.LOW, intensity=Level.LOW))
    core = db.path / "core.json"
    data = json.loads(core.read_text())
    data["organisations"][next(iter(data["organisations"]))]["name"] = "Atelier\x1b[31m\u200b"
    core.write_text(json.dumps(data))
    assert db.core_documents(ORGANISATIONS_TABLE) is None
    assert organisation_facts(db)[organisation.id].name == "Atelier"  # cleaned, as every read of such a file is
    [row] = json.loads(_listed(db, capsys))
    assert row["organisation"] == "Atelier" and row["employee"] == "An Peeters"


def test_the_json_rows_are_each_summarys_json(demo_db: Database) -> None:
    """--json makes its objects straight from the summaries; the table's summaries say the same."""
    rows = json_rows(demo_db)
    assert len(rows) >= 10
    assert rows == [summary.as_json() for summary in summarise(demo_db)]


def _damage_summary(database: Database, change: Callable[[dict[str, Any]], None]) -> str:
    """Change the stored summary (its employee and trajectories parts) of the first employee with a
    trajectory, as a damaged or hand-edited summary file might hold it; that employee's id."""
    database.refresh_summaries()
    for path in sorted((database.path / summaries.FOLDER).glob("[0-9][0-9][0-9].json")):
        rows = json.loads(path.read_text(encoding="utf-8"))
        for employee_id, row in rows.items():
            people = json.loads(row[2]) if row[2] else {}
            if people.get("trajectories"):
                change(people)
                row[2] = json.dumps(people)
                path.write_text(json.dumps(rows), encoding="utf-8")
                return employee_id
    raise AssertionError("no employee with a trajectory")


@pytest.mark.parametrize(
    "damage",
    [
        lambda part: [part[0], "no-such-variant", *part[2:]],
        lambda part: [*part[:2], "no-such-status", *part[3:]],
        lambda part: [*part[:3], "not a date", *part[4:]],
        lambda part: [*part[:6], "no-such-level", part[7]],
        lambda part: part[:5],
        lambda part: 7,
        lambda part: [*part[:3], ["2024-01-01"], *part[4:]],
    ],
)
def test_an_employee_whose_summary_is_damaged_is_left_out_of_both_lists(demo_db: Database, damage: Any) -> None:
    def change(people: dict[str, Any]) -> None:
        people["trajectories"] = {key: damage(list(part)) for key, part in people["trajectories"].items()}

    employee_id = _damage_summary(demo_db, change)
    rows = json_rows(demo_db)
    assert rows and all(row["employee_id"] != employee_id for row in rows)
    assert rows == [summary.as_json() for summary in summarise(demo_db)]
