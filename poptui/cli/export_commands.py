"""`poptui export pop|form ...` and `poptui report month YYYY-MM`."""

from __future__ import annotations

import argparse
from pathlib import Path

from poptui.cli.common import CommandError, add_database_option, add_help, open_database, say, tell
from poptui.i18n import _
from poptui.store import NotFound

FORM_KINDS = ("consent", "hours", "attendance", "startup", "blank")


def _out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        metavar=_("MAP"),
        default=None,
        help=_("de map waarin het bestand komt (standaard: de exportmap van de gebruiker)"),
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser(
        "export",
        help=_("druk een POP of een formulier af als A4-PDF"),
        description=_("Schrijf een POP-document of een formulier als A4-PDF en toon waar het staat."),
        add_help=False,
    )
    add_help(export)
    kinds = export.add_subparsers(dest="export_kind", metavar="pop|form", required=True)

    pop = kinds.add_parser(
        "pop",
        help=_("het POP-document van een traject"),
        description=_("Schrijf het POP-document van een traject als JJJJMMDD_POP_ACHTERNAAM_VOORNAAM.pdf."),
        add_help=False,
    )
    add_help(pop)
    pop.add_argument("trajectory_id", metavar="TRAJECT_ID", help=_("de id van het POP-traject"))
    add_database_option(pop)
    _out_option(pop)
    pop.set_defaults(handler=run_export_pop)

    form = kinds.add_parser(
        "form",
        help=_("een registratieformulier, de opstartanalyse of een leeg werkblad"),
        description=_(
            "consent WERKNEMER_ID: toestemming en registratie; hours ORGANISATIE_ID: uren van een organisatie; "
            "attendance OPLEIDING_ID: aanwezigheidslijst; startup ORGANISATIE_ID: opstartanalyse; "
            "blank NAAM: leeg werkblad (hand, competenties, scan, smart, klokwijs, praatplaat, actieplan, "
            "smart-actie, het werkblad van een andere methodiek zoals kwaliteitenspel, of alle)."
        ),
        add_help=False,
    )
    add_help(form)
    form.add_argument(
        "form_kind", choices=FORM_KINDS, metavar="consent|hours|attendance|startup|blank", help=_("welk formulier")
    )
    form.add_argument("names", nargs="+", metavar=_("NAAM"), help=_("een of meer id's, of de naam van het werkblad"))
    form.add_argument("--trajectory", metavar="TRAJECT_ID", default=None, help=_("consent: enkel dit traject"))
    form.add_argument(
        "--organisation",
        metavar="ORGANISATIE_ID",
        default=None,
        help=_("blank: de organisatie in de kop en haar competenties"),
    )
    add_database_option(form)
    _out_option(form)
    form.set_defaults(handler=run_export_form)

    report = subparsers.add_parser(
        "report",
        help=_("maak het maandpakket voor de registratie"),
        description=_("Maak het maandpakket (§4.4): POP's, toestemmingen, overzichten, uren en aanwezigheidslijsten."),
        add_help=False,
    )
    add_help(report)
    periods = report.add_subparsers(dest="report_kind", metavar="month", required=True)
    month = periods.add_parser(
        "month",
        help=_("het maandpakket van een maand"),
        description=_("Schrijf de map en de zip van het maandpakket van maand JJJJ-MM en toon wat ontbreekt."),
        add_help=False,
    )
    add_help(month)
    month.add_argument("month", metavar=_("JJJJ-MM"), help=_("de maand, bijvoorbeeld 2026-10"))
    add_database_option(month)
    _out_option(month)
    month.set_defaults(handler=run_report_month)


def _out(options: argparse.Namespace) -> Path | None:
    return Path(options.out).expanduser() if options.out else None


def run_export_pop(options: argparse.Namespace) -> int:
    from poptui.services.forms import export_pop
    from poptui.services.print_jobs import draft_warning

    database = open_database(options)
    path = export_pop(database, options.trajectory_id, _out(options))  # failures: cli.common's exit codes
    warning = draft_warning(database, options.trajectory_id)
    say(str(path))
    if warning:
        tell(warning)
    return 0


def run_export_form(options: argparse.Namespace) -> int:
    from poptui.services import forms

    out = _out(options)
    if options.form_kind == "blank":
        known = forms.worksheet_names()
        names = list(known) if options.names == ["alle"] else options.names
        unknown = [name for name in names if name not in known]
        if unknown:
            raise CommandError(
                _(
                    "Onbekend werkblad: {name}. Kies uit: {names}, of alle.",
                    name=", ".join(unknown),
                    names=", ".join(known),
                )
            )
        organisation = None
        if options.organisation:
            from poptui.models import Organisation

            database = open_database(options)
            try:
                organisation = database.get(Organisation, options.organisation)
            except NotFound as error:
                raise CommandError(str(error), 1) from error
        for name in names:
            say(str(forms.export_blank(name, organisation, out)))
        return 0
    database = open_database(options)
    writers = {
        "consent": lambda some_id: forms.export_consent(database, some_id, out, trajectory_id=options.trajectory),
        "hours": lambda some_id: forms.export_hours(database, some_id, out),
        "attendance": lambda some_id: forms.export_attendance(database, some_id, out),
        "startup": lambda some_id: forms.export_startup(database, some_id, out),
    }
    for some_id in options.names:
        say(str(writers[options.form_kind](some_id)))  # failures: cli.common's exit codes
    return 0


def run_report_month(options: argparse.Namespace) -> int:
    from poptui.services.forms import month_package
    from poptui.services.months import parse_month

    try:
        year, month = parse_month(options.month)
    except ValueError as error:
        raise CommandError(str(error), 2) from error
    from poptui.cli.import_command import ProgressBar

    database = open_database(options)
    progress = ProgressBar()
    try:
        result = month_package(database, year, month, _out(options), progress=progress)  # failures: cli.common's codes
    finally:
        progress.close()
    say(result.summary)
    return 0
