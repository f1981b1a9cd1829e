"""An organisation's own competentiewoordenboek from an .xlsx or .csv file (§2.2.2, §5.6 stap 1).

The file is read by :mod:`poptui.services.import_table` (``;`` or ``,``, UTF-8 with or without
BOM or Windows-1252, a title row above the header, broken quotes, cleaned cells). One row per
competence; columns (Dutch or English, case and accents ignored):

- ``competentie`` / ``naam`` / ``name`` (required), ``definitie`` / ``omschrijving`` /
  ``definition`` (required), ``soort`` / ``type`` / ``kind`` (required: generiek or technisch;
  also G / T, generic / technical);
- the indicators: ``gedragsindicator 1`` ... ``gedragsindicator 5`` (or ``indicator 1`` ...),
  or one column ``gedragsindicatoren`` with one indicator per line (Alt+Enter in Excel) or
  separated by ``;`` or ``|``.

Per row: **added** (a new name), **updated** (the name is already in the dictionary: its
definition, kind and indicators are replaced; it keeps its id, so profiles, measurements and
actions still point at it) or **refused** with the reason (no name, no definition, a kind that
is not generic or technical, fewer than three or more than five indicators, a name that is
already on an earlier row of the file, a cell that is too long, an unclosed quote).

The file as a whole is refused (:attr:`CompetenceImport.problem`) when the dictionary would hold
more than :data:`~poptui.models.competences.MAX_COMPETENCES` competences after it.

All or nothing: :meth:`CompetenceImport.commit` saves only when no row is refused, in one
transaction that decides the rows again against the dictionary as stored at that moment. With
``replace`` the dictionary becomes exactly the file: competences not in the file are removed
(and taken out of the function profiles).

Everything reported (names, header cells, values) is cleaned like stored text and cut to
:data:`~poptui.services.import_table.REPORT_WIDTH` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from poptui.i18n import _
from poptui.models import Competence, CompetenceDictionary, CompetenceKind, Organisation
from poptui.models.competences import MAX_COMPETENCES, MAX_INDICATORS
from poptui.models.errors import dutch_summary, field_errors
from poptui.services.competences import change_dictionary, default_dictionary
from poptui.services.import_table import REPORT_WIDTH, ImportFileError, SourceRow, SourceTable, read_table
from poptui.store import Database, StoreError
from poptui.text import clean_line, fold_key, shorten

__all__ = ["COLUMNS", "CompetenceImport", "ImportFileError", "ImportRefused", "Outcome", "RowResult", "prepare_import"]

INDICATOR_COLUMNS = tuple(f"indicator_{number}" for number in range(1, MAX_INDICATORS + 1))
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("competentie", "naam", "name", "competence", "naam competentie", "competentienaam"),
    "definition": ("definitie", "omschrijving", "definition", "beschrijving", "description"),
    "kind": ("soort", "type", "kind", "soort competentie", "generiek/technisch", "generiek of technisch"),
    "indicators": ("gedragsindicatoren", "indicatoren", "indicators", "behaviour indicators", "behavior indicators"),
    **{
        name: (
            f"gedragsindicator {number}",
            f"indicator {number}",
            f"gedragsindicator{number}",
            f"indicator{number}",
            f"behaviour indicator {number}",
        )
        for number, name in enumerate(INDICATOR_COLUMNS, start=1)
    },
}
"""Field -> accepted header texts (Dutch first; case, spaces, '_' and accents are ignored)."""
REQUIRED = ("name", "definition", "kind")
LIMITS: dict[str, int] = {
    "name": 120,
    "definition": 2000,
    "kind": 50,
    "indicators": 2000,
    **{name: 300 for name in INDICATOR_COLUMNS},
}
MAX_ROWS = MAX_COMPETENCES
"""A file of more rows is not a competence dictionary (the record holds at most this many)."""

KINDS = {
    "generiek": CompetenceKind.GENERIC,
    "g": CompetenceKind.GENERIC,
    "generic": CompetenceKind.GENERIC,
    "algemeen": CompetenceKind.GENERIC,
    "technisch": CompetenceKind.TECHNICAL,
    "t": CompetenceKind.TECHNICAL,
    "technical": CompetenceKind.TECHNICAL,
    "functiespecifiek": CompetenceKind.TECHNICAL,
}
_SPLIT = re.compile(r"\r\n|\r|\n|;|\|")


class Outcome(StrEnum):
    ADDED = "toegevoegd"
    UPDATED = "bijgewerkt"
    REFUSED = "geweigerd"


class ImportRefused(StoreError):
    """Nothing was saved because rows were refused (all or nothing)."""

    def __init__(self, count: int, problem: str = "") -> None:
        super().__init__(
            _("Er is niets ingelezen. {problem}", problem=problem)
            if problem
            else _(
                "Er is niets ingelezen: {count} rij(en) geweigerd. Verbeter ze in het bestand en lees het opnieuw in.",
                count=count,
            )
        )


@dataclass
class RowResult:
    number: int
    name: str
    """The competence's name as the file gives it: cleaned, cut for the report."""
    outcome: Outcome
    reason: str = ""
    competence: Competence | None = None

    def outcome_text(self, committed: bool = True) -> str:
        if self.outcome is Outcome.ADDED:
            return _("toegevoegd") if committed else _("wordt toegevoegd")
        if self.outcome is Outcome.UPDATED:
            return _("bijgewerkt") if committed else _("wordt bijgewerkt")
        return _("geweigerd")

    def describe(self, committed: bool = True) -> str:
        text = _(
            "Rij {number}: {name} — {outcome}", number=self.number, name=self.name, outcome=self.outcome_text(committed)
        )
        return text + (": " + self.reason if self.reason else "")


