"""The organisation's competence dictionary (§2.2.1, §2.2.2): competences, function profiles, scale.

The small API other screens and methods use (e.g. Vier op een rij):

- :func:`dictionary_of` ``(db, organisation_id) -> list[Competence]``: the organisation's
  competences, in the dictionary's order;
- :func:`dictionary` ``(db, organisation_id) -> CompetenceDictionary``: the whole record
  (competences, ``profiles``, ``scale``).

Rules:

- A new organisation starts from poptui's default dictionary (``data/competence.json``: the
  eleven competences of the §5.6 sheet, four labelled levels, no function profiles). Nothing is
  stored until the organisation changes something: then the whole dictionary is stored as its
  own, under the organisation's id. The default competences keep their ids, so measurements and
  actions made before that still find them.
- Every change reads the stored dictionary under the lock, applies the one change and saves
  (:func:`change_dictionary`): two coaches editing two competences at once both keep their work.
- A competence is generic or technical and has a definition and three to five indicators; names
  are unique (case and accents ignored). Deleting a competence takes it out of the profiles;
  measurements and actions keep its name and kind.
- The profile of an employee is the one whose function equals the employee's function (case,
  accents and punctuation ignored).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.models import (
    Competence,
    CompetenceDictionary,
    CompetenceKind,
    Employee,
    FunctionProfile,
    Organisation,
    PopAction,
    ProfileEntry,
    ScaleLevel,
)
from poptui.store import Database, NotFound, StoreError
from poptui.text import fold_key

__all__ = [
    "CompetenceNotFound",
    "change_dictionary",
    "DictionaryView",
    "default_dictionary",
    "default_scale",
    "delete_competence",
    "delete_profile",
    "dictionary",
    "dictionary_of",
    "dictionary_view",
    "employee_dictionary",
    "find_competence",
    "indicator_lines",
    "linked_action",
    "profile_for_function",
    "save_competence",
    "save_profile",
    "save_scale",
    "scale_labels",
]


class CompetenceNotFound(StoreError):
    def __init__(self) -> None:
        super().__init__(_("Deze competentie staat niet (meer) in het woordenboek; iemand anders verwijderde ze."))


def default_scale() -> list[ScaleLevel]:
    """The default scale: four labelled levels (``data/competence.json``)."""
    return [ScaleLevel(value=step.value, label=step.label) for step in load_catalog().competence.default_scale]


def default_dictionary(organisation_id: str) -> CompetenceDictionary:
    """poptui's default dictionary for an organisation (not stored; version 0)."""
    guide = load_catalog().competence
    competences = [
        Competence(
            id=item.id,
            name=item.name,
            kind=item.kind,
            definition=item.definition,
            indicators=list(item.indicators),
        )
        for item in guide.default_dictionary
    ]
    return CompetenceDictionary(
        id=organisation_id, organisation_id=organisation_id, competences=competences, scale=default_scale()
    )


def dictionary(database: Database, organisation_id: str) -> CompetenceDictionary:
    """The organisation's dictionary: the stored one, else the default (not stored)."""
    stored = database.find(CompetenceDictionary, organisation_id)
    return stored if stored is not None else default_dictionary(organisation_id)


def employee_dictionary(database: Database, employee_id: str) -> CompetenceDictionary:
    """The dictionary of the employee's organisation (the default when the employee is unknown)."""
    employee = database.find(Employee, employee_id)
    return dictionary(database, employee.organisation_id) if employee else default_dictionary("onbekend")


def dictionary_of(database: Database, organisation_id: str) -> list[Competence]:
    """The organisation's competences, in the dictionary's order."""
    return list(dictionary(database, organisation_id).competences)


def find_competence(source: CompetenceDictionary | Sequence[Competence], competence_id: str) -> Competence | None:
    competences = source.competences if isinstance(source, CompetenceDictionary) else source
    return next((item for item in competences if item.id == competence_id), None)


