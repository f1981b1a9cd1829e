"""Tussentijds overleg: what the supervisor sees the employee do well and less well."""

from __future__ import annotations

from typing import Any

from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from poptui import clock
from poptui.i18n import _
from poptui.models import SupervisorConsultation
from poptui.services import consultations
from poptui.services.consultations import ConsultationView
from poptui.text import shorten

RATING_PREFIX = "rating_"
"""Form fields ``rating_<competence id>``: the supervisor's rating of that competence."""


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
                [(Text(person.full_name), person.id) for person in supervisors],
                compact=True,
                prompt=_("Kies de begeleider"),
            ),
            help=""
            if supervisors
            else _("Nog geen werkvloerbegeleiders bij deze organisatie: voeg ze toe bij de organisatie."),
        )
        yield self.field("does_well", TextArea())
        yield self.field("does_less_well", TextArea())
        yield self.field("notes", TextArea())
        view = self._load()
        if view.competences:
            yield Static(
                _(
                    "Hoe schat de werkvloerbegeleider deze competenties in? Leeg: niet ingeschat. De inschatting "
                    "staat dan in de competentiemeting naast die van de werknemer."
                ),
                classes="hint",
                markup=False,
            )
        options = [(Text(f"{level.value} {level.label}"), level.value) for level in view.scale]
        for competence in view.competences:
            yield self.field(
                f"{RATING_PREFIX}{competence.id}",
                Select(options, compact=True, prompt=_("niet ingeschat")),
                label=shorten(competence.name, 22),
                required=False,
            )

    def initial_values(self) -> dict[str, Any]:
        view = self._load()
        consultation = self.consultation
        values: dict[str, Any]
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
        if consultation is not None:
            values.update(
                {f"{RATING_PREFIX}{rating.competence_id}": rating.rating for rating in consultation.competence_ratings}
            )
        return values

    def save_record(self, values: dict[str, Any]) -> SupervisorConsultation:
        view = self._load()
        levels = {name[len(RATING_PREFIX) :]: value for name, value in values.items() if name.startswith(RATING_PREFIX)}
        values = {name: value for name, value in values.items() if not name.startswith(RATING_PREFIX)}
        values["competence_ratings"] = [
            rating.model_dump() for rating in consultations.ratings_from(view.competences, levels, self.consultation)
        ]
        saved = consultations.save_consultation(self.database, view.trajectory, values, self.consultation)
        self.consultation = saved
        return saved
