"""The commands a coach or IT runs: ``list trajectories --json``, ``check``, importing employees.

Each is timed as a whole process (start, imports, work, output), as the coach waits for it,
against a bare Python process that only reads and parses the same files with orjson (the
floor for any program that reads them), or, for the import, reads the CSV and writes its
rows as one JSON file.

- ``list trajectories --json`` and ``check`` run on a scale database;
- importing 10,000 employees: bench/bench_import.py's ``run`` (its Belgian CSV, read,
  checked and saved in one transaction into a fresh database), in its own process; the
  figure is its ``total``, the baseline reads the same CSV and writes its rows as JSON.

Run alone: .venv/bin/python bench/bench_commands.py --db PATH [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from workspace import BENCH, Workspace, poptui_command, python

IMPORT_ROWS = 10_000
SHARED_FILES = ("poptui-db.json", "core.json")
SHARDED = ("employees", "trajectories")
"""Folders of 64 shards since schema 3 (poptui/store/layout.py); employees.json and trajectories.json before."""


class CommandTimeout(RuntimeError):
    pass


def timed(command: list[str], env: dict[str, str], timeout: float, ok: tuple[int, ...] = (0,)) -> float:
    """Seconds the command takes; its output is read and dropped."""
    began = time.perf_counter()
    try:
        result = subprocess.run(command, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CommandTimeout(f"{' '.join(command[-4:])} took more than {timeout:.0f} s") from None
    seconds = time.perf_counter() - began
    if result.returncode not in ok:
        raise RuntimeError(f"{command} exited {result.returncode}: {result.stderr.decode(errors='replace')[-1500:]}")
    return seconds


def list_trajectories(database: Path) -> list[str]:
    return [*poptui_command(), "list", "trajectories", "--json", "--db", str(database)]


def check(database: Path) -> list[str]:
    return [*poptui_command(), "check", "--db", str(database)]


def bare_read(database: Path, everything: bool) -> list[str]:
    """A bare Python reading the shared files (or every file and audit line) with orjson."""
    mode = "all" if everything else "shared"
    return [python(), str(BENCH / "bench_commands.py"), "--bare-read", str(database), mode]


def bare_import(csv_path: Path, out: Path) -> list[str]:
    return [python(), str(BENCH / "bench_commands.py"), "--bare-import", str(csv_path), str(out)]


def import_run(folder: Path) -> list[str]:
    """bench_import.run (issue 10's benchmark) for 10,000 rows; prints its figures as JSON."""
    return [python(), str(BENCH / "bench_commands.py"), "--import-run", str(folder)]


def _bare_read(database: Path, mode: str) -> None:
    import orjson

    paths = [database / name for name in SHARED_FILES]
    for folder in SHARDED:
        paths += sorted((database / folder).glob("*.json"))
        paths += [database / f"{folder}.json"] if (database / f"{folder}.json").exists() else []
    if mode == "all":
        paths += sorted((database / "dossiers").glob("*.json"))
    records = 0
    for path in paths:
        for table in orjson.loads(path.read_bytes()).values():
            records += len(table) if isinstance(table, dict) else 0
    if mode == "all":
        with (database / "audit.log").open("rb") as handle:
            records += sum(1 for line in handle if orjson.loads(line))
    sys.stdout.write(orjson.dumps({"records": records}).decode())


def _bare_import(csv_path: Path, out: Path) -> None:
    import os

    import orjson

    raw = csv_path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows = list(csv.DictReader(io.StringIO(text.split("\n", 1)[1]), delimiter=";"))  # below the title row
    with out.open("wb") as handle:
        handle.write(orjson.dumps(rows))
        handle.flush()
        os.fsync(handle.fileno())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="a scale database (bench/generate.py)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bare-read", nargs=2, metavar=("DB", "shared|all"), help=argparse.SUPPRESS)
    parser.add_argument("--bare-import", nargs=2, metavar=("CSV", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--import-run", type=Path, metavar="FOLDER", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.bare_read:
        _bare_read(Path(options.bare_read[0]), options.bare_read[1])
        return
    if options.bare_import:
        _bare_import(Path(options.bare_import[0]), Path(options.bare_import[1]))
        return
    if options.import_run:
        import bench_import

        print(json.dumps(bench_import.run(IMPORT_ROWS, options.import_run, contender=False)))
        return
    if not options.db:
        parser.error("--db is required")
    with Workspace() as workspace:
        env = workspace.env()
        database = workspace.linked_copy(options.db, "db")
        figures: dict[str, list[float]] = {}
        for run in range(options.runs):
            for name, command in (
                ("list trajectories --json", list_trajectories(database)),
                ("bare read (shared files)", bare_read(database, False)),
                ("check", check(database)),
                ("bare read (every file)", bare_read(database, True)),
            ):
                figures.setdefault(name, []).append(timed(command, env, 900, ok=(0, 1)))
            (workspace.run / f"import{run}").mkdir(mode=0o700)
            result = json.loads(
                subprocess.run(
                    import_run(workspace.run / f"import{run}"), env=env, capture_output=True, text=True, check=True
                ).stdout
            )
            figures.setdefault("import 10,000 employees (bench_import.run)", []).append(result["total"])
            csv_path = workspace.run / f"import{run}" / f"werknemers-{IMPORT_ROWS}.csv"
            figures.setdefault("bare CSV to JSON", []).append(
                timed(bare_import(csv_path, workspace.run / f"bare{run}.json"), env, 900)
            )
    for name, seconds in figures.items():
        print(f"{name:<28} median {statistics.median(seconds):7.2f} s")


if __name__ == "__main__":
    main()
