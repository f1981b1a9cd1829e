"""Rater pitfalls (§5.6 D) that show in the ratings themselves, as gentle warnings.

§5.6 D lists the pitfalls of the one who rates (the POP-coach, the werkvloerbegeleider). Five of
them leave a pattern in the ratings, and each detector below is a pure function of the ratings
of one rater on a scale of ``levels`` levels (1 = lowest):

==========================  ===========================================  ======================
detector                    triggers when                                pitfall (competence.json)
==========================  ===========================================  ======================
:func:`in_the_middle`       no rating at the lowest or highest level     ``centrale_tendens``
:func:`all_high`            every rating in the upper half, one at the   ``mildheid``
                            top
:func:`all_low`             every rating in the lower half, one at the   ``strengheid``
                            bottom
:func:`all_the_same`        every competence the same level              ``besmetting``
:func:`copied`              every competence rated both now and in the   ``vroegere_oordelen``
                            previous measurement has the same rating
==========================  ===========================================  ======================

A pattern needs material: the first four look at a rater only once they rated at least
:data:`MIN_RATINGS` competences, :func:`copied` once at least that many were rated both times.
The upper half of a 4-level scale is 3 and 4, of a 5-level scale 4 and 5 (the middle level of an
odd scale is neither half). The warning says what was seen; the explanation is the draaiboek's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from poptui.catalog import load_catalog
from poptui.i18n import _

MIN_RATINGS = 4
"""Fewer ratings than this by one rater make no pattern."""


class Rater(StrEnum):
    SELF = "zelf"
    COACH = "coach"
    SUPERVISOR = "werkvloerbegeleider"


RATERS = (Rater.COACH, Rater.SUPERVISOR)
"""The raters the pitfalls of §5.6 D are about (the employee's own rating is a self-assessment)."""


def in_the_middle(values: Sequence[int], levels: int) -> bool:
    return len(values) >= MIN_RATINGS and all(1 < value < levels for value in values)


def all_high(values: Sequence[int], levels: int) -> bool:
    return len(values) >= MIN_RATINGS and all(2 * value > levels + 1 for value in values) and levels in values


def all_low(values: Sequence[int], levels: int) -> bool:
    return len(values) >= MIN_RATINGS and all(2 * value < levels + 1 for value in values) and 1 in values


def all_the_same(values: Sequence[int]) -> bool:
    return len(values) >= MIN_RATINGS and len(set(values)) == 1


def copied(current: Mapping[str, int], previous: Mapping[str, int]) -> bool:
    """Every competence rated now and in the previous measurement (at least :data:`MIN_RATINGS`)
    got exactly the same rating: the previous judgement may have been carried over."""
    common = [key for key in current if key in previous]
    return len(common) >= MIN_RATINGS and all(current[key] == previous[key] for key in common)


@dataclass(frozen=True)
class PitfallWarning:
    pitfall_id: str
    rater: Rater
    observation: str
    """What poptui saw in this rater's ratings, e.g. 'alles hoog'."""
    name: str
    """The pitfall's name in the draaiboek."""
    explanation: str
    """The draaiboek's words (data/competence.json)."""

    @property
    def who(self) -> str:
        """The rater as the coach reads it ('Coach', 'Werkvloerbegeleider')."""
        return rater_name(self.rater)


def rater_name(rater: Rater) -> str:
    return {Rater.SELF: _("Werknemer"), Rater.COACH: _("Coach"), Rater.SUPERVISOR: _("Werkvloerbegeleider")}[rater]


def rater_warnings(
    rater: Rater, ratings: Mapping[str, int], levels: int, previous: Mapping[str, int] | None = None
) -> list[PitfallWarning]:
    """The warnings for one rater: ``ratings`` maps competence id to level; ``previous`` is the same
    rater's ratings in the employee's previous measurement (None when there is none)."""
    guide = load_catalog().competence
    values = list(ratings.values())
    found: list[tuple[str, str]] = []
    if in_the_middle(values, levels):
        found.append(("centrale_tendens", _("niets op het laagste of het hoogste niveau")))
    if all_high(values, levels):
        found.append(("mildheid", _("alles hoog")))
    if all_low(values, levels):
        found.append(("strengheid", _("alles laag")))
    if all_the_same(values):
        found.append(("besmetting", _("overal hetzelfde niveau")))
    if previous is not None and copied(ratings, previous):
        found.append(("vroegere_oordelen", _("alles zoals bij de vorige meting")))
    warnings = []
    for pitfall_id, observation in found:
        pitfall = guide.pitfall(pitfall_id)
        warnings.append(PitfallWarning(pitfall_id, rater, observation, pitfall.name, pitfall.explanation))
    return warnings


def all_pitfalls_text() -> str:
    """The full list of §5.6 D, for the help dialog."""
    guide = load_catalog().competence
    parts = [guide.pitfalls_intro]
    for pitfall in guide.pitfalls:
        parts += ["", f"• {pitfall.name}", f"  {pitfall.explanation}"]
    return "\n".join(parts)
