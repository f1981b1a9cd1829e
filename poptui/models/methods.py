"""Records of the methods (§5): one class per method kind, a union discriminated by kind.

Until a method has its own screen, its record holds free notes and conclusions;
the later, richer screens add fields with defaults, so earlier notes load intact.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import Field, TypeAdapter

from poptui.models.base import Text
from poptui.models.enums import MethodKind
from poptui.models.method_base import MethodRecordBase
from poptui.models.planning import (
    BeslissingsmatrixRecord,
    MindmapRecord,
    ScanRecord,
    SmartRecord,
    TijdslijnRecord,
)


class HandRecord(MethodRecordBase):
    """HAND-methodiek (§5.3): one answer per finger."""

    kind: Literal[MethodKind.HAND] = MethodKind.HAND
    thumb: Text = Field(default="", title="Duim: waar ben ik goed in?", max_length=5000)
    index_finger: Text = Field(default="", title="Wijsvinger: waar wil ik naartoe?", max_length=5000)
    middle_finger: Text = Field(default="", title="Middelvinger: waar heb ik een hekel aan?", max_length=5000)
    ring_finger: Text = Field(default="", title="Ringvinger: waar ben ik trouw aan?", max_length=5000)
    little_finger: Text = Field(default="", title="Pink: waar ben ik klein in?", max_length=5000)


class InterviewRecord(MethodRecordBase):
    """Criteriumgericht interview (§5.2). Theme 4 (randvoorwaarden) holds special-category data:
    health and family duties may only be written down once the employee gave consent (§4.4.1)."""

    kind: Literal[MethodKind.INTERVIEW] = MethodKind.INTERVIEW
    sensitive_fields: ClassVar[frozenset[str]] = frozenset(
        {"physical_limitations", "psychological_complaints", "family_duties"}
    )

    physical_limitations: Text = Field(
        default="", max_length=5000, title="Thema 4: lichamelijke belemmeringen voor de job"
    )
    psychological_complaints: Text = Field(
        default="", max_length=5000, title="Thema 4: psychische klachten voor de job"
    )
    family_duties: Text = Field(
        default="", max_length=5000, title="Thema 4: gezinsverplichtingen (kinderen, zorg voor ouders)"
    )


def _notes_record(kind: MethodKind, doc: str) -> type[MethodRecordBase]:
    """A record class for a method whose own screen does not exist yet."""
    name = "".join(part.capitalize() for part in kind.value.split("_")) + "Record"
    namespace = {
        "__annotations__": {"kind": Literal[kind]},
        "kind": kind,
        "__doc__": doc,
        "__module__": __name__,
    }
    return type(name, (MethodRecordBase,), namespace)


AiDroomfaseRecord = _notes_record(MethodKind.AI_DROOMFASE, "AI – droomfase (§5.1).")
KwaliteitenspelRecord = _notes_record(MethodKind.KWALITEITENSPEL, "Kwaliteitenspel (§5.4).")
VaardighedenspelRecord = _notes_record(MethodKind.VAARDIGHEDENSPEL, "Vaardighedenspel (§5.5).")
CompetentiemetingRecord = _notes_record(MethodKind.COMPETENTIEMETING, "Competentiemeting (§5.6).")
KlokwijsRecord = _notes_record(MethodKind.KLOKWIJS, "Klokwijs (§5.9).")
DroompaginaRecord = _notes_record(MethodKind.DROOMPAGINA, "Droompagina (§5.10).")
PrentenbeeldRecord = _notes_record(MethodKind.PRENTENBEELD, "Prentenbeeld (§5.11).")
VierOpEenRijRecord = _notes_record(MethodKind.VIER_OP_EEN_RIJ, "Vier op een rij (§5.12).")
PraatplaatRecord = _notes_record(MethodKind.PRAATPLAAT, "Praatplaat (§5.13).")

METHOD_RECORD_CLASSES: dict[MethodKind, type[MethodRecordBase]] = {
    cls.model_fields["kind"].default: cls
    for cls in (
        AiDroomfaseRecord,
        InterviewRecord,
        HandRecord,
        KwaliteitenspelRecord,
        VaardighedenspelRecord,
        CompetentiemetingRecord,
        ScanRecord,
        SmartRecord,
        KlokwijsRecord,
        DroompaginaRecord,
        PrentenbeeldRecord,
        VierOpEenRijRecord,
        PraatplaatRecord,
        BeslissingsmatrixRecord,
        MindmapRecord,
        TijdslijnRecord,
    )
}

MethodRecord = Annotated[
    Union[tuple(METHOD_RECORD_CLASSES.values())],  # noqa: UP007
    Field(discriminator="kind"),
]
"""Any method record; pydantic picks the class from ``kind``."""


class _LazyAdapter:
    """The TypeAdapter of :data:`MethodRecord`, built on first use: building it at import
    would cost every start of the app tens of milliseconds, also when no method is opened."""

    _adapter: TypeAdapter[MethodRecordBase] | None = None

    def __getattr__(self, name: str) -> object:
        if self._adapter is None:
            self._adapter = TypeAdapter(MethodRecord)
        return getattr(self._adapter, name)


method_record_adapter = _LazyAdapter()


def new_method_record(kind: MethodKind, **fields: object) -> MethodRecordBase:
    return METHOD_RECORD_CLASSES[kind](**fields)
