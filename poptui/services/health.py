"""`poptui check` and the check at every start: is the database readable, complete, current and consistent?

Two depths (the rule is in :mod:`poptui.store.manifest`):

- :func:`check_database` (``poptui check``, a restore, a start after a change) reads and
  validates every file, every record and every reference, the audit chain and the
  manifest: a listed file that is missing (a dossier, the ``dossiers/`` folder, a shared
  file) and an audit log shorter than its recorded head are problems.
- :func:`verify_for_start` compares the files with the manifest (``stat`` only). When
  every file is exactly as poptui wrote it, that is enough; otherwise it runs
  :func:`check_database` and, when that finds nothing, brings the manifest up to date.
  The app starts only on a healthy result, and the daily backup is made only after it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Collection, Container, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from poptui import models  # the check's record types load when it runs: the start's quick check needs none
from poptui.i18n import _, _n
from poptui.services import collector
from poptui.services.helper_processes import end_with_parent
from poptui.store import AccessDenied, Database, DatabaseDamaged, SaveFailed, StoreError, layout
from poptui.store import audit as audit_log
from poptui.store import manifest as store_manifest
from poptui.store.errors import unreadable
from poptui.store.files import permissions
from poptui.store.schema import META_FILE
from poptui.store.transaction import SAFE_ID
from poptui.text import shorten

if TYPE_CHECKING:
    from poptui.models import Employee, Record
    from poptui.store import validated as validated_dossiers
    from poptui.store.validated import Seen

R = TypeVar("R", bound="Record")


@dataclass
class HealthReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    audit: audit_log.Inspection | None = None
    full: bool = True
    """False when the start found every file exactly as poptui wrote it and read nothing."""

    @property
    def healthy(self) -> bool:
        return not self.problems


class DatabaseUnhealthy(DatabaseDamaged):
    """The check found problems; ``str()`` lists them in Dutch (the first ten) and says what to do."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        shown = problems[:10]
        lines = [
            _n(
                "de controle van {path} vond {count} probleem:",
                "de controle van {path} vond {count} problemen:",
                len(problems),
                path=path,
            )
        ]
        lines.extend(f"- {problem}" for problem in shown)
        if len(problems) > len(shown):
            lines.append(
                _("... en nog {count}; zie poptui check --db {path}", count=len(problems) - len(shown), path=path)
            )
        if not all("reservekopie" in problem for problem in shown):
            lines.append(
                _("Zet een reservekopie terug met 'poptui restore' of vraag hulp aan je IT-verantwoordelijke.")
            )
        StoreError.__init__(self, "\n".join(lines))
        self.path = path
        self.problems = problems


def require_verified(database: Database, before_full_check: Callable[[], None] | None = None) -> HealthReport:
    """:func:`verify_for_start`, raising :class:`DatabaseUnhealthy` when it finds problems.

    Whatever writes a backup (the daily one, ``poptui backup``, the one before an erasure) calls this
    first: a damaged database is never copied into the backups, where it would push out a good one.
    """
    report = verify_for_start(database, before_full_check)
    if not report.healthy:
        raise DatabaseUnhealthy(database.path, report.problems)
    return report


def verify_for_start(database: Database, before_full_check: Callable[[], None] | None = None) -> HealthReport:
    """The check before the app starts (and before the daily backup): quick when nothing changed.

    Raises :class:`StoreError` when the database cannot be read at all (and
    :class:`AccessDenied` when it may not be read).
    """
    differences = database.manifest_differences()
    if differences == []:
        denied = first_unreadable(database.path)
        if denied is not None:  # unchanged, but this user may not read it: the app would stop on it
            raise AccessDenied(denied)
        return HealthReport(full=False)
    if before_full_check is not None:
        before_full_check()
    verified = store_manifest.snapshot(database.path)
    report = confirmed_check(database, remember=True)
    if report.healthy and report.audit is not None:
        try:
            database.seal(verified, report.audit)
        except (StoreError, OSError):  # a read-only database: the next start checks again
            pass
    return report


