"""Large text and small pictures drawn with half-block characters, for the employee beside the coach.

- :func:`big_text`: a card's text in letters several lines high, rendered with Pillow from the
  DejaVu Sans Bold that poptui ships for its PDFs, drawn with ``▀ ▄ █`` (shapes, not colours:
  they read the same without colour), and with ``' . #`` where the terminal shows ASCII only.
  None when the text does not fit: the caller then shows the text as it is, bold and centred.
- :func:`picture`: an image file as coloured half blocks (each cell two pixels high), or None
  when the terminal cannot show it (:func:`~.terminal.can_show_images`) or the file cannot be read.

Pillow comes with fpdf2 (a dependency already); it is imported on first use only.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from poptui.screens.widgets.terminal import ascii_only, can_show_images
from rich.style import Style
from rich.text import Text

from poptui.resources import data_path

MAX_IMAGE_PIXELS = 40_000_000


@cache
def _font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(data_path("fonts", "DejaVuSans-Bold.ttf")), size)


def _lines_of(text: str, width: int, measure: Any) -> list[str] | None:
    """``text`` wrapped at spaces so each line measures at most ``width``; None if a word is too wide."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if measure(trial) <= width:
            current = trial
            continue
        if not current or measure(word) > width:
            return None
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


ASCII_BLOCKS = str.maketrans({"█": "#", "▀": "'", "▄": "."})
"""The half blocks of the big letters on an ASCII terminal (TERM=linux): still shapes, not colours."""
BIG_SIZES = (18, 16, 14, 12, 10)
"""Font sizes in pixels (a cell is one pixel wide and two high), the largest that fits first."""
SQUEEZES = (1.0, 0.8, 0.65)
"""How much narrower the letters may be drawn (a condensed face) so that a long word still fits."""


def big_text(text: str, width: int, max_rows: int) -> list[str] | None:
    """``text`` in big letters: lines of half-block characters at most ``width`` cells wide and
    ``max_rows`` rows high, in the largest size of :data:`BIG_SIZES` (as little condensed as
    possible) that fits, or None."""
    if not text.strip():
        return None
    ascii_drawing = ascii_only()
    words = " ".join(text.split())
    for size in BIG_SIZES:
        font = _font(size)
        _left, top, _right, bottom = font.getbbox("ÀÉÜgjpq")
        line_rows = (bottom - top + 1) // 2
        for squeeze in SQUEEZES:
            wrapped = _lines_of(words, width, lambda part, font=font, squeeze=squeeze: font.getlength(part) * squeeze)
            if wrapped is None or line_rows * len(wrapped) + len(wrapped) - 1 > max_rows:
                continue
            out: list[str] = []
            for number, line in enumerate(wrapped):
                out.extend(_draw_line(line, font, top, line_rows, squeeze))
                if number < len(wrapped) - 1:
                    out.append("")
            widest = max((len(line) for line in out), default=0)
            if ascii_drawing:
                out = [line.translate(ASCII_BLOCKS) for line in out]
            return [line.ljust(widest) for line in out]
    return None


def _draw_line(line: str, font: Any, top: int, rows: int, squeeze: float) -> list[str]:
    from PIL import Image, ImageDraw

    width = int(font.getlength(line)) + 2
    image = Image.new("L", (width, rows * 2), 0)
    ImageDraw.Draw(image).text((0, -top), line, fill=255, font=font)
    if squeeze < 1.0:
        image = image.resize((max(1, int(width * squeeze)), rows * 2), Image.Resampling.LANCZOS)
    pixels = image.load()
    assert pixels is not None
    out = []
    for y in range(0, image.height, 2):
        cells = []
        for x in range(image.width):
            upper = _ink(pixels[x, y])
            lower = _ink(pixels[x, y + 1])
            cells.append("█" if upper and lower else "▀" if upper else "▄" if lower else " ")
        out.append("".join(cells).rstrip())
    return out


INK_THRESHOLD = 110
"""Grey above this (of 255) is ink."""


def _ink(value: Any) -> bool:
    return float(value) > INK_THRESHOLD


def picture(path: Path | None, width: int, height: int) -> Text | None:
    """The image at ``path`` scaled to fit ``width`` x ``height`` cells, as coloured half blocks."""
    if path is None or not can_show_images():
        return None
    return _picture(str(path), path.stat().st_mtime if path.exists() else 0.0, width, height)


@cache
def _picture(path: str, _mtime: float, width: int, height: int) -> Text | None:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    try:
        with Image.open(path) as source:
            image = source.convert("RGB")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return None
    image.thumbnail((width, height * 2))
    pixels = image.load()
    assert pixels is not None
    text = Text(no_wrap=True)
    for y in range(0, image.height, 2):
        for x in range(image.width):
            top = _rgb(pixels[x, y])
            bottom = _rgb(pixels[x, y + 1]) if y + 1 < image.height else "rgb(0,0,0)"
            text.append("▀", Style(color=top, bgcolor=bottom))
        if y + 2 < image.height:
            text.append("\n")
    return text


def _rgb(pixel: Any) -> str:
    red, green, blue = pixel[:3]
    return f"rgb({red},{green},{blue})"
