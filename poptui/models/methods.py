"""Records of the methods (§5): one class per method kind, a union discriminated by kind.

Until a method has its own screen, its record holds free notes and conclusions;
the later, richer screens add fields with defaults, so earlier notes load intact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, get_args

from pydantic import AfterValidator, Field, TypeAdapter

from poptui.models.base import Line, Model, Text
from poptui.models.card_games import (
    DroompaginaRecord,
    KwaliteitenspelRecord,
    PrentenbeeldRecord,
    VaardighedenspelRecord,
    VierOpEenRijRecord,
)
from poptui.models.competences import CompetentiemetingRecord
from poptui.models.enums import MethodKind
from poptui.models.method_base import MethodRecordBase
from poptui.models.planning import (
    BeslissingsmatrixRecord,
    MindmapRecord,
    ScanRecord,
    SmartRecord,
    TijdslijnRecord,
)

if TYPE_CHECKING:
    from pydantic_core import CoreSchema

Answer = Annotated[Text, Field(max_length=5000)]
"""An answer to one question of a method (multi-line text)."""
Choice = Annotated[Line, Field(max_length=300)]
"""A ticked item of a checklist: its catalog id (or, for the interview's motivations, its text)."""


class HandRecord(MethodRecordBase):
    """HAND-methodiek (§5.3): one answer per finger (the draaiboek's questions, first person)."""

    kind: Literal[MethodKind.HAND] = MethodKind.HAND
    thumb: Text = Field(default="", title="Duim: waar ben ik goed in?", max_length=5000)
    index_finger: Text = Field(default="", title="Wijsvinger: waar ga ik naartoe?", max_length=5000)
    middle_finger: Text = Field(default="", title="Middelvinger: waar heb ik een hekel aan?", max_length=5000)
    ring_finger: Text = Field(default="", title="Ringvinger: waar ben ik trouw aan?", max_length=5000)
    little_finger: Text = Field(default="", title="Pink: waarin ben ik klein?", max_length=5000)


HAND_FIELDS: dict[str, str] = {
    "duim": "thumb",
    "wijsvinger": "index_finger",
    "middelvinger": "middle_finger",
    "ringvinger": "ring_finger",
    "pink": "little_finger",
}
"""The catalog's finger id -> the HAND record's field."""


class InterviewRecord(MethodRecordBase):
    """Criteriumgericht interview (§5.2): the chosen themes, an answer per question (by the
    question's catalog id), theme 3's motivations and energy, theme 6's attitudes (1-4).

    Theme 4 (randvoorwaarden) holds special-category data: health and family duties may only
    be written down once the employee gave consent (§4.4.1); mobility is not sensitive."""

    kind: Literal[MethodKind.INTERVIEW] = MethodKind.INTERVIEW
    sensitive_fields: ClassVar[frozenset[str]] = frozenset(
        {"physical_limitations", "psychological_complaints", "family_duties"}
    )

    themes: list[Annotated[int, Field(ge=1, le=8)]] = Field(default_factory=list, title="Gekozen thema's")
    answers: dict[str, Answer] = Field(default_factory=dict, title="Antwoorden")
    motivations: list[Choice] = Field(default_factory=list, title="Thema 3: wat motiveert mij om hier te werken")
    energy_givers: Text = Field(default="", max_length=5000, title="Thema 3: energiegevers")
    energy_drainers: Text = Field(default="", max_length=5000, title="Thema 3: energievreters")
    physical_limitations: Text = Field(
        default="", max_length=5000, title="Thema 4: lichamelijke belemmeringen voor de job"
    )
    psychological_complaints: Text = Field(
        default="", max_length=5000, title="Thema 4: psychische klachten voor de job"
    )
    mobility: Text = Field(default="", max_length=5000, title="Thema 4: hoe kom je naar het werk (mobiliteit)")
    family_duties: Text = Field(
        default="", max_length=5000, title="Thema 4: gezinsverplichtingen (kinderen, zorg voor ouders)"
    )
    attitudes: dict[str, Annotated[int, Field(ge=1, le=4)]] = Field(
        default_factory=dict, title="Thema 6: arbeidsattitudes (score 1 tot 4)"
    )


class SuccessStory(Model):
    """A success story of AI stap 1 (Ontdekken): the eight sub-questions and the strengths found."""

    title: Line = Field(default="", max_length=200, title="Succesverhaal")
    answers: dict[str, Answer] = Field(default_factory=dict, title="Antwoorden")
    strengths: list[Annotated[Line, Field(max_length=200)]] = Field(
        default_factory=list, title="Sterke punten (kernwoorden)"
    )


class AiDroomfaseRecord(MethodRecordBase):
    """AI – droomfase (§5.1): Ontdekken (success stories), Dromen (help questions by id), the
    summary of the dream, and the optional steps Vormgeven and Verwezenlijken."""

    kind: Literal[MethodKind.AI_DROOMFASE] = MethodKind.AI_DROOMFASE
    stories: list[SuccessStory] = Field(default_factory=list, title="Ontdekken: succesverhalen")
    answers: dict[str, Answer] = Field(default_factory=dict, title="Dromen: antwoorden op de hulpvragen")
    better_than_today: Text = Field(default="", max_length=5000, title="Wat is anders en beter dan vandaag?")
    indispensable: Text = Field(default="", max_length=5000, title="Wat is onmisbaar, opdat de droom niet uiteenspat?")
    discovered: Text = Field(default="", max_length=5000, title="Welke nieuwe dingen hebben jullie ontdekt?")
    shaping: Text = Field(default="", max_length=5000, title="Stap 3 – Vormgeven")
    realising: Text = Field(default="", max_length=5000, title="Stap 4 – Verwezenlijken")


def _clock_time(value: str) -> str:
    hour, _sep, minute = value.partition(":")
    if not (hour.isdecimal() and minute.isdecimal() and 0 <= int(hour) <= 23 and 0 <= int(minute) <= 59):
        raise ValueError("tijd_ongeldig")
    return f"{int(hour):02d}:{int(minute):02d}"


class ClockSlot(Model):
    """A moment of the day on the Klokwijs clock: what the employee does, with whom, how it feels."""

    time: Annotated[Line, AfterValidator(_clock_time)] = Field(title="Uur")
    what: Text = Field(default="", max_length=1000, title="Wat doe je dan?")
    with_whom: Text = Field(default="", max_length=1000, title="Met wie?")
    feeling: Text = Field(default="", max_length=1000, title="Hoe voel je je daarbij?")

    def is_empty(self) -> bool:
        return not (self.what.strip() or self.with_whom.strip() or self.feeling.strip())


class ClockDay(Model):
    """One day told on the clock ("gisteren", a weekend day, another work day)."""

    name: Line = Field(min_length=1, max_length=60, title="Dag")
    slots: list[ClockSlot] = Field(default_factory=list, title="Tijdslijn")


class KlokwijsRecord(MethodRecordBase):
    """Klokwijs (§5.9): the days told on the clock, and the answers of Wie ben ik? / Wat wil ik? /
    Wat kan ik? by question id."""

    kind: Literal[MethodKind.KLOKWIJS] = MethodKind.KLOKWIJS
    days: list[ClockDay] = Field(default_factory=list, title="Mijn dag op de klok")
    answers: dict[str, Answer] = Field(default_factory=dict, title="Antwoorden")


class PraatplaatRecord(MethodRecordBase):
    """Praatplaat 'Dromen over werk' (§5.13): the dream job in the middle, the ticked working
    conditions, focus and motivations (catalog ids), preferred tasks."""

    kind: Literal[MethodKind.PRAATPLAAT] = MethodKind.PRAATPLAAT
    dream_job: Text = Field(default="", max_length=2000, title="Mijn droomjob (in het midden van de praatplaat)")
    conditions: list[Choice] = Field(default_factory=list, title="Favoriete werkomgeving en arbeidsomstandigheden")
    focus: list[Choice] = Field(default_factory=list, title="Focus: waar wil ik naartoe werken?")
    motivations: list[Choice] = Field(default_factory=list, title="Motivatie: waarom wil ik werken?")
    motivation_other: Text = Field(default="", max_length=2000, title="Motivatie: andere")
    preferred_tasks: Text = Field(default="", max_length=5000, title="Voorkeurstaken")
    on_paper_first: bool = Field(default=False, title="Eerst op papier ingevuld (huiswerk)")


MethodRecord = Annotated[
    AiDroomfaseRecord
    | InterviewRecord
    | HandRecord
    | KwaliteitenspelRecord
    | VaardighedenspelRecord
    | CompetentiemetingRecord
    | ScanRecord
    | SmartRecord
    | KlokwijsRecord
    | DroompaginaRecord
    | PrentenbeeldRecord
    | VierOpEenRijRecord
    | PraatplaatRecord
    | BeslissingsmatrixRecord
    | MindmapRecord
    | TijdslijnRecord,
    Field(discriminator="kind"),
]
"""Any method record; pydantic picks the class from ``kind``. A new record class goes in this union."""

METHOD_RECORD_CLASSES: dict[MethodKind, type[MethodRecordBase]] = {
    record_class.model_fields["kind"].default: record_class for record_class in get_args(get_args(MethodRecord)[0])
}
"""Method kind -> its record class (read from the union above)."""


class _LazyAdapter:
    """The TypeAdapter of :data:`MethodRecord`, built on first use: building it at import
    would cost every start of the app tens of milliseconds, also when no method is opened."""

    _adapter: TypeAdapter[MethodRecordBase] | None = None

    def validate_python(self, data: object, *, context: dict[str, Any] | None = None) -> MethodRecordBase:
        """The method record of the class that ``data["kind"]`` names."""
        return self._built().validate_python(data, context=context)

    def core_schema(self) -> CoreSchema:
        """The union's core schema (see :func:`poptui.models.base.stored_schema`)."""
        return self._built().core_schema

    def _built(self) -> TypeAdapter[MethodRecordBase]:
        if self._adapter is None:
            self._adapter = TypeAdapter(MethodRecord)
        return self._adapter


method_record_adapter = _LazyAdapter()


def new_method_record(kind: MethodKind, **fields: object) -> MethodRecordBase:
    return METHOD_RECORD_CLASSES[kind](**fields)
