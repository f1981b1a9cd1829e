"""Printing forms: gather the records, call the pure writers, write private files.

For the "Afdrukken" key of every screen (each returns the written :class:`Path`):

- ``export_pop(db, trajectory_id, out_dir=None)``: the POP document (§4.3),
  named ``JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf``.
- ``export_consent(db, employee_id, out_dir=None, trajectory_id=None)``: the
  consent and registration document (§4.4.1), with the contact moments of one
  trajectory or of all the employee's trajectories.
- ``export_hours(db, organisation_id, out_dir=None)``: the organisation's hours
  beyond contact hours (§4.4.4).
- ``export_attendance(db, training_id, out_dir=None)``: the attendance list (§4.4.6).
- ``export_startup(db, organisation_id, out_dir=None)``: the start-up analysis (§3.3).
- ``export_method(db, record, out_dir=None)``: a filled method record on A4 (its
  method's filled sheet from :mod:`poptui.methods_registry`), named
  ``JJJJMMDD_METHODIEK_ACHTERNAAM_VOORNAAM.pdf`` after the record's date.
- ``export_consultation(db, consultation, out_dir=None)``: a supervisor consultation with
  its competence ratings (the dossier's ``i`` lists it beside the methods).
- ``export_blank(name, organisation=None, out_dir=None, competences=())``: a blank
  worksheet; ``name`` is one of :func:`worksheet_names` (the sheets of :data:`WORKSHEETS`
  and the general sheet of every method without one).
- ``month_package(db, year, month, out_dir=None)`` -> :class:`MonthPackageResult`:
  the month's folder and zip (§4.4 samengevat) with a Dutch ``summary``.
- ``printer_available()``: whether ``lp`` exists; ``send_to_printer(path)`` sends a
  file to the default printer and returns a Dutch message.

Files are written with owner-only permissions (0600 files, 0700 folders) through
a temporary file and :func:`os.replace`; the default folder is
:func:`poptui.locations.exports_folder`. Every export is recorded in the audit
trail (which record, never its content) *before* it is put in place, and no export
replaces another person's file of the same name (:mod:`.delivery`). Month selection
rules: :mod:`.months`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from poptui import clock
from poptui.export import file_names
from poptui.export.forms_pdf import (
    AttendancePrint,
    ConsentPrint,
    ConsentWording,
    HoursPrint,
    StartupPrint,
    attendance_pdf,
    consent_pdf,
    hours_pdf,
    startup_pdf,
)
from poptui.export.month_package import (
    PackageContents,
    package_name,
    trainings_overview_name,
    trajectories_overview_name,
    zip_bytes,
)
from poptui.export.pdf_layout import prepare_form_fonts
from poptui.export.pop_pdf import PopPrint, held_moments, pop_pdf
from poptui.formatting import format_date
from poptui.i18n import _, current_language, set_language
from poptui.labels import lower_label
from poptui.locations import exports_folder
from poptui.models import (
    ActionEvaluation,
    AuditAction,
    ContactMoment,
    ContactMomentStatus,
    DeckCard,
    Employee,
    HoursEntry,
    MethodRecordBase,
    Organisation,
    Person,
    PopDocument,
    PopStatus,
    Record,
    StartupAnalysis,
    SupervisorConsultation,
    Training,
    Trajectory,
)
from poptui.services import consent, months
from poptui.services.delivery import deliver_file, deliver_folder, export_failed
from poptui.services.helper_processes import end_with_parent
from poptui.services.hours_summary import MonthHours, hours_by_month
from poptui.store import Database
from poptui.store.errors import os_reason
from poptui.store.files import private_folder, write_private, write_private_files

__all__ = [
    "MonthPackageResult",
    "export_attendance",
    "export_blank",
    "export_consent",
    "export_consultation",
    "export_hours",
    "export_method",
    "export_pop",
    "export_startup",
    "month_package",
    "printer_available",
    "send_to_printer",
    "worksheet_names",
    "worksheet_title",
]


def __getattr__(name: str) -> object:
    """:data:`WORKSHEETS` is read from :mod:`poptui.export.worksheets_pdf` when asked for: the blank
    worksheets, the method sheets and the catalog they need are imported where they are printed, so
    the month's package (which prints none of them) starts its helpers without them."""
    if name == "WORKSHEETS":
        from poptui.export.worksheets_pdf import WORKSHEETS

        return WORKSHEETS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- writing files ------------------------------------------------------------------