def first_unreadable(root: Path) -> Path | None:
    """The first file of the database this user may not read (one ``access`` call per file, no reading).

    The files of :func:`poptui.store.manifest.data_files` (the shards of employees/ and trajectories/
    included), listed as plain strings: at every start, and
    at 2,000 employees a ``Path`` per dossier cost more than the ``access`` calls themselves."""
    base = os.fspath(root)
    fixed = (
        META_FILE,
        store_manifest.MANIFEST_FILE,
        store_manifest.CHANGES_FILE,
        *store_manifest.SHARED_FILES,
        store_manifest.AUDIT,
    )
    paths = [os.path.join(base, name) for name in fixed]
    for folder_name in (*layout.FOLDERS.values(), store_manifest.DOSSIERS):  # the shards, then the dossiers
        folder = os.path.join(base, folder_name)
        try:
            with os.scandir(folder) as entries:
                paths.extend(
                    entry.path for entry in entries if entry.name.endswith(".json") and not entry.name.startswith(".")
                )
        except FileNotFoundError:
            pass
        except OSError as error:
            raise unreadable(Path(folder), error) from error
    for path in paths:
        if not os.access(path, os.R_OK) and os.path.exists(path):
            return Path(path)
    return None


def confirmed_check(database: Database, *, remember: bool = False) -> HealthReport:
    """:func:`check_database`; problems are confirmed under the lock, so another coach's save in progress
    is never mistaken for damage (when the lock cannot be taken, the first result stands)."""
    report = check_database(database, remember=remember)
    if report.healthy:
        return report
    try:
        with database._locked():
            return check_database(database, remember=remember)
    except (SaveFailed, StoreError) as error:
        if isinstance(error, AccessDenied):
            raise
        return report


def check_database(database: Database, *, remember: bool = False) -> HealthReport:
    """Every problem found, in Dutch. Raises :class:`StoreError` only when nothing can be read,
    and :class:`AccessDenied` when a file may not be read (permissions are not damage).

    Dossiers and the start of the audit log that an earlier healthy check noted are not validated
    again (see :mod:`poptui.store.validated`); ``remember``: when this check finds nothing, note
    what it validated (``poptui check`` and the check at start; a check on behalf of something
    else, such as a backup being restored or the demo being replaced, writes nothing)."""
    # Python's cyclic collector off: a first check parses and validates about 90,000 records at 2,000
    # employees, each file kept parsed while its record types are validated, long enough to reach the oldest
    # generation, so the collector walked every object kept again and again (a fifth of the check's time)
    with collector.paused():
        return _check_database(database, remember)


def _check_database(database: Database, remember: bool) -> HealthReport:
    database.schema_version()
    validated = database.validated_dossiers()
    dossier_ids = database.dossier_ids()
    with _EarlyAudit(database, validated.audit_start()) as early_audit:
        known = {
            employee_id: validated.trusted(database.dossier_path(employee_id))
            for employee_id in dossier_ids
            if SAFE_ID.match(employee_id)
        }
        untrusted = [employee_id for employee_id, trusted in known.items() if trusted is None]
        with _EarlyDossiers(database, untrusted) as early:
            return _check_all(database, remember, validated, dossier_ids, known, early, early_audit)


