"""Rules the store enforces on every save, whichever screen, command or import saves.

Checks run inside the transaction, before a record is written, and refuse by
raising a :class:`~poptui.store.errors.StoreError`. The store registers the
consent rule itself, so no save path can skip it; other rules can be added with
:func:`register_save_check`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from poptui import models  # models.X loads a model class where it is used: opening a database loads no pydantic
from poptui.store.errors import ConsentRequired

if TYPE_CHECKING:
    from poptui.models import Record
    from poptui.store.database import Transaction

SaveCheck = Callable[["Transaction", "Record", "dict[str, Any] | None"], None]
"""``check(transaction, record, stored_document_or_None)``; raises to refuse the save."""

_checks: list[SaveCheck] = []


def register_save_check(check: SaveCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def unregister_save_check(check: SaveCheck) -> None:
    if check in _checks:
        _checks.remove(check)


def save_checks() -> tuple[SaveCheck, ...]:
    return tuple(_checks)


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {}, False)


def entered_sensitive_fields(record: Record, stored: dict[str, Any] | None) -> list[str]:
    """Sensitive fields that this save fills in or changes (clearing one is always allowed)."""
    fields = type(record).sensitive_fields
    if not fields:
        return []
    doc = record.model_dump(mode="json", include=set(fields))
    return [
        name
        for name in sorted(fields)
        if _filled(doc.get(name)) and (stored is None or doc.get(name) != stored.get(name))
    ]


def _employee_id(record: Record) -> str | None:
    return record.id if isinstance(record, models.Employee) else getattr(record, "employee_id", None)


def require_consent(transaction: Transaction, record: Record, stored: dict[str, Any] | None) -> None:
    """Refuse special-category data for an employee without valid consent."""
    entered = entered_sensitive_fields(record, stored)
    if not entered:
        return
    employee_id = _employee_id(record)
    if (
        employee_id
        and models.current_consent(transaction.list(models.ConsentEvent, employee_id=employee_id)) is not None
    ):
        return
    model_fields = type(record).model_fields
    labels = [str(model_fields[name].title or name) for name in entered]
    raise ConsentRequired(type(record).label, entered, labels)


register_save_check(require_consent)