def _out_folder(out_dir: Path | str | None) -> Path:
    return Path(out_dir).expanduser() if out_dir else exports_folder()


def _folder(out_dir: Path | str | None) -> Path:
    folder = _out_folder(out_dir)
    try:
        return private_folder(folder)
    except OSError as error:
        raise export_failed(folder, error) from error


# -- looking things up -------------------------------------------------------------------


def _person_name(persons: dict[str, Person], person_id: str | None) -> str:
    person = persons.get(person_id or "")
    return person.full_name if person else ""


def _persons(db: Database) -> dict[str, Person]:
    return {person.id: person for person in db.list(Person)}


def _organisation(db: Database, organisation_id: str | None) -> Organisation | None:
    return db.find(Organisation, organisation_id) if organisation_id else None


def _pop_of(db: Database, trajectory: Trajectory) -> PopDocument | None:
    pops = db.list(PopDocument, employee_id=trajectory.employee_id, trajectory_id=trajectory.id)
    return max(pops, key=lambda pop: (pop.status is PopStatus.FINAL, pop.version)) if pops else None


@dataclass
class _Built:
    name: str
    data: bytes
    record: Record
    notes: list[str] = field(default_factory=list)
    owner: str = ""
    """Whose file this is (see :mod:`.delivery`): a re-export for the same owner replaces it, no other does."""


# -- the POP document ----------------------------------------------------------------------


def _build_pop(db: Database, trajectory: Trajectory, persons: dict[str, Person], today: date) -> _Built:
    employee = db.get(Employee, trajectory.employee_id)
    pop = _pop_of(db, trajectory)
    notes: list[str] = []
    if pop is None:
        pop = PopDocument(employee_id=employee.id, trajectory_id=trajectory.id)
        notes.append(_("{name}: er is nog geen POP-document; het POP is leeg afgedrukt.", name=employee.full_name))
    elif pop.status is not PopStatus.FINAL:
        notes.append(_("{name}: het POP is nog niet definitief.", name=employee.full_name))
    day, source = months.pop_date(pop.finalised_on, trajectory.completion_date, today)
    if source == "afgerond":
        notes.append(
            _(
                "{name}: geen datum 'definitief'; de datum afgerond ({date}) staat in de bestandsnaam.",
                name=employee.full_name,
                date=format_date(day),
            )
        )
    elif source == "vandaag":
        notes.append(
            _(
                "{name}: geen datum 'definitief' of afgerond; de datum van vandaag staat in de bestandsnaam.",
                name=employee.full_name,
            )
        )
    evaluations = db.list(ActionEvaluation, employee_id=employee.id, trajectory_id=trajectory.id)
    data = pop_pdf(
        PopPrint(
            employee=employee,
            trajectory=trajectory,
            pop=pop,
            organisation=_organisation(db, employee.organisation_id),
            coach_name=_person_name(persons, trajectory.coach_id),
            moments=db.list(ContactMoment, employee_id=employee.id, trajectory_id=trajectory.id),
            evaluations=evaluations,
            print_date=today,
        )
    )
    return _Built(
        file_names.pop_file_name(day, employee.last_name, employee.first_name, employee.id),
        data,
        pop,
        notes,
        owner=f"pop:{trajectory.id}",
    )


def build_pop(db: Database, trajectory_id: str, *, today: date | None = None) -> tuple[str, bytes, Record]:
    """The POP's file name, PDF and record, neither written nor audited (for exports that bundle it)."""
    built = _build_pop(db, db.get(Trajectory, trajectory_id), _persons(db), today or clock.today())
    return built.name, built.data, built.record


