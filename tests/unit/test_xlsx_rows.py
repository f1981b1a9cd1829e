"""The month Excel's cells are written as text by poptui (export/xlsx_rows.py): the same cells
openpyxl writes for the same values, read back the same, and nothing of them in a temporary file."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from poptui.export.excel import (
    DATE_FORMAT,
    FORMULA_START,
    HOURS_FORMAT,
    ContactRow,
    TrajectoryRow,
    _fill,
    safe_text,
    trajectories_workbook,
)
from poptui.export.xlsx_rows import save

ODD_TEXTS = [
    "Inès Van den Broeck",
    "a & b < c > d \"q\" 'a'",
    " leading space",
    "trailing space ",
    "",
    "two\nlines",
    "tab\tinside",
    '=HYPERLINK("http://x","klik")',
    "+32 470 12 34 56",
    "😀 ß é",
    "control\x00\x01\x1b[31m characters",
]


def _rows() -> list[TrajectoryRow]:
    rows = [
        TrajectoryRow(
            text,
            f"Naam{number}",
            text,
            "Sofie Claes",
            "Basistraject",
            date(2026, 9, 1) if number % 2 else None,
            date(2026, 11, 28),
            number,
            [6.25, 1 / 3, 0.75, 7][number % 4],
            number,
            1,
            10**12,
            number % 2 == 0,
            date(1900, 1, 5) if number == 3 else date(2026, 9, 2),
            date(2026, 11, 30) if number % 3 else None,
            text,
        )
        for number, text in enumerate(ODD_TEXTS)
    ]
    return rows


def _contacts() -> list[ContactRow]:
    return [
        ContactRow(text, f"Naam{number}", "Voornaam", number, date(2026, 9, 1 + number), 1.25, text, number % 2 == 0)
        for number, text in enumerate(ODD_TEXTS)
    ]


def _openpyxl_cell(sheet: Any, value: Any, hours: bool) -> Any:
    """The cell openpyxl's write-only sheet was given for a value before poptui wrote cells itself."""
    if isinstance(value, str):
        text = safe_text(value)
        if not text.startswith(FORMULA_START):
            return text
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
        cell.number_format = DATE_FORMAT
        return cell
    if hours and isinstance(value, int | float) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = HOURS_FORMAT
        return cell
    return value


def _sheet_data(data: bytes, index: int) -> bytes:
    part = zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{index}.xml")
    found = re.search(rb"<sheetData>.*</sheetData>", part, re.S)
    assert found
    return found.group(0)


def test_the_cells_are_those_openpyxl_writes_byte_for_byte() -> None:
    """Every kind of value, through poptui's cells and through openpyxl's own write-only cells."""
    headers = ["Tekst", "Uren", "Getal", "Datum", "Ja"]
    values: list[list[Any]] = [
        [text, hours, number, day, flag]
        for text, hours, number, day, flag in zip(
            ODD_TEXTS,
            [6.25, 1 / 3, 0.1 + 0.2, 7, None, 0, -1.5, 10**17, float("nan"), 2, 1e-7],
            [1, 2.5, 10**12, None, -3, 0, 1 / 3, 7, 8, 9, 10],
            [date(2026, 9, 1), None, date(1900, 1, 5), datetime(2026, 9, 1, 12, 30), date(1900, 3, 1)] * 3,
            [True, False, None, 1, "ja", "", None, True, 0, 0.5, "x"],
            strict=False,
        )
    ]
    book = Workbook(write_only=True)
    ours = save(book, [_fill(book.create_sheet("Blad"), headers, values, hours_columns={2})])
    reference = Workbook(write_only=True)
    sheet = reference.create_sheet("Blad")
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="E9ECEF")
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in values:
        sheet.append([_openpyxl_cell(sheet, value, index == 2) for index, value in enumerate(row, start=1)])
    theirs = io.BytesIO()
    reference.save(theirs)
    assert _sheet_data(ours, 1) == _sheet_data(theirs.getvalue(), 1)
    assert _values(load_workbook(io.BytesIO(ours)).worksheets[0]) == _values(load_workbook(theirs).worksheets[0])


