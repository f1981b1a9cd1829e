"""Every performance figure of issue 17 next to its baseline, measured in one run on this machine.

    .venv/bin/python bench/run_all.py [--quick] [--no-growth] [--only start,keys,...]

poptui and its baseline run in turns (alternating, so a busy neighbour on a shared machine
slows both alike) and the medians are compared: on a machine with other work the absolute
figures wander, the ratios much less. The script prints a markdown table (figure, poptui,
baseline, ratio, goal, met?) and writes every sample to bench/results.json.

Databases: the demo (``poptui demo``) and generated scale databases (bench/generate.py:
2,000 employees over five years, and 20,000 for the growth figures), made on first use and
kept in bench/.work/ (see bench/workspace.py); every run works on linked copies of them
and removes its files at the end. The programs run with HOME, XDG folders and TMPDIR
inside the run's folder, as user ``an`` (a coach in every database).

Phases (``--only``): start (start and memory), keys (key-to-repaint), typing (bytes per
keystroke and while idle), store (saves), exports (POP PDF, Excel), package (the month's
package), commands (list, check), import (10,000 employees, through bench/bench_import.py),
growth (20,000 against 2,000 employees).

``--quick`` takes fewer samples and leaves out the growth figures. ``--only keys --update``
measures one phase again and replaces its figures in bench/results.json, keeping the rest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import bench_commands as commands
import bench_startup as startup
import bench_typing as typing_bench
from bench_store import SAVE_KINDS, percentile
from workspace import BENCH, DEFAULT_ROOT, Workspace, poptui_command, python

PHASES = ("start", "keys", "typing", "store", "exports", "package", "commands", "import", "growth")
SCALE = (2000, 5)
GROWTH = (20000, 5)


@dataclass(frozen=True)
class Goal:
    """What the issue asks: ``ratio`` (poptui / baseline at most), ``below`` (value under), ``zero``."""

    kind: str
    limit: float = 0.0

    def text(self, unit: str) -> str:
        if self.kind == "ratio":
            return f"≤ {self.limit:g}×"
        if self.kind == "below":
            return f"< {self.limit:g} {unit}"
        return "0"

    def met(self, value: float, ratio: float | None) -> bool | None:
        if self.kind == "ratio":
            return None if ratio is None else ratio <= self.limit
        if self.kind == "below":
            return value < self.limit
        return value == 0


@dataclass
class Figure:
    section: str
    name: str
    unit: str
    baseline_name: str = ""
    goal: Goal | None = None
    ours: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    p95: bool = False
    """Saves: show p50 / p95 and judge the p95."""
    note: str = ""
    error: str = ""
    phase: str = ""

    def value(self, samples: list[float]) -> float | None:
        if not samples:
            return None
        return percentile(samples, 0.95) if self.p95 else statistics.median(samples)

    def shown(self, samples: list[float], name: str = "") -> str:
        if not samples:
            return "—"
        if self.p95:
            text = f"{_number(statistics.median(samples))} / {_number(percentile(samples, 0.95))} {self.unit}"
        else:
            text = f"{_number(statistics.median(samples))} {self.unit}"
        notes = [name] if name else []
        if len(samples) == 1:
            notes.append("n=1")
        return text + (f" ({', '.join(notes)})" if notes else "")

    @property
    def ratio(self) -> float | None:
        ours, base = self.value(self.ours), self.value(self.base)
        if ours is None or not base:
            return None
        return ours / base

    @property
    def met(self) -> bool | None:
        value = self.value(self.ours)
        if self.goal is None or value is None:
            return None
        return self.goal.met(value, self.ratio)

    def row(self) -> list[str]:
        ours = f"failed: {self.error}" if self.error and not self.ours else self.shown(self.ours)
        base = self.shown(self.base, self.baseline_name) if self.base else "—"
        ratio = _ratio(self.ratio) if self.ratio is not None else "—"
        goal = self.goal.text(self.unit) if self.goal else "—"
        met = {True: "yes", False: "**no**", None: "—"}[self.met]
        name = self.name + (f" ({self.note})" if self.note else "")
        return [name, ours, base, ratio, goal, met]

    def as_json(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "section": self.section,
            "figure": self.name,
            "note": self.note,
            "unit": self.unit,
            "poptui": {"value": self.value(self.ours), "samples": self.ours},
            "baseline": {"name": self.baseline_name, "value": self.value(self.base), "samples": self.base},
            "statistic": "p95 (p50 shown too)" if self.p95 else "median",
            "ratio": self.ratio,
            "goal": self.goal.text(self.unit) if self.goal else None,
            "met": self.met,
            "error": self.error or None,
            "row": self.row(),
        }


def _ratio(value: float) -> str:
    if value >= 10:
        return f"{value:.0f}×"
    return f"{value:.2f}×" if value >= 0.1 or value == 0 else f"{value:.2g}×"


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e6:
        return f"{value:,.0f}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


class Run:
    def __init__(self, workspace: Workspace, quick: bool, log: Callable[[str], None]) -> None:
        self.workspace = workspace
        self.quick = quick
        self.log = log
        self.env = workspace.env()
        self.figures: list[Figure] = []
        self.phase = ""
        self.databases: dict[str, Any] = {}
        self._scale: dict[tuple[int, int], Path] = {}

    def figure(self, section: str, name: str, unit: str, **options: Any) -> Figure:
        figure = Figure(section, name, unit, phase=self.phase, **options)
        self.figures.append(figure)
        return figure

    def n(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    def scale(self, size: tuple[int, int]) -> Path:
        """A linked copy of the generated database (generated first when missing)."""
        if size not in self._scale:
            source = self.workspace.scale_database(*size)
            stamp = json.loads(source.with_suffix(".json").read_text())
            self.databases[f"{size[0]} employees x {size[1]} years"] = {
                "path": str(source),
                "summary": stamp.get("summary", "").splitlines()[:1],
                "generated_in_seconds": stamp.get("seconds"),
            }
            self._scale[size] = self.workspace.linked_copy(source, f"db-{size[0]}")
        return self._scale[size]

    def json_of(self, command: list[str], timeout: float) -> Any:
        result = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=timeout, cwd=BENCH)
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-1500:])
        return json.loads(result.stdout)

    # -- phases ------------------------------------------------------------------------------------

    def start(self) -> None:
        bare = startup.bare_app("table")
        demo = startup.poptui_app(self.workspace.demo_database())
        scale = startup.poptui_app(self.scale(SCALE))
        first = "bare DataTable app"
        f_demo = self.figure("Start", "start to first screen, demo", "s", baseline_name=first, goal=Goal("ratio", 1.2))
        f_scale = self.figure(
            "Start", "start to first screen, 2,000 employees", "s", baseline_name=first, goal=Goal("ratio", 1.5)
        )
        f_day = self.figure("Start", "first start of the day (daily backup), 2,000 employees", "s", baseline_name=first)
        m_scale = self.figure(
            "Memory",
            "peak memory after the first screen, 2,000 employees",
            "MB",
            baseline_name=first,
            goal=Goal("below", 60),
        )
        m_day = self.figure(
            "Memory",
            "peak memory of the app, first start of the day, 2,000 employees",
            "MB",
            baseline_name=first,
            goal=Goal("below", 60),
        )
        m_helper = self.figure(
            "Memory", "peak memory of the daily backup's helper process, 2,000 employees", "MB", goal=Goal("below", 60)
        )
        startup.start_once(bare, self.env)  # warm the file cache; the demo's first start makes its backup
        startup.start_once(demo, self.env)
        startup.wait_for_daily_backup(self.workspace.demo_database())
        self.log("first start of the day at 2,000 employees (makes the daily backup)")
        with startup.DailyBackupWatch(self.scale(SCALE)) as helper:
            day = startup.start_once(scale, self.env)
            f_day.ours.append(day["seconds"])
            m_day.ours.append(day["peak_mb"])
            waited = startup.wait_for_daily_backup(self.scale(SCALE))  # its helper must not run beside the next starts
        self.helper_memory(m_helper, helper)
        self.log(f"the daily backup's helper finished {waited:.1f} s after the first screen was measured")
        runs = [("bare", bare), ("demo", demo), ("scale", scale)]
        for index in range(self.n(7, 3)):
            self.log(f"start, round {index + 1}")
            for name, command in runs[index % 3 :] + runs[: index % 3]:
                result = startup.start_once(command, self.env)
                if name == "bare":
                    for figure in (f_demo, f_scale, f_day):
                        figure.base.append(result["seconds"])
                    for figure in (m_scale, m_day):
                        figure.base.append(result["peak_mb"])
                elif name == "demo":
                    f_demo.ours.append(result["seconds"])
                else:
                    f_scale.ours.append(result["seconds"])
                    m_scale.ours.append(result["peak_mb"])

    def keys(self) -> None:
        goals = (200, 100, 200, 200, 200)
        figures = [
            self.figure("Keys at 2,000 employees", name, "ms", baseline_name="bare app", goal=Goal("below", goal))
            for name, goal in zip(startup.KEY_STEPS, goals, strict=True)
        ]
        for session in range(self.n(2, 1)):
            self.log(f"key-to-repaint, session {session + 1}")
            rounds = self.n(3, 2)
            bare = startup.keys_session(startup.bare_app("keys"), self.env, rounds)
            ours = startup.keys_session(startup.poptui_app(self.scale(SCALE)), self.env, rounds)
            for figure in figures:
                figure.base.extend(bare[figure.name])
                figure.ours.extend(ours[figure.name])

    def typing(self) -> None:
        per_key = self.figure(
            "Typing", "bytes per keystroke in a form", "bytes", baseline_name="bare Input", goal=Goal("ratio", 1.1)
        )
        idle_form = self.figure(
            "Typing",
            f"bytes in {typing_bench.IDLE:g} s idle, form",
            "bytes",
            baseline_name="bare Input",
            goal=Goal("zero"),
        )
        idle_home = self.figure(
            "Typing", f"bytes in {typing_bench.IDLE:g} s idle, home screen", "bytes", goal=Goal("zero")
        )
        idle_list = self.figure(
            "Typing", f"bytes in {typing_bench.IDLE:g} s idle, employee list", "bytes", goal=Goal("zero")
        )
        demo = self.workspace.demo_database()
        for index in range(self.n(3, 1)):
            self.log(f"typing, round {index + 1}")
            bare = typing_bench.bare_input(self.env)
            ours = typing_bench.poptui_form(self.workspace.linked_copy(demo, f"typing-{index}"), self.env)
            per_key.base.append(bare["per_key"])
            idle_form.base.append(bare["idle_form"])
            per_key.ours.append(ours["per_key"])
            idle_form.ours.append(ours["idle_form"])
            idle_home.ours.append(ours["idle_home"])
            idle_list.ours.append(ours["idle_list"])

    def store(self, size: tuple[int, int] = SCALE, baseline: bool = True) -> dict[str, list[float]]:
        self.log(f"saves at {size[0]} employees")
        folder = self.workspace.linked_copy(self.scale(size), f"store-{size[0]}")
        command = [python(), str(BENCH / "bench_store.py"), "--db", str(folder), "--in-place", "--json"]
        command += ["--saves", str(self.n(200, 60)), "--baseline", str(self.n(7, 3) if baseline else 0)]
        result = self.json_of(command, 3600)
        if baseline:
            stock = f"stock TinyDB, one {result['stock_file_mb']:.0f} MB file"
            for kind in SAVE_KINDS:
                figure = self.figure(
                    "Saves at 2,000 employees",
                    f"{kind}, p50 / p95",
                    "ms",
                    baseline_name=stock,
                    goal=Goal("below", 10),
                    p95=True,
                )
                figure.ours = result[kind]
                figure.base = result["stock TinyDB insert"]
        return result

    def exports(self) -> None:
        self.log("POP PDF and month Excel")
        result = self.json_of(
            [python(), str(BENCH / "bench_exports.py"), "--json", "--repeat", str(self.n(10, 4))], 1800
        )
        for name, shown, base, bare, goal in (
            ("POP PDF", "POP PDF", "bare fpdf2 PDF", "bare fpdf2, same fonts", 0.1),
            ("month Excel 1,000 rows", "month Excel 1,000 rows", "bare openpyxl 1,000 rows", "bare openpyxl", 0.5),
            (
                "month Excel whole workbook",
                "month Excel, whole workbook (1,000 rows and 5,000 contact moments)",
                "bare openpyxl whole workbook",
                "bare openpyxl",
                None,
            ),
        ):
            wanted = Goal("below", goal) if goal is not None else None
            figure = self.figure("Exports", shown, "s", baseline_name=bare, goal=wanted)
            figure.ours, figure.base = result[name], result[base]

    def package(self) -> None:
        database = self.scale(SCALE)
        picked = self.json_of([python(), str(BENCH / "bench_exports.py"), "--busiest-month", str(database)], 600)
        count = picked["completed"]
        figure = self.figure(
            "Exports",
            f"month's package, {count} POPs ({picked['month']}, `poptui report month`)",
            "s",
            baseline_name=f"{2 * count} bare fpdf2 PDFs: a POP and a consent form each",
            goal=Goal("below", 8),
        )
        for index in range(self.n(3, 1)):
            self.log(f"month's package, round {index + 1}")
            out = self.workspace.run / f"package-{index}"
            ours = [*poptui_command(), "report", "month", picked["month"], "--db", str(database), "--out", str(out)]
            bare = [
                python(),
                str(BENCH / "bench_exports.py"),
                "--bare-pdfs",
                str(2 * count),
                "--out",
                str(out / "bare"),
            ]
            figure.ours.append(commands.timed(ours, self.env, 1800))
            figure.base.append(commands.timed(bare, self.env, 1800))

    def commands(self) -> None:
        database = self.scale(SCALE)
        pairs = [
            (
                self.figure(
                    "Commands at 2,000 employees",
                    "`list trajectories --json`",
                    "s",
                    baseline_name="bare read of the shared files",
                    goal=Goal("below", 0.5),
                ),
                lambda _index: commands.list_trajectories(database),
                lambda _index: commands.bare_read(database, False),
            ),
            (
                self.figure(
                    "Commands at 2,000 employees",
                    "`check`, first on the database (every record validated)",
                    "s",
                    baseline_name="bare read of every file",
                    goal=Goal("below", 2),
                ),
                lambda _index: commands.check(forget_validated(database)),
                lambda _index: commands.bare_read(database, True),
            ),
            (
                self.figure(
                    "Commands at 2,000 employees",
                    "`check` again, no dossier changed since the last check",
                    "s",
                    baseline_name="bare read of every file",
                    goal=Goal("below", 2),
                ),
                lambda _index: commands.check(database),
                lambda _index: commands.bare_read(database, True),
            ),
        ]
        for figure, ours, bare in pairs:
            self.log(figure.name)
            self.alternate(figure, ours, bare, self.n(5, 2), timeout=900)

    def import_(self) -> None:
        figure = self.figure(
            "Commands at 2,000 employees",
            "import 10,000 employees (`bench_import.run`: read, check, save)",
            "s",
            baseline_name="bare CSV to JSON",
            goal=Goal("below", 5),
        )
        began = time.perf_counter()
        for index in range(self.n(3, 1)):
            self.log(f"import 10,000 employees, round {index + 1}")
            folder = self.workspace.run / f"import-{index}"
            folder.mkdir(mode=0o700)
            result = self.json_of(commands.import_run(folder), 3600)
            figure.ours.append(result["total"])
            csv_path = folder / f"werknemers-{commands.IMPORT_ROWS}.csv"
            bare = commands.bare_import(csv_path, self.workspace.run / f"bare-import-{index}.json")
            figure.base.append(commands.timed(bare, self.env, 900))
            if time.perf_counter() - began > 180:
                break

    def alternate(
        self,
        figure: Figure,
        ours: Callable[[int], list[str]],
        bare: Callable[[int], list[str]],
        runs: int,
        timeout: float,
        budget: float = 180,
    ) -> None:
        """Time both commands in turns; stop repeating once the figure has taken ``budget`` seconds."""
        began = time.perf_counter()
        for index in range(runs):
            try:
                figure.ours.append(commands.timed(ours(index), self.env, timeout, ok=(0, 1)))
            except commands.CommandTimeout:
                figure.error = f"> {timeout:.0f} s"
                figure.note = f"stopped after {timeout:.0f} s"
                figure.ours.append(timeout)
                break
            figure.base.append(commands.timed(bare(index), self.env, timeout, ok=(0, 1)))
            if time.perf_counter() - began > budget:
                break

    @staticmethod
    def helper_memory(figure: Figure, watch: startup.DailyBackupWatch) -> None:
        """The helper's peak memory, or a note that it ended before it could be read."""
        if watch.peak_mb is None:
            figure.error = "not seen"
            figure.note = "the helper ended before its memory could be read"
        else:
            figure.ours.append(watch.peak_mb)

    def growth(self) -> None:
        small = self.scale(SCALE)
        large = self.scale(GROWTH)
        section = "Growth: 20,000 against 2,000 employees"
        start = self.figure(section, "start to first screen", "s", baseline_name="2,000", goal=Goal("ratio", 2))
        memory = self.figure(section, "peak memory after the first screen", "MB", baseline_name="2,000")
        keys = {
            step: self.figure(section, step, "ms", baseline_name="2,000", goal=Goal("ratio", 2))
            for step in startup.KEY_STEPS[:2]
        }
        listing = self.figure(section, "`list trajectories --json`", "s", baseline_name="2,000", goal=Goal("ratio", 2))
        self.log("first start of the day at 20,000 employees (makes the daily backup)")
        with startup.DailyBackupWatch(large) as helper:
            day = startup.start_once(startup.poptui_app(large), self.env, timeout=1800)
            waited = startup.wait_for_daily_backup(large, timeout=1800)
        self.log(f"the daily backup's helper finished {waited:.1f} s after the first screen was measured")
        day_figure = self.figure(section, "first start of the day (daily backup)", "s")
        day_figure.ours.append(day["seconds"])
        day_memory = self.figure(section, "peak memory of the app, first start of the day", "MB")
        day_memory.ours.append(day["peak_mb"])
        self.helper_memory(
            self.figure(section, "peak memory of the daily backup's helper process", "MB", goal=Goal("below", 60)),
            helper,
        )
        for index in range(self.n(3, 1)):
            self.log(f"growth: start, round {index + 1}")
            for database, samples, peaks in ((small, start.base, memory.base), (large, start.ours, memory.ours)):
                result = startup.start_once(startup.poptui_app(database), self.env, timeout=1800)
                samples.append(result["seconds"])
                peaks.append(result["peak_mb"])
        self.log("growth: keys")
        for database, side in ((small, "base"), (large, "ours")):
            session = startup.keys_session(startup.poptui_app(database), self.env, self.n(3, 1), timeout=1800)
            for step, figure in keys.items():
                getattr(figure, side).extend(session[step])
        self.log("growth: list trajectories")
        self.alternate(
            listing,
            lambda _index: commands.list_trajectories(large),
            lambda _index: commands.list_trajectories(small),
            self.n(2, 1),
            timeout=600,
        )
        saves = self.store(GROWTH, baseline=False)
        small_saves = {figure.name: figure.ours for figure in self.figures if figure.section.startswith("Saves")}
        for kind in SAVE_KINDS:
            figure = self.figure(
                section, f"{kind}, p50 / p95", "ms", baseline_name="2,000", goal=Goal("below", 10), p95=True
            )
            figure.ours = saves[kind]
            figure.base = small_saves.get(f"{kind}, p50 / p95", [])


