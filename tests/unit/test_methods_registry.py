"""The method registry: every MethodKind resolves to its record class, its screen, its guidance
and its blank worksheet (the four things ARCHITECTURE.md's recipe asks for)."""

from __future__ import annotations

from pathlib import Path

import pytest
from poptui.screens.method_registry import METHOD_SCREENS, method_screen
from pypdf import PdfReader
from textual.screen import Screen

from poptui.methods_registry import all_methods, guidance_text, method
from poptui.models import METHOD_RECORD_CLASSES, MethodKind, MethodRecordBase, method_record_adapter
from poptui.services import forms


@pytest.mark.parametrize("kind", list(MethodKind))
def test_every_method_kind_resolves_to_all_four(kind: MethodKind, tmp_path: Path) -> None:
    entry = method(kind)
    # 1. the catalog entry and its guidance
    assert entry.guide.id is kind and entry.name
    text = guidance_text(kind)
    assert entry.guide.guidance.doel in text and all(step in text for step in entry.guide.guidance.werkwijze)
    # 2. the record class, written out as a class, its kind fixed
    record_class = entry.record_class
    assert issubclass(record_class, MethodRecordBase) and record_class is not MethodRecordBase
    assert record_class.__module__.startswith("poptui.models.") and record_class.__doc__
    assert record_class.model_fields["kind"].default is kind
    # 3. the screen, built with the keyword arguments every method screen takes
    screen_class = method_screen(kind)
    assert isinstance(screen_class, type) and issubclass(screen_class, Screen)
    screen = screen_class(employee_id="e", trajectory_id="t", kind=kind.value, contact_moment_id=None, record_id=None)
    assert getattr(screen, "kind", None) is kind
    # 4. the blank worksheet, printed and read back
    assert entry.worksheet in forms.worksheet_names()
    path = forms.export_blank(entry.worksheet, None, tmp_path)
    printed = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Naam werknemer" in printed


def test_the_registry_has_nothing_extra() -> None:
    assert set(METHOD_SCREENS) == set(MethodKind) == set(METHOD_RECORD_CLASSES)
    assert [entry.kind for entry in all_methods()] == list(MethodKind)


def test_a_method_without_a_sheet_of_its_own_prints_the_general_sheet(tmp_path: Path) -> None:
    entry = method(MethodKind.AI_DROOMFASE)
    assert entry.worksheet == "ai_droomfase"
    path = forms.export_blank(entry.worksheet, None, tmp_path)
    printed = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Werkblad AI" in printed and "Notities" in printed and "Conclusies" in printed
    assert method(MethodKind.HAND).worksheet == "hand"


def test_notes_stored_before_the_classes_were_written_out_load_unchanged() -> None:
    stored = {
        "id": "a" * 32,
        "version": 3,
        "employee_id": "e" * 32,
        "trajectory_id": "t" * 32,
        "kind": "vier_op_een_rij",
        "notes": "Koppelt 'nauwkeurig' aan 'orde'.",
        "conclusions": ["Werkt graag ordelijk"],
    }
    record = method_record_adapter.validate_python(stored)
    assert type(record).__name__ == "VierOpEenRijRecord"
    migrated = stored | {"conclusions": [{"text": "Werkt graag ordelijk"}]}  # a plain string became a Conclusion
    assert record.model_dump(mode="json", exclude_defaults=True) | {"kind": "vier_op_een_rij"} == migrated


def test_guidance_adds_the_screens_own_text_and_marks_poptuis_own_guidance() -> None:
    text = guidance_text(MethodKind.MINDMAP, "Toetsen: a tak eronder.")
    assert "Toetsen: a tak eronder." in text
    assert "deze uitleg is van poptui" in text
    assert "deze uitleg is van poptui" not in guidance_text(MethodKind.HAND)
