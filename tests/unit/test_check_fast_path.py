"""The first check's fast path finds what validating every record one by one found, in the same words.

A first ``poptui check`` validates every stored record (about 90,000 at 2,000 employees). Four things
make it faster, and none may change its report:

- stored records of a type read many times are validated by a schema without the text and date
  validators that hand back what they are given under ``STORED`` (``models.base.stored_schema``);
  what that schema refuses, the record's own validator is asked about, for its own errors;
- a check of many dossiers validates each dossier file in one call, building no records
  (``Database.valid_dossier``, ``models.base.validity_schema``); a file it does not take whole is
  read record type by record type, as before, for the problems in their own words;
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


# -- a dossier validated as one file (Database.valid_dossier, health._check_whole_dossier) ----------------------


def _whole_files(monkeypatch: pytest.MonkeyPatch, on: bool) -> None:
    """``on``: every check validates each dossier as one file first, whatever the number of dossiers."""
    monkeypatch.setattr(health, "WHOLE_FILES_FROM", 0 if on else 10**9)
    monkeypatch.setattr(transaction, "_dossier_validator", [])


@pytest.fixture(scope="module")
def generated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small database of the benchmarks' generator: every record type and every method kind."""
    import sys
    from datetime import date

    bench = Path(__file__).resolve().parents[2] / "bench"
    sys.path.insert(0, str(bench))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(bench))
    path = tmp_path_factory.mktemp("whole") / "db"
    generate(path, employees=24, years=3, seed=11, today=date(2026, 3, 16))
    return path


@pytest.fixture
def generated_db(generated_template: Path, tmp_path: Path) -> Database:
    import shutil

    path = tmp_path / "db"
    shutil.copytree(generated_template, path)
    return Database.open(path, actor="tester")


def _own_verdict(record_type: type[models.Record], doc: dict[str, Any]) -> bool:
    """Does the record's own validator take ``doc`` as stored?"""
    from poptui.models.methods import method_record_adapter

    try:
        if issubclass(record_type, models.MethodRecordBase):
            method_record_adapter.validate_python(doc, context=models.STORED)
        else:
            record_type.model_validate(doc, context=models.STORED)
    except models.ValidationError:
        return False
    return True


_ODD_VALUES: tuple[object, ...] = (None, "", "x" * 50_001, -1, 11, 3.5, True, [], {}, "2026-02-31", "misschien", [{}])


