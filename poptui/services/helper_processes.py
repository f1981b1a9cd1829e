"""Helper processes end with the process that started them, however it ends.

A check validates the dossiers, and the month's package makes its PDFs, in helper processes
(``ProcessPoolExecutor``; the check's audit log in one of its own). A pool's helper waits on its
queue for the next task, and it went on waiting when the process that made the pool was killed
(SIGKILL, the out-of-memory killer, a ``kill -9`` of a ``poptui check`` that seemed stuck): the
helpers stayed, for good, each with its memory and the database files it had open. Each helper
therefore calls :func:`end_with_parent` before its first task.

On Linux the kernel ends the helper when its parent does (``PR_SET_PDEATHSIG``: the signal comes
when the thread that started the helper ends, and every pool here is shut down by the thread that
made it, before that thread ends). Elsewhere a daemon thread of the helper looks once a second
whether its parent is still the one that started it. Either way a helper whose parent is already
gone when it starts ends at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
"""``prctl`` option: the signal this process gets when its parent ends (linux/prctl.h)."""

WATCH_SECONDS = 1.0
"""How often a helper on a system without ``PR_SET_PDEATHSIG`` looks whether its parent is still there."""


def end_with_parent(parent: int | None = None) -> None:
    """In a helper process: end it (SIGKILL, or ``os._exit``) when its parent ends. ``parent``: the pid
    of the process that started it (default: its parent now)."""
    parent = os.getppid() if parent is None else parent
    if not _kill_on_parent_death():
        threading.Thread(target=_watch, args=(parent,), name="poptui-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent ended before the helper could ask
        os._exit(1)


def _kill_on_parent_death() -> bool:
    """Ask the kernel for SIGKILL when the parent ends; whether it was arranged (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
