"""Turn pydantic's validation errors into Dutch messages per field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from poptui.i18n import _

# Messages our own validators raise as short codes, and pydantic's error types.
_MESSAGES = {
    "verplicht": "Dit veld is verplicht.",
    "missing": "Dit veld is verplicht.",
    "datum_ongeldig": "Dit is geen bestaande datum. Schrijf de datum als dd/mm/jjjj.",
    "tijd_ongeldig": "Dit is geen geldig uur. Schrijf het uur als uu:mm, bijvoorbeeld 07:30.",
    "date_parsing": "Dit is geen geldige datum. Schrijf de datum als dd/mm/jjjj.",
    "date_from_datetime_parsing": "Dit is geen geldige datum. Schrijf de datum als dd/mm/jjjj.",
    "date_type": "Dit is geen geldige datum. Schrijf de datum als dd/mm/jjjj.",
    "time_parsing": "Dit is geen geldig uur. Schrijf het uur als uu:mm.",
    "time_type": "Dit is geen geldig uur. Schrijf het uur als uu:mm.",
    "datetime_parsing": "Dit is geen geldige datum met uur.",
    "datetime_from_date_parsing": "Dit is geen geldige datum met uur.",
    "int_parsing": "Vul een geheel getal in.",
    "int_type": "Vul een geheel getal in.",
    "int_from_float": "Vul een geheel getal in.",
    "float_parsing": "Vul een getal in (bijvoorbeeld 1,5).",
    "float_type": "Vul een getal in (bijvoorbeeld 1,5).",
    "bool_parsing": "Kies ja of nee.",
    "bool_type": "Kies ja of nee.",
    "string_type": "Vul tekst in.",
    "string_too_long": "Deze tekst is te lang (maximaal {max_length} tekens).",
    "string_too_short": "Dit veld is verplicht.",
    "too_long": "Er zijn te veel items (maximaal {max_length}).",
    "greater_than_equal": "De waarde moet minstens {ge} zijn.",
    "greater_than": "De waarde moet groter zijn dan {gt}.",
    "less_than_equal": "De waarde mag hoogstens {le} zijn.",
    "less_than": "De waarde moet kleiner zijn dan {lt}.",
    "enum": "Kies een van: {expected}.",
    "literal_error": "Kies een van: {expected}.",
    "extra_forbidden": "Dit veld bestaat niet.",
    "list_type": "Verwacht een lijst.",
    "dict_type": "Verwacht een gegevensblok.",
    "model_type": "Verwacht een gegevensblok.",
    "union_tag_invalid": "Onbekende soort: {tag}.",
    "union_tag_not_found": "De soort ontbreekt.",
}


@dataclass(frozen=True)
class FieldError:
    """One problem with one field, in words a coach understands."""

    field: str
    """Dotted path of the field (``actions.0.deadline``), empty for the whole record."""
    label: str
    """The field's Dutch name as shown on screen."""
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}" if self.label else self.message


def _field_label(model: type[BaseModel] | None, location: tuple[object, ...]) -> str:
    if model is None or not location:
        return ""
    name = str(location[0])
    info = model.model_fields.get(name)
    title = info.title if info and info.title else name.replace("_", " ")
    label = _(title)
    rest = [str(part) for part in location[1:]]
    if rest and rest[0].isdecimal():
        label += f" {int(rest[0]) + 1}"
    return label


def message_for(error: Mapping[str, Any]) -> str:
    """The Dutch message for one pydantic error dictionary."""
    kind = error.get("type", "")
    text = ""
    if kind == "value_error":
        code = str(error.get("ctx", {}).get("error", ""))
        text = _MESSAGES.get(code, "")
        if not text:
            text = code
        return _(text)
    template = _MESSAGES.get(kind)
    if template is None:
        return _("Deze waarde is niet geldig.")
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    if "expected" in context:
        context["expected"] = context["expected"].replace("'", "").replace(" or ", " of ")
    try:
        return _(template, **context) if context else _(template)
    except KeyError:
        return _(template)


def field_errors(error: ValidationError, model: type[BaseModel] | None = None) -> list[FieldError]:
    """All problems of a :class:`ValidationError`, each with its field and Dutch message."""
    out = []
    for item in error.errors(include_url=False):
        location = tuple(item.get("loc", ()))
        out.append(
            FieldError(
                field=".".join(str(part) for part in location),
                label=_field_label(model, location),
                message=message_for(item),
            )
        )
    return out


def dutch_summary(error: ValidationError, model: type[BaseModel] | None = None) -> str:
    """All problems on separate lines, for a notification or the command line."""
    return "\n".join(str(item) for item in field_errors(error, model))
