"""Shared pieces of the command line: the --db and --group options, opening the database, errors."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from poptui.i18n import _
from poptui.locations import default_database_path
from poptui.store import Database, DatabaseDamaged, DatabaseMissing, NewerSchema, NotADatabase, StoreError
from poptui.store import schema as store_schema
from poptui.store.files import PRIVATE, UnknownGroup, group_permissions, set_permissions

GROUP_ENVIRONMENT_VARIABLE = "POPTUI_GROUP"


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
    parser.add_argument(
        "--group",
        metavar=_("GROEP"),
        default=argparse.SUPPRESS,
        help=_(
            "deel de bestanden met deze groep (meerdere coaches op één server): bestanden 0660, mappen 2770; "
            "standaard POPTUI_GROUP of wat de database zelf vermeldt"
        ),
    )


def add_help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help=_("toon deze hulp en stop"))


def database_path(options: argparse.Namespace) -> Path:
    given = getattr(options, "db", None)
    path = Path(given).expanduser() if given else default_database_path()
    configure_sharing(options, path)
    return path


def explicit_database(options: argparse.Namespace) -> bool:
    return getattr(options, "db", None) is not None


def _group_in_database(path: Path) -> str:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        meta = json.loads((path / store_schema.META_FILE).read_text(encoding="utf-8"))
        group = meta.get("group", "")
        return group if isinstance(group, str) else ""
    return ""


def sharing_group(options: argparse.Namespace, path: Path) -> str:
    """The group to share files with: --group, else POPTUI_GROUP, else the one the database names."""
    return getattr(options, "group", None) or os.environ.get(GROUP_ENVIRONMENT_VARIABLE, "") or _group_in_database(path)


def configure_sharing(options: argparse.Namespace, path: Path) -> None:
    """Private files (0600/0700, umask 077) or group mode (0660/2770, umask 007) for this process."""
    group = sharing_group(options, path)
    if not group:
        set_permissions(PRIVATE)
        return
    try:
        set_permissions(group_permissions(group))
    except UnknownGroup:
        raise CommandError(
            _(
                "De groep '{group}' bestaat niet op deze computer. Vraag je IT-verantwoordelijke om de groep aan "
                "te maken (groupadd {group}) en de coaches erin op te nemen.",
                group=group,
            ),
            2,
        ) from None


def open_database(options: argparse.Namespace) -> Database:
    """Open the database named by --db / POPTUI_DB / the default, or fail in Dutch (exit 2)."""
    path = database_path(options)
    try:
        return Database.open(path)
    except (DatabaseMissing, NotADatabase, DatabaseDamaged, NewerSchema) as error:
        raise CommandError(str(error), 2) from error
    except StoreError as error:
        raise CommandError(str(error), 2) from error


def confirm(question: str, assume_yes: bool = False) -> bool:
    """Ask a yes/no question on the terminal; without a terminal the answer is no."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(f"{question} [j/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def fail(message: str, exit_code: int = 1) -> int:
    print(_("Fout: {message}", message=message), file=sys.stderr)
    return exit_code


def say(message: str) -> None:
    print(message)
