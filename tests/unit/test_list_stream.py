"""``poptui list trajectories --json`` (and ``list employees --json``) are written slice by slice: the bytes
are those of the whole list made at once, dumped, cleaned for the terminal as one text and printed
(``say(json_text(rows))``), on the demo and on hostile databases, whatever the size of the slices."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from control_payloads import PAYLOADS
from hypothesis import given, settings
from hypothesis import strategies as st

from poptui.cli import list_command, main
from poptui.cli.common import json_pieces, json_text, terminal_text
from poptui.services import trajectory_list
from poptui.services.trajectory_list import json_rows, summarise
from poptui.store import Database, layout, summaries
from poptui.text import _PLAIN_UTF8, TerminalCleaner, clean_for_terminal, clean_utf8_for_terminal


def _old_output(database: Database) -> str:
    """What ``list trajectories --json`` printed before it streamed: every object (the table's summaries
    say the same), one dump, cleaned as one text, printed."""
    return terminal_text(json_text([summary.as_json() for summary in summarise(database)])) + "\n"


def _listed(database: Database, capsys: pytest.CaptureFixture[str], kind: str = "trajectories") -> str:
    assert main(["list", kind, "--json", "--db", str(database.path)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_the_streamed_list_is_the_whole_list_byte_for_byte_on_the_demo(
    demo_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    monkeypatch.setattr(trajectory_list, "JSON_SLICE", size)
    expected = _old_output(demo_db)
    assert len(json.loads(expected)) >= 10
    assert _listed(demo_db, capsys) == expected


def test_the_real_stdout_gets_the_same_bytes(demo_db: Database) -> None:
    """Written to the standard output's buffer (a pipe here), as ``print`` would have encoded it."""
    script = f"import sys\nfrom poptui.cli import main\nsys.exit(main(['list', 'trajectories', '--json', '--db', {str(demo_db.path)!r}]))\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert result.stdout == _old_output(demo_db).encode("utf-8")


def test_a_stdout_without_a_buffer_gets_the_same_text(demo_db: Database) -> None:
    expected = _old_output(demo_db)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print("before", end="|")
        assert main(["list", "trajectories", "--json", "--db", str(demo_db.path)]) == 0
    assert out.getvalue() == "before|" + expected


