"""A pytest plugin that records the CPU seconds of every test (setup, call and teardown, with
the child processes it waited for), conftest-free so it measures any checkout the same way.

    PYTHONPATH=bench .venv/bin/python -m pytest -p pytest_cpu --cpu-out=cpu.tsv
    python bench/pytest_cpu.py cpu.tsv        # the top tests and the totals per module

Each xdist worker appends ``nodeid<TAB>cpu seconds<TAB>wall seconds`` lines to the file (one
``write`` per line, so the workers' lines never mix). CPU seconds, not wall time, because the
machine is shared: wall time measures the other engineers as much as the test.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Generator
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--cpu-out", default=None, help="append each test's CPU seconds to this file")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Any) -> Generator[None, None, None]:
    out = item.config.getoption("--cpu-out")
    if not out:
        yield
        return
    cpu, wall = _cpu(), time.perf_counter()
    yield
    line = f"{item.nodeid}\t{_cpu() - cpu:.3f}\t{time.perf_counter() - wall:.3f}\n"
    fd = os.open(out, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def main(path: str, top: int = 15) -> None:
    rows = []
    for line in open(path, encoding="utf-8"):
        nodeid, cpu, wall = line.rstrip("\n").split("\t")
        rows.append((nodeid, float(cpu), float(wall)))
    modules: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for nodeid, cpu, wall in rows:
        module = modules[nodeid.split("::")[0]]
        module[0] += cpu
        module[1] += wall
        module[2] += 1
    print(f"{len(rows)} tests, {sum(r[1] for r in rows):.1f} CPU s in tests")
    print(f"\ntop {top} tests by CPU seconds:")
    for nodeid, cpu, wall in sorted(rows, key=lambda r: -r[1])[:top]:
        print(f"{cpu:8.2f} {wall:8.2f}  {nodeid}")
    print(f"\ntop {top} modules by CPU seconds:")
    for name, (cpu, _wall, count) in sorted(modules.items(), key=lambda m: -m[1][0])[:top]:
        print(f"{cpu:8.1f} {int(count):5d}  {name}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15)
