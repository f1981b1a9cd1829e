"""`poptui competences list|import`: the organisation's competence dictionary (§2.2, §5.6).

``list --organisation NAME [--json]`` prints each competence with its name, kind, definition and
behaviour indicators (and the function profiles that hold it); ``--json`` a list of objects with
``id``, ``name``, ``kind`` (generiek / technisch), ``definition``, ``indicators`` and ``profiles``
(``function``, ``expected``).

``import FILE --organisation NAME [--dry-run] [--replace]`` reads a competentiewoordenboek from
.xlsx or .csv (see :mod:`poptui.services.competence_import`) and reports every row. All or
nothing: exit 0 when every row was taken (and saved, unless ``--dry-run``); 1 when rows were
refused or the dictionary would hold more than 500 competences (nothing is saved) or the
organisation is unknown; 2 when the file or the database cannot
be read (a failure to save: the shared exit codes of :mod:`poptui.cli.common`). Everything printed
is cleaned like stored text.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from poptui.cli.common import CommandError, add_database_option, add_help, open_database, say
from poptui.i18n import _
from poptui.labels import lower_label
from poptui.store import Database
from poptui.text import clean_line, clean_text, shorten

if TYPE_CHECKING:
    from poptui.models import Organisation


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "competences",
        help=_("het competentiewoordenboek van een organisatie"),
        description=_("Toon of importeer het competentiewoordenboek van een organisatie."),
        add_help=False,
    )
    add_help(parser)
    kinds = parser.add_subparsers(dest="competences_command", metavar=_("OPDRACHT"), required=True)

    listing = kinds.add_parser(
        "list",
        help=_("toon de competenties met definitie en gedragsindicatoren"),
        description=_(
            "Toon elke competentie van het woordenboek van de organisatie: naam, soort (generiek of technisch), "
            "definitie en gedragsindicatoren. Zolang de organisatie geen eigen woordenboek heeft, is dat het "
            "standaardwoordenboek van poptui."
        ),
        add_help=False,
    )
    add_help(listing)
    _organisation_option(listing)
    add_database_option(listing)
    listing.add_argument("--json", action="store_true", help=_("schrijf JSON (een lijst van objecten)"))
    listing.set_defaults(handler=run_list)

    importing = kinds.add_parser(
        "import",
        help=_("lees een competentiewoordenboek in uit Excel of CSV"),
        description=_(
            "Lees competenties in uit een .xlsx- of .csv-bestand. De eerste rij (eventueel onder een titelrij) bevat "
            "de kolomnamen: competentie/naam, definitie, soort (generiek of technisch) en de gedragsindicatoren: "
            "'gedragsindicator 1' tot 'gedragsindicator 5', of één kolom 'gedragsindicatoren' met één indicator per "
            "regel. CSV mag gescheiden zijn door ; of , in UTF-8 of Windows-1252. Een competentie die al in het "
            "woordenboek staat, wordt bijgewerkt. Alles of niets: wordt er één rij geweigerd, dan wordt er niets "
            "ingelezen."
        ),
        epilog=_(
            "Afsluitcode 0: alles ingelezen (of, met --dry-run, alles in orde); 1: rijen geweigerd of onbekende "
            "organisatie; 2: bestand of database onleesbaar."
        ),
        add_help=False,
    )
    add_help(importing)
    importing.add_argument("file", metavar=_("BESTAND"), help=_("het .xlsx- of .csv-bestand"))
    _organisation_option(importing)
    add_database_option(importing)
    importing.add_argument(
        "--dry-run", "--proef", action="store_true", help=_("toon alleen wat er zou gebeuren; sla niets op")
    )
    importing.add_argument(
        "--replace",
        "--vervang",
        action="store_true",
        help=_("vervang het hele woordenboek: competenties die niet in het bestand staan, verdwijnen"),
    )
    importing.set_defaults(handler=run_import)


def _organisation_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--organisation",
        "--organisatie",
        required=True,
        metavar=_("NAAM"),
        help=_("de organisatie (hoofdletters en accenten tellen niet)"),
    )


def _organisation(database: Database, name: str) -> Organisation:
    # The services load the models (pydantic): imported by this command, not by every command's parser.
    from poptui.services.directory import organisations
    from poptui.services.organisations import find_organisation

    organisation = find_organisation(database, name)
    if organisation is None:
        known = ", ".join(item.name for item in organisations(database)) or _("(nog geen)")
        raise CommandError(
            clean_text(
                _(
                    "De organisatie '{name}' is niet gekend. Gekende organisaties: {known}.",
                    name=shorten(clean_line(name), 100),
                    known=known,
                )
            ),
            1,
        )
    return organisation


def run_list(options: argparse.Namespace) -> int:
    from poptui.services import competences  # loads the catalog: only when the command runs

    database = open_database(options)
    organisation = _organisation(database, options.organisation)
    view = competences.dictionary_view(database, organisation.id)
    source = view.dictionary
    if options.json:
        rows = [
            {
                "id": item.id,
                "name": item.name,
                "kind": item.kind.value,
                "definition": item.definition,
                "indicators": list(item.indicators),
                "profiles": [
                    {"function": profile.function, "expected": entry.expected}
                    for profile in source.profiles
                    for entry in profile.entries
                    if entry.competence_id == item.id
                ],
            }
            for item in source.competences
        ]
        say(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    heading = _("Competentiewoordenboek van {organisation}", organisation=organisation.name)
    if view.is_default:
        heading += " " + _("(het standaardwoordenboek van poptui)")
    lines = [heading, _("Schaal: {scale}", scale=competences.scale_labels(source.scale)), ""]
    for item in source.competences:
        lines.append(f"{item.name} ({lower_label(item.kind)})")
        lines.append("  " + " ".join(item.definition.split()))
        lines += [f"  - {indicator}" for indicator in item.indicators]
        functions = view.profiles_with(item.id)
        if functions:
            lines.append("  " + _("In de profielen: {functions}", functions=", ".join(functions)))
        lines.append("")
    if not source.competences:
        lines.append(_("Het woordenboek is leeg."))
    say(clean_text("\n".join(lines).rstrip()))
    return 0


def run_import(options: argparse.Namespace) -> int:
    from poptui.services.competence_import import ImportFileError, ImportRefused, prepare_import

    database = open_database(options)
    organisation = _organisation(database, options.organisation)
    try:
        result = prepare_import(database, options.file, organisation, replace=options.replace)
    except ImportFileError as error:
        raise CommandError(clean_text(str(error)), 2) from error
    if not options.dry_run and result.can_commit:
        try:
            result.commit()  # a store error (disk full, busy ...) goes to the shared mapping of poptui.cli
        except ImportRefused:
            pass  # another coach changed the dictionary meanwhile and a row is refused now: reported below
    say(
        clean_text(
            _(
                "Competentiewoordenboek inlezen in {organisation} uit {file}.",
                organisation=organisation.name,
                file=shorten(clean_line(str(options.file)), 200),
            )
        )
    )
    for line in [*result.report_lines(), *result.notes(), result.summary()]:
        say(clean_text(line))
    if result.refused:
        say(_("Er is niets ingelezen. Verbeter de geweigerde rijen in het bestand en lees het opnieuw in."))
        return 1
    if result.problem:
        return 1  # the summary said why
    if not result.rows:
        say(_("Er is niets ingelezen."))
        return 1
    if options.dry_run:
        say(_("Proefdraai: er is niets opgeslagen. Laat --dry-run weg om het woordenboek in te lezen."))
    return 0