def _quoted(value: str) -> str:
    return shorten(value, REPORT_WIDTH)


def _indicators(row: SourceRow) -> list[str]:
    """The row's indicators: the numbered columns, then the lines of the one 'gedragsindicatoren' cell."""
    found = [row.text(name) for name in INDICATOR_COLUMNS if name in row.cells]
    raw = row.cells.get("indicators")
    if raw is not None:
        found += _SPLIT.split(str(raw))
    cleaned = (clean_line(item).lstrip("-•*").strip() for item in found)
    return [item for item in cleaned if item]


def _kind(text: str) -> CompetenceKind:
    kind = KINDS.get(fold_key(text))
    if kind is None:
        raise ValueError(
            _("Soort: schrijf generiek of technisch (in het bestand: '{value}').", value=_quoted(text))
            if text
            else _("Soort: vul generiek of technisch in.")
        )
    return kind


def _competence(row: SourceRow) -> tuple[Competence | None, list[str]]:
    problems: list[str] = []
    values: dict[str, Any] = {
        "name": row.text("name"),
        "definition": row.text("definition"),
        "indicators": _indicators(row),
    }
    try:
        values["kind"] = _kind(row.text("kind"))
    except ValueError as error:
        problems.append(str(error))
        values["kind"] = CompetenceKind.GENERIC  # checked above; validate the rest too
    if len(values["indicators"]) > MAX_INDICATORS:
        problems.append(
            _(
                "Gedragsindicatoren: hoogstens {most} (in het bestand: {count}).",
                most=MAX_INDICATORS,
                count=len(values["indicators"]),
            )
        )
        values["indicators"] = values["indicators"][:MAX_INDICATORS]
    try:
        competence: Competence | None = Competence.model_validate(values)
    except ValidationError as error:
        problems = [str(item) for item in field_errors(error, Competence)] + problems
        competence = None
    return (competence if not problems else None), problems


