"""Key-to-repaint of this checkout against another one (and the bare app), in turns, on one database.

    .venv/bin/python bench/keys_turns.py --base ../main --db bench/.work/db-2000x5 [--sessions 2] [--rounds 3]

``--base`` is another worktree of poptui with its own ``.venv`` (``pip install -e .``): the
checkout before a change. Each session runs bench_startup's key session (open the list, a filter
letter, open an employee, back to the list, back home; ``--rounds`` times) for each program in
turn: the base, this checkout, then the bare app (leave it out with ``--no-bare``). Both checkouts
are compiled to bytecode first, as an installed poptui is. The first round of a session is the
first open of each screen in that process (the cold figure); the medians take every round.
Prints every sample with the load average, then the medians; on a shared machine compare the
ratios of a run, not figures of different runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
from pathlib import Path

import bench_startup as startup
from workspace import BENCH, Workspace

HERE = BENCH.parent


def compile_checkout(root: Path) -> None:
    code = "import sys; sys.path.insert(0, 'bench'); from workspace import compile_sources; compile_sources()"
    subprocess.run([str(root / ".venv" / "bin" / "python"), "-c", code], cwd=root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True, help="the other checkout (a worktree with .venv)")
    parser.add_argument("--db", type=Path, required=True, help="the database (a linked copy is used)")
    parser.add_argument("--sessions", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-bare", action="store_true")
    options = parser.parse_args()
    base = options.base.resolve()
    for root in (base, HERE):
        compile_checkout(root)
    programs = {"base": base, "this": HERE}
    names = [*programs, *([] if options.no_bare else ["bare"])]
    samples: dict[str, dict[str, list[float]]] = {name: {step: [] for step in startup.KEY_STEPS} for name in names}
    with Workspace() as workspace:
        env = workspace.env()
        database = workspace.linked_copy(options.db, "db")
        for _session in range(options.sessions):
            for name in names:
                if name == "bare":
                    command = startup.bare_app("keys")
                else:
                    command = [str(programs[name] / ".venv" / "bin" / "poptui"), "--db", str(database)]
                found = startup.keys_session(command, env, options.rounds, timeout=1800)
                for step, values in found.items():
                    samples[name][step].extend(values)
                shown = "  ".join(f"{step} {[round(value) for value in values]}" for step, values in found.items())
                print(f"{name:<5} {shown}   load {os.getloadavg()[0]:.1f}", flush=True)
    for name in names:
        medians = "  ".join(f"{step} {statistics.median(values):.0f}" for step, values in samples[name].items())
        print(f"{name:<5} medians (ms): {medians}")
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
