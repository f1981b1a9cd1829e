"""The base of every stored record and the field types they share."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Final, Literal, cast

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo
from pydantic_core import CoreSchema

from poptui.text import clean_line, clean_text

Scope = Literal["core", "employees", "trajectories", "dossier"]

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


STORED: Final[dict[str, bool]] = {"stored": True}
"""Validation context of a record read back from the store (``model_validate(doc, context=STORED)``).

The store cleans the text of every record it writes (it validates what it writes without this
context, see :mod:`poptui.store.transaction`), so text read back is not cleaned again: at
2,000 employees that was millions of regular-expression passes per ``check``. ``poptui check``
still looks for text that is not clean in the files (a file changed outside poptui)."""


CLEANED: Final[dict[str, bool]] = {"cleaned": True}
"""Validation context of values whose text was cleaned already, each with
:func:`~poptui.text.clean_line` (``model_validate(values, context=CLEANED)``): an import cleans every
cell of its file as it reads it (:mod:`poptui.services.import_table`), and what ``clean_line``
returns both cleanings leave as it is, so its records are not cleaned a second time. Dates are still
parsed (dd/mm/yyyy); everything else is validated as usual."""


def _parse_date(value: Any) -> Any:
    """Accept ISO dates and the Belgian dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        match = _DMY.match(stripped)
        if match:
            day, month, year = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError as error:
                raise ValueError("datum_ongeldig") from error
        return stripped
    return value


def _text(value: Any, info: ValidationInfo) -> Any:
    context = info.context
    if context is STORED or context is CLEANED or not isinstance(value, str):  # the same object: the cheapest test
        return value
    return clean_text(value)


def _line(value: Any, info: ValidationInfo) -> Any:
    context = info.context
    if context is STORED or context is CLEANED or not isinstance(value, str):
        return value
    return clean_line(value)


Text = Annotated[str, BeforeValidator(_text)]
"""Multi-line free text, cleaned of escape sequences and control characters."""
Line = Annotated[str, BeforeValidator(_line)]
"""One-line text: cleaned and with surrounding/double spaces removed."""


def _required(value: str) -> str:
    if not value:
        raise ValueError("verplicht")
    return value


RequiredLine = Annotated[Line, AfterValidator(_required)]


def _day(value: Any, info: ValidationInfo) -> Any:
    return value if info.context is STORED else _parse_date(value)  # the store writes ISO dates


Day = Annotated[date, BeforeValidator(_day)]
OptionalDay = Annotated[date | None, BeforeValidator(_day)]


_IDENTITY_WHEN_STORED = (_text, _line, _day)
"""Validators that, under :data:`STORED`, give back what they were given."""


def _stored_node(node: Any) -> Any:
    """``node`` of a core schema as :func:`stored_schema` describes it."""
    if isinstance(node, list):
        return [_stored_node(item) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    function = node.get("function")
    call = function.get("function") if isinstance(function, dict) else None
    if "ref" in node:  # named and used elsewhere by that name: kept whole
        return {key: _stored_node(value) for key, value in node.items()}
    if kind == "function-before" and call in _IDENTITY_WHEN_STORED:
        return _stored_node(node["schema"])
    if kind == "function-after":
        inner = _stored_node(node["schema"])
        if isinstance(inner, dict) and inner.get("type") == "str" and "ref" not in inner:
            if call is _required:  # "not value" of a string: shorter than one character
                return {**inner, "min_length": max(1, inner.get("min_length", 0))}
            limit = getattr(call, "keywords", {}).get("max_length")  # pydantic's max_length_validator
            if getattr(getattr(call, "func", None), "__name__", "") == "max_length_validator" and isinstance(
                limit, int
            ):
                return {**inner, "max_length": min(limit, inner.get("max_length", limit))}
        return {**node, "schema": inner}
    return {key: _stored_node(value) for key, value in node.items()}


def stored_schema(schema: CoreSchema) -> CoreSchema:
    """A record's core schema for text read back from the store: the same records, faster.

    Under :data:`STORED` the text and date validators of every field (:data:`Text`, :data:`Line`,
    :data:`Day`) hand back what they are given, yet pydantic calls each of them, a Python call
    per field of every record (a third of validating a method record). This schema leaves them
    out, and states the required and maximum-length rules of text fields, which pydantic checks
    in Python after such a validator, as the string's own ``min_length`` and ``max_length``. It
    accepts exactly what the schema accepts under :data:`STORED` and makes the same records; what
    it refuses, the record's own validator is asked about, for its errors in its own words
    (:func:`poptui.store.transaction.parse`). Every other validator (a model's own rules,
    conclusions stored as plain strings) stays."""
    return cast(CoreSchema, _stored_node(schema))


_SEES_OUTPUT = frozenset({"function-after", "function-wrap", "function-plain"})
"""Validators (a model's own rules, a field's) that are given what their schema made: a record."""
_PLAIN_CONFIG = frozenset({"title", "extra_fields_behavior", "validate_assignment"})
"""A model's configuration that changes nothing in how its fields validate (see :class:`Model`)."""


def _refs_seen_by_validators(schema: Any) -> set[str]:
    """The refs of the schema's named parts that a Python validator may be given built (see
    :func:`validity_schema`): used under such a validator, or named by a part that is."""
    named: dict[str, Any] = {}
    wanted: list[str] = []
    seen: set[str] = set()

    def walk(node: Any, seen_by_validator: bool) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, seen_by_validator)
            return
        if not isinstance(node, dict):
            return
        kind = node.get("type")
        if "ref" in node:
            named.setdefault(node["ref"], node)
            if seen_by_validator:
                seen.add(node["ref"])
        if seen_by_validator and kind == "definition-ref":
            wanted.append(node["schema_ref"])
        for key, value in node.items():
            walk(value, seen_by_validator or (kind in _SEES_OUTPUT and key == "schema"))

    walk(schema, False)
    done: set[str] = set()
    while wanted:
        ref = wanted.pop()
        if ref in done:
            continue
        done.add(ref)
        seen.add(ref)
        if ref in named:
            walk(named[ref], True)
    return seen


