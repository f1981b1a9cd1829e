"""The store's per-employee summaries: kept up to date by every save, checked against the files, rebuilt."""

from __future__ import annotations

import json
import os
import shutil
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from store_files import employees_file

from poptui.demo import write_demo
from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
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
from poptui.services.attention import attention_checked, attention_for, attention_now
from poptui.store import Database, SaveFailed, summaries
from poptui.store.bulk import write_many

TODAY = date(2026, 6, 15)


def _rebuilt(db: Database) -> dict[str, dict[str, object]]:
    """What a rebuild from the data files gives (the summaries folder removed first)."""
    shutil.rmtree(db.path / summaries.FOLDER)
    return db.refresh_summaries()


def _organisation_and_employee(db: Database, **fields: object) -> tuple[Organisation, Employee]:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(
        Employee(first_name="Inès", last_name="Van den Broeck", organisation_id=organisation.id, **fields)
    )
    return organisation, employee


def _trajectory(employee: Employee, **fields: object) -> Trajectory:
    values: dict[str, object] = {
        "employee_id": employee.id,
        "coach_id": "coach",
        "variant": VariantId.BASIS,
        "reflection": Level.MEDIUM,
        "intensity": Level.MEDIUM,
        "status": TrajectoryStatus.ACTIVE,
        "start_date": date(2026, 5, 1),
    }
    return Trajectory(**(values | fields))


def test_every_save_keeps_the_summaries_as_a_rebuild_would_make_them(db: Database) -> None:
    write_demo(db)
    _organisation, employee = _organisation_and_employee(db)
    trajectory = db.save(_trajectory(employee))
    moment = db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=1, date=date(2026, 6, 1), phase=Phase.OPSTART
        )
    )
    db.save(moment.model_copy(update={"status": ContactMomentStatus.HELD}))
    db.save(db.get(Employee, employee.id).model_copy(update={"function": "Inpakker"}))
    kept = db.summaries()
    assert summaries.read_all(db.path) == kept
    assert kept == _rebuilt(db)
    entry = kept[employee.id]
    assert entry["employee"]["function"] == "Inpakker"
    assert entry["dossier"]["moments"][trajectory.id][:2] == [1, 1]  # held, counted


def test_a_bulk_import_and_a_deletion_keep_them_too(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    new = [Employee(first_name=f"Naam{n}", last_name="Test", organisation_id=organisation.id) for n in range(5)]
    saved, _changed = write_many(db, new)
    assert set(db.summaries()) == {employee.id for employee in saved}
    db.delete(db.get(Employee, saved[0].id))
    assert saved[0].id not in db.summaries()
    assert db.summaries() == _rebuilt(db)


def test_what_changed_without_poptui_is_found_and_read_again(db: Database) -> None:
    _organisation, employee = _organisation_and_employee(db)
    trajectory = db.save(_trajectory(employee))
    db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=1, date=date(2026, 7, 1), phase=Phase.OPSTART
        )
    )
    dossier = db.path / "dossiers" / f"{employee.id}.json"
    copy = db.path.parent / "kopie.json"
    shutil.copy(dossier, copy)
    db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=2, date=date(2026, 8, 1), phase=Phase.OPSTART
        )
    )
    os.replace(copy, dossier)  # an older dossier put back by hand: one planned moment again
    assert summaries.stale(db.path, db.dossier_ids()).dossiers == {employee.id}
    assert db.refresh_summaries()[employee.id]["dossier"]["moments"][trajectory.id][1] == 1
    assert not summaries.stale(db.path, db.dossier_ids())

    shard = employees_file(db.path, employee.id)
    shard.write_bytes(shard.read_bytes().replace(b"Van den Broeck", b"Vandenbroeck"))
    assert db.summaries(build=False) is None  # behind the shared files: not used as they are
    assert db.summaries()[employee.id]["employee"]["last_name"] == "Vandenbroeck"
    assert db.summaries(build=False) is not None