@dataclass
class CompetenceImport:
    """The import of one file into one organisation's dictionary: a preview until :meth:`commit`."""

    database: Database
    organisation: Organisation
    source: SourceTable
    path: Path
    replace: bool = False
    rows: list[RowResult] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """With ``replace``: the names of the competences that the file no longer holds."""
    committed: bool = False
    problem: str = ""
    """Why the file as a whole cannot be taken although its rows are fine (empty: nothing)."""

    def plan(self, current: CompetenceDictionary) -> None:
        """Decide every row against ``current`` (the dictionary as stored, or the default)."""
        known = {fold_key(item.name): item for item in current.competences}
        first_seen: dict[str, int] = {}
        rows: list[RowResult] = []
        for source_row in self.source.rows:
            name = _quoted(source_row.text("name")) or _("(geen naam)")
            if source_row.problems:
                rows.append(RowResult(source_row.number, name, Outcome.REFUSED, "; ".join(source_row.problems)))
                continue
            competence, problems = _competence(source_row)
            key = fold_key(source_row.text("name"))
            if key and key in first_seen:
                problems.insert(0, _("deze naam staat al op rij {number} van het bestand", number=first_seen[key]))
            if problems or competence is None:
                rows.append(RowResult(source_row.number, name, Outcome.REFUSED, "; ".join(problems)))
                continue
            first_seen[key] = source_row.number
            existing = known.get(key)
            if existing is not None:
                rows.append(
                    RowResult(
                        source_row.number,
                        name,
                        Outcome.UPDATED,
                        _("staat al in het woordenboek: definitie, soort en gedragsindicatoren worden vervangen"),
                        competence.model_copy(update={"id": existing.id}),
                    )
                )
            else:
                rows.append(RowResult(source_row.number, name, Outcome.ADDED, competence=competence))
        self.rows = rows
        self.removed = (
            [item.name for item in current.competences if fold_key(item.name) not in first_seen] if self.replace else []
        )
        total = len(self.accepted) if self.replace else len(current.competences) + len(self.of(Outcome.ADDED))
        self.problem = (
            _(
                "Het woordenboek zou dan {count} competenties hebben; het kan er hoogstens {most} bevatten.",
                count=total,
                most=MAX_COMPETENCES,
            )
            if total > MAX_COMPETENCES
            else ""
        )

    def of(self, outcome: Outcome) -> list[RowResult]:
        return [row for row in self.rows if row.outcome is outcome]

    @property
    def refused(self) -> list[RowResult]:
        return self.of(Outcome.REFUSED)

    @property
    def accepted(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome is not Outcome.REFUSED]

    def summary(self) -> str:
        added, updated = len(self.of(Outcome.ADDED)), len(self.of(Outcome.UPDATED))
        if self.committed:
            text = _("{added} toegevoegd, {updated} bijgewerkt", added=added, updated=updated)
        else:
            text = _("{added} toe te voegen, {updated} bij te werken", added=added, updated=updated)
        text += ", " + _("{count} geweigerd", count=len(self.refused)) + "."
        if self.removed:
            text += " " + _(
                "Niet meer in het woordenboek: {names}.", names=", ".join(_quoted(name) for name in self.removed)
            )
        if self.refused and not self.committed:
            text += " " + _("Alles of niets: zolang er rijen geweigerd worden, wordt er niets ingelezen.")
        if self.problem and not self.committed:
            text += " " + self.problem + " " + _("Er wordt niets ingelezen.")
        return text

    @property
    def can_commit(self) -> bool:
        """True when the file can be taken: it has rows, none refused, and the dictionary stays within its limit."""
        return bool(self.rows) and not self.refused and not self.problem

    def notes(self) -> list[str]:
        out = []
        if self.source.ignored_columns:
            out.append(_("Niet gebruikte kolommen: {columns}.", columns=", ".join(self.source.ignored_columns[:10])))
        if not self.rows:
            out.append(_("Het bestand bevat geen rijen onder de kopregel."))
        return out

    def report_lines(self) -> list[str]:
        return [row.describe(self.committed) for row in self.rows]

    def commit(self) -> CompetenceDictionary:
        """Save the whole file into the dictionary at once; refuses (saving nothing) while any row
        is refused, the file holds no competence or the dictionary would grow too large (:attr:`problem`).
        Raises :class:`ImportRefused` or StoreError."""
        if not self.can_commit:
            raise ImportRefused(len(self.refused), self.problem)

        def change(current: CompetenceDictionary) -> CompetenceDictionary:
            self.plan(current)  # the dictionary as stored now, under the lock
            if not self.can_commit:
                raise ImportRefused(len(self.refused), self.problem)
            incoming = [row.competence for row in self.accepted if row.competence is not None]
            by_id = {item.id: item for item in incoming}
            competences = [by_id.pop(item.id, item) for item in current.competences]
            if self.replace:
                keep = {item.id for item in incoming}
                competences = [item for item in competences if item.id in keep]
            competences += list(by_id.values())
            ids = {item.id for item in competences}
            profiles = [
                profile.model_copy(
                    update={"entries": [entry for entry in profile.entries if entry.competence_id in ids]}
                )
                for profile in current.profiles
            ]
            return current.model_copy(update={"competences": competences, "profiles": profiles})

        try:
            saved = change_dictionary(self.database, self.organisation.id, change)
        except ValidationError as error:  # the dictionary as a whole (e.g. a profile) no longer validates
            raise ImportRefused(0, dutch_summary(error, CompetenceDictionary)) from error
        self.committed = True
        return saved


def prepare_import(
    database: Database, path: Path | str, organisation: Organisation, *, replace: bool = False
) -> CompetenceImport:
    """Read the file and decide every row (a dry run: nothing is saved). Raises :class:`ImportFileError`."""
    source = read_table(Path(path), COLUMNS, REQUIRED, LIMITS)
    if source.rows and not any(name in row.cells for row in source.rows for name in ("indicators", *INDICATOR_COLUMNS)):
        raise ImportFileError(
            _(
                "De kolom met gedragsindicatoren ontbreekt: geef een kolom 'gedragsindicatoren' (één per regel) of "
                "de kolommen 'gedragsindicator 1' tot 'gedragsindicator {most}'.",
                most=MAX_INDICATORS,
            )
        )
    if len(source.rows) > MAX_ROWS:
        raise ImportFileError(
            _(
                "Het bestand heeft {count} rijen; een competentiewoordenboek heeft er hoogstens {most}.",
                count=len(source.rows),
                most=MAX_ROWS,
            )
        )
    result = CompetenceImport(database, organisation, source, Path(path), replace=replace)
    stored = database.find(CompetenceDictionary, organisation.id)
    result.plan(stored or default_dictionary(organisation.id))
    return result
