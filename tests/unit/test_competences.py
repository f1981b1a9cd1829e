"""The competence dictionary: poptui's default, an organisation's own, profiles, scale, linked actions."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from poptui.catalog import load_catalog
from poptui.models import (
    Competence,
    CompetenceDictionary,
    CompetenceKind,
    Employee,
    Organisation,
    PopAction,
    PopDocument,
)
from poptui.services import competences, pop_documents
from poptui.services.pop_rules import check_pop
from poptui.store import Database, StoreError

TECHNICAL = {"Machines bedienen", "Materiaalkennis", "Kwaliteit bewaken"}


@pytest.fixture
def organisation(db: Database) -> Organisation:
    return db.save(Organisation(name="De Werkplaats"))


def test_the_default_dictionary_covers_the_sheet_of_5_6() -> None:
    guide = load_catalog().competence
    source = competences.default_dictionary("o1")
    assert [item.name for item in source.competences] == guide.sample_competences
    assert {item.name for item in source.competences if item.kind is CompetenceKind.TECHNICAL} == TECHNICAL
    assert all(item.kind is not CompetenceKind.OTHER for item in source.competences)
    assert all(3 <= len(item.indicators) <= 5 and item.definition for item in source.competences)
    example = guide.example_competence
    instructies = next(item for item in source.competences if item.name == example.name)
    assert instructies.definition == example.definition and instructies.indicators == example.indicators
    assert [level.label for level in source.scale] == ["lukt nog niet", "lukt soms", "lukt meestal", "lukt altijd"]


def test_a_new_organisation_starts_from_the_default_and_stores_it_on_the_first_change(
    db: Database, organisation: Organisation
) -> None:
    assert [item.id for item in competences.dictionary_of(db, organisation.id)][:2] == [
        "samenwerken",
        "instructies_begrijpen",
    ]
    assert db.list(CompetenceDictionary) == []
    assert competences.dictionary_view(db, organisation.id).is_default
    saved = competences.save_competence(
        db,
        organisation.id,
        name="Hygiënisch werken",
        kind=CompetenceKind.TECHNICAL,
        definition="De medewerker werkt volgens de hygiëneregels van de keuken.",
        indicators="Wast de handen voor het werk\n- Draagt een haarnet\n\nReinigt de werkpost na gebruik",
    )
    assert saved.id == organisation.id and len(saved.competences) == 12
    stored = competences.dictionary(db, organisation.id)
    assert stored.competences[-1].indicators == [
        "Wast de handen voor het werk",
        "Draagt een haarnet",
        "Reinigt de werkpost na gebruik",
    ]
    assert not competences.dictionary_view(db, organisation.id).is_default


def test_a_competence_is_generic_or_technical_with_three_to_five_indicators() -> None:
    good = {"name": "Sorteren", "kind": "technisch", "definition": "Sorteert.", "indicators": ["a", "b", "c"]}
    Competence.model_validate(good)
    for wrong in (
        {**good, "kind": "andere"},
        {**good, "indicators": ["a", "b"]},
        {**good, "indicators": list("abcdef")},
        {**good, "definition": "  "},
        {**good, "name": ""},
    ):
        with pytest.raises(ValidationError):
            Competence.model_validate(wrong)


def test_names_are_unique_and_deleting_takes_a_competence_out_of_the_profiles(
    db: Database, organisation: Organisation
) -> None:
    with pytest.raises(StoreError, match="Er staat al een competentie"):
        competences.save_competence(
            db, organisation.id, name="samenwerken", kind="generiek", definition="x", indicators="a\nb\nc"
        )
    competences.save_profile(db, organisation.id, "Medewerker verpakking", {"samenwerken": 3, "materiaalkennis": None})
    source = competences.dictionary(db, organisation.id)
    profile = competences.profile_for_function(source, "medewerker  VERPAKKING")
    assert profile is not None and [entry.competence_id for entry in profile.entries] == [
        "samenwerken",
        "materiaalkennis",
    ]
    competences.delete_competence(db, organisation.id, "samenwerken")
    source = competences.dictionary(db, organisation.id)
    assert "samenwerken" not in [item.id for item in source.competences]
    assert [entry.competence_id for entry in source.profiles[0].entries] == ["materiaalkennis"]


def test_a_smaller_scale_clears_expected_levels_above_it(db: Database, organisation: Organisation) -> None:
    competences.save_profile(db, organisation.id, "Heftruckchauffeur", {"machines_bedienen": 4, "doorzetten": 2})
    saved = competences.save_scale(db, organisation.id, ["nog niet", "soms", "altijd"])
    assert [level.value for level in saved.scale] == [1, 2, 3]
    assert [entry.expected for entry in saved.profiles[0].entries] == [None, 2]
    with pytest.raises(ValidationError):
        competences.save_scale(db, organisation.id, ["alleen"])


def test_a_linked_action_takes_its_kind_from_the_dictionary(db: Database, organisation: Organisation) -> None:
    employee = db.save(Employee(first_name="Jan", last_name="D'Hondt", organisation_id=organisation.id))
    pop = db.save(PopDocument(employee_id=employee.id, trajectory_id="t1"))
    pop = pop_documents.add_action(
        db,
        pop,
        PopAction(what="Leren werken met de kantenlijmmachine", competence_id="machines_bedienen"),
    )
    [action] = pop.actions
    assert action.kind is CompetenceKind.TECHNICAL and action.competence == "Machines bedienen"
    check = check_pop(pop, date(2026, 1, 1))
    assert check.has_technical and not check.has_generic
    pop = pop_documents.add_action(db, pop, PopAction(what="Hulp vragen", competence_id="communiceren"))
    assert check_pop(pop, date(2026, 1, 1)).rule_ok
    # Re-linking to another competence changes the kind.
    changed = pop.actions[0].model_copy(update={"competence_id": "doorzetten", "kind": CompetenceKind.TECHNICAL})
    pop = pop_documents.replace_action(db, pop, changed)
    assert pop.actions[0].kind is CompetenceKind.GENERIC and pop.actions[0].competence == "Doorzetten"


def test_actions_with_a_free_text_competence_still_load(db: Database) -> None:
    """Actions stored before the dictionary existed: a competence as text, no link."""
    document = {
        "employee_id": "e1",
        "trajectory_id": "t1",
        "actions": [{"what": "Zelf de werkpost klaarzetten", "kind": "generiek", "competence": "Zelfstandigheid"}],
    }
    pop = PopDocument.model_validate(document)
    assert pop.actions[0].competence_id is None and pop.actions[0].competence == "Zelfstandigheid"
    stored = db.save(pop)
    assert db.get(PopDocument, stored.id, employee_id="e1").actions[0].kind is CompetenceKind.GENERIC


def test_an_action_linked_to_a_deleted_competence_keeps_its_name_and_kind() -> None:
    action = PopAction(what="x", competence_id="weg", competence="Oud", kind=CompetenceKind.GENERIC)
    assert competences.linked_action(competences.default_dictionary("o1"), action) == action
