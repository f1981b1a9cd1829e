"""The organisation's competence dictionary (§2.2.1, §2.2.2) and the ratings of a competence
measurement (§5.6).

A **competence** has a name, a definition and three to five observable behaviour indicators
(gedragsindicatoren, §2.2.1), and is generic or technical (§2.2.3): never "andere". A
**function profile** (competentieprofiel, §2.2.2) lists the competences a function needs, each
with the level the organisation expects. The **scale** is the organisation's: two to nine
labelled levels, numbered from 1 (default: four, from "lukt nog niet" to "lukt altijd").

An organisation keeps all three in one :class:`CompetenceDictionary` record whose id is the
organisation's id: there is exactly one per organisation, and two coaches creating it at the
same moment get a version conflict instead of two dictionaries.

A measurement stores, per competence, what it was measured against (name, kind, definition,
indicators, expected level) next to the ratings, so last year's measurement still reads the
same after the dictionary changed.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from poptui.models.base import Line, Model, Record, RequiredLine, Text, new_id
from poptui.models.enums import CompetenceKind, MethodKind
from poptui.models.method_base import MethodRecordBase
from poptui.text import fold_key

MIN_INDICATORS = 3
MAX_INDICATORS = 5
MAX_COMPETENCES = 500
"""A dictionary holds at most this many competences (and as many function profiles)."""
MIN_LEVELS = 2
MAX_LEVELS = 9
"""A scale has 2 to 9 levels: a level is rated with one digit key."""

_ITEM_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _item_id(value: str) -> str:
    if not _ITEM_ID.match(value):
        raise ValueError("Een id bestaat uit letters, cijfers, - en _ (hoogstens 64 tekens).")
    return value


ItemId = Annotated[Line, AfterValidator(_item_id)]
RatingValue = Annotated[int, Field(ge=1, le=MAX_LEVELS)]
"""A level of the scale (1 = lowest); the scale in use says how high it goes."""


class ScaleLevel(Model):
    """One level of the rating scale: its number (1 = lowest) and what it means."""

    value: int = Field(ge=1, le=MAX_LEVELS, title="Niveau")
    label: RequiredLine = Field(title="Omschrijving", max_length=60)


def check_scale(scale: list[ScaleLevel]) -> None:
    """Raise ValueError (Dutch) unless the levels are numbered 1, 2, 3 ... in order, 2 to 9 of them."""
    if not MIN_LEVELS <= len(scale) <= MAX_LEVELS:
        raise ValueError(f"Een schaal heeft {MIN_LEVELS} tot {MAX_LEVELS} niveaus.")
    if [level.value for level in scale] != list(range(1, len(scale) + 1)):
        raise ValueError("De niveaus van de schaal zijn genummerd van 1 tot het hoogste niveau, in volgorde.")


class Competence(Model):
    """A competence of the dictionary (§2.2.1): name, definition, indicators, generic or technical."""

    id: ItemId = Field(default_factory=new_id)
    name: RequiredLine = Field(title="Naam", max_length=120)
    kind: CompetenceKind = Field(title="Soort")
    definition: Text = Field(title="Definitie", min_length=1, max_length=2000)
    indicators: list[Annotated[Line, Field(min_length=1, max_length=300)]] = Field(
        title="Gedragsindicatoren", max_length=MAX_INDICATORS
    )

    @field_validator("kind")
    @classmethod
    def _generic_or_technical(cls, kind: CompetenceKind) -> CompetenceKind:
        if kind is CompetenceKind.OTHER:
            raise ValueError("Een competentie is generiek of technisch.")
        return kind

    @field_validator("definition")
    @classmethod
    def _definition_given(cls, definition: str) -> str:
        if not definition.strip():
            raise ValueError("verplicht")
        return definition.strip()

    @field_validator("indicators")
    @classmethod
    def _three_to_five(cls, indicators: list[str]) -> list[str]:
        if len(indicators) < MIN_INDICATORS:
            raise ValueError(
                f"Geef {MIN_INDICATORS} tot {MAX_INDICATORS} gedragsindicatoren: gedrag dat je kunt zien "
                f"(er zijn er nu {len(indicators)})."
            )
        return indicators


class ProfileEntry(Model):
    """A competence of a function profile and the level the organisation expects (None: not set)."""

    competence_id: ItemId = Field(title="Competentie")
    expected: RatingValue | None = Field(default=None, title="Verwacht niveau")


class FunctionProfile(Model):
    """The competence profile of a function (§2.2.2): the competences it needs, with the expected level."""

    id: ItemId = Field(default_factory=new_id)
    function: RequiredLine = Field(title="Functie", max_length=200)
    entries: list[ProfileEntry] = Field(default_factory=list, title="Competenties")


class CompetenceDictionary(Record):
    """The competence dictionary of one organisation: its competences, function profiles and scale."""

    table: ClassVar[str] = "competence_dictionaries"
    label: ClassVar[str] = "competentiewoordenboek"

    organisation_id: RequiredLine = Field(title="Organisatie")
    competences: list[Competence] = Field(default_factory=list, title="Competenties", max_length=MAX_COMPETENCES)
    profiles: list[FunctionProfile] = Field(default_factory=list, title="Functieprofielen", max_length=MAX_COMPETENCES)
    scale: list[ScaleLevel] = Field(title="Schaal")

    @model_validator(mode="after")
    def _consistent(self) -> CompetenceDictionary:
        check_scale(self.scale)
        names: set[str] = set()
        ids: set[str] = set()
        for competence in self.competences:
            key = fold_key(competence.name)
            if key in names:
                raise ValueError(f"De competentie '{competence.name}' staat twee keer in het woordenboek.")
            if competence.id in ids:
                raise ValueError(f"Twee competenties hebben dezelfde id ({competence.id}).")
            names.add(key)
            ids.add(competence.id)
        functions: set[str] = set()
        top = len(self.scale)
        for profile in self.profiles:
            key = fold_key(profile.function)
            if key in functions:
                raise ValueError(f"Er zijn twee profielen voor de functie '{profile.function}'.")
            functions.add(key)
            seen: set[str] = set()
            for entry in profile.entries:
                if entry.competence_id not in ids:
                    raise ValueError(f"Het profiel '{profile.function}' noemt een competentie die niet bestaat.")
                if entry.competence_id in seen:
                    raise ValueError(f"Het profiel '{profile.function}' noemt een competentie twee keer.")
                seen.add(entry.competence_id)
                if entry.expected is not None and entry.expected > top:
                    raise ValueError(
                        f"Het profiel '{profile.function}' verwacht niveau {entry.expected}; de schaal gaat tot {top}."
                    )
        return self

    def describe(self) -> str:
        return "competentiewoordenboek"


class CompetenceRating(Model):
    """One competence of a measurement (§5.6): what it was measured against and the ratings.

    ``supervisor`` is the werkvloerbegeleider's rating entered in the measurement; when it is
    None, the measurement shows the rating of the latest supervisor consultation instead.
    """

    competence_id: ItemId = Field(title="Competentie")
    name: RequiredLine = Field(title="Competentie", max_length=120)
    kind: CompetenceKind = Field(default=CompetenceKind.OTHER, title="Soort")
    definition: Text = Field(default="", title="Definitie", max_length=2000)
    indicators: list[Annotated[Line, Field(max_length=300)]] = Field(
        default_factory=list, title="Gedragsindicatoren", max_length=MAX_INDICATORS
    )
    expected: RatingValue | None = Field(default=None, title="Verwacht niveau")
    self_rating: RatingValue | None = Field(default=None, title="Zelf")
    coach: RatingValue | None = Field(default=None, title="Coach")
    supervisor: RatingValue | None = Field(default=None, title="Werkvloerbegeleider")
    desired: RatingValue | None = Field(default=None, title="Waar wil ik naartoe?")
    remark: Text = Field(default="", title="Opmerkingen", max_length=2000)


class ConsultationRating(Model):
    """The supervisor's rating of one competence in a supervisor consultation (tussentijds overleg)."""

    competence_id: ItemId = Field(title="Competentie")
    name: RequiredLine = Field(title="Competentie", max_length=120)
    rating: RatingValue = Field(title="Inschatting")


