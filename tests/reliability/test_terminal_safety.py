"""Terminal and file safety: escape sequences, C1 bytes and bidi overrides never reach a terminal or a file.

A corpus of hostile payloads goes in through the models (typed) and straight
into the JSON files (imported or restored data, bypassing the models); the
output of ``poptui list``, the app's rendered screen and the exports must hold
none of them.
"""

from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel
from pydantic.functional_validators import BeforeValidator
from store_files import employees_file

import poptui.models as models
from poptui.cli import main
from poptui.models.base import _line, _text
from poptui.models.methods import METHOD_RECORD_CLASSES
from poptui.store import Database, DatabaseDamaged, StoreError

PAYLOADS = [
    "\x1b[2J\x1b[H nep scherm",  # clear the screen, cursor home
    "\x1b]0;valse titel\x07titel",  # OSC 0: window title
    "\x1b]52;c;ZWNobyBnZWhhY2t0\x07klembord",  # OSC 52: write the clipboard
    "\x1b]8;;https://kwaad.example\x1b\\klik\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1bP1$qm\x1b\\dcs",  # DCS
    "\x9b31mrood-C1",  # 8-bit CSI
    "\x9d0;titel\x9c",  # 8-bit OSC ... ST
    "\x90dcs8\x9c",  # 8-bit DCS
    "\x1b[?1049h alternatief scherm",
    "\x1b[6n vraag cursor",  # device status report: the terminal would answer as input
    "bidi \u202eTXT.EXE\u202c en \u2066iso\u2069 \u200f",
    "nul\x00byte\x07bel\x08bs\x7fdel",
    "\x1b",  # a lone ESC
    "regel\r\x1b[Aterug",
    "\x1b]52;c;onafgesloten",
]
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _safe(text: str) -> bool:
    return FORBIDDEN.search(text) is None


@pytest.mark.parametrize("payload", PAYLOADS)
def test_models_clean_typed_text(payload: str) -> None:
    employee = models.Employee(
        first_name="A" + payload, last_name="B" + payload, organisation_id="o1", remarks=payload, function=payload
    )
    for value in (employee.first_name, employee.last_name, employee.remarks, employee.function):
        assert _safe(value), repr(value)
    pop = models.PopDocument(
        employee_id="e1",
        trajectory_id="t1",
        wat_wil_ik=[models.PopItem(text=payload)],
        actions=[models.PopAction(what=payload, smart=models.SmartFields(why=payload))],
    )
    analysis = models.StartupAnalysis(organisation_id="o1", answers={"vraag": payload})
    moment = models.ContactMoment(
        employee_id="e1",
        trajectory_id="t1",
        number=0,
        phase="opstart",
        goals=[payload],
        attendees=[payload],
        notes=payload,
    )
    dumped = json.dumps(
        [pop.model_dump(mode="json"), analysis.model_dump(mode="json"), moment.model_dump(mode="json")],
        ensure_ascii=False,
    )
    assert _safe(json.loads(json.dumps(dumped)))


def _cleaning_validator(metadata: list[object]) -> bool:
    return any(isinstance(item, BeforeValidator) and item.func in (_text, _line) for item in metadata)


# Bare str fields that are not free text: ids (the store accepts only [A-Za-z0-9_-] for a record id),
# the audit hashes (hex written by the store) and keys of catalog items (never shown).
NOT_FREE_TEXT = re.compile(r"(^|\.)id$|\{key\}$|^AuditEvent\.(previous_)?hash$|^PopDocument\.dismissed_candidates\[\]$")


