"""A worksheet's cells as SpreadsheetML text, put into the workbook openpyxl writes.

openpyxl writes a cell through lxml's incremental writer an element at a time, after binding
it to a cell object: about 20 µs a cell, two thirds of the month Excel's time (57,000 cells).
Here openpyxl still writes the package (workbook, styles, sheet layout: column widths, frozen
header, autofilter) with an empty ``sheetData``; :class:`SheetCells` renders the rows as text in
memory and :func:`save` puts them in that element. The cells are those openpyxl writes for the
same values, byte for byte (inline strings, ``xml:space="preserve"`` for text with outer spaces,
dates as day numbers with their number format, numbers as ``%.16g``), with one difference: a
text is always text (openpyxl stored a text such as ``#N/A`` as an error value).

Nothing of the rows goes to a temporary file: openpyxl spools each sheet to one in the system's
temporary folder (its write-only mode too); it now spools only the empty layout.

The caller (:func:`poptui.export.excel._fill`) decides each cell: a text (cleaned by the caller,
cut at Excel's 32,767 characters) with or without a style such as the quote prefix, a date (or
datetime) as its day number in the workbook's epoch with a date format, a number (a bool a
boolean) with or without a number format; an empty cell is left out.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

MAX_TEXT = 32767
_EMPTY_SHEET_DATA = (b"<sheetData></sheetData>", b"<sheetData/>", b"<sheetData />")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _number(value: float) -> str:
    """A number as openpyxl writes it (``%.16g``; NaN and infinity as nothing)."""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return f"{value:.16g}"


class SheetCells:
    """The ``sheetData`` of one write-only sheet of ``sheet``'s workbook, row by row.

    ``style(kind, apply)`` names a cell style: the first use of a kind applies it to a
    throwaway cell to register it with the workbook (so the style ids follow first use, as
    openpyxl's own cells do). Columns count from 0.
    """

    def __init__(self, sheet: Any, columns: int) -> None:
        self.sheet = sheet
        self.letters = [get_column_letter(index) for index in range(1, columns + 1)]
        self.parts: list[str] = []
        self.rows = 0
        self._styles: dict[str, str] = {}
        self._days: dict[date, str] = {}

    def style(self, kind: str, apply: Callable[[Any], None]) -> str:
        """The ``s`` attribute of the style ``kind`` (set on a cell by ``apply``)."""
        found = self._styles.get(kind)
        if found is None:
            cell = WriteOnlyCell(self.sheet)
            apply(cell)
            found = self._styles[kind] = f' s="{cell.style_id}"'
        return found

    def day(self, value: date) -> str:
        """A date's serial day number in the workbook's epoch, as text."""
        found = self._days.get(value)
        if found is None:
            found = self._days[value] = _number(to_excel(cast(Any, value), self.sheet.parent.epoch))
        return found

    def text(self, column: int, value: str, style: str = "") -> None:
        """A text cell of the current row: ``style`` is a :meth:`style` or ''."""
        value = value[:MAX_TEXT]
        reference = f"{self.letters[column]}{self.rows}"
        if not value:
            self.parts.append(f'<c r="{reference}"{style} t="inlineStr"></c>')
            return
        space = ' xml:space="preserve"' if value != value.strip() else ""
        self.parts.append(
            f'<c r="{reference}"{style} t="inlineStr"><is><t{space}>{value.translate(_ESCAPES)}</t></is></c>'
        )

    def number(self, column: int, value: float, style: str = "") -> None:
        """A number cell (a bool a boolean one)."""
        kind = "b" if isinstance(value, bool) else "n"
        self.parts.append(f'<c r="{self.letters[column]}{self.rows}"{style} t="{kind}"><v>{_number(value)}</v></c>')

    def date(self, column: int, value: date, style: str) -> None:
        """A date cell: its day number, shown by ``style`` (a date format)."""
        self.parts.append(f'<c r="{self.letters[column]}{self.rows}"{style} t="n"><v>{self.day(value)}</v></c>')

    def start_row(self) -> None:
        if self.rows:
            self.parts.append("</row>")
        self.rows += 1
        self.parts.append(f'<row r="{self.rows}">')

    def xml(self) -> bytes:
        """The ``sheetData`` element with every row."""
        closing = "</row>" if self.rows else ""
        return ("<sheetData>" + "".join(self.parts) + closing + "</sheetData>").encode("ascii", "xmlcharrefreplace")


def save(book: Workbook, sheets: Sequence[SheetCells]) -> bytes:
    """The workbook as .xlsx bytes, the cells of ``sheets`` (in the workbook's order) in its sheets.

    openpyxl writes the workbook with empty sheets; the archive is then copied entry by entry
    with each sheet's ``sheetData`` filled in (the other parts are a few kilobytes)."""
    if [cells.sheet for cells in sheets] != list(book.worksheets):
        raise ValueError("the cells must be given for every sheet of the workbook, in its order")
    written = io.BytesIO()
    book.save(written)
    cells = {f"xl/worksheets/sheet{index}.xml": sheet for index, sheet in enumerate(sheets, start=1)}
    result = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(written.getvalue())) as source,
        zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            sheet = cells.pop(info.filename, None)
            if sheet is not None:
                data = _fill_sheet_data(data, sheet.xml(), info.filename)
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    if cells:
        raise ValueError(f"openpyxl wrote no {', '.join(sorted(cells))}")
    return result.getvalue()


def _fill_sheet_data(part: bytes, sheet_data: bytes, name: str) -> bytes:
    for empty in _EMPTY_SHEET_DATA:
        if part.count(empty) == 1:
            return part.replace(empty, sheet_data)
    raise ValueError(f"{name}: no empty sheetData to fill")
