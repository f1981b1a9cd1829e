"""`poptui check`: is the database readable, current and consistent?"""

from __future__ import annotations

from dataclasses import dataclass, field

from poptui.i18n import _
from poptui.models import (
    ActionEvaluation,
    ContactMoment,
    Employee,
    HoursEntry,
    MethodRecordBase,
    Organisation,
    Person,
    PopDocument,
    StartupAnalysis,
    SupervisorConsultation,
    Training,
    Trajectory,
)
from poptui.store import Database, StoreError
from poptui.store import audit as audit_log


@dataclass
class HealthReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_database(database: Database) -> HealthReport:
    """Every problem found, in Dutch. Raises :class:`StoreError` only when nothing can be read."""
    report = HealthReport()
    database.schema_version()

    def load(record_type, **kwargs):  # noqa: ANN001, ANN202
        try:
            return database.list(record_type, **kwargs)
        except StoreError as error:
            report.problems.append(str(error))
            return []

    organisations = {item.id for item in load(Organisation)}
    persons = {item.id: item for item in load(Person)}
    employees = {item.id: item for item in load(Employee)}
    trajectories = {item.id: item for item in load(Trajectory)}
    report.counts.update(organisations=len(organisations), persons=len(persons), employees=len(employees), trajectories=len(trajectories))

    def missing(what: str, owner: str, ref: str) -> None:
        report.problems.append(_("{owner} verwijst naar een {what} die niet bestaat ({ref}).", owner=owner, what=what, ref=ref))

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
    for training in load(Training):
        for person_id in [training.trainer_id, *training.attendee_ids]:
            if person_id and person_id not in persons:
                missing(_("persoon"), _("Opleiding {title}", title=training.title), person_id)
    for entry in load(HoursEntry):
        if entry.organisation_id not in organisations:
            missing(_("organisatie"), _("Urenregistratie"), entry.organisation_id)

    dossier_count = 0
    for employee_id in database.dossier_ids():
        dossier_count += 1
        if employee_id not in employees:
            report.problems.append(_("Er is een dossier zonder werknemer ({id}).", id=employee_id))
        for record_type in (ContactMoment, SupervisorConsultation, MethodRecordBase, PopDocument, ActionEvaluation):
            for record in load(record_type, employee_id=employee_id):
                owner = f"{record_type.label.capitalize()} {record.id}"
                if record.employee_id != employee_id:
                    report.problems.append(_("{owner} staat in het dossier van een andere werknemer.", owner=owner))
                trajectory_id = getattr(record, "trajectory_id", None)
                if trajectory_id and trajectory_id not in trajectories:
                    missing(_("POP-traject"), owner, trajectory_id)
    report.counts["dossiers"] = dossier_count
    report.problems.extend(audit_log.verify(database.path / audit_log.AUDIT_FILE))
    return report
