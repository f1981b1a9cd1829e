"""`poptui pop uploaded TRAJECT_ID [--date D]` and `poptui report compliance [--organisation NAAM] [--json]`.

The registration side of §4.4: marking a final POP as uploaded to Mijn Loopbaan, and the
compliance overview (what is missing per employee). ``report compliance`` joins the ``report``
command of :mod:`poptui.cli.export_commands`, so this module is registered after it.
"""

from __future__ import annotations

import argparse
from datetime import date

from poptui import clock
from poptui.cli.common import CommandError, add_database_option, add_help, json_text, open_database, say
from poptui.i18n import _
from poptui.store import NotFound, StoreError
from poptui.text import clean_line


def _subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))


def register(subparsers: argparse._SubParsersAction) -> None:
    pop = subparsers.add_parser(
        "pop",
        help=_("registreer iets over een POP (opgeladen in Mijn Loopbaan)"),
        description=_("Registreer iets over het POP van een traject."),
        add_help=False,
    )
    add_help(pop)
    actions = pop.add_subparsers(dest="pop_action", metavar="uploaded", required=True)
    uploaded = actions.add_parser(
        "uploaded",
        help=_("markeer het definitieve POP als opgeladen in Mijn Loopbaan"),
        description=_(
            "Markeer het definitieve POP van een traject als opgeladen in Mijn Loopbaan van de VDAB "
            "(draaiboek §4.4.2), met de datum en wie het deed. Toont eerst de stappen met --steps."
        ),
        add_help=False,
    )
    add_help(uploaded)
    uploaded.add_argument("trajectory_id", metavar="TRAJECT_ID", help=_("de id van het POP-traject"))
    uploaded.add_argument(
        "--date", metavar=_("JJJJ-MM-DD"), default=None, help=_("de dag van opladen (standaard vandaag)")
    )
    uploaded.add_argument(
        "--by", metavar=_("NAAM"), default="", help=_("wie het POP opgeladen heeft (standaard je gebruikersnaam)")
    )
    uploaded.add_argument("--clear", action="store_true", help=_("haal de markering weg (ze stond er per vergissing)"))
    uploaded.add_argument(
        "--steps", action="store_true", help=_("toon alleen de stappen om het POP op te laden, markeer niets")
    )
    add_database_option(uploaded)
    uploaded.set_defaults(handler=run_pop_uploaded)

    report = subparsers.choices["report"]
    kinds = _subcommands(report)
    kinds.metavar = "month|compliance"
    compliance = kinds.add_parser(
        "compliance",
        help=_("wat ontbreekt er per werknemer voor de registratie"),
        description=_(
            "Toon per werknemer wat ontbreekt voor de registratie: geen POP binnen de termijn na de start, "
            "een POP ouder dan een jaar, een definitief POP zonder toestemming of niet opgeladen in Mijn Loopbaan "
            "of zonder generieke en technische actie, contactmomenten over tijd. Met --json een lijst van objecten "
            "met employee_id, employee, organisation, problem en since."
        ),
        add_help=False,
    )
    add_help(compliance)
    compliance.add_argument(
        "--organisation", metavar=_("NAAM"), default=None, help=_("enkel deze organisatie (een deel van de naam)")
    )
    compliance.add_argument("--json", action="store_true", help=_("schrijf JSON (een lijst van objecten)"))
    add_database_option(compliance)
    compliance.set_defaults(handler=run_report_compliance)


def _day(text: str | None) -> date:
    if not text:
        return clock.today()
    from poptui.models.base import _parse_date  # the models' module loads pydantic: not for every parser

    try:
        value = _parse_date(text)
        return value if isinstance(value, date) else date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("Geef de datum als JJJJ-MM-DD of dd/mm/jjjj, bijvoorbeeld 2026-10-15 (je gaf '{text}').", text=text), 2
        ) from None


def run_pop_uploaded(options: argparse.Namespace) -> int:
    from poptui.services import mijn_loopbaan

    day = _day(options.date)
    today = clock.today()
    database = open_database(options)
    try:
        state = mijn_loopbaan.upload_state(database, options.trajectory_id, today)
        if options.steps:
            say(load_title())
            for number, step in enumerate(mijn_loopbaan.upload_steps(state.document_name), start=1):
                say(f"{number}. {step}")
            say(state.summary())
            return 0
        if options.clear:
            mijn_loopbaan.clear_upload(database, options.trajectory_id, today)
        else:
            mijn_loopbaan.mark_uploaded(database, options.trajectory_id, day, options.by or database.actor, today)
        state = mijn_loopbaan.upload_state(database, options.trajectory_id, today)
    except NotFound as error:
        raise CommandError(str(error), 1) from error
    except mijn_loopbaan.UploadRefused as error:
        raise CommandError(str(error), 1) from error
    except (StoreError, OSError) as error:
        raise CommandError(str(error), 2) from error
    say(f"{state.employee.full_name}: {state.summary()}")
    return 0


def load_title() -> str:
    from poptui.catalog import load_catalog

    return load_catalog().registration.mijn_loopbaan.title


def run_report_compliance(options: argparse.Namespace) -> int:
    from poptui.services.compliance import compliance_overview, count_text
    from poptui.services.organisations import find_organisation

    database = open_database(options)
    organisation_id = None
    if options.organisation:
        organisation = find_organisation(database, options.organisation)
        if organisation is None:
            raise CommandError(
                _(
                    "Geen organisatie gevonden met de naam '{name}' (of meer dan één). "
                    "'poptui list organisations' toont ze allemaal.",
                    name=options.organisation,
                ),
                1,
            )
        organisation_id = organisation.id
    try:
        lines = compliance_overview(database, clock.today(), organisation_id)
    except (StoreError, OSError) as error:
        raise CommandError(str(error), 2) from error
    if options.json:
        say(json_text([line.as_json() for line in lines]))
        return 0
    if not lines:
        say(_("Niets ontbreekt voor de registratie."))
        return 0
    say(_("Wat ontbreekt voor de registratie: {count}.", count=count_text(lines)))
    heading: str | None = None
    for line in lines:
        if line.organisation != heading:
            heading = line.organisation
            say("")
            say(clean_line(heading or _("(geen organisatie)")))
        say(
            "  "
            + clean_line(
                _(
                    "{employee}: {problem}, sinds {since} ({detail})",
                    employee=line.employee,
                    problem=line.title,
                    since=line.since.strftime("%d/%m/%Y"),
                    detail=line.detail,
                )
            )
        )
    return 0
