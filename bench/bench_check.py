"""The check at start, the full check and a restore at the scale of DESIGN.md (2,000 employees, ~100k records).

Uses the generated database cached in bench/.work/ (made with bench/generate.py when missing), or
builds or reuses --db PATH, then measures:
- the check at every start when nothing changed (compare the files with manifest.json: stat only);
- the full check (what ``poptui check`` does, and the start after a change or a kill);
- a restore of a backup of the whole database (check the backup, keep the current files aside,
  stage the backup's files, switch them in).

Run: .venv/bin/python bench/bench_check.py [--db PATH]  (a few minutes on 2 cores, most of it generating)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from generate import generate
from workspace import Workspace

from poptui.services.backup import restore_backup
from poptui.services.health import check_database, verify_for_start
from poptui.store import Database
from poptui.store.backup import BackupReason, create_backup


def seconds(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="reuse or build the database here")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--years", type=int, default=5)
    options = parser.parse_args()
    with Workspace() as workspace:  # bench/.work/run-<pid>/, never /tmp; removed when the run ends
        if options.db is None:  # the cached generated database, as a linked copy this run may change
            folder = workspace.linked_copy(workspace.scale_database(options.employees, options.years), "db")
        else:
            folder = options.db
        measure(folder, options.employees, options.years)


def measure(folder: Path, employees: int, years: int) -> None:
    if not (folder / "poptui-db.json").exists():
        began = time.perf_counter()
        counts = generate(folder, employees, years)
        print(f"generated {counts.total} records in {time.perf_counter() - began:.1f} s ({folder})")
    database = Database.open(folder, actor="bench")
    first = verify_for_start(database)  # seals the manifest when the database was copied or is older
    print(f"first start ({'full check' if first.full else 'compare'}): healthy={first.healthy}")
    quick = [seconds(lambda: verify_for_start(database)) * 1000 for _ in range(20)]
    print(f"start check, nothing changed        p50 {statistics.median(quick):7.1f} ms   max {max(quick):7.1f} ms")
    print(f"full check (poptui check)           {seconds(lambda: check_database(database)):7.2f} s")
    backup = create_backup(database, BackupReason.MANUAL, folder.parent / "bench-backups")
    copy = folder.parent / "bench-restore"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy)
    print(f"restore of the whole database       {seconds(lambda: restore_backup(copy, backup)):7.2f} s")
    shutil.rmtree(copy, ignore_errors=True)


if __name__ == "__main__":
    main()
