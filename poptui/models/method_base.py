"""The base of every method record (§5): which trajectory, which contact moment, notes and conclusions.

It lives in its own module so that the richer method records (``planning.py`` and
others) and ``methods.py``, which gathers them into one union, can both import it.

A conclusion is a :class:`Conclusion`: its text, the part of the POP summary it is meant for
(Wat wil ik / Wat kan ik / Ontwikkelpunten, or none yet) and the step of the method it was
drawn in. Conclusions stored before they had a part were plain strings; they load as a
:class:`Conclusion` with that text and no part or step (migrated, never dropped).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field

from poptui.models.base import DossierRecord, Line, Model, OptionalDay, RequiredLine, Text
from poptui.models.enums import MethodKind, SummaryPart


class Conclusion(Model):
    """One conclusion of a method: a candidate for the POP summary (§4.3)."""

    text: Text = Field(max_length=2000, title="Conclusie")
    part: SummaryPart | None = Field(default=None, title="Deel van de samenvatting")
    step: Line = Field(default="", max_length=80, title="Stap")
    """The method's own name for the step (a tab or section id), "" for the method as a whole."""


def _conclusion(value: Any) -> Any:
    """A conclusion stored as plain text (before conclusions had a part) becomes a Conclusion."""
    return {"text": value} if isinstance(value, str) else value


class MethodRecordBase(DossierRecord):
    table: ClassVar[str] = "method_records"
    label: ClassVar[str] = "methodiek"
    sensitive_fields: ClassVar[frozenset[str]] = frozenset()  # subclasses list their special-category fields

    kind: MethodKind
    trajectory_id: RequiredLine = Field(title="POP-traject")
    contact_moment_id: Line | None = Field(default=None, title="Contactmoment")
    date: OptionalDay = Field(default=None, title="Datum")
    notes: Text = Field(default="", title="Notities", max_length=50000)
    conclusions: list[Annotated[Conclusion, BeforeValidator(_conclusion)]] = Field(
        default_factory=list, title="Conclusies"
    )

    def conclusion_texts(self) -> list[str]:
        """The conclusions' texts, in order."""
        return [conclusion.text for conclusion in self.conclusions]

    def has_content(self) -> bool:
        """True once something was noted: notes, a conclusion, or any field of the method itself
        (an answer, a tick, a score, a card game) that differs from its default."""
        if self.notes.strip() or self.conclusions:
            return True
        own = type(self).model_fields.keys() - MethodRecordBase.model_fields.keys()
        fields = type(self).model_fields
        return any(getattr(self, name) != fields[name].get_default(call_default_factory=True) for name in own)