def _check_all(
    database: Database,
    remember: bool,
    validated: validated_dossiers.Validated,
    dossier_ids: list[str],
    known: dict[str, validated_dossiers.Trusted | None],
    early: _EarlyDossiers,
    early_audit: _EarlyAudit,
) -> HealthReport:
    """:func:`_check_database` once the dossiers to validate are known (and being validated)."""
    report = HealthReport()
    unreadable_types: set[type] = set()

    def load(record_type: type[R], **kwargs: Any) -> list[R]:
        try:
            return database.list(record_type, **kwargs)
        except AccessDenied:
            raise
        except StoreError as error:
            report.problems.append(str(error))
            unreadable_types.add(record_type)
            return []

    head = _manifest_problems(database, report)

    from poptui.models import Employee, Organisation, Person, StartupAnalysis, Trajectory

    organisations = {item.id for item in load(Organisation)}
    persons = {item.id: item for item in load(Person)}
    employees = {item.id: item for item in load(Employee)}
    trajectories = {item.id: item for item in load(Trajectory)}
    report.counts.update(
        organisations=len(organisations), persons=len(persons), employees=len(employees), trajectories=len(trajectories)
    )
    kinds = {
        _("organisatie"): Organisation,
        _("werkvloerbegeleider"): Person,
        _("POP-coach"): Person,
        _("persoon"): Person,
        _("werknemer"): Employee,
        _("POP-traject"): Trajectory,
        _("vorig POP-traject"): Trajectory,
    }

    def missing(what: str, owner: str, ref: str) -> None:
        if kinds.get(what) in unreadable_types:  # already reported: the file holding them cannot be read
            return
        report.problems.append(
            _("{owner} verwijst naar een {what} die niet bestaat ({ref}).", owner=owner, what=what, ref=ref)
        )

    for person in persons.values():
        if person.organisation_id and person.organisation_id not in organisations:
            missing(_("organisatie"), _("Persoon {name}", name=person.full_name), person.organisation_id)
    for employee in employees.values():
        name = _("Werknemer {name}", name=employee.full_name)
        if employee.organisation_id not in organisations:
            missing(_("organisatie"), name, employee.organisation_id)
        if employee.supervisor_id and employee.supervisor_id not in persons:
            missing(_("werkvloerbegeleider"), name, employee.supervisor_id)
    for trajectory in trajectories.values():
        name = _("POP-traject {id}", id=trajectory.id)
        if trajectory.employee_id not in employees:
            missing(_("werknemer"), name, trajectory.employee_id)
        if trajectory.coach_id and trajectory.coach_id not in persons:
            missing(_("POP-coach"), name, trajectory.coach_id)
        if trajectory.previous_trajectory_id and trajectory.previous_trajectory_id not in trajectories:
            missing(_("vorig POP-traject"), name, trajectory.previous_trajectory_id)
    for analysis in load(StartupAnalysis):
        if analysis.organisation_id not in organisations:
            missing(_("organisatie"), _("Opstartanalyse"), analysis.organisation_id)
    for dictionary in load(models.CompetenceDictionary):
        if dictionary.organisation_id not in organisations:
            missing(_("organisatie"), _("Competentiewoordenboek"), dictionary.organisation_id)
    for training in load(models.Training):
        for person_id in [training.trainer_id, *training.attendee_ids]:
            if person_id and person_id not in persons:
                missing(_("persoon"), _("Opleiding {title}", title=training.title), person_id)
    for entry in load(models.HoursEntry):
        if entry.organisation_id not in organisations:
            missing(_("organisatie"), _("Urenregistratie"), entry.organisation_id)

    trajectories_unreadable = Trajectory in unreadable_types
    clean_dossiers: set[Path] = set()
    dossier_count = 0
    slots: list[list[str]] = []
    """Per dossier in order, its problems: those of the untrusted ones are filled in by their validation."""
    untrusted: list[tuple[str, Path, list[str]]] = []
    for employee_id in dossier_ids:
        problems: list[str] = []
        slots.append(problems)
        if not SAFE_ID.match(employee_id):  # not a file poptui wrote: its name may hold anything
            problems.append(
                _(
                    "Het bestand {name} in {folder} is geen dossier van poptui (de naam is geen werknemer-id). "
                    "Verplaats het uit die map.",
                    name=repr(f"{employee_id}.json"),
                    folder=database.path / "dossiers",
                )
            )
            continue
        dossier_count += 1
        if employee_id not in employees and Employee not in unreadable_types:
            problems.append(_("Er is een dossier zonder werknemer ({id}).", id=employee_id))
        path = database.dossier_path(employee_id)
        trusted = known[employee_id]
        if trusted is not None:  # the very bytes an earlier check validated: only the references are checked
            clean_dossiers.add(path)
            if all(trajectory_id in trajectories for trajectory_id in trusted.trajectories):
                continue
            tables = trusted.tables()
            for record_type in models.DOSSIER_RECORD_TYPES:
                for doc in (tables.get(record_type.table) or {}).values():
                    problems.extend(
                        _reference_problems(
                            employee_id,
                            record_type,
                            doc["id"],
                            doc["employee_id"],
                            doc.get("trajectory_id"),
                            trajectories,
                            trajectories_unreadable,
                        )
                    )
            continue
        untrusted.append((employee_id, path, problems))
    audit_path = database.path / audit_log.AUDIT_FILE
    inspected: list[audit_log.Inspection | OSError] = []

    def inspect_audit() -> None:
        try:
            inspected.append(
                early_audit.inspection(head.audit_count, head.audit_hash)
                or audit_log.inspect(audit_path, head.audit_count, head.audit_hash, validated.audit_start())
            )
        except OSError as error:
            inspected.append(error)

    checked = early.results(trajectories, trajectories_unreadable, meanwhile=inspect_audit)
    for (_employee_id, path, problems), result in zip(untrusted, checked, strict=True):
        problems.extend(result.problems)
        if result.valid and result.clean:
            validated.passed(path, result.named, result.seen)
            clean_dossiers.add(path)
    for problems in slots:
        report.problems.extend(problems)
    report.counts["dossiers"] = dossier_count
    for path in database.unclean_text_files(known_clean=clean_dossiers):
        report.problems.append(
            _(
                "{path} bevat tekst met stuur- of onzichtbare tekens, die poptui nooit zo bewaart: het bestand is "
                "buiten poptui gewijzigd. Zet een reservekopie terug.",
                path=path,
            )
        )
    outcome = inspected[0]
    if isinstance(outcome, OSError):
        failure = unreadable(audit_path, outcome)
        if isinstance(failure, AccessDenied):
            raise failure from outcome
        report.problems.append(str(failure))
    else:
        report.audit = outcome
        report.problems.extend(outcome.problems)
    report.warnings.extend(duplicate_warnings(database, list(employees.values())))
    report.warnings.extend(permission_warnings(database.path))
    report.warnings.extend(leftover_warnings(database.path))
    report.problems = list(dict.fromkeys(report.problems))  # one file read for several record types: once
    if remember and report.healthy:  # a check that found damage writes nothing
        if report.audit is not None:
            validated.audit_passed(report.audit)
        validated.save()
    return report


