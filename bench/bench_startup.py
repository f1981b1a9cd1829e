"""Start to the first usable screen, peak memory, and key-to-repaint: poptui against bare Textual apps.

Each program runs in a real pseudo-terminal at 80x24 (bench/terminal.py), started as the
coach ``an`` so poptui opens on the home screen.

- Start: from starting the process until the output holds the home screen's footer (the
  words "Volgend gesprek", also in the bare app's footer): the first screen the coach can use.
- Memory: the process's peak resident memory (VmHWM) once the first screen is painted and
  the output has been quiet for half a second. On the first start of the day the app hands the
  daily backup to a helper process (poptui/store/daily_backup.py); :class:`DailyBackupWatch`
  follows that helper from the app's launch and reports its own peak resident memory.
- Key-to-repaint, in one session: ``w`` (the employee list: until "N van M werknemers"
  shows), a filter letter (until the count is painted again), Enter (the employee page:
  until "POP-trajecten"), Escape (back to the list), Escape (empties the filter, not timed),
  Escape (back home). Each figure runs
  from sending the key to the last byte of the repaint: the marker seen and then
  :data:`QUIET` seconds without output (a blinking cursor does not count).

Run alone: .venv/bin/python bench/bench_startup.py --db PATH [--runs 5]
(run_all.py runs these alternately with the bare apps and puts them in the table).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import threading
import time
from pathlib import Path

from terminal import Terminal
from workspace import BENCH, Workspace, poptui_command, python

HOME_MARKER = "Volgend gesprek"
"""On the home screen's footer (key v, shown on no other screen), and on the bare apps' footers."""
LIST_MARKER = r"\d+ van \d+ werknemers"
"""The employee list's count line, painted once the list is filled and after every filter."""
PAGE_MARKER = "POP-trajecten"
"""The employee page's section title (also on the bare page)."""
FILTER_LETTER = "v"
QUIET = 0.12
TIMEOUT = 180.0
KEY_STEPS = ("open list (w)", "filter letter", "open employee (Enter)", "back to list (Esc)", "back home (Esc)")


def poptui_app(database: Path) -> list[str]:
    return [*poptui_command(), "--db", str(database)]


def bare_app(name: str) -> list[str]:
    return [python(), str(BENCH / "bare_apps.py"), name]


def start_once(command: list[str], env: dict[str, str], timeout: float = TIMEOUT) -> dict[str, float]:
    """Seconds to the first usable screen and the peak memory (MB) once it is painted."""
    with Terminal(command, env=env) as terminal:
        shown = terminal.wait_for(HOME_MARKER, timeout)
        terminal.settle(0.5, timeout)
        return {"seconds": shown - terminal.started, "peak_mb": terminal.peak_rss_mb()}


HELPER_MODULE = b"poptui.store.daily_backup"
"""In the command line of the helper that zips the day's backup (``python -m poptui.store.daily_backup SNAPSHOT``)."""


def _peak_mb(pid: int) -> float | None:
    """VmHWM of process ``pid`` in MB (10^6 bytes); None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) * 1024 / 1e6 if found else None


class DailyBackupWatch:
    """Watches, from before the app is started, for the daily backup's helper of ``database`` and keeps
    its peak resident memory (VmHWM, read every 20 ms while it runs: the high-water mark only grows,
    so the last reading before it ends is its peak to within those 20 ms)."""

    def __init__(self, database: Path) -> None:
        self.folders = {os.fsencode(os.fspath(path / "backups")) for path in (database, database.resolve())}
        self.peak_mb: float | None = None
        self._stop = threading.Event()
        self._seen: set[int] = set()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> DailyBackupWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _helpers(self) -> set[int]:
        found = set()
        for entry in os.scandir("/proc"):
            if not entry.name.isdecimal():
                continue
            try:
                command = Path(entry.path, "cmdline").read_bytes()
            except OSError:
                continue
            if HELPER_MODULE in command and any(folder in command for folder in self.folders):
                found.add(int(entry.name))
        return found

    def _watch(self) -> None:
        while not self._stop.wait(0.02):
            if not self._seen:
                self._seen = self._helpers()
            for pid in self._seen:
                peak = _peak_mb(pid)
                if peak is not None:
                    self.peak_mb = max(self.peak_mb or 0.0, peak)


def wait_for_daily_backup(database: Path, timeout: float = TIMEOUT) -> float:
    """Wait until the helper that zips the day's backup is done (no snapshot left in the backups
    folder), so that it does not run beside the next measurement; the seconds waited."""
    started = time.monotonic()
    while list((database / "backups").glob(".snapshot-*")):
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"the daily backup of {database} is still being made after {timeout} s")
        time.sleep(0.2)
    return time.monotonic() - started


def keys_session(
    command: list[str], env: dict[str, str], rounds: int, timeout: float = TIMEOUT
) -> dict[str, list[float]]:
    """Milliseconds from each key of :data:`KEY_STEPS` to the end of its repaint, ``rounds`` times."""
    samples: dict[str, list[float]] = {step: [] for step in KEY_STEPS}
    with Terminal(command, env=env) as terminal:
        terminal.wait_for(HOME_MARKER, timeout)
        terminal.settle(0.5, timeout)
        keys: list[tuple[str | None, str | bytes, str]] = [
            (KEY_STEPS[0], "w", LIST_MARKER),
            (KEY_STEPS[1], FILTER_LETTER, LIST_MARKER),
            (KEY_STEPS[2], b"\r", PAGE_MARKER),
            (KEY_STEPS[3], b"\x1b", LIST_MARKER),
            (None, b"\x1b", LIST_MARKER),  # the list keeps its filter: Esc empties it first (not timed)
            (KEY_STEPS[4], b"\x1b", HOME_MARKER),
        ]
        for _round in range(rounds):
            for step, key, marker in keys:
                sent = terminal.send(key)
                terminal.wait_for(marker, timeout)
                done = terminal.settle(QUIET, timeout)
                if step is not None:
                    samples[step].append((done - sent) * 1000)
            terminal.settle(0.3, timeout)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a poptui database (default: a fresh demo)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with Workspace() as workspace:
        database = workspace.linked_copy(options.db, "db") if options.db else workspace.demo_database()
        env = workspace.env()
        start_once(poptui_app(database), env)  # the first start of the day makes the daily backup
        bare, ours = [], []
        for _run in range(options.runs):
            bare.append(start_once(bare_app("table"), env))
            ours.append(start_once(poptui_app(database), env))
        for name, runs in (("bare DataTable app", bare), ("poptui", ours)):
            seconds = statistics.median(run["seconds"] for run in runs)
            memory = statistics.median(run["peak_mb"] for run in runs)
            print(f"{name:<20} first screen {seconds:6.3f} s   peak memory {memory:5.1f} MB")
        for name, samples in (
            ("bare", keys_session(bare_app("keys"), env, options.runs)),
            ("poptui", keys_session(poptui_app(database), env, options.runs)),
        ):
            print(name + "  " + "   ".join(f"{step} {statistics.median(ms):.0f} ms" for step, ms in samples.items()))


if __name__ == "__main__":
    main()