def build_consent(db: Database, employee_id: str, *, today: date | None = None) -> tuple[str, bytes, Record]:
    """The consent document's file name, PDF and record, neither written nor audited."""
    today = today or clock.today()
    employee = db.get(Employee, employee_id)
    trajectories = db.list(Trajectory, employee_id=employee.id)
    built = _build_consent(db, employee, trajectories, _persons(db), today, today)
    return built.name, built.data, built.record


def export_pop(
    db: Database, trajectory_id: str, out_dir: Path | str | None = None, *, today: date | None = None
) -> Path:
    trajectory = db.get(Trajectory, trajectory_id)
    built = _build_pop(db, trajectory, _persons(db), today or clock.today())
    return _deliver(db, built, out_dir)


# -- consent, hours, attendance, start-up --------------------------------------------------------


def _build_consent(
    db: Database,
    employee: Employee,
    trajectories: Sequence[Trajectory],
    persons: dict[str, Person],
    day: date,
    today: date,
) -> _Built:
    moments = db.list(ContactMoment, employee_id=employee.id)
    ordered = sorted(trajectories, key=lambda t: (t.start_date or date.min, t.id))
    coach_ids = [t.coach_id for t in ordered if t.coach_id]
    state = consent.consent_state(db, employee.id)
    text = consent.consent_text(state.valid.consent_text_version) if state.valid else consent.current_text()
    data = consent_pdf(
        ConsentPrint(
            employee=employee,
            organisation=_organisation(db, employee.organisation_id),
            trajectories=[(t, [m for m in moments if m.trajectory_id == t.id]) for t in ordered],
            wording=ConsentWording(text.version, text.valid_from, text.title, text.text),
            coach_name=_person_name(persons, coach_ids[-1] if coach_ids else None),
            consent_date=state.valid.date if state.valid else None,
            print_date=today,
        )
    )
    return _Built(
        file_names.consent_file_name(day, employee.last_name, employee.first_name, employee.id),
        data,
        employee,
        owner=f"toestemming:{employee.id}",
    )


def export_consent(
    db: Database,
    employee_id: str,
    out_dir: Path | str | None = None,
    *,
    trajectory_id: str | None = None,
    today: date | None = None,
) -> Path:
    today = today or clock.today()
    employee = db.get(Employee, employee_id)
    trajectories = db.list(Trajectory, employee_id=employee.id)
    if trajectory_id:
        trajectories = [t for t in trajectories if t.id == trajectory_id] or [db.get(Trajectory, trajectory_id)]
    return _deliver(db, _build_consent(db, employee, trajectories, _persons(db), today, today), out_dir)


def _build_hours(
    db: Database, organisation: Organisation, persons: dict[str, Person], day: date, today: date
) -> _Built:
    entries = db.list(HoursEntry, organisation_id=organisation.id)
    coach_ids = sorted({entry.coach_id for entry in entries if entry.coach_id})
    names = {coach_id: _person_name(persons, coach_id) for coach_id in coach_ids}
    data = hours_pdf(
        HoursPrint(
            organisation=organisation,
            entries=entries,
            months=hours_by_month(entries, _organisation_moments(db, organisation.id)),
            coach_names=names,
            coach_name=", ".join(name for name in names.values() if name),
            print_date=today,
        )
    )
    return _Built(
        file_names.hours_file_name(day, organisation.name, organisation.id),
        data,
        organisation,
        owner=f"uren:{organisation.id}",
    )


def _organisation_moments(db: Database, organisation_id: str) -> list[ContactMoment]:
    """Every contact moment of the organisation's employees."""
    out: list[ContactMoment] = []
    for employee in db.list(Employee, organisation_id=organisation_id):
        out.extend(db.list(ContactMoment, employee_id=employee.id))
    return out


def export_hours(
    db: Database, organisation_id: str, out_dir: Path | str | None = None, *, today: date | None = None
) -> Path:
    today = today or clock.today()
    organisation = db.get(Organisation, organisation_id)
    return _deliver(db, _build_hours(db, organisation, _persons(db), today, today), out_dir)