def _reference_problems(
    employee_id: str,
    record_type: type[Record],
    record_id: str,
    owner_id: object,
    trajectory_id: object,
    trajectories: Collection[str],
    trajectories_unreadable: bool,
) -> list[str]:
    """What is wrong with the references of one dossier record: it names another employee, or a
    trajectory that does not exist (not reported when the trajectories could not be read: that is)."""
    owner = f"{record_type.label.capitalize()} {record_id}"
    problems = []
    if owner_id != employee_id:
        problems.append(_("{owner} staat in het dossier van een andere werknemer.", owner=owner))
    if trajectory_id and trajectory_id not in trajectories and not trajectories_unreadable:
        problems.append(
            _(
                "{owner} verwijst naar een {what} die niet bestaat ({ref}).",
                owner=owner,
                what=_("POP-traject"),
                ref=str(trajectory_id),
            )
        )
    return problems


@dataclass(frozen=True)
class _DossierCheck:
    """One dossier validated record by record: its problems in order, the trajectories its records
    name, whether every record loaded (``valid``) and whether its text is clean."""

    problems: list[str]
    named: list[str]
    valid: bool
    clean: bool
    seen: Seen | None = None
    """The file as this validation read it, for noting it valid (:meth:`Validated.passed`)."""


def _check_dossier(
    database: Database, employee_id: str, trajectories: Collection[str], trajectories_unreadable: bool
) -> _DossierCheck:
    """Validate every record of one dossier (raises :class:`AccessDenied` when it may not be read).

    A dossier is first validated as one file (:meth:`Database.valid_dossier`, once the check made
    its validator): when every record is valid, its text clean and every reference sound, that is
    the result. Anything else (a damaged record, a reference to a trajectory that is gone, text
    to clean, an unreadable file) is read record type by record type, which says what is wrong in
    the words it always used."""
    read = database.read_dossier(employee_id)
    seen = read[1] if read is not None else None
    whole = (
        None
        if read is None
        else _check_whole_dossier(database, employee_id, trajectories, trajectories_unreadable, read[0])
    )
    if whole is not None:
        return replace(whole, seen=seen)
    problems: list[str] = []
    named: list[str] = []
    valid = True
    for record_type in models.DOSSIER_RECORD_TYPES:
        try:
            records = database.list(record_type, employee_id=employee_id)
        except AccessDenied:
            raise
        except StoreError as error:
            problems.append(str(error))
            valid = False
            continue
        for record in records:
            trajectory_id = getattr(record, "trajectory_id", None)
            problems.extend(
                _reference_problems(
                    employee_id,
                    record_type,
                    record.id,
                    record.employee_id,
                    trajectory_id,
                    trajectories,
                    trajectories_unreadable,
                )
            )
            if trajectory_id:
                named.append(trajectory_id)
    clean = valid and database.is_clean(database.dossier_path(employee_id))
    return _DossierCheck(problems, named, valid, clean, seen)


