"""Forms of the POP: one action of the plan (§4.3 + the SMART fields), a follow-up note on an
action, and one item of the summary."""

from __future__ import annotations

from typing import Any

from poptui.screens.plain_terminal import mark
from poptui.screens.widgets.form import FormField, FormScreen
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import TextArea

from poptui import clock
from poptui.catalog import load_catalog
from poptui.catalog_models import ActionFieldKey
from poptui.i18n import _
from poptui.labels import choices, label, lower_label
from poptui.models import (
    ActionArea,
    CompetenceKind,
    PopAction,
    PopDocument,
    PopItem,
    ProgressUpdate,
    SmartFields,
)
from poptui.services import competences, pop_documents

SMART_KEYS: dict[str, ActionFieldKey] = {
    "specific": "specifiek",
    "measure": "meten",
    "resources": "hulpbronnen",
    "tools": "hulpmiddelen",
    "why": "aanvaardbaar",
    "meaningful_feasible": "haalbaar",
    "timing": "tijdsplanning",
}
"""SmartFields attribute -> the key of the catalog's action template field."""


def progress_boxes(progress: int) -> str:
    """0..5 as filled and empty boxes, readable without colour: 3 -> '■■■□□'."""
    return mark("full") * progress + mark("empty") * (5 - progress)


def progress_choices() -> list[tuple[str, int]]:
    words = [
        _("niets gebeurd"),
        _("net gestart"),
        _("een beetje"),
        _("half"),
        _("bijna klaar"),
        _("helemaal afgewerkt"),
    ]
    return [(f"{progress_boxes(value)} {value} {words[value]}", value) for value in range(6)]


def smart_form_fields(values_prefix: str = "smart_") -> ComposeResult:
    """The seven SMART fields with the catalog's labels and prompts."""
    template = {field.key: field for field in load_catalog().scan.action_template.fields}
    for attribute, key in SMART_KEYS.items():
        field = template[key]
        yield FormField(values_prefix + attribute, _(field.label), TextArea(compact=True), help=_(field.prompt))


def smart_from(values: dict[str, Any], prefix: str = "smart_") -> SmartFields:
    return SmartFields(**{attribute: values.get(prefix + attribute, "") or "" for attribute in SMART_KEYS})


def smart_values(smart: SmartFields, prefix: str = "smart_") -> dict[str, Any]:
    return {prefix + attribute: getattr(smart, attribute) for attribute in SMART_KEYS}


class ActionForm(FormScreen[PopDocument]):
    """One action of the action plan: what, who helps, deadline, measurable result, kind, SMART."""

    model = PopAction

    def __init__(self, pop: PopDocument, action_id: str | None = None, competence_id: str | None = None) -> None:
        super().__init__(f"pop-action-{pop.id}-{action_id or 'nieuw'}")
        self.pop = pop
        self.action = next((a for a in pop.actions if a.id == action_id), None) if action_id else None
        self.form_title = _("Actie wijzigen") if self.action else _("Nieuwe actie")
        self.form_intro = _("Velden met * zijn verplicht. Datum als dd/mm/jjjj. Ctrl+S bewaart, Esc gaat terug.")
        self.competence_id = competence_id
        """A dictionary competence for a new action (e.g. from the competence measurement)."""

    def compose_fields(self) -> ComposeResult:
        smart = load_catalog().smart
        yield self.field(
            "what", TextArea(compact=True), help=_("Een concrete actie waarvan iedereen weet wat ze betekent.")
        )
        yield self.field("who_helps", Input(compact=True), help=_("Iemand binnen of buiten de organisatie."))
        yield self.field("deadline", Input(compact=True, placeholder=_("dd/mm/jjjj")))
        yield self.field(
            "result", TextArea(compact=True), help=_("Wat je zult zien of kunnen tellen als het gelukt is.")
        )
        source = competences.employee_dictionary(self.database, self.pop.employee_id)
        options = [(Text(f"{item.name} ({lower_label(item.kind)})"), item.id) for item in source.competences]
        linked = self.action.competence_id if self.action else None
        if linked and all(item.id != linked for item in source.competences):
            name = self.action.competence if self.action else ""
            options.append((Text(_("{name} (niet meer in het woordenboek)", name=name)), linked))
        yield self.field(
            "competence_id",
            Select(options, compact=True, prompt=_("geen: kies de soort hieronder")),
            help=_("Een competentie uit het woordenboek van de organisatie: de soort volgt daaruit."),
        )
        yield self.field("kind", Select(choices(CompetenceKind), compact=True, allow_blank=False))
        yield self.field(
            "competence", Input(compact=True), help=_("Alleen voor een competentie die niet in het woordenboek staat.")
        )
        yield self.field(
            "area",
            Select(choices(ActionArea), compact=True, prompt=_("(geen)")),
            label=_(load_catalog().scan.action_template.area_question),
        )
        yield self.field(
            "career_competence",
            Select(
                [(f"{_(info.label)}", info.id) for info in smart.career_competences], compact=True, prompt=_("(geen)")
            ),
            help=_("Reflecteren, exploreren, sturen of profileren (§5.8); F1 en g bij SMART leggen ze uit."),
        )
        yield from smart_form_fields()

    def is_new(self) -> bool:
        return self.action is None

    def initial_values(self) -> dict[str, Any]:
        action = self.action
        if action is None:
            return {"kind": CompetenceKind.OTHER, "competence_id": self.competence_id}
        return {
            "competence_id": action.competence_id,
            "what": action.what,
            "who_helps": action.who_helps,
            "deadline": action.deadline,
            "result": action.result,
            "kind": action.kind,
            "competence": action.competence,
            "area": action.area,
            "career_competence": action.career_competence,
            **smart_values(action.smart),
        }

    def save_record(self, values: dict[str, Any]) -> PopDocument:
        base = self.action.model_dump() if self.action else {}
        base.update(
            {
                "what": values["what"],
                "who_helps": values["who_helps"],
                "deadline": values["deadline"],
                "result": values["result"],
                "kind": values["kind"] or CompetenceKind.OTHER,
                "competence": values["competence"],
                "competence_id": values["competence_id"],
                "area": values["area"],
                "career_competence": values["career_competence"],
                "smart": smart_from(values).model_dump(),
            }
        )
        action = PopAction.model_validate(base)
        if self.action is None:
            return pop_documents.add_action(self.database, self.pop, action)
        return pop_documents.replace_action(self.database, self.pop, action)