def test_a_damaged_summary_file_is_rebuilt_not_refused(db: Database) -> None:
    _organisation, employee = _organisation_and_employee(db)
    db.save(_trajectory(employee))
    shard = summaries._shard_path(db.path, summaries.shard_of(employee.id))
    shard.write_bytes(b"{half")
    assert db.summaries(build=False) is None
    assert employee.id in db.summaries()
    shard.write_bytes(b"{half")
    db.save(db.get(Employee, employee.id).model_copy(update={"function": "Kok"}))  # a save cannot trust the head
    assert db.summaries(build=False) is None
    assert db.summaries()[employee.id]["employee"]["function"] == "Kok"


def test_a_database_that_cannot_be_written_still_shows_its_lists(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _organisation, employee = _organisation_and_employee(db)
    db.save(_trajectory(employee))
    shutil.rmtree(db.path / summaries.FOLDER)

    @contextmanager
    def read_only() -> Iterator[None]:
        raise SaveFailed(db.path, "Alleen-lezen")
        yield

    monkeypatch.setattr(db, "_locked", read_only)
    assert attention_for(db, "coach", TODAY).my_trajectories[0].employee.id == employee.id
    assert not (db.path / summaries.FOLDER).exists()


def test_attention_from_the_summaries(db: Database) -> None:
    _organisation, employee = _organisation_and_employee(db)
    completed = db.save(
        _trajectory(
            employee,
            status=TrajectoryStatus.COMPLETED,
            start_date=date(2025, 9, 1),
            completion_date=date(2025, 11, 28),
        )
    )
    late = PopAction(id="a1", what="Cursus volgen", deadline=date(2026, 3, 1), kind=CompetenceKind.TECHNICAL)
    evaluated = PopAction(id="a2", what="Collega inwerken", deadline=date(2026, 4, 1), kind=CompetenceKind.GENERIC)
    db.save(
        PopDocument(
            employee_id=employee.id,
            trajectory_id=completed.id,
            status=PopStatus.FINAL,
            finalised_on=date(2025, 11, 28),
            actions=[late, evaluated],
        )
    )
    follow_up = db.save(_trajectory(employee, previous_trajectory_id=completed.id, start_date=date(2026, 5, 1)))
    db.save(
        ActionEvaluation(
            employee_id=employee.id,
            trajectory_id=follow_up.id,
            previous_trajectory_id=completed.id,
            action_id="a2",
            progress=2,
        )
    )
    db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=follow_up.id, number=1, date=date(2026, 6, 1), phase=Phase.OPSTART
        )
    )
    attention = attention_now(db, "coach", TODAY)
    assert attention is not None and attention == attention_checked(db, "coach", TODAY)
    assert [line.trajectory.id for line in attention.my_trajectories] == [follow_up.id]
    assert [item.moment.number for item in attention.overdue_moments] == [1]
    assert [item.action.id for item in attention.late_actions] == ["a1"]
    assert attention_for(db, "another coach", TODAY).my_trajectories == []


def test_nothing_of_a_removed_employee_stays_in_the_summaries(db: Database) -> None:
    """Erasure (the right to be forgotten) removes the employee, their trajectories and dossier in one go."""
    _organisation, employee = _organisation_and_employee(db)
    trajectory = db.save(_trajectory(employee))
    db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=1, date=date(2026, 7, 1), phase=Phase.OPSTART
        )
    )
    with db.transaction() as transaction:
        transaction.delete(db.get(Trajectory, trajectory.id))
        transaction.remove_dossier(employee.id)
        transaction.delete(db.get(Employee, employee.id))
    written = b"".join(path.read_bytes() for path in (db.path / summaries.FOLDER).iterdir())
    assert employee.id.encode() not in written and b"Van den Broeck" not in written
    assert db.summaries() == _rebuilt(db) == {}


