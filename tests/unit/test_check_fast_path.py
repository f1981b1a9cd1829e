"""The first check's fast path finds what validating every record one by one found, in the same words.

A first ``poptui check`` validates every stored record (about 90,000 at 2,000 employees). Three things
make it faster, and none may change its report:

- stored records of a type read many times are validated by a schema without the text and date
  validators that hand back what they are given under ``STORED`` (``models.base.stored_schema``);
  what that schema refuses, the record's own validator is asked about, for its own errors;
- the dossiers are validated in forked helper processes when there are many (``health._check_dossiers``);
- Python's cyclic garbage collector is off while the check runs, and on again after.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import pytest

from poptui import models
from poptui.models import ContactMoment
from poptui.services import health
from poptui.services.health import HealthReport, check_database
from poptui.store import Database, transaction
from poptui.store import audit as audit_log


def _configure(monkeypatch: pytest.MonkeyPatch, *, fast: bool, helpers: int) -> None:
    """``fast``: every stored record through the stored schema; ``helpers``: helper processes."""
    monkeypatch.setattr(transaction, "STORED_VALIDATOR_FROM", 0 if fast else 10**9)
    monkeypatch.setattr(transaction, "_stored_validators", {})
    monkeypatch.setattr(transaction, "_stored_reads", {})
    monkeypatch.setattr(health, "_helpers", lambda count: helpers)


def _dossiers_with(database: Database, table: str) -> list[Path]:
    """Dossier files holding records of ``table``, in order."""
    found = []
    for employee_id in database.dossier_ids():
        path = database.dossier_path(employee_id)
        if json.loads(path.read_bytes()).get(table):
            found.append(path)
    return found


def _change(path: Path, table: str, change: dict[str, Any]) -> str:
    """Change the first record of ``table`` in ``path`` as a hand edit would; its id."""
    data = json.loads(path.read_bytes())
    record = next(iter(data[table].values()))
    record.update(change)
    path.write_text(json.dumps(data, ensure_ascii=False))
    return str(record["id"])


def _damage(database: Database) -> dict[str, str]:
    """Every kind of damage a dossier can hold, each in its own dossier: what each problem names."""
    moments = _dossiers_with(database, "contact_moments")
    methods = [path for path in _dossiers_with(database, "method_records") if path not in moments[:8]]
    assert len(moments) >= 8 and methods, "the demo has dossiers enough"
    named = {
        "wrong type": _change(moments[0], "contact_moments", {"duration_minutes": "lang"}),
        "bad enum": _change(moments[1], "contact_moments", {"status": "misschien"}),
        "bad date": _change(moments[2], "contact_moments", {"date": "31/02/2026"}),
        "too long": _change(moments[3], "contact_moments", {"skip_reason": "x" * 2001}),
        "empty required": _change(moments[4], "contact_moments", {"trajectory_id": ""}),
        "missing trajectory": _change(moments[5], "contact_moments", {"trajectory_id": "weg"}),
        "unclean text": str(moments[6]),
        "method too long": _change(methods[-1], "method_records", {"notes": "y" * 50001}),
    }
    _change(moments[6], "contact_moments", {"notes": "Wist het scherm\x1b[2J\x1b]0;titel\x07"})
    (database.path / "dossiers" / "zonderwerknemer.json").write_text("{}")
    named["dossier without employee"] = "zonderwerknemer"
    unreadable = moments[7]
    unreadable.write_text('{"contact_moments": {"1": {"id": ')
    named["not JSON"] = str(unreadable)
    return named


def _check(database: Database) -> HealthReport:
    return check_database(database, remember=True)


@pytest.mark.parametrize(("fast", "helpers"), [(True, 0), (False, 2), (True, 2)])
def test_a_damaged_database_gets_the_same_report(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, fast: bool, helpers: int
) -> None:
    named = _damage(demo_db)
    _configure(monkeypatch, fast=False, helpers=0)
    expected = _check(demo_db)
    _configure(monkeypatch, fast=fast, helpers=helpers)
    found = _check(demo_db)
    assert found.problems == expected.problems
    assert found.counts == expected.counts and found.warnings == expected.warnings
    for what, name in named.items():
        assert any(name in problem for problem in found.problems), (what, found.problems)
    assert any(
        named["unclean text"] in problem and "stuur- of onzichtbare tekens" in problem for problem in found.problems
    )
    assert any(named["wrong type"] in p and "ongeldig record" in p for p in found.problems)
    assert any(named["missing trajectory"] in p and "POP-traject die niet bestaat" in p for p in found.problems)
    assert any("dossier zonder werknemer (zonderwerknemer)" in p for p in found.problems)


@pytest.mark.parametrize(("fast", "helpers"), [(True, 0), (True, 2)])
def test_a_healthy_database_is_noted_as_before(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, fast: bool, helpers: int
) -> None:
    (demo_db.path / "validated.json").unlink(missing_ok=True)
    _configure(monkeypatch, fast=fast, helpers=helpers)
    here: list[str] = []
    original = health._check_dossier

    def counted(database: Database, employee_id: str, *args: Any) -> Any:
        here.append(employee_id)  # a forked helper counts in its own memory, not in this list
        return original(database, employee_id, *args)

    monkeypatch.setattr(health, "_check_dossier", counted)
    found = _check(demo_db)
    assert found.healthy, found.problems
    assert len(here) == (0 if helpers else len(demo_db.dossier_ids()))  # the helpers validated every dossier
    noted = (demo_db.path / "validated.json").read_bytes()
    (demo_db.path / "validated.json").unlink()
    _configure(monkeypatch, fast=False, helpers=0)
    expected = _check(demo_db)
    assert found.counts == expected.counts
    assert (demo_db.path / "validated.json").read_bytes() == noted


def test_a_broken_audit_chain_is_still_found(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    path = demo_db.path / audit_log.AUDIT_FILE
    lines = path.read_bytes().splitlines(keepends=True)
    del lines[3]
    path.write_bytes(b"".join(lines))
    _configure(monkeypatch, fast=True, helpers=2)
    found = _check(demo_db)
    assert "Auditlog regel 4: de keten is onderbroken (een regel is verwijderd of gewijzigd)." in found.problems


def test_every_stored_record_is_the_record_its_own_validator_makes(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from poptui.models.methods import method_record_adapter

    _configure(monkeypatch, fast=True, helpers=0)
    compared = 0
    for record_type in models.RECORD_TYPES:
        employee_ids = demo_db.dossier_ids() if record_type.scope == "dossier" else [None]
        for employee_id in employee_ids:
            for path in demo_db._files_of(record_type, employee_id):
                if not path.exists():
                    continue
                for doc in (json.loads(path.read_bytes()).get(record_type.table) or {}).values():
                    fast = transaction.parse(record_type, doc, stored=True)
                    if issubclass(record_type, models.MethodRecordBase):
                        own = method_record_adapter.validate_python(doc, context=models.STORED)
                    else:
                        own = record_type.model_validate(doc, context=models.STORED)
                    assert type(fast) is type(own) and fast == own
                    compared += 1
    assert compared > 100 and models.MethodRecordBase in transaction._stored_validators


@pytest.mark.parametrize(
    "change",
    [
        {"duration_minutes": "lang"},
        {"status": "misschien"},
        {"date": "31/02/2026"},
        {"skip_reason": "x" * 2001},
        {"trajectory_id": ""},
        {"onbekend": 1},
    ],
)
def test_a_refused_stored_record_gets_its_own_validators_errors(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, change: dict[str, Any]
) -> None:
    path = _dossiers_with(demo_db, "contact_moments")[0]
    doc = {**next(iter(json.loads(path.read_bytes())["contact_moments"].values())), **change}
    _configure(monkeypatch, fast=True, helpers=0)
    with pytest.raises(models.ValidationError) as fast:
        transaction.parse(ContactMoment, doc, stored=True)
    with pytest.raises(models.ValidationError) as own:
        ContactMoment.model_validate(doc, context=models.STORED)
    assert fast.value.errors(include_context=False) == own.value.errors(include_context=False)


def test_the_collector_is_on_again_after_a_check(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    assert gc.isenabled()
    assert check_database(demo_db).healthy
    assert gc.isenabled()

    def fails(*args: object, **kwargs: object) -> None:
        assert not gc.isenabled()
        raise RuntimeError("stop")

    monkeypatch.setattr(health, "_manifest_problems", fails)
    with pytest.raises(RuntimeError):
        check_database(demo_db)
    assert gc.isenabled()
