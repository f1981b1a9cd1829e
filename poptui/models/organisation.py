"""Organisations, the people working in them, and their start-up analysis (§2.4, §3.3)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from poptui.models.base import Line, OptionalDay, Record, RequiredLine, Text
from poptui.models.enums import OrganisationKind, Role


class Organisation(Record):
    table: ClassVar[str] = "organisations"
    label: ClassVar[str] = "organisatie"

    name: RequiredLine = Field(title="Naam", max_length=200)
    kind: OrganisationKind = Field(default=OrganisationKind.MAATWERKBEDRIJF, title="Soort")
    address: Text = Field(default="", title="Adres", max_length=500)
    contact_person: Line = Field(default="", title="Contactpersoon", max_length=200)
    phone: Line = Field(default="", title="Telefoon", max_length=50)
    email: Line = Field(default="", title="E-mail", max_length=200)
    guidance_ended_on: OptionalDay = Field(default=None, title="Begeleiding afgerond op")
    first_pop_within_months: int = Field(default=1, ge=1, le=12, title="Eerste POP-traject binnen (maanden)")
    """How many months after an employee's start a POP trajectory must have started (compliance overview)."""

    def describe(self) -> str:
        return self.name


class Person(Record):
    """Someone with a role around POP: ambassadeur, trainer, coach or supervisor."""

    table: ClassVar[str] = "persons"
    label: ClassVar[str] = "persoon"

    first_name: RequiredLine = Field(title="Voornaam", max_length=100)
    last_name: RequiredLine = Field(title="Achternaam", max_length=100)
    organisation_id: Line | None = Field(default=None, title="Organisatie")
    roles: list[Role] = Field(default_factory=list, title="Rollen")
    login: Line = Field(default="", title="Gebruikersnaam", max_length=100)
    email: Line = Field(default="", title="E-mail", max_length=200)
    phone: Line = Field(default="", title="Telefoon", max_length=50)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def describe(self) -> str:
        return self.full_name

    def has_role(self, role: Role) -> bool:
        return role in self.roles


class StartupAnalysis(Record):
    """The organisation's start-up analysis (§3.3): answers per catalog question id."""

    table: ClassVar[str] = "startup_analyses"
    label: ClassVar[str] = "opstartanalyse"

    organisation_id: RequiredLine = Field(title="Organisatie")
    date: OptionalDay = Field(default=None, title="Datum")
    answers: dict[str, Text] = Field(default_factory=dict, title="Antwoorden")
