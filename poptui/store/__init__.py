"""The store: TinyDB behind a small repository interface (see :mod:`.database`)."""

from poptui.store.database import Database, Transaction, default_actor
from poptui.store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    NewerSchema,
    NotADatabase,
    NotFound,
    SaveFailed,
    StoreError,
    VersionConflict,
)

__all__ = [
    "Database", "DatabaseBusy", "DatabaseDamaged", "DatabaseMissing", "NewerSchema", "NotADatabase",
    "NotFound", "SaveFailed", "StoreError", "Transaction", "VersionConflict", "default_actor",
]
