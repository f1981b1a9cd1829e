"""A read of the summaries for a coach keeps the dossier parts of that coach's employees only; another
employee's is read from its summary file when asked for, and gives the same facts."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from store_files import employees_file

from poptui.demo import write_demo
from poptui.models import ContactMoment, ContactMomentStatus, Employee, Person, Phase
from poptui.services.attention import attention_from, attention_now
from poptui.services.employees import employee_rows
from poptui.store import Database, summaries

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _fresh_process() -> Iterator[None]:
    """Each test starts as a new process would: nothing of the summaries parsed yet."""
    _forget()
    yield
    _forget()


def _forget() -> None:
    for kept in (summaries._parsed, summaries._read, summaries._full, summaries._written):
        kept.clear()


def _coach_id(db: Database, login: str = "an") -> str:
    return next(person.id for person in db.list(Person) if person.login == login)


def _stored_rows(db: Database) -> dict[str, list[Any]]:
    """Every row as the summary files hold it."""
    rows: dict[str, list[Any]] = {}
    for shard in range(summaries.SHARDS):
        found = summaries._full_shard(db.path, shard, keep=False)
        rows.update(found or {})
    return rows


def _facts(entries: dict[str, summaries.Summary]) -> dict[str, tuple[object, ...]]:
    """Every fact of every entry: its parts, counts and held months."""
    return {
        employee_id: (dict(entry), dict(entry.counts), entry.held_months, entry.coaches, entry.archived)
        for employee_id, entry in entries.items()
    }


@pytest.fixture
def demo(db: Database) -> Database:
    write_demo(db, TODAY)
    _forget()
    return db


def test_a_read_for_a_coach_keeps_only_that_coachs_dossier_parts(demo: Database) -> None:
    coach = _coach_id(demo)
    entries = demo.summaries(coach_id=coach)
    stored = _stored_rows(demo)
    mine = {key for key, entry in entries.items() if coach in entry.coaches and stored[key][3]}
    others = {key for key, entry in entries.items() if coach not in entry.coaches and stored[key][3]}
    assert mine and others
    for key in mine:
        assert entries[key].stored == stored[key]  # every column, as stored
    for key in others:
        row = entries[key].stored
        assert isinstance(row, list)
        assert row[3] is summaries.NOT_KEPT and row[5] is summaries.NOT_KEPT and row[6] is summaries.NOT_KEPT
        assert row[:3] == [tuple(stored[key][0]), *stored[key][1:3]] and row[4] == stored[key][4]


def test_another_coachs_employee_still_gives_every_dossier_fact(demo: Database) -> None:
    coach = _coach_id(demo)
    slim = demo.summaries(coach_id=coach)
    _forget()
    full = demo.summaries()  # no coach named: every column kept
    assert all(row[3] is not summaries.NOT_KEPT for row in (entry.stored for entry in full.values()))  # type: ignore[index]
    assert _facts(slim) == _facts(full)
    other = next(key for key, entry in slim.items() if coach not in entry.coaches and entry.counts)
    assert slim[other]["dossier"] == full[other]["dossier"] and slim[other] == full[other]
    assert slim[other].held_months == full[other].held_months


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The shards read with every column from now on, in order."""
    read: list[int] = []
    real = summaries._full_shard

    def counted(root: Path, shard: int, *, keep: bool = True) -> dict[str, list[Any]] | None:
        read.append(shard)
        return real(root, shard, keep=keep)

    monkeypatch.setattr(summaries, "_full_shard", counted)
    return read


