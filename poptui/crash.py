"""An unexpected error: a short Dutch message and a crash report without personal data, never a traceback.

Used by the command line (:func:`poptui.cli.main`), by ``sys.excepthook`` and
``threading.excepthook`` (:func:`install_hooks`) and by the app (``PopApp._handle_exception``
replaces Textual's traceback with :func:`report`).

The crash report is a text file in the user's data folder
(``~/.local/share/poptui/crashes/poptui-crash-JJJJMMDD-UUMMSS-PID.txt`` on Linux), readable by
its owner only (0600, folder 0700). It holds what a developer needs and nothing about the people
in the database: the poptui and Python versions, the platform, and for every exception in the
chain its *type* and, per frame, the file (from ``poptui/`` on), line number, function name and the
line of source code. Deliberately left out: exception messages (a validation error quotes the value
it refused, a KeyError the key: a name or a note), local variables, arguments, the environment.
"""

from __future__ import annotations

import contextlib
import errno
import os
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from poptui import clock
from poptui.i18n import _

CRASH_FOLDER = "crashes"
EXIT_CODE = 70
"""The exit code after an unexpected error (EX_SOFTWARE)."""


def crash_folder() -> Path:
    from platformdirs import user_data_path

    from poptui.locations import APP_NAME

    return user_data_path(APP_NAME, appauthor=False) / CRASH_FOLDER


def _short_file(file_name: str) -> str:
    parts = Path(file_name).parts
    for anchor in ("poptui", "screens", "textual", "rich", "pydantic", "tinydb", "fpdf", "openpyxl"):
        if anchor in parts:
            return "/".join(parts[len(parts) - 1 - parts[::-1].index(anchor) :])
    return Path(file_name).name


def describe(error: BaseException) -> str:
    """The crash report's text: exception types and frames, no messages, no values."""
    from poptui import __version__

    lines = [
        f"poptui {__version__}",
        f"Python {platform.python_version()} on {platform.system()} {platform.release()} ({platform.machine()})",
        f"at {clock.now().astimezone().isoformat(timespec='seconds')}",
        "",
    ]
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    for index, item in enumerate(reversed(chain)):
        if index:
            lines.append("-- which led to --")
        kind = type(item)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f"  {_short_file(frame.filename)}:{frame.lineno} in {frame.name}")
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines) + "\n"


def write_report(error: BaseException, folder: Path | None = None) -> Path | None:
    """Write the crash report (owner-only); None when even that is impossible."""
    folder = folder or crash_folder()
    try:
        from poptui.store.files import private_folder

        private_folder(folder)
        stamp = clock.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"poptui-crash-{stamp}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            os.write(fd, describe(error).encode("utf-8", "replace"))
        finally:
            os.close(fd)
    except Exception:  # reporting a crash must never crash
        return None
    return path


def message(path: Path | None) -> str:
    """The short Dutch message for the coach."""
    lines = [
        _("poptui is gestopt door een onverwachte fout. Wat je al opgeslagen had, is bewaard."),
    ]
    if path is not None:
        lines.append(
            _(
                "Een verslag zonder persoonsgegevens staat in {path}. Geef het aan je IT-verantwoordelijke.",
                path=path,
            )
        )
    else:
        lines.append(_("Er kon geen verslag geschreven worden. Meld aan je IT-verantwoordelijke wat je deed."))
    lines.append(_("Start poptui opnieuw; wat je aan het typen was, vind je terug als concept."))
    return "\n".join(lines)


def report(error: BaseException) -> str:
    """Write the crash report and return the Dutch message that names it.

    A store error (damaged file, disk full, ...) that no screen handled comes with its own Dutch
    explanation of what to do, which is shown first.
    """
    from poptui.store.errors import StoreError

    text = message(write_report(error))
    return f"{error}\n{text}" if isinstance(error, StoreError) else text


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        with contextlib.suppress(Exception):
            print(_("Onderbroken."), file=sys.stderr)
        return
    if error.__traceback__ is None and tb is not None:
        error = error.with_traceback(tb)
    with contextlib.suppress(Exception):
        print(report(error), file=sys.stderr)


TERMINAL_GONE = frozenset({errno.EIO, errno.EPIPE, errno.ENXIO, errno.EBADF, errno.ECONNRESET})
"""What writing to a terminal raises once it is gone (an SSH connection dropped, a window closed)."""


def terminal_gone(thread: threading.Thread | None, error: BaseException | None) -> bool:
    """Whether a thread died because the terminal it wrote to is gone: Textual's output thread
    (``textual-output``) failing to write. No bug of poptui: nothing to report (every closed
    window used to leave a crash report)."""
    return (
        thread is not None
        and thread.name == "textual-output"
        and isinstance(error, OSError)
        and error.errno in TERMINAL_GONE
    )


def _thread_hook(arguments: threading.ExceptHookArgs) -> None:
    if arguments.exc_value is None or terminal_gone(arguments.thread, arguments.exc_value):
        return
    _excepthook(arguments.exc_type, arguments.exc_value, arguments.exc_traceback)


def install_hooks() -> None:
    """Replace Python's traceback printing (main thread and other threads) by :func:`report`."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_hook
