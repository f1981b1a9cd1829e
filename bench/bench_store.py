"""Saves at scale: poptui's store against stock TinyDB inserting into one JSON file of the same size.

On a copy of a scale database (bench/generate.py) it saves, in turns, a contact moment
(an employee's dossier file), an employee (its shard of employees/) and a trajectory
(its shard of trajectories/), each loaded first as a form would, and times every save. The
baseline puts every record of the same database into one stock TinyDB JSON file and times
``insert`` into it, between the poptui saves.

Run alone: .venv/bin/python bench/bench_store.py --db PATH [--saves 200] [--baseline 5]
(the database is copied first; the copy is removed at the end).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

from poptui.models import ContactMoment, Employee, Level, Trajectory
from poptui.store import Database

SAVE_KINDS = ("save contact moment", "save employee", "save trajectory")


def stock_tinydb_file(database: Database, path: Path) -> float:
    """Every record of ``database`` in one stock TinyDB file (as its JSONStorage writes it); its size in MB."""
    merged: dict[str, dict[str, dict]] = {}
    for data_file in database.data_files():
        for table, documents in json.loads(data_file.read_bytes()).items():
            rows = merged.setdefault(table, {})
            for document in documents.values():
                rows[str(len(rows) + 1)] = document
    path.write_text(json.dumps(merged))
    return path.stat().st_size / 1e6


def measure(folder: Path, saves: int, baseline: int, seed: int = 1) -> dict[str, object]:
    from tinydb import TinyDB

    database = Database.open(folder, actor="bench")
    rng = random.Random(seed)
    moments: list[ContactMoment] = []
    for some_id in rng.sample(database.dossier_ids(), len(database.dossier_ids())):
        found = database.list(ContactMoment, employee_id=some_id)
        if found:
            moments.append(rng.choice(found))
        if len(moments) == saves:
            break
    employees = rng.sample(database.list(Employee), saves)
    trajectories = rng.sample(database.list(Trajectory), saves)
    samples: dict[str, list[float]] = {kind: [] for kind in SAVE_KINDS}
    stock: list[float] = []
    table = None
    size = 0.0
    if baseline:
        stock_path = folder.parent / f"{folder.name}-stock-tinydb.json"
        size = stock_tinydb_file(database, stock_path)
        table = TinyDB(stock_path).table(ContactMoment.table)
    every = max(1, saves // baseline) if baseline else 0
    for index in range(saves):
        records = (
            moments[index % len(moments)].model_copy(update={"notes": "Aangevuld na het gesprek."}),
            employees[index].model_copy(update={"function": "Medewerker logistiek"}),
            trajectories[index].model_copy(update={"intensity": Level.HIGH}),
        )
        for kind, record in zip(SAVE_KINDS, records, strict=True):
            began = time.perf_counter()
            database.save(record)
            samples[kind].append((time.perf_counter() - began) * 1000)
        if table is not None and index % every == every - 1 and len(stock) < baseline:
            document = moments[index % len(moments)].model_dump(mode="json") | {"id": f"stock{index}"}
            began = time.perf_counter()
            table.insert(document)
            stock.append((time.perf_counter() - began) * 1000)
    return {**samples, "stock TinyDB insert": stock, "stock_file_mb": size}


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a scale database (bench/generate.py)")
    parser.add_argument("--saves", type=int, default=200, help="saves of each kind")
    parser.add_argument("--baseline", type=int, default=5, help="stock TinyDB inserts (0: none)")
    parser.add_argument("--json", action="store_true", help="print the samples as JSON (for run_all.py)")
    parser.add_argument("--in-place", action="store_true", help="save into --db itself (run_all.py passes a copy)")
    options = parser.parse_args()
    if options.in_place:
        result = measure(options.db, options.saves, options.baseline)
    else:
        from workspace import Workspace

        with Workspace() as workspace:
            result = measure(workspace.linked_copy(options.db, "store"), options.saves, options.baseline)
    if options.json:
        json.dump(result, sys.stdout)
        return
    for kind, samples in result.items():
        if isinstance(samples, list) and samples:
            print(
                f"{kind:<22} p50 {statistics.median(samples):8.1f} ms   p95 {percentile(samples, 0.95):8.1f} ms"
                f"   ({len(samples)} saves)"
            )
    print(f"stock TinyDB file: {result['stock_file_mb']:.0f} MB")


if __name__ == "__main__":
    main()
