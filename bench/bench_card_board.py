"""The card board: the time to store one move, and what the terminal receives per move and while idle.

1. Store: a Vaardighedenspel form III (66 skills: selection, frequency, fun, matrix, the rest) is
   played move by move in the demo database, storing the record after every move as the screen
   does; prints the median, p95 and worst save and the size of the record at the end (bar: a save
   p95 under 20 ms).
2. Terminal: the Kwaliteitenspel screen in a pseudo-terminal at 80x24; 20 moves (w: lay the card in
   play away), then 3 seconds idle; prints the bytes per move and the idle bytes (bar: nothing idle).

Run: .venv/bin/python bench/bench_card_board.py
"""

from __future__ import annotations

import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from poptui.catalog import shipped_decks
from poptui.models import DeckKind, MethodKind, MethodRecordBase, Trajectory, TrajectoryStatus
from poptui.models.card_games import VaardighedenspelRecord
from poptui.services import card_games, method_records, vaardighedenspel
from poptui.store import Database

BOARD_APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from poptui.app import PopApp
    from poptui.models import MethodKind, Trajectory, TrajectoryStatus
    from poptui.screens import navigation
    from poptui.store import Database

    class BoardApp(PopApp):
        def on_ready(self):
            trajectory = next(t for t in self.database.list(Trajectory) if t.status is TrajectoryStatus.ACTIVE)
            navigation.open_method(self, trajectory.employee_id, trajectory.id, MethodKind.KWALITEITENSPEL)

    BoardApp(Database.open(Path(sys.argv[1])), None, ask_coach=False).run()
    """
)


def store_moves(database: Database) -> tuple[list[float], int]:
    trajectory = next(t for t in database.list(Trajectory) if t.status is TrajectoryStatus.ACTIVE)
    deck = next(deck for deck in shipped_decks() if deck.kind is DeckKind.SKILLS)
    record = VaardighedenspelRecord(employee_id=trajectory.employee_id, trajectory_id=trajectory.id)
    record = card_games.start(record, "poptui:" + deck.id, deck.name, deck.cards, 5, form="III", with_frequency=True)
    keys = {"selectie": "1112", "frequentie": "1234", "plezier": "12345", "matrix": "123", "rest": "12"}
    times: list[float] = []
    for stage in vaardighedenspel.stages(record):
        record = vaardighedenspel.enter(record, stage.id)
        current = vaardighedenspel.stage(record)
        assert current is not None
        board = record.boards[stage.id]
        turn = 0
        while not current.complete(board):
            board = current.press(board, keys[stage.id][turn % len(keys[stage.id])])
            turn += 1
            started = time.perf_counter()
            record = method_records.save_record(database, card_games.with_board(record, stage.id, board))
            times.append(time.perf_counter() - started)
    [stored] = [r for r in database.list(MethodRecordBase, employee_id=trajectory.employee_id) if r.id == record.id]
    return times, len(stored.model_dump_json())


def store_small(database: Database, count: int) -> list[float]:
    """The baseline on this machine now: a small record (free notes) saved in the same dossier."""
    trajectory = next(t for t in database.list(Trajectory) if t.status is TrajectoryStatus.ACTIVE)
    record = method_records.find_or_new(
        database, employee_id=trajectory.employee_id, trajectory_id=trajectory.id, kind=MethodKind.KLOKWIJS
    )
    times = []
    for number in range(count):
        started = time.perf_counter()
        record = method_records.save_record(database, record.model_copy(update={"notes": f"Notitie {number}"}))
        times.append(time.perf_counter() - started)
    return times


def _percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"median {statistics.median(times) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, worst {max(times) * 1000:.1f} ms"


def _drain(fd: int, seconds: float) -> int:
    total = 0
    deadline = time.monotonic() + seconds
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return total
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return total
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return total
        total += len(chunk)


def terminal_bytes(folder: Path) -> tuple[float, int]:
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"})
        os.execv(sys.executable, [sys.executable, "-c", BOARD_APP, str(folder)])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    _drain(fd, 5.0)
    os.write(fd, b"\x13")  # ctrl+s: the options of a new game as they are
    _drain(fd, 2.0)
    moved = 0
    for _move in range(20):
        os.write(fd, b"w")
        moved += _drain(fd, 0.3)
    idle = _drain(fd, 3.0)
    os.write(fd, b"\x11")
    _drain(fd, 1.0)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return moved / 20, idle


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="poptui-cards-")) / "demo"
    subprocess.run([sys.executable, "-m", "poptui", "demo", "--db", str(folder)], check=True, capture_output=True)
    database = Database.open(folder)
    times, size = store_moves(database)
    baseline = store_small(database, len(times))
    print(f"store one move: {len(times)} moves, {_percentiles(times)} (bar p95 20 ms); record {size} bytes")
    print(f"baseline, a small record in the same dossier: {_percentiles(baseline)}")
    per_move, idle = terminal_bytes(folder)
    print(f"terminal: {per_move:.0f} bytes per move, {idle} bytes in 3 s idle (bar 0)")


if __name__ == "__main__":
    main()
