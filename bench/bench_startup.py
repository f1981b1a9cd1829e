"""Start-up time and typing cost, against the bare Textual baselines of DESIGN.md.

1. Time from process start to the first painted screen at 80x24, median of --runs runs:
   a bare Textual app with a 200-row DataTable versus poptui on the demo database.
2. Bytes the terminal receives per keystroke in a form field versus a bare Textual Input,
   and bytes sent while idle.

Run: .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

BARE_APP = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("a", "b", "c", "d")
            for n in range(200):
                table.add_row(str(n), "tekst", "meer tekst", "nog")
            self.call_after_refresh(self.exit)

    Bare().run(headless=True, size=(80, 24))
    """
)

POPTUI_APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from poptui.store import Database
    from poptui.app import PopApp
    from poptui.services.coach import identify_coach

    database = Database.open(Path(sys.argv[1]))
    app = PopApp(database, identify_coach(database, "an"))

    def ready():
        app.call_after_refresh(app.exit)

    app.call_later(ready)
    app.run(headless=True, size=(80, 24))
    """
)


def start_time(code: str, *args: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="poptui-start-")) / "demo"
    subprocess.run(
        [sys.executable, "-m", "poptui", "demo", "--db", str(folder)],
        check=True,
        capture_output=True,
        env=os.environ | {"USER": "an"},
    )
    bare = start_time(BARE_APP, runs=options.runs)
    ours = start_time(POPTUI_APP, str(folder), runs=options.runs)
    print(f"bare DataTable app to first screen   {bare:.3f} s")
    print(f"poptui home screen to first screen   {ours:.3f} s   ({ours / bare:.2f}x; bar 1.2x)")


if __name__ == "__main__":
    main()
