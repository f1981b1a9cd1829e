"""The rights of the person (GDPR): a copy of everything stored, erasure, and retention.

- :func:`export_person`: one folder with ``gegevens.json`` (every record about the
  employee, their consent events and the audit entries about them) and, when
  the forms service is there, the PDFs (consent document, POP per trajectory,
  every filled method).
- :func:`erase_person`: one transaction removing the employee, their
  trajectories and their dossier, and their name from the attendee lists of
  other employees' (collective) contact moments. The audit log keeps its
  entries (they hold ids and field names, never values) and gets an ERASE entry
  without personal data, so the hash chain stays whole. Backups still holding
  the person are listed with the day rotation removes them.
- :func:`retention_due`: trajectories completed or stopped longer ago than the
  retention period (default 5 years), for the ambassadeur to erase.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from poptui import clock
from poptui.export.file_names import name_part, unique
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.locations import exports_folder
from poptui.methods_registry import method_name
from poptui.models import (
    DOSSIER_RECORD_TYPES,
    AuditAction,
    ContactMoment,
    Employee,
    MethodRecordBase,
    Organisation,
    Record,
    Trajectory,
    TrajectoryStatus,
)
from poptui.store import Database, NotFound, StoreError
from poptui.store.backup import BackupReason, backup_holds, create_backup, expires_on, list_backups
from poptui.store.errors import os_reason
from poptui.store.files import write_private

DEFAULT_RETENTION_YEARS = 5


# -- export -------------------------------------------------------------------------------


@dataclass
class PersonExport:
    folder: Path
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def person_records(database: Database, employee_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every stored record about the employee, as JSON-ready documents per record type."""
    employee = database.get(Employee, employee_id)
    out: dict[str, list[dict[str, Any]]] = {"Employee": [employee.model_dump(mode="json")]}
    organisation = database.find(Organisation, employee.organisation_id)
    if organisation is not None:
        out["Organisation"] = [{"id": organisation.id, "name": organisation.name}]
    out["Trajectory"] = [item.model_dump(mode="json") for item in database.list(Trajectory, employee_id=employee_id)]
    if employee_id in database.dossier_ids():
        for record_type in DOSSIER_RECORD_TYPES:
            records = database.list(record_type, employee_id=employee_id)
            if records:
                out[record_type.__name__] = [item.model_dump(mode="json") for item in records]
    return out


def _folder_name(employee: Employee, today: date) -> str:
    """``JJJJMMDD_gegevens_ACHTERNAAM_VOORNAAM``, the names folded like every export's (file_names)."""
    return f"{today:%Y%m%d}_gegevens_{name_part(employee.last_name)}_{name_part(employee.first_name)}"


