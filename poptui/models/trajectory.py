"""A POP trajectory, its contact moments and the supervisor consultations (§4.5)."""

from __future__ import annotations

from datetime import datetime, time
from typing import ClassVar

from pydantic import Field, model_validator

from poptui.models.base import DossierRecord, Line, Model, OptionalDay, RequiredLine, Scope, Text
from poptui.models.competences import ConsultationRating
from poptui.models.enums import (
    BetweenStepKind,
    ContactMomentStatus,
    Level,
    MethodKind,
    Phase,
    TrajectoryStatus,
    VariantId,
)


class Trajectory(DossierRecord):
    table: ClassVar[str] = "trajectories"
    scope: ClassVar[Scope] = "trajectories"
    label: ClassVar[str] = "POP-traject"

    coach_id: Line | None = Field(default=None, title="POP-coach")
    variant: VariantId = Field(title="Variant")
    reflection: Level = Field(title="Reflectievermogen")
    intensity: Level = Field(title="Intensiteit")
    status: TrajectoryStatus = Field(default=TrajectoryStatus.PLANNED, title="Status")
    start_date: OptionalDay = Field(default=None, title="Startdatum")
    completion_date: OptionalDay = Field(default=None, title="Datum afgerond")
    previous_trajectory_id: Line | None = Field(default=None, title="Vorig POP")
    stop_reason: Text = Field(default="", title="Reden stopzetting", max_length=2000)

    @model_validator(mode="after")
    def _dates_and_status(self) -> Trajectory:
        if self.start_date and self.completion_date and self.completion_date < self.start_date:
            raise ValueError("De datum afgerond ligt vóór de startdatum.")
        if self.status is TrajectoryStatus.COMPLETED and self.completion_date is None:
            raise ValueError("Een afgerond traject heeft een datum afgerond nodig.")
        if self.status is TrajectoryStatus.STOPPED and not self.stop_reason:
            raise ValueError("Geef een reden waarom het traject gestopt is.")
        if self.status in (TrajectoryStatus.ACTIVE, TrajectoryStatus.COMPLETED) and self.start_date is None:
            raise ValueError("Een gestart traject heeft een startdatum nodig.")
        return self

    @property
    def is_follow_up(self) -> bool:
        return self.previous_trajectory_id is not None


class BetweenStep(Model):
    """An in-between step planned after a contact moment: consultation, homework ..."""

    kind: BetweenStepKind = Field(title="Soort")
    description: Text = Field(default="", title="Omschrijving", max_length=2000)
    done: bool = Field(default=False, title="Gedaan")


class ContactMoment(DossierRecord):
    """One conversation of the trajectory: planned, held or skipped."""

    table: ClassVar[str] = "contact_moments"
    label: ClassVar[str] = "contactmoment"
    sensitive_fields: ClassVar[frozenset[str]] = frozenset()  # ordinary notes: no special-category data

    trajectory_id: RequiredLine = Field(title="POP-traject")
    number: int = Field(ge=0, le=50, title="Nummer")
    status: ContactMomentStatus = Field(default=ContactMomentStatus.PLANNED, title="Status")
    date: OptionalDay = Field(default=None, title="Datum")
    start_time: time | None = Field(default=None, title="Beginuur")
    duration_minutes: int = Field(default=60, ge=0, le=600, title="Duur (minuten)")
    phase: Phase = Field(title="Fase")
    goals: list[Line] = Field(default_factory=list, title="Doelen")
    collective: bool = Field(default=False, title="Collectief")
    collective_group_id: Line | None = Field(default=None, title="Collectieve sessie")
    attendees: list[Line] = Field(default_factory=list, title="Aanwezigen")
    supervisor_present: bool = Field(default=False, title="Werkvloerbegeleider aanwezig")
    notes: Text = Field(default="", title="Notities", max_length=20000)
    homework_given: Text = Field(default="", title="Huiswerk meegegeven", max_length=5000)
    homework_returned: Text = Field(default="", title="Huiswerk teruggebracht", max_length=5000)
    next_appointment: datetime | None = Field(default=None, title="Volgende afspraak")
    methods: list[MethodKind] = Field(default_factory=list, title="Methodieken")
    between_steps: list[BetweenStep] = Field(default_factory=list, title="Tussenstappen")
    skip_reason: Text = Field(default="", title="Reden overgeslagen", max_length=2000)

    @model_validator(mode="after")
    def _held_needs_date(self) -> ContactMoment:
        if self.status is ContactMomentStatus.HELD and self.date is None:
            raise ValueError("Een gehouden contactmoment heeft een datum nodig.")
        if self.status is ContactMomentStatus.HELD and self.duration_minutes == 0:
            raise ValueError("Een gehouden contactmoment heeft een duur nodig.")
        return self

    @property
    def hours(self) -> float:
        return self.duration_minutes / 60


class SupervisorConsultation(DossierRecord):
    """Tussentijds overleg: the supervisor's perception of the employee."""

    table: ClassVar[str] = "supervisor_consultations"
    label: ClassVar[str] = "tussentijds overleg"
    sensitive_fields: ClassVar[frozenset[str]] = frozenset()  # work perception, not special-category

    trajectory_id: RequiredLine = Field(title="POP-traject")
    date: OptionalDay = Field(default=None, title="Datum")
    supervisor_id: Line | None = Field(default=None, title="Werkvloerbegeleider")
    does_well: Text = Field(default="", title="Doet goed", max_length=10000)
    does_less_well: Text = Field(default="", title="Doet minder goed", max_length=10000)
    notes: Text = Field(default="", title="Notities", max_length=10000)
    competence_ratings: list[ConsultationRating] = Field(
        default_factory=list, title="Inschatting competenties", max_length=500
    )
    """The supervisor's rating per competence; the competence measurement shows them beside the employee's own."""
