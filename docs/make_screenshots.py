"""The screenshots of docs/handleiding.md, made from the real screens (SVG, Textual's screenshot).

    python docs/make_screenshots.py           # write docs/img/*.svg again
    python docs/make_screenshots.py --check   # say which screenshots no longer match their screen

Every picture is taken at 80x24 on the demo database written for a fixed day (``DAY``, with
``poptui.clock`` frozen to it), as coach An De Smet, in the calm theme, so the same code gives
the same picture on any day. ``tests/docs/test_handleiding.py`` takes them all again and fails
when the text on a screen differs from the text in the picture (the text, not the bytes: the
SVG's ids and colours may change with Textual's version).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from html import unescape
from pathlib import Path

from textual.pilot import Pilot

DOCS = Path(__file__).resolve().parent
IMAGES = DOCS / "img"
DAY = date(2026, 3, 10)
"""The frozen day of every picture (a Tuesday)."""
SIZE = (80, 24)
SHOWN_DATA_HOME = "/home/an/.local/share"

Steps = Callable[[Pilot[None], "Demo"], Awaitable[None]]


@dataclass(frozen=True)
class Shot:
    name: str
    """The file in docs/img/ (without .svg)."""
    steps: Steps
    empty: bool = False
    """Taken on a new, empty database (the first run) instead of the demo."""


@dataclass(frozen=True)
class Demo:
    """Ids in the demo database that the steps need."""

    plan_trajectory_id: str
    trajectory_id: str
    employee_id: str
    moment_id: str
    measured_employee_id: str
    measured_trajectory_id: str
    cards_trajectory_id: str
    """Mohamed's trajectory with the demo's Kwaliteitenspel."""


@contextmanager
def frozen_clock() -> Iterator[None]:
    """``poptui.clock`` on ``DAY`` at half past nine while the pictures are taken."""
    from poptui import clock

    today, now = clock.today, clock.now
    clock.today = lambda: DAY  # type: ignore[assignment]
    clock.now = lambda: datetime.combine(DAY, time(9, 30))  # type: ignore[assignment]
    try:
        yield
    finally:
        clock.today, clock.now = today, now  # type: ignore[assignment]


async def _settle(pilot: Pilot[None]) -> None:
    for _ in range(3):
        await pilot.pause()


async def home(pilot: Pilot[None], demo: Demo) -> None:
    await _settle(pilot)


async def welcome(pilot: Pilot[None], demo: Demo) -> None:
    await _settle(pilot)


async def new_trajectory(pilot: Pilot[None], demo: Demo) -> None:
    await pilot.press("n")
    await _settle(pilot)
    await pilot.press("enter")  # the first employee without a running trajectory
    await _settle(pilot)


async def trajectory(pilot: Pilot[None], demo: Demo) -> None:
    from poptui.screens import navigation

    navigation.open_trajectory(pilot.app, demo.trajectory_id)
    await _settle(pilot)


async def contact_moment(pilot: Pilot[None], demo: Demo) -> None:
    from poptui.screens import navigation

    navigation.open_contact_moment(pilot.app, demo.employee_id, demo.moment_id)
    await _settle(pilot)


async def pop_plan(pilot: Pilot[None], demo: Demo) -> None:
    from poptui.screens import navigation

    navigation.open_pop(pilot.app, demo.plan_trajectory_id)
    await _settle(pilot)
    await pilot.press("2")  # the action plan
    await _settle(pilot)


async def competence_measurement(pilot: Pilot[None], demo: Demo) -> None:
    from poptui.screens import navigation

    from poptui.models import MethodKind

    navigation.open_method(
        pilot.app, demo.measured_employee_id, demo.measured_trajectory_id, MethodKind.COMPETENTIEMETING
    )
    await _settle(pilot)


async def card_game(pilot: Pilot[None], demo: Demo) -> None:
    from poptui.screens import navigation

    from poptui.models import MethodKind

    navigation.open_method(pilot.app, demo.measured_employee_id, demo.cards_trajectory_id, MethodKind.KWALITEITENSPEL)
    await _settle(pilot)
    await pilot.press("p")  # back from the distortions to the eight qualities
    await _settle(pilot)


async def method_help(pilot: Pilot[None], demo: Demo) -> None:
    await competence_measurement(pilot, demo)
    await pilot.press("f1")
    await _settle(pilot)


async def pop_in_five_minutes(pilot: Pilot[None], demo: Demo) -> None:
    await pilot.press("f1")
    await _settle(pilot)
    await pilot.press("p")
    await _settle(pilot)


async def compliance(pilot: Pilot[None], demo: Demo) -> None:
    await pilot.press("b")
    await _settle(pilot)
    for _ in range(20):  # worked out in a thread
        await pilot.pause(0.1)
        await pilot.app.workers.wait_for_complete()
    await _settle(pilot)


async def month_report(pilot: Pilot[None], demo: Demo) -> None:
    await pilot.press("m")
    await _settle(pilot)


async def high_contrast(pilot: Pilot[None], demo: Demo) -> None:
    await pilot.press("f9")
    await _settle(pilot)
    pilot.app.clear_notifications()
    await _settle(pilot)


SHOTS = (
    Shot("welkom", welcome, empty=True),
    Shot("startscherm", home),
    Shot("nieuw-traject", new_trajectory),
    Shot("traject", trajectory),
    Shot("contactmoment", contact_moment),
    Shot("actieplan", pop_plan),
    Shot("competentiemeting", competence_measurement),
    Shot("kaartspel", card_game),
    Shot("hulp-methodiek", method_help),
    Shot("pop-in-vijf-minuten", pop_in_five_minutes),
    Shot("wat-ontbreekt", compliance),
    Shot("maandrapport", month_report),
    Shot("hoog-contrast", high_contrast),
)


def _demo_ids(database_path: Path) -> Demo:
    from poptui.models import (
        CompetentiemetingRecord,
        ContactMoment,
        ContactMomentStatus,
        Employee,
        MethodKind,
        MethodRecordBase,
        PopDocument,
        Trajectory,
    )
    from poptui.store import Database

    database = Database.open(database_path)
    employees = {employee.full_name: employee for employee in database.list(Employee)}
    ines = employees["Inès Van den Broeck"]
    trajectory = next(t for t in database.list(Trajectory) if t.employee_id == ines.id and t.status.value == "actief")
    moments = sorted(database.list(ContactMoment, employee_id=ines.id), key=lambda moment: moment.number)
    held = [moment for moment in moments if moment.status is ContactMomentStatus.HELD]
    mohamed = employees["Mohamed El Amrani"]
    measured = database.list(CompetentiemetingRecord, employee_id=mohamed.id)
    documents = [
        document for employee in employees.values() for document in database.list(PopDocument, employee_id=employee.id)
    ]
    planned = max(documents, key=lambda document: (len(document.actions), document.trajectory_id))
    return Demo(
        plan_trajectory_id=planned.trajectory_id,
        trajectory_id=trajectory.id,
        employee_id=ines.id,
        moment_id=held[-1].id,
        measured_employee_id=mohamed.id,
        measured_trajectory_id=max(measured, key=lambda record: record.date or DAY).trajectory_id,
        cards_trajectory_id=database.list(MethodRecordBase, employee_id=mohamed.id, kind=MethodKind.KWALITEITENSPEL)[
            0
        ].trajectory_id,
    )


async def _take(shot: Shot, database_path: Path, demo: Demo) -> str:
    from poptui.screens.themes import CALM

    from poptui.app import PopApp
    from poptui.models import Person
    from poptui.store import Database

    database = Database.open(database_path)
    coach = next((person for person in database.list(Person) if person.login == "an"), None)
    app = PopApp(database, coach, ask_coach=shot.empty)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = CALM
        await shot.steps(pilot, demo)
        app.clear_notifications() if shot.name != "welkom" else None
        await _settle(pilot)
        return app.export_screenshot(title=f"poptui: {shot.name}")


def render(names: set[str] | None = None) -> dict[str, str]:
    """Every screenshot (or those named) as SVG text, on a fresh demo database."""
    import os

    from poptui.demo import write_demo
    from poptui.i18n import set_language
    from poptui.store import Database

    set_language("nl")
    pictures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="poptui-docs-") as folder, frozen_clock():
        saved = {key: os.environ.get(key) for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "USER", "NO_COLOR")}
        # The data folder is only shown (the month's package names where it will go), never written.
        os.environ.update({"XDG_CONFIG_HOME": f"{folder}/config", "XDG_DATA_HOME": SHOWN_DATA_HOME, "USER": "an"})
        os.environ.pop("NO_COLOR", None)
        try:
            demo_path, empty_path = Path(folder) / "demo", Path(folder) / "empty"
            write_demo(Database.create(demo_path, actor="demo"), today=DAY)
            Database.create(empty_path, actor="an")
            demo = _demo_ids(demo_path)
            for shot in SHOTS:
                if names is None or shot.name in names:
                    work = Path(folder) / f"work-{shot.name}"
                    shutil.copytree(empty_path if shot.empty else demo_path, work)
                    pictures[shot.name] = asyncio.run(_take(shot, work, demo))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    return pictures


_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', re.DOTALL)


CHAR_WIDTH = 12.2
"""Width of a cell in Rich's SVG export (20 px characters, aspect ratio 0.61)."""


