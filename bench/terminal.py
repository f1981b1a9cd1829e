"""Run a program in a real pseudo-terminal at 80x24 and watch what it writes, as a coach's terminal would.

:class:`Terminal` starts a command on a new pty (TERM=xterm-256color unless told otherwise),
reads everything the program writes, and offers what the benchmarks need:

- ``wait_for(pattern)``: time until the screen shows a text it did not show at the mark (a
  pyte screen follows the output, so a footer key or a row of a table can be found);
- ``settle(quiet)``: wait until nothing was written for ``quiet`` seconds and return when
  the text on the screen last changed (a pyte screen follows the output, so a blinking
  cursor, which repaints a cell with the same character, is no repaint);
- ``send(keys)`` with the time it was sent, bytes written since then;
- ``peak_rss_mb()``: the process's peak resident memory (VmHWM) so far;
- ``close()``: ctrl+q, then SIGTERM, then SIGKILL to the whole process group.

Everything has a timeout; a process is never left behind (``with Terminal(...)``).
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pyte

COLUMNS, LINES = 80, 24


class TerminalTimeout(RuntimeError):
    """What was awaited did not come in time; the message says what was seen last."""


class Terminal:
    def __init__(
        self,
        command: Sequence[str],
        *,
        env: dict[str, str],
        cwd: Path | None = None,
        columns: int = COLUMNS,
        lines: int = LINES,
    ) -> None:
        self.command = list(command)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.fd = master
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            self.command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)} | env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=_take_terminal,  # the only way to give the child its controlling tty
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self.last_byte_at = self.started
        self._chunks: list[tuple[float, int]] = []  # (time read, end offset in output)
        self._screen = pyte.Screen(columns, lines)
        self._stream = pyte.ByteStream(self._screen)
        self._fed = 0
        self._text = ""
        self._text_changed_at = self.started
        self._mark = 0
        self._mark_text = ""
        self._closed = False

    # -- reading ------------------------------------------------------------------------------

    def _read(self, timeout: float) -> int:
        """Read what is there (waiting up to ``timeout``); the number of bytes read."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return 0
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # the program ended and closed the terminal
            chunk = b""
        if not chunk:
            if self.process.poll() is not None:
                raise TerminalTimeout(
                    f"{self.command[0]} ended (exit {self.process.returncode}); the screen:\n{self.screen()}"
                )
            return 0
        self.output += chunk
        self.last_byte_at = time.perf_counter()
        self._chunks.append((self.last_byte_at, len(self.output)))
        return len(chunk)

    def mark(self) -> float:
        """Look for text only in output written from now on; returns the time."""
        self._drain()
        self._catch_up()
        self._mark = len(self.output)
        self._mark_text = self._text
        self._text_changed_at = time.perf_counter()
        return self._text_changed_at

    def _drain(self) -> None:
        while self._read(0):
            pass

    def bytes_since_mark(self) -> int:
        return len(self.output) - self._mark

    def screen(self) -> str:
        """The text on the screen now (empty lines left out): for messages."""
        self._catch_up()
        return "\n".join(line.rstrip() for line in self._screen.display if line.strip())

    def wait_for(self, pattern: str | re.Pattern[str], timeout: float) -> float:
        """Wait until the screen shows a match of ``pattern`` it did not show at the mark.

        Returns when the output that painted it was read. "Did not show": a count line
        "577 van 1875" after a filter letter is a new match, the "1875 van 1875" that was
        already there is not, however often the app repaints it.
        """
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        before = {match.group(0) for match in regex.finditer(self._mark_text)}

        def new_match(text: str) -> bool:
            return any(match.group(0) not in before for match in regex.finditer(text))

        if new_match(self._text):
            return self._text_changed_at
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TerminalTimeout(f"{regex.pattern!r} not seen in {timeout:.0f} s; the screen:\n{self.screen()}")
            if self._read(min(remaining, 0.5)):
                self._drain()
                found = self._catch_up(new_match)
                if found is not None:
                    return found

    def settle(self, quiet: float, timeout: float) -> float:
        """Wait until the screen's text has not changed for ``quiet`` seconds; returns when it last changed.

        Only output since the mark counts, and only what changes the text on the screen: a
        blinking cursor repaints a cell with the same character, which is no repaint here.
        The screen is brought up to date only when the output pauses (or every ``quiet``
        seconds), so reading, and the time each byte is seen, is not slowed down by it.
        """
        deadline = time.perf_counter() + timeout
        evaluated = time.perf_counter()
        while True:
            got = self._read(quiet)
            now = time.perf_counter()
            if not got or now - evaluated >= quiet:
                self._catch_up()
                evaluated = now
                if now - self._text_changed_at >= quiet:
                    return self._text_changed_at
            if now > deadline:
                raise TerminalTimeout(f"the screen did not settle in {timeout:.0f} s")

    def _catch_up(self, check: Callable[[str], bool] | None = None) -> float | None:
        """Feed the output read so far to the screen; note when its text last changed.

        With ``check``: the time of the first chunk after which the screen's text passes it.
        """
        found = None
        for at, end in self._chunks:
            if end <= self._fed:
                continue
            self._stream.feed(bytes(self.output[self._fed : end]))
            self._fed = end
            text = "\n".join(self._screen.display)
            if text != self._text:
                self._text = text
                self._text_changed_at = at
                if check is not None and found is None and check(text):
                    found = at
        self._chunks.clear()
        return found

    def count_bytes(self, seconds: float) -> int:
        """Bytes written in the next ``seconds``."""
        before = len(self.output)
        deadline = time.perf_counter() + seconds
        while (remaining := deadline - time.perf_counter()) > 0:
            self._read(remaining)
        return len(self.output) - before

    # -- writing, memory, stopping -------------------------------------------------------------

    def send(self, keys: str | bytes) -> float:
        """Type ``keys`` (text, or raw bytes such as b'\\r' for Enter); returns when they were sent."""
        self.mark()
        data = keys.encode() if isinstance(keys, str) else keys
        sent = time.perf_counter()
        self._text_changed_at = sent
        os.write(self.fd, data)
        return sent

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the process so far (VmHWM), in MB (10^6 bytes)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kilobytes = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
        return kilobytes * 1024 / 1e6

    def close(self, quit_keys: bytes = b"\x11") -> None:
        """Ask the program to quit (ctrl+q), then end its process group; never leaves it running."""
        if self._closed:
            return
        self._closed = True
        try:
            if self.process.poll() is None:
                try:
                    os.write(self.fd, quit_keys)
                except OSError:
                    pass
                deadline = time.perf_counter() + 3
                while self.process.poll() is None and time.perf_counter() < deadline:
                    try:
                        self._read(0.1)
                    except TerminalTimeout:
                        break
            for sig in (signal.SIGTERM, signal.SIGKILL):
                if self.process.poll() is not None:
                    break
                try:
                    os.killpg(self.process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.process.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    continue
        finally:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _take_terminal() -> None:
    """In the child, after setsid: make the pty on stdin its controlling terminal."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
