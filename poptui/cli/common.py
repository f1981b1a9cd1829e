"""Shared pieces of the command line: the --db option, opening the database, errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from poptui.i18n import _
from poptui.locations import default_database_path
from poptui.store import Database, DatabaseDamaged, DatabaseMissing, NewerSchema, NotADatabase, StoreError


class CommandError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar=_("PAD"),
        default=argparse.SUPPRESS,
        help=_("de databasemap (standaard: POPTUI_DB of de gegevensmap van de gebruiker)"),
    )


def add_help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help=_("toon deze hulp en stop"))


def database_path(options: argparse.Namespace) -> Path:
    given = getattr(options, "db", None)
    return Path(given).expanduser() if given else default_database_path()


def explicit_database(options: argparse.Namespace) -> bool:
    return getattr(options, "db", None) is not None


def open_database(options: argparse.Namespace) -> Database:
    """Open the database named by --db / POPTUI_DB / the default, or fail in Dutch (exit 2)."""
    path = database_path(options)
    try:
        return Database.open(path)
    except (DatabaseMissing, NotADatabase, DatabaseDamaged, NewerSchema) as error:
        raise CommandError(str(error), 2) from error
    except StoreError as error:
        raise CommandError(str(error), 2) from error


def fail(message: str, exit_code: int = 1) -> int:
    print(_("Fout: {message}", message=message), file=sys.stderr)
    return exit_code


def say(message: str) -> None:
    print(message)
