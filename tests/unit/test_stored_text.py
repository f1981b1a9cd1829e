"""Text is cleaned where it is written, not on every read: the store writes clean text, and
``check`` finds a file with text poptui would never have written."""

from __future__ import annotations

from datetime import date

import orjson

from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Level,
    Organisation,
    Phase,
    Trajectory,
    VariantId,
)
from poptui.services.health import check_database
from poptui.store import Database
from poptui.text import clean_text


def _moment(db: Database) -> ContactMoment:
    organisation = db.save(Organisation(name="Atelier"))
    employee = db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id=organisation.id))
    trajectory = db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.MEDIUM, intensity=Level.MEDIUM)
    )
    return db.save(
        ContactMoment(
            employee_id=employee.id, trajectory_id=trajectory.id, number=1, date=date(2026, 6, 1), phase=Phase.OPSTART
        )
    )


def test_text_set_without_validation_is_cleaned_when_it_is_saved(db: Database) -> None:
    moment = _moment(db)
    unchecked = moment.model_copy(
        update={"status": ContactMomentStatus.SKIPPED, "skip_reason": "ziek\x1b[2J\u202e thuis\r\nbelt"}
    )
    saved = db.save(unchecked)
    assert saved.skip_reason == clean_text(unchecked.skip_reason) == "ziek thuis\nbelt"
    raw = (db.path / "dossiers" / f"{moment.employee_id}.json").read_bytes()
    assert b"\\u001b" not in raw and "\u202e".encode() not in raw
    assert db.get(ContactMoment, moment.id, employee_id=moment.employee_id).skip_reason == "ziek thuis\nbelt"
    assert check_database(db).healthy


def test_check_finds_text_written_outside_poptui(db: Database) -> None:
    moment = _moment(db)
    path = db.path / "dossiers" / f"{moment.employee_id}.json"
    tables = orjson.loads(path.read_bytes())
    for doc in tables["contact_moments"].values():
        doc["notes"] = "Wist het scherm\x1b[2J\x1b]0;titel\x07"
    path.write_bytes(orjson.dumps(tables))
    report = check_database(db)
    assert any(str(path) in problem and "stuur- of onzichtbare tekens" in problem for problem in report.problems)


def test_a_long_text_is_looked_at_in_its_bytes_with_the_same_answer() -> None:
    """has_suspect looks at a long text (a command's whole output) in its UTF-8 bytes: every character
    the regex calls suspect, and its neighbours, get the same answer there."""
    from poptui.text import _LONG_TEXT, _SUSPECT, clean_for_terminal, has_suspect

    suspects = [code for code in range(0x110000) if _SUSPECT.match(chr(code))]
    around = {near for code in suspects for near in (code - 1, code, code + 1)} | {0x0A, 0x09, 0xE9, 0x1F600}
    long = "é" * _LONG_TEXT
    for code in sorted(around):
        if not 0 <= code < 0x110000 or 0xD800 <= code <= 0xDFFF:
            continue
        character = chr(code)
        assert has_suspect(long + character) == (_SUSPECT.search(character) is not None), hex(code)
        assert clean_for_terminal(long + character) == long + clean_for_terminal(character), hex(code)
    assert not has_suspect(long + "\ud800")  # a lone surrogate is no suspect, in the bytes either
