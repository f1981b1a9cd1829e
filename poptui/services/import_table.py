"""Reading a table that an organisation hands over: .csv or .xlsx as Excel on a Belgian PC writes it.

CSV: ``;`` or ``,`` (or tab) separated, UTF-8 with or without BOM, else Windows-1252. Both: the
header row may sit below a title row; it is found by its known column names. Empty rows are skipped.

Hostile or broken files never stop the reading and never pass through unseen:

- every cell is cleaned like stored text (:func:`poptui.text.clean_line`: no escape sequences,
  control, bidi or zero-width characters), header cells too;
- a cell longer than its column's limit (``limits``, else :data:`DEFAULT_LIMIT` characters) makes
  that row refused, with the column and the length (:attr:`SourceRow.problems`); the value is cut;
- a ``"`` that opens a quoted cell and is not closed on the same line, so that the next lines would
  end up in one cell, makes that row refused ("aanhalingsteken niet afgesloten"); reading goes on
  with the next line, so no row disappears. A quoted cell over several lines is accepted when it
  holds no separator (a remark typed with Alt+Enter in Excel) and is closed before the end;
- a file over :data:`MAX_FILE_BYTES` (or the caller's ``max_bytes``) is refused as a whole, and so
  is a table of more than the caller's ``max_rows`` rows (counted while reading, so a huge file is
  never read whole: a CSV counts every record, a workbook its rows that hold something).

Row numbers are the ones a spreadsheet shows (a cell over several lines is one row).
"""

from __future__ import annotations

import csv
import math
import re
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.services.directory import fold
from poptui.text import clean_line, shorten

HEADER_SEARCH_ROWS = 15
DELIMITERS = (";", ",", "\t")
MAX_FILE_BYTES = 64 * 1024 * 1024
"""About 500,000 rows of employees: more is not a list of employees."""
DEFAULT_LIMIT = 1000
"""Characters in one cell of a known column when the caller names no limit for it."""
BLANK_ROWS_PER_ROW = 50
"""With ``max_rows``, a workbook may hold this many rows (empty ones included) per allowed row."""
REPORT_WIDTH = 60
"""Values from the file are cut to this many characters in reports."""

_PHYSICAL_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_END_MARK = "\ue000poptui-einde"


class ImportFileError(Exception):
    """The file cannot be read as a table at all. ``str(error)`` is a Dutch sentence for the coach."""


class NoHeaderError(ImportFileError):
    """The file was read, but no row in its first rows names the required columns."""


@dataclass
class SourceRow:
    number: int
    """The row number as the spreadsheet shows it (1 = the first line of the file)."""
    cells: dict[str, Any]
    """Field name -> raw cell value (text, or a date/number from Excel)."""
    problems: list[str] = field(default_factory=list)
    """Why the row cannot be read as it is (an unclosed quote, a cell that is too long): Dutch."""

    def text(self, name: str) -> str:
        """The cell as one line of clean text ('' when the column is absent)."""
        return cell_text(self.cells.get(name))


