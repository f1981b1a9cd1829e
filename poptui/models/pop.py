"""The POP document (§4.3): summary, action plan, and the evaluation of a previous POP."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from poptui.models.base import Day, DossierRecord, Line, Model, OptionalDay, RequiredLine, Text, new_id
from poptui.models.enums import ActionArea, CareerCompetence, CompetenceKind, PopStatus


class PopItem(Model):
    """One conclusion in the summary, ticked generiek / technisch / andere."""

    id: str = Field(default_factory=new_id)
    text: Text = Field(title="Tekst", max_length=2000)
    kind: CompetenceKind = Field(default=CompetenceKind.OTHER, title="Soort")
    source: Line = Field(default="", title="Bron")


class SmartFields(Model):
    """The SMART fields a scan or SMART action carries into the plan (§5.7, §5.8)."""

    specific: Text = Field(default="", title="Specifiek", max_length=2000)
    measure: Text = Field(default="", title="Meten / checken", max_length=2000)
    resources: Text = Field(default="", title="Hulpbronnen", max_length=2000)
    tools: Text = Field(default="", title="Hulpmiddelen", max_length=2000)
    why: Text = Field(default="", title="Waarom / aanvaardbaar", max_length=2000)
    meaningful_feasible: Text = Field(default="", title="Zinvol / haalbaar", max_length=2000)
    timing: Text = Field(default="", title="Tijdsplanning", max_length=2000)


class ProgressUpdate(Model):
    """A follow-up note on an action during UITVOEREN."""

    date: Day = Field(title="Datum")
    progress: int = Field(default=0, ge=0, le=5, title="Vordering (0-5)")
    note: Text = Field(default="", title="Notitie", max_length=5000)


class PopAction(Model):
    """One action of the action plan (§4.3)."""

    id: str = Field(default_factory=new_id)
    what: Text = Field(title="Wat precies", max_length=2000)
    who_helps: Text = Field(default="", title="Wie helpt", max_length=1000)
    deadline: OptionalDay = Field(default=None, title="Tegen wanneer")
    result: Text = Field(default="", title="Meetbaar resultaat", max_length=2000)
    kind: CompetenceKind = Field(default=CompetenceKind.OTHER, title="Soort competentie")
    competence: Line = Field(default="", title="Competentie", max_length=200)
    competence_id: Line | None = Field(default=None, title="Competentie uit het woordenboek", max_length=64)
    """The organisation's dictionary competence the action works on; then ``competence`` holds its name
    and ``kind`` its kind. Actions written before (free text only) have None."""
    area: ActionArea | None = Field(default=None, title="Betrekking op")
    career_competence: CareerCompetence | None = Field(default=None, title="Loopbaancompetentie")
    smart: SmartFields = Field(default_factory=SmartFields, title="SMART")
    origin_action_id: Line | None = Field(default=None, title="Uit vorig POP")
    source: Line = Field(default="", title="Bron")
    progress: list[ProgressUpdate] = Field(default_factory=list, title="Opvolging")

    @property
    def latest_progress(self) -> int:
        return self.progress[-1].progress if self.progress else 0


class PopDocument(DossierRecord):
    """The POP of one trajectory: what is uploaded to Mijn Loopbaan."""

    table: ClassVar[str] = "pop_documents"
    label: ClassVar[str] = "POP"
    sensitive_fields: ClassVar[frozenset[str]] = frozenset()  # the POP itself is what consent covers

    trajectory_id: RequiredLine = Field(title="POP-traject")
    status: PopStatus = Field(default=PopStatus.DRAFT, title="Status")
    finalised_on: OptionalDay = Field(default=None, title="Definitief op")
    wat_wil_ik: list[PopItem] = Field(default_factory=list, title="Wat wil ik")
    wat_kan_ik: list[PopItem] = Field(default_factory=list, title="Wat kan ik")
    ontwikkelpunten: list[PopItem] = Field(default_factory=list, title="Ontwikkelpunten")
    goal: Text = Field(default="", title="Mijn doel", max_length=2000)
    actions: list[PopAction] = Field(default_factory=list, title="Acties")
    dismissed_candidates: list[str] = Field(default_factory=list, title="Weggelegde conclusies")
    """Keys of method conclusions the coach dropped, so they are not offered again."""
    uploaded_on: OptionalDay = Field(default=None, title="Opgeladen in Mijn Loopbaan op")
    """The day the final POP was uploaded to the employee's Mijn Loopbaan account (§4.4.2); None = not yet.
    Only :mod:`poptui.services.mijn_loopbaan` sets it (on a final POP); reopening the POP clears it."""
    uploaded_by: Line = Field(default="", title="Opgeladen door", max_length=200)


class ActionEvaluation(DossierRecord):
    """How far an action of the previous POP got, at the start of a follow-up POP."""

    table: ClassVar[str] = "action_evaluations"
    label: ClassVar[str] = "evaluatie van een actie"

    trajectory_id: RequiredLine = Field(title="POP-traject")
    previous_trajectory_id: RequiredLine = Field(title="Vorig POP-traject")
    action_id: RequiredLine = Field(title="Actie")
    action_what: Text = Field(default="", title="Actie", max_length=2000)
    progress: int = Field(default=0, ge=0, le=5, title="Vordering (0-5)")
    carry_over: bool = Field(default=False, title="Opnieuw opnemen")
    remark: Text = Field(default="", title="Opmerking", max_length=2000)
