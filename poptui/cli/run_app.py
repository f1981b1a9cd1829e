"""`poptui` without a command: open (or, at the default place, create) the database and start the app."""

from __future__ import annotations

import argparse
import sys

from poptui.cli.common import CommandError, database_path, explicit_database
from poptui.i18n import _
from poptui.store import Database, DatabaseMissing, StoreError


def run_app(options: argparse.Namespace) -> int:
    path = database_path(options)
    try:
        database = Database.open(path)
    except DatabaseMissing as error:
        if explicit_database(options):
            raise CommandError(str(error), 2) from error
        try:
            database = Database.create(path)
        except StoreError as create_error:
            raise CommandError(str(create_error), 2) from create_error
        print(_("Nieuwe, lege database gemaakt in {path}.", path=path), file=sys.stderr)
    except StoreError as error:
        raise CommandError(str(error), 2) from error
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        raise CommandError(_("poptui heeft een terminal nodig om te starten."), 2)
    from poptui.app import PopApp
    from poptui.services.coach import identify_coach

    app = PopApp(database, identify_coach(database))
    app.run()
    return 0
