"""Records of the methods (§5): one class per method kind, a union discriminated by kind.

Until a method has its own screen, its record holds free notes and conclusions;
the later, richer screens add fields with defaults, so earlier notes load intact.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, get_args

from pydantic import Field, TypeAdapter

from poptui.models.base import Text
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


class AiDroomfaseRecord(MethodRecordBase):
    """AI – droomfase (§5.1): notes and conclusions until the method has its own screen."""

    kind: Literal[MethodKind.AI_DROOMFASE] = MethodKind.AI_DROOMFASE


class KlokwijsRecord(MethodRecordBase):
    """Klokwijs (§5.9): notes and conclusions until the method has its own screen."""

    kind: Literal[MethodKind.KLOKWIJS] = MethodKind.KLOKWIJS


class PraatplaatRecord(MethodRecordBase):
    """Praatplaat (§5.13): notes and conclusions until the method has its own screen."""

    kind: Literal[MethodKind.PRAATPLAAT] = MethodKind.PRAATPLAAT


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

    def validate_python(self, data: object) -> MethodRecordBase:
        """The method record of the class that ``data["kind"]`` names."""
        if self._adapter is None:
            self._adapter = TypeAdapter(MethodRecord)
        return self._adapter.validate_python(data)


method_record_adapter = _LazyAdapter()


def new_method_record(kind: MethodKind, **fields: object) -> MethodRecordBase:
    return METHOD_RECORD_CLASSES[kind](**fields)
