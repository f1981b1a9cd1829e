"""`poptui person export|erase|retention`: the rights of the person (GDPR) and the retention period."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from poptui import models  # models.X loads a model class where it is used: building the parser loads no pydantic
from poptui.cli.common import CommandError, add_database_option, add_help, bounded_int, confirm, open_database, say
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.store import Database

if TYPE_CHECKING:
    from poptui.models import Employee

MAX_RETENTION_YEARS = 100
"""Like :data:`poptui.services.person_rights.MAX_RETENTION_YEARS` (not imported: the parser is built at every start)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    person = subparsers.add_parser(
        "person",
        help=_("gegevens van een werknemer exporteren of wissen (AVG), bewaartermijn"),
        description=_(
            "De rechten van de persoon (AVG): een kopie van alles wat poptui over een werknemer bewaart, "
            "of alles wissen; en welke trajecten de bewaartermijn voorbij zijn."
        ),
        add_help=False,
    )
    add_help(person)
    actions = person.add_subparsers(dest="person_command", metavar=_("ACTIE"), required=True, parser_class=type(person))

    export = actions.add_parser(
        "export",
        help=_("schrijf alles over een werknemer in één map"),
        add_help=False,
        description=_(
            "Schrijf alles wat poptui over de werknemer bewaart in één nieuwe map: "
            "gegevens.json (elk record en de auditregels) en de PDF's."
        ),
    )
    add_help(export)
    add_database_option(export)
    export.add_argument(
        "employee_id", metavar=_("WERKNEMER_ID"), help=_("de id van de werknemer (zie poptui list employees)")
    )
    export.add_argument("--out", metavar=_("MAP"), help=_("in deze map (standaard je persoonlijke exportmap)"))
    export.set_defaults(handler=run_export)

    erase = actions.add_parser(
        "erase",
        help=_("wis een werknemer en alles wat erbij hoort"),
        add_help=False,
        description=_(
            "Wis de werknemer, de trajecten en het hele dossier uit de database. "
            "Het auditlog noteert de wissing zonder persoonsgegevens. poptui zegt "
            "welke reservekopieën de persoon nog bevatten en wanneer die vervallen."
        ),
    )
    add_help(erase)
    add_database_option(erase)
    erase.add_argument("employee_id", metavar=_("WERKNEMER_ID"), help=_("de id van de werknemer"))
    erase.add_argument("--yes", action="store_true", help=_("niet om bevestiging vragen"))
    erase.set_defaults(handler=run_erase)

    retention = actions.add_parser(
        "retention",
        help=_("toon trajecten voorbij de bewaartermijn"),
        add_help=False,
        description=_(
            "Toon de trajecten die langer dan de bewaartermijn geleden afgerond "
            "of gestopt zijn: kandidaten om te wissen."
        ),
    )
    add_help(retention)
    add_database_option(retention)
    retention.add_argument(
        "--years",
        type=bounded_int(1, MAX_RETENTION_YEARS, _("de bewaartermijn")),
        default=None,
        metavar=_("JAREN"),
        help=_("de bewaartermijn in jaren (standaard 5, of retention_years in de database)"),
    )
    retention.set_defaults(handler=run_retention)


def _employee(database: Database, employee_id: str) -> Employee:
    employee = database.find(models.Employee, employee_id)  # models load their classes when first used
    if employee is None:
        raise CommandError(
            _("Er is geen werknemer met id {id}. Zoek de id met: poptui list employees", id=employee_id), 1
        )
    return employee


def run_export(options: argparse.Namespace) -> int:
    from poptui.services.person_rights import export_person

    database = open_database(options)
    _employee(database, options.employee_id)
    result = export_person(database, options.employee_id, Path(options.out) if options.out else None)
    say(_("Gegevens geschreven in {folder}:", folder=result.folder))
    for path in result.files:
        say(f"- {path.name}")
    for note in result.notes:
        say(_("Let op: {note}", note=note))
    return 0


def run_erase(options: argparse.Namespace) -> int:
    from poptui.services.person_rights import erase_person, erasure_lines

    database = open_database(options)
    employee = _employee(database, options.employee_id)
    question = _(
        "Alles over {name} definitief wissen uit de database (werknemer, trajecten, dossier)?", name=employee.full_name
    )
    if not confirm(question, options.yes):
        raise CommandError(_("Niets gewist. Bevestig met --yes als je geen terminal hebt."), 1)
    result = erase_person(database, options.employee_id)
    say(_("Gewist: {name}.", name=employee.full_name))
    for line in erasure_lines(result):
        say(line)
    return 0


def run_retention(options: argparse.Namespace) -> int:
    from poptui.labels import label
    from poptui.services.person_rights import DEFAULT_RETENTION_YEARS, retention_due

    database = open_database(options)
    years = options.years
    if years is None:
        configured = database.meta().get("retention_years")
        valid = isinstance(configured, int) and 1 <= configured <= MAX_RETENTION_YEARS
        years = configured if valid else DEFAULT_RETENTION_YEARS
    due = retention_due(database, years)
    if not due:
        say(_("Geen trajecten voorbij de bewaartermijn van {years} jaar.", years=years))
        return 0
    say(_("{count} traject(en) langer dan {years} jaar geleden afgerond of gestopt:", count=len(due), years=years))
    for item in due:
        name = item.employee.full_name if item.employee else "?"
        say(
            f"- {format_date(item.ended_on)}  {label(item.trajectory.status)}  {name}  "
            f"(werknemer-id {item.trajectory.employee_id})"
        )
    say(_("Wis een persoon met: poptui person erase WERKNEMER_ID"))
    return 0
