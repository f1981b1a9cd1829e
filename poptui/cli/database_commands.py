"""`poptui init`, `poptui demo` and `poptui check`."""

from __future__ import annotations

import argparse

from poptui.cli.common import (
    EXIT_UNUSABLE,
    CommandError,
    add_database_option,
    add_help,
    database_path,
    open_database,
    say,
)
from poptui.i18n import _, _n
from poptui.store import Database, SaveFailed, StoreError


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
    demo.add_argument(
        "--force",
        action="store_true",
        help=_(
            "vervang een bestaande demodatabase (nooit een database waarin een coach iets opsloeg; "
            "de reservekopieën blijven)"
        ),
    )
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
    except SaveFailed:
        raise
    except StoreError as error:  # something is there already: not a database, or a database
        raise CommandError(str(error), EXIT_UNUSABLE) from error
    say(_("Nieuwe database gemaakt in {path}.", path=path))
    return 0


def run_demo(options: argparse.Namespace) -> int:
    from poptui.services.demo_database import install_demo

    path = database_path(options)
    counts = install_demo(path, force=options.force)
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
    from poptui.services.health import confirmed_check

    database = open_database(options)
    try:
        report = confirmed_check(database, remember=True)
    except StoreError as error:
        raise CommandError(str(error), EXIT_UNUSABLE) from error
    for warning in report.warnings:
        say(_("Waarschuwing: {warning}", warning=warning))
    if report.healthy:
        say(
            _(
                "De database in {path} is in orde ({employees}, {trajectories}).",
                path=database.path,
                employees=_n("{count} werknemer", "{count} werknemers", report.counts.get("employees", 0)),
                trajectories=_n("{count} traject", "{count} trajecten", report.counts.get("trajectories", 0)),
            )
        )
        return 0
    say(
        _n(
            "{count} probleem gevonden in {path}:",
            "{count} problemen gevonden in {path}:",
            len(report.problems),
            path=database.path,
        )
    )
    for problem in report.problems:
        say(f"- {problem}")
    return 1
