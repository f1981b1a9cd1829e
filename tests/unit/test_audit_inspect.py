"""The audit log's check (:func:`poptui.store.audit.inspect`): a whole, chained line is taken on its
own quick path, every other line is checked in full, and the result is the same as checking every
line in full (the same problems, line numbers, counts, last hash, size and digest)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from poptui.models import AuditAction
from poptui.store import audit as audit_log

LINES = 12


def _log(path: Path) -> list[bytes]:
    """A log of :data:`LINES` entries written by :func:`audit_log.append_prepared`, as its lines."""
    documents = [
        {
            "at": f"2026-12-0{1 + number % 9}T10:00:00Z",
            "actor": 'coach é\\"\n',  # text JSON escapes: the sorted JSON of the entry holds them
            "action": list(AuditAction)[number % len(AuditAction)].value,
            "record_type": "ContactMoment",
            "record_id": f"id{number}",
            "employee_id": None if number % 2 else f"werknemer{number}",
            "fields": ["notes", "date"][: number % 3],
            "previous_hash": "",
            "hash": "",
        }
        for number in range(LINES)
    ]
    audit_log.append_prepared(path, audit_log.prepare(documents[:5]))
    audit_log.append_prepared(path, audit_log.prepare(documents[5:]))
    return path.read_bytes().splitlines(keepends=True)


def _hashed(entry: dict[str, object]) -> bytes:
    """``entry`` with the hash of its sorted JSON, as a line (keys in the order given)."""
    payload = {key: value for key, value in entry.items() if key != "hash"}
    digest = hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return orjson.dumps(payload | {"hash": digest}) + b"\n"


def _changed(line: bytes, **update: object) -> bytes:
    return orjson.dumps(json.loads(line) | update) + b"\n"


def _every_line_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """No line takes the quick path: each goes through ``_check_line``."""

    def refused(_line: bytes) -> object:
        raise ValueError("every line in full")

    monkeypatch.setattr(audit_log, "_parse", refused)


def _outcome(inspection: audit_log.Inspection) -> tuple[object, ...]:
    found = inspection
    return (found.problems, found.count, found.last_hash, found.size, found.lines, found.digest, found.exists)


def _same_in_full(
    path: Path, monkeypatch: pytest.MonkeyPatch, *args: object, verified: audit_log.Verified | None = None
) -> audit_log.Inspection:
    quick = audit_log.inspect(path, *args, verified=verified)  # type: ignore[arg-type]
    with monkeypatch.context() as patch:
        _every_line_in_full(patch)
        full = audit_log.inspect(path, *args, verified=verified)  # type: ignore[arg-type]
    assert _outcome(quick) == _outcome(full)
    return quick


def test_a_whole_log_takes_the_quick_path_for_every_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "audit.log"
    lines = _log(path)
    in_full: list[int] = []
    original = audit_log._check_line

    def counted(found: audit_log.Inspection, number: int, *args: object) -> tuple[str, int, str]:
        in_full.append(number)
        return original(found, number, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_log, "_check_line", counted)
    last = json.loads(lines[-1])["hash"]
    found = audit_log.inspect(path, LINES, last)
    assert found.problems == [] and in_full == []
    assert (found.count, found.lines, found.last_hash, found.size) == (LINES, LINES, last, len(path.read_bytes()))
    assert found.digest == hashlib.sha256(path.read_bytes()).hexdigest()
    monkeypatch.setattr(audit_log, "_check_line", original)
    assert _outcome(_same_in_full(path, monkeypatch, LINES, last)) == _outcome(found)


def _edit(number: int, change: Callable[[bytes], bytes]) -> Callable[[list[bytes]], list[bytes]]:
    def edit(lines: list[bytes]) -> list[bytes]:
        return [change(line) if index == number else line for index, line in enumerate(lines)]

    return edit


DAMAGE: dict[str, tuple[Callable[[list[bytes]], list[bytes]], list[str]]] = {
    "a changed line": (
        _edit(3, lambda line: _changed(line, actor="iemand anders")),
        ["Auditlog regel 4: de inhoud is gewijzigd na het schrijven."],
    ),
    "a removed line": (
        lambda lines: lines[:4] + lines[5:],
        [
            "Auditlog regel 5: de keten is onderbroken (een regel is verwijderd of gewijzigd).",
            f"Het auditlog is ingekort: er staan {LINES - 1} regels in, poptui schreef er {LINES}. "
            "Zet een reservekopie terug.",
        ],
    ),
    "a cut log": (
        lambda lines: [*lines[:7], lines[7][:40]],
        [
            "Auditlog regel 8: onleesbaar.",
            f"Het auditlog is ingekort: er staan 8 regels in, poptui schreef er {LINES}. Zet een reservekopie terug.",
        ],
    ),
    "a line that is not JSON": (
        _edit(2, lambda _line: b"dit is geen json\n"),
        [
            "Auditlog regel 3: onleesbaar.",
            "Auditlog regel 4: de keten is onderbroken (een regel is verwijderd of gewijzigd).",
        ],
    ),
    "a forged hash": (
        _edit(6, lambda line: _hashed(json.loads(line) | {"actor": "vervalser"})),
        ["Auditlog regel 8: de keten is onderbroken (een regel is verwijderd of gewijzigd)."],
    ),
    "a hash of text that is not the sorted JSON": (
        _edit(
            1,
            lambda line: (lambda raw: raw[:-1] + b',"hash":"' + hashlib.sha256(raw).hexdigest().encode() + b'"}\n')(
                json.dumps({k: v for k, v in json.loads(line).items() if k != "hash"}, sort_keys=True).encode()
            ),
        ),
        [
            "Auditlog regel 2: de inhoud is gewijzigd na het schrijven.",
            "Auditlog regel 3: de keten is onderbroken (een regel is verwijderd of gewijzigd).",
        ],
    ),
    "a text that is not a text": (
        _edit(5, lambda line: _hashed(json.loads(line) | {"record_id": 5})),
        [
            "Auditlog regel 6: onleesbaar.",
            "Auditlog regel 7: de keten is onderbroken (een regel is verwijderd of gewijzigd).",
        ],
    ),
    "an unknown action": (
        _edit(0, lambda line: _hashed(json.loads(line) | {"action": "gestolen"})),
        [
            "Auditlog regel 1: onleesbaar.",
            "Auditlog regel 2: de keten is onderbroken (een regel is verwijderd of gewijzigd).",
        ],
    ),
    "fields that are not a list": (
        _edit(9, lambda line: _hashed(json.loads(line) | {"fields": None})),
        [
            "Auditlog regel 10: onleesbaar.",
            "Auditlog regel 11: de keten is onderbroken (een regel is verwijderd of gewijzigd).",
        ],
    ),
    "the same entry with spaces and keys in another order": (
        _edit(4, lambda line: json.dumps(dict(reversed(json.loads(line).items()))).encode() + b"\n"),
        [],
    ),
    "blank lines": (lambda lines: [b"\n", *lines[:6], b"  \r\n", *lines[6:]], []),
    "a last line without its line end": (lambda lines: [*lines[:-1], lines[-1][:-1]], []),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_is_reported_as_when_every_line_is_checked_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = tmp_path / "audit.log"
    lines = _log(path)
    last = json.loads(lines[-1])["hash"]
    change, expected = DAMAGE[damage]
    path.write_bytes(b"".join(change(lines)))
    assert _same_in_full(path, monkeypatch, LINES, last).problems == expected
    assert _same_in_full(path, monkeypatch).problems == [problem for problem in expected if "ingekort" not in problem]


def test_a_head_that_is_not_the_last_line_poptui_wrote_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "audit.log"
    _log(path)
    found = _same_in_full(path, monkeypatch, LINES - 2, "f" * 64)
    assert found.problems == [
        f"Auditlog regel {LINES - 2}: dit is niet de regel die poptui als laatste schreef; het auditlog is "
        "vervangen of herschreven."
    ]


def test_after_a_start_checked_before_the_rest_is_checked_as_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "audit.log"
    lines = _log(path)
    path.write_bytes(b"".join(lines[:6]))
    start = audit_log.inspect(path)
    verified = audit_log.Verified(start.size, start.lines, start.count, start.last_hash, start.digest)
    lines[8] = _changed(lines[8], record_id="ander")
    path.write_bytes(b"".join(lines))
    found = _same_in_full(path, monkeypatch, verified=verified)
    assert found.problems == ["Auditlog regel 9: de inhoud is gewijzigd na het schrijven."]
    assert found.count == LINES
