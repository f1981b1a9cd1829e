"""Quick data entry: employees of one organisation from an .xlsx or .csv file.

:func:`prepare_import` reads the file and decides per row: added, skipped as a duplicate, or
refused with the reason (and the field). Nothing is written until :meth:`EmployeeImport.commit`.
Refused rows do not block the others; they are reported so the coach can fix the file and import
it again (the rows already added are then skipped as duplicates).

Duplicates: two names are the same when their :func:`~poptui.services.employees.name_key` is
(case, accents, spaces, hyphens and apostrophes ignored, letters of every script kept), within the
organisation, archived employees included, and within the file.

How the commit stays all or nothing, never duplicates and never keeps other coaches waiting:

1. Deciding (reading the file, validating every row, finding duplicates and supervisors) happens
   without the lock, against what is stored. Before reading, the import takes a snapshot of the
   ids and versions it decides on: this organisation, its people and its employees
   (:func:`poptui.store.bulk.snapshot`).
2. The commit hands every new record (employees, new werkvloerbegeleiders, the consent events of
   imported consent dates) and the few changed people to :func:`poptui.store.bulk.write_many`:
   the records are stamped and serialised without the lock, then ONE short locked step compares
   the snapshot with what is stored now and, when nothing changed, writes everything at once
   (all or nothing: on any failure nothing is saved).
3. When something did change (another coach, or the same file imported at the same moment by
   someone else), nothing is written: the rows are decided again against the new state (rows
   added meanwhile are now duplicates) and the commit tries again, up to
   :data:`COMMIT_ATTEMPTS` times. So the duplicate check and the insert act on the same state,
   as if in one locked transaction, while the lock is held only for the write itself (0.1 to
   0.2 s for 10,000 rows; ``bench/bench_import.py`` measures it).

Everything this module reports (names, refused values, header cells) is cleaned like stored text
and cut to :data:`~poptui.services.import_table.REPORT_WIDTH` characters. Each cell is cleaned once,
when it is read (:meth:`~poptui.services.import_table.SourceRow.text`); the employees are validated
with :data:`~poptui.models.base.CLEANED`, so their text is not cleaned a second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from annotated_types import MaxLen
from pydantic import ValidationError

from poptui.i18n import _
from poptui.models import ConsentEvent, ConsentKind, Employee, Level, Organisation, Person, Record, Role
from poptui.models.base import CLEANED
from poptui.models.errors import field_errors
from poptui.services.directory import fold
from poptui.services.employees import name_key
from poptui.services.import_table import REPORT_WIDTH, ImportFileError, SourceRow, SourceTable, read_table
from poptui.services.organisations import persons_of
from poptui.store import Database, StoreError
from poptui.store.bulk import Snapshot, StaleRead, snapshot, unchanged, write_many
from poptui.text import shorten

__all__ = [
    "COLUMNS",
    "EmployeeImport",
    "ImportFileError",
    "ImportProgress",
    "Outcome",
    "RowResult",
    "prepare_import",
]

COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("voornaam", "first_name", "first name", "firstname", "given name"),
    "last_name": ("achternaam", "last_name", "last name", "lastname", "familienaam", "surname", "family name"),
    "function": ("functie", "function", "job", "job title", "functietitel"),
    "supervisor": ("begeleider", "werkvloerbegeleider", "supervisor", "werkplaatsleider"),
    "reflection": ("reflectievermogen", "reflectie", "reflection", "reflection ability", "zelfinzicht"),
    "consent_date": ("toestemming", "datum toestemming", "consent", "consent_date", "consent date"),
    "start_date": (
        "startdatum",
        "datum in dienst",
        "in dienst",
        "in dienst sinds",
        "indiensttreding",
        "start_date",
        "start date",
        "hired",
    ),
    "mijn_loopbaan_account": (
        "mijn loopbaan",
        "account mijn loopbaan",
        "mijn_loopbaan_account",
        "mijn loopbaan account",
    ),
    "remarks": ("opmerkingen", "opmerking", "remarks", "notes"),
}
"""Field -> accepted header texts (Dutch first; case, spaces, '_' and accents are ignored)."""
REQUIRED = ("first_name", "last_name")


def _max_length(name: str) -> int:
    info = Employee.model_fields[name]
    return next(item.max_length for item in info.metadata if isinstance(item, MaxLen))


LIMITS: dict[str, int] = {
    "first_name": _max_length("first_name"),
    "last_name": _max_length("last_name"),
    "function": _max_length("function"),
    "remarks": _max_length("remarks"),
    "supervisor": 200,
    "reflection": 50,
    "consent_date": 50,
    "start_date": 50,
    "mijn_loopbaan_account": 50,
}
"""Longest text accepted per column (the model's own limits for what it stores); longer refuses the row."""

LEVELS = {
    "laag": Level.LOW,
    "low": Level.LOW,
    "gemiddeld": Level.MEDIUM,
    "medium": Level.MEDIUM,
    "middel": Level.MEDIUM,
    "hoog": Level.HIGH,
    "high": Level.HIGH,
}
YES = {"ja", "j", "yes", "y", "x", "1", "waar", "true"}
NO = {"nee", "n", "no", "0", "onwaar", "false", ""}
COMMIT_ATTEMPTS = 8
LISTED_NAMES = 10
"""At most this many names in one sentence of the summary (new werkvloerbegeleiders, unused columns)."""

ImportProgress = Callable[[str, int, int], None]
"""``progress(step, done, total)``: the step in Dutch ('Rijen controleren', 'Opslaan'), rows done of total."""


class Outcome(StrEnum):
    ADDED = "toegevoegd"
    DUPLICATE = "dubbel"
    REFUSED = "geweigerd"


@dataclass
class RowResult:
    """What happens (or happened) to one row of the file."""

    number: int
    name: str
    """The name as the file gives it: cleaned, cut for the report."""
    outcome: Outcome
    reason: str = ""
    employee: Employee | None = None
    note: str = ""
    """E.g. that a new werkvloerbegeleider is created for this row."""
    consent: ConsentEvent | None = None
    """The consent event behind a consent date in the file."""

    def outcome_text(self, committed: bool = True) -> str:
        if self.outcome is Outcome.ADDED:
            return _("toegevoegd") if committed else _("wordt toegevoegd")
        if self.outcome is Outcome.DUPLICATE:
            return _("overgeslagen: dubbel")
        return _("geweigerd")

    def details(self) -> str:
        return "; ".join(part for part in (self.reason, self.note) if part)

    def describe(self, committed: bool = True) -> str:
        text = _(
            "Rij {number}: {name} — {outcome}", number=self.number, name=self.name, outcome=self.outcome_text(committed)
        )
        details = self.details()
        return text + (": " + details if details else "")


def _quoted(value: str) -> str:
    return shorten(value, REPORT_WIDTH)


class _Supervisors:
    """Finds a supervisor by the name in the file; creates one (in memory) when unknown."""

    def __init__(self, people: list[Person], organisation: Organisation) -> None:
        self.organisation = organisation
        self.known = [person for person in people if person.has_role(Role.SUPERVISOR)]
        self.created: list[Person] = []
        self.given_role: list[Person] = []
        self._by_name: dict[str, Person] = {}
        self._others: dict[str, Person] = {}
        for person in self.known:
            self._index(self._by_name, person)
        for person in people:
            if not person.has_role(Role.SUPERVISOR):
                self._index(self._others, person)
        self._resolved: dict[str, tuple[Person, str]] = {}

    @staticmethod
    def _index(index: dict[str, Person], person: Person) -> None:
        for key in (fold(person.first_name + person.last_name), fold(person.last_name + person.first_name)):
            index.setdefault(key, person)

    def resolve(self, text: str) -> tuple[Person, str]:
        """(the person, a note for the report); raises ValueError with the Dutch reason."""
        wanted = fold(text)
        found = self._by_name.get(wanted)
        if found is not None:
            return found, ""
        other = self._others.get(wanted)
        if other is not None:
            for key in [key for key, person in self._others.items() if person.id == other.id]:
                del self._others[key]
            updated = other.model_copy(update={"roles": [*other.roles, Role.SUPERVISOR]})
            self.given_role.append(updated)
            self._index(self._by_name, updated)
            return updated, _("{name} krijgt de rol werkvloerbegeleider", name=_quoted(other.full_name))
        words = text.split()
        if len(words) == 1:
            single = [p for p in self.known if wanted in (fold(p.first_name), fold(p.last_name))]
            if len(single) == 1:
                return single[0], ""
            raise ValueError(
                _("Werkvloerbegeleider: '{name}' is niet gekend; geef voornaam en achternaam.", name=_quoted(text))
            )
        try:
            person = Person(
                first_name=words[0],
                last_name=" ".join(words[1:]),
                organisation_id=self.organisation.id,
                roles=[Role.SUPERVISOR],
            )
        except ValidationError as error:
            reasons = "; ".join(item.message for item in field_errors(error, Person))
            raise ValueError(_("Werkvloerbegeleider: {reasons}", reasons=reasons)) from error
        self.created.append(person)
        self._index(self._by_name, person)
        return person, _("nieuwe werkvloerbegeleider {name}", name=_quoted(person.full_name))


def _level(text: str) -> Level | None:
    if not text:
        return None
    level = LEVELS.get(fold(text))
    if level is None:
        raise ValueError(
            _("Reflectievermogen: kies laag, gemiddeld of hoog (in het bestand: '{value}').", value=_quoted(text))
        )
    return level


def _yes_no(text: str) -> bool:
    folded = fold(text)
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ValueError(_("Account Mijn Loopbaan: schrijf ja of nee (in het bestand: '{value}').", value=_quoted(text)))


def _values(row: SourceRow, texts: dict[str, str], organisation: Organisation) -> tuple[dict[str, Any], list[str]]:
    """The employee's fields from the row, and the problems found outside the model's own validation.

    Every text is the cell as :meth:`SourceRow.text` cleaned it: the employee is validated with
    :data:`~poptui.models.base.CLEANED` and its text is not cleaned a second time."""
    problems: list[str] = []
    values: dict[str, Any] = {"organisation_id": organisation.id}
    for name in ("first_name", "last_name", "function", "remarks"):
        if name in row.cells:
            values[name] = texts[name]
    for name in ("consent_date", "start_date"):
        if name in row.cells:
            raw = row.cells[name]
            values[name] = texts[name] or None if isinstance(raw, str) or raw is None else raw
    for name, parse in (("reflection", _level), ("mijn_loopbaan_account", _yes_no)):
        if name in row.cells:
            try:
                values[name] = parse(texts[name])
            except ValueError as error:
                problems.append(str(error))
    return values, problems


def _listed(names: list[str]) -> str:
    shown = ", ".join(_quoted(name) for name in names[:LISTED_NAMES])
    if len(names) > LISTED_NAMES:
        shown += " " + _("en {count} meer", count=len(names) - LISTED_NAMES)
    return shown


@dataclass
class EmployeeImport:
    """The import of one file into one organisation: a preview until :meth:`commit`."""

    database: Database
    organisation: Organisation
    source: SourceTable
    path: Path
    rows: list[RowResult] = field(default_factory=list)
    new_supervisors: list[Person] = field(default_factory=list)
    updated_persons: list[Person] = field(default_factory=list)
    committed: bool = False
    basis: list[Snapshot] = field(default_factory=list)
    """What the rows were decided against (see the module's docstring)."""

    def plan(self, progress: ImportProgress | None = None) -> None:
        """Decide every row against what is stored now (called again by :meth:`commit` when that changed)."""
        organisation_id = self.organisation.id
        self.basis = [
            snapshot(self.database, Organisation, id=organisation_id),
            snapshot(self.database, Person, organisation_id=organisation_id),
            snapshot(self.database, Employee, organisation_id=organisation_id),
        ]
        existing: dict[str, Employee] = {}
        for employee in self.database.list(Employee, organisation_id=organisation_id):
            existing.setdefault(name_key(employee.first_name, employee.last_name), employee)
        supervisors = _Supervisors(persons_of(self.database, organisation_id), self.organisation)
        first_seen: dict[str, int] = {}
        consent_version = ""
        total = len(self.source.rows)
        rows: list[RowResult] = []
        for index, source_row in enumerate(self.source.rows):
            row = self._decide(source_row, existing, first_seen, supervisors)
            if row.employee is not None and row.employee.consent_date is not None:
                if not consent_version:
                    from poptui.services.consent import current_text

                    consent_version = current_text().version
                row.consent = consent_given_event(row.employee, self.database.actor, version=consent_version)
            rows.append(row)
            if progress is not None and (index % 500 == 0 or index == total - 1):
                progress(_("Rijen controleren"), index + 1, total)
        self.rows = rows
        self.new_supervisors = supervisors.created
        self.updated_persons = supervisors.given_role

    def _decide(
        self, row: SourceRow, existing: dict[str, Employee], first_seen: dict[str, int], supervisors: _Supervisors
    ) -> RowResult:
        texts = {name: row.text(name) for name in row.cells}
        first, last = texts.get("first_name", ""), texts.get("last_name", "")
        name = _quoted(" ".join(f"{first} {last}".split())) or _("(geen naam)")
        if row.problems:
            return RowResult(row.number, name, Outcome.REFUSED, "; ".join(row.problems))
        values, problems = _values(row, texts, self.organisation)
        key = name_key(first, last)
        if first and last:
            if key in existing:
                return RowResult(
                    row.number,
                    name,
                    Outcome.DUPLICATE,
                    _(
                        "{name} bestaat al in {organisation}",
                        name=_quoted(existing[key].full_name),
                        organisation=_quoted(self.organisation.name),
                    ),
                )
            if key in first_seen:
                return RowResult(
                    row.number,
                    name,
                    Outcome.DUPLICATE,
                    _("staat al op rij {number} van het bestand", number=first_seen[key]),
                )
        try:
            employee: Employee | None = Employee.model_validate(values, context=CLEANED)  # cleaned as read
        except ValidationError as error:
            problems = [str(item) for item in field_errors(error, Employee)] + problems
            employee = None
        note = ""
        if employee is not None and not problems and texts.get("supervisor"):
            try:
                supervisor, note = supervisors.resolve(texts["supervisor"])
            except ValueError as error:
                problems.append(str(error))
            else:
                employee = employee.model_copy(update={"supervisor_id": supervisor.id})
        if problems or employee is None:
            return RowResult(row.number, name, Outcome.REFUSED, "; ".join(problems))
        first_seen[key] = row.number
        return RowResult(row.number, name, Outcome.ADDED, employee=employee, note=note)

    # -- outcome -------------------------------------------------------------------

    def of(self, outcome: Outcome) -> list[RowResult]:
        return [row for row in self.rows if row.outcome is outcome]

    @property
    def added(self) -> list[RowResult]:
        return self.of(Outcome.ADDED)

    @property
    def duplicates(self) -> list[RowResult]:
        return self.of(Outcome.DUPLICATE)

    @property
    def refused(self) -> list[RowResult]:
        return self.of(Outcome.REFUSED)

    def summary(self) -> str:
        added = len(self.added)
        text = _("{count} toegevoegd", count=added) if self.committed else _("{count} toe te voegen", count=added)
        text += ", " + _("{count} overgeslagen (dubbel)", count=len(self.duplicates))
        text += ", " + _("{count} geweigerd", count=len(self.refused)) + "."
        if self.new_supervisors:
            text += " " + _(
                "Nieuwe werkvloerbegeleiders: {names}.",
                names=_listed([person.full_name for person in self.new_supervisors]),
            )
        return text

    def notes(self) -> list[str]:
        """Remarks about the file as a whole (e.g. columns that were not used)."""
        out = []
        if self.source.ignored_columns:
            out.append(_("Niet gebruikte kolommen: {columns}.", columns=_listed(self.source.ignored_columns)))
        if not self.rows:
            out.append(_("Het bestand bevat geen rijen onder de kopregel."))
        return out

    def report_lines(self) -> list[str]:
        return [row.describe(self.committed) for row in self.rows]

    def commit(self, progress: ImportProgress | None = None) -> EmployeeImport:
        """Save every accepted row, new supervisors and consent events at once; all or nothing.

        Decides the rows again first when what they were decided against changed (see the
        module's docstring). Raises :class:`~poptui.store.StoreError` when saving fails.
        """
        if self.committed:
            return self
        stale = not unchanged(self.database, self.basis) if self.basis else True
        for _attempt in range(COMMIT_ATTEMPTS):
            if stale:
                self.plan(progress)
            added = [row for row in self.added if row.employee is not None]
            consents = [row.consent for row in added if row.consent is not None]
            new: list[Record] = [*self.new_supervisors, *(row.employee for row in added if row.employee), *consents]
            if not new and not self.updated_persons:
                break

            def saving(done: int, total: int, rows: int = len(added)) -> None:
                if progress is not None:  # counted in rows of the file, not in records
                    progress(_("Opslaan"), round(done / total * rows) if total else rows, rows)

            try:
                saved, changed = write_many(
                    self.database, new, list(self.updated_persons), expect=self.basis, progress=saving
                )
            except StaleRead:
                stale = True
                continue
            supervisors = len(self.new_supervisors)
            self.new_supervisors = [record for record in saved[:supervisors] if isinstance(record, Person)]
            for row, record in zip(added, saved[supervisors : supervisors + len(added)], strict=True):
                row.employee = record if isinstance(record, Employee) else row.employee
            self.updated_persons = [record for record in changed if isinstance(record, Person)]
            break
        else:
            raise StoreError(
                _(
                    "Tijdens het importeren wijzigden anderen telkens de gegevens van {organisation}; er is niets "
                    "opgeslagen. Probeer het over een minuut opnieuw.",
                    organisation=_quoted(self.organisation.name),
                )
            )
        self.committed = True
        return self


def consent_given_event(employee: Employee, recorded_by: str, remark: str = "", version: str = "") -> ConsentEvent:
    """The consent event behind an imported consent date (current consent text version)."""
    if not version:
        from poptui.services.consent import current_text

        version = current_text().version
    return ConsentEvent(
        employee_id=employee.id,
        kind=ConsentKind.GIVEN,
        date=employee.consent_date,
        recorded_by=recorded_by,
        consent_text_version=version,
        remark=remark or _("Overgenomen uit een import"),
    )


def prepare_import(
    database: Database, path: Path | str, organisation: Organisation, progress: ImportProgress | None = None
) -> EmployeeImport:
    """Read the file and decide every row (a dry run: nothing is saved). Raises :class:`ImportFileError`."""
    source = read_table(Path(path), COLUMNS, REQUIRED, LIMITS)
    result = EmployeeImport(database, organisation, source, Path(path))
    result.plan(progress)
    return result
