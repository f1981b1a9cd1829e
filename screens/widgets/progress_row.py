"""The one-line progress row of a long task run in a worker thread (reading a file, making the
month's package): what it is doing now and a bar, hidden while nothing runs.

The bar is mounted when the task starts and removed when it ends: Textual's ProgressBar updates
itself every second and animates while it waits for its first count, even inside a hidden row, so a
screen left open with its bar mounted would keep the process busy while the coach does nothing.

A screen composes one, calls :meth:`ProgressRow.start` when the task begins and
:meth:`ProgressRow.stop` when it ends, and passes :meth:`ProgressRow.report_from_thread` to the
service as its ``progress`` callback. The ids of its parts are ``<prefix>-busy`` (the row),
``<prefix>-step`` and ``<prefix>-progress``, so each screen's stylesheet can size the step.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class ProgressRow(Horizontal):
    DEFAULT_CSS = """
    ProgressRow {
        height: 1;
        padding: 0 1;
        display: none;
    }
    ProgressRow > ProgressBar {
        width: 1fr;
    }
    """

    def __init__(self, prefix: str) -> None:
        super().__init__(id=f"{prefix}-busy")
        self.prefix = prefix

    def compose(self) -> ComposeResult:
        yield Label("", id=f"{self.prefix}-step", markup=False)  # a fixed step name, but never markup

    def start(self, step: str = "") -> None:
        """Show the row with ``step`` and a new bar that waits for its first count."""
        self.display = True
        self.query_one(Label).update(step)
        self.query(ProgressBar).remove()
        self.mount(ProgressBar(total=None, id=f"{self.prefix}-progress", show_eta=False))

    def stop(self) -> None:
        """Hide the row and remove its bar (and with it the bar's timers)."""
        self.display = False
        self.query(ProgressBar).remove()

    def show(self, step: str, done: int, total: int) -> None:
        """``done`` of ``total`` in ``step`` (nothing once the screen has closed)."""
        if not self.is_attached:
            return
        self.query_one(Label).update(step)
        for bar in self.query(ProgressBar):  # none once the task has stopped
            bar.update(total=total, progress=done)

    def report_from_thread(self, step: str, done: int, total: int) -> None:
        """:meth:`show`, called from the worker thread (a service's ``progress`` callback)."""
        self.app.call_from_thread(self.show, step, done, total)
