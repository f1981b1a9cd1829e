"""A full check notes the dossiers it found valid by the hash of their bytes (poptui.store.validated):
the next check validates only what changed, and still reports every problem it reported before."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from poptui.models import ContactMoment, Trajectory
from poptui.services.health import check_database
from poptui.store import Database, validated
from poptui.store import audit as audit_log
from poptui.store.database import Database as StoreDatabase


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose records are validated one by one (one entry per record)."""
    seen: list[str] = []
    original = StoreDatabase._load

    def counting(self: StoreDatabase, record_type: type, doc: dict, path: Path, clean: bool = False):  # type: ignore[no-untyped-def]
        seen.append(path.relative_to(self.path).as_posix())
        return original(self, record_type, doc, path, clean)

    monkeypatch.setattr(StoreDatabase, "_load", counting)
    return seen


def _dossier_loads(seen: list[str]) -> set[str]:
    return {name for name in seen if name.startswith("dossiers/")}


def _noted(database: Database) -> dict[str, str]:
    return json.loads((database.path / validated.FILE).read_bytes())["files"]


def _a_dossier(database: Database) -> Path:
    moment = database.list(ContactMoment, employee_id=database.dossier_ids()[0])[0]
    return database.dossier_path(moment.employee_id)


def test_a_second_check_validates_no_dossier_again(demo_db: Database, loads: list[str]) -> None:
    first = check_database(demo_db, remember=True)
    assert first.healthy, first.problems
    assert demo_db.dossier_ids()
    assert set(_noted(demo_db)) == {f"dossiers/{name}.json" for name in demo_db.dossier_ids()}
    assert _dossier_loads(loads) == set(_noted(demo_db))
    loads.clear()
    second = check_database(demo_db, remember=True)
    assert second.healthy and second.counts == first.counts
    assert _dossier_loads(loads) == set()
    assert any(name.startswith("employees/") for name in loads)  # the shared files are still validated


def test_a_changed_dossier_is_validated_again_and_its_damage_reported(demo_db: Database, loads: list[str]) -> None:
    assert check_database(demo_db, remember=True).healthy
    path = _a_dossier(demo_db)
    data = json.loads(path.read_bytes())
    moment = next(iter(data["contact_moments"].values()))
    moment["duration_minutes"] = "lang"  # not a number: a hand edit
    path.write_text(json.dumps(data))
    loads.clear()
    report = check_database(demo_db, remember=True)
    assert _dossier_loads(loads) == {path.relative_to(demo_db.path).as_posix()}
    assert any(moment["id"] in problem for problem in report.problems), report.problems
    noted_before = (demo_db.path / validated.FILE).read_bytes()
    assert check_database(demo_db, remember=True).problems == report.problems
    assert (demo_db.path / validated.FILE).read_bytes() == noted_before  # a check finding damage writes nothing


def test_a_byte_changed_with_the_same_size_and_time_is_found(demo_db: Database) -> None:
    """The manifest knows files by size and time; the note knows their bytes."""
    assert check_database(demo_db, remember=True).healthy
    path = _a_dossier(demo_db)
    before = os.stat(path)
    raw = path.read_bytes()
    at = raw.index(b'"employee_id":"') + len(b'"employee_id":"')
    changed = raw[:at] + (b"0" if raw[at : at + 1] != b"0" else b"1") + raw[at + 1 :]
    path.write_bytes(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    report = check_database(demo_db, remember=True)
    assert any("staat in het dossier van een andere werknemer" in problem for problem in report.problems), report
    assert report.problems == check_database(_without_notes(demo_db), remember=True).problems


def _without_notes(database: Database) -> Database:
    (database.path / validated.FILE).unlink(missing_ok=True)
    return database


def test_references_from_noted_dossiers_are_still_checked(demo_db: Database) -> None:
    """A trajectory removed from its shard by hand: the dossiers pointing at it are unchanged (noted), and
    their records are still reported, with the same messages as by a check that validates everything."""
    assert check_database(demo_db, remember=True).healthy
    moment = next(
        item for employee_id in demo_db.dossier_ids() for item in demo_db.list(ContactMoment, employee_id=employee_id)
    )
    trajectory = demo_db.get(Trajectory, moment.trajectory_id, employee_id=moment.employee_id)
    shard = demo_db.path / "trajectories"
    for path in shard.glob("*.json"):
        data = json.loads(path.read_bytes())
        rows = data.get("trajectories", {})
        kept = {key: row for key, row in rows.items() if row["id"] != trajectory.id}
        if len(kept) != len(rows):
            data["trajectories"] = kept
            path.write_text(json.dumps(data))
    with_notes = check_database(demo_db, remember=True)
    assert any(moment.id in problem and trajectory.id in problem for problem in with_notes.problems)
    assert with_notes.problems == check_database(_without_notes(demo_db), remember=True).problems


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"format": "poptui-validated", "code": "other poptui", "files": {}}', b"[1, 2]"],
    ids=["empty", "not JSON", "other code", "other shape"],
)
def test_notes_of_other_code_or_damaged_are_ignored(demo_db: Database, loads: list[str], content: bytes) -> None:
    assert check_database(demo_db, remember=True).healthy
    names = _noted(demo_db)
    if content.startswith(b'{"format"'):  # every dossier noted, but by other code
        content = json.dumps({"format": validated.FORMAT, "code": "other poptui", "files": names}).encode()
    (demo_db.path / validated.FILE).write_bytes(content)
    loads.clear()
    assert check_database(demo_db, remember=True).healthy
    assert _dossier_loads(loads) == set(names)  # everything validated again
    assert _noted(demo_db) == names  # and noted again