def test_the_all_coaches_view_reads_the_parts_not_kept(demo: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    coach = _coach_id(demo)
    mine = attention_now(demo, coach, TODAY)
    read = _counting_reads(monkeypatch)
    everyone = attention_now(demo, None, TODAY)  # rows as read for the coach: the others' parts from their files
    assert read and len(read) == len(set(read))  # each shard once
    assert not summaries._full  # and nothing of them kept
    monkeypatch.undo()
    _forget()
    expected = attention_from(demo.summaries(), None, TODAY)
    assert mine is not None and everyone == expected
    assert len(everyone.my_trajectories) > len(mine.my_trajectories)


def test_the_employee_list_is_the_same_from_a_read_for_a_coach(demo: Database) -> None:
    rows = employee_rows(demo)
    _forget()
    demo.summaries(coach_id=_coach_id(demo))
    assert employee_rows(demo) == rows


def test_a_save_keeps_the_shard_slim_for_the_coach_and_whole_on_disk(demo: Database) -> None:
    coach = _coach_id(demo)
    entries = demo.summaries(coach_id=coach)
    other = next(key for key, entry in entries.items() if coach not in entry.coaches and entry.counts)
    employee = demo.get(Employee, other)
    counts = entries[other].counts
    trajectory_id = next(iter(counts))
    moment = demo.save(
        ContactMoment(employee_id=other, trajectory_id=trajectory_id, number=9, date=TODAY, phase=Phase.OPSTART)
    )
    demo.save(moment.model_copy(update={"status": ContactMomentStatus.HELD}))
    demo.save(employee.model_copy(update={"function": "Inpakker"}))
    after = demo.summaries(coach_id=coach)
    assert after[other].stored[3] is summaries.NOT_KEPT  # type: ignore[index]
    assert after[other]["employee"]["function"] == "Inpakker"
    assert after[other].counts[trajectory_id][0] == counts[trajectory_id][0] + 1
    assert "2026-06" in after[other].held_months
    written = _stored_rows(demo)
    assert all(isinstance(row[3], str) for row in written.values())  # nothing slim was written
    assert _facts(after) == _facts(_rebuilt(demo))


def _rebuilt(db: Database) -> dict[str, summaries.Summary]:
    shutil.rmtree(db.path / summaries.FOLDER)
    _forget()
    return db.refresh_summaries()


def test_what_changed_without_poptui_is_read_again_for_another_coachs_employee(demo: Database) -> None:
    coach = _coach_id(demo)
    entries = demo.refresh_summaries(coach_id=coach)
    other = next(key for key, entry in entries.items() if coach not in entry.coaches and entry.counts)
    dossier = demo.path / "dossiers" / f"{other}.json"
    held, planned = ContactMomentStatus.HELD.value, ContactMomentStatus.PLANNED.value
    dossier.write_bytes(dossier.read_bytes().replace(f'"{held}"'.encode(), f'"{planned}"'.encode()))
    shard = employees_file(demo.path, other)
    seen = shard.stat()
    os.utime(shard, ns=(seen.st_atime_ns, seen.st_mtime_ns + 1_000_000))  # a shared file changed too
    assert summaries.stale(demo.path, demo.dossier_ids()).shared
    fresh = demo.refresh_summaries(coach_id=coach)
    assert fresh[other].held_months == [] and all(counts[0] == 0 for counts in fresh[other].counts.values())
    assert _facts(fresh) == _facts(_rebuilt(demo))


def test_rows_with_the_same_coaches_share_them(demo: Database) -> None:
    entries = demo.summaries(coach_id=_coach_id(demo))
    by_coaches: dict[tuple[str, ...], list[object]] = {}
    for entry in entries.values():
        row = entry.stored
        assert isinstance(row, list)
        if row[3] is summaries.NOT_KEPT:
            by_coaches.setdefault(tuple(row[0]), []).append(row[0])
    shared = [found for found in by_coaches.values() if len(found) > 1]
    assert shared and all(all(item is found[0] for item in found) for found in shared)


def test_a_list_over_every_dossier_reads_each_shard_once(demo: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The month's package and ``list trajectories`` after the home screen read for a coach: the parts not
    kept are read a shard at a time, whatever the order in which they are asked for."""
    from poptui.services.trajectory_list import json_rows

    coach = _coach_id(demo)
    demo.summaries(coach_id=coach)
    read = _counting_reads(monkeypatch)
    months = {(year, month): demo.dossiers_held_in(year, month) for year, month in ((2026, 5), (2026, 6), (2020, 1))}
    rows = json_rows(demo)
    assert read and all(read.count(shard) <= 4 for shard in set(read))  # once per call
    monkeypatch.undo()
    _forget()
    assert {key: demo.dossiers_held_in(*key) for key in months} == months
    assert json_rows(demo) == rows


def test_a_dossier_removed_without_poptui_is_found_by_the_check(demo: Database) -> None:
    """The check stats the dossiers as they are listed, one at a time; a summarised dossier that is not
    listed any more (removed by hand, a restore) is found all the same, and its part goes."""
    coach = _coach_id(demo)
    entries = demo.refresh_summaries(coach_id=coach)
    gone = next(key for key, entry in entries.items() if coach not in entry.coaches and entry.counts)
    (demo.path / "dossiers" / f"{gone}.json").unlink()
    assert summaries.stale(demo.path, demo.dossier_ids()).dossiers == {gone}
    assert demo.summaries_changed(coach_id=coach) is not None
    assert "dossier" not in demo.summaries(coach_id=coach)[gone]
    assert demo.summaries_changed(coach_id=coach) is None  # in line now: nothing to build again