def _unclean_fields() -> list[str]:
    seen: set[type] = set()
    found: list[str] = []

    def walk(annotation: object, path: str, cleaned: bool) -> None:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *metadata = typing.get_args(annotation)
            walk(base, path, cleaned or _cleaning_validator(metadata))
        elif annotation is str:
            if not cleaned:
                found.append(path)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model(annotation)
        elif origin in (list, tuple, set, frozenset):
            for argument in typing.get_args(annotation):
                walk(argument, path + "[]", False)
        elif origin is dict:
            key, value = typing.get_args(annotation)
            walk(key, path + "{key}", False)
            walk(value, path + "{}", False)
        elif origin in (typing.Union, types.UnionType):
            for argument in typing.get_args(annotation):
                walk(argument, path, cleaned)

    def model(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            walk(info.annotation, f"{cls.__name__}.{name}", _cleaning_validator(info.metadata))

    for cls in [*models.RECORD_TYPES, *METHOD_RECORD_CLASSES.values(), models.AuditEvent]:
        model(cls)
    return [path for path in found if not NOT_FREE_TEXT.search(path)]


def test_every_text_field_of_every_model_is_cleaned() -> None:
    assert _unclean_fields() == []


def test_record_ids_are_restricted(db: Database) -> None:
    with pytest.raises(StoreError, match="Ongeldige id"):
        db.save(models.Organisation(id="\x1b]52;c;eA==\x07", name="Atelier"))


def _poison_files(db: Database) -> str:
    """Write payloads straight into the files, as an imported or hand-edited file would hold them."""
    organisation = db.save(models.Organisation(name="Atelier"))
    employee = db.save(models.Employee(first_name="Inès", last_name="Peeters", organisation_id=organisation.id))
    raw = json.loads(employees_file(db.path).read_text())
    doc = next(iter(raw["employees"].values()))
    doc["first_name"] = "Inès" + "".join(PAYLOADS[:6])
    doc["last_name"] = "Peeters" + "".join(PAYLOADS[6:])
    doc["function"] = PAYLOADS[2]
    employees_file(db.path).write_text(json.dumps(raw, ensure_ascii=False))
    return employee.id


def test_text_is_cleaned_on_load_and_in_poptui_list(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    employee_id = _poison_files(db)
    employee = db.get(models.Employee, employee_id)
    assert _safe(employee.first_name) and employee.first_name.startswith("Inès")
    for arguments in (["list", "employees"], ["list", "employees", "--json"], ["list", "trajectories"]):
        assert main([*arguments, "--db", str(db.path)]) == 0
        out = capsys.readouterr().out
        assert _safe(out) and "Peeters" in out or arguments[-1] == "trajectories"


def test_a_hostile_id_in_a_file_is_refused_on_load(db: Database) -> None:
    db.save(models.Organisation(name="Atelier"))
    raw = json.loads((db.path / "core.json").read_text())
    next(iter(raw["organisations"].values()))["id"] = "x\x1b[2J"
    (db.path / "core.json").write_text(json.dumps(raw))
    with pytest.raises(DatabaseDamaged, match="ongeldige id"):
        db.list(models.Organisation)


async def test_rendered_app_screen_holds_no_escape_sequences(db: Database) -> None:
    from poptui.screens import navigation

    from poptui.app import PopApp

    employee_id = _poison_files(db)
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_employees(app)
        await pilot.pause()
        await pilot.pause()
        rendered = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert _safe(rendered) and "Inès" in rendered, rendered
        navigation.open_employee(app, employee_id)
        await pilot.pause()
        rendered = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert _safe(rendered) and "Inès" in rendered
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x9b" not in svg and "\u202e" not in svg


def test_pdf_and_excel_exports_hold_no_escape_sequences(db: Database, tmp_path: Path) -> None:
    forms = pytest.importorskip("poptui.services.forms")
    pypdf = pytest.importorskip("pypdf")
    employee_id = _poison_files(db)
    path = forms.export_consent(db, employee_id, tmp_path)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "Peeters" in text and _safe(text.replace("\n", " "))
    from openpyxl import load_workbook

    from poptui.export.excel import TrajectoryRow, trajectories_workbook

    row = TrajectoryRow(
        organisation='=HYPERLINK("http://x")',
        last_name="\x1b[2J+1",
        first_name="@SUM(A1)",
        coach="-2+3",
        variant="\tx",
        start_date=None,
        completion_date=None,
        contact_moments=0,
        contact_hours=0,
        actions=0,
        generic_actions=0,
        technical_actions=0,
        follow_up=False,
        consent_date=None,
        uploaded_on=None,
        uploaded_by="\rx",
    )
    book_path = tmp_path / "maand.xlsx"
    book_path.write_bytes(trajectories_workbook([row], 2026, 3))
    sheet = load_workbook(book_path).active
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            assert cell.value is None or not isinstance(cell.value, str) or _safe(cell.value)


def test_hostile_names_in_a_damaged_folder_never_reach_the_terminal(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """The re-run of the attack: a file in dossiers/ named with an OSC 52 clipboard write, and a damaged
    record whose field names are escape sequences, came out raw in `check` and in the start's refusal."""
    from control_payloads import PAYLOADS as CORPUS
    from control_payloads import unsafe

    organisation = db.save(models.Organisation(name="Atelier"))
    employee = db.save(models.Employee(first_name="Inès", last_name="Peeters", organisation_id=organisation.id))
    for number, payload in enumerate(CORPUS.values()):
        name = payload.replace("/", "").replace("\x00", "")[:60]
        (db.path / "dossiers" / f"{name}{number}.json").write_text("{}")
    raw = json.loads(employees_file(db.path).read_text())
    record = next(doc for doc in raw["employees"].values() if doc["id"] == employee.id)
    for payload in CORPUS.values():
        record[payload] = "x"
    employees_file(db.path).write_text(json.dumps(raw))
    for arguments in (["check"], [], ["list", "employees"], ["backup"]):
        main([*arguments, "--db", str(db.path)])
        captured = capsys.readouterr()
        assert unsafe(captured.out) == [] and unsafe(captured.err) == [], arguments
    assert main(["check", "--db", str(db.path)]) == 1
    out = capsys.readouterr().out
    assert "geen dossier van poptui" in out and "ongeldig record" in out


def test_messages_on_a_terminal_wrap_at_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80 columns the start's refusal broke words ("IT-verantwo / ordelijke"); now it wraps between words."""
    import io
    import os
    import shutil

    from poptui.cli.common import fit

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(shutil, "get_terminal_size", lambda *_args: os.terminal_size((80, 24)))
    message = (
        "poptui start niet: de controle vond 1 probleem:\n"
        "- Het bestand /srv/poptui/dossiers/115d3999758940d7b2f2b55bf2eec929.json is beschadigd (geen geldige "
        "JSON, mogelijk afgebroken). Zet een reservekopie terug met 'poptui restore' of vraag hulp aan je "
        "IT-verantwoordelijke.\n  poptui restore --db /srv/poptui /srv/poptui/backups/poptui-20261201-205331-handmatig.zip"
    )
    wrapped = fit(message, Terminal())
    lines = wrapped.splitlines()
    assert all(len(line) < 80 for line in lines if not line.startswith("  poptui"))
    assert "IT-verantwoordelijke." in wrapped.split() and lines[-1].startswith("  poptui restore")
    assert wrapped.split() == message.split()  # no word cut, none lost
    assert fit(message, io.StringIO()) == message  # not a terminal (a pipe, a log): as it is