def forget_validated(database: Path) -> Path:
    """``database`` without its ``validated.json``, so that the next check validates every record
    (the first check on a database, or after another version of poptui)."""
    (database / "validated.json").unlink(missing_ok=True)
    return database


def markdown(figures: list[dict[str, Any]]) -> str:
    """The table, one block per section, from :meth:`Figure.as_json` dictionaries."""
    lines: list[str] = []
    section = None
    for figure in figures:
        if figure["section"] != section:
            section = figure["section"]
            if lines:
                lines.append("")
            lines += [
                f"**{section}**",
                "",
                "| figure | poptui | baseline | ratio | goal | met? |",
                "|---|---|---|---|---|---|",
            ]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in figure["row"]) + " |")
    return "\n".join(lines)


def merged(previous: dict[str, Any], figures: list[dict[str, Any]], phases: list[str]) -> list[dict[str, Any]]:
    """``--update``: the figures of this run's phases replace theirs in the previous results."""
    kept = [figure for figure in previous.get("figures", []) if figure.get("phase") not in phases]
    order = {phase: index for index, phase in enumerate(PHASES)}
    return sorted(kept + figures, key=lambda figure: order.get(figure.get("phase", ""), len(PHASES)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer samples, no growth figures")
    parser.add_argument("--no-growth", action="store_true", help="leave out the 20,000-employee figures")
    parser.add_argument("--only", help=f"comma-separated phases: {','.join(PHASES)}")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json", help="where the samples go")
    parser.add_argument("--work", type=Path, default=DEFAULT_ROOT, help="the benchmarks' own folder")
    parser.add_argument(
        "--update", action="store_true", help="keep the other phases' figures of --out, replace those run now"
    )
    options = parser.parse_args()
    phases = (
        options.only.split(",")
        if options.only
        else [phase for phase in PHASES if phase != "growth" or not (options.quick or options.no_growth)]
    )
    unknown = set(phases) - set(PHASES)
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    began = time.perf_counter()
    started = datetime.now().astimezone()

    def log(line: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {line}", file=sys.stderr, flush=True)

    load_before = os.getloadavg()
    with Workspace(options.work, log) as workspace:
        run = Run(workspace, options.quick, log)
        for phase in phases:
            run.phase = phase
            try:
                getattr(run, "import_" if phase == "import" else phase)()
            except Exception as error:  # one phase failing must not lose the others' figures
                log(f"{phase} failed: {error}")
                traceback.print_exc()
                run.figure(
                    phase,
                    f"{phase} (failed)",
                    "",
                    error=str(error).splitlines()[0][:200] if str(error) else type(error).__name__,
                )
    seconds = time.perf_counter() - began
    import textual

    this_run = {
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(seconds),
        "command": " ".join(["bench/run_all.py", *sys.argv[1:]]),
        "quick": options.quick,
        "phases": phases,
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": os.getloadavg(),
            "python": platform.python_version(),
            "textual": textual.__version__,
            "platform": platform.platform(),
        },
        "databases": run.databases,
    }
    figures = [figure.as_json() for figure in run.figures]
    runs = [this_run]
    if options.update and options.out.exists():
        previous = json.loads(options.out.read_text())
        figures = merged(previous, figures, phases)
        runs = [earlier for earlier in previous.get("runs", []) if set(earlier.get("phases", [])) - set(phases)] + runs
    table = markdown(figures)
    judged = [figure["met"] for figure in figures if figure["met"] is not None]
    summary = f"{sum(judged)} of {len(judged)} goals met"
    print(table)
    print()
    print(f"{summary}; this run took {seconds / 60:.0f} min" + (" (--quick)" if options.quick else ""))
    results = {"summary": summary, "runs": runs, "figures": figures, "table": table}
    options.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
