"""Typed models of the content catalog (the files in ``data/``).

Every model forbids unknown keys and is frozen: the catalog is loaded once and
shared by every screen, so nobody may change it in place. Field names are
English; the texts they carry are Dutch, taken from the POP-draaiboek (the
section is named in each docstring). Texts that poptui wrote itself because
the draaiboek names something without describing it are flagged with an
``own_*`` boolean.

This module must not import textual.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from poptui.models.cards import DeckCard, DeckKind
from poptui.models.enums import (
    ActionArea,
    BetweenStepKind,
    CareerCompetence,
    CompetenceKind,
    ComplianceProblem,
    Level,
    MethodKind,
    Phase,
    SummaryPart,
    VariantId,
)

# The analysis and planning questions of the POP cycle (§2.1.1, §4.5.2) that a
# method can serve. Contact moments may carry other goals (opstart topics,
# "Samenvatting en conclusies van de analysefase").
METHOD_GOALS: tuple[str, ...] = (
    "Wie ben ik?",
    "Wat wil ik?",
    "Wat kan ik?",
    "Wat zijn mijn opties?",
    "Wat zijn verschillende ontwikkelmogelijkheden?",
    "Wat is mijn concreet actieplan?",
)


class CatalogModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StepInfo(CatalogModel):
    """A step of a method's werkwijze as its screen shows it (a tab): ``title`` on the tab, and
    ``part``, the part of the POP summary a conclusion drawn in that step starts on (poptui's own
    proposal; the coach picks another part in the conclusion dialog)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1, max_length=24)
    part: SummaryPart | None = None


def _check_steps(steps: list[StepInfo], required: set[str], method: str) -> None:
    ids = [step.id for step in steps]
    if len(ids) != len(set(ids)) or not required <= set(ids):
        raise ValueError(f"{method}: the steps need unique ids, at least {sorted(required)}")


class Prompt(CatalogModel):
    """A question or instruction, with optional sub-questions or answer options (``sub``)
    and an optional hint for the coach (``note``). ``id`` names a question whose answer is
    stored (a method record keeps answers by it, so it never changes once used)."""

    id: str = ""
    text: str = Field(min_length=1)
    sub: list[Prompt] = []
    note: str = ""


# --- variants (§4.5) -----------------------------------------------------------


class BetweenStep(CatalogModel):
    """What happens after a contact moment and before the next one (§4.5.3).

    ``methods`` names the method to use when the step is one (the homework
    "Droompagina" of Variant 1)."""

    kind: BetweenStepKind
    description: str = Field(min_length=1)
    methods: list[MethodKind] = []


class ContactMomentTemplate(CatalogModel):
    """One row of a §4.5.3 table: contact moment ``number`` (0 = opstart)."""

    number: int = Field(ge=0)
    phase: Phase
    goals: list[str] = Field(min_length=1)
    methods: list[MethodKind] = []
    collective_possible: bool = False
    description: str = Field(min_length=1)
    between_steps: list[BetweenStep] = []

    @field_validator("methods")
    @classmethod
    def _unique_methods(cls, value: list[MethodKind]) -> list[MethodKind]:
        if len(set(value)) != len(value):
            raise ValueError("a method is listed twice")
        return value


class Variant(CatalogModel):
    """A standard trajectory of §4.5.1 with its contact moments (§4.5.2, §4.5.3)."""

    id: VariantId
    name: str = Field(min_length=1)
    reflection: Level
    intensity: Level
    description: str = Field(min_length=1)
    contact_moments: list[ContactMomentTemplate] = Field(min_length=2)

    @model_validator(mode="after")
    def _numbered_from_opstart(self) -> Variant:
        numbers = [cm.number for cm in self.contact_moments]
        if numbers != list(range(len(numbers))):
            raise ValueError(f"contact moments must be numbered 0..n in order, got {numbers}")
        if self.contact_moments[0].phase is not Phase.OPSTART:
            raise ValueError("contact moment 0 must be the opstart")
        return self

    @property
    def moments_after_opstart(self) -> int:
        """Number of contact moments after contact moment 0 (the "Contactmomenten" of §4.5.1)."""
        return len(self.contact_moments) - 1


class VariantsFile(CatalogModel):
    """``variants.json``."""

    variants: list[Variant]


