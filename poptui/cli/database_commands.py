"""`poptui init`, `poptui demo` and `poptui check`."""

from __future__ import annotations

import argparse
import shutil

from poptui.cli.common import (
    CommandError,
    add_database_option,
    add_help,
    database_path,
    open_database,
    say,
)
from poptui.i18n import _
from poptui.store import Database, StoreError


def register(subparsers: argparse._SubParsersAction) -> None:
    init = subparsers.add_parser(
        "init",
        help=_("maak een nieuwe, lege database"),
        add_help=False,
        description=_("Maak een nieuwe, lege poptui-database in de opgegeven map."),
    )
    add_help(init)
    add_database_option(init)
    init.set_defaults(handler=run_init)

    demo = subparsers.add_parser(
        "demo",
        help=_("maak een demodatabase met fictieve gegevens"),
        description=_(
            "Schrijf een realistische, fictieve demodatabase: twee organisaties, een twaalftal werknemers, "
            "trajecten in elke variant en elke status, en een opleidingsdag."
        ),
        add_help=False,
    )
    add_help(demo)
    add_database_option(demo)
    demo.add_argument("--force", action="store_true", help=_("overschrijf een bestaande database"))
    demo.set_defaults(handler=run_demo)

    check = subparsers.add_parser(
        "check",
        help=_("controleer de database"),
        description=_(
            "Controleer of de database leesbaar is, het schema klopt en elke verwijzing bestaat. "
            "Afsluitcode 0: gezond; 1: problemen gevonden; 2: onleesbaar of ontbrekend."
        ),
        add_help=False,
    )
    add_help(check)
    add_database_option(check)
    check.set_defaults(handler=run_check)


def run_init(options: argparse.Namespace) -> int:
    path = database_path(options)
    try:
        Database.create(path)
    except StoreError as error:
        raise CommandError(str(error), 2) from error
    say(_("Nieuwe database gemaakt in {path}.", path=path))
    return 0


def run_demo(options: argparse.Namespace) -> int:
    from poptui.demo import write_demo

    path = database_path(options)
    if path.exists():
        if not options.force:
            raise CommandError(
                _("Er bestaat al iets op {path}. Gebruik --force om het te vervangen door de demodatabase.", path=path),
                1,
            )
        if path.is_dir():
            try:
                Database.open(path, migrate=False)
            except StoreError as error:
                if any(path.iterdir()):
                    raise CommandError(
                        _(
                            "{path} is geen poptui-database; poptui vervangt die map niet, ook niet met --force.",
                            path=path,
                        ),
                        1,
                    ) from error
            shutil.rmtree(path)
        else:
            raise CommandError(_("{path} is een bestand; poptui vervangt dat niet.", path=path), 1)
    try:
        database = Database.create(path, actor="demo")
    except StoreError as error:
        raise CommandError(str(error), 2) from error
    try:
        counts = write_demo(database)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    say(
        _(
            "Demodatabase geschreven in {path}: {organisations} organisaties, {employees} werknemers, "
            "{trajectories} trajecten, {trainings} opleidingsdag.",
            path=path,
            **counts,
        )
    )
    return 0


def run_check(options: argparse.Namespace) -> int:
    from poptui.services.health import check_database

    database = open_database(options)
    try:
        report = check_database(database)
    except StoreError as error:
        raise CommandError(str(error), 2) from error
    for warning in report.warnings:
        say(_("Waarschuwing: {warning}", warning=warning))
    if report.healthy:
        say(
            _(
                "De database in {path} is in orde ({employees} werknemers, {trajectories} trajecten).",
                path=database.path,
                employees=report.counts.get("employees", 0),
                trajectories=report.counts.get("trajectories", 0),
            )
        )
        return 0
    say(_("{count} probleem/problemen gevonden in {path}:", count=len(report.problems), path=database.path))
    for problem in report.problems:
        say(f"- {problem}")
    return 1
