"""Shared pieces of the command line: the --db and --group options, opening the database, errors.

Every failure of every command ends in :func:`exit_code_for` and :func:`message_for` (called by
:func:`poptui.cli.main`, so a new command module gets them without doing anything): a Dutch
message that says what to do, and one of the documented exit codes:

====  =====================================================================================
0     done
1     refused or problems found: bad input, not found, no confirmation, ``check`` found problems
2     the database (or a file to read) cannot be used: missing, damaged, no access, from a newer
      poptui; or the command was typed wrong (argparse)
3     a file cannot be written or the database is busy: disk full, read-only, no permission
70    an unexpected error: a crash report without personal data was written (:mod:`poptui.crash`)
130   interrupted (Ctrl+C)
141   the output was closed (``poptui list employees | head``): stops quietly
====  =====================================================================================

A handler raises :class:`CommandError` (message and code) for what it refuses itself and lets
store errors (:class:`~poptui.store.StoreError`) and ``OSError`` through.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

from poptui.i18n import _
from poptui.locations import default_database_path
from poptui.store import (
    AccessDenied,
    BackupError,
    ConsentRequired,
    Database,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    ExportFailed,
    NewerSchema,
    NotADatabase,
    NotFound,
    SaveFailed,
    StoreError,
    VersionConflict,
)
from poptui.store import schema as store_schema
from poptui.store.errors import os_error_message
from poptui.store.files import PRIVATE, UnknownGroup, group_permissions, set_permissions
from poptui.text import clean_for_terminal, clean_utf8_for_terminal

GROUP_ENVIRONMENT_VARIABLE = "POPTUI_GROUP"

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_UNUSABLE = 2
EXIT_CANNOT_WRITE = 3
EXIT_CRASH = 70
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141


class CommandError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


_UNUSABLE = (DatabaseMissing, NotADatabase, DatabaseDamaged, NewerSchema, AccessDenied)
_CANNOT_WRITE = (SaveFailed, DatabaseBusy, ExportFailed)
_REFUSED = (NotFound, VersionConflict, ConsentRequired, BackupError)
_BAD_PATH = (errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ELOOP, errno.ENAMETOOLONG, errno.EINVAL)


def exit_code_for(error: BaseException) -> int:
    """The documented exit code of a failure (see the module's table)."""
    if isinstance(error, CommandError):
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(error, BrokenPipeError):
        return EXIT_PIPE_CLOSED
    if isinstance(error, _UNUSABLE):
        return EXIT_UNUSABLE
    if isinstance(error, _CANNOT_WRITE):
        return EXIT_CANNOT_WRITE
    if isinstance(error, StoreError):
        return EXIT_REFUSED
    if isinstance(error, OSError):
        return EXIT_UNUSABLE if error.errno in _BAD_PATH else EXIT_CANNOT_WRITE
    return EXIT_CRASH


def message_for(error: BaseException) -> str:
    """The Dutch message for a failure (an unexpected one writes a crash report and names it)."""
    if isinstance(error, KeyboardInterrupt):
        return _("Onderbroken.")
    if isinstance(error, (CommandError, StoreError)):
        return str(error)
    if isinstance(error, OSError):
        return _(
            "{problem} Controleer het pad, of je er mag lezen en schrijven en of de schijf niet vol is.",
            problem=os_error_message(error),
        )
    from poptui.crash import report

    return report(error)


def report_failure(error: BaseException) -> int:
    """Say what went wrong on stderr and return the exit code (never a traceback)."""
    code = exit_code_for(error)
    if code == EXIT_PIPE_CLOSED:
        _silence_stdout()
        return code
    text = message_for(error)
    if code == EXIT_CRASH:
        tell(text)
        return code
    return fail(text, code)


def _silence_stdout() -> None:
    """The reader of our output went away: send the rest to nowhere, so Python's exit does not complain."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def bounded_int(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, refused in Dutch otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _(
                    "{what} moet een geheel getal van {low} tot {high} zijn (je gaf '{text}').",
                    what=what,
                    low=low,
                    high=high,
                    text=text,
                )
            )
        return value

    parse.__name__ = what
    return parse


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar=_("PAD"),
        default=argparse.SUPPRESS,
        help=_("de databasemap (standaard: POPTUI_DB of de gegevensmap van de gebruiker)"),
    )
    parser.add_argument(
        "--group",
        metavar=_("GROEP"),
        default=argparse.SUPPRESS,
        help=_(
            "deel de bestanden met deze groep (meerdere coaches op één server): bestanden 0660, mappen 2770; "
            "standaard POPTUI_GROUP of wat de database zelf vermeldt"
        ),
    )


def add_help(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-h", "--help", action="help", help=_("toon deze hulp en stop"))


def database_path(options: argparse.Namespace) -> Path:
    given = getattr(options, "db", None)
    path = Path(given).expanduser() if given else default_database_path()
    configure_sharing(options, path)
    return path


def explicit_database(options: argparse.Namespace) -> bool:
    return getattr(options, "db", None) is not None


def _group_in_database(path: Path) -> str:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        meta = json.loads((path / store_schema.META_FILE).read_text(encoding="utf-8"))
        group = meta.get("group", "")
        return group if isinstance(group, str) else ""
    return ""


def sharing_group(options: argparse.Namespace, path: Path) -> str:
    """The group to share files with: --group, else POPTUI_GROUP, else the one the database names."""
    return getattr(options, "group", None) or os.environ.get(GROUP_ENVIRONMENT_VARIABLE, "") or _group_in_database(path)


def configure_sharing(options: argparse.Namespace, path: Path) -> None:
    """Private files (0600/0700, umask 077) or group mode (0660/2770, umask 007) for this process."""
    group = sharing_group(options, path)
    if not group:
        set_permissions(PRIVATE)
        return
    try:
        set_permissions(group_permissions(group))
    except UnknownGroup:
        raise CommandError(
            _(
                "De groep '{group}' bestaat niet op deze computer. Vraag je IT-verantwoordelijke om de groep aan "
                "te maken (groupadd {group}) en de coaches erin op te nemen.",
                group=group,
            ),
            2,
        ) from None


def open_database(options: argparse.Namespace) -> Database:
    """Open the database named by --db / POPTUI_DB / the default, or fail in Dutch (exit 2)."""
    path = database_path(options)
    try:
        return Database.open(path)
    except (SaveFailed, DatabaseBusy):
        raise
    except StoreError as error:
        raise CommandError(str(error), EXIT_UNUSABLE) from error


def confirm(question: str, assume_yes: bool = False) -> bool:
    """Ask a yes/no question on the terminal; without a terminal the answer is no."""
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(fit(terminal_text(f"{question} [j/N]"), sys.stdout) + " ")
    except EOFError:
        return False
    return answer.strip().lower() in ("j", "ja", "y", "yes")


def terminal_text(message: str) -> str:
    """``message`` safe for a terminal: escape sequences, control, bidi and invisible characters removed.

    Messages quote what was read from files (a dossier's file name, a field name in a damaged file,
    a cell of an imported sheet); whatever that holds, only plain text reaches the terminal.
    """
    return clean_for_terminal(message)


def fit(message: str, stream: TextIO) -> str:
    """On a terminal: ``message`` wrapped at word boundaries to the terminal's width (a list item's
    next lines indented; lines that start with spaces, such as a command to type, are left whole)."""
    try:
        if not stream.isatty():
            return message
    except (AttributeError, ValueError):
        return message
    width = max(shutil.get_terminal_size().columns - 1, 20)
    lines = []
    for line in message.split("\n"):
        if len(line) <= width or line.startswith(" "):
            lines.append(line)
            continue
        indent = "  " if line.startswith("- ") else ""
        lines.extend(
            textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
        )
    return "\n".join(lines)


def tell(message: str) -> None:
    """A message for the person at the keyboard, on stderr: cleaned, and wrapped on a terminal."""
    with contextlib.suppress(OSError, ValueError):
        print(fit(terminal_text(message), sys.stderr), file=sys.stderr)


def fail(message: str, exit_code: int = 1) -> int:
    tell(_("Fout: {message}", message=message))
    return exit_code


def json_text(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same text, made many times faster (orjson)."""
    import orjson

    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()


