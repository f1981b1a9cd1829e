"""The target-group employee (doelgroepwerknemer)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from poptui.models.base import Line, OptionalDay, Record, RequiredLine, Scope, Text
from poptui.models.enums import Level


class Employee(Record):
    scope: ClassVar[Scope] = "employees"
    table: ClassVar[str] = "employees"
    label: ClassVar[str] = "werknemer"
    sensitive_fields: ClassVar[frozenset[str]] = frozenset()  # general remarks; special-category data has own fields

    first_name: RequiredLine = Field(title="Voornaam", max_length=100)
    last_name: RequiredLine = Field(title="Achternaam", max_length=100)
    organisation_id: RequiredLine = Field(title="Organisatie")
    function: Line = Field(default="", title="Functie", max_length=200)
    start_date: OptionalDay = Field(default=None, title="In dienst sinds")
    """The day the employee started in the organisation: the first POP is due within a month of it."""
    supervisor_id: Line | None = Field(default=None, title="Werkvloerbegeleider")
    reflection: Level | None = Field(default=None, title="Reflectievermogen")
    consent_date: OptionalDay = Field(default=None, title="Datum toestemming")
    mijn_loopbaan_account: bool = Field(default=False, title="Account Mijn Loopbaan")
    remarks: Text = Field(default="", title="Opmerkingen", max_length=5000)
    archived: bool = Field(default=False, title="Gearchiveerd")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def describe(self) -> str:
        return self.full_name
