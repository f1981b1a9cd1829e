"""The SMART sheet of one scan or SMART action (§5.7 stap 4, §5.8 stap 4): the action, the seven
SMART fields, betrekking op, generiek/technisch/andere and (SMART) the career competence.
The form returns the changed fields; the method screen saves them into its record."""

from __future__ import annotations

from typing import Any

from poptui.screens.action_form import smart_form_fields, smart_from, smart_values
from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.select import Select
from textual.app import ComposeResult
from textual.widgets import TextArea

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.labels import choices
from poptui.models import ActionArea, CompetenceKind
from poptui.models.planning import ScanAction, SmartAction


class PlannedActionForm(FormScreen[dict[str, Any]]):
    """SMART-velden van een actie uit de scan of uit SMART."""

    def __init__(self, record_id: str, action: ScanAction | SmartAction, *, career: bool) -> None:
        super().__init__(f"planning-action-{record_id}-{action.id}")
        self.action = action
        self.career = career
        self.model = SmartAction if career else ScanAction
        self.form_title = _("SMART-velden van de actie")
        self.form_intro = _("Schrijf de tijdsplanning als dd/mm/jjjj: dan wordt ze de deadline in het actieplan.")

    def compose_fields(self) -> ComposeResult:
        template = load_catalog().scan.action_template
        yield self.field("text", TextArea(compact=True), required=True)
        yield from smart_form_fields()
        yield self.field(
            "area", Select(choices(ActionArea), compact=True, prompt=_("(geen)")), label=_(template.area_question)
        )
        yield self.field("kind", Select(choices(CompetenceKind), compact=True, allow_blank=False))
        if self.career:
            yield self.field(
                "career_competence",
                Select(
                    [(_(info.label), info.id) for info in load_catalog().smart.career_competences],
                    compact=True,
                    prompt=_("(geen)"),
                ),
                help=_("Reflecteren, exploreren, sturen of profileren; l op het SMART-scherm legt ze uit."),
            )

    def initial_values(self) -> dict[str, Any]:
        values = {
            "text": self.action.text,
            "area": self.action.area,
            "kind": self.action.kind,
            **smart_values(self.action.smart),
        }
        if isinstance(self.action, SmartAction):
            values["career_competence"] = self.action.career_competence
        return values

    def save_record(self, values: dict[str, Any]) -> dict[str, Any]:
        changes: dict[str, Any] = {
            "text": values["text"],
            "smart": smart_from(values),
            "area": values["area"],
            "kind": values["kind"] or CompetenceKind.OTHER,
        }
        if self.career:
            changes["career_competence"] = values.get("career_competence")
        type(self.action).model_validate(
            {**self.action.model_dump(), **changes, "smart": changes["smart"].model_dump()}
        )
        return changes
