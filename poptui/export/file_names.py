"""File names of everything poptui exports: one rule, used everywhere.

The POP is uploaded to Mijn Loopbaan as ``JJJJMMDD_POP_ACHTERNAAM_VOORNAAM``
(§4.4.2): the date the POP was finalised, then the employee's last and first
name folded to upper-case ASCII letters and digits, without spaces, hyphens or
apostrophes ("Inès Van den Broeck" -> ``VANDENBROECK_INES``). Every other form
uses the same folding for its name parts.

Names in other scripts: Cyrillic and Greek are transliterated letter by letter
("Пётр Иванов" -> ``IVANOV_PETR``, "Σωκράτης" -> ``SOKRATIS``); accents are dropped
(Unicode NFKD). What still has no Latin letters (Arabic, Chinese, ...) cannot be
folded; then the name part is ``P`` and eight characters of a hash of the person's
id (``P3F9A2C1B``): stable for that person and different for another, so two
employees named "李伟" never get the same file name. Without an id such a part is
``ONBEKEND``. Every function here is pure: same input, same name.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date

UNKNOWN = "ONBEKEND"

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia", "є": "ie", "і": "i", "ї": "i", "ґ": "g", "ђ": "dj",
    "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ў": "u", "ѓ": "g", "ќ": "k", "ѕ": "dz",
}  # fmt: skip
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k",
    "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t",
    "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
_LATIN = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ħ": "h"}
_TABLE = str.maketrans(_CYRILLIC | _GREEK | _LATIN)


def transliterate(text: str) -> str:
    """Upper-case ASCII letters and digits only: 'Müller-Özdemir' -> 'MULLEROZDEMIR', 'Пётр' -> 'PETR'."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    latin = letters.replace("ου", "ou").translate(_TABLE)
    return "".join(char for char in latin if char.isascii() and char.isalnum()).upper()


def person_token(person_id: str) -> str:
    """``P`` and eight characters of a hash of the id: the name part of a name that cannot be folded."""
    return "P" + hashlib.sha256(person_id.encode("utf-8")).hexdigest()[:8].upper()


def name_part(text: str, person_id: str = "") -> str:
    """'Müller-Özdemir' -> 'MULLEROZDEMIR'; nothing foldable -> the id's token, or 'ONBEKEND' without an id."""
    folded = transliterate(text)
    if folded:
        return folded
    return person_token(person_id) if person_id else UNKNOWN


def name_parts(*texts: str, person_id: str = "") -> list[str]:
    """The folded parts of one person's or thing's name; unfoldable parts become one id token."""
    token = person_token(person_id) if person_id else None
    parts: list[str] = []
    for text in texts:
        part = name_part(text, person_id)
        if part != token or token not in parts:  # the token once: not ..._P1A2B3C4D_P1A2B3C4D
            parts.append(part)
    return parts


def dated_name(day: date, kind: str, *parts: str, extension: str = "pdf", person_id: str = "") -> str:
    """``JJJJMMDD_KIND_PART_PART.ext`` with every part folded (see :func:`name_parts`)."""
    pieces = [day.strftime("%Y%m%d"), name_part(kind), *name_parts(*parts, person_id=person_id)]
    return "_".join(pieces) + f".{extension}"


def pop_file_name(finalised_on: date, last_name: str, first_name: str, person_id: str = "") -> str:
    """``20261128_POP_VANDENBROECK_INES.pdf``; ``person_id`` (the employee's id) names unfoldable names."""
    return dated_name(finalised_on, "POP", last_name, first_name, person_id=person_id)


def consent_file_name(day: date, last_name: str, first_name: str, person_id: str = "") -> str:
    return dated_name(day, "TOESTEMMING", last_name, first_name, person_id=person_id)


def method_file_name(day: date, method: str, last_name: str, first_name: str, person_id: str = "") -> str:
    """A filled method record: ``20260302_KLOKWIJS_WILLEMS_DIRK.pdf``."""
    return dated_name(day, method, last_name, first_name, person_id=person_id)


def hours_file_name(day: date, organisation: str, organisation_id: str = "") -> str:
    return dated_name(day, "UREN", organisation, person_id=organisation_id)


def attendance_file_name(day: date, training: str, training_id: str = "") -> str:
    return dated_name(day, "AANWEZIGHEID", training, person_id=training_id)


def startup_file_name(day: date, organisation: str, organisation_id: str = "") -> str:
    return dated_name(day, "OPSTARTANALYSE", organisation, person_id=organisation_id)


def worksheet_file_name(name: str, organisation: str = "") -> str:
    parts = ["WERKBLAD", name_part(name)]
    if organisation:
        parts.append(name_part(organisation))
    return "_".join(parts) + ".pdf"


def month_label(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def unique(name: str, taken: set[str]) -> str:
    """``name`` or ``name`` with _2, _3 ... before the extension, not yet in ``taken``; adds it."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, number = name, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{stem}_{number}" + (f".{extension}" if extension else "")
    taken.add(candidate.lower())
    return candidate
