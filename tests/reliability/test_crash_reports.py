"""No traceback ever reaches the coach, and no personal data reaches a crash report.

The attack: a damaged dossier crashed the app with a long traceback whose local variables held
other employees' names and notes. Now Textual's crash output (PopApp._handle_exception),
Python's (sys.excepthook, threading.excepthook) and the command line's (cli.main) are a short
Dutch message naming an owner-only crash report that holds exception types and code lines only.
"""

from __future__ import annotations

import os
import pty
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_files import employees_file
from textual.widgets import Static

from poptui import crash
from poptui.app import PopApp
from poptui.cli import main
from poptui.models import Employee
from poptui.store import Database

SECRET_NAME = "Jozefien Geheimnaam"
SECRET_NOTE = "psychische klachten sinds de scheiding"


def _crash_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "xdg-data" / "poptui" / "crashes").glob("poptui-crash-*.txt"))


def _fail_with_personal_data() -> None:
    employee = {"name": SECRET_NAME, "notes": SECRET_NOTE}  # noqa: F841 - a local a traceback would show
    raise KeyError(f"{SECRET_NAME}: {SECRET_NOTE}")


def _assert_clean_report(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert SECRET_NAME not in text and SECRET_NOTE not in text
    assert "KeyError" in text and "_fail_with_personal_data" in text  # enough for a developer
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    return text


def test_the_report_holds_types_and_code_lines_never_values(tmp_path: Path) -> None:
    from pydantic import ValidationError

    try:
        try:
            Employee.model_validate({"first_name": SECRET_NAME, "last_name": 5, "organisation_id": SECRET_NOTE})
        except ValidationError as error:
            raise RuntimeError(f"laden mislukt voor {SECRET_NAME}") from error
    except RuntimeError as error:
        text = crash.describe(error)
    assert "pydantic_core._pydantic_core.ValidationError" in text and "builtins.RuntimeError" in text
    assert SECRET_NAME not in text and SECRET_NOTE not in text
    try:
        _fail_with_personal_data()
    except KeyError as error:
        path = crash.write_report(error)
    assert path is not None and path.parent == tmp_path / "xdg-data" / "poptui" / "crashes"
    _assert_clean_report(path)


def test_an_unexpected_error_in_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: Database
) -> None:
    from poptui.cli import list_command

    monkeypatch.setattr(list_command, "run_list", lambda _options: _fail_with_personal_data())
    assert main(["list", "employees", "--db", str(db.path)]) == 70
    err = capsys.readouterr().err
    assert "onverwachte fout" in err and "Traceback" not in err and SECRET_NAME not in err
    [report] = _crash_files(tmp_path)
    assert str(report) in err
    _assert_clean_report(report)


def test_python_and_thread_crashes_go_through_the_hook(tmp_path: Path) -> None:
    environment = os.environ | {"XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    for code in (
        f"from poptui.crash import install_hooks\ninstall_hooks()\nnaam = {SECRET_NAME!r}\nraise RuntimeError(naam)\n",
        "import threading\nfrom poptui.crash import install_hooks\ninstall_hooks()\n"
        f"def werk(naam={SECRET_NAME!r}):\n    raise ValueError(naam)\n"
        "thread = threading.Thread(target=werk)\nthread.start()\nthread.join()\n",
    ):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=60)
        assert "Traceback" not in done.stderr and SECRET_NAME not in done.stderr, done.stderr
        assert "onverwachte fout" in done.stderr
    reports = _crash_files(tmp_path)
    assert len(reports) == 2
    for report in reports:
        assert SECRET_NAME not in report.read_text()


class _CrashingApp(PopApp):
    """Crashes on a key, with other employees' data in its local variables."""

    BINDINGS = [("x", "crash", "crash")]

    def compose(self):
        yield Static("klaar")

    def on_mount(self) -> None:
        pass

    def action_crash(self) -> None:
        names = [employee.full_name for employee in self.database.list(Employee)]  # noqa: F841
        _fail_with_personal_data()


