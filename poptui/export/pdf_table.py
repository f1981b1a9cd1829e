"""Tables, tick boxes and progress boxes of the A4 layout (see :mod:`.pdf_layout`).

A table row taller than the room left on a page is split line by line and the
header is drawn again on the next page; tick boxes are drawn as boxes, with a
check mark inside when ticked; progress is a row of boxes, the first ones filled.

Cell text breaks at spaces; a word wider than its column ("werkvloerbegeleider"
in a narrow column) is hyphenated the Dutch way (pyphen's nl_NL patterns, no
piece shorter than two letters) instead of being cut at any letter.
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, Any

from fpdf import FPDF

from poptui.export.pdf_layout import (
    FONT,
    INK,
    MARGIN,
    PAD,
    RULE,
    SHADE,
    TICK,
    TOP,
    Boxes,
    Cell,
    Column,
    Ticks,
    printable,
    text_lines,
)

if TYPE_CHECKING:
    from poptui.export.pdf_layout import FormPdf

# -- tick boxes and progress boxes ----------------------------------------------------

BOX = 3.3


def _tick_box(pdf: FPDF, x: float, y: float, checked: bool) -> None:
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.3)
    pdf.rect(x, y, BOX, BOX)
    pdf.set_line_width(0.25)
    if checked:
        size = pdf.font_size_pt
        style = pdf.font_style
        pdf.set_font(FONT, "B", 9)
        pdf.set_xy(x - 0.2, y - 0.15)
        pdf.cell(BOX + 0.4, BOX + 0.3, TICK, align="C")
        pdf.set_font(FONT, style, size)


def _tick_layout(pdf: FPDF, ticks: Ticks, width: float) -> list[tuple[float, int]]:
    """(x offset, line number) of each option."""
    line_number, x = 0, 0.0
    out = []
    for label, _checked in ticks.options:
        item = BOX + 1.0 + pdf.get_string_width(printable(label)) + ticks.gap
        if ticks.inline and x > 0 and x + item - ticks.gap > width:
            line_number, x = line_number + 1, 0.0
        out.append((x, line_number))
        if ticks.inline:
            x += item
        else:
            line_number += 1
    return out


def ticks_height(pdf: FPDF, ticks: Ticks, width: float) -> float:
    layout = _tick_layout(pdf, ticks, width)
    lines = (layout[-1][1] + 1) if layout else 1
    return lines * 5.0


def draw_ticks(pdf: FPDF, ticks: Ticks, x: float, y: float, width: float, size: float) -> None:
    pdf.set_font(FONT, "", size)
    for (offset, line_number), (label, checked) in zip(_tick_layout(pdf, ticks, width), ticks.options, strict=False):
        top = y + line_number * 5.0
        _tick_box(pdf, x + offset, top + 0.6, checked)
        pdf.set_font(FONT, "", size)
        pdf.set_xy(x + offset + BOX + 1.2, top)
        label_text = printable(label)
        pdf.cell(pdf.get_string_width(label_text) + 1, 4.5, label_text)


def _draw_boxes(pdf: FPDF, boxes: Boxes, x: float, y: float) -> None:
    filled = max(0, min(boxes.total, boxes.filled))
    pdf.set_draw_color(*INK)
    pdf.set_fill_color(*INK)
    for index in range(boxes.total):
        pdf.rect(x + index * (BOX + 1.2), y + 0.6, BOX, BOX, style="DF" if index < filled else "D")
    pdf.set_xy(x + boxes.total * (BOX + 1.2) + 0.8, y)
    pdf.set_font(FONT, "", 8.5)
    pdf.cell(10, 4.5, f"{filled}/{boxes.total}")


# -- hyphenation ----------------------------------------------------------------------

SOFT_HYPHEN = "\u00ad"
MIN_PIECE = 2


@cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


def hyphenated(word: str) -> str:
    """``word`` with soft hyphens where Dutch allows a break, no piece shorter than two letters."""
    kept, last = [], 0
    for position in _hyphenator().positions(word):
        if position - last >= MIN_PIECE and len(word) - position >= MIN_PIECE:
            kept.append(position)
            last = position
    pieces = [word[start:end] for start, end in zip([0, *kept], [*kept, len(word)], strict=True)]
    return SOFT_HYPHEN.join(pieces)


def fit_words(pdf: FPDF, text: str, width: float) -> str:
    """Soft hyphens in every word wider than ``width`` (in the current font), so the line breaker
    hyphenates those and breaks everything else at spaces."""
    lines = []
    for line in text.split("\n"):
        words = line.split(" ")
        lines.append(" ".join(hyphenated(word) if pdf.get_string_width(word) > width else word for word in words))
    return "\n".join(lines)


# -- tables ---------------------------------------------------------------------------


class Table:
    def __init__(self, pdf: FormPdf, columns: list[Column], size: float, min_row_height: float) -> None:
        self.pdf = pdf
        self.columns = columns
        self.size = size
        self.line = size * 0.48
        self.min_row_height = min_row_height
        total = sum(column.width for column in columns)
        scale = pdf.body_width / total
        self.widths = [column.width * scale for column in columns]
        fitting = [self._head_size(column.title, width) for column, width in zip(columns, self.widths, strict=False)]
        self.head_sizes = [min(fitting, default=size)] * len(columns)
        """One header size for the whole table: the smallest any column needs (calmer than a mix)."""

    def _head_size(self, title: str, width: float) -> float:
        """The header font size at which the title's longest word fits its column, but never more
        than 1.5 pt below the body text: a word that still does not fit is hyphenated."""
        words = printable(title).split() or [""]
        size = self.size
        while size > max(6, self.size - 1.5):
            self.pdf.set_font(FONT, "B", size)
            if max(self.pdf.get_string_width(word) for word in words) <= width - 2 * PAD:
                break
            size -= 0.5
        return size

    def _lines(self, cell: Cell, width: float, head_size: float | None = None) -> list[str]:
        if not isinstance(cell, str):
            return []
        text = printable(cell)
        if not text.strip():
            return []
        if head_size is None:
            self.pdf.set_font(FONT, "", self.size)
        else:
            self.pdf.set_font(FONT, "B", head_size)
        text = fit_words(self.pdf, text, width - 2 * PAD)
        return text_lines(self.pdf, width - 2 * PAD, self.line, text)

    def _heads(self) -> list[list[str]]:
        return [
            self._lines(column.title, width, size)
            for column, width, size in zip(self.columns, self.widths, self.head_sizes, strict=False)
        ]

    def _widget_height(self, cell: Cell, width: float) -> float:
        if isinstance(cell, Ticks):
            self.pdf.set_font(FONT, "", self.size)
            return ticks_height(self.pdf, cell, width - 2 * PAD)
        if isinstance(cell, Boxes):
            return 5.0
        return 0.0

    def draw_header(self) -> None:
        pdf = self.pdf
        heads = self._heads()
        height = max(len(lines) for lines in heads) * self.line + 2 * PAD
        top = pdf.get_y()
        x = MARGIN
        pdf.set_fill_color(*SHADE)
        pdf.set_draw_color(*RULE)
        for column, width, lines, size in zip(self.columns, self.widths, heads, self.head_sizes, strict=False):
            pdf.rect(x, top, width, height, style="DF")
            pdf.set_font(FONT, "B", size)
            for number, text in enumerate(lines):
                pdf.set_xy(x + PAD, top + PAD + number * self.line)
                pdf.cell(width - 2 * PAD, self.line, text, align=column.align)
            x += width
        pdf.set_y(top + height)

    def header_height(self) -> float:
        return max(len(lines) for lines in self._heads()) * self.line + 2 * PAD

    def draw(self, rows: list[list[Cell]]) -> None:
        pdf = self.pdf
        first_height = self._row_height(rows[0]) if rows else 8
        pdf.ensure_space(self.header_height() + min(first_height, 30))
        self.draw_header()
        for row in rows:
            self._draw_row(row)

    def _row_height(self, row: list[Cell]) -> float:
        lines = [len(self._lines(cell, width)) for cell, width in zip(row, self.widths, strict=False)]
        widgets = [self._widget_height(cell, width) for cell, width in zip(row, self.widths, strict=False)]
        return max(max(lines, default=0) * self.line, max(widgets, default=0), self.line) + 2 * PAD

    def _draw_row(self, row: list[Cell]) -> None:
        pdf = self.pdf
        texts = [self._lines(cell, width) for cell, width in zip(row, self.widths, strict=False)]
        widgets = [self._widget_height(cell, width) for cell, width in zip(row, self.widths, strict=False)]
        needed = max(max(len(lines) for lines in texts) * self.line, max(widgets), self.line) + 2 * PAD
        needed = max(needed, self.min_row_height)
        available = pdf.page_bottom - pdf.get_y()
        if needed > available:
            page_room = pdf.page_bottom - TOP - self.header_height()
            if needed <= page_room or available < max(widgets) + 2 * PAD + 3 * self.line:
                pdf.add_page()
                self.draw_header()
        start = [0] * len(row)
        widgets_drawn = False
        while True:
            available = pdf.page_bottom - pdf.get_y()
            room = max(1, math.floor((available - 2 * PAD) / self.line))
            remaining = max(len(lines) - first for lines, first in zip(texts, start, strict=False))
            take = min(room, remaining)
            height = take * self.line
            if not widgets_drawn:
                height = max(height, max(widgets), self.line)
            height = height + 2 * PAD
            if remaining <= room:
                height = max(height, self.min_row_height)
            top = pdf.get_y()
            x = MARGIN
            for cell, width, column, lines, first in zip(row, self.widths, self.columns, texts, start, strict=False):
                pdf.set_draw_color(*RULE)
                pdf.rect(x, top, width, height)
                pdf.set_font(FONT, "", self.size)
                for number, text in enumerate(lines[first : first + take]):
                    pdf.set_xy(x + PAD, top + PAD + number * self.line)
                    pdf.cell(width - 2 * PAD, self.line, text, align=column.align)
                if not widgets_drawn:
                    if isinstance(cell, Ticks):
                        draw_ticks(pdf, cell, x + PAD, top + PAD - 0.2, width - 2 * PAD, self.size)
                    elif isinstance(cell, Boxes):
                        _draw_boxes(pdf, cell, x + PAD, top + PAD - 0.2)
                x += width
            widgets_drawn = True
            start = [first + take for first in start]
            pdf.set_y(top + height)
            if all(first >= len(lines) for first, lines in zip(start, texts, strict=False)):
                return
            pdf.add_page()
            self.draw_header()
