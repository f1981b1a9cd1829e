"""The first run: is this database still empty, and the demo database to look around in.

A database is new (``is_first_run``) while it holds no organisation: everything else (coaches,
employees, trajectories) hangs under one. The welcome screen then offers the guided start
(organisation, me as coach, my first employee: the ordinary forms and services) or the demo.

The demo lives in its own folder (:func:`poptui.locations.demo_database_path`, per user), is
written once with the fictional demo data and opened as it is afterwards (``poptui demo --db
FOLDER --force`` writes it anew). It is never the real database: when both are the same folder
the demo is refused, and an existing folder that is not a poptui database is left alone.
"""

from __future__ import annotations

from pathlib import Path

from poptui.i18n import _
from poptui.services.trajectory_list import ORGANISATIONS_TABLE
from poptui.store import Database, DatabaseMissing, StoreError


class DemoRefused(StoreError):
    """The demo cannot open here; ``str()`` says why, in Dutch."""


def is_first_run(database: Database) -> bool:
    """True while the database has no organisation yet (a new, empty database). Asked before the first
    paint: read from the file as stored, no record built (nor its model imported)."""
    return not database.has_core_records(ORGANISATIONS_TABLE)


def open_demo_database(folder: Path, real_database: Path) -> Database:
    """The demo database in ``folder``: opened when it is there, else written with the demo data."""
    if folder.resolve() == real_database.resolve():
        raise DemoRefused(
            _(
                "De demomap {folder} is dezelfde map als je eigen database; poptui opent daar geen demo. "
                "Maak een demo in een andere map met 'poptui demo --db ANDERE_MAP'.",
                folder=folder,
            )
        )
    try:
        return Database.open(folder)
    except DatabaseMissing:
        pass
    from poptui.demo import write_demo

    try:
        database = Database.create(folder, actor="demo")
        write_demo(database)
    except StoreError as error:
        raise DemoRefused(
            _("De demodatabase kon niet gemaakt worden in {folder}: {problem}", folder=folder, problem=error)
        ) from error
    return Database.open(folder)