def _check_whole_dossier(
    database: Database,
    employee_id: str,
    trajectories: Container[str],
    trajectories_unreadable: bool,
    raw: bytes | None = None,
) -> _DossierCheck | None:
    """:func:`_check_dossier`'s result for a dossier without any problem, from its records validated as
    one file; None when the file is not valid and clean as a whole or a record names another employee
    or a trajectory that does not exist (then the records are read one by one, for the problems)."""
    tables = database.valid_dossier(employee_id, raw)
    if tables is None:
        return None
    named: list[str] = []
    for record_type in models.DOSSIER_RECORD_TYPES:  # the order in which _check_dossier names them
        for doc in (tables.get(record_type.table) or {}).values():  # valid: its ids are the record's
            if doc["employee_id"] != employee_id:
                return None
            trajectory_id = doc.get("trajectory_id")
            if trajectory_id:
                if trajectory_id not in trajectories and not trajectories_unreadable:
                    return None
                named.append(trajectory_id)
    return _DossierCheck([], named, True, True)


WHOLE_FILES_FROM = 64
"""From this many dossiers to validate, a check first validates each as one file (see
:func:`_check_dossier`): making that validator costs more than validating a few dossiers."""

PARALLEL_FROM = 200
"""From this many dossiers to validate, a check on a machine with several cores validates them in
helper processes (see :func:`_check_dossiers`)."""

_helper: tuple[Database, Collection[str], bool] | None = None
"""What a forked helper of :func:`_check_dossiers` works with: set before the fork, inherited."""


def _check_in_helper(employee_id: str) -> _DossierCheck | None:
    """:func:`_check_dossier` in a helper; None on any error (an error crossing processes loses its
    type: the caller validates that dossier itself, and so raises or reports it as it is)."""
    assert _helper is not None
    try:
        return _check_dossier(_helper[0], employee_id, _helper[1], _helper[2])
    except Exception:
        return None


def _helpers(count: int) -> int:
    """How many helper processes validate ``count`` dossiers: one per core (at most 4) when there
    are enough of them to pay for the helpers, and only where a helper can be forked (see
    :func:`_cores_to_fork`)."""
    if count < PARALLEL_FROM:
        return 0
    return min(_cores_to_fork(), 4)


def _cores_to_fork() -> int:
    """The cores a check may fork helper processes for: 0 on one core, and where a helper cannot be
    forked (the app, which has threads, checks in its own process; a system without ``fork``)."""
    import multiprocessing
    import threading

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return cores


AUDIT_APART_FROM = 1 << 20
"""From this many bytes of the audit log to read (past the start an earlier check found whole), a
check on several cores reads the log in a helper process of its own (see :class:`_EarlyAudit`)."""