class LevelGuide(CatalogModel):
    """``levels.json``: the two dimensions that choose a variant (§4.5), for the wizard.

    ``intro`` is the §4.5 text on variants being a starting point (maatwerk)."""

    intro: str
    reflection_explanation: str
    intensity_explanation: str
    reflection_levels: dict[Level, str]
    intensity_levels: dict[Level, str]

    @model_validator(mode="after")
    def _all_levels(self) -> LevelGuide:
        for name in ("reflection_levels", "intensity_levels"):
            if set(getattr(self, name)) != set(Level):
                raise ValueError(f"{name} must describe every level {[lv.value for lv in Level]}")
        return self


# --- methods (§5) --------------------------------------------------------------


class Guidance(CatalogModel):
    """The B/C/D parts of a §5 method: Doel, Doelgroep, Tijdsduur, Middelen, Werkwijze
    (one string per step, in order) and Aandachtspunten."""

    doel: str = Field(min_length=1)
    doelgroep: str = Field(min_length=1)
    tijdsduur: str = Field(min_length=1)
    middelen: list[str] = []
    werkwijze: list[str] = Field(min_length=1)
    aandachtspunten: list[str] = []


class MethodGuide(CatalogModel):
    """A method of §5 (or a planning tool named in §4.5.3, then ``own_guidance`` is true:
    the guidance was written for poptui, not taken from the draaiboek).

    ``aliases`` are other spellings of the name, among them every spelling used in
    the §4.5.3 tables; :meth:`Catalog.method_by_name` matches on them.

    ``worksheet`` names the method's own blank A4 worksheet (one of
    ``poptui.export.worksheets_pdf.WORKSHEETS``); empty: the general method sheet
    (goal, way of working, room for notes and conclusions)."""

    id: MethodKind
    name: str = Field(min_length=1)
    section: str = Field(min_length=1)
    phases: list[Phase] = Field(min_length=1)
    goals: list[str] = Field(min_length=1)
    aliases: list[str] = []
    guidance: Guidance
    own_guidance: bool = False
    worksheet: str = ""

    @field_validator("goals")
    @classmethod
    def _known_goals(cls, value: list[str]) -> list[str]:
        unknown = [g for g in value if g not in METHOD_GOALS]
        if unknown:
            raise ValueError(f"unknown goals {unknown}; allowed: {list(METHOD_GOALS)}")
        return value


class MethodsFile(CatalogModel):
    """``methods.json``."""

    methods: list[MethodGuide]


# --- action plan template shared by the scan (§5.7) and SMART (§5.8) -----------

ActionFieldKey = Literal[
    "specifiek", "meten", "hulpbronnen", "hulpmiddelen", "aanvaardbaar", "haalbaar", "tijdsplanning"
]


class ActionField(CatalogModel):
    """One column of the action-plan sheet: ``label`` is the SMART letter question
    ("Specifieke actie?"), ``prompt`` the sentence the employee completes."""

    key: ActionFieldKey
    label: str
    prompt: str


class AreaOption(CatalogModel):
    """One "Deze actie heeft betrekking op" box."""

    id: ActionArea
    label: str


class ActionTemplate(CatalogModel):
    """The SMART action sheet of §5.7 stap 4 and §5.8 stap 4."""

    fields: list[ActionField]
    area_question: str
    areas: list[AreaOption]

    @model_validator(mode="after")
    def _complete(self) -> ActionTemplate:
        if sorted(f.key for f in self.fields) != sorted(get_args(ActionFieldKey)):
            raise ValueError("action template must have each SMART field exactly once")
        if sorted(a.id for a in self.areas) != sorted(ActionArea):
            raise ValueError("action template must list each ActionArea exactly once")
        return self


class ScoreOption(CatalogModel):
    """A score value with its meaning for zinvol (ZV) and haalbaar (HB)."""

    value: int
    meaningful: str
    feasible: str


class ScanDomain(CatalogModel):
    """A domain of the scan (§5.7). ``heading`` is the line above the action list
    ("Ik werk aan een realistisch doelwit"; the draaiboek gives it for domain 1 only);
    ``help`` explains what belongs in it, linked to the matching theme of the
    criteriumgericht interview (``interview_theme``). Headings 2-7 and the help
    texts are poptui's own (``own_help``)."""

    number: int
    name: str
    heading: str
    help: str
    interview_theme: int | None = None
    own_help: bool = True


