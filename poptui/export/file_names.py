"""File names of everything poptui exports: one rule, used everywhere.

The POP is uploaded to Mijn Loopbaan as ``JJJJMMDD_POP_ACHTERNAAM_VOORNAAM``
(§4.4.2): the date the POP was finalised, then the employee's last and first
name folded to upper-case ASCII letters and digits, without spaces, hyphens or
apostrophes ("Inès Van den Broeck" -> ``VANDENBROECK_INES``). Every other form
uses the same folding for its name parts.
"""

from __future__ import annotations

from datetime import date

from poptui.text import ascii_fold

UNKNOWN = "ONBEKEND"


def name_part(text: str) -> str:
    """'Müller-Özdemir' -> 'MULLEROZDEMIR'; a name with nothing foldable -> 'ONBEKEND'."""
    folded = ascii_fold(text or "").upper()
    return folded or UNKNOWN


def dated_name(day: date, kind: str, *parts: str, extension: str = "pdf") -> str:
    """``JJJJMMDD_KIND_PART_PART.ext`` with every part folded."""
    pieces = [day.strftime("%Y%m%d"), name_part(kind), *(name_part(part) for part in parts)]
    return "_".join(pieces) + f".{extension}"


def pop_file_name(finalised_on: date, last_name: str, first_name: str) -> str:
    """``20261128_POP_VANDENBROECK_INES.pdf``."""
    return dated_name(finalised_on, "POP", last_name, first_name)


def consent_file_name(day: date, last_name: str, first_name: str) -> str:
    return dated_name(day, "TOESTEMMING", last_name, first_name)


def hours_file_name(day: date, organisation: str) -> str:
    return dated_name(day, "UREN", organisation)


def attendance_file_name(day: date, training: str) -> str:
    return dated_name(day, "AANWEZIGHEID", training)


def startup_file_name(day: date, organisation: str) -> str:
    return dated_name(day, "OPSTARTANALYSE", organisation)


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
