"""Text is cleaned where it is written, not on every read: the store writes clean text, and
``check`` finds a file with text poptui would never have written. An import cleans each cell once,
as it reads it, and validates its records without cleaning them again (``models.base.CLEANED``)."""

from __future__ import annotations

import unicodedata
from datetime import date

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

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
from poptui.models.base import CLEANED
from poptui.services.health import check_database
from poptui.store import Database
from poptui.text import clean_line, clean_text


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


_HOSTILE_PIECES = [
    "a",
    "E",
    " ",
    "\t",
    "\n",
    "\r",
    "\x1b[31m",
    "\x1b]0;titel\x07",
    "\x9b",
    "\u0301",
    "\u0308",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\u00a0",
    "\U000e0041",
    "ş",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HOSTILE_PIECES), max_size=10).map("".join))
def test_cleaning_a_line_once_is_enough(value: str) -> None:
    # An import cleans each cell once, as it reads it (models.base.CLEANED): what clean_line returns
    # must be what cleaning it again, as a line or as free text, returns too.
    once = clean_line(value)
    assert clean_line(once) == once
    assert clean_text(once) == once
    assert unicodedata.is_normalized("NFC", once)


def test_a_joiner_between_a_letter_and_its_accent_leaves_them_composed() -> None:
    assert clean_line("Jose\u200d\u0301") == "Jos\u00e9"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(_HOSTILE_PIECES), max_size=8).map("".join),
    st.lists(st.sampled_from(_HOSTILE_PIECES), max_size=8).map("".join),
)
def test_a_record_validated_from_cleaned_cells_is_the_record_validated_from_the_raw_ones(
    function: str, remarks: str
) -> None:
    raw = {"first_name": "Jan", "last_name": "Peeters", "organisation_id": "o1", "function": function}
    raw |= {"remarks": remarks, "consent_date": "01/02/2024", "id": "e1"}
    cleaned = {name: clean_line(value) for name, value in raw.items()}
    from_raw = Employee.model_validate(raw)
    from_cleaned = Employee.model_validate(cleaned, context=CLEANED)
    assert from_cleaned.function == from_raw.function
    assert from_cleaned.consent_date == date(2024, 2, 1)  # dates are still parsed
    assert from_cleaned.remarks == clean_line(from_raw.remarks)  # a cell is one line: stricter than free text