def _validity_node(node: Any, seen_by_validator: bool, keep: set[str]) -> Any:
    """``node`` of a core schema as :func:`validity_schema` describes it."""
    if isinstance(node, list):
        return [_validity_node(item, seen_by_validator, keep) for item in node]
    if not isinstance(node, dict):
        return node
    kind = node.get("type")
    inner = node.get("schema")
    if (
        kind == "model"
        and not seen_by_validator
        and node.get("ref") not in keep
        and isinstance(inner, dict)
        and inner.get("type") == "model-fields"
        and set(node.get("config") or {}) <= _PLAIN_CONFIG
        and not (node.get("root_model") or node.get("custom_init") or node.get("post_init"))
    ):
        fields = _validity_node(inner, False, keep)
        extra = (node.get("config") or {}).get("extra_fields_behavior")
        if extra is not None and "extra_behavior" not in fields:
            fields["extra_behavior"] = extra
        if "ref" in node:
            fields["ref"] = node["ref"]
        return fields
    return {
        key: _validity_node(value, seen_by_validator or (kind in _SEES_OUTPUT and key == "schema"), keep)
        for key, value in node.items()
    }


def validity_schema(schema: CoreSchema) -> CoreSchema:
    """A core schema that accepts exactly what ``schema`` accepts, without building the records.

    For a check, which only needs to know whether stored records are valid: each model becomes
    its fields (pydantic's ``model-fields`` schema, with the model's rule on unknown fields),
    which validates them as the model does but makes a dictionary instead of an instance; building
    the instances was half of validating a dossier. A model that a Python validator is given (a
    model's own rules, such as a contact moment's, or a field's, and every model inside what it
    is given) stays a model: such a validator reads the record's attributes. A model with any
    configuration that changes how its fields validate stays a model too.

    It also keeps pydantic-core from putting back a model's own validator: a schema naming a model
    class that was built already uses that class's validator (every text and date validator
    included), not the schema it is given; a model's fields are never replaced so."""
    keep = _refs_seen_by_validators(schema)
    return cast(CoreSchema, _validity_node(schema, False, keep))


def new_id() -> str:
    return uuid.uuid4().hex


class Model(BaseModel):
    """Shared configuration: no unknown fields, validate on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False, defer_build=True)


class Record(Model):
    """A record the store keeps: our own id, and a version against lost updates."""

    table: ClassVar[str]
    scope: ClassVar[Scope] = "core"
    label: ClassVar[str] = "record"
    sensitive_fields: ClassVar[frozenset[str]] = frozenset()

    id: str = Field(default_factory=new_id)
    version: int = Field(default=0, ge=0, title="Versie")
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: Line = ""

    def describe(self) -> str:
        """A short text naming the record for messages and the audit trail."""
        return self.id


class DossierRecord(Record):
    """A record that belongs to one employee's dossier (stored in their file)."""

    scope: ClassVar[Scope] = "dossier"
    employee_id: RequiredLine = Field(title="Werknemer")
