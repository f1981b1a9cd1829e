"""The one file-name rule: JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf."""

from __future__ import annotations

from datetime import date

import pytest

from poptui.export.file_names import (
    attendance_file_name,
    consent_file_name,
    hours_file_name,
    name_part,
    pop_file_name,
    unique,
    worksheet_file_name,
)
from poptui.models import Employee

DAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        ("Van den Broeck", "Inès", "20261128_POP_VANDENBROECK_INES.pdf"),
        ("D'Hondt", "Jan", "20261128_POP_DHONDT_JAN.pdf"),
        ("D’Hondt", "Jan", "20261128_POP_DHONDT_JAN.pdf"),
        ("Müller-Özdemir", "Ayşe", "20261128_POP_MULLEROZDEMIR_AYSE.pdf"),
        ("Peeters ", " Anne-Marie ", "20261128_POP_PEETERS_ANNEMARIE.pdf"),
        ("Straße", "Zoë", "20261128_POP_STRASSE_ZOE.pdf"),
        ("De Smet 2", "Tom", "20261128_POP_DESMET2_TOM.pdf"),
    ],
)
def test_pop_file_name_folds_awkward_names(last: str, first: str, expected: str) -> None:
    assert pop_file_name(DAY, last, first) == expected


def test_a_name_with_a_trailing_space_from_a_model_prints_the_same() -> None:
    employee = Employee(first_name="Inès ", last_name="Van den Broeck ", organisation_id="o1")
    assert pop_file_name(DAY, employee.last_name, employee.first_name) == "20261128_POP_VANDENBROECK_INES.pdf"


def test_a_name_with_nothing_foldable_still_gives_a_name() -> None:
    assert name_part("李") == "ONBEKEND"
    assert pop_file_name(DAY, "李", "Wei") == "20261128_POP_ONBEKEND_WEI.pdf"


def test_every_form_uses_the_same_folding() -> None:
    assert consent_file_name(DAY, "Van den Broeck", "Inès") == "20261128_TOESTEMMING_VANDENBROECK_INES.pdf"
    assert hours_file_name(DAY, "LDE Groen & Zorg") == "20261128_UREN_LDEGROENZORG.pdf"
    assert attendance_file_name(DAY, "POP-coach opleiding dag 1") == "20261128_AANWEZIGHEID_POPCOACHOPLEIDINGDAG1.pdf"
    assert worksheet_file_name("smart-actie", "De Werkplaats vzw") == "WERKBLAD_SMARTACTIE_DEWERKPLAATSVZW.pdf"


def test_names_only_use_safe_characters() -> None:
    name = pop_file_name(DAY, "../../etc/passwd", 'a\\b:c*?"<>|')
    assert name == "20261128_POP_ETCPASSWD_ABC.pdf"


def test_unique_adds_a_number_to_a_taken_name() -> None:
    taken: set[str] = set()
    assert unique("20261128_POP_PEETERS_AN.pdf", taken) == "20261128_POP_PEETERS_AN.pdf"
    assert unique("20261128_POP_PEETERS_AN.pdf", taken) == "20261128_POP_PEETERS_AN_2.pdf"
    assert unique("20261128_POP_PEETERS_AN.pdf", taken) == "20261128_POP_PEETERS_AN_3.pdf"
