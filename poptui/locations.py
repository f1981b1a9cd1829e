"""Where poptui keeps its files by default: one module for every path.

platformdirs (about 20 ms to import: it brings tempfile, random and the platform modules) is imported
by the functions that ask it, not by this module: a command given ``--db`` never does."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "poptui"
DB_ENVIRONMENT_VARIABLE = "POPTUI_DB"


def default_database_path() -> Path:
    """The database folder: POPTUI_DB if set, else the platform's user data folder."""
    configured = os.environ.get(DB_ENVIRONMENT_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "database"


def demo_database_path() -> Path:
    """The demo database the first-run welcome opens: its own folder, never the real database."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "demo"


def config_folder() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def exports_folder() -> Path:
    """Per-user folder for exports (never a world-readable temp folder)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "exports"
