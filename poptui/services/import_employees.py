"""Quick data entry: employees of one organisation from an .xlsx or .csv file.

:func:`prepare_import` reads the file and decides per row: added, skipped as a duplicate, or
refused with the reason (and the field). Nothing is written until :meth:`EmployeeImport.commit`,
which saves every accepted row and any new supervisor in ONE transaction: when anything fails,
nothing is saved. Refused rows do not block the others; they are reported so the coach can fix
the file and import it again (the rows already added are then skipped as duplicates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from poptui.i18n import _
from poptui.models import ConsentEvent, ConsentKind, Employee, Level, Organisation, Person, Role
from poptui.models.errors import field_errors
from poptui.services.directory import fold
from poptui.services.employees import name_key
from poptui.services.import_table import ImportFileError, SourceRow, SourceTable, read_table
from poptui.services.organisations import persons_of
from poptui.store import Database

__all__ = ["COLUMNS", "EmployeeImport", "ImportFileError", "Outcome", "RowResult", "prepare_import"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("voornaam", "first_name", "first name", "firstname", "given name"),
    "last_name": ("achternaam", "last_name", "last name", "lastname", "familienaam", "surname", "family name"),
    "function": ("functie", "function", "job", "job title", "functietitel"),
    "supervisor": ("begeleider", "werkvloerbegeleider", "supervisor", "werkplaatsleider"),
    "reflection": ("reflectievermogen", "reflectie", "reflection", "reflection ability", "zelfinzicht"),
    "consent_date": ("toestemming", "datum toestemming", "consent", "consent_date", "consent date"),
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


class Outcome(StrEnum):
    ADDED = "toegevoegd"
    DUPLICATE = "dubbel"
    REFUSED = "geweigerd"


@dataclass
class RowResult:
    """What happens (or happened) to one row of the file."""

    number: int
    name: str
    outcome: Outcome
    reason: str = ""
    employee: Employee | None = None
    note: str = ""
    """E.g. that a new werkvloerbegeleider is created for this row."""

    def outcome_text(self, committed: bool = True) -> str:
        if self.outcome is Outcome.ADDED:
            return _("toegevoegd") if committed else _("wordt toegevoegd")
        if self.outcome is Outcome.DUPLICATE:
            return _("overgeslagen: dubbel")
        return _("geweigerd")

    def describe(self, committed: bool = True) -> str:
        text = _(
            "Rij {number}: {name} — {outcome}", number=self.number, name=self.name, outcome=self.outcome_text(committed)
        )
        details = [part for part in (self.reason, self.note) if part]
        return text + (": " + "; ".join(details) if details else "")


class _Supervisors:
    """Finds a supervisor by the name in the file; creates one (in memory) when unknown."""

    def __init__(self, database: Database, organisation: Organisation) -> None:
        self.organisation = organisation
        people = persons_of(database, organisation.id)
        self.known = [person for person in people if person.has_role(Role.SUPERVISOR)]
        self.others = [person for person in people if not person.has_role(Role.SUPERVISOR)]
        self.created: list[Person] = []
        self.given_role: list[Person] = []

    @staticmethod
    def _same(person: Person, wanted: str) -> bool:
        return wanted in (fold(person.first_name + person.last_name), fold(person.last_name + person.first_name))

    def resolve(self, text: str) -> tuple[Person, str]:
        """(the person, a note for the report); raises ValueError with the Dutch reason."""
        wanted = fold(text)
        for person in self.known + self.created + self.given_role:
            if self._same(person, wanted):
                return person, ""
        for person in list(self.others):
            if self._same(person, wanted):
                self.others.remove(person)
                updated = person.model_copy(update={"roles": [*person.roles, Role.SUPERVISOR]})
                self.given_role.append(updated)
                return updated, _("{name} krijgt de rol werkvloerbegeleider", name=person.full_name)
        words = text.split()
        if len(words) == 1:
            single = [p for p in self.known if wanted in (fold(p.first_name), fold(p.last_name))]
            if len(single) == 1:
                return single[0], ""
            raise ValueError(_("Werkvloerbegeleider: '{name}' is niet gekend; geef voornaam en achternaam.", name=text))
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
        return person, _("nieuwe werkvloerbegeleider {name}", name=person.full_name)


def _level(text: str) -> Level | None:
    if not text:
        return None
    level = LEVELS.get(fold(text))
    if level is None:
        raise ValueError(_("Reflectievermogen: kies laag, gemiddeld of hoog (in het bestand: '{value}').", value=text))
    return level


def _yes_no(text: str) -> bool:
    folded = fold(text)
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise ValueError(_("Account Mijn Loopbaan: schrijf ja of nee (in het bestand: '{value}').", value=text))


def _values(row: SourceRow, organisation: Organisation) -> tuple[dict[str, Any], list[str]]:
    """The employee's fields from the row, and the problems found outside the model's own validation."""
    problems: list[str] = []
    values: dict[str, Any] = {"organisation_id": organisation.id}
    for name in ("first_name", "last_name", "function", "remarks"):
        if name in row.cells:
            values[name] = row.text(name)
    if "consent_date" in row.cells:
        raw = row.cells["consent_date"]
        values["consent_date"] = raw if not isinstance(raw, str) else raw.strip() or None
    for name, parse in (("reflection", _level), ("mijn_loopbaan_account", _yes_no)):
        if name in row.cells:
            try:
                values[name] = parse(row.text(name))
            except ValueError as error:
                problems.append(str(error))
    return values, problems


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

    def plan(self) -> None:
        """Decide every row against what is stored now (called again by :meth:`commit`)."""
        existing = {
            name_key(e.first_name, e.last_name): e
            for e in self.database.list(Employee, organisation_id=self.organisation.id)
        }
        supervisors = _Supervisors(self.database, self.organisation)
        first_seen: dict[str, int] = {}
        self.rows = [self._decide(row, existing, first_seen, supervisors) for row in self.source.rows]
        self.new_supervisors = supervisors.created
        self.updated_persons = supervisors.given_role

    def _decide(
        self, row: SourceRow, existing: dict[str, Employee], first_seen: dict[str, int], supervisors: _Supervisors
    ) -> RowResult:
        name = " ".join(f"{row.text('first_name')} {row.text('last_name')}".split()) or _("(geen naam)")
        values, problems = _values(row, self.organisation)
        key = name_key(row.text("first_name"), row.text("last_name"))
        if row.text("first_name") and row.text("last_name"):
            if key in existing:
                return RowResult(
                    row.number,
                    name,
                    Outcome.DUPLICATE,
                    _(
                        "{name} bestaat al in {organisation}",
                        name=existing[key].full_name,
                        organisation=self.organisation.name,
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
            employee = Employee.model_validate(values)
        except ValidationError as error:
            problems = [str(item) for item in field_errors(error, Employee)] + problems
            employee = None
        if employee is not None and not problems and row.text("supervisor"):
            try:
                supervisor, note = supervisors.resolve(row.text("supervisor"))
            except ValueError as error:
                problems.append(str(error))
            else:
                employee = employee.model_copy(update={"supervisor_id": supervisor.id})
                first_seen[key] = row.number
                return RowResult(row.number, name, Outcome.ADDED, employee=employee, note=note)
        if problems or employee is None:
            return RowResult(row.number, name, Outcome.REFUSED, "; ".join(problems))
        first_seen[key] = row.number
        return RowResult(row.number, name, Outcome.ADDED, employee=employee)

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
                names=", ".join(person.full_name for person in self.new_supervisors),
            )
        return text

    def notes(self) -> list[str]:
        """Remarks about the file as a whole (e.g. columns that were not used)."""
        out = []
        if self.source.ignored_columns:
            out.append(_("Niet gebruikte kolommen: {columns}.", columns=", ".join(self.source.ignored_columns)))
        if not self.rows:
            out.append(_("Het bestand bevat geen rijen onder de kopregel."))
        return out

    def report_lines(self) -> list[str]:
        return [row.describe(self.committed) for row in self.rows]

    def commit(self) -> EmployeeImport:
        """Save every accepted row (and new supervisors) in one transaction; all or nothing."""
        if self.committed:
            return self
        self.plan()
        if self.added or self.updated_persons:
            with self.database.transaction() as transaction:
                self.updated_persons = [transaction.save(person) for person in self.updated_persons]
                self.new_supervisors = [transaction.save(person) for person in self.new_supervisors]
                for row in self.added:
                    if row.employee is not None:
                        row.employee = transaction.save(row.employee)
                        if row.employee.consent_date is not None:  # consent is a record of events
                            transaction.save(consent_given_event(row.employee, self.database.actor))
        self.committed = True
        return self


def consent_given_event(employee: Employee, recorded_by: str, remark: str = "") -> ConsentEvent:
    """The consent event behind an imported consent date (current consent text version)."""
    from poptui.services.consent import current_text

    return ConsentEvent(
        employee_id=employee.id,
        kind=ConsentKind.GIVEN,
        date=employee.consent_date,
        recorded_by=recorded_by,
        consent_text_version=current_text().version,
        remark=remark or _("Overgenomen uit een import"),
    )


def prepare_import(database: Database, path: Path | str, organisation: Organisation) -> EmployeeImport:
    """Read the file and decide every row (a dry run: nothing is saved). Raises :class:`ImportFileError`."""
    source = read_table(Path(path), COLUMNS, REQUIRED)
    result = EmployeeImport(database, organisation, source, Path(path))
    result.plan()
    return result