async def test_a_crash_in_the_app_shows_a_dutch_message_not_a_traceback(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _CrashingApp(demo_db, None, ask_coach=False)
    with pytest.raises(KeyError):  # Pilot re-raises the app's exception for the test
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("x")
            await pilot.pause()
    assert app.return_code == crash.EXIT_CODE
    shown = capsys.readouterr().err  # what Textual prints on exit
    assert "onverwachte fout" in shown and "Traceback" not in shown and SECRET_NAME not in shown
    [report] = _crash_files(tmp_path)
    text = _assert_clean_report(report)
    for employee in demo_db.list(Employee):
        assert employee.full_name not in text


def _read_all(fd: int, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.skipif(not hasattr(os, "forkpty") or sys.platform != "linux", reason="needs a pty")
def test_a_real_app_crash_in_a_terminal_prints_no_traceback(demo_db: Database, tmp_path: Path) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes poptui
        os.environ.update(
            {
                "TERM": "xterm",
                "COLUMNS": "80",
                "LINES": "24",
                "NO_COLOR": "1",
                "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
            }
        )
        code = (
            "from poptui.app import PopApp\n"
            "from poptui.store import Database\n"
            "from poptui.models import Employee\n"
            f"db = Database.open({str(demo_db.path)!r}, actor='tester')\n"
            "class App(PopApp):\n"
            "    def on_mount(self):\n"
            "        names = [e.full_name for e in self.database.list(Employee)]\n"
            f"        notes = {SECRET_NOTE!r}\n"
            "        raise KeyError(names[0])\n"
            "app = App(db, None, ask_coach=False)\n"
            "app.run()\n"
            "raise SystemExit(app.return_code)\n"
        )
        os.execv(sys.executable, [sys.executable, "-c", code])
    try:
        output = b""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            finished, status = os.waitpid(pid, os.WNOHANG)
            output += _read_all(fd, 0.5)
            if finished:
                break
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the app did not stop")
        output += _read_all(fd, 1)
    finally:
        os.close(fd)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == crash.EXIT_CODE
    assert "onverwachte fout" in text, text[-2000:]
    assert "Traceback" not in text and SECRET_NOTE not in text and "Van den Broeck" not in text
    [report] = _crash_files(tmp_path)
    _assert_clean_report_without(report, "Van den Broeck")


def _assert_clean_report_without(path: Path, name: str) -> None:
    text = path.read_text()
    assert name not in text and SECRET_NOTE not in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_output_closed_by_head_stops_quietly(demo_db: Database) -> None:
    for args in (["list", "employees"], ["list", "trajectories", "--json"], ["--help"]):
        process = subprocess.Popen(
            [sys.executable, "-m", "poptui", *args, "--db", str(demo_db.path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| head -0`: the reader is gone before poptui writes
        err = process.stderr.read().decode()
        code = process.wait(timeout=60)
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
        assert code in (0, 141), (args, code, err)


async def test_a_file_damaged_while_the_app_runs_is_said_in_dutch_without_a_crash_report(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a bug in poptui but a file that changed under it (damaged, or made unreadable, by something else):
    the app stops with what `poptui check` would say and exit code 2, not "onverwachte fout" and a report."""
    from poptui.store import DatabaseDamaged

    app = PopApp(demo_db, None, ask_coach=False)
    with pytest.raises(DatabaseDamaged):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shard = employees_file(demo_db.path)
            shard.write_bytes(b"\x00 afgebroken")
            await pilot.press("w")  # the employee list reads the employees' shards
            await pilot.pause()
            await pilot.pause()
    assert app.return_code == 2
    shown = capsys.readouterr().err.replace("\n", "")  # Rich wraps at 80 columns, also inside a path
    assert "poptui is gestopt" in shown and f"employees/{shard.name}" in shown and "beschadigd" in shown
    assert "onverwachte fout" not in shown and "Traceback" not in shown
    assert _crash_files(tmp_path) == []


def test_a_terminal_that_goes_away_leaves_no_crash_report(demo_db: Database, tmp_path: Path) -> None:
    """The re-run of the attack: every closed window or dropped SSH connection (the pty hung up under a
    running app) left a crash report, Textual's output thread failing to write (OSError EIO)."""
    import signal
    import threading

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes poptui
        os.environ.update(
            {"TERM": "xterm", "COLUMNS": "80", "LINES": "24", "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
        )
        os.execv(sys.executable, [sys.executable, "-m", "poptui", "--db", str(demo_db.path)])
    output = b""
    deadline = time.monotonic() + 90
    while output.count(b"\x1b[24;1H") < 2 and time.monotonic() < deadline:  # the first screens are drawn
        output += _read_all(fd, 0.5)
    assert output.count(b"\x1b[24;1H") >= 2, output[-500:]
    os.close(fd)  # the terminal is gone
    guard = threading.Timer(60, os.kill, (pid, signal.SIGKILL))  # a hung poptui fails the test, never hangs it
    guard.start()
    _pid, status = os.waitpid(pid, 0)
    guard.cancel()
    assert os.WIFEXITED(status) or os.WTERMSIG(status) != signal.SIGKILL, "poptui did not stop without its terminal"
    assert _crash_files(tmp_path) == []


def test_only_the_output_thread_losing_its_terminal_is_left_unreported() -> None:
    import errno
    import threading

    output = threading.Thread(name="textual-output")
    other = threading.Thread(name="import")
    assert crash.terminal_gone(output, OSError(errno.EIO, "Input/output error"))
    assert not crash.terminal_gone(other, OSError(errno.EIO, "Input/output error"))
    assert not crash.terminal_gone(output, OSError(errno.ENOSPC, "No space left on device"))
    assert not crash.terminal_gone(output, ValueError("x"))