class _EarlyAudit:
    """The audit log's check (:func:`poptui.store.audit.inspect`) in a helper process forked as the
    check begins, while this process loads the record types and makes the dossiers' validator.

    Until the dossiers' helpers are forked this process works on one core and the other is idle;
    the audit log needs neither the records nor pydantic, and at 2,000 employees its 94,000 lines
    are a fifth of a first check's work. Only the result comes back (an
    :class:`~poptui.store.audit.Inspection`): it stands when the manifest's head is still the one
    the helper was given; otherwise, and when the helper fails in any way (an error, a crash),
    this process inspects the log itself, as without a helper, and so reports or raises what it
    finds. A log with little to read, one core, or the app: no helper."""

    def __init__(self, database: Database, verified: audit_log.Verified | None) -> None:
        self.path = database.path / audit_log.AUDIT_FILE
        self.root = database.path
        self.verified = verified
        self.head: tuple[int, str] | None = None
        self._process: Any = None
        self._reader: Any = None

    def __enter__(self) -> _EarlyAudit:
        try:
            size = os.stat(self.path).st_size
            manifest = store_manifest.read(self.root)
        except (OSError, StoreError):  # the check says what is wrong with them
            return self
        if size - (self.verified.size if self.verified is not None else 0) < AUDIT_APART_FROM or not _cores_to_fork():
            return self
        import multiprocessing

        head = (manifest.audit_count, manifest.audit_hash) if manifest is not None else (0, "")
        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(
            target=_inspect_apart, args=(writer, self.path, head, self.verified, os.getpid()), daemon=True
        )
        process.start()
        writer.close()  # only the helper writes: a helper that dies leaves the reader at its end
        self.head, self._process, self._reader = head, process, reader
        return self

    def inspection(self, head_count: int, head_hash: str) -> audit_log.Inspection | None:
        """The helper's result for the log with this head; None when there is none to take."""
        if self._reader is None:
            return None
        found: Any = None
        with contextlib.suppress(EOFError, OSError):
            found = self._reader.recv()
        self._reader.close()
        self._reader = None
        self.__exit__()
        if self.head != (head_count, head_hash) or not isinstance(found, audit_log.Inspection):
            return None
        return found

    def __exit__(self, *_exc: object) -> None:
        if self._reader is not None:  # the check ends without its result (an error, Ctrl+C): stop it
            self._reader.close()
            self._reader = None
            if self._process is not None:
                self._process.terminate()
        if self._process is not None:
            self._process.join()
            self._process = None


def _inspect_apart(
    writer: Any, path: Path, head: tuple[int, str], verified: audit_log.Verified | None, parent: int
) -> None:
    """:class:`_EarlyAudit`'s helper: inspect the log, send the result (None on any error) and end
    without running the exit handlers or flushing what it inherited (the parent's output); it ends at
    once when ``parent``, the check, ends first."""
    import signal

    try:
        end_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
        try:
            found: audit_log.Inspection | None = audit_log.inspect(path, head[0], head[1], verified)
        except Exception:
            found = None
        writer.send(found)
        writer.close()
    finally:
        os._exit(0)


def _check_dossiers(
    database: Database,
    employee_ids: list[str],
    trajectories: Collection[str],
    trajectories_unreadable: bool,
    meanwhile: Callable[[], None],
) -> list[_DossierCheck]:
    """:func:`_check_dossier` for each dossier, in order; on every core when there are many.

    Validating the records of every dossier through pydantic is most of a first check (about
    90,000 records at 2,000 employees) and pure computation: forked helpers (which inherit the
    loaded models and the references to check against) each validate a share, and return only
    the problems and trajectory ids found. The result is the same as validating here.
    ``meanwhile`` runs in this process while the helpers work (the audit log's chain, or taking its
    result from :class:`_EarlyAudit`: this process would otherwise only wait), or first when there
    are no helpers."""
    global _helper
    if len(employee_ids) >= WHOLE_FILES_FROM:
        database.prepare_dossier_validation()  # before the helpers fork: they inherit it
    workers = _helpers(len(employee_ids))
    if not workers:
        meanwhile()
        return [_check_dossier(database, item, trajectories, trajectories_unreadable) for item in employee_ids]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _helper = (database, trajectories, trajectories_unreadable)
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=end_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            results = pool.map(_check_in_helper, employee_ids, chunksize=16)  # hands out every dossier at once
            meanwhile()
            found = list(results)
    finally:
        _helper = None
    return [
        result if result is not None else _check_dossier(database, item, trajectories, trajectories_unreadable)
        for item, result in zip(employee_ids, found, strict=True)
    ]


class _Everything:
    """Holds every trajectory id: a helper validating a dossier before the trajectories are read
    notes the ones its records name, and the check looks them up once it has read them."""

    def __contains__(self, _item: object) -> bool:
        return True


def _check_whole_in_helper(employee_id: str) -> _DossierCheck | None:
    """:func:`_check_whole_dossier` in a helper started before the trajectories were read: its result
    names the trajectories to look up; None when the dossier is to be checked record by record (any
    error too, as in :func:`_check_in_helper`)."""
    assert _helper is not None
    try:
        read = _helper[0].read_dossier(employee_id)
        if read is None:
            return None
        whole = _check_whole_dossier(_helper[0], employee_id, _Everything(), False, read[0])
        return None if whole is None else replace(whole, seen=read[1])
    except Exception:
        return None


