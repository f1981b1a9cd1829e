"""Per-user settings (which coach I am, per database; the colour theme): one place that reads and
writes them, in the platform's config folder, readable by the user only (also in group mode)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from poptui.locations import config_folder
from poptui.store.files import private_folder, write_private

SETTINGS_FILE = "settings.json"


def _path() -> Path:
    return config_folder() / SETTINGS_FILE


def load_settings() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def save_settings(settings: dict[str, Any]) -> None:
    private_folder(config_folder())
    write_private(_path(), json.dumps(settings, ensure_ascii=False, indent=2).encode("utf-8"))


def remembered_coach(database_path: Path) -> str | None:
    value = load_settings().get("coach_per_database", {}).get(str(database_path.resolve()))
    return value if isinstance(value, str) else None


def remember_coach(database_path: Path, coach_id: str) -> None:
    settings = load_settings()
    settings.setdefault("coach_per_database", {})[str(database_path.resolve())] = coach_id
    save_settings(settings)


def remembered_theme() -> str | None:
    """The colour theme this user chose last, if any."""
    value = load_settings().get("theme")
    return value if isinstance(value, str) else None


def remember_theme(name: str) -> None:
    settings = load_settings()
    if settings.get("theme") != name:
        settings["theme"] = name
        save_settings(settings)
