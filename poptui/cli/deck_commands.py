"""`poptui decks list [--json]` and `poptui decks import FILE --name NAME`: the card decks of the card games.

``list`` shows poptui's own decks and the imported ones (id, name, kind, cards, organisation).
``import`` reads a .xlsx or .csv file, one card a row, into a deck (see
:mod:`poptui.services.decks` for the columns). Exit code 0: every row read; 1: some rows
refused (the others are imported), or the organisation is unknown; 2: nothing imported (the file
or the database cannot be read, no card column, no cards).
Everything printed is cleaned like stored text.
"""

from __future__ import annotations

import argparse
import json

from poptui.cli.common import CommandError, add_database_option, add_help, open_database, say
from poptui.i18n import _
from poptui.labels import label
from poptui.models import DeckKind
from poptui.store import StoreError
from poptui.text import clean_line, clean_text, shorten


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "decks",
        help=_("kaartensets van de kaartspellen tonen of inlezen"),
        description=_("De kaartensets van het Kwaliteitenspel, het Vaardighedenspel, Vier op een rij en de prenten."),
        add_help=False,
    )
    add_help(parser)
    actions = parser.add_subparsers(dest="deck_action", metavar=_("ACTIE"), required=True)

    listing = actions.add_parser(
        "list",
        help=_("toon de kaartensets"),
        description=_("Toon poptuis eigen en de ingelezen kaartensets."),
        add_help=False,
    )
    add_help(listing)
    add_database_option(listing)
    listing.add_argument("--json", action="store_true", help=_("schrijf JSON (een lijst van objecten)"))
    listing.set_defaults(handler=run_list)

    reading = actions.add_parser(
        "import",
        help=_("lees een eigen kaartenset in uit Excel of CSV"),
        description=_(
            "Lees een kaartenset in uit een .xlsx- of .csv-bestand: één kaart per rij. De eerste rij (eventueel "
            "onder een titelrij) bevat de kolomnamen. De kolom met de kaarten heet 'kwaliteit', 'vaardigheid', "
            "'prent' of 'competentie' (of 'kaart', met --soort). Mogelijke andere kolommen: 'plus' (eenvoudige "
            "verwoording), 'uitleg', 'vervorming', 'vervorming plus', 'afbeelding' (bestandsnaam naast het "
            "bestand), en bij competenties 'aspect 1' tot 'aspect 4'. Opnieuw inlezen onder dezelfde naam "
            "vervangt de set; gespeelde spellen houden hun eigen kaarten."
        ),
        epilog=_("Afsluitcode 0: alles ingelezen; 1: rijen geweigerd of onbekende organisatie; 2: niets ingelezen."),
        add_help=False,
    )
    add_help(reading)
    reading.add_argument("file", metavar=_("BESTAND"), help=_("het .xlsx- of .csv-bestand"))
    reading.add_argument("--name", "--naam", required=True, metavar=_("NAAM"), help=_("de naam van de kaartenset"))
    reading.add_argument(
        "--kind",
        "--soort",
        choices=[kind.value for kind in DeckKind],
        default=None,
        help=_("de soort kaarten, als de kolomnaam het niet zegt"),
    )
    reading.add_argument(
        "--organisation",
        "--organisatie",
        default=None,
        metavar=_("NAAM"),
        help=_("alleen voor deze organisatie (standaard: voor elke organisatie in de database)"),
    )
    add_database_option(reading)
    reading.set_defaults(handler=run_import)


def run_list(options: argparse.Namespace) -> int:
    from poptui.services import decks  # imported when the command runs, not to build the parser
    from poptui.services.directory import organisations  # the services load the models (pydantic): as decks

    database = open_database(options)
    names = {organisation.id: organisation.name for organisation in organisations(database)}
    found = decks.available(database)
    if options.json:
        rows = [
            {
                "id": deck.id,
                "name": deck.name,
                "kind": deck.kind.value,
                "cards": len(deck.cards),
                "shipped": deck.shipped,
                "organisation": names.get(deck.organisation_id or "", ""),
            }
            for deck in found
        ]
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    say(_("Kaartensets:"))
    for deck in found:
        owner = _("poptui") if deck.shipped else (names.get(deck.organisation_id or "", "") or _("alle organisaties"))
        say(
            clean_line(
                _(
                    "{name} — {kind}, {count} kaarten ({owner}); id {id}",
                    name=deck.name,
                    kind=label(deck.kind),
                    count=len(deck.cards),
                    owner=owner,
                    id=deck.id,
                )
            )
        )
    return 0


def run_import(options: argparse.Namespace) -> int:
    from poptui.services import decks  # imported when the command runs, not to build the parser
    from poptui.services.directory import organisations
    from poptui.services.import_table import ImportFileError
    from poptui.services.organisations import find_organisation

    database = open_database(options)
    organisation_id = None
    if options.organisation:
        organisation = find_organisation(database, options.organisation)
        if organisation is None:
            known = ", ".join(item.name for item in organisations(database)) or _("(nog geen)")
            raise CommandError(
                clean_text(
                    _(
                        "De organisatie '{name}' is niet gekend. Gekende organisaties: {known}.",
                        name=shorten(clean_line(options.organisation), 100),
                        known=known,
                    )
                ),
                1,
            )
        organisation_id = organisation.id
    try:
        result = decks.import_deck(
            database,
            options.file,
            options.name,
            DeckKind(options.kind) if options.kind else None,
            organisation_id,
        )
    except (ImportFileError, StoreError) as error:
        raise CommandError(clean_text(str(error)), 2) from error
    for number, reason in result.refused:
        say(clean_text(_("Rij {row} geweigerd: {reason}", row=number, reason=reason)))
    for note in result.notes:
        say(clean_text(note))
    say(clean_text(result.summary()))
    return 1 if result.refused else 0