def say(message: str) -> None:
    """Output of a command, on stdout: cleaned (see :func:`terminal_text`), never wrapped (it may be a table)."""
    print(terminal_text(message))


def json_pieces(slices: Iterable[list[Any]]) -> Iterator[bytes]:
    """:func:`json_text` of the slices joined into one list, in UTF-8 pieces, one per slice: a long list
    is written while the next slice is made, never held whole (orjson writes ``[\\n`` + the items
    joined by ``,\\n`` + ``\\n]``, or ``[]``; each piece but the last ends with its newline)."""
    import orjson

    first, pending = True, None
    for items in slices:
        if not items:
            continue
        text = memoryview(orjson.dumps(items, option=orjson.OPT_INDENT_2))[2:-2]  # the items, without [ and ]
        if pending is not None:
            yield b"".join((b"[\n" if first else b"", pending, b",\n"))
            first = False
        pending = text
    if pending is None:
        yield b"[]"
    else:
        yield b"".join((b"[\n" if first else b"", pending, b"\n]"))


def say_pieces(pieces: Iterable[bytes]) -> None:
    """:func:`say` of a long output made in UTF-8 pieces (:func:`json_pieces`): the same text, cleaned as
    ``say`` cleans it (:func:`poptui.text.clean_utf8_for_terminal`: what the whole text cleaned holds,
    nothing more), written piece by piece. To a UTF-8 stdout the bytes go to its buffer as they are
    (after what was printed before); otherwise they are written as text."""
    stream = sys.stdout
    raw = _utf8_buffer(stream)
    for piece in clean_utf8_for_terminal(pieces):
        if raw is None:
            stream.write(piece.decode("utf-8"))
        else:
            raw.write(piece)
    if raw is None:
        stream.write("\n")
    else:
        raw.write(b"\n")


def _utf8_buffer(stream: TextIO) -> BinaryIO | None:
    """The byte stream under ``stream`` when text written to it is written as UTF-8 with no newline
    translation (POSIX), flushed so that what comes next follows what was written; else None."""
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n":
        return None
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
        stream.flush()
    except (LookupError, OSError, ValueError):
        return None
    return cast(BinaryIO, buffer)
