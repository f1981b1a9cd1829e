"""The audit log read in a helper process of its own while the check loads the record types
(``health._EarlyAudit``): the report is the one the check makes reading the log itself, and any
failure of the helper leaves the log to the check."""

from __future__ import annotations

import json
import os

import pytest

from poptui.services import health
from poptui.services.health import HealthReport, check_database
from poptui.store import Database
from poptui.store import audit as audit_log


def _apart(monkeypatch: pytest.MonkeyPatch, apart: bool) -> list[int]:
    """``apart``: every audit log is read in a helper; the ids of the processes that inspected a log
    here (a helper's own calls stay in the helper)."""
    monkeypatch.setattr(health, "AUDIT_APART_FROM", 0 if apart else 1 << 62)
    monkeypatch.setattr(health, "_cores_to_fork", lambda: 2)
    here: list[int] = []
    original = audit_log.inspect

    def counted(*args: object, **kwargs: object) -> audit_log.Inspection:
        here.append(os.getpid())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_log, "inspect", counted)
    return here


def _report(report: HealthReport) -> tuple[object, ...]:
    found = report.audit
    assert found is not None
    return (report.problems, report.warnings, report.counts, found)


def _lines(database: Database) -> list[bytes]:
    return (database.path / audit_log.AUDIT_FILE).read_bytes().splitlines(keepends=True)


def _write(database: Database, lines: list[bytes]) -> None:
    (database.path / audit_log.AUDIT_FILE).write_bytes(b"".join(lines))


def _changed(lines: list[bytes]) -> list[bytes]:
    entry = json.loads(lines[2])
    entry["actor"] = "iemand anders"
    return [*lines[:2], json.dumps(entry).encode() + b"\n", *lines[3:]]


DAMAGE = {
    "whole": lambda lines: lines,
    "a changed line": _changed,
    "a removed line": lambda lines: lines[:4] + lines[5:],
    "a cut log": lambda lines: [*lines[:-3], lines[-3][:30]],
    "a line that is not JSON": lambda lines: [*lines[:1], b"geen json\n", *lines[1:]],
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_the_log_read_apart_is_reported_as_when_read_here(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    _write(demo_db, DAMAGE[damage](_lines(demo_db)))
    here = _apart(monkeypatch, apart=True)
    apart = check_database(demo_db)
    assert here == []  # the helper inspected it
    _apart(monkeypatch, apart=False)
    assert _report(apart) == _report(check_database(demo_db))
    assert bool(apart.problems) == (damage != "whole")


def test_a_helper_that_fails_leaves_the_log_to_the_check(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    here = _apart(monkeypatch, apart=True)
    parent = os.getpid()
    inspect = audit_log.inspect

    def failing_apart(*args: object, **kwargs: object) -> audit_log.Inspection:
        if os.getpid() != parent:
            raise OSError("kapotte schijf")
        return inspect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_log, "inspect", failing_apart)
    report = check_database(demo_db)
    assert report.healthy and here == [parent]
    assert report.audit is not None and report.audit.count == len(_lines(demo_db))


def test_a_helper_that_dies_leaves_the_log_to_the_check(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    here = _apart(monkeypatch, apart=True)
    parent = os.getpid()
    inspect = audit_log.inspect

    def dying_apart(*args: object, **kwargs: object) -> audit_log.Inspection:
        if os.getpid() != parent:
            os._exit(3)
        return inspect(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_log, "inspect", dying_apart)
    assert check_database(demo_db).healthy and here == [parent]


def test_a_head_other_than_the_helpers_is_not_taken(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    _apart(monkeypatch, apart=True)
    with health._EarlyAudit(demo_db, None) as early:
        assert early.head is not None
        count, last = early.head
        assert early.inspection(count + 1, last) is None
    with health._EarlyAudit(demo_db, None) as early:
        found = early.inspection(count, last)
        assert found is not None and found.count == count and found.last_hash == last and not found.problems


def test_a_small_log_one_core_or_threads_read_it_here(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    here = _apart(monkeypatch, apart=False)
    assert check_database(demo_db).healthy and here == [os.getpid()]
    monkeypatch.setattr(health, "AUDIT_APART_FROM", 0)
    monkeypatch.setattr(health, "_cores_to_fork", lambda: 0)
    with health._EarlyAudit(demo_db, None) as early:
        assert early.head is None and early.inspection(0, "") is None


def test_only_what_follows_the_start_checked_before_counts(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    log = demo_db.path / audit_log.AUDIT_FILE
    start = audit_log.inspect(log)
    verified = audit_log.Verified(start.size, start.lines, start.count, start.last_hash, start.digest)
    monkeypatch.setattr(health, "_cores_to_fork", lambda: 2)
    monkeypatch.setattr(health, "AUDIT_APART_FROM", 1)
    with health._EarlyAudit(demo_db, verified) as early:
        assert early.head is None  # nothing new to read: no helper
    with health._EarlyAudit(demo_db, None) as early:
        assert early.head is not None


def test_the_helper_writes_nothing_to_the_output(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    _apart(monkeypatch, apart=True)
    print("voor de controle", end="")  # not yet flushed when the helper is forked
    assert check_database(demo_db).healthy
    out = capfd.readouterr().out
    assert out.count("voor de controle") == 1
