"""The store: TinyDB behind a small repository interface (see :mod:`.database`)."""

from poptui.store.database import Database, Transaction, default_actor, expect_versions
from poptui.store.errors import (
    BackupError,
    ConsentRequired,
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
    "BackupError",
    "ConsentRequired",
    "Database",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseMissing",
    "NewerSchema",
    "NotADatabase",
    "NotFound",
    "SaveFailed",
    "StoreError",
    "Transaction",
    "VersionConflict",
    "default_actor",
    "expect_versions",
]