def export_person(
    database: Database, employee_id: str, out_dir: Path | str | None = None, *, today: date | None = None
) -> PersonExport:
    """Write everything stored about the employee into a new folder under ``out_dir``.

    The folder is built under a temporary name, the export is audited, and only then is the
    folder put in place (:func:`poptui.services.delivery.deliver_folder`): a refused audit
    entry (a read-only database) or a failure leaves nothing, not even an empty folder. A
    folder of the same name that belongs to someone else (two people whose names fold
    alike) is never replaced; the same person's export of the same day is.
    """
    from poptui.services.delivery import deliver_folder

    today = today or clock.today()
    employee = database.get(Employee, employee_id)
    base = Path(out_dir).expanduser() if out_dir else exports_folder()
    payload = {
        "exported_on": today.isoformat(),
        "exported_by": database.actor,
        "explanation": _("Alle gegevens die poptui over deze persoon bewaart (AVG, recht op inzage)."),
        "records": person_records(database, employee_id),
        "audit": [event.model_dump(mode="json") for event in database.audit_events(employee_id)],
    }
    built = PersonExport(base)
    pdfs: list[tuple[str, bytes, Record]] = []

    def fill(folder: Path) -> None:
        data_file = folder / "gegevens.json"
        write_private(data_file, json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8"))
        built.files.append(data_file)
        _export_pdfs(database, employee, folder, today, built, pdfs)

    def events() -> list[tuple[AuditAction, Record, list[str]]]:
        return [(AuditAction.EXPORT, employee, ["gegevens.json"])] + [
            (AuditAction.EXPORT, record, [name]) for name, _data, record in pdfs
        ]

    folder = deliver_folder(database, base, _folder_name(employee, today), fill, f"gegevens:{employee.id}", events)
    result = PersonExport(folder, [folder / path.name for path in built.files], built.notes)
    return result


def _export_pdfs(
    database: Database,
    employee: Employee,
    folder: Path,
    today: date,
    result: PersonExport,
    written: list[tuple[str, bytes, Record]],
) -> None:
    try:
        from poptui.services import forms
    except ImportError:
        result.notes.append(_("De PDF-formulieren zijn niet beschikbaar in deze versie; enkel gegevens.json."))
        return
    jobs: list[tuple[str, Callable[[], tuple[str, bytes, Record]]]] = [
        (_("toestemmingsdocument"), partial(forms.build_consent, database, employee.id, today=today))
    ]
    for trajectory in database.list(Trajectory, employee_id=employee.id):
        jobs.append((_("POP"), partial(forms.build_pop, database, trajectory.id, today=today)))
    for method_record in database.list(MethodRecordBase, employee_id=employee.id):
        jobs.append(
            (method_name(method_record.kind), partial(forms.build_method, database, method_record, today=today))
        )
    taken: set[str] = {"gegevens.json"}
    for what, job in jobs:
        try:
            name, data, record = job()
            name = unique(name, taken)
            write_private(folder / name, data)
        except (StoreError, OSError, ValueError) as error:  # one missing form must not stop the copy of the data
            reason = os_reason(error) if isinstance(error, OSError) else str(error)
            result.notes.append(_("{what} niet gemaakt: {reason}", what=what, reason=reason))
            continue
        result.files.append(folder / name)
        written.append((name, data, record))


# -- erasure ------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupHolding:
    path: Path
    made_at: str
    expires_on: date


@dataclass
class ErasureResult:
    employee_id: str
    removed: dict[str, int]
    safety_backup: Path | None
    backups: list[BackupHolding]
    removed_drafts: int = 0


def erase_person(database: Database, employee_id: str) -> ErasureResult:
    """Remove the employee and everything linked from the live data (one transaction)."""
    from poptui.services.health import require_verified

    employee = database.get(Employee, employee_id)
    counts: dict[str, int] = {}
    require_verified(database)  # the safety backup is of a verified database only
    safety = create_backup(database, BackupReason.BEFORE_ERASE)
    with database.transaction() as transaction:
        stored = next((item for item in transaction.list(Employee) if item.id == employee_id), None)
        if stored is None:
            raise NotFound(Employee.label, employee_id)
        for trajectory in transaction.list(Trajectory, employee_id=employee_id):
            transaction.delete(trajectory)
            counts["Trajectory"] = counts.get("Trajectory", 0) + 1
        if employee_id in database.dossier_ids():
            for record_type in DOSSIER_RECORD_TYPES:
                found = database.list(record_type, employee_id=employee_id)
                if found:
                    counts[record_type.__name__] = len(found)
            transaction.remove_dossier(employee_id)
        for other_id in database.dossier_ids():
            if other_id != employee_id:
                _drop_attendee(transaction, other_id, stored.full_name)
        transaction.delete(stored)
        transaction.record_event(AuditAction.ERASE, stored, [])
    counts["Employee"] = 1
    drafts = _remove_drafts(database, employee_id)
    all_backups = list_backups(database.path)
    holding = [
        BackupHolding(item.path, item.label, expires_on(item, all_backups))
        for item in all_backups
        if backup_holds(item.path, employee.id)
    ]
    return ErasureResult(employee_id, counts, safety, holding, drafts)


def erasure_lines(result: ErasureResult) -> list[str]:
    """What the coach must know after an erasure: backups that still hold the person."""
    lines = []
    if result.backups:
        lines.append(_("Deze reservekopieën bevatten de persoon nog; ze worden automatisch verwijderd:"))
        for holding in result.backups:
            lines.append(
                _(
                    "- {file} (van {made}), verdwijnt uiterlijk op {day}",
                    file=holding.path.name,
                    made=holding.made_at,
                    day=format_date(holding.expires_on),
                )
            )
        lines.append(
            _(
                "Kopieën die je zelf elders bewaart (poptui backup --out) en eerder gemaakte exports "
                "moet je zelf verwijderen."
            )
        )
    if result.removed_drafts:
        lines.append(_("{count} concept(en) over deze persoon verwijderd.", count=result.removed_drafts))
    return lines


def _drop_attendee(transaction: Any, dossier_id: str, full_name: str) -> None:
    for moment in transaction.list(ContactMoment, employee_id=dossier_id):
        if full_name in moment.attendees:
            transaction.save(moment.model_copy(update={"attendees": [a for a in moment.attendees if a != full_name]}))


def _remove_drafts(database: Database, employee_id: str) -> int:
    """Drafts (of every coach, where this process may) that name the employee."""
    count = 0
    folder = database.path / "drafts"
    for path in folder.glob("*/*.json") if folder.is_dir() else []:
        with contextlib.suppress(OSError):
            if employee_id in path.name or employee_id.encode() in path.read_bytes():
                path.unlink()
                count += 1
    return count


# -- retention ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionItem:
    trajectory: Trajectory
    employee: Employee | None
    ended_on: date


def _ended_on(trajectory: Trajectory) -> date | None:
    if trajectory.status is TrajectoryStatus.COMPLETED:
        return trajectory.completion_date
    if trajectory.status is TrajectoryStatus.STOPPED:
        if trajectory.completion_date:
            return trajectory.completion_date
        return trajectory.updated_at.date() if trajectory.updated_at else trajectory.start_date
    return None


MAX_RETENTION_YEARS = 100


def _years_before(day: date, years: int) -> date:
    if day.year - years < 1:
        return date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def retention_due(
    database: Database, years: int = DEFAULT_RETENTION_YEARS, today: date | None = None
) -> list[RetentionItem]:
    """Trajectories completed or stopped more than ``years`` years ago, oldest first."""
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise ValueError(
            _("De bewaartermijn moet van 1 tot {most} jaar zijn (niet {years}).", most=MAX_RETENTION_YEARS, years=years)
        )
    limit = _years_before(today or clock.today(), years)
    employees = {employee.id: employee for employee in database.list(Employee)}
    due = []
    for trajectory in database.list(Trajectory):
        ended = _ended_on(trajectory)
        if ended is not None and ended < limit:
            due.append(RetentionItem(trajectory, employees.get(trajectory.employee_id), ended))
    return sorted(due, key=lambda item: item.ended_on)