class CompetentiemetingRecord(MethodRecordBase):
    """Competentiemeting (§5.6): the profile measured against, the scale, and per competence the
    ratings of the employee, the coach and the supervisor, where the employee wants to be and
    remarks. Notes written before the method had its own screen load intact (the fields default)."""

    kind: Literal[MethodKind.COMPETENTIEMETING] = MethodKind.COMPETENTIEMETING
    profile_id: Line | None = Field(default=None, title="Functieprofiel")
    profile_name: Line = Field(default="", title="Functieprofiel", max_length=200)
    """The profile's function at the time; empty for a hand-picked set of competences."""
    scale: list[ScaleLevel] = Field(default_factory=list, title="Schaal", max_length=MAX_LEVELS)
    """The organisation's scale when the measurement was made (empty until it is first stored)."""
    ratings: list[CompetenceRating] = Field(default_factory=list, title="Competenties", max_length=500)

    @model_validator(mode="after")
    def _ratings_on_the_scale(self) -> CompetentiemetingRecord:
        if not self.scale:
            return self
        check_scale(self.scale)
        top = len(self.scale)
        for rating in self.ratings:  # a loop without a generator per rating: every stored measurement is checked
            for value in (rating.expected, rating.self_rating, rating.coach, rating.supervisor, rating.desired):
                if value is not None and value > top:
                    raise ValueError(f"'{rating.name}': de schaal gaat tot {top}.")
        return self
