"""What every method shares: conclusions with their part of the POP summary (plain-text
conclusions stored earlier migrate), the date of a new record, and the filled A4 sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from poptui.export.method_sheets import general_sheet, value_lines
from poptui.methods_registry import FILLED_SHEETS, all_methods, method
from poptui.models import (
    CompetenceKind,
    Conclusion,
    ContactMoment,
    Employee,
    Level,
    MethodKind,
    MethodRecordBase,
    Phase,
    PopDocument,
    SummaryPart,
    Trajectory,
    VariantId,
    method_record_adapter,
    new_method_record,
)
from poptui.services import forms, method_records, pop_documents
from poptui.store import Database


@pytest.fixture
def trajectory(db: Database) -> Trajectory:
    employee = db.save(Employee(first_name="Inès", last_name="Van den Broeck", organisation_id="org"))
    return db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.MEDIUM, intensity=Level.MEDIUM)
    )


def test_plain_text_conclusions_stored_earlier_load_as_conclusions_without_a_part() -> None:
    stored = {
        "id": "a" * 32,
        "version": 2,
        "employee_id": "e" * 32,
        "trajectory_id": "t" * 32,
        "kind": "hand",
        "conclusions": ["Werkt graag ordelijk", "  "],
    }
    record = method_record_adapter.validate_python(stored)
    assert record.conclusions == [Conclusion(text="Werkt graag ordelijk"), Conclusion(text="  ")]
    assert record.model_dump(mode="json")["conclusions"][0] == {
        "text": "Werkt graag ordelijk",
        "part": None,
        "step": "",
    }


def test_a_conclusion_carries_its_part_to_the_pop_candidates(db: Database, trajectory: Trajectory) -> None:
    record = new_method_record(
        MethodKind.AI_DROOMFASE,
        employee_id=trajectory.employee_id,
        trajectory_id=trajectory.id,
        conclusions=[
            Conclusion(text="Wil in de logistiek werken", part=SummaryPart.WAT_WIL_IK, step="dromen"),
            "Een oude conclusie zonder deel",
        ],
    )
    db.save(record)
    pop = pop_documents.get_or_create_pop(db, trajectory)
    candidates = pop_documents.candidates(db, pop)
    assert [(c.text, c.part) for c in candidates] == [
        ("Wil in de logistiek werken", SummaryPart.WAT_WIL_IK),
        ("Een oude conclusie zonder deel", None),
    ]
    assert candidates[0].part is not None
    pop = pop_documents.accept_candidate(db, pop, candidates[0], candidates[0].part.value, CompetenceKind.OTHER)
    assert [item.text for item in db.get(PopDocument, pop.id, employee_id=pop.employee_id).wat_wil_ik] == [
        "Wil in de logistiek werken"
    ]


def test_the_free_notes_screen_keeps_the_part_of_an_unchanged_conclusion(db: Database, trajectory: Trajectory) -> None:
    record = db.save(
        new_method_record(
            MethodKind.HAND,
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            conclusions=[Conclusion(text="Kan goed plannen", part=SummaryPart.WAT_KAN_IK, step="duim")],
        )
    )
    saved = method_records.save_notes(db, record, "notities", "Kan goed plannen\nNieuw inzicht")
    assert saved.conclusions == [
        Conclusion(text="Kan goed plannen", part=SummaryPart.WAT_KAN_IK, step="duim"),
        Conclusion(text="Nieuw inzicht"),
    ]


def test_a_new_record_is_dated_on_its_contact_moment(
    db: Database, trajectory: Trajectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("poptui.clock.today", lambda: date(2026, 3, 20))
    moment = db.save(
        ContactMoment(
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            number=1,
            phase=Phase.ANALYSE,
            date=date(2026, 3, 2),
        )
    )
    new = method_records.find_or_new(
        db, employee_id=trajectory.employee_id, trajectory_id=trajectory.id, kind="hand", contact_moment_id=moment.id
    )
    assert new.date == date(2026, 3, 2) and new.version == 0
    without_moment = method_records.find_or_new(
        db, employee_id=trajectory.employee_id, trajectory_id=trajectory.id, kind="klokwijs"
    )
    assert without_moment.date == date(2026, 3, 20)


def test_every_method_has_a_filled_sheet_and_unlisted_ones_print_the_general_sheet() -> None:
    for entry in all_methods():
        assert callable(entry.filled_sheet)
        if entry.kind not in FILLED_SHEETS:
            assert entry.filled_sheet is general_sheet


def test_the_general_filled_sheet_prints_every_filled_field_with_its_title(
    db: Database, trajectory: Trajectory, tmp_path: Path
) -> None:
    record = db.save(
        new_method_record(
            MethodKind.SCAN,
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            date=date(2026, 3, 2),
            notes="Notitie met [b]haken[/b]",
            conclusions=[Conclusion(text="Wil zelfstandig werken", part=SummaryPart.WAT_WIL_IK)],
        )
    )
    path = forms.export_method(db, record, tmp_path)
    assert path.name == "20260302_ZINVOLHEIDSENHAALBAARHEIDSSCAN_VANDENBROECK_INES.pdf"
    assert path.stat().st_mode & 0o077 == 0
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "(ingevuld)" in text and "Inès Van den Broeck" in text and "02/03/2026" in text
    assert "Notitie met [b]haken[/b]" in text
    assert "Wil zelfstandig werken  [Wat wil ik]" in text
    assert method(MethodKind.SCAN).filled_sheet is general_sheet


def test_value_lines_write_nested_values_out() -> None:
    assert value_lines("") == [] and value_lines([]) == []
    assert value_lines(True) == ["ja"]
    assert value_lines(["a", "", "b"]) == ["• a", "• b"]
    assert value_lines(Conclusion(text="x", part=SummaryPart.WAT_KAN_IK)) == [
        "Conclusie: x",
        "Deel van de samenvatting: Wat kan ik",
    ]


def test_records_of_lists_the_trajectorys_records(db: Database, trajectory: Trajectory) -> None:
    first = db.save(new_method_record(MethodKind.HAND, employee_id=trajectory.employee_id, trajectory_id=trajectory.id))
    assert [r.id for r in method_records.records_of(db, trajectory)] == [first.id]
    assert isinstance(db.get(MethodRecordBase, first.id, employee_id=trajectory.employee_id), MethodRecordBase)
