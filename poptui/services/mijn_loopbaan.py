"""The POP in Mijn Loopbaan (§4.4.2): the upload steps, and the mark "opgeladen" on the final POP.

Rules:

- Only a final POP can be marked uploaded: what is uploaded is the signed, final document.
- The upload day cannot lie in the future, nor before the day the POP became final.
- The mark keeps the day and who did it (the coach chosen in the app, else the login name).
- Reopening a POP clears the mark (:func:`poptui.services.pop_documents.reopen`): the corrected
  POP has to be uploaded again.
- The file name in the steps is the real one (``JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf``) of
  :func:`poptui.services.forms.export_pop`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from poptui.catalog import load_catalog
from poptui.export import file_names
from poptui.i18n import _
from poptui.models import Employee, PopDocument, PopStatus, Trajectory
from poptui.services import months
from poptui.store import Database, StoreError


class UploadRefused(StoreError):
    """Marking the POP as uploaded was refused; the message says why, in Dutch."""


@dataclass(frozen=True)
class UploadState:
    """What the upload dialog shows for one trajectory."""

    trajectory: Trajectory
    employee: Employee
    pop: PopDocument | None
    file_name: str
    """The PDF's file name, ``JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf``."""

    @property
    def document_name(self) -> str:
        """The name the document gets in Mijn Loopbaan: the file name without ``.pdf``."""
        return self.file_name.removesuffix(".pdf")

    @property
    def final(self) -> bool:
        return self.pop is not None and self.pop.status is PopStatus.FINAL

    @property
    def uploaded_on(self) -> date | None:
        return self.pop.uploaded_on if self.pop is not None else None

    @property
    def uploaded_by(self) -> str:
        return self.pop.uploaded_by if self.pop is not None else ""

    def summary(self) -> str:
        return upload_summary(self.pop)


def upload_summary(pop: PopDocument | None) -> str:
    """One Dutch line: uploaded when and by whom, or what is still needed."""
    if pop is None or pop.status is not PopStatus.FINAL:
        return _("Nog niet op te laden: het POP is nog niet definitief.")
    if pop.uploaded_on is None:
        return _("Nog niet opgeladen in Mijn Loopbaan.")
    return _(
        "Opgeladen in Mijn Loopbaan op {date} door {who}.",
        date=pop.uploaded_on.strftime("%d/%m/%Y"),
        who=pop.uploaded_by or _("onbekend"),
    )


def upload_steps(document_name: str) -> list[str]:
    """The §4.4.2 steps with the document's real name and the address filled in (account step first)."""
    guide = load_catalog().registration.mijn_loopbaan
    return [
        guide.account_step.format(url=guide.url),
        *(step.format(url=guide.url, file_name=document_name) for step in guide.steps),
    ]


def _pop_of(database: Database, trajectory: Trajectory) -> PopDocument | None:
    pops = database.list(PopDocument, employee_id=trajectory.employee_id, trajectory_id=trajectory.id)
    return max(pops, key=lambda pop: (pop.status is PopStatus.FINAL, pop.version)) if pops else None


def upload_state(database: Database, trajectory_id: str, today: date) -> UploadState:
    trajectory = database.get(Trajectory, trajectory_id)
    employee = database.get(Employee, trajectory.employee_id)
    pop = _pop_of(database, trajectory)
    day, _source = months.pop_date(pop.finalised_on if pop else None, trajectory.completion_date, today)
    name = file_names.pop_file_name(day, employee.last_name, employee.first_name, employee.id)
    return UploadState(trajectory, employee, pop, name)


def check_upload_day(pop: PopDocument, day: date, today: date) -> None:
    """Raise :class:`UploadRefused` when ``pop`` cannot be marked uploaded on ``day``."""
    if pop.status is not PopStatus.FINAL:
        raise UploadRefused(
            _("Alleen een definitief POP kan opgeladen worden in Mijn Loopbaan. Maak het POP eerst definitief (f).")
        )
    if day > today:
        raise UploadRefused(
            _(
                "De datum van opladen ({day}) ligt in de toekomst. Markeer het POP pas als het opgeladen is.",
                day=day.strftime("%d/%m/%Y"),
            )
        )
    if pop.finalised_on is not None and day < pop.finalised_on:
        raise UploadRefused(
            _(
                "Het POP werd pas definitief op {final}; het kan niet vroeger ({day}) opgeladen zijn.",
                final=pop.finalised_on.strftime("%d/%m/%Y"),
                day=day.strftime("%d/%m/%Y"),
            )
        )


def mark_uploaded(database: Database, trajectory_id: str, day: date, by: str, today: date) -> PopDocument:
    """Mark the trajectory's final POP as uploaded to Mijn Loopbaan on ``day`` by ``by``."""
    state = upload_state(database, trajectory_id, today)
    if state.pop is None:
        raise UploadRefused(_("Er is nog geen POP voor dit traject. Maak het POP eerst op en maak het definitief."))
    check_upload_day(state.pop, day, today)
    return database.save(state.pop.model_copy(update={"uploaded_on": day, "uploaded_by": by or database.actor}))


def clear_upload(database: Database, trajectory_id: str, today: date) -> PopDocument | None:
    """Remove the mark (it was set by mistake); returns the POP, or None when there is none."""
    state = upload_state(database, trajectory_id, today)
    if state.pop is None or state.pop.uploaded_on is None:
        return state.pop
    return database.save(state.pop.model_copy(update={"uploaded_on": None, "uploaded_by": ""}))
