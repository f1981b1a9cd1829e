"""`poptui import employees FILE --organisation NAME [--dry-run]`: quick data entry from Excel or CSV.

The valid rows are imported and the refused ones reported (fix the file and import it again: rows
already added are then skipped as duplicates). All accepted rows are written in one transaction:
when saving fails, nothing is saved. Exit code 0: every row added or skipped as a duplicate;
1: some rows refused, or the organisation is unknown; 2: the file or the database cannot be read.

Everything printed passes :func:`poptui.text.clean_text`, like stored text: a name, a refused
value or a header cell with escape sequences cannot reach the terminal. While reading and saving a
progress bar shows on stderr when that is a terminal.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from typing import TextIO

from poptui.cli.common import CommandError, add_database_option, add_help, open_database, say
from poptui.i18n import _
from poptui.store import StoreError
from poptui.text import clean_line, clean_text, shorten


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


class ProgressBar:
    """A one-line progress bar on stderr, only when stderr is a terminal (never in a pipe or a log).

    Plain characters (``#`` and ``.``), no colours, redrawn at most ten times a second, within
    the terminal's width; :meth:`close` wipes it so the report starts on a clean line.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream)
        self._last = 0.0
        self._shown = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        moment = time.monotonic()
        if done < total and moment - self._last < 0.1:
            return
        self._last = moment
        width = max(min(shutil.get_terminal_size((80, 24)).columns, 100) - 1, 20)
        fraction = done / total if total else 1.0
        label = f"{clean_line(step)} {done}/{total} "
        bar_width = max(width - len(label) - 7, 10)
        filled = int(bar_width * fraction)
        line = f"{label}[{'#' * filled}{'.' * (bar_width - filled)}] {int(fraction * 100):3d}%"
        self.stream.write("\r" + line[:width])
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            width = max(min(shutil.get_terminal_size((80, 24)).columns, 100) - 1, 20)
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self._shown = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _say(text: str) -> None:
    """Print a line of the report: cleaned like stored text, so nothing from the file reaches the terminal raw."""
    say(clean_text(text))


def _error(message: str, exit_code: int) -> CommandError:
    return CommandError(clean_text(message), exit_code)


def run_import_employees(options: argparse.Namespace) -> int:
    # imported here, not at the top: every command's module is loaded to build the parser
    from poptui.services.directory import organisations
    from poptui.services.import_employees import ImportFileError, prepare_import
    from poptui.services.organisations import find_organisation

    database = open_database(options)
    organisation = find_organisation(database, options.organisation)
    if organisation is None:
        known = ", ".join(item.name for item in organisations(database)) or _("(nog geen)")
        raise _error(
            _(
                "De organisatie '{name}' is niet gekend. Gekende organisaties: {known}.",
                name=shorten(clean_line(options.organisation), 100),
                known=known,
            ),
            1,
        )
    progress = ProgressBar()
    try:
        try:
            result = prepare_import(database, options.file, organisation, progress=progress)
        except (ImportFileError, StoreError) as error:
            raise _error(str(error), 2) from error
        if not options.dry_run:
            try:
                result.commit(progress=progress)
            except StoreError as error:
                raise _error(_("Er is niets ingelezen. {reason}", reason=str(error)), 2) from error
    finally:
        progress.close()
    _say(
        _(
            "Werknemers inlezen in {organisation} uit {file}.",
            organisation=organisation.name,
            file=shorten(clean_line(str(options.file)), 200),
        )
    )
    for line in result.report_lines():
        _say(line)
    for note in result.notes():
        _say(note)
    _say(result.summary())
    if options.dry_run:
        _say(_("Proefdraai: er is niets opgeslagen. Laat --dry-run weg om de werknemers in te lezen."))
    elif result.refused:
        _say(
            _(
                "Verbeter de geweigerde rijen in het bestand en lees het opnieuw in: "
                "wie al is toegevoegd, wordt dan overgeslagen als dubbel."
            )
        )
    return 1 if result.refused else 0