@dataclass
class SourceTable:
    header_row: int
    rows: list[SourceRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    """Header cells that name no known column: cleaned and cut for the report."""


def cell_text(value: Any) -> str:
    """A cell as one line of clean text: numbers without '.0', dates as dd/mm/yyyy, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_line(str(value))


def _blank(row: list[Any]) -> bool:
    return all(cell_text(cell) == "" for cell in row)


def _aliases(columns: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {fold(alias): name for name, aliases in columns.items() for alias in aliases}


def find_header(
    grid: list[list[Any]], columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[int, dict[int, str], list[str]] | None:
    """(row index, column index -> field, unknown header texts) of the first row naming every required column."""
    aliases = _aliases(columns)
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        mapping: dict[int, str] = {}
        ignored: list[str] = []
        for column, cell in enumerate(row):
            text = cell_text(cell)
            name = aliases.get(fold(text))
            if name is not None and name not in mapping.values():
                mapping[column] = name
            elif text:
                ignored.append(shorten(text, REPORT_WIDTH))
        if all(name in mapping.values() for name in required):
            return index, mapping, ignored
    return None


def _no_header(columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> ImportFileError:
    names = ", ".join(columns[name][0] for name in required)
    return NoHeaderError(
        _(
            "Er is geen kopregel gevonden. De eerste rij (of de rij onder een titel) moet de kolomnamen bevatten, "
            "minstens: {names}.",
            names=names,
        )
    )


def table_from_grid(
    grid: list[list[Any]],
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    limits: dict[str, int] | None = None,
    problems: dict[int, str] | None = None,
) -> SourceTable:
    """The rows under the header, keyed by field; ``problems`` (grid index -> Dutch reason) refuse rows."""
    found = find_header(grid, columns, required)
    if found is None:
        raise _no_header(columns, required)
    index, mapping, ignored = found
    header = grid[index]
    limits = limits or {}
    problems = problems or {}
    table = SourceTable(header_row=index + 1, ignored_columns=ignored)
    for offset, row in enumerate(grid[index + 1 :], start=index + 1):
        problem = problems.get(offset)
        if problem is None and _blank(row):
            continue
        cells: dict[str, Any] = {}
        row_problems = [problem] if problem else []
        for column, name in mapping.items():
            value = row[column] if column < len(row) else None
            limit = limits.get(name, DEFAULT_LIMIT)
            if isinstance(value, str) and len(value) > limit:
                row_problems.append(
                    _(
                        "Kolom '{column}': de waarde is te lang ({length} tekens, hoogstens {limit}).",
                        column=shorten(cell_text(header[column]), REPORT_WIDTH),
                        length=len(value),
                        limit=limit,
                    )
                )
                value = value[:limit]
            cells[name] = value
        table.rows.append(SourceRow(number=offset + 1, cells=cells, problems=row_problems))
    return table


def decode(raw: bytes) -> str:
    """UTF-16 or UTF-8 (with or without BOM) when it is that, else Windows-1252 as Excel writes it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "De tekens in dit bestand zijn niet te lezen (geen UTF-8 en geen Windows-1252). "
                "Sla het in Excel opnieuw op als 'CSV (gescheiden door lijstscheidingsteken)' of 'CSV UTF-8'."
            )
        ) from error


class _Lines:
    """The physical lines of a text, handed to a csv reader one by one from ``position``."""

    def __init__(self, lines: list[str], position: int) -> None:
        self.lines = lines
        self.position = position

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


@contextmanager
def _any_field_size() -> Iterator[None]:
    """Let the csv module read a cell of any size (its default limit raises at 128 KB); limits are ours."""
    previous = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _unclosed(lines: list[str], delimiter: str) -> bool:
    """Do these lines, read as CSV, end inside a quoted cell (a quote opened and never closed)?"""
    probe = list(csv.reader([*lines, _END_MARK + "\n"], delimiter=delimiter))
    return bool(probe) and any(_END_MARK in cell for cell in probe[-1]) and probe[-1] != [_END_MARK]


def csv_records(text: str, delimiter: str, max_records: int | None = None) -> tuple[list[list[str]], dict[int, str]]:
    """The records of a CSV text, and (record index -> Dutch reason) for records refused by an unclosed quote."""
    lines = _PHYSICAL_LINE.findall(text)
    records: list[list[str]] = []
    problems: dict[int, str] = {}
    position = 0
    with _any_field_size():
        while position < len(lines) and (max_records is None or len(records) < max_records):
            source = _Lines(lines, position)
            restart = False
            for cells in csv.reader(source, delimiter=delimiter):
                start, position = position, source.position
                swallowed = position - start > 1 and any(
                    ("\n" in cell or "\r" in cell) and delimiter in cell for cell in cells
                )
                if not swallowed and position >= len(lines) and '"' in "".join(lines[start:position]):
                    swallowed = _unclosed(lines[start:position], delimiter)
                if swallowed:
                    problems[len(records)] = _(
                        'Een aanhalingsteken (") wordt op deze rij geopend maar niet gesloten, waardoor de '
                        "volgende regels in één cel zouden belanden; de rij is niet ingelezen. Verwijder het "
                        "aanhalingsteken of sluit het en lees het bestand opnieuw in."
                    )
                    records.append(next(csv.reader([lines[start]], delimiter=delimiter, quoting=csv.QUOTE_NONE), []))
                    position = start + 1
                    restart = True
                    break
                records.append(cells)
                if max_records is not None and len(records) >= max_records:
                    break
            if not restart:
                break
    return records, problems


def too_many_rows(limit: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Het bestand heeft meer dan {limit} rijen: zoveel rijen kan poptui hier niet inlezen. Er is niets "
            "ingelezen.",
            limit=limit,
        )
    )


