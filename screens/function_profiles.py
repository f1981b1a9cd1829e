"""Function profiles (competentieprofielen, §2.2.2): per function the competences it needs and the
level the organisation expects. A competence measurement starts from the employee's profile."""

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
from textual.widgets import DataTable, Static

from poptui.i18n import _
from poptui.models import CompetenceDictionary, FunctionProfile
from poptui.services import StoreError, competences
from poptui.text import shorten

IN_PROFILE = 0
"""The Select value for 'in the profile, no level expected' (blank: not in the profile)."""


class FunctionProfilesScreen(ListScreen):
    """The organisation's function profiles. F3 nieuw, Enter of F4 bewerken, Delete verwijderen."""

    CSS_PATH = "competence_dictionary.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="profiles.back"),
        Binding("f3", "new", _("Nieuw profiel"), id="profiles.new"),
        Binding("f4", "edit", _("Bewerken"), id="profiles.edit"),
        Binding("delete", "delete", _("Verwijderen"), id="profiles.delete"),
    ]
    TABLE_ID = "profiles"
    HINT = _(
        "Een competentieprofiel: de competenties die iemand nodig heeft voor een functie, met het verwachte niveau. "
        "Een competentiemeting start van het profiel van de functie van de werknemer."
    )
    COLUMNS = (Column(_("Functie"), "function", 30, grow=True), Column(_("Competenties"), "competences", 44, grow=True))

    def __init__(self, organisation_id: str) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.source: CompetenceDictionary | None = None

    def compose_below(self) -> ComposeResult:
        yield Static("", id="dictionary-detail", markup=False)

    def rows(self) -> Iterable[Row]:
        view = competences.dictionary_view(self.database, self.organisation_id)
        self.source = view.dictionary
        self.title = _("Functieprofielen")
        self.sub_title = view.organisation.name
        for profile in view.dictionary.profiles:
            yield profile.id, (Text(profile.function), Text(_summary(view.dictionary, profile)))

    def empty_text(self) -> str:
        return _("Nog geen functieprofielen. Druk F3 om er een te maken.")

    def open_row(self, key: str) -> None:
        self._edit(key)

    def after_refresh(self) -> None:
        self._show_detail(self.selected_key())

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.row_key.value)

    def _profile(self, key: str | None) -> FunctionProfile | None:
        if self.source is None or key is None:
            return None
        return next((profile for profile in self.source.profiles if profile.id == key), None)

    def _show_detail(self, key: str | None) -> None:
        profile = self._profile(key)
        text = Text()
        if profile is not None and self.source is not None:
            for entry in profile.entries:
                competence = competences.find_competence(self.source, entry.competence_id)
                if competence is None:
                    continue
                expected = _("niveau {level}", level=entry.expected) if entry.expected else _("geen niveau")
                text.append(("\n" if text else "") + f"• {competence.name}: {expected}")
        self.query_one("#dictionary-detail", Static).update(text)

    def action_new(self) -> None:
        if self.source is None:
            return
        before = {profile.id for profile in self.source.profiles}

        def saved(result: CompetenceDictionary | None) -> None:
            added = [profile.id for profile in result.profiles if profile.id not in before] if result else []
            if added:
                self.refresh_data()
                self.table.move_cursor(row=self.table.get_row_index(added[0]))

        self.app.push_screen(ProfileForm(self.organisation_id, self.source), saved)

    def action_edit(self) -> None:
        key = self.selected_or_hint()
        if key:
            self._edit(key)

    def _edit(self, key: str) -> None:
        profile = self._profile(key)
        if profile is not None and self.source is not None:
            self.app.push_screen(ProfileForm(self.organisation_id, self.source, profile))

    def action_delete(self) -> None:
        profile = self._profile(self.selected_or_hint())
        if profile is None:
            return
        from poptui.screens.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                try:
                    competences.delete_profile(self.database, self.organisation_id, profile.id)
                except StoreError as error:
                    self.notify(str(error), severity="error", markup=False)
                self.refresh_data()

        self.app.push_screen(
            ConfirmDialog(_("Het profiel '{function}' verwijderen?", function=profile.function)), answered
        )


def _summary(source: CompetenceDictionary, profile: FunctionProfile) -> str:
    names = []
    for entry in profile.entries:
        competence = competences.find_competence(source, entry.competence_id)
        if competence is not None:
            names.append(f"{competence.name} ({entry.expected})" if entry.expected else competence.name)
    return shorten(", ".join(names), 200)


class ProfileForm(FormScreen[CompetenceDictionary]):
    """A function and, per competence of the dictionary, whether the function needs it and at what level."""

    model = FunctionProfile

    def __init__(
        self, organisation_id: str, source: CompetenceDictionary, profile: FunctionProfile | None = None
    ) -> None:
        super().__init__(f"profile-{organisation_id}-{profile.id if profile else 'nieuw'}")
        self.organisation_id = organisation_id
        self.source = source
        self.profile = profile
        self.form_title = _("Functieprofiel wijzigen") if profile else _("Nieuw functieprofiel")
        self.form_intro = _(
            "Kies per competentie het niveau dat de functie vraagt; leeg: niet in het profiel. Ctrl+S bewaart."
        )

    def compose_fields(self) -> ComposeResult:
        yield self.field("function", Input(compact=True), help=_("Zoals bij de werknemer: bv. Heftruckchauffeur."))
        options: list[tuple[Text, int]] = [(Text(_("in het profiel, geen niveau")), IN_PROFILE)]
        options += [(Text(f"{level.value} {level.label}"), level.value) for level in self.source.scale]
        for competence in self.source.competences:
            yield self.field(
                f"c_{competence.id}",
                Select(options, compact=True, prompt=_("niet in het profiel")),
                label=shorten(competence.name, 22),
                required=False,
            )

    def initial_values(self) -> dict[str, Any]:
        if self.profile is None:
            return {}
        values: dict[str, Any] = {"function": self.profile.function}
        for entry in self.profile.entries:
            values[f"c_{entry.competence_id}"] = entry.expected if entry.expected is not None else IN_PROFILE
        return values

    def save_record(self, values: dict[str, Any]) -> CompetenceDictionary:
        expected: dict[str, int | None] = {}
        for competence in self.source.competences:
            value = values.get(f"c_{competence.id}")
            if value is not None:
                expected[competence.id] = value or None
        return competences.save_profile(
            self.database,
            self.organisation_id,
            values["function"],
            expected,
            self.profile.id if self.profile else None,
        )
