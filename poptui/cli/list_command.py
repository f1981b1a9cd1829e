"""`poptui list organisations|employees|trajectories [--json]`.

``list trajectories`` answers from the store's summaries without loading a model (pydantic and
the model classes take longer to import than the list takes to make at 2,000 employees, see
:mod:`poptui.services.trajectory_list`); the organisations and employees are validated records.

``--json`` writes the list in slices (:func:`~poptui.cli.common.say_pieces`): the objects of one
slice are made, dumped and written before the next, so memory does not grow with the list (46,000
trajectories at 20,000 employees are 32 MB of JSON); the bytes are those of ``say(json_text(rows))``.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable, Iterable

from poptui.cli.common import add_database_option, add_help, json_pieces, open_database, say, say_pieces
from poptui.i18n import _
from poptui.labels import label
from poptui.store import Database
from poptui.text import clean_line

KINDS = ("organisations", "employees", "trajectories")
SLICE = 1000
"""Employees per slice of ``list employees --json``: their objects are made as each slice is written."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "list",
        help=_("toon organisaties, werknemers of trajecten"),
        description=_("Toon organisaties, werknemers of trajecten als tabel, of als JSON met --json."),
        add_help=False,
    )
    add_help(parser)
    parser.add_argument(
        "kind", choices=KINDS, metavar="organisations|employees|trajectories", help=_("wat je wilt zien")
    )
    add_database_option(parser)
    parser.add_argument("--json", action="store_true", help=_("schrijf JSON (een lijst van objecten)"))
    parser.set_defaults(handler=run_list)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    rows = [[clean_line(str(cell)) for cell in row] for row in rows]
    widths = [max([len(header)] + [len(row[index]) for row in rows]) for index, header in enumerate(headers)]
    limit = max(shutil.get_terminal_size((120, 24)).columns, 80)
    while sum(widths) + 2 * len(widths) > limit and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def line(cells: list[str]) -> str:
        return "  ".join(
            (cell if len(cell) <= width else cell[: width - 1] + "…").ljust(width)
            for cell, width in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(headers), "  ".join("-" * width for width in widths)]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


Listing = tuple[Callable[[], Iterable[list[dict[str, object]]]], list[str], Callable[[], list[list[str]]]]
"""The JSON objects in slices (made only for --json, each when it is written), the table's headers, and its
rows (made only for the table)."""


def run_list(options: argparse.Namespace) -> int:
    database = open_database(options)
    listing = {"organisations": _organisations, "employees": _employees, "trajectories": _trajectories}[options.kind]
    rows, headers, table = listing(database)
    if options.json:
        say_pieces(json_pieces(rows()))  # say(json_text(every object)), written slice by slice
        return 0
    lines = table()
    if not lines:
        say(_("Nog niets om te tonen."))
    else:
        say(_table(headers, lines))
    return 0


def _organisations(database: Database) -> Listing:
    from poptui.models import Organisation  # validated records: the models load for this list only

    ordered = sorted(database.list(Organisation), key=lambda item: item.name.lower())
    rows: list[dict[str, object]] = [
        {
            "id": item.id,
            "name": item.name,
            "kind": item.kind.value,
            "address": item.address,
            "contact_person": item.contact_person,
        }
        for item in ordered
    ]
    headers = [_("Naam"), _("Soort"), _("Contactpersoon"), "id"]
    return (
        lambda: [rows],
        headers,
        lambda: [[item.name, label(item.kind), item.contact_person, item.id] for item in ordered],
    )


def _employees(database: Database) -> Listing:
    from poptui.models import Employee, Organisation, Person  # validated records: the models load for this list only

    organisations = {organisation.id: organisation for organisation in database.list(Organisation)}
    persons = {person.id: person for person in database.list(Person)}
    employees = sorted(database.list(Employee), key=lambda item: (item.last_name.lower(), item.first_name.lower()))

    def rows(items: list[Employee]) -> list[dict[str, object]]:
        return [
            {
                "id": item.id,
                "first_name": item.first_name,
                "last_name": item.last_name,
                "organisation_id": item.organisation_id,
                "organisation": organisations[item.organisation_id].name
                if item.organisation_id in organisations
                else None,
                "function": item.function,
                "supervisor": persons[item.supervisor_id].full_name
                if item.supervisor_id and item.supervisor_id in persons
                else None,
                "reflection": item.reflection.value if item.reflection else None,
                "consent_date": item.consent_date.isoformat() if item.consent_date else None,
                "mijn_loopbaan_account": item.mijn_loopbaan_account,
                "archived": item.archived,
            }
            for item in items
        ]

    headers = [_("Achternaam"), _("Voornaam"), _("Organisatie"), _("Functie"), "id"]
    return (
        lambda: (rows(employees[first : first + SLICE]) for first in range(0, len(employees), SLICE)),
        headers,
        lambda: [
            [
                item.last_name,
                item.first_name,
                organisations[item.organisation_id].name if item.organisation_id in organisations else "?",
                item.function,
                item.id,
            ]
            for item in employees
        ],
    )


def _trajectories(database: Database) -> Listing:
    # imported by the command that runs, not by the parser
    from poptui.services.trajectory_list import json_slices, summarise

    headers = [_("Werknemer"), _("Organisatie"), _("Variant"), _("Status"), _("Contact"), _("Acties"), "id"]
    return (
        lambda: json_slices(database),  # the same objects as each summary's as_json, without the summaries
        headers,
        lambda: [
            [
                summary.employee_name,
                summary.organisation_name,
                label(summary.trajectory.variant),
                label(summary.trajectory.status),
                f"{summary.contact_moments_held}/{summary.contact_moments_planned}",
                str(summary.actions),
                summary.trajectory.id,
            ]
            for summary in summarise(database)  # from the store's summaries: by start date
        ],
    )
