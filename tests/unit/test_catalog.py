"""The content catalog (data/*.json) against the draaiboek (§3.3, §4.5, §5)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from poptui import catalog as catalog_module
from poptui.catalog import CatalogError, load_catalog
from poptui.catalog_models import METHOD_GOALS
from poptui.models.enums import (
    ActionArea,
    BetweenStepKind,
    CareerCompetence,
    Level,
    MethodKind,
    Phase,
    VariantId,
)

# Every entry of the "Methodieken" columns of the §4.5.3 tables, spelled exactly as
# in the draaiboek (line breaks of the flattened tables joined with one space).
TABLE_METHOD_NAMES = [
    "AI – droomfase",
    "Criteriumgericht interview (op basis van criteria uit KWINT)",
    "HAND-methodiek",
    "Kwaliteitenspel",
    "Vaardighedenspel",
    "Competentiemeting",
    "Zelfinschatting competenties",
    "Zinvolheids- en haalbaarheidsscan",
    "Beslissingsmatrix",
    "Mindmap",
    "SMART",
    "Tijdslijn leggen",
    "Klokwijs: ‘Wie ben ik?’ en ‘Wat kan ik?’",
    "Klokwijs",
    "Praatplaat",
    "Mijn prentenbeeld",
    "Droompagina",
    "Vier op een rij",
]

# Entries of those columns that are activities, not methods: they live in the
# contact moment's description (and collective_possible for the infosessie).
TABLE_NON_METHOD_ENTRIES = [
    "Eventueel collectieve infosessie",
    "Bespreken informatie beschikbaar uit vorige trajecten of ontwikkelgesprekken. Conclusies en aanvullingen.",
]

# Other spellings used in §5 and in the brief.
OTHER_SPELLINGS = {
    "Criteriumgericht/Gestructureerd interview": MethodKind.INTERVIEW,
    "Gestructureerd interview": MethodKind.INTERVIEW,
    "Criteriumgericht interview": MethodKind.INTERVIEW,
    "HAND": MethodKind.HAND,
    "AI": MethodKind.AI_DROOMFASE,
    "ai - droomfase": MethodKind.AI_DROOMFASE,
    "Prentenbeeld": MethodKind.PRENTENBEELD,
    "transpop praatplaat": MethodKind.PRAATPLAAT,
    "Scan zinvolheid en haalbaarheid": MethodKind.SCAN,
    "  klokwijs:  'wie ben ik?' en 'wat kan ik?' ": MethodKind.KLOKWIJS,
}

# §4.5.3 reconstructed: per variant, per contact moment: phase and the table's method entries.
TABLES: dict[VariantId, list[tuple[Phase, list[str]]]] = {
    VariantId.BASIS: [
        (Phase.OPSTART, []),
        (
            Phase.ANALYSE,
            ["AI – droomfase", "Criteriumgericht interview (op basis van criteria uit KWINT)", "HAND-methodiek"],
        ),
        (Phase.ANALYSE, ["Kwaliteitenspel", "Vaardighedenspel", "Competentiemeting", "Zelfinschatting competenties"]),
        (Phase.PLANNING, ["Zinvolheids- en haalbaarheidsscan", "Beslissingsmatrix", "Mindmap"]),
        (Phase.PLANNING, ["SMART", "Tijdslijn leggen"]),
    ],
    VariantId.VARIANT_1: [
        (Phase.OPSTART, []),
        (
            Phase.ANALYSE,
            [
                "Klokwijs: ‘Wie ben ik?’ en ‘Wat kan ik?’",
                "Praatplaat",
                "HAND-methodiek",
                "Mijn prentenbeeld",
                "Competentiemeting",
                "Droompagina",
                "Vier op een rij",
            ],
        ),
        (Phase.PLANNING, ["Droompagina", "Vier op een rij", "Competentiemeting"]),
    ],
    VariantId.VARIANT_2: [
        (Phase.OPSTART, []),
        (
            Phase.ANALYSE,
            ["AI – droomfase", "Criteriumgericht interview (op basis van criteria uit KWINT)", "HAND-methodiek"],
        ),
        (
            Phase.PLANNING,
            ["Zinvolheids- en haalbaarheidsscan", "Beslissingsmatrix", "Mindmap", "SMART", "Tijdslijn leggen"],
        ),
    ],
    VariantId.VARIANT_3: [
        (Phase.OPSTART, []),
        (Phase.ANALYSE, ["Criteriumgericht interview (op basis van criteria uit KWINT)"]),
        (Phase.ANALYSE, ["AI – droomfase"]),
        (Phase.ANALYSE, ["Kwaliteitenspel", "Vaardighedenspel", "Competentiemeting", "Zelfinschatting competenties"]),
        (Phase.PLANNING, ["Zinvolheids- en haalbaarheidsscan", "Beslissingsmatrix", "Mindmap"]),
        (Phase.PLANNING, ["SMART", "Tijdslijn leggen"]),
    ],
    VariantId.VARIANT_4: [
        (Phase.OPSTART, []),
        (Phase.ANALYSE, ["HAND-methodiek", "Klokwijs", "Mijn prentenbeeld"]),
        (Phase.ANALYSE, ["Droompagina", "Praatplaat"]),
        (Phase.ANALYSE, ["Zelfinschatting competenties", "Vier op een rij"]),
        (Phase.PLANNING, ["Competentiemeting", "Vier op een rij"]),
        (Phase.PLANNING, ["Tijdslijn leggen"]),
    ],
}

# §4.5.1
CHARACTERISTICS = {
    VariantId.BASIS: ("Basistraject", Level.MEDIUM, Level.MEDIUM, 4),
    VariantId.VARIANT_1: ("Variant 1", Level.LOW, Level.LOW, 2),
    VariantId.VARIANT_2: ("Variant 2", Level.HIGH, Level.LOW, 2),
    VariantId.VARIANT_3: ("Variant 3", Level.HIGH, Level.HIGH, 5),
    VariantId.VARIANT_4: ("Variant 4", Level.LOW, Level.HIGH, 5),
}

# §4.5.3: the in-between steps after contact moment n.
BETWEEN = {
    VariantId.BASIS: {1: [BetweenStepKind.SUPERVISOR_CONSULTATION]},
    VariantId.VARIANT_1: {
        0: [BetweenStepKind.HOMEWORK, BetweenStepKind.SUPERVISOR_CONSULTATION],
        1: [BetweenStepKind.HOMEWORK],
    },
    VariantId.VARIANT_2: {
        0: [BetweenStepKind.HOMEWORK, BetweenStepKind.SUPERVISOR_CONSULTATION],
        1: [BetweenStepKind.HOMEWORK],
    },
    VariantId.VARIANT_3: {2: [BetweenStepKind.SUPERVISOR_CONSULTATION]},
    VariantId.VARIANT_4: {2: [BetweenStepKind.SUPERVISOR_CONSULTATION]},
}

OWN_GUIDANCE = {MethodKind.BESLISSINGSMATRIX, MethodKind.MINDMAP, MethodKind.TIJDSLIJN}
DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_catalog_loads_once(catalog):
    assert load_catalog() is catalog
    assert set(catalog.variants) == set(VariantId)


@pytest.mark.parametrize("variant_id", list(VariantId))
def test_variant_characteristics(catalog, variant_id):
    name, reflection, intensity, moments = CHARACTERISTICS[variant_id]
    variant = catalog.variants[variant_id]
    assert variant.id is variant_id
    assert variant.name == name
    assert (variant.reflection, variant.intensity) == (reflection, intensity)
    assert variant.moments_after_opstart == moments
    assert catalog.variant_for(reflection, intensity) is variant


@pytest.mark.parametrize("variant_id", list(VariantId))
def test_contact_moment_zero_is_collective_opstart(catalog, variant_id):
    moments = catalog.variants[variant_id].contact_moments
    assert moments[0].number == 0
    assert moments[0].phase is Phase.OPSTART
    assert moments[0].collective_possible
    assert all(not cm.collective_possible for cm in moments[1:])
    assert "infosessie" in moments[0].description


@pytest.mark.parametrize("name", TABLE_METHOD_NAMES)
def test_every_table_method_name_resolves(catalog, name):
    guide = catalog.method_by_name(name)
    assert guide is not None, name
    assert guide.id in catalog.methods


@pytest.mark.parametrize("name", TABLE_NON_METHOD_ENTRIES)
def test_table_activities_are_not_methods(catalog, name):
    assert catalog.method_by_name(name) is None


@pytest.mark.parametrize(("name", "kind"), list(OTHER_SPELLINGS.items()))
def test_other_spellings_resolve(catalog, name, kind):
    guide = catalog.method_by_name(name)
    assert guide is not None and guide.id is kind


def test_unknown_name_does_not_resolve(catalog):
    assert catalog.method_by_name("Tarotkaarten") is None


@pytest.mark.parametrize("variant_id", list(VariantId))
def test_contact_moments_match_the_tables(catalog, variant_id):
    moments = catalog.variants[variant_id].contact_moments
    table = TABLES[variant_id]
    assert len(moments) == len(table)
    for cm, (phase, names) in zip(moments, table, strict=True):
        assert cm.phase is phase, (variant_id, cm.number)
        expected = {catalog.method_by_name(n).id for n in names}
        assert set(cm.methods) == expected, (variant_id, cm.number)
        assert cm.goals and cm.description


@pytest.mark.parametrize("variant_id", list(VariantId))
def test_between_steps_match_the_tables(catalog, variant_id):
    for cm in catalog.variants[variant_id].contact_moments:
        kinds = [step.kind for step in cm.between_steps]
        assert kinds == BETWEEN[variant_id].get(cm.number, []), (variant_id, cm.number)
        assert all(step.description for step in cm.between_steps)


def test_variant_1_homework_is_the_droompagina(catalog):
    step = catalog.variants[VariantId.VARIANT_1].contact_moments[1].between_steps[0]
    assert step.methods == [MethodKind.DROOMPAGINA]


def test_goals_follow_section_4_5_2(catalog):
    goals = {vid: [cm.goals for cm in v.contact_moments[1:]] for vid, v in catalog.variants.items()}
    assert goals[VariantId.BASIS][0] == ["Wie ben ik?", "Wat wil ik?"]
    assert goals[VariantId.BASIS][1] == ["Wat kan ik?"]
    assert goals[VariantId.BASIS][3] == ["Wat is mijn concreet actieplan?"]
    for vid in (VariantId.VARIANT_1, VariantId.VARIANT_2):
        assert goals[vid][0] == ["Wie ben ik?", "Wat wil ik?", "Wat kan ik?"]
        assert "Wat is mijn concreet actieplan?" in goals[vid][1]
    for vid in (VariantId.VARIANT_3, VariantId.VARIANT_4):
        assert [g[0] for g in goals[vid][:3]] == ["Wie ben ik?", "Wat wil ik?", "Wat kan ik?"]
        assert "Wat zijn mijn opties?" in goals[vid][3]
        assert goals[vid][4] == ["Wat is mijn concreet actieplan?"]


def test_every_variant_method_has_a_guide_serving_that_phase(catalog):
    for variant in catalog.variants.values():
        for cm in variant.contact_moments:
            kinds = list(cm.methods) + [k for step in cm.between_steps for k in step.methods]
            for kind in kinds:
                assert kind in catalog.methods
            for kind in cm.methods:
                assert cm.phase in catalog.methods[kind].phases, (variant.id, cm.number, kind)


def test_all_method_kinds_have_a_guide(catalog):
    assert set(catalog.methods) == set(MethodKind)
    assert len(catalog.methods) == 16


@pytest.mark.parametrize("kind", list(MethodKind))
def test_method_guidance_is_complete(catalog, kind):
    guide = catalog.methods[kind]
    assert guide.id is kind
    assert catalog.method_by_name(guide.name) is guide
    assert guide.guidance.doel.strip()
    assert guide.guidance.doelgroep.strip()
    assert guide.guidance.tijdsduur.strip()
    assert guide.guidance.werkwijze and all(step.strip() for step in guide.guidance.werkwijze)
    assert set(guide.goals) <= set(METHOD_GOALS)
    assert guide.own_guidance is (kind in OWN_GUIDANCE)
    assert guide.section == "4.5.3" if kind in OWN_GUIDANCE else guide.section.startswith("5.")


def test_method_sections_are_5_1_to_5_13(catalog):
    sections = sorted(
        (g.section for g in catalog.methods.values() if not g.own_guidance),
        key=lambda s: int(s.split(".")[1]),
    )
    assert sections == [f"5.{i}" for i in range(1, 14)]


def test_levels_explain_every_level(catalog):
    levels = catalog.levels
    assert "reflectievermogen" in levels.reflection_explanation.lower()
    assert "contactmomenten" in levels.intensity_explanation
    assert set(levels.reflection_levels) == set(Level)
    assert set(levels.intensity_levels) == set(Level)


def test_scan(catalog):
    scan = catalog.scan
    assert [d.name for d in scan.domains] == [
        "Realistisch jobdoelwit",
        "Arbeidsmarktoriëntatie",
        "Energie/motivatie",
        "Randvoorwaarden",
        "Arbeidsprestaties en tekorten (competenties)",
        "Zelfredzaamheid op de werkvloer (arbeidsattitudes)",
        "Sollicitatievaardigheden",
    ]
    assert scan.domains[0].heading == "Ik werk aan een realistisch doelwit"
    assert [s.value for s in scan.scores] == [10, 5, 1]
    assert scan.max_actions_per_domain == 10
    template = scan.action_template
    assert [f.key for f in template.fields] == [
        "specifiek",
        "meten",
        "hulpbronnen",
        "hulpmiddelen",
        "aanvaardbaar",
        "haalbaar",
        "tijdsplanning",
    ]
    assert {a.id for a in template.areas} == set(ActionArea)


def test_smart(catalog):
    smart = catalog.smart
    assert [c.id for c in smart.career_competences] == list(CareerCompetence)
    assert (smart.max_challenges, smart.max_actions_per_challenge) == (4, 10)
    assert len(smart.coaching_questions) == 7
    assert [s.value for s in smart.scores] == [10, 5, 1]
    assert [s.text for s in smart.plan_questions[1].sub] == ["Analyse", "Droom", "Ontwerp", "Actie"]
    assert smart.action_template == catalog.scan.action_template


def test_startup(catalog):
    sections = catalog.startup.sections
    assert [s.number for s in sections] == ["3.3.1", "3.3.2", "3.3.3", "3.3.4", "3.3.5"]
    hr, actors = sections[1].groups
    assert len(hr.questions) == 6 and len(actors.questions) == 4
    individual, support = sections[2].groups
    assert len(individual.questions) == 4 and len(support.questions) == 6
    assert len(catalog.startup.objectives) == 4


def test_interview(catalog):
    interview = catalog.interview
    assert [t.number for t in interview.themes] == list(range(1, 9))
    # The draaiboek's list of theme 3 has 22 items.
    assert len(interview.motivation_checklist) == 22
    assert len(interview.energy_signs) == 5
    assert len(interview.attitudes) == 6
    assert all(sorted(a.levels) == [1, 2, 3, 4] for a in interview.attitudes)
    assert [e.number for e in interview.empowerment] == [1, 2, 3]
    assert interview.themes[7].title == "Toekomst"


def test_hand_klokwijs_praatplaat(catalog):
    assert [f.id for f in catalog.hand.fingers] == ["duim", "wijsvinger", "middelvinger", "ringvinger", "pink"]
    assert [p.id for p in catalog.klokwijs.parts] == ["wie_ben_ik", "wat_wil_ik", "wat_kan_ik"]
    praatplaat = catalog.praatplaat
    ids = [c.id for c in praatplaat.conditions]
    assert len(ids) == 28 and len(set(ids)) == 28
    assert [f.id for f in praatplaat.focus_options] == ["vast_werk_nec", "vast_werk_bw", "opleiding"]
    assert len(praatplaat.motivation_options) == 7


def test_competence_and_ai(catalog):
    assert len(catalog.competence.sample_competences) == 11
    assert len(catalog.competence.pitfalls) == 12
    assert len(catalog.ai.story_questions) == 8
    assert len(catalog.ai.dream_summary) == 3


def test_no_placeholders_in_content():
    for path in sorted(DATA_DIR.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        for marker in ("TODO", "TBD", "XXX", "...", "lorem"):
            assert marker not in text, (path.name, marker)


def test_broken_file_names_the_file(tmp_path, monkeypatch):
    for path in DATA_DIR.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(catalog_module, "_data_root", lambda: tmp_path)
    loader = load_catalog.__wrapped__

    (tmp_path / "hand.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CatalogError, match="hand.json"):
        loader()

    shutil.copy(DATA_DIR / "hand.json", tmp_path / "hand.json")
    methods = json.loads((DATA_DIR / "methods.json").read_text(encoding="utf-8"))
    methods["methods"][0]["unexpected"] = True
    (tmp_path / "methods.json").write_text(json.dumps(methods), encoding="utf-8")
    with pytest.raises(CatalogError, match="methods.json"):
        loader()

    methods["methods"] = methods["methods"][1:]
    (tmp_path / "methods.json").write_text(json.dumps(methods), encoding="utf-8")
    with pytest.raises(CatalogError, match="method guides missing"):
        loader()


def test_catalog_does_not_import_textual():
    code = "import sys; import poptui.catalog; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