def profile_for_function(source: CompetenceDictionary, function: str) -> FunctionProfile | None:
    """The profile of this function (case, accents and punctuation ignored), or None."""
    wanted = fold_key(function)
    if not wanted:
        return None
    return next((profile for profile in source.profiles if fold_key(profile.function) == wanted), None)


def linked_action(source: CompetenceDictionary | Sequence[Competence], action: PopAction) -> PopAction:
    """The action with the name and kind of the dictionary competence it links to (§2.2.3: the
    generic + technical rule then counts it). An action that links none, or whose competence is no
    longer in the dictionary, keeps its own name and kind."""
    if not action.competence_id:
        return action
    competence = find_competence(source, action.competence_id)
    if competence is None:
        return action
    return action.model_copy(update={"competence": competence.name, "kind": competence.kind})


def scale_labels(scale: Sequence[ScaleLevel]) -> str:
    """'1 = lukt nog niet, 2 = lukt soms, ...' for legends and help."""
    return ", ".join(f"{level.value} = {level.label}" for level in scale)


def indicator_lines(text: str) -> list[str]:
    """One indicator per non-empty line (a leading dash or bullet is dropped)."""
    lines = (line.strip().lstrip("-•*").strip() for line in text.splitlines())
    return [line for line in lines if line]


@dataclass(frozen=True)
class DictionaryView:
    """What the dictionary screen shows: the organisation, its dictionary and whether it is still
    poptui's default (nothing stored yet)."""

    organisation: Organisation
    dictionary: CompetenceDictionary
    is_default: bool

    def profiles_with(self, competence_id: str) -> list[str]:
        """The functions whose profile holds this competence."""
        return [
            profile.function
            for profile in self.dictionary.profiles
            if any(entry.competence_id == competence_id for entry in profile.entries)
        ]


def dictionary_view(database: Database, organisation_id: str) -> DictionaryView:
    """Raises :class:`~poptui.services.NotFound` when the organisation is gone."""
    organisation = database.get(Organisation, organisation_id)
    stored = database.find(CompetenceDictionary, organisation_id)
    return DictionaryView(organisation, stored or default_dictionary(organisation_id), stored is None)


# -- changes --------------------------------------------------------------------------


def change_dictionary(
    database: Database, organisation_id: str, change: Callable[[CompetenceDictionary], CompetenceDictionary]
) -> CompetenceDictionary:
    """Apply ``change`` to the dictionary as stored now (the default when none is) and save it,
    under the lock. ``change`` returns a changed copy; it is validated whole before saving."""
    if database.find(Organisation, organisation_id) is None:
        raise NotFound(Organisation.label, organisation_id)
    with database.transaction() as transaction:
        stored = [item for item in transaction.list(CompetenceDictionary) if item.id == organisation_id]
        current = stored[0] if stored else default_dictionary(organisation_id)
        changed = change(current)
        validated = CompetenceDictionary.model_validate(changed.model_dump())
        return transaction.save(validated)


def save_competence(
    database: Database,
    organisation_id: str,
    *,
    name: str,
    kind: CompetenceKind | str | None,
    definition: str,
    indicators: str | Sequence[str],
    competence_id: str | None = None,
) -> CompetenceDictionary:
    """Add a competence (no id) or change one; ``indicators`` as lines of text or a list.
    Raises ValidationError (per field, with :class:`Competence` titles) or StoreError."""
    lines = indicator_lines(indicators) if isinstance(indicators, str) else [line for line in indicators if line]
    values = {"name": name, "kind": kind, "definition": definition, "indicators": lines}
    if competence_id:
        values["id"] = competence_id
    competence = Competence.model_validate(values)

    def change(current: CompetenceDictionary) -> CompetenceDictionary:
        if competence_id and find_competence(current, competence_id) is None:
            raise CompetenceNotFound()
        _refuse_same_name(current, competence)
        if competence_id:
            competences = [competence if item.id == competence_id else item for item in current.competences]
        else:
            competences = [*current.competences, competence]
        return current.model_copy(update={"competences": competences})

    return change_dictionary(database, organisation_id, change)


