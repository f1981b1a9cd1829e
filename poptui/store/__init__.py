"""The store: TinyDB behind a small repository interface (see :mod:`.database`)."""

from poptui.store.database import Database, Transaction, default_actor, expect_versions
from poptui.store.errors import (
    AccessDenied,
    BackupError,
    ConsentRequired,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    ExportFailed,
    NewerSchema,
    NotADatabase,
    NotFound,
    SaveFailed,
    StoreError,
    VersionConflict,
)

__all__ = [
    "AccessDenied",
    "BackupError",
    "ConsentRequired",
    "Database",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseMissing",
    "ExportFailed",
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