def svg_text(svg: str) -> list[str]:
    """The text on the screen in a screenshot, line by line (what a coach reads, not how it is coloured)."""
    rows: dict[float, dict[int, str]] = {}
    for x, y, content in _TEXT.findall(svg):
        cells = rows.setdefault(float(y), {})
        column = round(float(x) / CHAR_WIDTH)
        for offset, char in enumerate(unescape(re.sub(r"<[^>]+>", "", content)).replace("\xa0", " ")):
            cells[column + offset] = char
    return [
        "".join(cells.get(column, " ") for column in range(max(cells) + 1)).rstrip() if cells else ""
        for _y, cells in sorted(rows.items())
    ]


def stale(pictures: dict[str, str]) -> list[str]:
    """The screenshots in docs/img whose text differs from the screen's (or that are missing)."""
    out = []
    for name, svg in pictures.items():
        path = IMAGES / f"{name}.svg"
        if not path.exists() or svg_text(path.read_text(encoding="utf-8")) != svg_text(svg):
            out.append(name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots for docs/handleiding.md")
    parser.add_argument("--check", action="store_true", help="only report screenshots that no longer match")
    parser.add_argument("names", nargs="*", help="only these screenshots")
    options = parser.parse_args(argv)
    pictures = render(set(options.names) or None)
    if options.check:
        old = stale(pictures)
        for name in old:
            print(f"docs/img/{name}.svg no longer matches its screen")
        return 1 if old else 0
    IMAGES.mkdir(exist_ok=True)
    for name, svg in pictures.items():
        (IMAGES / f"{name}.svg").write_text(svg, encoding="utf-8")
        print(f"docs/img/{name}.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main())
