"""Tussentijds overleg: what the supervisor sees the employee do well and less well."""

from __future__ import annotations

from typing import Any

from poptui.screens.widgets.form import FormScreen
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from poptui import clock
from poptui.i18n import _
from poptui.models import SupervisorConsultation
from poptui.services import consultations
from poptui.services.consultations import ConsultationView


class SupervisorConsultationForm(FormScreen[SupervisorConsultation]):
    """Tussentijds overleg met de werkvloerbegeleider: hoe ziet hij of zij de werknemer?"""

    model = SupervisorConsultation

    def __init__(self, employee_id: str, trajectory_id: str, consultation_id: str | None = None) -> None:
        super().__init__(draft_key=f"consultation-{consultation_id or trajectory_id + '-nieuw'}")
        self.employee_id = employee_id
        self.trajectory_id = trajectory_id
        self.consultation_id = consultation_id
        self.view: ConsultationView | None = None
        self.consultation: SupervisorConsultation | None = None

    def _load(self) -> ConsultationView:
        if self.view is not None:
            return self.view
        self.view = consultations.consultation_view(
            self.database, self.employee_id, self.trajectory_id, self.consultation_id
        )
        self.consultation = self.view.consultation
        name = self.view.employee.full_name
        self.form_title = _("Tussentijds overleg over {name}", name=name)
        self.form_intro = _(
            "Hoe ziet de werkvloerbegeleider {name}? Wat doet hij of zij goed, wat minder goed? "
            "In het volgende gesprek leg je dit naast wat {name} zelf vertelt.",
            name=name,
        )
        return self.view

    def compose(self) -> ComposeResult:
        self._load()
        yield from super().compose()

    def compose_fields(self) -> ComposeResult:
        supervisors = self._load().supervisors
        yield self.field("date", Input(compact=True, placeholder=_("dd/mm/jjjj")))
        yield self.field(
            "supervisor_id",
            Select(
                [(person.full_name, person.id) for person in supervisors], compact=True, prompt=_("Kies de begeleider")
            ),
            help=""
            if supervisors
            else _("Nog geen werkvloerbegeleiders bij deze organisatie: voeg ze toe bij de organisatie."),
        )
        yield self.field("does_well", TextArea())
        yield self.field("does_less_well", TextArea())
        yield self.field("notes", TextArea())

    def on_mount(self) -> None:  # FormScreen.on_mount runs as well (Textual calls the handler of each class)
        self.form_fields()[0].widget.focus()

    def initial_values(self) -> dict[str, Any]:
        view = self._load()
        consultation = self.consultation
        if consultation is not None:
            values = {
                "date": consultation.date,
                "supervisor_id": consultation.supervisor_id,
                "does_well": consultation.does_well,
                "does_less_well": consultation.does_less_well,
                "notes": consultation.notes,
            }
        else:
            values = {"date": clock.today(), "supervisor_id": view.employee.supervisor_id}
        if values["supervisor_id"] not in {person.id for person in view.supervisors}:
            values["supervisor_id"] = None
        return values

    def save_record(self, values: dict[str, Any]) -> SupervisorConsultation:
        saved = consultations.save_consultation(self.database, self._load().trajectory, values, self.consultation)
        self.consultation = saved
        return saved
