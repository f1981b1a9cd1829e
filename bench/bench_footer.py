"""CPU time of tabbing through a form with poptui's KeyFooter against Textual's own Footer.

    .venv/bin/python bench/bench_footer.py [--rounds 5] [--tabs 12]

On a copy of the demo database, headless at 80x24: open the employee list, F3 (a new employee's
form), press Tab ``--tabs`` times, Escape and decline the draft, and back. The same run is done
with the footer as poptui ships it (it rebuilds its keys only when the keys on show change) and
with Textual's Footer behaviour (it rebuilds on every focus move), in turns; the medians of the
process CPU time and the number of footer rebuilds are printed. CPU time, not wall time: on a
shared machine it wanders far less.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from poptui.screens.widgets.footer import KeyFooter
from textual.widgets import Footer

from poptui.app import PopApp
from poptui.demo import write_demo
from poptui.store import Database

SHIPPED = KeyFooter.bindings_changed


async def one_run(template: Path, folder: Path, tabs: int) -> tuple[float, int]:
    shutil.copytree(template, folder)
    app = PopApp(Database.open(folder, actor="bench"), None, ask_coach=False)
    rebuilds = 0
    compose = KeyFooter.compose

    def counting(self: KeyFooter):  # type: ignore[no-untyped-def]
        nonlocal rebuilds
        rebuilds += 1
        yield from compose(self)

    KeyFooter.compose = counting  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("w")
            await pilot.pause()
            start = time.process_time()
            await pilot.press("f3")
            await pilot.pause()
            for _tab in range(tabs):
                await pilot.press("tab")
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            spent = time.process_time() - start
    finally:
        KeyFooter.compose = compose  # type: ignore[method-assign]
    return spent, rebuilds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tabs", type=int, default=12)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="poptui-bench-footer-"))
    try:
        template = work / "demo"
        write_demo(Database.create(template, actor="demo"), today=date.today())
        results: dict[str, list[tuple[float, int]]] = {"KeyFooter": [], "Textual Footer": []}
        for round_number in range(args.rounds):
            for name in results:
                KeyFooter.bindings_changed = SHIPPED if name == "KeyFooter" else Footer.bindings_changed  # type: ignore[method-assign]
                folder = work / f"{round_number}-{name.replace(' ', '-')}"
                results[name].append(asyncio.run(one_run(template, folder, args.tabs)))
        KeyFooter.bindings_changed = SHIPPED  # type: ignore[method-assign]
        for name, samples in results.items():
            cpu = statistics.median(spent for spent, _rebuilds in samples)
            rebuilds = statistics.median(count for _spent, count in samples)
            print(f"{name:15} CPU {cpu * 1000:7.0f} ms  footer rebuilds {rebuilds:4.0f}  ({args.tabs} Tabs on a form)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