class ProgressForm(FormScreen[PopDocument]):
    """A follow-up note on one action during UITVOEREN: date, progress 0-5, note."""

    model = ProgressUpdate

    def __init__(self, pop: PopDocument, action: PopAction) -> None:
        super().__init__(f"pop-progress-{pop.id}-{action.id}")
        self.pop = pop
        self.action = action
        self.form_title = _("Voortgang van een actie")
        self.form_intro = _("Actie: {what}", what=action.what)

    def compose_fields(self) -> ComposeResult:
        yield self.field("date", Input(compact=True, placeholder=_("dd/mm/jjjj")))
        yield self.field("progress", Select(progress_choices(), compact=True, allow_blank=False))
        yield self.field("note", TextArea(compact=True))

    def initial_values(self) -> dict[str, Any]:
        return {"date": clock.today(), "progress": self.action.latest_progress, "note": ""}

    def save_record(self, values: dict[str, Any]) -> PopDocument:
        update = ProgressUpdate.model_validate(values)
        return pop_documents.add_progress(self.database, self.pop, self.action.id, update)


PART_LABELS = {
    "wat_wil_ik": "Wat wil ik",
    "wat_kan_ik": "Wat kan ik",
    "ontwikkelpunten": "Ontwikkelpunt",
}


class PopItemForm(FormScreen[PopDocument]):
    """One item of the summary (Wat wil ik / Wat kan ik / Ontwikkelpunten), new, edited or from a
    method's conclusion (a candidate)."""

    model = PopItem

    def __init__(
        self,
        pop: PopDocument,
        part: str = "wat_kan_ik",
        item: PopItem | None = None,
        candidate: pop_documents.Candidate | None = None,
    ) -> None:
        super().__init__(f"pop-item-{pop.id}-{item.id if item else 'nieuw'}")
        self.pop = pop
        self.part = part
        self.item = item
        self.candidate = candidate
        self.form_title = (
            _("Conclusie overnemen")
            if candidate
            else (_("Samenvatting wijzigen") if item else _("Nieuw punt in de samenvatting"))
        )
        if candidate:
            self.form_intro = _("Uit {method}. Pas de tekst aan waar nodig.", method=candidate.method)

    def compose_fields(self) -> ComposeResult:
        parts = [(_(text), key) for key, text in PART_LABELS.items()]
        yield self.field(
            "part", Select(parts, compact=True, allow_blank=False, disabled=bool(self.item)), label=_("Deel")
        )
        yield self.field("text", TextArea(compact=True))
        yield self.field(
            "kind",
            Select(choices(CompetenceKind), compact=True, allow_blank=False),
            help=_("Generiek, technisch of andere (§4.3)."),
        )

    def is_new(self) -> bool:
        return self.item is None

    def initial_values(self) -> dict[str, Any]:
        if self.item:
            return {"part": self.part, "text": self.item.text, "kind": self.item.kind}
        text = self.candidate.text if self.candidate else ""
        return {"part": self.part, "text": text, "kind": CompetenceKind.OTHER}

    def save_record(self, values: dict[str, Any]) -> PopDocument:
        PopItem.model_validate({"text": values["text"], "kind": values["kind"]})
        database = self.database
        if self.item:
            return pop_documents.edit_item(
                database, self.pop, self.part, self.item.id, text=values["text"], kind=values["kind"]
            )
        if self.candidate:
            return pop_documents.accept_candidate(
                database, self.pop, self.candidate, values["part"], values["kind"], values["text"]
            )
        return pop_documents.add_item(database, self.pop, values["part"], values["text"], values["kind"])


def kind_mark(kind: CompetenceKind) -> str:
    """Short label for tables: G / T / A with the word."""
    return label(kind)
