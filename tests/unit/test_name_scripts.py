"""Names in every script (issue 10, point 5): a name key keeps the letters, folding only case and accents.

Before, Cyrillic, Greek, Arabic and Chinese names folded to an empty key, so every such employee
after the first was "dubbel" in an import and refused by the form.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from poptui.models import Employee, Organisation
from poptui.services import directory
from poptui.services.employees import name_key, save_employee
from poptui.services.import_employees import Outcome, prepare_import
from poptui.store import Database
from poptui.text import clean_line, fold_key

# script: (first, last name), the same person written differently, another person
SCRIPTS = {
    "latin": (("Ayşe", "Müller-Özdemir"), ("AYSE", "MULLER OZDEMIR"), ("Ayşe", "Müller-Öztürk")),
    "cyrillic": (("Пётр", "Иванов"), ("ПЕТР", "ИВАНОВ"), ("Павел", "Иванов")),
    "greek": (("Σωκράτης", "Παπαδόπουλος"), ("ΣΩΚΡΑΤΗΣ", "ΠΑΠΑΔΟΠΟΥΛΟΣ"), ("Σωκράτης", "Νικολάου")),
    "arabic": (("مُحَمَّد", "العلي"), ("محمد", "العلي"), ("أحمد", "العلي")),
    "chinese": (("伟", "李"), ("伟", " 李 "), ("伟", "王")),
    "japanese": (("ガク", "山田"), ("ｶﾞｸ", "山田"), ("ハナ", "山田")),
}


@pytest.mark.parametrize("script", SCRIPTS)
def test_name_keys_keep_letters_of_every_script(script: str) -> None:
    (first, last), (same_first, same_last), (other_first, other_last) = SCRIPTS[script]
    assert fold_key(first) and fold_key(last), f"{script}: a key is empty"
    assert name_key(first, last) == name_key(same_first, same_last), "case, accents or width made a difference"
    assert name_key(first, last) != name_key(other_first, other_last), "two different people got the same key"


def test_fold_key_drops_invisible_and_punctuation_but_not_letters() -> None:
    assert fold_key("D'Hondt") == fold_key("D’Hondt") == fold_key("dhondt") == "dhondt"
    assert fold_key("Jan\u200b\u200dPeeters\ufeff") == "janpeeters"
    assert fold_key("Straße") == fold_key("STRASSE") == "strasse"
    assert fold_key("Ørsted") == "orsted"
    assert fold_key("---") == ""


def test_zero_width_characters_are_stripped_from_names() -> None:
    assert clean_line("Jan\u200b Pee\u200dters\ufeff") == "Jan Peeters"
    employee = Employee(first_name="\ufeffAn\u200b", last_name="Claes\u2060", organisation_id="o1")
    assert (employee.first_name, employee.last_name) == ("An", "Claes")


def test_search_finds_names_in_other_scripts(db: Database) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    db.save(Employee(first_name="Пётр", last_name="Иванов", organisation_id=organisation.id))
    db.save(Employee(first_name="李", last_name="伟", organisation_id=organisation.id))
    assert [employee.first_name for employee in directory.employees(db, query="петр")] == ["Пётр"]
    assert [employee.last_name for employee in directory.employees(db, query="伟")] == ["伟"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_form_accepts_a_second_person_in_the_same_script(db: Database, script: str) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    (first, last), (same_first, same_last), (other_first, other_last) = SCRIPTS[script]
    save_employee(db, {"first_name": first, "last_name": last, "organisation_id": organisation.id})
    save_employee(db, {"first_name": other_first, "last_name": other_last, "organisation_id": organisation.id})
    with pytest.raises(ValidationError, match="bestaat al"):
        save_employee(db, {"first_name": same_first, "last_name": same_last, "organisation_id": organisation.id})
    assert len(db.list(Employee)) == 2


def test_an_import_of_names_in_several_scripts_adds_everyone_once(db: Database, tmp_path: Path) -> None:
    organisation = db.save(Organisation(name="Atelier"))
    lines = ["voornaam;achternaam"]
    lines += [
        "Пётр;Иванов",
        "Павел;Иванов",
        "Σωκράτης;Παπαδόπουλος",
        "Ελένη;Παπαδοπούλου",
        "محمد;العلي",
        "أحمد;العلي",
        "伟;李",
        "伟;王",
        "ПЕТР;ИВАНОВ",  # row 10: the same as row 2
        "مُحَمَّد;العلي",  # row 11: the same as row 6 with vowel marks
    ]
    path = tmp_path / "scripts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = prepare_import(db, path, organisation)
    outcomes = [(row.number, row.outcome) for row in result.rows]
    assert outcomes == [(number, Outcome.ADDED) for number in range(2, 10)] + [
        (10, Outcome.DUPLICATE),
        (11, Outcome.DUPLICATE),
    ]
    assert "rij 2" in result.rows[8].reason and "rij 6" in result.rows[9].reason
    result.commit()
    assert len(db.list(Employee)) == 8
    again = prepare_import(db, path, organisation)
    assert {row.outcome for row in again.rows} == {Outcome.DUPLICATE}


def test_name_key_separates_first_and_last_name() -> None:
    assert name_key("Jan", "Peeters") != name_key("Janp", "eeters")
    assert name_key("Jan", "Van den Broeck") == name_key("JAN", "vandenbroeck")
