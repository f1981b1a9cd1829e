"""The command line: ``poptui`` starts the app; subcommands do the rest.

Each command group lives in its own module exposing ``register(subparsers)``;
add new modules to :data:`COMMAND_MODULES`. Help texts are Dutch.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from poptui import __version__
from poptui.cli.common import CommandError, add_database_option, fail
from poptui.i18n import _, current_language, set_language

COMMAND_MODULES = (
    "poptui.cli.database_commands",
    "poptui.cli.list_command",
    "poptui.cli.export_commands",
    "poptui.cli.import_command",
    "poptui.cli.competence_commands",
    "poptui.cli.backup_commands",
    "poptui.cli.person_commands",
    "poptui.cli.registration_commands",
    "poptui.cli.serve_command",
    "poptui.cli.deck_commands",
)


class _DutchParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # pragma: no cover - argparse exits
        self.print_usage(sys.stderr)
        self.exit(2, _("Fout: {message}\n", message=_translate_argparse(message)))


def _translate_argparse(message: str) -> str:
    if current_language() != "nl":
        return message
    replacements = {
        "the following arguments are required": "deze argumenten ontbreken",
        "unrecognized arguments": "onbekende argumenten",
        "invalid choice": "ongeldige keuze",
        "choose from": "kies uit",
        "expected one argument": "verwacht één waarde",
        "argument": "argument",
    }
    for english, dutch in replacements.items():
        message = message.replace(english, dutch)
    return message


def build_parser() -> argparse.ArgumentParser:
    parser = _DutchParser(
        prog="poptui",
        description=_("poptui: persoonlijke ontwikkelingsplannen (POP) begeleiden in de terminal."),
        epilog=_("Zonder opdracht start poptui de toepassing. Gebruik 'poptui OPDRACHT --help' voor meer uitleg."),
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help=_("toon deze hulp en stop"))
    parser.add_argument(
        "--version", action="version", version=f"poptui {__version__}", help=_("toon de versie en stop")
    )
    add_database_option(parser)
    parser.add_argument("--lang", choices=("nl", "en"), default=None, help=_("taal van de toepassing (nl of en)"))
    subparsers = parser.add_subparsers(dest="command", metavar=_("OPDRACHT"), parser_class=_DutchParser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _language_from(argv: Sequence[str]) -> str:
    for index, argument in enumerate(argv):
        if argument == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--lang="):
            return argument.split("=", 1)[1]
    return "nl"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _language_from(arguments)
    if language in ("nl", "en"):
        set_language(language)
    parser = build_parser()
    options = parser.parse_args(arguments)
    try:
        if options.command is None:
            from poptui.cli.run_app import run_app

            return run_app(options)
        return int(options.handler(options) or 0)
    except CommandError as error:
        return fail(str(error), error.exit_code)
    except KeyboardInterrupt:
        return fail(_("Onderbroken."), 130)
    except BrokenPipeError:
        # The reader stopped early (`poptui competences list ... | head`): stop quietly, as Unix
        # tools do, and keep Python from complaining when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
