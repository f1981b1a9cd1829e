"""The one file-name rule: JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from poptui.export.file_names import (
    attendance_file_name,
    consent_file_name,
    hours_file_name,
    name_part,
    person_token,
    pop_file_name,
    unique,
    worksheet_file_name,
)
from poptui.models import Employee, Organisation
from poptui.store import Database

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


@pytest.mark.parametrize(
    ("last", "first", "expected"),
    [
        ("Иванов", "Пётр", "20261128_POP_IVANOV_PETR.pdf"),
        ("Щукина", "Юлия", "20261128_POP_SHCHUKINA_IULIIA.pdf"),
        ("Шевченко", "Олександр", "20261128_POP_SHEVCHENKO_OLEKSANDR.pdf"),
        ("Παπαδόπουλος", "Σωκράτης", "20261128_POP_PAPADOPOULOS_SOKRATIS.pdf"),
        ("Χατζηδάκη", "Ελένη", "20261128_POP_CHATZIDAKI_ELENI.pdf"),
    ],
)
def test_cyrillic_and_greek_names_are_transliterated(last: str, first: str, expected: str) -> None:
    assert pop_file_name(DAY, last, first, "e1") == expected


@pytest.mark.parametrize(("last", "first"), [("العلي", "محمد"), ("李", "伟"), ("山田", "花子"), ("김", "민준")])
def test_names_without_latin_letters_get_a_stable_token_per_person(last: str, first: str) -> None:
    one = pop_file_name(DAY, last, first, "0f3a9c2e7b1d4e5f8a6b9c0d1e2f3a4b")
    other = pop_file_name(DAY, last, first, "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d")
    assert one != other  # two people with the same name never share a file
    assert one == pop_file_name(DAY, last, first, "0f3a9c2e7b1d4e5f8a6b9c0d1e2f3a4b")  # the same person: the same
    assert re.fullmatch(r"20261128_POP_P[0-9A-F]{8}\.pdf", one), one  # one token, not the same token twice


def test_a_half_foldable_name_keeps_the_latin_part() -> None:
    token = person_token("e1")
    assert pop_file_name(DAY, "李", "Wei", "e1") == f"20261128_POP_{token}_WEI.pdf"
    assert pop_file_name(DAY, "Wang", "伟", "e1") == f"20261128_POP_WANG_{token}.pdf"
    assert consent_file_name(DAY, "李", "伟", "e1") == f"20261128_TOESTEMMING_{token}.pdf"
    assert hours_file_name(DAY, "معمل", "o1") == f"20261128_UREN_{person_token('o1')}.pdf"


def test_exports_name_an_unfoldable_employee_by_their_id(db: Database, tmp_path: Path) -> None:
    from poptui.services import forms

    employees = [
        db.save(Employee(first_name="伟", last_name="李", organisation_id=db.save(Organisation(name=name)).id))
        for name in ("Atelier", "Kringwinkel")
    ]
    paths = [forms.export_consent(db, employee.id, tmp_path) for employee in employees]
    assert paths[0] != paths[1] and all(path.exists() for path in paths)
    for path, employee in zip(paths, employees, strict=True):
        assert path.name.endswith(f"_TOESTEMMING_{person_token(employee.id)}.pdf"), path.name
