"""Drafts: what the coach typed in a form, kept until it is saved.

A form writes its values here while the coach types (and when the terminal
hangs up), so a crash or a dropped SSH session loses at most the field being
typed. Drafts live in the database folder, per user, readable only by them.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any

from poptui import clock
from poptui.store import Database
from poptui.store.files import atomic_write, ensure_folder

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _folder(database: Database) -> Path:
    return database.path / "drafts" / _UNSAFE.sub("_", database.actor)


def _file(database: Database, key: str) -> Path:
    return _folder(database) / f"{_UNSAFE.sub('_', key)}.json"


def save_draft(database: Database, key: str, title: str, values: dict[str, Any]) -> None:
    folder = _folder(database)
    ensure_folder(folder.parent)
    ensure_folder(folder)
    payload = {"key": key, "title": title, "saved_at": clock.now().isoformat(timespec="seconds"), "values": values}
    atomic_write(_file(database, key), json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8"))


def load_draft(database: Database, key: str) -> dict[str, Any] | None:
    try:
        payload = json.loads(_file(database, key).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, OSError):
        return None
    values = payload.get("values") if isinstance(payload, dict) else None
    return values if isinstance(values, dict) else None


def discard_draft(database: Database, key: str) -> None:
    with contextlib.suppress(FileNotFoundError, OSError):
        _file(database, key).unlink()


def list_drafts(database: Database) -> list[dict[str, Any]]:
    """Every draft of this user: key, title and when it was saved."""
    out = []
    folder = _folder(database)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        with contextlib.suppress(ValueError, OSError):
            payload = json.loads(path.read_text(encoding="utf-8"))
            out.append(
                {
                    "key": payload.get("key", path.stem),
                    "title": payload.get("title", ""),
                    "saved_at": payload.get("saved_at", ""),
                }
            )
    return out