def _build_attendance(db: Database, training: Training, persons: dict[str, Person], today: date) -> _Built:
    organisations = {organisation.id: organisation.name for organisation in db.list(Organisation)}
    participants = []
    for person_id in training.attendee_ids:
        person = persons.get(person_id)
        if person is not None:
            participants.append((person.full_name, organisations.get(person.organisation_id or "", "")))
    participants.sort(key=lambda item: item[0].casefold())
    trainer = persons.get(training.trainer_id or "")
    data = attendance_pdf(
        AttendancePrint(
            title=training.title,
            day=training.date,
            trainer_name=trainer.full_name if trainer else "",
            place=training.place,
            hours=training.hours,
            participants=participants,
            organisation=organisations.get(trainer.organisation_id or "", "") if trainer else "",
            print_date=today,
        )
    )
    return _Built(
        file_names.attendance_file_name(training.date, training.title, training.id),
        data,
        training,
        owner=f"aanwezigheid:{training.id}",
    )


def export_attendance(
    db: Database, training_id: str, out_dir: Path | str | None = None, *, today: date | None = None
) -> Path:
    training = db.get(Training, training_id)
    return _deliver(db, _build_attendance(db, training, _persons(db), today or clock.today()), out_dir)


def export_startup(
    db: Database, organisation_id: str, out_dir: Path | str | None = None, *, today: date | None = None
) -> Path:
    from poptui.catalog import load_catalog

    today = today or clock.today()
    organisation = db.get(Organisation, organisation_id)
    analyses = db.list(StartupAnalysis, organisation_id=organisation.id)
    analysis = (
        max(analyses, key=lambda a: (a.date or date.min, a.updated_at or a.created_at or 0)) if analyses else None
    )
    data = startup_pdf(StartupPrint(organisation, analysis, load_catalog().startup, today))
    name = file_names.startup_file_name(
        (analysis.date if analysis and analysis.date else today), organisation.name, organisation.id
    )
    return _deliver(db, _Built(name, data, analysis or organisation, owner=f"opstart:{organisation.id}"), out_dir)


def export_method(
    db: Database, record: MethodRecordBase, out_dir: Path | str | None = None, *, today: date | None = None
) -> Path:
    """The filled record of a method (stored or not yet) as an A4 PDF."""
    return _deliver(db, _build_method(db, record, today or clock.today()), out_dir)


def build_method(db: Database, record: MethodRecordBase, *, today: date | None = None) -> tuple[str, bytes, Record]:
    """The filled method's file name, PDF and record, neither written nor audited."""
    built = _build_method(db, record, today or clock.today())
    return built.name, built.data, built.record


def _build_method(db: Database, record: MethodRecordBase, today: date) -> _Built:
    from poptui.catalog import load_catalog
    from poptui.export.method_sheets import MethodSheetPrint, method_sheet_pdf
    from poptui.methods_registry import method

    employee = db.get(Employee, record.employee_id)
    trajectory = db.find(Trajectory, record.trajectory_id, employee_id=employee.id)
    moment = (
        db.find(ContactMoment, record.contact_moment_id, employee_id=employee.id) if record.contact_moment_id else None
    )
    entry = method(record.kind)
    data = method_sheet_pdf(
        MethodSheetPrint(
            record=record,
            catalog=load_catalog(),
            employee_name=employee.full_name,
            coach_name=_person_name(_persons(db), trajectory.coach_id if trajectory else None),
            organisation=(organisation.name if (organisation := _organisation(db, employee.organisation_id)) else ""),
            moment=_("{number} – {phase}", number=moment.number, phase=lower_label(moment.phase)) if moment else "",
            print_date=today,
            consultations=tuple(
                db.list(
                    SupervisorConsultation,
                    employee_id=employee.id,
                    where=lambda item: item.trajectory_id == record.trajectory_id,
                )
            ),
        ),
        entry.filled_sheet,
    )
    name = file_names.method_file_name(
        record.date or today, entry.name, employee.last_name, employee.first_name, employee.id
    )
    return _Built(name, data, record)