def _as_format(db: Database, old: int) -> None:
    """Turn the summaries into an earlier format: 7 (the counts and held months beside the dossier text as
    JSON values, not text), 6 (rows without them), or 5 (those rows in 16 shards named ``NN.json``)."""
    folder = db.path / summaries.FOLDER
    rows: dict[str, list[object]] = {}
    for shard in range(summaries.SHARDS):
        path = summaries._shard_path(db.path, shard)
        if path.exists():  # an empty shard has no file
            rows.update(json.loads(path.read_bytes()))
            if old == 5:
                path.unlink()
    if old == 7:
        rows = {
            employee_id: [
                *row[:5],
                *(json.loads(text) if text else empty for text, empty in zip(row[5:], ({}, []), strict=True)),
            ]
            for employee_id, row in rows.items()
        }
    else:
        rows = {employee_id: row[:5] for employee_id, row in rows.items()}
    if old == 5:
        legacy: list[dict[str, object]] = [{} for _ in range(summaries.LEGACY_SHARDS)]
        for employee_id, row in rows.items():
            legacy[zlib.crc32(employee_id.encode()) % summaries.LEGACY_SHARDS][employee_id] = row
        for shard, content in enumerate(legacy):
            (folder / f"{shard:02d}.json").write_text(json.dumps(content))
    else:
        for shard in range(summaries.SHARDS):
            content = {key: row for key, row in rows.items() if summaries.shard_of(key) == shard}
            if content:
                summaries._shard_path(db.path, shard).write_text(json.dumps(content))
    head = json.loads((folder / summaries.HEAD).read_bytes())
    if old == 5:
        head.pop("empty", None)
    (folder / summaries.HEAD).write_text(json.dumps(head | {"format": old}))


@pytest.mark.parametrize("old", [5, 6, 7])
def test_summaries_of_an_earlier_format_are_rebuilt_once_on_open(db: Database, old: int) -> None:
    write_demo(db, TODAY)
    before = {employee_id: dict(entry) for employee_id, entry in db.summaries().items()}
    _as_format(db, old)
    assert db.summaries(build=False) is None  # an earlier format is not read as it is
    reopened = Database.open(db.path)
    after = reopened.summaries()
    assert {key: dict(value) for key, value in after.items()} == before
    assert {key: (entry.counts, entry.held_months) for key, entry in after.items()} == {
        key: (entry.counts, entry.held_months) for key, entry in _rebuilt(db).items()
    }
    names = {path.name for path in (db.path / summaries.FOLDER).iterdir()}
    assert names - {summaries.HEAD} <= {f"{shard:03d}.json" for shard in range(summaries.SHARDS)}  # no old file
    assert json.loads((db.path / summaries.FOLDER / summaries.HEAD).read_bytes())["format"] == summaries.FORMAT
    assert reopened.summaries(build=False) is not None


@pytest.mark.parametrize("old", [5, 6, 7])
def test_a_save_on_summaries_of_an_earlier_format_leaves_them_to_be_rebuilt(db: Database, old: int) -> None:
    _organisation, employee = _organisation_and_employee(db)
    db.save(_trajectory(employee))
    _as_format(db, old)
    db.save(db.get(Employee, employee.id).model_copy(update={"function": "Kok"}))  # not opened again: a running app
    assert db.summaries(build=False) is None  # the head was not moved on over rows of the earlier format
    assert db.summaries()[employee.id]["employee"]["function"] == "Kok"
    assert not (db.path / summaries.FOLDER / "00.json").exists()
    assert db.summaries(build=False) is not None


def test_an_empty_shard_has_no_file_and_a_lost_shard_is_still_found(db: Database) -> None:
    """A new database writes no shard files (128 empty files took 512 KB); a shard file that is gone while the
    head does not list it as empty is lost, and rebuilt."""
    assert sorted(path.name for path in (db.path / summaries.FOLDER).iterdir()) == [summaries.HEAD]
    assert db.summaries(build=False) == {}
    _organisation, employee = _organisation_and_employee(db)
    shard = summaries._shard_path(db.path, summaries.shard_of(employee.id))
    assert shard.exists() and db.summaries(build=False) is not None
    shutil.rmtree(db.path / summaries.FOLDER)
    kept = db.summaries()  # rebuilt
    assert list(kept) == [employee.id] and shard.exists()
    shard.unlink()
    assert db.summaries(build=False) is None  # not taken for empty: the head lists only shards that were empty
    assert list(db.summaries()) == [employee.id]


