"""How the enum values read, in one place for the screens, the printed forms and the Excel
overviews (translated through the i18n layer):

- :func:`label`: as lists, forms and headings show it ("Generiek", "Begeleiding begeleiders");
- :func:`lower_label`: the same inside running text and beside tick boxes ("generiek", "actief");
- :func:`choices`: (label, member) pairs for a Select;
- :func:`yes_no`: "ja" or "nee".

The wording follows the draaiboek (e.g. §4.4.4: "begeleiding van de organisatie, de begeleiders").
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from poptui.i18n import _

EnumT = TypeVar("EnumT", bound=Enum)

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
    "wat_wil_ik": "Wat wil ik",
    "wat_kan_ik": "Wat kan ik",
    "ontwikkelpunten": "Ontwikkelpunten",
    "kwaliteiten": "Kwaliteiten",
    "vaardigheden": "Vaardigheden",
    "prenten": "Prenten",
    "competenties": "Competenties",
    "prive": "Privé",
    "beide": "Werk en privé",
    "groen": "Groen",
    "oranje": "Oranje",
    "rood": "Rood",
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


def lower_label(value: Enum | str | None) -> str:
    """:func:`label` for running text: "Generiek" -> "generiek"."""
    text = label(value)
    return text[:1].lower() + text[1:]


def choices(enum: type[EnumT]) -> list[tuple[str, EnumT]]:
    """(label, member) pairs for a Select."""
    return [(label(member), member) for member in enum]


def yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def content(text: str) -> str:
    """Text from the catalog that a screen shows (a method's name, a goal, a variant's or contact
    moment's description) in the interface's language. Text a coach typed (an own goal) has no
    translation and stays as it is."""
    return _(text) if text else text
