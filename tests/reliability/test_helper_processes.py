"""Helper processes end with the process that started them, even when it is killed (SIGKILL).

A ``poptui check`` or restore killed while its helpers validated dossiers left them waiting on their
queue for good, holding memory and the database's files: two per killed run of the restore soak,
still there an hour later. Each test here kills a process while its helpers work and waits until
every helper has ended (a generous deadline: a liveness wait, not a timing).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from poptui.services import health, helper_processes
from poptui.services.helper_processes import end_with_parent
from poptui.store import Database

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform != "linux", reason="fork, SIGKILL and /proc")

DEADLINE = 20.0
"""Seconds a killed process's helpers are given to end (they end within a second or two)."""


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting for its reaper has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _wait_until_ended(pids: list[int]) -> list[int]:
    """The pids still running after :data:`DEADLINE` seconds (empty: all ended)."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        left = [pid for pid in pids if _running(pid)]
        if not left:
            return []
        time.sleep(0.05)
    return [pid for pid in pids if _running(pid)]


def _kill_after_helpers_start(child: int, pid_file: Path, count: int) -> list[int]:
    """Wait until ``count`` helpers have written their pid, SIGKILL ``child``, reap it; the pids."""
    end = time.monotonic() + DEADLINE
    pids: list[int] = []
    while time.monotonic() < end:
        pids = [int(line) for line in pid_file.read_text().split()] if pid_file.exists() else []
        if len(pids) >= count:
            break
        time.sleep(0.02)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    assert len(pids) >= count, f"only {len(pids)} helpers started"
    return pids


def _note_pid(pid_file: Path) -> None:
    with pid_file.open("a") as handle:
        handle.write(f"{os.getpid()}\n")


def _sleeping_task(pid_file: str) -> None:
    _note_pid(Path(pid_file))
    time.sleep(600)


@pytest.mark.parametrize("kernel", [True, False], ids=["prctl", "watching thread"])
def test_pool_helpers_end_when_the_process_that_made_them_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel: bool
) -> None:
    if not kernel:  # as on a system without PR_SET_PDEATHSIG: the helper's thread looks for its parent
        monkeypatch.setattr(helper_processes, "_kill_on_parent_death", lambda: False)
        monkeypatch.setattr(helper_processes, "WATCH_SECONDS", 0.05)
    pid_file = tmp_path / "helpers"
    child = os.fork()
    if child == 0:  # pragma: no cover - killed by the test
        try:
            import multiprocessing

            pool = ProcessPoolExecutor(
                max_workers=2,
                mp_context=multiprocessing.get_context("fork"),
                initializer=end_with_parent,
                initargs=(os.getpid(),),
            )
            for _ in range(2):
                pool.submit(_sleeping_task, str(pid_file))
            time.sleep(600)
        finally:
            os._exit(0)
    helpers = _kill_after_helpers_start(child, pid_file, 2)
    assert _wait_until_ended(helpers) == [], "helpers outlived the process that made them"


def test_a_killed_check_leaves_no_helper_behind(demo_db: Database, tmp_path: Path) -> None:
    """``check`` on several cores, killed while its helpers validate the dossiers (made slow here):
    the helpers end with it. Before, they waited on their queue for good."""
    if len(os.sched_getaffinity(0)) < 2:  # the forked child has one thread: it forks helpers on two cores
        pytest.skip("the check forks helpers only on two cores or more")
    pid_file = tmp_path / "helpers"
    child = os.fork()
    if child == 0:  # pragma: no cover - killed by the test
        try:
            health.WHOLE_FILES_FROM = health.PARALLEL_FROM = 1
            real_end_with_parent = health.end_with_parent

            def noted(parent: int) -> None:
                real_end_with_parent(parent)
                _note_pid(pid_file)

            def slow(employee_id: str) -> None:
                time.sleep(600)

            health.end_with_parent = noted  # type: ignore[assignment]
            health._check_whole_in_helper = slow  # type: ignore[assignment]
            health._check_in_helper = slow  # type: ignore[assignment]
            health.check_database(Database.open(demo_db.path, actor="tester"))
        finally:
            os._exit(0)
    helpers = _kill_after_helpers_start(child, pid_file, 2)
    assert _wait_until_ended(helpers) == [], "the check's helpers outlived it"