def test_a_summary_parses_the_dossier_part_only_when_it_is_asked_for(db: Database) -> None:
    """The employee list reads the employee and trajectories parts of every employee; the dossier part
    (the larger text) waits for the home screen, which reads it for the coach's employees only."""
    _organisation, employee = _organisation_and_employee(db)
    trajectory = db.save(_trajectory(employee))
    db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=1, date=date(2026, 6, 1), phase=Phase.OPSTART
        )
    )
    entry = summaries.read_all(db.path)[employee.id]  # type: ignore[index]
    assert entry["employee"]["last_name"] == "Van den Broeck" and trajectory.id in entry["trajectories"]
    assert entry._dossier is None
    assert set(entry) == {"employee", "trajectories", "dossier"} and len(entry) == 3
    assert entry["dossier"]["moments"][trajectory.id][2][0][1] == 1  # the planned moment, number 1
    assert dict(entry) == summaries._entry(entry._row)
    assert entry.get("nothing") is None


def _recount(db: Database) -> dict[str, tuple[dict[str, list[int]], list[str]]]:
    """Per employee with a dossier, counted from the records themselves: per trajectory [held, counted
    (not skipped), actions, generic, technical], and the months with a held contact moment."""
    out: dict[str, tuple[dict[str, list[int]], list[str]]] = {}
    for employee_id in db.dossier_ids():
        counts: dict[str, list[int]] = {}
        months: set[str] = set()
        for moment in db.list(ContactMoment, employee_id=employee_id):
            own = counts.setdefault(moment.trajectory_id, [0, 0, 0, 0, 0])
            if moment.status is ContactMomentStatus.HELD:
                own[0] += 1
                months.add(f"{moment.date:%Y-%m}" if moment.date else "")
            if moment.status is not ContactMomentStatus.SKIPPED:
                own[1] += 1
        for pop in db.list(PopDocument, employee_id=employee_id):
            own = counts.setdefault(pop.trajectory_id, [0, 0, 0, 0, 0])
            kinds = [action.kind for action in pop.actions]
            own[2:] = [len(kinds), kinds.count(CompetenceKind.GENERIC), kinds.count(CompetenceKind.TECHNICAL)]
        out[employee_id] = (counts, sorted(months))
    return out


def _kept(db: Database) -> dict[str, tuple[dict[str, list[int]], list[str]]]:
    """The counts and held months the summaries keep beside the dossier part, per employee with a dossier."""
    entries = db.refresh_summaries()
    return {
        employee_id: (dict(entries[employee_id].counts), entries[employee_id].held_months)
        for employee_id in db.dossier_ids()
    }


def test_the_counts_and_held_months_equal_a_recount_after_every_kind_of_save(db: Database) -> None:
    write_demo(db, TODAY)
    assert _kept(db) == _recount(db)
    _organisation, employee = _organisation_and_employee(db)
    trajectory = db.save(_trajectory(employee))
    first = db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=1, date=date(2026, 5, 4), phase=Phase.OPSTART
        )
    )
    assert _kept(db) == _recount(db)
    db.save(first.model_copy(update={"status": ContactMomentStatus.HELD}))
    second = db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=2, date=date(2026, 6, 2), phase=Phase.OPSTART
        )
    )
    db.save(second.model_copy(update={"status": ContactMomentStatus.SKIPPED}))
    actions = [
        PopAction(what="Cursus", kind=CompetenceKind.TECHNICAL),
        PopAction(what="Inwerken", kind=CompetenceKind.GENERIC),
        PopAction(what="Lezen"),
    ]
    pop = db.save(PopDocument(employee_id=employee.id, trajectory_id=trajectory.id, actions=actions))
    kept = _kept(db)
    assert kept == _recount(db)
    assert kept[employee.id] == ({trajectory.id: [1, 1, 3, 1, 1]}, ["2026-05"])
    db.save(db.get(PopDocument, pop.id, employee_id=employee.id).model_copy(update={"actions": actions[:1]}))
    db.save(
        db.get(ContactMoment, second.id, employee_id=employee.id).model_copy(
            update={"status": ContactMomentStatus.HELD}
        )
    )
    assert _kept(db)[employee.id] == ({trajectory.id: [2, 2, 1, 0, 1]}, ["2026-05", "2026-06"])
    db.delete(db.get(ContactMoment, first.id, employee_id=employee.id))
    assert _kept(db) == _recount(db)
    assert _kept(db)[employee.id][1] == ["2026-06"]
    with db.transaction() as transaction:  # erasure: the whole dossier goes
        transaction.remove_dossier(employee.id)
    assert employee.id not in db.refresh_summaries() or not db.refresh_summaries()[employee.id].counts
    assert _kept(db) == _recount(db)
    assert _kept(db) == {
        key: (dict(entry.counts), entry.held_months) for key, entry in _rebuilt(db).items() if key in db.dossier_ids()
    }