class ScanGuide(CatalogModel):
    """``scan.json``: Zinvolheids- en haalbaarheidsscan (§5.7)."""

    intro: str
    domains: list[ScanDomain] = Field(min_length=7, max_length=7)
    max_actions_per_domain: int
    scoring_instruction: str
    scores: list[ScoreOption]
    raters: list[str]
    compare_instruction: str
    action_template: ActionTemplate
    note: str


# --- SMART (§5.8) --------------------------------------------------------------


class CareerCompetenceInfo(CatalogModel):
    """A career competence under which final SMART actions are grouped (§5.8 stap 4).
    The draaiboek only names them; ``explanation`` is poptui's own text."""

    id: CareerCompetence
    label: str
    heading: str
    explanation: str
    own_explanation: bool = True


class SmartGuide(CatalogModel):
    """``smart.json``: SMART (§5.8).

    ``plan_questions`` are the two questions of stap 2 (the second one with the
    Analyse / Droom / Ontwerp / Actie route as ``sub``); ``coaching_questions`` are
    part D."""

    intro: str
    plan_questions: list[Prompt]
    max_challenges: int
    max_actions_per_challenge: int
    challenge_label: str
    scoring_instruction: str
    scores: list[ScoreOption]
    total_explanation: str
    career_competences: list[CareerCompetenceInfo]
    action_template: ActionTemplate
    coaching_intro: str
    coaching_questions: list[str]

    @model_validator(mode="after")
    def _all_competences(self) -> SmartGuide:
        if sorted(c.id for c in self.career_competences) != sorted(CareerCompetence):
            raise ValueError("career_competences must list each CareerCompetence once")
        return self


# --- start-up analysis (§3.3) --------------------------------------------------


class StartupQuestion(CatalogModel):
    """A question of the start-up analysis; ``id`` is stable ("3.3.2.3").
    ``own_wording`` marks questions poptui phrased from the draaiboek's prose."""

    id: str
    text: str
    sub_questions: list[str] = []
    own_wording: bool = False


class StartupGroup(CatalogModel):
    title: str
    questions: list[StartupQuestion]


class WhatIf(CatalogModel):
    """One "Wat als…?" of §3.3.4: the question put to the organisation and the draaiboek's answer."""

    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)


class StartupSection(CatalogModel):
    """A step of §3.3 (3.3.1 … 3.3.5): its explanation (paragraphs split by a blank line), the
    "Wat als…?" argument of §3.3.4 with what the draaiboek says after it, and its questions.
    The explanation is shown above the step's questions on screen and on paper."""

    number: str
    title: str
    explanation: str = Field(min_length=1)
    what_if: list[WhatIf] = []
    explanation_after: str = ""
    groups: list[StartupGroup]

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.explanation.split("\n\n") if part.strip()]

    @property
    def paragraphs_after(self) -> list[str]:
        return [part.strip() for part in self.explanation_after.split("\n\n") if part.strip()]


