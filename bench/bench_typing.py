"""Bytes the terminal receives per keystroke, and while idle: a form field against a bare Input.

Runs each app in a pseudo-terminal at 80x24, waits until its first screen is painted, types
20 characters one by one, then stays idle for 3 seconds, and counts the bytes the app wrote.

Run: .venv/bin/python bench/bench_typing.py
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

BARE_INPUT = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import Footer, Header, Input

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input()
            yield Footer()

    Bare().run()
    """
)

POPTUI_FORM = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from poptui.app import PopApp
    from poptui.screens.employee_form import EmployeeForm
    from poptui.store import Database

    class FormApp(PopApp):
        def on_ready(self):  # after PopApp's own on_mount (Textual runs the handler of every class)
            self.push_screen(EmployeeForm())

    FormApp(Database.open(Path(sys.argv[1])), None, ask_coach=False).run()
    """
)


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


def measure(code: str, *args: str) -> tuple[float, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child becomes the app
        os.environ.update({"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"})
        os.execv(sys.executable, [sys.executable, "-c", code, *args])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    _drain(fd, 4.0)  # start-up and first paint
    typed = 0
    for char in "Vandenbroeckmedewerk":
        os.write(fd, char.encode())
        typed += _drain(fd, 0.15)
    idle = _drain(fd, 3.0)
    os.write(fd, b"\x11")  # ctrl+q
    _drain(fd, 1.0)
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return typed / 20, idle


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="poptui-typing-")) / "demo"
    subprocess.run([sys.executable, "-m", "poptui", "demo", "--db", str(folder)], check=True, capture_output=True)
    bare_keystroke, bare_idle = measure(BARE_INPUT)
    form_keystroke, form_idle = measure(POPTUI_FORM, str(folder))
    print(f"bare Textual Input   {bare_keystroke:7.0f} bytes per keystroke, {bare_idle:6d} bytes in 3 s idle")
    print(
        f"poptui employee form {form_keystroke:7.0f} bytes per keystroke, {form_idle:6d} bytes in 3 s idle "
        f"({form_keystroke / bare_keystroke:.2f}x; bar 1.1x)"
    )


if __name__ == "__main__":
    main()
