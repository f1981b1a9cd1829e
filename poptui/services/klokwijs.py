"""Klokwijs (§5.9): the clock the employee tells the day on, and the day's time line.

The clock is drawn in the terminal as text: :func:`hand_cells` gives the cells each hand
covers for a time (pure geometry, tested on its own), :func:`clock_lines` draws the face with
its numbers, ring and hands, in Unicode or, on a terminal without it (TERM=linux, NO_COLOR),
in plain ASCII. A terminal cell is about twice as tall as wide, so the face is twice as wide
as it is high.

The day: :func:`step` moves the clock's time by minutes (around midnight), :func:`set_slot`
writes what happens at a time into a day (a slot left empty is removed), :func:`slot_at`
reads it back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from poptui.models.methods import ClockDay, ClockSlot

WIDTH = 23
HEIGHT = 11
Cell = tuple[int, int]
"""(column, row) from the top left of the face."""


@dataclass(frozen=True)
class Glyphs:
    ring: str
    hour: str
    minute: str
    centre: str


UNICODE = Glyphs(ring="·", hour="█", minute="•", centre="◉")
ASCII = Glyphs(ring=".", hour="#", minute="*", centre="O")


@dataclass(frozen=True)
class Hands:
    """The cells of the hour hand and of the minute hand (the centre belongs to neither)."""

    hour: frozenset[Cell]
    minute: frozenset[Cell]


def _point(angle_degrees: float, fraction: float, width: int, height: int) -> Cell:
    """The cell at ``fraction`` of the radius in the direction of ``angle`` (0 = 12 o'clock, clockwise)."""
    cx, cy = (width - 1) / 2, (height - 1) / 2
    angle = math.radians(angle_degrees)
    return round(cx + fraction * cx * math.sin(angle)), round(cy - fraction * cy * math.cos(angle))


def _ray(angle_degrees: float, length: float, width: int, height: int) -> frozenset[Cell]:
    centre = _point(0, 0, width, height)
    steps = 4 * max(width, height)
    cells = {_point(angle_degrees, length * step / steps, width, height) for step in range(1, steps + 1)}
    return frozenset(cells - {centre})


def hand_cells(hour: int, minute: int, width: int = WIDTH, height: int = HEIGHT) -> Hands:
    """The cells the hands cover at ``hour:minute`` (24-hour time; the face shows 12 hours)."""
    minute_angle = minute * 6.0
    hour_angle = (hour % 12) * 30.0 + minute * 0.5
    return Hands(hour=_ray(hour_angle, 0.5, width, height), minute=_ray(minute_angle, 0.8, width, height))


def clock_lines(
    hour: int, minute: int, *, ascii_only: bool = False, width: int = WIDTH, height: int = HEIGHT
) -> list[str]:
    """The clock face at ``hour:minute`` as ``height`` lines of ``width`` characters."""
    glyphs = ASCII if ascii_only else UNICODE
    grid = [[" "] * width for _row in range(height)]
    for step in range(120):
        column, row = _point(step * 3.0, 1.0, width, height)
        grid[row][column] = glyphs.ring
    for number in range(1, 13):
        column, row = _point(number * 30.0, 1.0 if number in (12, 6) else 0.82, width, height)
        text = str(number)
        start = column - (len(text) - 1 if number in (12, 10, 11) else 0)
        for offset, char in enumerate(text):
            if 0 <= start + offset < width:
                grid[row][start + offset] = char
    hands = hand_cells(hour, minute, width, height)
    for column, row in hands.minute - hands.hour:
        grid[row][column] = glyphs.minute
    for column, row in hands.hour:
        grid[row][column] = glyphs.hour
    cx, cy = _point(0, 0, width, height)
    grid[cy][cx] = glyphs.centre
    return ["".join(row) for row in grid]


# -- the day --------------------------------------------------------------------------------


def parse_time(text: str) -> tuple[int, int]:
    hour, _sep, minute = text.partition(":")
    return int(hour), int(minute)


def format_time(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def step(time: str, minutes: int) -> str:
    """``time`` (uu:mm) moved by ``minutes``, around midnight; the result is on a quarter hour
    when the step is a multiple of 15 (07:10 + 15 -> 07:15)."""
    hour, minute = parse_time(time)
    total = hour * 60 + minute
    if minutes % 15 == 0 and total % 15:  # first to the quarter hour in the direction of the step
        total -= total % 15
        if minutes > 0:
            total += 15
            minutes -= 15
        else:
            minutes += 15
    total = (total + minutes) % (24 * 60)
    return format_time(total // 60, total % 60)


def slot_at(day: ClockDay, time: str) -> ClockSlot | None:
    return next((slot for slot in day.slots if slot.time == time), None)


def set_slot(day: ClockDay, slot: ClockSlot) -> ClockDay:
    """The day with ``slot`` in place of what was at its time (time order kept); an empty slot
    removes that time from the day."""
    others = [item for item in day.slots if item.time != slot.time]
    slots = others if slot.is_empty() else [*others, slot]
    return day.model_copy(update={"slots": sorted(slots, key=lambda item: item.time)})
