"""The base of every method record (§5): which trajectory, which contact moment, notes and conclusions.

It lives in its own module so that the richer method records (``planning.py`` and
others) and ``methods.py``, which gathers them into one union, can both import it.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from poptui.models.base import DossierRecord, Line, OptionalDay, RequiredLine, Text
from poptui.models.enums import MethodKind


class MethodRecordBase(DossierRecord):
    table: ClassVar[str] = "method_records"
    label: ClassVar[str] = "methodiek"
    sensitive_fields: ClassVar[frozenset[str]] = frozenset()  # subclasses list their special-category fields

    kind: MethodKind
    trajectory_id: RequiredLine = Field(title="POP-traject")
    contact_moment_id: Line | None = Field(default=None, title="Contactmoment")
    date: OptionalDay = Field(default=None, title="Datum")
    notes: Text = Field(default="", title="Notities", max_length=50000)
    conclusions: list[Text] = Field(default_factory=list, title="Conclusies")