def _variants(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """``doc`` changed in one place each: every field (and every field of the first item of a list of
    objects, and of an object) set to odd values, removed, or an unknown field added."""
    import copy

    out = [{**doc, "onbekend": 1}]
    for key, value in doc.items():
        out.append({name: item for name, item in doc.items() if name != key})
        out.extend({**doc, key: odd} for odd in _ODD_VALUES)
        inner = value[0] if isinstance(value, list) and value and isinstance(value[0], dict) else value
        if isinstance(inner, dict) and inner:
            for inner_key in list(inner)[:12]:
                for odd in (*_ODD_VALUES, "delete"):
                    changed = copy.deepcopy(doc)
                    target = changed[key][0] if isinstance(value, list) else changed[key]
                    if odd == "delete":
                        del target[inner_key]
                    else:
                        target[inner_key] = odd
                    out.append(changed)
    return out


def test_the_whole_file_validator_takes_exactly_what_each_records_validator_takes(
    generated_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every record kind of the generator, each changed in many ways: the dossier's validator and the
    record's own validator agree on every one (the check trusts the first only when it takes a file)."""
    _whole_files(monkeypatch, on=True)
    generated_db.prepare_dossier_validation()
    validator = transaction.dossier_validator()
    assert validator is not None
    samples: dict[tuple[str, str], dict[str, Any]] = {}
    for employee_id in generated_db.dossier_ids():
        tables = json.loads(generated_db.dossier_path(employee_id).read_bytes())
        for table, documents in tables.items():
            for doc in documents.values():
                samples.setdefault((table, str(doc.get("kind", ""))), doc)
    assert len(samples) >= len(models.DOSSIER_RECORD_TYPES) + len(models.MethodKind) - 1
    types = {record_type.table: record_type for record_type in models.DOSSIER_RECORD_TYPES}
    compared = refused = 0
    for (table, _kind), doc in samples.items():
        for variant in [doc, *_variants(doc)]:
            own = _own_verdict(types[table], variant)
            try:
                validator.validate_python({table: {"1": variant}}, context=models.STORED)
                whole = True
            except models.ValidationError:
                whole = False
            assert whole == own, (table, variant)
            compared += 1
            refused += not own
    assert compared > 2000 and refused > compared // 2


def test_every_healthy_dossier_is_taken_whole_with_the_same_result(
    generated_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from poptui.models import Trajectory

    trajectories = {item.id for item in generated_db.list(Trajectory)}
    _whole_files(monkeypatch, on=True)
    assert generated_db.valid_dossier(generated_db.dossier_ids()[0]) is None  # not before the validator is made
    generated_db.prepare_dossier_validation()
    made = list(transaction._dossier_validator)
    for employee_id in generated_db.dossier_ids():
        monkeypatch.setattr(transaction, "_dossier_validator", made)
        assert health._check_whole_dossier(generated_db, employee_id, trajectories, False) is not None, employee_id
        whole = health._check_dossier(generated_db, employee_id, trajectories, False)
        monkeypatch.setattr(transaction, "_dossier_validator", [])
        assert whole == health._check_dossier(generated_db, employee_id, trajectories, False)
        assert whole.seen is not None and whole.valid and whole.clean and not whole.problems


@pytest.mark.parametrize("helpers", [0, 2])
def test_a_damaged_database_gets_the_same_report_with_whole_files(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, helpers: int
) -> None:
    moments = _dossiers_with(demo_db, "contact_moments")
    assert len(moments) >= 10, "the demo has dossiers enough"
    named = _damage(demo_db)
    named["held without date"] = _change(moments[8], "contact_moments", {"status": "gehouden", "date": None})
    named["another employee's record"] = _change(moments[9], "contact_moments", {"employee_id": "iemandanders"})
    _configure(monkeypatch, fast=False, helpers=0)
    _whole_files(monkeypatch, on=False)
    expected = _check(demo_db)
    _configure(monkeypatch, fast=True, helpers=helpers)
    _whole_files(monkeypatch, on=True)
    found = _check(demo_db)
    assert found.problems == expected.problems
    assert found.counts == expected.counts and found.warnings == expected.warnings
    for what, name in named.items():
        assert any(name in problem for problem in found.problems), (what, found.problems)


@pytest.mark.parametrize("helpers", [0, 2])
def test_a_healthy_database_is_noted_as_before_with_whole_files(
    generated_db: Database, monkeypatch: pytest.MonkeyPatch, helpers: int
) -> None:
    (generated_db.path / "validated.json").unlink(missing_ok=True)
    _configure(monkeypatch, fast=True, helpers=helpers)
    _whole_files(monkeypatch, on=True)
    read_one_by_one: list[str] = []
    original = generated_db.list

    def counted(record_type: Any, **kwargs: Any) -> Any:
        if record_type.scope == "dossier":
            read_one_by_one.append(kwargs.get("employee_id", ""))
        return original(record_type, **kwargs)

    monkeypatch.setattr(generated_db, "list", counted)
    found = _check(generated_db)
    assert found.healthy, found.problems
    assert read_one_by_one == []  # every dossier was taken whole
    noted = (generated_db.path / "validated.json").read_bytes()
    (generated_db.path / "validated.json").unlink()
    _configure(monkeypatch, fast=False, helpers=0)
    _whole_files(monkeypatch, on=False)
    expected = _check(generated_db)
    assert found.counts == expected.counts and found.warnings == expected.warnings
    assert (generated_db.path / "validated.json").read_bytes() == noted


@pytest.mark.parametrize("helpers", [0, 2])
def test_unreadable_trajectories_give_the_same_report_with_whole_files(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, helpers: int
) -> None:
    """The helpers validate the dossiers before the trajectories are read: when those cannot be read, the
    dossiers' references to them are not reported, as before, and the broken file is."""
    _change(_dossiers_with(demo_db, "contact_moments")[0], "contact_moments", {"trajectory_id": "weg"})
    shard = next(iter(sorted((demo_db.path / "trajectories").glob("*.json"))))
    shard.write_text('{"trajectories": {"1": ')
    _configure(monkeypatch, fast=False, helpers=0)
    _whole_files(monkeypatch, on=False)
    expected = _check(demo_db)
    _configure(monkeypatch, fast=True, helpers=helpers)
    _whole_files(monkeypatch, on=True)
    found = _check(demo_db)
    assert found.problems == expected.problems and found.warnings == expected.warnings
    assert any(shard.name in problem for problem in found.problems)
    assert not any("(weg)" in problem for problem in found.problems)


def _identity_calls(run: Any, *args: Any, **kwargs: Any) -> int:
    """How many times ``run(*args, **kwargs)`` calls the text and date validators that hand back what they are given
    under ``STORED`` (``models.base._text``, ``_line``, ``_day``)."""
    import sys

    from poptui.models import base

    codes = {base._text.__code__, base._line.__code__, base._day.__code__}
    calls = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call" and frame.f_code in codes:
            calls += 1

    sys.setprofile(profile)
    try:
        run(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return calls


def test_the_stored_validator_skips_the_identity_validators(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """pydantic-core swaps in a built model class's own validator unless told not to: the stored
    schema of every record type (and of every model inside it) must really be the one that runs."""
    from poptui.models.methods import method_record_adapter

    _configure(monkeypatch, fast=True, helpers=0)
    checked = 0
    for record_type in models.RECORD_TYPES:
        employee_ids = demo_db.dossier_ids() if record_type.scope == "dossier" else [None]
        for employee_id in employee_ids:
            for path in demo_db._files_of(record_type, employee_id):
                if not path.exists():
                    continue
                for doc in (json.loads(path.read_bytes()).get(record_type.table) or {}).values():
                    transaction.parse(record_type, doc, stored=True)  # the stored validator is built
                    assert _identity_calls(transaction.parse, record_type, doc, stored=True) == 0
                    if issubclass(record_type, models.MethodRecordBase):
                        own = _identity_calls(method_record_adapter.validate_python, doc, context=models.STORED)
                    else:
                        own = _identity_calls(record_type.model_validate, doc, context=models.STORED)
                    assert own > 0, record_type  # the counting sees them when they run
                    checked += 1
    assert checked > 100


def test_the_whole_file_validator_skips_the_identity_validators(
    generated_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _whole_files(monkeypatch, on=True)
    generated_db.prepare_dossier_validation()
    validator = transaction.dossier_validator()
    assert validator is not None
    for employee_id in generated_db.dossier_ids()[:5]:
        tables = json.loads(generated_db.dossier_path(employee_id).read_bytes())
        assert _identity_calls(validator.validate_python, tables, context=models.STORED) == 0