def test_the_counts_and_held_months_follow_a_dossier_changed_without_poptui(db: Database) -> None:
    write_demo(db, TODAY)
    employee_id = next(key for key, value in _recount(db).items() if value[1])
    dossier = db.path / "dossiers" / f"{employee_id}.json"
    held = ContactMomentStatus.HELD.value
    dossier.write_bytes(
        dossier.read_bytes().replace(f'"{held}"'.encode(), f'"{ContactMomentStatus.PLANNED.value}"'.encode())
    )
    assert _kept(db) == _recount(db)
    assert _kept(db)[employee_id][1] == []


def test_the_month_reads_only_the_dossiers_that_held_a_moment_in_it(db: Database) -> None:
    write_demo(db, TODAY)
    recount = _recount(db)
    for year, month in ((2026, 5), (2026, 6), (2025, 11), (2020, 1)):
        wanted = [key for key, (_counts, months) in recount.items() if f"{year:04d}-{month:02d}" in months]
        assert db.dossiers_held_in(year, month) == [key for key in db.dossier_ids() if key in wanted]
    assert any(db.dossiers_held_in(year, month) for year, month in ((2026, 5), (2026, 6)))
    some = db.dossier_ids()[0]
    (db.path / "dossiers" / f"{some}.json").write_bytes(b"{damaged")  # cannot be summarised again: listed, so read
    assert some in db.dossiers_held_in(2020, 1)


def test_list_trajectories_does_not_parse_the_dossier_parts(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from poptui.services.trajectory_list import summarise

    write_demo(db, TODAY)
    db.refresh_summaries()

    def not_parsed(*_args: object) -> dict[str, object]:
        raise AssertionError("a dossier part was parsed")

    with monkeypatch.context() as patched:
        patched.setattr(summaries, "_dossier", not_parsed)
        listed = summarise(db)
    entries = db.refresh_summaries()
    assert listed
    for item in listed:
        dossier = entries[item.trajectory.employee_id].get("dossier") or {}
        held, counted, _planned = (dossier.get("moments") or {}).get(item.trajectory.id) or (0, 0, [])
        pop = (dossier.get("pops") or {}).get(item.trajectory.id)
        assert (item.contact_moments_held, item.contact_moments_planned) == (held, counted)
        assert (item.actions, item.generic_actions, item.technical_actions) == tuple(pop[3] if pop else (0, 0, 0))


def test_every_part_of_a_stored_row_is_text_parsed_only_when_asked_for(db: Database) -> None:
    """Every row is held in memory from the start: the counts and held months are kept as JSON text (as
    parsed lists and objects they took 2 MB at 2,000 employees), and read back as the values they hold."""
    write_demo(db, TODAY)
    rows: dict[str, list[object]] = {}
    for shard in range(summaries.SHARDS):
        path = summaries._shard_path(db.path, shard)
        if path.exists():
            rows.update(json.loads(path.read_bytes()))
    with_dossier = {employee_id: row for employee_id, row in rows.items() if row[3]}
    assert with_dossier
    assert all(isinstance(row[5], str) and isinstance(row[6], str) for row in with_dossier.values())
    entries = db.summaries()
    for employee_id, row in with_dossier.items():
        assert entries[employee_id].counts == json.loads(str(row[5]))
        assert entries[employee_id].held_months == json.loads(str(row[6]))
    assert any(entries[employee_id].counts for employee_id in with_dossier)
    assert any(entries[employee_id].held_months for employee_id in with_dossier)
