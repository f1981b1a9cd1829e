"""One labels module for screens, printed forms and Excel: every enum value reads the same everywhere."""

from __future__ import annotations

from enum import StrEnum

import pytest

from poptui.labels import _LABELS, label, lower_label, yes_no
from poptui.models import CompetenceKind, HoursKind, MethodKind, TrajectoryStatus
from poptui.models import enums as enum_module

ENUMS = [
    member
    for name in enum_module.__all__
    if (enum := getattr(enum_module, name)) is not MethodKind and issubclass(enum, StrEnum)
    for member in enum
]


@pytest.mark.parametrize("member", ENUMS, ids=lambda member: f"{type(member).__name__}.{member.name}")
def test_every_enum_value_has_a_label(member: StrEnum) -> None:
    # audit actions are never shown; compliance problems read from data/registration.json (problem_title)
    assert member.value in _LABELS or type(member).__name__ in ("AuditAction", "ComplianceProblem")


def test_the_draaiboeks_wording_and_running_text() -> None:
    assert label(HoursKind.GUIDANCE_SUPERVISORS) == "Begeleiding begeleiders"  # §4.4.4
    assert lower_label(CompetenceKind.GENERIC) == "generiek"
    assert lower_label(TrajectoryStatus.ACTIVE) == "actief"
    assert label(MethodKind.HAND) == "HAND-methodiek"
    assert (yes_no(True), yes_no(False)) == ("ja", "nee")