def export_consultation(
    db: Database, consultation: SupervisorConsultation, out_dir: Path | str | None = None, *, today: date | None = None
) -> Path:
    """A supervisor consultation (tussentijds overleg) with its competence ratings, as an A4 PDF."""
    from poptui.export.competence_sheet import ConsultationPrint, consultation_pdf
    from poptui.services.competences import dictionary

    today = today or clock.today()
    employee = db.get(Employee, consultation.employee_id)
    trajectory = db.find(Trajectory, consultation.trajectory_id, employee_id=employee.id)
    persons = _persons(db)
    organisation = _organisation(db, employee.organisation_id)
    data = consultation_pdf(
        ConsultationPrint(
            consultation=consultation,
            employee_name=employee.full_name,
            supervisor_name=_person_name(persons, consultation.supervisor_id),
            coach_name=_person_name(persons, trajectory.coach_id if trajectory else None),
            organisation=organisation.name if organisation else "",
            scale=tuple(dictionary(db, employee.organisation_id).scale),
            print_date=today,
        )
    )
    name = file_names.method_file_name(
        consultation.date or today, "OVERLEG", employee.last_name, employee.first_name, employee.id
    )
    return _deliver(db, _Built(name, data, consultation), out_dir)


def export_blank(
    name: str,
    organisation: Organisation | None = None,
    out_dir: Path | str | None = None,
    *,
    competences: Sequence[str] = (),
    competence_cards: Sequence[DeckCard] = (),
    today: date | None = None,
) -> Path:
    """A blank worksheet; no database needed, so nothing is audited. ``competences``: the
    organisation's competence names (assessment sheet); ``competence_cards``: its competences with
    four aspects (Vier op een rij, :func:`poptui.services.decks.dictionary_deck`)."""
    from poptui.catalog import load_catalog
    from poptui.export.worksheets_pdf import WorksheetPrint, worksheet_pdf

    names = worksheet_names()
    if name not in names:
        raise ValueError(_("Onbekend werkblad: {name}. Kies uit: {names}.", name=name, names=", ".join(names)))
    organisation_name = organisation.name if organisation else ""
    data = worksheet_pdf(
        WorksheetPrint(
            name, load_catalog(), organisation_name, competences, today or clock.today(), tuple(competence_cards)
        )
    )
    target = _folder(out_dir) / file_names.worksheet_file_name(name, organisation_name)
    try:
        return write_private(target, data)
    except OSError as error:
        raise export_failed(target, error) from error


def worksheet_names() -> tuple[str, ...]:
    """Every blank worksheet that :func:`export_blank` prints, in the order to offer them."""
    from poptui.catalog import load_catalog
    from poptui.export import worksheets_pdf

    return worksheets_pdf.worksheet_names(load_catalog())


def worksheet_title(name: str) -> str:
    """The title of a blank worksheet, as printed on it."""
    from poptui.catalog import load_catalog
    from poptui.export import worksheets_pdf

    return worksheets_pdf.worksheet_title(name, load_catalog())


def _deliver(db: Database, built: _Built, out_dir: Path | str | None) -> Path:
    """Audit, then put the file in place, never over another owner's file (see :mod:`.delivery`)."""
    owner = built.owner or f"{type(built.record).__name__}:{built.record.id}"
    return deliver_file(
        db, _out_folder(out_dir), built.name, built.data, owner, [(AuditAction.EXPORT, built.record, [])]
    )


# -- the month's package --------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthPackageResult:
    folder: Path
    zip_path: Path
    files: list[Path]
    missing: list[str]
    notes: list[str]
    summary: str


Progress = Callable[[str, int, int], None]
"""``progress(step, done, total)`` while the month's package is made."""

_PARALLEL_FROM = 12
"""Below this number of completed POPs the package is made in this process (starting helpers costs more)."""


def _pop_and_consent(
    db: Database, trajectory: Trajectory, employee: Employee, persons: dict[str, Person], today: date
) -> tuple[_Built, _Built]:
    built_pop = _build_pop(db, trajectory, persons, today)
    day = file_names_date(built_pop.name)
    return built_pop, _build_consent(db, employee, [trajectory], persons, day, today)


_helper: tuple[Database, dict[str, Person], date] | None = None