def _values(sheet: Any) -> list[list[tuple[Any, ...]]]:
    return [
        [
            (cell.value, cell.number_format, cell.font.bold, cell.fill.fgColor.rgb, cell.data_type, cell.quotePrefix)
            for cell in row
        ]
        for row in sheet.iter_rows()
    ]


def test_every_value_reads_back_as_openpyxl_wrote_it() -> None:
    """The overview read back: texts (escaped, with outer spaces, non-ASCII, quoted formulas), dates,
    hours and plain numbers, and the bold header, each with its type, format and quote prefix."""
    sheet = load_workbook(io.BytesIO(trajectories_workbook(_rows(), 2026, 11, _contacts()))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Organisatie" and all(cell.font.bold for cell in sheet[1])
    organisations = [row[0] for row in rows[1:]]
    assert organisations == [safe_text(text) or None for text in ODD_TEXTS]
    assert organisations[1] == "a & b < c > d \"q\" 'a'" and organisations[2] == " leading space"
    assert organisations[9] == "😀 ß é" and organisations[10] == "control characters"
    formula = sheet.cell(row=9, column=1)
    assert formula.value.startswith("=HYPERLINK") and formula.data_type == "s" and formula.quotePrefix
    plain = sheet.cell(row=2, column=1)
    assert plain.data_type == "s" and not plain.quotePrefix and plain.number_format == "General"
    hours = [sheet.cell(row=number, column=9) for number in range(2, 6)]
    assert [cell.value for cell in hours] == [6.25, 1 / 3, 0.75, 7]
    assert all(cell.number_format == HOURS_FORMAT and cell.data_type == "n" for cell in hours)
    assert sheet.cell(row=2, column=12).value == 10**12 and sheet.cell(row=2, column=12).number_format == "General"
    assert sheet.cell(row=2, column=6).value is None and sheet.cell(row=3, column=6).value == datetime(2026, 9, 1)
    early = sheet.cell(row=5, column=14)
    assert early.value == datetime(1900, 1, 5) and early.is_date and early.number_format == DATE_FORMAT
    detail = load_workbook(io.BytesIO(trajectories_workbook(_rows(), 2026, 11, _contacts()))).worksheets[1]
    assert [row[5] for row in detail.iter_rows(min_row=2, values_only=True)] == [1.25] * len(ODD_TEXTS)
    assert detail.cell(row=2, column=6).number_format == HOURS_FORMAT


def test_a_text_that_reads_like_an_error_value_stays_text() -> None:
    rows = [_rows()[0].__class__(**{**_rows()[0].__dict__, "organisation": "#N/A"})]
    cell = load_workbook(io.BytesIO(trajectories_workbook(rows, 2026, 11))).worksheets[0]["A2"]
    assert cell.value == "#N/A" and cell.data_type == "s"


def test_no_cell_goes_to_a_temporary_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl spools each sheet to a file in the temporary folder; poptui's cells never go there."""
    from openpyxl.worksheet import _writer

    spooled: list[bytes] = []
    cleanup = _writer.WorksheetWriter.cleanup

    def keep(self: Any) -> None:
        spooled.append(self.read())
        cleanup(self)

    monkeypatch.setattr(_writer.WorksheetWriter, "cleanup", keep)
    data = trajectories_workbook(_rows(), 2026, 11, _contacts())
    assert len(spooled) == 2
    assert not any(b"Naam1" in part or b"Sofie" in part for part in spooled)
    assert b"Naam1" in _sheet_data(data, 1)


def test_cells_go_to_their_own_sheet_or_nowhere() -> None:
    """The cells of each sheet are put in that sheet's part: given for another workbook's sheets,
    or out of order, the workbook is refused rather than written with rows in the wrong sheet."""
    book = Workbook(write_only=True)
    first = _fill(book.create_sheet("Een"), ["A"], [["een"]], hours_columns=set())
    second = _fill(book.create_sheet("Twee"), ["B"], [["twee"]], hours_columns=set())
    with pytest.raises(ValueError):
        save(book, [second, first])
    with pytest.raises(ValueError):
        save(book, [first])
    sheets = load_workbook(io.BytesIO(save(book, [first, second]))).worksheets
    assert [sheet.title for sheet in sheets] == ["Een", "Twee"]
    assert sheets[0]["A2"].value == "een" and sheets[1]["A2"].value == "twee"