def read_csv(
    raw: bytes,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    limits: dict[str, int] | None = None,
    max_rows: int | None = None,
) -> SourceTable:
    """Choose the separator on the first rows (the one whose header names the most known columns), then read."""
    text = decode(raw)
    best: str | None = None
    best_score = -1
    quote_trouble = False
    for delimiter in DELIMITERS:
        grid, problems = csv_records(text, delimiter, max_records=HEADER_SEARCH_ROWS + 1)
        quote_trouble = quote_trouble or bool(problems)
        found = find_header(grid, columns, required)
        if found is not None and len(found[1]) > best_score:
            best, best_score = delimiter, len(found[1])
    if best is None:
        error = _no_header(columns, required)
        if quote_trouble:
            error = ImportFileError(
                str(error)
                + " "
                + _('Let op: in de eerste rijen staat een aanhalingsteken (") dat niet gesloten wordt.')
            )
        raise error
    grid, problems = csv_records(text, best, max_records=None if max_rows is None else max_rows + 1)
    if max_rows is not None and len(grid) > max_rows:
        raise too_many_rows(max_rows)
    return table_from_grid(grid, columns, required, limits, problems)


def read_xlsx(
    path: Path,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    limits: dict[str, int] | None = None,
    max_rows: int | None = None,
) -> SourceTable:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("Het Excel-bestand {name} kan niet geopend worden. Is het een .xlsx-bestand?", name=_shown(path.name))
        ) from error
    try:
        sheet = workbook.active if workbook.active is not None else workbook.worksheets[0]
        grid: list[list[Any]] = []
        filled = 0
        for values in sheet.iter_rows(values_only=True):
            row = list(values)
            if max_rows is not None:
                if _blank(row):
                    row = []  # formatted but empty rows: counted apart, kept small
                else:
                    filled += 1
                if filled > max_rows or len(grid) >= max_rows * BLANK_ROWS_PER_ROW:
                    raise too_many_rows(max_rows)
            grid.append(row)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("Het Excel-bestand {name} is beschadigd en kan niet gelezen worden.", name=_shown(path.name))
        ) from error
    finally:
        workbook.close()
    return table_from_grid(grid, columns, required, limits)


def _megabytes(size: int) -> str:
    """A size in MB as a Fleming writes it, rounded up (a file just over 2 MB is '2,1'): whole from
    10 MB on, else with one decimal after a comma."""
    megabytes = size / (1024 * 1024)
    if megabytes >= 10:
        return str(math.ceil(megabytes))
    tenths = math.ceil(megabytes * 10)
    return str(tenths // 10) if tenths % 10 == 0 else f"{tenths // 10},{tenths % 10}"


def _shown(text: object) -> str:
    """A path or name from outside, safe and short enough for a message."""
    return shorten(clean_line(str(text)), 200)


def read_table(
    path: Path,
    columns: dict[str, tuple[str, ...]],
    required: tuple[str, ...],
    limits: dict[str, int] | None = None,
    *,
    max_bytes: int | None = None,
    max_rows: int | None = None,
) -> SourceTable:
    """Read ``path`` (.xlsx or .csv, recognised by name or content) into rows keyed by field name;
    a file over ``max_bytes`` (default :data:`MAX_FILE_BYTES`), or of more than ``max_rows`` rows,
    is refused (:class:`ImportFileError`)."""
    max_bytes = max_bytes or MAX_FILE_BYTES
    path = Path(path).expanduser()
    if not path.is_file():
        raise ImportFileError(_("Het bestand {path} bestaat niet.", path=_shown(path)))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(
            _("Oude .xls-bestanden kan poptui niet lezen. Sla het bestand in Excel op als .xlsx of als CSV.")
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportFileError(
                _(
                    "Het bestand {path} is te groot ({size} MB; hoogstens {limit} MB). Splits het in kleinere "
                    "bestanden.",
                    path=_shown(path),
                    size=_megabytes(size),
                    limit=_megabytes(max_bytes),
                )
            )
        with path.open("rb") as handle:
            head = handle.read(4)
            if suffix in (".xlsx", ".xlsm") or head.startswith(b"PK\x03\x04"):
                return read_xlsx(path, columns, required, limits, max_rows)
            raw = head + handle.read()
    except OSError as error:
        raise ImportFileError(
            _(
                "Het bestand {path} kan niet gelezen worden ({reason}).",
                path=_shown(path),
                reason=_shown(error.strerror or error),
            )
        ) from error
    return read_csv(raw, columns, required, limits, max_rows)