def test_an_empty_list_is_an_empty_json_list(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    assert _listed(db, capsys) == "[]\n" == terminal_text(json_text([])) + "\n"
    assert _listed(db, capsys, "employees") == "[]\n"


def _change_shard(database: Database, scope: str, change: Any) -> None:
    """Change every record of every shard of employees/ or trajectories/ outside poptui (a hand edit)."""
    for path in layout.shard_files(database.path, scope):
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for number, doc in enumerate((data.get(scope) or {}).values()):
            change(number, doc)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


_NAMES = [
    *PAYLOADS.values(),
    "Zoe\u0308",
    "Jose\u0301",
    "\u00a0Ann\u00a0",
    "D\u2019Hondt",
    "\u9648\u4f1f",
    "A\u0301\u0327",
]
_RAW = [
    "\x9b31mrood",  # CSI without ESC: its parameters are quotes and commas of the JSON around it
    "\x9d0;titel zonder einde",  # swallows the rest of the whole output, in slices as at once
    "e\u0301",  # NFC over the JSON
    "\u202e\u200b",
    "\x9d0;titel\x9c",
    "\x85\x7f",
    "ok",
]


def _hostile(path: Path) -> Database:
    """Names with every control payload (cleaned by the summaries, as the records clean them), and coach
    and follow-up ids that the summaries keep as the file holds them: escape sequences that only the
    cleaning of the whole output removes, one of them without an end."""
    database = Database.open(path, actor="tester")
    _change_shard(
        database,
        "employees",
        lambda number, doc: doc.update(
            first_name=_NAMES[number % len(_NAMES)], last_name=_NAMES[(number * 7 + 3) % len(_NAMES)]
        ),
    )

    def trajectory(number: int, doc: dict[str, Any]) -> None:
        if number % 5 == 1:
            doc["coach_id"] = _RAW[number % len(_RAW)]
        if number % 3 == 2:
            doc["previous_trajectory_id"] = _RAW[(number + 2) % len(_RAW)]

    _change_shard(database, "trajectories", trajectory)
    return Database.open(path, actor="tester")


@pytest.mark.parametrize("size", [1, 2, 7, 1000])
@pytest.mark.parametrize("template", ["demo_template", "hostile_template"])
def test_the_streamed_list_is_the_whole_list_byte_for_byte_on_hostile_databases(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    template: str,
    size: int,
) -> None:
    shutil.copytree(request.getfixturevalue(template), tmp_path / "db")
    database = _hostile(tmp_path / "db")
    monkeypatch.setattr(trajectory_list, "JSON_SLICE", size)
    monkeypatch.setattr(list_command, "SLICE", size)
    first = _listed(database, capsys)  # the summaries are brought in line with the changed shards first
    assert first == _old_output(database)
    assert _listed(database, capsys) == first  # then read shard by shard
    assert "\x9d" not in first and "\x9b" not in first and "\u202e" not in first and "Zoe\u0308" not in first
    employees = _listed(database, capsys, "employees")
    assert employees == terminal_text(json_text(json.loads(employees))) + "\n"
    assert len(json.loads(employees)) > min(size, 10)


def test_the_list_employees_json_is_the_whole_list(
    demo_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _listed(demo_db, capsys, "employees")
    monkeypatch.setattr(list_command, "SLICE", 2)
    assert _listed(demo_db, capsys, "employees") == whole == json_text(json.loads(whole)) + "\n"
    assert len(json.loads(whole)) > 4


@pytest.mark.parametrize("sizes", [[], [0], [1], [0, 3, 0], [2, 0, 5], [1, 1, 1, 1], [12]])
def test_json_pieces_join_into_the_whole_json(sizes: list[int]) -> None:
    items: list[Any] = [{"id": f"x{n}", "naam": "Zoë \u2028", "n": n, "lijst": [n, None, {"a": []}]} for n in range(12)]
    slices, at = [], 0
    for size in sizes:
        slices.append(items[at : at + size])
        at += size
    whole = [item for part in slices for item in part]
    pieces = list(json_pieces(iter(slices)))
    assert b"".join(pieces).decode() == json_text(whole)
    assert all(piece.endswith(b"\n") for piece in pieces[:-1])


def test_the_json_rows_are_the_slices_joined(demo_db: Database) -> None:
    rows = json_rows(demo_db)
    assert [row for part in trajectory_list.json_slices(demo_db, 3) for row in part] == rows
    assert rows == [summary.as_json() for summary in summarise(demo_db)]


# -- the cleaning of a text given in pieces ------------------------------------------------------------

_TRICKY = st.sampled_from(
    [*'ab \n\r\t"{},:;[]\\_P1m', "\x1b", "\x9b", "\x9d", "\x90", "\x98", "\x9e", "\x9f", "\x9c", "\x07"]
    + ["\u0301", "\u0327", "é", "e", "\u200b", "\u200d", "\u202e", "\u2028", "\x85", "\x7f", "\x00", "\ufeff"]
    + ["\U000e0041", "\u00a0", "\u2019", "\u9648", "\u1100", "\u1161"]
)


def _split(text: str, cuts: list[int]) -> list[str]:
    points = sorted({min(cut, len(text)) for cut in cuts})
    return [text[start:end] for start, end in zip([0, *points], [*points, len(text)], strict=True)]


@settings(max_examples=1500, deadline=None)
@given(st.lists(_TRICKY, max_size=60).map("".join), st.lists(st.integers(0, 60), max_size=12))
def test_cleaning_in_pieces_is_cleaning_the_whole_text(text: str, cuts: list[int]) -> None:
    pieces = _split(text, cuts)
    cleaner = TerminalCleaner()
    assert "".join(cleaner.feed(piece) for piece in pieces) + cleaner.finish() == clean_for_terminal(text)
    encoded = [piece.encode("utf-8") for piece in pieces]
    assert b"".join(clean_utf8_for_terminal(encoded)).decode("utf-8") == clean_for_terminal(text)


def test_a_string_sequence_without_an_end_swallows_the_rest_in_pieces_too() -> None:
    pieces = ['[\n  "a",\n', '  "\x9d0;titel",\n', *(['  "x",\n'] * 500), '  "b\x9c c",\n', '  "d"\n]']
    expected = clean_for_terminal("".join(pieces))
    assert expected == '[\n  "a",\n  " c",\n  "d"\n]'
    encoded = [piece.encode() for piece in pieces]
    assert b"".join(clean_utf8_for_terminal(encoded)).decode() == expected
    unended = [*pieces[:-2], '  "d"\n]']
    assert b"".join(clean_utf8_for_terminal([p.encode() for p in unended])).decode() == '[\n  "a",\n  "'


def test_plain_pieces_are_passed_on_as_they_are() -> None:
    piece = '  {"naam": "Zoë Ñúñez Łukasz Ǆ"},\n'.encode()
    assert not piece.translate(None, _PLAIN_UTF8)
    [out] = list(clean_utf8_for_terminal([piece]))
    assert out is piece


def test_no_text_below_u0300_changes_under_nfc() -> None:
    """What lets :data:`poptui.text._PLAIN_UTF8` pass such text on without normalising it: every character
    below U+0300 is its own NFC, a starter, and composes with none of them."""
    below = [chr(code) for code in range(0x300)]
    assert all(unicodedata.combining(char) == 0 and unicodedata.is_normalized("NFC", char) for char in below)
    assert all(unicodedata.is_normalized("NFC", first + "".join(below)) for first in below)
    assert all(unicodedata.is_normalized("NFC", first + second) for first in below for second in below)


# -- the store gives the summaries shard by shard only when they are in line ------------------------


def test_current_summaries_are_refresh_summaries_shard_by_shard(demo_db: Database) -> None:
    whole = demo_db.refresh_summaries()
    summaries._parsed.clear()
    parts = list(demo_db.current_summaries())
    assert [key for part in parts for key in part] == list(whole)
    assert all(part[key] == whole[key] for part in parts for key in part)
    assert not [path for path in summaries._parsed if Path(path).name[:3].isdigit()]  # no shard kept parsed


@pytest.mark.parametrize(
    "change",
    ["dossier", "shared", "lost shard", "twice", "dossier without file", "not a row"],
)
def test_current_summaries_refuse_what_is_not_in_line(demo_db: Database, change: str) -> None:
    demo_db.refresh_summaries()
    folder = demo_db.path / summaries.FOLDER
    shard_files = sorted(path for path in folder.glob("[0-9][0-9][0-9].json") if json.loads(path.read_bytes()))
    if change == "dossier":
        dossier = next((demo_db.path / summaries.DOSSIERS).glob("*.json"))
        dossier.write_bytes(dossier.read_bytes() + b" ")
    elif change == "shared":
        shard = next(path for path in layout.shard_files(demo_db.path, "trajectories") if path.exists())
        shard.write_bytes(shard.read_bytes() + b" ")
    elif change == "lost shard":
        shard_files[-1].unlink()
    elif change in ("twice", "dossier without file", "not a row"):
        first, last = shard_files[0], shard_files[-1]
        rows = json.loads(first.read_bytes())
        employee_id, row = next((key, row) for key, row in rows.items() if row[3])  # one with a dossier
        if change == "twice":
            moved = json.loads(last.read_bytes()) | {employee_id: row}
            last.write_text(json.dumps(moved), encoding="utf-8")
        elif change == "dossier without file":
            (demo_db.path / summaries.DOSSIERS / f"{employee_id}.json").unlink()
        else:
            rows[employee_id] = 7
            first.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(summaries.Behind):
        list(demo_db.current_summaries())


def test_a_list_after_a_change_outside_poptui_is_the_refreshed_one(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _listed(demo_db, capsys)
    _change_shard(demo_db, "employees", lambda number, doc: doc.update(first_name=f"Naam{number}"))
    after = _listed(demo_db, capsys)
    assert after != before and '"employee": "Naam0 ' in after
    assert after == _old_output(demo_db)
    list(demo_db.current_summaries())  # in line again: the list brought the summaries in line
