"""`poptui import employees FILE --organisation NAME [--dry-run]`: quick data entry from Excel or CSV.

The valid rows are imported and the refused ones reported (fix the file and import it again: rows
already added are then skipped as duplicates). All accepted rows are written in one transaction:
when saving fails, nothing is saved. Exit code 0: every row added or skipped as a duplicate;
1: some rows refused, or the organisation is unknown; 2: the file or the database cannot be read.
"""

from __future__ import annotations

import argparse

from poptui.cli.common import CommandError, add_database_option, add_help, open_database, say
from poptui.i18n import _
from poptui.services.directory import organisations
from poptui.services.import_employees import ImportFileError, prepare_import
from poptui.services.organisations import find_organisation
from poptui.store import StoreError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help=_("lees gegevens in uit een Excel- of CSV-bestand"),
        description=_("Lees gegevens in uit een .xlsx- of .csv-bestand."),
        add_help=False,
    )
    add_help(parser)
    kinds = parser.add_subparsers(dest="import_kind", metavar=_("SOORT"), required=True)
    employees = kinds.add_parser(
        "employees",
        help=_("werknemers van één organisatie"),
        description=_(
            "Lees werknemers in uit een .xlsx- of .csv-bestand. De eerste rij (eventueel onder een titelrij) bevat "
            "de kolomnamen: voornaam/first_name, achternaam/last_name, functie/function, begeleider/supervisor, "
            "reflectievermogen/reflection (laag, gemiddeld of hoog); ook toestemming (dd/mm/jjjj), mijn loopbaan "
            "(ja/nee) en opmerkingen mogen. CSV mag gescheiden zijn door ; of , in UTF-8 of Windows-1252. "
            "Per rij meldt poptui wat toegevoegd, overgeslagen (dubbel) of geweigerd werd en waarom. "
            "Geweigerde rijen houden de andere niet tegen; alles wordt in één keer opgeslagen of helemaal niet."
        ),
        epilog=_(
            "Afsluitcode 0: alles toegevoegd of dubbel; 1: rijen geweigerd of onbekende organisatie; "
            "2: bestand of database onleesbaar."
        ),
        add_help=False,
    )
    add_help(employees)
    employees.add_argument("file", metavar=_("BESTAND"), help=_("het .xlsx- of .csv-bestand"))
    employees.add_argument(
        "--organisation",
        "--organisatie",
        required=True,
        metavar=_("NAAM"),
        help=_("de organisatie van de werknemers (hoofdletters en accenten tellen niet)"),
    )
    add_database_option(employees)
    employees.add_argument(
        "--dry-run", "--proef", action="store_true", help=_("toon alleen wat er zou gebeuren; sla niets op")
    )
    employees.set_defaults(handler=run_import_employees)


def run_import_employees(options: argparse.Namespace) -> int:
    database = open_database(options)
    organisation = find_organisation(database, options.organisation)
    if organisation is None:
        known = ", ".join(item.name for item in organisations(database)) or _("(nog geen)")
        raise CommandError(
            _(
                "De organisatie '{name}' is niet gekend. Gekende organisaties: {known}.",
                name=options.organisation,
                known=known,
            ),
            1,
        )
    try:
        result = prepare_import(database, options.file, organisation)
    except ImportFileError as error:
        raise CommandError(str(error), 2) from error
    except StoreError as error:
        raise CommandError(str(error), 2) from error
    say(_("Werknemers inlezen in {organisation} uit {file}.", organisation=organisation.name, file=options.file))
    if not options.dry_run:
        try:
            result.commit()
        except StoreError as error:
            raise CommandError(_("Er is niets ingelezen. {reason}", reason=str(error)), 2) from error
    for line in result.report_lines():
        say(line)
    for note in result.notes():
        say(note)
    say(result.summary())
    if options.dry_run:
        say(_("Proefdraai: er is niets opgeslagen. Laat --dry-run weg om de werknemers in te lezen."))
    elif result.refused:
        say(
            _(
                "Verbeter de geweigerde rijen in het bestand en lees het opnieuw in: "
                "wie al is toegevoegd, wordt dan overgeslagen als dubbel."
            )
        )
    return 1 if result.refused else 0
