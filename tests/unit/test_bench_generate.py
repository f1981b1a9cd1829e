"""The benchmark's scale-database generator keeps up with the models: every record kind, a healthy database."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from poptui.models import RECORD_TYPES, MethodKind, MethodRecordBase, TrajectoryStatus
from poptui.services.coach import identify_coach
from poptui.services.health import check_database
from poptui.store import Database

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Database:
    sys.path.insert(0, str(BENCH))
    try:
        from generate import BENCH_COACH_LOGIN, generate
    finally:
        sys.path.remove(str(BENCH))
    path = tmp_path_factory.mktemp("bench") / "db"
    counts = generate(path, employees=40, years=3, seed=5, today=date(2026, 3, 16))
    assert counts.total > 1000
    database = Database.open(path, actor="tester")
    assert identify_coach(database, BENCH_COACH_LOGIN) is not None
    return database


def test_every_record_type_and_method_kind_is_written(generated: Database) -> None:
    for record_type in RECORD_TYPES:
        assert generated.list(record_type), record_type.__name__
    kinds = {record.kind for record in generated.list(MethodRecordBase)}
    assert kinds == set(MethodKind)


def test_the_generated_database_is_healthy_and_has_every_state(generated: Database) -> None:
    from poptui.models import Trajectory

    report = check_database(generated)
    assert report.problems == []
    statuses = {trajectory.status for trajectory in generated.list(Trajectory)}
    assert TrajectoryStatus.COMPLETED in statuses
    assert statuses & {TrajectoryStatus.ACTIVE, TrajectoryStatus.PLANNED, TrajectoryStatus.PAUSED}
