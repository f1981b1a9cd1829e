"""Models: valid and invalid records, Dutch messages, safe text."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    HandRecord,
    MethodKind,
    Organisation,
    OrganisationKind,
    PopAction,
    Trajectory,
    TrajectoryStatus,
    method_record_adapter,
    new_method_record,
)
from poptui.models.errors import field_errors


def messages(error: ValidationError, model: type) -> dict[str, str]:
    return {item.field: item.message for item in field_errors(error, model)}


def test_employee_valid_with_belgian_date() -> None:
    employee = Employee(
        first_name=" Inès ", last_name="Van den  Broeck", organisation_id="o", consent_date="28/11/2026"
    )
    assert employee.first_name == "Inès"
    assert employee.last_name == "Van den Broeck"
    assert employee.consent_date == date(2026, 11, 28)


def test_employee_invalid_fields_have_dutch_messages() -> None:
    with pytest.raises(ValidationError) as caught:
        Employee(first_name="  ", last_name="X", organisation_id="o", consent_date="31/02/2026", reflection="super")
    found = messages(caught.value, Employee)
    assert found["first_name"] == "Dit veld is verplicht."
    assert found["consent_date"].startswith("Dit is geen bestaande datum")
    assert found["reflection"] == "Kies een van: laag, gemiddeld of hoog."
    labels = {item.label for item in field_errors(caught.value, Employee)}
    assert {"Voornaam", "Datum toestemming", "Reflectievermogen"} <= labels


def test_invalid_date_text_and_unknown_enum() -> None:
    with pytest.raises(ValidationError) as caught:
        Organisation(name="A", kind="bakkerij")
    assert "Kies een van" in messages(caught.value, Organisation)["kind"]
    with pytest.raises(ValidationError) as caught:
        ContactMoment(employee_id="e", trajectory_id="t", number=1, phase="analyse", date="gisteren")
    assert "geen geldige datum" in messages(caught.value, ContactMoment)["date"]


def test_organisation_kinds() -> None:
    assert {kind.value for kind in OrganisationKind} == {"maatwerkbedrijf", "lde", "andere"}


def test_trajectory_rules() -> None:
    with pytest.raises(ValidationError, match="datum afgerond"):
        Trajectory(
            employee_id="e",
            variant="basistraject",
            reflection="gemiddeld",
            intensity="gemiddeld",
            status=TrajectoryStatus.COMPLETED,
            start_date=date(2026, 1, 1),
        )
    with pytest.raises(ValidationError, match="reden"):
        Trajectory(
            employee_id="e",
            variant="basistraject",
            reflection="gemiddeld",
            intensity="gemiddeld",
            status=TrajectoryStatus.STOPPED,
            start_date=date(2026, 1, 1),
        )
    with pytest.raises(ValidationError, match="vóór de startdatum"):
        Trajectory(
            employee_id="e",
            variant="basistraject",
            reflection="gemiddeld",
            intensity="gemiddeld",
            start_date=date(2026, 2, 1),
            completion_date=date(2026, 1, 1),
        )


def test_held_contact_moment_needs_date() -> None:
    with pytest.raises(ValidationError, match="datum"):
        ContactMoment(employee_id="e", trajectory_id="t", number=1, phase="analyse", status=ContactMomentStatus.HELD)


def test_action_progress_is_bounded() -> None:
    with pytest.raises(ValidationError):
        PopAction(what="x", progress=[{"date": "2026-01-01", "progress": 6}])


def test_method_records_are_a_discriminated_union() -> None:
    record = method_record_adapter.validate_python(
        {"kind": "hand", "employee_id": "e", "trajectory_id": "t", "thumb": "Nauwkeurig"}
    )
    assert isinstance(record, HandRecord)
    notes = new_method_record(MethodKind.KLOKWIJS, employee_id="e", trajectory_id="t", notes="vrije notities")
    again = method_record_adapter.validate_python(notes.model_dump(mode="json"))
    assert type(again) is type(notes)
    assert again.kind is MethodKind.KLOKWIJS


@pytest.mark.parametrize(
    "payload",
    [
        "\x1b[2J\x1b[H",
        "\x1b]52;c;ZXZpbA==\x07",
        "\x1b]0;title\x1b\\",
        "\x1b]8;;http://x\x07link\x1b]8;;\x07",
        "\x9b31m",
        "\x1bP1;2|data\x1b\\",
        "\u202etxt.exe",
        "\x00\x07\x08",
        "\x90dcs\x9c",
    ],
)
def test_text_fields_drop_escape_sequences(payload: str) -> None:
    employee = Employee(first_name="A", last_name="B", organisation_id="o", remarks=f"voor{payload}na")
    assert employee.remarks.startswith("voor") and employee.remarks.endswith("na")
    assert not any(char in employee.remarks for char in "\x1b\x07\x9b\x9c\x90\u202e\x00")


def test_every_name_the_models_package_offers_loads_and_is_typed_for_readers() -> None:
    """poptui.models loads each model when first used (PEP 562): a name in ``__all__`` that the
    package cannot load, or that type checkers do not see, would fail only where it is first used."""
    import ast
    import inspect
    import subprocess
    import sys

    import poptui.models as models

    source = ast.parse(inspect.getsource(models))
    typed = {
        alias.asname or alias.name
        for node in ast.walk(source)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        if isinstance(statement, ast.ImportFrom)
        for alias in statement.names
    } | {"RECORD_TYPES", "DOSSIER_RECORD_TYPES"}
    lazy = set(models.__all__) - set(models._enum_names)
    assert lazy <= typed, f"names in __all__ that type checkers do not see: {sorted(lazy - typed)}"
    unloadable = typed - set(models._LAZY) - {"RECORD_TYPES", "DOSSIER_RECORD_TYPES"}
    assert not unloadable, f"names type checkers see that the package cannot load: {sorted(unloadable)}"
    code = "import poptui.models as m\nfor name in m.__all__: getattr(m, name)\nprint(len(m.__all__))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert loaded.returncode == 0, loaded.stderr