def test_a_deleted_dossier_is_still_reported(demo_db: Database) -> None:
    assert check_database(demo_db, remember=True).healthy
    path = _a_dossier(demo_db)
    path.unlink()
    report = check_database(demo_db, remember=True)
    assert any(str(path) in problem and "ontbreekt" in problem for problem in report.problems), report.problems


def test_a_truncated_dossier_is_reported_as_before(demo_db: Database) -> None:
    assert check_database(demo_db, remember=True).healthy
    path = _a_dossier(demo_db)
    path.write_bytes(path.read_bytes()[:100])
    report = check_database(demo_db, remember=True)
    assert not report.healthy
    assert report.problems == check_database(_without_notes(demo_db), remember=True).problems


def test_a_saved_dossier_is_validated_again(demo_db: Database, loads: list[str]) -> None:
    assert check_database(demo_db, remember=True).healthy
    path = _a_dossier(demo_db)
    moment = demo_db.list(ContactMoment, employee_id=path.stem)[0]
    demo_db.save(moment.model_copy(update={"notes": "Nieuwe notitie"}))
    loads.clear()
    assert check_database(demo_db, remember=True).healthy
    assert _dossier_loads(loads) == {path.relative_to(demo_db.path).as_posix()}


@pytest.fixture
def audit_lines(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The audit lines the check parses and hashes one by one."""
    seen: list[bytes] = []
    original = audit_log._parse

    def counting(line: bytes) -> object:
        seen.append(line)
        return original(line)

    monkeypatch.setattr(audit_log, "_parse", counting)
    return seen


def test_the_audit_log_is_read_from_where_the_last_check_ended(demo_db: Database, audit_lines: list[bytes]) -> None:
    log = demo_db.path / audit_log.AUDIT_FILE
    assert check_database(demo_db, remember=True).healthy
    assert len(audit_lines) == len(log.read_bytes().splitlines()) > 0
    moment = demo_db.list(ContactMoment, employee_id=demo_db.dossier_ids()[0])[0]
    demo_db.save(moment.model_copy(update={"notes": "Nieuwe notitie"}))
    audit_lines.clear()
    report = check_database(demo_db, remember=True)
    assert report.healthy and report.audit is not None
    assert audit_lines == log.read_bytes().splitlines(keepends=True)[-1:]  # only the new line
    assert report.audit.count == len(log.read_bytes().splitlines())


@pytest.mark.parametrize("where", ["first", "middle", "cut"])
def test_a_changed_audit_line_in_the_checked_start_is_found(demo_db: Database, where: str) -> None:
    log = demo_db.path / audit_log.AUDIT_FILE
    assert check_database(demo_db, remember=True).healthy
    lines = log.read_bytes().splitlines(keepends=True)
    if where == "cut":
        log.write_bytes(b"".join(lines[:-2]))
    else:
        number = 0 if where == "first" else len(lines) // 2
        lines[number] = lines[number].replace(b'"actor":"', b'"actor":"X', 1)  # edited after the write
        log.write_bytes(b"".join(lines))
    report = check_database(demo_db, remember=True)
    assert any("Auditlog" in problem or "auditlog" in problem for problem in report.problems), report.problems
    assert report.problems == check_database(_without_notes(demo_db), remember=True).problems


def test_a_check_on_behalf_of_something_else_writes_nothing(demo_db: Database) -> None:
    """Checking a backup before a restore, or the demo before it is replaced: nothing is written."""
    assert check_database(demo_db).healthy
    assert not (demo_db.path / validated.FILE).exists()


def test_an_erasure_leaves_no_note_naming_the_employee(demo_db: Database) -> None:
    from poptui.services.person_rights import erase_person

    assert check_database(demo_db, remember=True).healthy
    employee_id = demo_db.dossier_ids()[0]
    assert employee_id.encode() in (demo_db.path / validated.FILE).read_bytes()
    erase_person(demo_db, employee_id)
    noted = demo_db.path / validated.FILE
    assert not noted.exists() or employee_id.encode() not in noted.read_bytes()
    assert check_database(demo_db, remember=True).healthy
    assert employee_id.encode() not in noted.read_bytes()
