"""Benchmark of the employee import (issue 10, point 7): 2,000 / 10,000 / 100,000 rows.

Bars: 10,000 rows in under 5 s, 100,000 rows in under a minute, and another coach's save
never waits more than about a second while an import runs.

For each size the script writes a realistic Belgian CSV (``;`` separated, Windows-1252,
a title row above the header, accents, particles such as "Van den" and "D'", a few
werkvloerbegeleiders, consent dates in one row of three, a few refused and duplicate rows)
into a fresh database, then times ``prepare_import`` (read + validate, no lock) and
``commit`` (the one locked write), wall clock and this process's CPU time (on a busy
machine the wall clock grows, the CPU time much less), and how long the lock was held.
Meanwhile a second process saves an organisation every 50 ms and records how long each
save took: the worst is reported.

Run: .venv/bin/python bench/bench_import.py [--rows 2000 10000 100000] [--no-contender]
(about a minute and a half on 2 cores for the three sizes).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from workspace import Workspace

from poptui.models import Employee, Organisation, Person, Role
from poptui.services.import_employees import prepare_import
from poptui.store import Database

FIRST_NAMES = (
    "Jan Inès Ayşe Tom Kim Lien Noor Jonas Eva Karim Greet Luc An Pieter Sofie Mohamed Fatima Wout Elke Bram "
    "Hanne Koen Joke Dries Femke Youssef Leen Stijn Zoë Hélène Gülşen Anne-Marie Jean-Pierre Wim Ilse Robbe "
    "Saïd Aïsha Maarten Lotte Tine Geert Marijke Senne Céline Björn Rani Amira Ruben Nele Thibault François "
    "Joëlle Ömer Ibrahim Ludo Rita Frieda Marcel Hilde"
).split()
PARTICLES = ("", "", "", "", "Van ", "Van den ", "Van der ", "De ", "Vanden ", "D'", "Op de ", "El ", "Ter ")
LAST_NAMES = (
    "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Dubois Lambert Dupont Hermans Smets "
    "Broeck Bossche Velde Vos Wilde Hondt Haese Smet Cock Meyer Backer Brabander Leeuw Berghe Heuvel Poel Kerckhove "
    "Müller Özdemir Yılmaz Çelik Benali Idrissi Amrani Kowalski Nowak Dvořák Lefèvre Hoëk Coppé Desmedt Verbeke "
    "Vermeulen Vandamme Declercq Vercauteren Schepens Aerts Segers Michiels Lemmens Cools Verhoeven Martens "
    "Pauwels Stevens Lenaerts Thijs Daems Huybrechts Engelen Geerts Baert Bogaert Buyse Coppens Cuypers Dewilde"
).split()
FUNCTIONS = (
    "Houtatelier",
    "Verpakking",
    "Naaiatelier",
    "Metaal",
    "Onthaal",
    "Logistiek",
    "Groenonderhoud",
    "Poetshulp (tijdelijk)",
    "Keuken; afwas",
    "Sortering",
)
SUPERVISORS = ("Luc Maes", "Greet Peeters", "Karim Benali", "Hilde Verbeke", "Stijn Aerts", "Rita Coppens")
LEVELS = ("laag", "gemiddeld", "hoog", "Laag", "HOOG", "")


def write_csv(path: Path, rows: int, seed: int = 10) -> None:
    """A CSV as Excel on a Belgian PC saves it: cp1252, ``;``, CRLF, a title row, some bad rows."""
    rng = random.Random(seed)
    lines = [
        "Personeelslijst De Werkplaats vzw;;;;;;;",
        "Voornaam;Achternaam;Functie;Begeleider;Reflectievermogen;Toestemming;Mijn Loopbaan;Opmerkingen",
    ]
    seen: set[tuple[str, str]] = set()
    while len(lines) - 2 < rows:
        number = len(lines) - 2
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(PARTICLES) + rng.choice(LAST_NAMES)
        if rng.random() < 0.6:
            last += "-" + rng.choice(LAST_NAMES)
        if (first, last) in seen and number % 97 != 0:  # keep one in 97 repeats: duplicates in the file
            continue
        seen.add((first, last))
        consent = f"{rng.randrange(1, 29):02d}/{rng.randrange(1, 13):02d}/{rng.randrange(2019, 2026)}"
        level = rng.choice(LEVELS)
        if number % 211 == 0:
            level = "matig"  # refused: not a level
        remark = rng.choice(("", "", "", "start via OCMW", "halftijds; ma-di-wo", 'zegt "graag buiten"'))
        cells = [
            first,
            last,
            rng.choice(FUNCTIONS),
            rng.choice(SUPERVISORS) if rng.random() < 0.8 else "",
            level,
            consent if number % 3 == 0 else "",
            rng.choice(("ja", "nee", "")),
            remark,
        ]
        lines.append(";".join(_quoted(cell) for cell in cells))
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(text.encode("cp1252", errors="replace"))


def _quoted(cell: str) -> str:
    if any(char in cell for char in ';"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _contender(path: str, stop: multiprocessing.synchronize.Event, waits: multiprocessing.queues.Queue) -> None:
    """Another coach: save a record every 50 ms and report the longest a save took."""
    database = Database.open(Path(path), actor="andere-coach")
    organisation = database.save(Organisation(name="Andere organisatie"))
    worst = 0.0
    saves = 0
    while not stop.is_set():
        started = time.perf_counter()
        organisation = database.save(organisation.model_copy(update={"remarks": f"opslag {saves}"}))
        worst = max(worst, time.perf_counter() - started)
        saves += 1
        time.sleep(0.05)
    waits.put((worst, saves))


_held: list[float] = []
_held_cpu: list[float] = []


def _timed_lock() -> None:
    """Record how long this process holds the database lock (the import's locked step)."""
    original = Database._locked

    @contextlib.contextmanager
    def locked(self: Database) -> Iterator[None]:
        with original(self):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                yield
            finally:
                _held.append(time.perf_counter() - started)
                _held_cpu.append(time.process_time() - cpu)

    Database._locked = locked  # type: ignore[method-assign]


def run(rows: int, folder: Path, contender: bool) -> dict[str, float]:
    csv_path = folder / f"werknemers-{rows}.csv"
    write_csv(csv_path, rows)
    database = Database.create(folder / f"db-{rows}", actor="bench")
    organisation = database.save(Organisation(name="De Werkplaats vzw"))
    database.save(Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR]))
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    stop = context.Event()
    waits = context.Queue()
    process = context.Process(target=_contender, args=(str(database.path), stop, waits)) if contender else None
    if process is not None:
        process.start()
        time.sleep(0.5)
    _held.clear()
    _held_cpu.clear()
    cpu = time.process_time()
    started = time.perf_counter()
    result = prepare_import(database, csv_path, organisation)
    prepared = time.perf_counter()
    result.commit()
    done = time.perf_counter()
    cpu = time.process_time() - cpu
    worst, saves = 0.0, 0
    if process is not None:
        stop.set()
        worst, saves = waits.get(timeout=60)
        process.join(10)
    stored = len(database.list(Employee, organisation_id=organisation.id))
    return {
        "rows": rows,
        "prepare": prepared - started,
        "commit": done - prepared,
        "total": done - started,
        "added": len(result.added),
        "duplicates": len(result.duplicates),
        "refused": len(result.refused),
        "stored": stored,
        "worst_wait": worst,
        "lock": max(_held, default=0.0),
        "lock_cpu": max(_held_cpu, default=0.0),
        "cpu": cpu,
        "other_saves": saves,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 10000, 100000])
    parser.add_argument("--no-contender", action="store_true", help="no second process saving meanwhile")
    options = parser.parse_args()
    _timed_lock()
    print(
        f"{'rows':>7} {'read+check':>10} {'commit':>7} {'total':>7} {'(cpu)':>7} {'lock held':>9} {'(cpu)':>7}"
        f" {'added':>7} {'dubbel':>6}"
        f" {'geweigerd':>9} {'stored':>7} {'other save worst wait':>22}"
    )
    with Workspace(log=lambda _line: None) as workspace:  # bench/.work/run-<pid>/, never /tmp
        for rows in options.rows:
            figures = run(rows, workspace.run, not options.no_contender)
            wait = (
                f"{figures['worst_wait']:.2f} s ({figures['other_saves']:.0f} saves)"
                if not options.no_contender
                else "-"
            )
            print(
                f"{figures['rows']:>7} {figures['prepare']:>9.2f}s {figures['commit']:>6.2f}s {figures['total']:>6.2f}s"
                f" {figures['cpu']:>6.2f}s {figures['lock']:>8.2f}s {figures['lock_cpu']:>6.2f}s {figures['added']:>7.0f} {figures['duplicates']:>6.0f} {figures['refused']:>9.0f}"
                f" {figures['stored']:>7.0f} {wait:>22}",
                flush=True,
            )


if __name__ == "__main__":
    main()