class StartupGuide(CatalogModel):
    """``startup.json``: the start-up analysis per organisation (§3.3)."""

    intro: str
    objectives: list[str]
    sections: list[StartupSection]

    @model_validator(mode="after")
    def _unique_ids(self) -> StartupGuide:
        ids = [q.id for s in self.sections for g in s.groups for q in g.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("startup question ids must be unique")
        return self


# --- criteriumgericht interview (§5.2) -----------------------------------------


class InterviewTheme(CatalogModel):
    """A theme of stap 1 with the questions of stap 2. Theme 3 also uses
    :attr:`InterviewGuide.motivation_checklist`, theme 6 is answered with
    :attr:`InterviewGuide.attitudes`, theme 7 with :attr:`InterviewGuide.empowerment`."""

    number: int
    title: str
    short: str = Field(min_length=1, max_length=14)
    """The theme's name on a tab."""
    part: SummaryPart
    """The part of the POP summary a conclusion drawn in this theme starts on."""
    summary: str
    questions: list[Prompt] = []


class Attitude(CatalogModel):
    """A work attitude of theme 6, rated 1-4 by the employee (``levels``: score -> statement)."""

    id: str
    name: str
    example: str = ""
    levels: dict[int, str]

    @field_validator("levels")
    @classmethod
    def _one_to_four(cls, value: dict[int, str]) -> dict[int, str]:
        if sorted(value) != [1, 2, 3, 4]:
            raise ValueError("attitude levels must be exactly 1, 2, 3 and 4")
        return value


class EmpowermentPart(CatalogModel):
    """A sub-part of a theme 7 question (a = first contact, b = already known ...).
    ``observation_points`` are what the coach watches for (non-verbal, verbal); the coach's
    observations of a part are stored under ``<id>_obs``."""

    id: str
    label: str
    title: str
    questions: list[Prompt]
    observation_points: list[str] = []
    note: str = ""


class EmpowermentQuestion(CatalogModel):
    number: int
    question: str
    parts: list[EmpowermentPart]


class ThemeSuggestions(CatalogModel):
    """Which themes the screen proposes (poptui's own rule, ``note`` says so): those for the
    trajectory's reflection ability, plus those of its variant."""

    note: str
    by_reflection: dict[str, list[int]]
    by_variant: dict[str, list[int]] = {}

    def themes(self, reflection: str, variant: str) -> list[int]:
        return sorted(set(self.by_reflection.get(reflection, [])) | set(self.by_variant.get(variant, [])))


class InterviewGuide(CatalogModel):
    """``interview.json``: the criteriumgericht/gestructureerd interview (§5.2). Every question
    has an ``id``; theme 4's ids are the interview record's own (consent-gated) fields."""

    intro: str
    themes: list[InterviewTheme] = Field(min_length=8, max_length=8)
    energy_signs: list[str]
    motivation_question: str
    motivation_checklist: list[str]
    attitude_intro: str
    attitudes: list[Attitude]
    empowerment: list[EmpowermentQuestion]
    suggested_themes: ThemeSuggestions
    steps: list[StepInfo]
    """The tabs around the themes: stap 1 (choosing the themes) and the overview of every answer."""

    def theme(self, number: int) -> InterviewTheme:
        return next(theme for theme in self.themes if theme.number == number)

    @model_validator(mode="after")
    def _ids(self) -> InterviewGuide:
        ids = [q.id for t in self.themes for q in t.questions]
        ids += [q.id for e in self.empowerment for part in e.parts for q in part.questions]
        ids += [f"{part.id}_obs" for e in self.empowerment for part in e.parts]
        if not all(ids) or len(ids) != len(set(ids)):
            raise ValueError("every interview question needs a unique id")
        if sorted(theme.number for theme in self.themes) != list(range(1, 9)):
            raise ValueError("the interview has themes 1 to 8")
        _check_steps(self.steps, {"themas", "overzicht"}, "interview")
        return self


# --- HAND, Klokwijs, Praatplaat ------------------------------------------------

FingerId = Literal["duim", "wijsvinger", "middelvinger", "ringvinger", "pink"]


class Finger(CatalogModel):
    """A finger of the HAND-methodiek: ``question`` is asked by the coach,
    ``sheet_label`` is the first-person line of the worksheet."""

    id: FingerId
    name: str
    question: str
    sheet_label: str
    part: SummaryPart
    """The part of the POP summary a conclusion drawn at this finger starts on."""


class HandGuide(CatalogModel):
    """``hand.json``: HAND-methodiek (§5.3)."""

    instruction: str
    fingers: list[Finger] = Field(min_length=5, max_length=5)
    tip: str


class KlokwijsPart(CatalogModel):
    """A step of Klokwijs (§5.9): Wie ben ik? / Wat wil ik? / Wat kan ik?"""

    id: Literal["wie_ben_ik", "wat_wil_ik", "wat_kan_ik"]
    title: str
    intro: str
    questions: list[Prompt]
    closing_question: str = ""


class KlokwijsGuide(CatalogModel):
    """``klokwijs.json``. ``moment_prompts`` are poptui's own columns for each hour
    set on the clock (``own_moment_prompts``): what, with whom, how it feels.
    ``day_suggestions`` name the days a coach records ("is every day like this?")."""

    introduction: list[str]
    moment_prompts: list[str] = Field(min_length=3, max_length=3)
    own_moment_prompts: bool = True
    parts: list[KlokwijsPart] = Field(min_length=3, max_length=3)
    visual_aids: list[str]
    day_suggestions: list[str] = Field(min_length=1)
    steps: list[StepInfo]
    """The werkwijze's steps as tabs: the introduction, the day on the clock, and the three parts."""

    @model_validator(mode="after")
    def _ids(self) -> KlokwijsGuide:
        ids = [q.id for part in self.parts for q in part.questions]
        if not all(ids) or len(ids) != len(set(ids)):
            raise ValueError("every Klokwijs question needs a unique id")
        _check_steps(self.steps, {"inleiding", "dag", *(part.id for part in self.parts)}, "klokwijs")
        return self


class Choice(CatalogModel):
    """A selectable option with a stable ``id`` and its Dutch ``label``."""

    id: str
    label: str


class ConditionGroup(CatalogModel):
    """A group of working conditions (grouping and group titles are poptui's own)."""

    title: str
    items: list[Choice]


class PraatplaatGuide(CatalogModel):
    """``praatplaat.json``: Praatplaat 'Dromen over werk' (§5.13, stap 2)."""

    instruction: str
    focus_question: str
    focus_options: list[Choice]
    motivation_question: str
    motivation_options: list[Choice]
    preferred_tasks_question: str
    conditions_question: str
    condition_groups: list[ConditionGroup]
    homework_note: str
    steps: list[StepInfo]
    """Stap 1 (the plate: dream job and working conditions) and stap 2 (talking it through)."""

    @model_validator(mode="after")
    def _steps(self) -> PraatplaatGuide:
        _check_steps(self.steps, {"praatplaat", "bespreken"}, "praatplaat")
        return self

    @property
    def conditions(self) -> list[Choice]:
        """All working-condition items, in draaiboek order."""
        return [item for group in self.condition_groups for item in group.items]


# --- competence measurement (§5.6) and AI (§5.1) -------------------------------


class Pitfall(CatalogModel):
    """A rater pitfall of §5.6 D."""

    id: str
    name: str
    explanation: str


class CompetenceDefinition(CatalogModel):
    """A competence with its definition and behaviour indicators (gedragsindicatoren)."""

    name: str
    definition: str
    indicators: list[str]


class DictionaryCompetence(CompetenceDefinition):
    """A competence of poptui's default dictionary: generic or technical (§2.2.3), with a stable id
    (measurements and actions refer to it before an organisation stores its own dictionary)."""

    id: str = Field(pattern=r"^[a-z0-9_]{1,64}$")
    kind: CompetenceKind
    indicators: list[str] = Field(min_length=3, max_length=5)

    @field_validator("kind")
    @classmethod
    def _generic_or_technical(cls, kind: CompetenceKind) -> CompetenceKind:
        if kind is CompetenceKind.OTHER:
            raise ValueError("a dictionary competence is generiek or technisch")
        return kind


class ScaleStep(CatalogModel):
    """A level of the default rating scale (§5.6 'blad met inschaling')."""

    value: int = Field(ge=1, le=9)
    label: str = Field(min_length=1)


class CompetenceGuide(CatalogModel):
    """``competence.json``: §5.6 — the sample competences of the assessment sheet,
    the dictionaries the draaiboek suggests, the self-rating questions and the
    rater pitfalls. ``example_competence`` is the worked example of §2.2.1.

    ``default_dictionary`` is the dictionary a new organisation starts from: the eleven
    competences of the §5.6 sheet, written for poptui in the style of §2.2.1's example;
    ``default_scale`` the four labelled levels it is rated on."""

    sample_competences: list[str]
    dictionaries: list[str]
    self_rating_steps: list[str]
    example_competence: CompetenceDefinition
    default_scale: list[ScaleStep] = Field(min_length=2, max_length=9)
    default_dictionary: list[DictionaryCompetence] = Field(min_length=1)
    pitfalls_intro: str
    pitfalls: list[Pitfall]

    @model_validator(mode="after")
    def _complete(self) -> CompetenceGuide:
        if [step.value for step in self.default_scale] != list(range(1, len(self.default_scale) + 1)):
            raise ValueError("default_scale must number its levels 1, 2, 3 ...")
        names = [competence.name for competence in self.default_dictionary]
        if names != self.sample_competences:
            raise ValueError("default_dictionary must hold the sample competences, in their order")
        ids = [competence.id for competence in self.default_dictionary]
        if len(set(ids)) != len(ids):
            raise ValueError("default_dictionary ids must be unique")
        return self

    def pitfall(self, pitfall_id: str) -> Pitfall:
        """The pitfall with this id (KeyError when unknown)."""
        for pitfall in self.pitfalls:
            if pitfall.id == pitfall_id:
                return pitfall
        raise KeyError(pitfall_id)


class AiGuide(CatalogModel):
    """``ai.json``: the question lists of AI – droomfase (§5.1)."""

    story_intro: str
    story_examples: list[str]
    story_questions: list[Prompt]
    strengths_instruction: str
    dream_instruction: str
    dream_script: str
    dream_questions: list[Prompt]
    dream_summary: list[Prompt]
    optional_steps: list[Prompt] = Field(min_length=2, max_length=2)
    """Stap 3 Vormgeven and stap 4 Verwezenlijken (§5.1 D), in that order."""
    steps: list[StepInfo]
    """The tabs: Ontdekken, Dromen, the summary of the dream, Vormgeven, Verwezenlijken."""

    @model_validator(mode="after")
    def _ids(self) -> AiGuide:
        _check_steps(self.steps, {"ontdekken", "dromen", "samenvatting", "vormgeven", "verwezenlijken"}, "ai")
        groups = [self.story_questions, self.dream_questions + self.dream_summary + self.optional_steps]
        for group in groups:
            ids = [q.id for q in group]
            if not all(ids) or len(ids) != len(set(ids)):
                raise ValueError("every AI question needs a unique id")
        return self


# --- registration (§4.4) -----------------------------------------------------


class UploadGuide(CatalogModel):
    """How to upload the POP to Mijn Loopbaan (§4.4.2). ``steps`` may name ``{url}`` and
    ``{file_name}`` (the POP's real file name); ``account_step`` may name ``{url}``."""

    title: str = Field(min_length=1)
    url: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    account_step: str = Field(min_length=1)
    steps: list[str] = Field(min_length=3)
    after: str = Field(min_length=1)

    @model_validator(mode="after")
    def _known_placeholders(self) -> UploadGuide:
        import string

        for text in (self.account_step, *self.steps):
            names = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}
            if names - {"url", "file_name"}:
                raise ValueError(f"unknown placeholder in upload step {text!r}: {sorted(names)}")
        if not any("{file_name}" in step for step in self.steps):
            raise ValueError("one upload step must name the POP's {file_name}")
        return self


