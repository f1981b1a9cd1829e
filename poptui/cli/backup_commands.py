"""`poptui backup [--out MAP] [--list]` and `poptui restore BESTAND [--yes]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from poptui.cli.common import (
    EXIT_CANNOT_WRITE,
    CommandError,
    add_database_option,
    add_help,
    confirm,
    database_path,
    open_database,
    say,
)
from poptui.i18n import _
from poptui.store import BackupError, StoreError


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser(
        "backup",
        help=_("maak een reservekopie van de database"),
        description=_(
            "Maak nu een reservekopie (zip) van de hele database. Zonder --out komt ze in de map backups van de "
            "database, waar poptui ook elke dag automatisch een kopie maakt (7 dagen bewaard, daarna één per week "
            "tot 5 weken). Met --out schrijf je ze in een andere map, bijvoorbeeld een USB-stick."
        ),
        add_help=False,
    )
    add_help(backup)
    add_database_option(backup)
    backup.add_argument("--out", metavar=_("MAP"), help=_("schrijf de reservekopie in deze map"))
    backup.add_argument("--list", action="store_true", help=_("toon de bestaande reservekopieën en stop"))
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help=_("zet een reservekopie terug"),
        description=_(
            "Zet een reservekopie terug. poptui controleert de reservekopie eerst (zoals 'poptui check') en "
            "weigert een kopie die niet in orde is. De huidige bestanden worden eerst apart bewaard in de map "
            "backups (als 'voor-herstel'). Werkt ook als de huidige database beschadigd is."
        ),
        add_help=False,
    )
    add_help(restore)
    add_database_option(restore)
    restore.add_argument("file", metavar=_("BESTAND"), help=_("de reservekopie (zip) om terug te zetten"))
    restore.add_argument("--yes", action="store_true", help=_("niet om bevestiging vragen"))
    restore.set_defaults(handler=run_restore)


def run_backup(options: argparse.Namespace) -> int:
    from poptui.services.backup import BackupReason, create_backup, list_backups
    from poptui.services.health import require_verified

    database = open_database(options)
    if options.list:
        items = list_backups(database.path)
        if not items:
            say(_("Er zijn nog geen reservekopieën in {folder}.", folder=database.path / "backups"))
        for item in items:
            say(f"{item.label}  {item.path}")
        return 0
    require_verified(database)  # never a backup of a damaged database (exit 2)
    try:
        target = create_backup(database, BackupReason.MANUAL, Path(options.out).expanduser() if options.out else None)
    except BackupError as error:
        raise CommandError(str(error), EXIT_CANNOT_WRITE) from error
    say(_("Reservekopie gemaakt: {path}", path=target))
    return 0


def run_restore(options: argparse.Namespace) -> int:
    from poptui.services.backup import check_backup, restore_backup

    path = database_path(options)
    source = Path(options.file).expanduser()
    try:
        report = check_backup(source, path)
    except StoreError as error:
        raise CommandError(str(error), 1) from error
    if not report.healthy:
        problems = "\n".join(f"- {problem}" for problem in report.problems)
        raise CommandError(
            _(
                "De reservekopie {file} is niet in orde; er is niets teruggezet:\n{problems}",
                file=source,
                problems=problems,
            ),
            1,
        )
    question = _(
        "De database in {path} vervangen door de reservekopie {file}? De huidige bestanden worden eerst apart bewaard.",
        path=path,
        file=source,
    )
    if not confirm(question, options.yes):
        raise CommandError(_("Niets teruggezet. Bevestig met --yes als je geen terminal hebt."), 1)
    try:
        result = restore_backup(path, source)
    except BackupError as error:
        raise CommandError(str(error), 1) from error
    say(_("Reservekopie {file} teruggezet in {path}.", file=source, path=path))
    if result.kept_aside:
        say(_("De vorige bestanden staan apart in {kept}.", kept=result.kept_aside))
    return 0