class _EarlyDossiers:
    """The dossiers a check validates, handed to helper processes before the rest of the database is
    read: the helpers validate each as one file (:func:`_check_whole_dossier`) while this process
    reads and checks the shared files and the audit log, instead of first reading those on one
    core. What a helper could not take whole, and a dossier naming a trajectory that does not
    exist, is checked record by record afterwards (:func:`_check_dossiers`), for its problems in
    their own words. Without helpers (few dossiers, one core, the app) it is :func:`_check_dossiers`."""

    def __init__(self, database: Database, employee_ids: list[str]) -> None:
        self.database = database
        self.employee_ids = employee_ids
        self._pool: Any = None
        self._found: Iterator[_DossierCheck | None] | None = None

    def __enter__(self) -> _EarlyDossiers:
        global _helper
        if len(self.employee_ids) < WHOLE_FILES_FROM:
            return self
        workers = _helpers(len(self.employee_ids))
        if not workers:
            return self
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.database.prepare_dossier_validation()  # before the helpers fork: they inherit it
        _helper = (self.database, (), False)
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=end_with_parent,
            initargs=(os.getpid(),),
        )
        self._found = self._pool.map(_check_whole_in_helper, self.employee_ids, chunksize=16)
        return self

    def __exit__(self, *_exc: object) -> None:
        global _helper
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            _helper = None

    def results(
        self, trajectories: Collection[str], trajectories_unreadable: bool, meanwhile: Callable[[], None]
    ) -> list[_DossierCheck]:
        """Every dossier's :func:`_check_dossier` result, in order (``meanwhile`` as in :func:`_check_dossiers`)."""
        global _helper
        if self._found is None:
            return _check_dossiers(self.database, self.employee_ids, trajectories, trajectories_unreadable, meanwhile)
        meanwhile()
        found = list(self._found)
        self.__exit__()
        again = [
            index
            for index, result in enumerate(found)
            if result is None
            or (not trajectories_unreadable and not all(item in trajectories for item in result.named))
        ]
        redone = _check_dossiers(
            self.database,
            [self.employee_ids[index] for index in again],
            trajectories,
            trajectories_unreadable,
            meanwhile=lambda: None,
        )
        for index, again_result in zip(again, redone, strict=True):
            found[index] = again_result
        checked: list[_DossierCheck] = []
        for item in found:
            assert item is not None  # every one checked again above
            checked.append(item)
        return checked


LISTED_DUPLICATES = 20


def duplicate_warnings(database: Database, employees: list[Employee]) -> list[str]:
    """Likely duplicate employees, one warning per group (archived employees included).

    "Likely" means: in the same organisation, with the same name key (first and last name with
    case, accents, spaces, hyphens and apostrophes ignored; letters of every script kept), or with
    first and last name swapped (a file imported with its columns the wrong way round). Saving
    refuses such a second employee, so a group comes from an older version, a restored or merged
    database, or an import that raced another. Employees carry no birth date or national number,
    so two people with one name in different organisations are taken to be different people.
    A warning, not a problem: ``check`` still exits 0; the coach archives the extra record.
    """
    from poptui.services.employees import name_key

    groups: dict[tuple[str, str], list[Employee]] = {}
    for employee in sorted(employees, key=lambda item: (item.created_at is None, item.created_at or 0, item.id)):
        key = name_key(employee.first_name, employee.last_name)
        swapped = name_key(employee.last_name, employee.first_name)
        if (employee.organisation_id, key) not in groups and (employee.organisation_id, swapped) in groups:
            key = swapped
        groups.setdefault((employee.organisation_id, key), []).append(employee)
    found = [group for group in groups.values() if len(group) > 1]
    if not found:
        return []
    try:
        names = {item.id: item.name for item in database.list(models.Organisation)}
    except StoreError:
        names = {}
    warnings = []
    for group in found[:LISTED_DUPLICATES]:
        listed = ", ".join(
            _(
                "{name} (id {id}{archived})",
                name=shorten(item.full_name, 60),
                id=item.id,
                archived=_(", gearchiveerd") if item.archived else "",
            )
            for item in group
        )
        warnings.append(
            _(
                "Mogelijk dubbele werknemers in {organisation}: {listed}. Archiveer wie dubbel is.",
                organisation=shorten(names.get(group[0].organisation_id, group[0].organisation_id), 60),
                listed=listed,
            )
        )
    if len(found) > LISTED_DUPLICATES:
        warnings.append(_("En nog {count} groepen mogelijk dubbele werknemers.", count=len(found) - LISTED_DUPLICATES))
    return warnings