class ComplianceText(CatalogModel):
    """What a problem of the compliance overview means and how to fix it; ``title`` fits the
    overview's column at 80 characters wide."""

    code: ComplianceProblem
    title: str = Field(min_length=1, max_length=28)
    explanation: str = Field(min_length=1)
    fix: str = Field(min_length=1)


class ComplianceGuide(CatalogModel):
    intro: str = Field(min_length=1)
    problems: list[ComplianceText]

    @model_validator(mode="after")
    def _every_code_once(self) -> ComplianceGuide:
        codes = [problem.code for problem in self.problems]
        if sorted(codes) != sorted(ComplianceProblem):
            raise ValueError("compliance problems must list every ComplianceProblem code exactly once")
        return self

    def text(self, code: ComplianceProblem) -> ComplianceText:
        return next(problem for problem in self.problems if problem.code == code)


class RegistrationGuide(CatalogModel):
    """``registration.json``: the upload steps of §4.4.2 and the texts of the compliance overview."""

    mijn_loopbaan: UploadGuide
    compliance: ComplianceGuide


Prompt.model_rebuild()


# --- card games (§5.4, §5.5, §5.10-§5.12) and the shipped decks ------------------------

Tone = Literal["", "groen", "oranje", "rood"]


class PileGuide(CatalogModel):
    """A pile of the card-sorting board: its name, the key that puts the card in play on it
    (shown on screen), at most ``limit`` cards, a colour mark (``tone``, also said in words) and
    ``slots``: the digits 1..limit name the cards lying on it (the 8-card game's replace keys)."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=1)
    key: str = Field(default="", pattern=r"^[a-z0-9]?$")
    limit: int | None = Field(default=None, ge=1)
    tone: Tone = ""
    slots: bool = False


class StageGuide(CatalogModel):
    """One sorting round: its title, the hint for the coach and its piles."""

    title: str
    hint: str
    piles: list[PileGuide] = Field(min_length=1)

    @model_validator(mode="after")
    def _distinct(self) -> StageGuide:
        ids = [pile.id for pile in self.piles]
        keys = [pile.key for pile in self.piles if pile.key]
        if len(set(ids)) != len(ids) or len(set(keys)) != len(keys):
            raise ValueError(f"round '{self.title}': pile ids and keys must be distinct")
        return self


class Question(CatalogModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    text: str = Field(min_length=1)


class KwaliteitenspelGuide(CatalogModel):
    """§5.4: the three-piles variant, the 8-card game for qualities and for distortions."""

    hand_size: int = Field(ge=1, le=9)
    sorting: StageGuide
    qualities: StageGuide
    distortions: StageGuide
    order_hint: str
    distortion_order_hint: str
    conclusion_question: str


class NamedChoice(CatalogModel):
    id: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    name: str
    short: str = ""


class MeaningGuide(StageGuide):
    """Vaardighedenspel form I: the rows, the stopping rule and the three questions."""

    stop_at: int = Field(ge=1)
    questions: list[Question]


class SelectionGuide(StageGuide):
    limit: int = Field(ge=1)


class ProfileGuide(StageGuide):
    """Form II: green / orange / red, the top of each row, and the three profiles side by side."""

    top: int = Field(ge=1)
    moments: list[NamedChoice] = Field(min_length=1)
    questions: list[Question]


class FunGuide(StageGuide):
    """Form III round 1: the five columns; ``aside`` is the extra pile of the variant with all cards
    (a skill the employee never had to do with)."""

    aside: PileGuide


class MasteryGuide(CatalogModel):
    """Form III round 2: the matrix rows (mastery), top to bottom."""

    title: str
    hint: str
    rows: list[PileGuide] = Field(min_length=1)


class MatrixReadingsGuide(CatalogModel):
    training: str
    burnout: str
    drift: str
    balance: str


class VaardighedenspelGuide(CatalogModel):
    """§5.5: the three forms."""

    forms: list[NamedChoice] = Field(min_length=3, max_length=3)
    meaning: MeaningGuide
    selection: SelectionGuide
    profile: ProfileGuide
    frequency: StageGuide
    fun: FunGuide
    mastery: MasteryGuide
    rest: StageGuide
    matrix_questions: list[Question]
    readings: MatrixReadingsGuide

    @model_validator(mode="after")
    def _matrix_is_five_by_three(self) -> VaardighedenspelGuide:
        if len(self.fun.piles) != 5 or len(self.mastery.rows) != 3:
            raise ValueError("the skills matrix is 5 columns (fun) by 3 rows (mastery), as in §5.5")
        return self


class PlaceGuide(CatalogModel):
    title: str
    hint: str


class VierOpEenRijGuide(CatalogModel):
    """§5.12: placing the aspects, the colour per aspect, the discussion questions."""

    place: PlaceGuide
    colour: PlaceGuide
    describe_question: str
    ratings: list[PileGuide] = Field(min_length=3, max_length=3)
    questions: list[str]


class PictureMethodGuide(CatalogModel):
    """§5.10 Droompagina, §5.11 Prentenbeeld: choosing pictures, the questions per picture."""

    choose: StageGuide
    questions: list[Question] = Field(min_length=1)


class CardGamesGuide(CatalogModel):
    """``card_games.json``."""

    kwaliteitenspel: KwaliteitenspelGuide
    vaardighedenspel: VaardighedenspelGuide
    vier_op_een_rij: VierOpEenRijGuide
    droompagina: PictureMethodGuide
    prentenbeeld: PictureMethodGuide


class ShippedDeck(CatalogModel):
    """A deck in ``data/decks/``, written for poptui (never a commercial game's card texts)."""

    id: str = Field(pattern=r"^[a-z0-9_-]+$")
    name: str
    kind: DeckKind
    description: str = ""
    cards: list[DeckCard] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete(self) -> ShippedDeck:
        ids = [card.id for card in self.cards]
        if len(set(ids)) != len(ids):
            raise ValueError(f"deck {self.id}: card ids must be distinct")
        if self.kind is DeckKind.QUALITIES and any(
            not (c.plus and c.distortion and c.distortion_plus) for c in self.cards
        ):
            raise ValueError(f"deck {self.id}: every quality has a PLUS wording and a distortion in both wordings")
        if self.kind is DeckKind.COMPETENCES and any(len(card.aspects) != 4 for card in self.cards):
            raise ValueError(f"deck {self.id}: every competence has four aspects")
        return self
