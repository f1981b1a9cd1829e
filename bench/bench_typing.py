"""Bytes the terminal receives per keystroke, and while idle: a poptui form against a bare Input.

Over SSH every byte counts. Each app runs in a pseudo-terminal at 80x24 (bench/terminal.py).
poptui is driven as a coach would, on a fresh copy of the demo database (no drafts of an
earlier round): home screen, ``w`` for the employee list, F3 for a new employee: the form. Then 20 characters are typed one by one (each until the output is
quiet for a moment) and the app is left alone for :data:`IDLE` seconds; the bytes written
are counted. poptui's home screen and employee list are left idle too: nothing should be
sent while the coach does nothing.

Run alone: .venv/bin/python bench/bench_typing.py
"""

from __future__ import annotations

from pathlib import Path

from bench_startup import HOME_MARKER, LIST_MARKER, bare_app, poptui_app
from terminal import Terminal
from workspace import Workspace

TYPED = "Vandenbroeckmedewerk"
IDLE = 3.0
TIMEOUT = 120.0
FORM_MARKER = "Opslaan"
"""On every form's footer (ctrl+s)."""


def _type(terminal: Terminal) -> float:
    """Bytes per keystroke over :data:`TYPED`."""
    total = 0
    for char in TYPED:
        terminal.send(char)
        terminal.settle(0.15, TIMEOUT)
        total += terminal.bytes_since_mark()
    return total / len(TYPED)


def bare_input(env: dict[str, str]) -> dict[str, float]:
    with Terminal(bare_app("input"), env=env) as terminal:
        terminal.wait_for("Stoppen", TIMEOUT)
        terminal.settle(1.0, TIMEOUT)
        per_key = _type(terminal)
        return {"per_key": per_key, "idle_form": terminal.count_bytes(IDLE)}


def poptui_form(database: Path, env: dict[str, str]) -> dict[str, float]:
    with Terminal(poptui_app(database), env=env) as terminal:
        terminal.wait_for(HOME_MARKER, TIMEOUT)
        terminal.settle(1.0, TIMEOUT)
        idle_home = terminal.count_bytes(IDLE)
        terminal.send("w")
        terminal.wait_for(LIST_MARKER, TIMEOUT)
        terminal.settle(1.0, TIMEOUT)
        idle_list = terminal.count_bytes(IDLE)
        terminal.send(b"\x1bOR")  # F3: a new employee (a letter in the list's filter field is text)
        terminal.wait_for(FORM_MARKER, TIMEOUT)
        terminal.settle(1.0, TIMEOUT)
        per_key = _type(terminal)
        idle_form = terminal.count_bytes(IDLE)
        return {"per_key": per_key, "idle_form": idle_form, "idle_home": idle_home, "idle_list": idle_list}


def main() -> None:
    with Workspace() as workspace:
        env = workspace.env()
        bare = bare_input(env)
        ours = poptui_form(workspace.linked_copy(workspace.demo_database(), "typing"), env)
    print(
        f"bare Textual Input   {bare['per_key']:5.0f} bytes per keystroke, {bare['idle_form']:.0f} bytes in {IDLE:.0f} s idle"
    )
    print(
        f"poptui employee form {ours['per_key']:5.0f} bytes per keystroke ({ours['per_key'] / bare['per_key']:.2f}x), "
        f"idle {IDLE:.0f} s: form {ours['idle_form']:.0f}, home {ours['idle_home']:.0f}, list {ours['idle_list']:.0f} bytes"
    )


if __name__ == "__main__":
    main()