def _refuse_same_name(current: CompetenceDictionary, competence: Competence) -> None:
    key = fold_key(competence.name)
    for item in current.competences:
        if item.id != competence.id and fold_key(item.name) == key:
            raise StoreError(
                _("Er staat al een competentie '{name}' in het woordenboek. Kies een andere naam.", name=item.name)
            )


def delete_competence(database: Database, organisation_id: str, competence_id: str) -> CompetenceDictionary:
    """Remove a competence from the dictionary and from every function profile."""

    def change(current: CompetenceDictionary) -> CompetenceDictionary:
        if find_competence(current, competence_id) is None:
            raise CompetenceNotFound()
        profiles = [
            profile.model_copy(
                update={"entries": [entry for entry in profile.entries if entry.competence_id != competence_id]}
            )
            for profile in current.profiles
        ]
        competences = [item for item in current.competences if item.id != competence_id]
        return current.model_copy(update={"competences": competences, "profiles": profiles})

    return change_dictionary(database, organisation_id, change)


def save_profile(
    database: Database,
    organisation_id: str,
    function: str,
    expected: dict[str, int | None],
    profile_id: str | None = None,
) -> CompetenceDictionary:
    """Add or change a function profile. ``expected`` maps each competence id of the profile to its
    expected level (None: in the profile, no level set), in the dictionary's order."""
    profile = FunctionProfile.model_validate(
        {
            **({"id": profile_id} if profile_id else {}),
            "function": function,
            "entries": [{"competence_id": key, "expected": value} for key, value in expected.items()],
        }
    )

    def change(current: CompetenceDictionary) -> CompetenceDictionary:
        order = {item.id: index for index, item in enumerate(current.competences)}
        entries = sorted(
            (entry for entry in profile.entries if entry.competence_id in order),
            key=lambda entry: order[entry.competence_id],
        )
        ordered = profile.model_copy(update={"entries": entries})
        key = fold_key(ordered.function)
        for other in current.profiles:
            if other.id != ordered.id and fold_key(other.function) == key:
                raise StoreError(_("Er is al een profiel voor de functie '{function}'.", function=other.function))
        if profile_id:
            if all(item.id != profile_id for item in current.profiles):
                raise StoreError(_("Dit functieprofiel bestaat niet meer; iemand anders verwijderde het."))
            profiles = [ordered if item.id == profile_id else item for item in current.profiles]
        else:
            profiles = [*current.profiles, ordered]
        return current.model_copy(update={"profiles": profiles})

    return change_dictionary(database, organisation_id, change)


def delete_profile(database: Database, organisation_id: str, profile_id: str) -> CompetenceDictionary:
    def change(current: CompetenceDictionary) -> CompetenceDictionary:
        return current.model_copy(update={"profiles": [item for item in current.profiles if item.id != profile_id]})

    return change_dictionary(database, organisation_id, change)


def save_scale(database: Database, organisation_id: str, labels: Sequence[str]) -> CompetenceDictionary:
    """The organisation's scale: one label per level, lowest first (2 to 9 levels). Expected levels
    above the new top are cleared. Measurements keep the scale they were made on."""
    scale = [ScaleLevel(value=number, label=text) for number, text in enumerate(labels, start=1)]

    def change(current: CompetenceDictionary) -> CompetenceDictionary:
        top = len(scale)
        profiles = [
            profile.model_copy(
                update={
                    "entries": [
                        entry
                        if entry.expected is None or entry.expected <= top
                        else ProfileEntry(competence_id=entry.competence_id)
                        for entry in profile.entries
                    ]
                }
            )
            for profile in current.profiles
        ]
        return current.model_copy(update={"scale": scale, "profiles": profiles})

    return change_dictionary(database, organisation_id, change)