def _manifest_problems(database: Database, report: HealthReport) -> store_manifest.Manifest:
    """Files the manifest lists that are gone; returns the manifest (empty when there is none)."""
    try:
        found = store_manifest.read(database.path)
    except store_manifest.ManifestUnreadable:
        report.warnings.append(
            _(
                "De inhoudstabel {path} was onleesbaar (bijvoorbeeld na een stroomonderbreking). Deze controle kon "
                "daardoor niet nagaan of er dossiers of auditregels verdwenen zijn; de volgende start maakt een "
                "nieuwe inhoudstabel als de rest in orde is.",
                path=database.path / store_manifest.MANIFEST_FILE,
            )
        )
        return store_manifest.Manifest()
    except AccessDenied:
        raise
    except StoreError as error:
        report.problems.append(str(error))
        return store_manifest.Manifest()
    if found is None:
        if database.meta().get(store_manifest.META_FLAG):
            report.problems.append(
                _(
                    "De inhoudstabel {path} ontbreekt: poptui kan niet nagaan of er dossiers of auditregels "
                    "verdwenen zijn. Zet een reservekopie terug.",
                    path=database.path / store_manifest.MANIFEST_FILE,
                )
            )
        return store_manifest.Manifest()
    missing = store_manifest.missing_files(database.path, found)
    dossiers = [name for name in missing if name.startswith(store_manifest.DOSSIERS + "/")]
    if dossiers and not (database.path / store_manifest.DOSSIERS).is_dir():
        report.problems.append(
            _(
                "De map met dossiers ({path}) ontbreekt: {count} dossier(s) zijn weg. Zet een reservekopie terug.",
                path=database.path / store_manifest.DOSSIERS,
                count=len(dossiers),
            )
        )
    else:
        for name in dossiers:
            report.problems.append(
                _(
                    "Het dossier {path} ontbreekt (contactmomenten, methodieken en POP's van werknemer {id}). "
                    "Zet een reservekopie terug.",
                    path=database.path / name,
                    id=Path(name).stem,
                )
            )
    for name in missing:
        if name not in dossiers:
            report.problems.append(
                _("Het bestand {path} ontbreekt. Zet een reservekopie terug.", path=database.path / name)
            )
    return found


def _too_open(mode: int, shared: bool) -> bool:
    return bool(mode & (0o007 if shared else 0o077))


def permission_warnings(root: Path) -> list[str]:
    """Files and folders that others may read: everyone, or in private mode also the group."""
    if os.name != "posix":
        return []
    shared = permissions().shared
    exposed = []
    for path in [root, *sorted(root.rglob("*"))]:
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            continue
        if _too_open(stat.S_IMODE(info.st_mode), shared):
            exposed.append(path)
    if not exposed:
        return []
    who = _("iedereen op deze computer") if shared else _("andere gebruikers")
    listed = ", ".join(str(path) for path in exposed[:5]) + (" …" if len(exposed) > 5 else "")
    fix = _("chmod -R o-rwx {root}", root=root) if shared else _("chmod -R go-rwx {root}", root=root)
    return [
        _(
            "{count} bestand(en) of map(pen) zijn leesbaar voor {who}: {listed}. Herstel met: {fix}",
            count=len(exposed),
            who=who,
            listed=listed,
            fix=fix,
        )
    ]


def leftover_warnings(root: Path) -> list[str]:
    """Temporary files left behind by a process that was stopped in the middle of a save."""
    folders = (root, root / "dossiers", *(root / name for name in layout.FOLDERS.values()))
    leftovers = [path for folder in folders if folder.is_dir() for path in folder.glob(".*.tmp")]
    if not leftovers:
        return []
    return [
        _(
            "{count} tijdelijk(e) bestand(en) van een onderbroken opslag; ze zijn onschadelijk en worden bij de "
            "eerste start van de dag opgeruimd.",
            count=len(leftovers),
        )
    ]