def _start_helper(path: Path, actor: str, persons: dict[str, Person], today: date, language: str, parent: int) -> None:
    global _helper
    end_with_parent(parent)  # a package killed while it is made leaves no helper behind
    set_language(language)
    _helper = (Database(path, actor), persons, today)


def _helper_pair(job: tuple[Trajectory, Employee]) -> tuple[_Built, _Built] | None:
    """In a helper process: the POP and consent documents of one trajectory (None: made again by the caller,
    who then sees the error as it is)."""
    assert _helper is not None
    db, persons, today = _helper
    try:
        return _pop_and_consent(db, job[0], job[1], persons, today)
    except Exception:  # an error crossing processes loses its type: the caller makes this one itself
        return None


def _pops_and_consents(
    db: Database,
    jobs: list[tuple[Trajectory, Employee]],
    persons: dict[str, Person],
    today: date,
    progress: Progress | None,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[tuple[_Built, _Built]]:
    """The POP and consent documents of every completed trajectory, made on every core.

    Setting a PDF is pure computation (fpdf2 in Python): with two cores, two helper processes
    make them twice as fast. Each helper opens the database read-only by itself. A CLI run
    forks (cheap, modules loaded); from the app (which has threads) helpers are started fresh.
    ``meanwhile`` runs in this process once the helpers have their work (the rest of the
    package: this process would otherwise only wait), or first when there are no helpers.
    """
    cores = os.cpu_count() or 1
    workers = min(cores, 4, max(1, len(jobs) // (_PARALLEL_FROM // 2)))
    out: list[tuple[_Built, _Built]] = []
    step = _("PDF's maken")
    if workers <= 1 or len(jobs) < _PARALLEL_FROM:
        meanwhile()
        for number, (trajectory, employee) in enumerate(jobs, start=1):
            out.append(_pop_and_consent(db, trajectory, employee, persons, today))
            if progress is not None:
                progress(step, number, len(jobs))
        return out
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        prepare_form_fonts()  # once here, shared by the forked helpers (and this process's own forms)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_helper,
        initargs=(db.path, db.actor, persons, today, current_language(), os.getpid()),
    ) as pool:
        made = pool.map(_helper_pair, jobs, chunksize=2)  # hands out every job at once
        meanwhile()
        for number, (job, built) in enumerate(zip(jobs, made, strict=True), 1):
            out.append(built if built is not None else _pop_and_consent(db, job[0], job[1], persons, today))
            if progress is not None:
                progress(step, number, len(jobs))
    return out


def month_package(
    db: Database,
    year: int,
    month: int,
    out_dir: Path | str | None = None,
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> MonthPackageResult:
    """Write the month's folder and zip; see :mod:`poptui.services.months` for the rules. The POPs and
    consent documents are made on every core (:func:`_pops_and_consents`), with ``progress``."""
    today = today or clock.today()
    persons = _persons(db)
    employees = {employee.id: employee for employee in db.list(Employee)}
    organisations = db.list(Organisation)
    trajectories = db.list(Trajectory)
    contents = PackageContents(year, month)
    files: dict[str, bytes] = {}
    taken: set[str] = set()
    audited: list[Record] = []

    def add(built: _Built, bucket: list[str]) -> None:
        name = file_names.unique(built.name, taken)
        if name != built.name:
            contents.notes.append(_("Twee documenten kregen dezelfde naam; het tweede heet {name}.", name=name))
        files[name] = built.data
        bucket.append(name)
        contents.notes.extend(built.notes)
        audited.append(built.record)

    completed = months.completed_in_month(trajectories, year, month)
    jobs = [
        (trajectory, employees[trajectory.employee_id])
        for trajectory in completed
        if trajectory.employee_id in employees
    ]
    trainings = months.trainings_in_month(db.list(Training), year, month)
    hours_entries = months.hours_in_month(db.list(HoursEntry), year, month)
    missing: list[str] = []
    overviews: dict[str, bytes] = {}
    others: list[tuple[_Built, list[str]]] = []

    def the_rest() -> None:
        """Everything but the POP and consent documents, made while the helpers set those (the
        overviews, openpyxl imported here: the helpers never use it; the hours and attendance
        documents): after the helpers only the files are gathered and written. What goes into the
        package, and in which order, is what it was when this came after the POPs."""
        from poptui.export.excel import (
            contact_rows,
            hours_row,
            training_row,
            trainings_workbook,
            trajectories_workbook,
            trajectory_row,
        )

        rows = []
        contacts = []
        for trajectory in completed:
            employee = employees.get(trajectory.employee_id)
            if employee is None:
                missing.append(_("Traject {id}: de werknemer bestaat niet meer.", id=trajectory.id))
                continue
            moments = db.list(ContactMoment, employee_id=employee.id, trajectory_id=trajectory.id)
            pop = _pop_of(db, trajectory)
            consent_day = months.consent_date(employee)
            if consent_day is None:
                missing.append(_("{name}: afgerond POP zonder datum toestemming.", name=employee.full_name))
            if pop is None or pop.status is not PopStatus.FINAL or pop.uploaded_on is None:
                missing.append(_("{name}: het POP is nog niet opgeladen in Mijn Loopbaan.", name=employee.full_name))
            if not trajectory.coach_id:
                missing.append(_("{name}: er is geen POP-coach ingevuld.", name=employee.full_name))
            if not held_moments(moments):
                missing.append(_("{name}: geen gehouden contactmomenten geregistreerd.", name=employee.full_name))
            organisation = _organisation_in(organisations, employee.organisation_id)
            rows.append(
                trajectory_row(
                    trajectory,
                    employee,
                    organisation,
                    _person_name(persons, trajectory.coach_id),
                    moments,
                    pop,
                    consent_day,
                )
            )
            contacts.extend(contact_rows(employee, organisation, moments))
        month_hours = _month_hours(db, organisations, employees.values(), hours_entries, year, month)
        overviews[trajectories_overview_name(year, month)] = trajectories_workbook(rows, year, month, contacts)
        organisation_names = {organisation.id: organisation.name for organisation in organisations}
        overviews[trainings_overview_name(year, month)] = trainings_workbook(
            [
                training_row(t, _person_name(persons, t.trainer_id), [_person_name(persons, p) for p in t.attendee_ids])
                for t in trainings
            ],
            [
                hours_row(e, organisation_names.get(e.organisation_id, ""), _person_name(persons, e.coach_id))
                for e in hours_entries
            ],
            year,
            month,
            month_hours,
        )
        for organisation in months.organisations_ended_in_month(
            organisations, trajectories, employees.values(), year, month
        ):
            ended = organisation.guidance_ended_on or months.month_bounds(year, month)[1]
            others.append((_build_hours(db, organisation, persons, ended, today), contents.hours))
            if not db.list(HoursEntry, organisation_id=organisation.id):
                missing.append(
                    _("{name}: begeleiding afgerond, maar er zijn geen uren geregistreerd.", name=organisation.name)
                )
        for training in trainings:
            others.append((_build_attendance(db, training, persons, today), contents.attendance))
            if not training.trainer_id:
                missing.append(_("Opleiding {title}: er is geen POP-trainer ingevuld.", title=training.describe()))
            if not training.attendee_ids:
                missing.append(_("Opleiding {title}: er zijn geen deelnemers ingevuld.", title=training.describe()))

    for built_pop, built_consent in _pops_and_consents(db, jobs, persons, today, progress, meanwhile=the_rest):
        add(built_pop, contents.pops)
        add(built_consent, contents.consents)
    contents.missing.extend(missing)
    if not completed:
        contents.notes.append(_("Er zijn geen POP-trajecten afgerond in deze maand."))
    files.update(overviews)
    contents.overviews.extend(overviews)
    for built, bucket in others:
        add(built, bucket)

    return _write_package(db, contents, files, audited, out_dir)


def _month_hours(
    db: Database,
    organisations: list[Organisation],
    employees: Iterable[Employee],
    entries: list[HoursEntry],
    year: int,
    month: int,
) -> list[tuple[str, MonthHours]]:
    """Per organisation with contact moments or hours in the month: its contact and other hours."""
    organisation_of = {employee.id: employee.organisation_id for employee in employees}
    moments = db.list(
        ContactMoment,
        where=lambda moment: moment.status is ContactMomentStatus.HELD and months.in_month(moment.date, year, month),
        dated_in=("date", year, month),
        employee_ids=db.dossiers_held_in(year, month),  # only the dossiers that held a moment in the month are read
    )
    out = []
    for organisation in organisations:
        own_entries = [entry for entry in entries if entry.organisation_id == organisation.id]
        own_moments = [moment for moment in moments if organisation_of.get(moment.employee_id) == organisation.id]
        for item in hours_by_month(own_entries, own_moments):
            if item.year == year and item.month == month:
                out.append((organisation.name, item))
    return out


def _organisation_in(organisations: list[Organisation], organisation_id: str) -> Organisation | None:
    return next((organisation for organisation in organisations if organisation.id == organisation_id), None)


def file_names_date(name: str) -> date:
    """The date at the start of a ``JJJJMMDD_...`` file name."""
    return date(int(name[0:4]), int(name[4:6]), int(name[6:8]))


def _write_package(
    db: Database, contents: PackageContents, files: dict[str, bytes], audited: list[Record], out_dir: Path | str | None
) -> MonthPackageResult:
    """The package folder and its zip: built under temporary names, audited, then put in place.

    The month's package belongs to the month (owner ``maand:JJJJ-MM``): making it again
    replaces the earlier one; a folder or zip of that name poptui did not make is never
    replaced (the new package gets a ``_2`` name instead).

    The zip is compressed in a thread while the folder is written and synced (zlib and the disk
    both let go of the interpreter: the two overlap on two cores instead of following each other).
    """
    from concurrent.futures import ThreadPoolExecutor

    root = _out_folder(out_dir)
    name = package_name(contents.year, contents.month)
    owner = f"maand:{name}"

    def fill(building: Path) -> None:
        write_private_files(building, files)  # one sync for all: the folder is put in place only afterwards

    events: list[tuple[AuditAction, Record, list[str]]] = [(AuditAction.EXPORT, record, []) for record in audited]
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="poptui-zip") as zipper:
        zipped = zipper.submit(zip_bytes, name, files)
        final = deliver_folder(db, root, name, fill, owner, lambda: events)
        zip_data = zipped.result()
    zip_path = deliver_file(db, root, f"{final.name}.zip", zip_data, owner, [])
    summary = contents.summary(str(final), str(zip_path))
    return MonthPackageResult(
        folder=final,
        zip_path=zip_path,
        files=[final / file_name for file_name in sorted(files)],
        missing=list(contents.missing),
        notes=list(contents.notes),
        summary=summary,
    )


# -- printing -----------------------------------------------------------------------------------------


def printer_available() -> bool:
    return shutil.which("lp") is not None


def send_to_printer(path: Path | str, *, db: Database | None = None, record: Record | None = None) -> str:
    """Send ``path`` to the default printer with ``lp``; a Dutch message says how it went."""
    command = shutil.which("lp")
    if command is None:
        return _("Er is geen printer ingesteld (het programma 'lp' ontbreekt). Het bestand staat in {path}.", path=path)
    try:
        result = subprocess.run([command, "--", str(path)], capture_output=True, text=True, timeout=30, check=False)
    except OSError as error:
        return _("Afdrukken lukte niet: {error}. Het bestand staat in {path}.", error=os_reason(error), path=path)
    except subprocess.TimeoutExpired:
        reason = _("de printer antwoordde niet binnen 30 seconden")
        return _("Afdrukken lukte niet: {error}. Het bestand staat in {path}.", error=reason, path=path)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip() or str(result.returncode)
        return _("Afdrukken lukte niet: {error}. Het bestand staat in {path}.", error=reason, path=path)
    if db is not None and record is not None:
        db.record_event(AuditAction.PRINT, record)
    return _("Naar de printer gestuurd: {path}.", path=Path(path).name)
