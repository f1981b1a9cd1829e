"""Choosing the trajectory variant from reflection ability and intensity (§4.5.1)."""

from __future__ import annotations

from dataclasses import dataclass

from poptui.catalog import Variant, load_catalog
from poptui.i18n import _
from poptui.models import Level, VariantId

_ORDER = {Level.LOW: 0, Level.MEDIUM: 1, Level.HIGH: 2}


@dataclass(frozen=True)
class VariantProposal:
    variant: VariantId
    exact: bool
    """True when the combination is a row of the §4.5.1 table."""
    explanation: str


def propose_variant(reflection: Level, intensity: Level) -> VariantProposal:
    """The variant that fits, or the nearest sensible one with the reason why.

    Reflection ability decides which kind of methods suit the employee, so a
    variant with the same reflection ability comes first; then the nearest
    intensity, and between equally near ones the more intensive variant:
    leaving out a planned contact moment is easier than inventing one.
    """
    variants = list(load_catalog().variants.values())
    for variant in variants:
        if variant.reflection is reflection and variant.intensity is intensity:
            return VariantProposal(
                variant.id,
                True,
                _(
                    "Reflectievermogen {reflection} en intensiteit {intensity}: daarbij past {name}, "
                    "met {count} contactmomenten na het opstartmoment.",
                    reflection=_(reflection.value),
                    intensity=_(intensity.value),
                    name=_(variant.name),
                    count=variant.moments_after_opstart,
                ),
            )

    def distance(variant: Variant) -> tuple[int, int, int]:
        return (
            abs(_ORDER[variant.reflection] - _ORDER[reflection]),
            abs(_ORDER[variant.intensity] - _ORDER[intensity]),
            -_ORDER[variant.intensity],
        )

    best = min(variants, key=distance)
    if _ORDER[best.intensity] > _ORDER[intensity]:
        advice = _("Schrap eventueel een contactmoment als het sneller kan.")
    elif _ORDER[best.intensity] < _ORDER[intensity]:
        advice = _("Voeg eventueel een contactmoment toe als de werknemer meer begeleiding nodig heeft.")
    else:
        advice = _("Kies de methodieken op maat van het reflectievermogen van de werknemer.")
    return VariantProposal(
        best.id,
        False,
        _(
            "Voor reflectievermogen {reflection} en intensiteit {intensity} is er geen standaardvariant. "
            "Het dichtst in de buurt ligt {name} (reflectievermogen {variant_reflection}, intensiteit "
            "{variant_intensity}, {count} contactmomenten na het opstartmoment). {advice}",
            reflection=_(reflection.value),
            intensity=_(intensity.value),
            name=_(best.name),
            variant_reflection=_(best.reflection.value),
            variant_intensity=_(best.intensity.value),
            count=best.moments_after_opstart,
            advice=advice,
        ),
    )
