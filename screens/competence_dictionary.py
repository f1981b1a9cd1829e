"""The organisation's competence dictionary (§2.2.2): its competences, the scale, and the forms to
change them. Function profiles and the import have their own screens (p and i)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from poptui.screens.list_screen import Column, ListScreen, Row
from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TextArea

from poptui.i18n import _
from poptui.labels import label, lower_label
from poptui.models import Competence, CompetenceDictionary, CompetenceKind
from poptui.models.competences import MAX_INDICATORS, MAX_LEVELS, MIN_INDICATORS, MIN_LEVELS
from poptui.services import StoreError, competences
from poptui.services.competences import DictionaryView


def competence_text(competence: Competence, *, expected: str = "") -> Text:
    """Definition and indicators as plain text (stored text is never markup)."""
    text = Text()
    text.append(competence.name, style="bold")
    text.append(f"  ({lower_label(competence.kind)})")
    if expected:
        text.append("  " + expected)
    text.append("\n" + " ".join(competence.definition.split()))
    for indicator in competence.indicators:
        text.append("\n  • " + indicator)
    return text


class CompetenceDictionaryScreen(ListScreen):
    """The organisation's competences. F3 nieuw, Enter of F4 bewerken, Delete verwijderen, F6
    functieprofielen, F7 importeren uit Excel of CSV, F8 schaal (letters go to the search box)."""

    CSS_PATH = "competence_dictionary.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="dictionary.back"),
        Binding("f3", "new", _("Nieuw"), id="dictionary.new"),
        Binding("f4", "edit", _("Bewerken"), show=False, id="dictionary.edit"),
        Binding("f6", "profiles", _("Functieprofielen"), id="dictionary.profiles"),
        Binding("f7", "import_file", _("Importeren"), id="dictionary.import"),
        Binding("f8", "scale", _("Schaal"), id="dictionary.scale"),
        Binding("delete", "delete", _("Verwijderen"), show=False, id="dictionary.delete"),
    ]
    TABLE_ID = "competences"
    COLUMNS = (
        Column(_("Competentie"), "name", 28, grow=True),
        Column(_("Soort"), "kind", 10),
        Column(_("Ind."), "indicators", 4),
        Column(_("In de profielen"), "profiles", 28, grow=True),
    )

    def __init__(self, organisation_id: str) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.view: DictionaryView | None = None

    def compose_above(self) -> ComposeResult:
        yield Static("", id="dictionary-status", markup=False)

    def compose_below(self) -> ComposeResult:
        yield Static("", id="dictionary-detail", markup=False)

    def rows(self) -> Iterable[Row]:
        self.view = competences.dictionary_view(self.database, self.organisation_id)
        for competence in self.view.dictionary.competences:
            yield (
                competence.id,
                (
                    Text(competence.name),
                    label(competence.kind),
                    str(len(competence.indicators)),
                    Text(", ".join(self.view.profiles_with(competence.id))),
                ),
            )

    def empty_text(self) -> str:
        return _("Het woordenboek is leeg. Druk F3 om een competentie toe te voegen of F7 om er een in te lezen.")

    def open_row(self, key: str) -> None:
        self._edit(key)

    def after_refresh(self) -> None:
        view = self.view
        if view is None:
            return
        self.title = _("Competentiewoordenboek")
        self.sub_title = view.organisation.name
        status = _("Schaal: {scale}.", scale=competences.scale_labels(view.dictionary.scale))
        if view.is_default:
            status += "\n" + _("Het standaardwoordenboek van poptui: pas het aan, of lees je eigen in (F7).")
        self.query_one("#dictionary-status", Static).update(status)
        self._show_detail(self.selected_key())

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.row_key.value)

    def _show_detail(self, key: str | None) -> None:
        competence = competences.find_competence(self.view.dictionary, key) if self.view and key else None
        self.query_one("#dictionary-detail", Static).update(competence_text(competence) if competence else "")

    # -- keys ----------------------------------------------------------------------------

    def action_new(self) -> None:
        before = {item.id for item in self.view.dictionary.competences} if self.view else set()

        def saved(result: CompetenceDictionary | None) -> None:
            added = [item.id for item in result.competences if item.id not in before] if result else []
            if added:
                self.refresh_data()
                self.table.move_cursor(row=self.table.get_row_index(added[0]))

        self.app.push_screen(CompetenceForm(self.organisation_id), saved)

    def action_edit(self) -> None:
        key = self.selected_or_hint()
        if key:
            self._edit(key)

    def _edit(self, key: str) -> None:
        competence = competences.find_competence(self.view.dictionary, key) if self.view else None
        if competence is not None:
            self.app.push_screen(CompetenceForm(self.organisation_id, competence))

    def action_delete(self) -> None:
        key = self.selected_or_hint()
        competence = competences.find_competence(self.view.dictionary, key) if self.view and key else None
        if competence is None or self.view is None:
            return
        from poptui.screens.dialogs import ConfirmDialog

        profiles = self.view.profiles_with(competence.id)
        question = _("De competentie '{name}' uit het woordenboek verwijderen?", name=competence.name)
        if profiles:
            question += " " + _("Ze verdwijnt ook uit de profielen: {functions}.", functions=", ".join(profiles))
        question += " " + _("Metingen en acties die ze al gebruiken, houden haar naam en soort.")

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                competences.delete_competence(self.database, self.organisation_id, competence.id)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
            self.refresh_data()

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_profiles(self) -> None:
        from poptui.screens.function_profiles import FunctionProfilesScreen

        self.app.push_screen(FunctionProfilesScreen(self.organisation_id))

    def action_import_file(self) -> None:
        from poptui.screens.competence_import import ImportCompetencesScreen

        self.app.push_screen(ImportCompetencesScreen(self.organisation_id))

    def action_scale(self) -> None:
        if self.view is not None:
            self.app.push_screen(ScaleForm(self.organisation_id, self.view.dictionary))


class CompetenceForm(FormScreen[CompetenceDictionary]):
    """One competence: name, generic or technical, definition and three to five behaviour indicators."""

    model = Competence

    def __init__(self, organisation_id: str, competence: Competence | None = None) -> None:
        super().__init__(f"competence-{organisation_id}-{competence.id if competence else 'nieuw'}")
        self.organisation_id = organisation_id
        self.competence = competence
        self.form_title = _("Competentie wijzigen") if competence else _("Nieuwe competentie")
        self.form_intro = _(
            "Een heldere definitie en gedragsindicatoren: gedrag dat je kunt zien, zodat iedereen "
            "hetzelfde verstaat onder de competentie (§2.2.1). Ctrl+S bewaart, Esc gaat terug."
        )

    def compose_fields(self) -> ComposeResult:
        yield self.field("name", Input(compact=True))
        yield self.field(
            "kind",
            Select(
                [(label(kind), kind) for kind in (CompetenceKind.GENERIC, CompetenceKind.TECHNICAL)],
                compact=True,
                prompt=_("(kies de soort)"),
            ),
            help=_(
                "Generiek: hoe iemand omgaat met informatie, taken, relaties en het eigen functioneren. "
                "Technisch: nodig voor de resultaten van een bepaalde functie (§2.2.3)."
            ),
        )
        yield self.field("definition", TextArea(compact=True), help=_("Bijvoorbeeld: De medewerker begrijpt ..."))
        yield self.field(
            "indicators",
            TextArea(compact=True),
            help=_(
                "Eén gedragsindicator per regel, {least} tot {most}: bv. 'Kan de instructie herhalen'.",
                least=MIN_INDICATORS,
                most=MAX_INDICATORS,
            ),
        )

    def initial_values(self) -> dict[str, Any]:
        competence = self.competence
        if competence is None:
            return {}
        return {
            "name": competence.name,
            "kind": competence.kind,
            "definition": competence.definition,
            "indicators": "\n".join(competence.indicators),
        }

    def save_record(self, values: dict[str, Any]) -> CompetenceDictionary:
        return competences.save_competence(
            self.database,
            self.organisation_id,
            name=values["name"],
            kind=values["kind"],
            definition=values["definition"],
            indicators=values["indicators"],
            competence_id=self.competence.id if self.competence else None,
        )


class ScaleForm(FormScreen[CompetenceDictionary]):
    """The organisation's rating scale: one label per level, the lowest first."""

    model = CompetenceDictionary

    def __init__(self, organisation_id: str, source: CompetenceDictionary) -> None:
        super().__init__(f"competence-scale-{organisation_id}")
        self.organisation_id = organisation_id
        self.source = source
        self.form_title = _("Schaal van de competentiemeting")
        self.form_intro = _(
            "Eén niveau per regel, het laagste eerst ({least} tot {most} niveaus). Metingen die al gemaakt zijn, "
            "houden hun schaal.",
            least=MIN_LEVELS,
            most=MAX_LEVELS,
        )

    def compose_fields(self) -> ComposeResult:
        yield self.field(
            "scale",
            TextArea(compact=True),
            help=_("Bijvoorbeeld: lukt nog niet / lukt soms / lukt meestal / lukt altijd"),
        )

    def initial_values(self) -> dict[str, Any]:
        return {"scale": "\n".join(level.label for level in self.source.scale)}

    def save_record(self, values: dict[str, Any]) -> CompetenceDictionary:
        labels = competences.indicator_lines(values["scale"])
        return competences.save_scale(self.database, self.organisation_id, labels)
