"""Dutch display labels for the enum values (translated through the i18n layer)."""

from __future__ import annotations

from enum import Enum

from poptui.i18n import _

_LABELS = {
    "maatwerkbedrijf": "Maatwerkbedrijf",
    "lde": "LDE (lokale diensteneconomie)",
    "andere": "Andere",
    "ambassadeur": "POP-ambassadeur",
    "trainer": "POP-trainer",
    "coach": "POP-coach",
    "werkvloerbegeleider": "Werkvloerbegeleider",
    "laag": "Laag",
    "gemiddeld": "Gemiddeld",
    "hoog": "Hoog",
    "basistraject": "Basistraject",
    "variant_1": "Variant 1",
    "variant_2": "Variant 2",
    "variant_3": "Variant 3",
    "variant_4": "Variant 4",
    "gepland": "Gepland",
    "actief": "Actief",
    "gepauzeerd": "Gepauzeerd",
    "afgerond": "Afgerond",
    "gestopt": "Gestopt",
    "opstart": "Opstart",
    "analyse": "Analyse",
    "planning": "Planning",
    "uitvoeren": "Uitvoeren",
    "evalueren": "Evalueren",
    "gehouden": "Gehouden",
    "overgeslagen": "Overgeslagen",
    "generiek": "Generiek",
    "technisch": "Technisch",
    "tussentijds_overleg": "Tussentijds overleg",
    "huiswerk": "Huiswerk",
    "infosessie": "Infosessie",
    "intake": "Intake",
    "begeleiding_organisatie": "Begeleiding organisatie",
    "begeleiding_begeleiders": "Begeleiding begeleiders",
    "informeren": "Informeren",
    "opleiding": "Opleiding",
    "werk": "Werk",
    "trainen": "Trainen",
    "reflecteren": "Reflecteren",
    "exploreren": "Exploreren",
    "sturen": "Sturen",
    "profileren": "Profileren",
    "ontwerp": "Ontwerp",
    "definitief": "Definitief",
}


def label(value: Enum | str | None) -> str:
    """The display label of an enum member (or its value); method kinds use the catalog name."""
    if value is None:
        return "-"
    raw = value.value if isinstance(value, Enum) else str(value)
    if raw in _LABELS:
        return _(_LABELS[raw])
    from poptui.catalog import load_catalog
    from poptui.models import MethodKind

    try:
        return _(load_catalog().methods[MethodKind(raw)].name)
    except (ValueError, KeyError):
        return _(raw)


def choices(enum: type[Enum]) -> list[tuple[str, Enum]]:
    """(label, member) pairs for a Select."""
    return [(label(member), member) for member in enum]
