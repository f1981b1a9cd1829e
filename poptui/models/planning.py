"""Records of the planning methods: the scan (§5.7), SMART (§5.8) and the three tools of §4.5.3
(beslissingsmatrix, mindmap, tijdslijn leggen).

Every class keeps the ``notes`` and ``conclusions`` of :class:`MethodRecordBase`, so notes
written earlier with the free-notes screen load unchanged; the new fields all have defaults.
The limits of the draaiboek (ten actions per domain, four challenges of ten actions, scores
10 / 5 / 1) are checked here, with Dutch messages.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from poptui.models.base import Line, Model, OptionalDay, Text, new_id
from poptui.models.enums import ActionArea, CareerCompetence, CompetenceKind, MethodKind
from poptui.models.method_base import MethodRecordBase
from poptui.models.pop import SmartFields

SCORES = (10, 5, 1)
"""The scores of the scan and of SMART: zeer (10), best wel (5), niet zo (1) zinvol/haalbaar."""
SCAN_DOMAINS = (1, 2, 3, 4, 5, 6, 7)
MAX_ACTIONS_PER_DOMAIN = 10
MAX_CHALLENGES = 4
MAX_ACTIONS_PER_CHALLENGE = 10
MATRIX_WEIGHTS = (1, 2, 3)
MATRIX_SCORES = (1, 2, 3, 4, 5)
MAX_MATRIX_OPTIONS = 8
MAX_MATRIX_CRITERIA = 8
MAX_MINDMAP_NODES = 200


def _score(value: int | None) -> int | None:
    if value is not None and value not in SCORES:
        raise ValueError("Een score is 10 (zeer), 5 (best wel) of 1 (niet zo).")
    return value


Score = Annotated[int | None, AfterValidator(_score)]
"""A ZV or HB score: 10, 5, 1, or not scored yet (None)."""


class ScanAction(Model):
    """One possible action of the scan, scored by the employee and, apart, by the coach."""

    id: str = Field(default_factory=new_id)
    domain: int = Field(ge=1, le=7, title="Domein")
    text: Text = Field(default="", title="Actie", max_length=2000)
    employee_meaningful: Score = Field(default=None, title="Zinvol volgens werknemer")
    employee_feasible: Score = Field(default=None, title="Haalbaar volgens werknemer")
    coach_meaningful: Score = Field(default=None, title="Zinvol volgens coach")
    coach_feasible: Score = Field(default=None, title="Haalbaar volgens coach")
    smart: SmartFields = Field(default_factory=SmartFields, title="SMART")
    area: ActionArea | None = Field(default=None, title="Betrekking op")
    kind: CompetenceKind = Field(default=CompetenceKind.OTHER, title="Soort competentie")
    chosen: bool = Field(default=False, title="Gekozen voor het actieplan")
    pop_action_id: Line | None = Field(default=None, title="Actie in het POP")


class ScanRecord(MethodRecordBase):
    """Zinvolheids- en haalbaarheidsscan (§5.7): the domains that apply, the actions per domain."""

    kind: Literal[MethodKind.SCAN] = MethodKind.SCAN
    domains: list[int] = Field(default_factory=lambda: list(SCAN_DOMAINS), title="Domeinen")
    actions: list[ScanAction] = Field(default_factory=list, title="Acties")

    @field_validator("domains")
    @classmethod
    def _known_domains(cls, value: list[int]) -> list[int]:
        unknown = [number for number in value if number not in SCAN_DOMAINS]
        if unknown:
            raise ValueError("De scan heeft zeven domeinen, genummerd van 1 tot 7.")
        return sorted(set(value))

    @model_validator(mode="after")
    def _at_most_ten_per_domain(self) -> ScanRecord:
        if len(self.actions) <= MAX_ACTIONS_PER_DOMAIN:  # no domain can have more (every stored scan is checked)
            return self
        counts = Counter(action.domain for action in self.actions)
        for number in SCAN_DOMAINS:
            if counts[number] > MAX_ACTIONS_PER_DOMAIN:
                raise ValueError(
                    f"Per domein zijn er maximaal {MAX_ACTIONS_PER_DOMAIN} acties (domein {number} heeft er meer)."
                )
        return self


class SmartAction(Model):
    """One action under a challenge: zinvol (ZV) and haalbaar (HB), totaal = ZV + HB."""

    id: str = Field(default_factory=new_id)
    text: Text = Field(default="", title="Actie", max_length=2000)
    meaningful: Score = Field(default=None, title="ZV")
    feasible: Score = Field(default=None, title="HB")
    career_competence: CareerCompetence | None = Field(default=None, title="Loopbaancompetentie")
    smart: SmartFields = Field(default_factory=SmartFields, title="SMART")
    area: ActionArea | None = Field(default=None, title="Betrekking op")
    kind: CompetenceKind = Field(default=CompetenceKind.OTHER, title="Soort competentie")
    chosen: bool = Field(default=False, title="Gekozen voor het actieplan")
    pop_action_id: Line | None = Field(default=None, title="Actie in het POP")

    @property
    def total(self) -> int | None:
        """ZV + HB, or None while one of them is not scored."""
        if self.meaningful is None or self.feasible is None:
            return None
        return self.meaningful + self.feasible


class SmartChallenge(Model):
    """An uitdaging with up to ten actions."""

    id: str = Field(default_factory=new_id)
    title: Text = Field(default="", title="Uitdaging", max_length=1000)
    actions: list[SmartAction] = Field(default_factory=list, title="Acties")

    @field_validator("actions")
    @classmethod
    def _at_most_ten(cls, value: list[SmartAction]) -> list[SmartAction]:
        if len(value) > MAX_ACTIONS_PER_CHALLENGE:
            raise ValueError(f"Per uitdaging zijn er maximaal {MAX_ACTIONS_PER_CHALLENGE} acties.")
        return value


class SmartRecord(MethodRecordBase):
    """SMART (§5.8): up to four challenges, each with up to ten scored actions."""

    kind: Literal[MethodKind.SMART] = MethodKind.SMART
    challenges: list[SmartChallenge] = Field(default_factory=list, title="Uitdagingen")
    coaching_answers: dict[int, Text] = Field(default_factory=dict, title="Antwoorden op de coachingsvragen")

    @field_validator("challenges")
    @classmethod
    def _at_most_four(cls, value: list[SmartChallenge]) -> list[SmartChallenge]:
        if len(value) > MAX_CHALLENGES:
            raise ValueError(f"Er zijn maximaal {MAX_CHALLENGES} uitdagingen.")
        return value


class MatrixOption(Model):
    """One option (a job, a task, a training ...) with its score per criterion id (1 to 5)."""

    id: str = Field(default_factory=new_id)
    text: Line = Field(default="", title="Optie", max_length=200)
    scores: dict[str, int] = Field(default_factory=dict, title="Scores")

    @field_validator("scores")
    @classmethod
    def _one_to_five(cls, value: dict[str, int]) -> dict[str, int]:
        if any(score not in MATRIX_SCORES for score in value.values()):
            raise ValueError("Een score in de matrix gaat van 1 (past helemaal niet) tot 5 (past heel goed).")
        return value


class MatrixCriterion(Model):
    """What matters in the choice, with its weight: 1 een beetje, 2 belangrijk, 3 heel belangrijk."""

    id: str = Field(default_factory=new_id)
    text: Line = Field(default="", title="Criterium", max_length=200)
    weight: int = Field(default=2, title="Gewicht")

    @field_validator("weight")
    @classmethod
    def _one_to_three(cls, value: int) -> int:
        if value not in MATRIX_WEIGHTS:
            raise ValueError("Het gewicht is 1 (een beetje belangrijk), 2 (belangrijk) of 3 (heel belangrijk).")
        return value


class BeslissingsmatrixRecord(MethodRecordBase):
    """Beslissingsmatrix (§4.5.3): options against weighted criteria."""

    kind: Literal[MethodKind.BESLISSINGSMATRIX] = MethodKind.BESLISSINGSMATRIX
    question: Text = Field(default="", title="Keuzevraag", max_length=1000)
    options: list[MatrixOption] = Field(default_factory=list, title="Opties")
    criteria: list[MatrixCriterion] = Field(default_factory=list, title="Criteria")

    @model_validator(mode="after")
    def _limits(self) -> BeslissingsmatrixRecord:
        if len(self.options) > MAX_MATRIX_OPTIONS:
            raise ValueError(f"De matrix heeft maximaal {MAX_MATRIX_OPTIONS} opties.")
        if len(self.criteria) > MAX_MATRIX_CRITERIA:
            raise ValueError(f"De matrix heeft maximaal {MAX_MATRIX_CRITERIA} criteria.")
        return self


class MindmapNode(Model):
    """One idea; ``parent_id`` None means a main branch from the central theme."""

    id: str = Field(default_factory=new_id)
    text: Line = Field(default="", title="Idee", max_length=200)
    parent_id: Line | None = Field(default=None, title="Tak van")
    order: int = Field(default=0, ge=0, title="Volgorde")


class MindmapRecord(MethodRecordBase):
    """Mindmap (§4.5.3): a central theme with a tree of ideas."""

    kind: Literal[MethodKind.MINDMAP] = MethodKind.MINDMAP
    theme: Line = Field(default="", title="Centraal thema", max_length=200)
    nodes: list[MindmapNode] = Field(default_factory=list, title="Ideeën")

    @model_validator(mode="after")
    def _a_tree(self) -> MindmapRecord:
        if len(self.nodes) > MAX_MINDMAP_NODES:
            raise ValueError(f"Een mindmap heeft maximaal {MAX_MINDMAP_NODES} ideeën.")
        parents = {node.id: node.parent_id for node in self.nodes}
        for node in self.nodes:
            if node.parent_id is not None and node.parent_id not in parents:
                raise ValueError("Een idee hangt aan een tak die niet (meer) bestaat.")
            seen = {node.id}
            parent = node.parent_id
            while parent is not None:
                if parent in seen:
                    raise ValueError("Een idee kan niet onder zichzelf hangen.")
                seen.add(parent)
                parent = parents.get(parent)
        return self


class TimelineMoment(Model):
    """Something fixed on the line (a follow-up talk, a training, leave)."""

    id: str = Field(default_factory=new_id)
    date: OptionalDay = Field(default=None, title="Datum")
    text: Line = Field(default="", title="Omschrijving", max_length=200)


class TijdslijnRecord(MethodRecordBase):
    """Tijdslijn leggen (§4.5.3): the plan's actions on a line of months; options and fixed moments."""

    kind: Literal[MethodKind.TIJDSLIJN] = MethodKind.TIJDSLIJN
    start: OptionalDay = Field(default=None, title="Begin van de lijn")
    months: int = Field(default=12, ge=3, le=24, title="Aantal maanden")
    show_done: bool = Field(default=True, title="Afgewerkte acties tonen")
    moments: list[TimelineMoment] = Field(default_factory=list, title="Vaste momenten")
