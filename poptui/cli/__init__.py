"""The command line: ``poptui`` starts the app; subcommands do the rest.

Each command group lives in its own module exposing ``register(subparsers)``;
add new modules to :data:`COMMAND_MODULES`. Help texts are Dutch, and so are
argparse's own messages (:mod:`.argparse_nl`). :func:`main` turns every failure of
every command into a Dutch message and a documented exit code
(:func:`poptui.cli.common.report_failure`): never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from poptui import __version__
from poptui.cli import argparse_nl
from poptui.cli.common import add_database_option, report_failure
from poptui.i18n import _, set_language

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
    def error(self, message: str) -> NoReturn:  # argparse exits
        self.print_usage(sys.stderr)
        self.exit(
            2,
            _(
                "Fout: {message}\nMeer uitleg: {prog} --help\n",
                message=message,
                prog=self.prog,
            ),
        )


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


def _tolerant_output() -> None:
    """A name the terminal's encoding cannot show is replaced, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    from poptui.crash import install_hooks

    install_hooks()
    _tolerant_output()
    arguments = list(sys.argv[1:] if argv is None else argv)
    language = _language_from(arguments)
    if language in ("nl", "en"):
        set_language(language)
    argparse_nl.install()
    try:
        options = build_parser().parse_args(arguments)
        if options.command is None:
            from poptui.cli.run_app import run_app

            return run_app(options)
        return int(options.handler(options) or 0)
    except SystemExit:
        raise
    except BaseException as error:  # every failure becomes a Dutch message and an exit code
        return report_failure(error)
