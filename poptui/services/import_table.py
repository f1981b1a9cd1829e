"""Reading a table that an organisation hands over: .csv or .xlsx as Excel on a Belgian PC writes it.

CSV: ``;`` or ``,`` (or tab) separated, UTF-8 with or without BOM, else Windows-1252. Both: the
header row may sit below a title row; it is found by its known column names. Empty rows are skipped.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from poptui.i18n import _
from poptui.services.directory import fold

HEADER_SEARCH_ROWS = 15
DELIMITERS = (";", ",", "\t")


class ImportFileError(Exception):
    """The file cannot be read as a table at all. ``str(error)`` is a Dutch sentence for the coach."""


@dataclass
class SourceRow:
    number: int
    """The row number as the spreadsheet shows it (1 = the first line of the file)."""
    cells: dict[str, Any]
    """Field name -> raw cell value (text, or a date/number from Excel)."""

    def text(self, name: str) -> str:
        return cell_text(self.cells.get(name))


@dataclass
class SourceTable:
    header_row: int
    rows: list[SourceRow] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def cell_text(value: Any) -> str:
    """A cell as one line of text: numbers without '.0', dates as dd/mm/yyyy, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


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
                ignored.append(text)
        if all(name in mapping.values() for name in required):
            return index, mapping, ignored
    return None


def table_from_grid(
    grid: list[list[Any]], columns: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> SourceTable:
    found = find_header(grid, columns, required)
    if found is None:
        names = ", ".join(columns[name][0] for name in required)
        raise ImportFileError(
            _(
                "Er is geen kopregel gevonden. De eerste rij (of de rij onder een titel) moet de kolomnamen bevatten, "
                "minstens: {names}.",
                names=names,
            )
        )
    index, mapping, ignored = found
    table = SourceTable(header_row=index + 1, ignored_columns=ignored)
    for offset, row in enumerate(grid[index + 1 :]):
        if _blank(row):
            continue
        cells = {name: row[column] if column < len(row) else None for column, name in mapping.items()}
        table.rows.append(SourceRow(number=index + 2 + offset, cells=cells))
    return table


def decode(raw: bytes) -> str:
    """UTF-16 or UTF-8 (with or without BOM) when it is that, else Windows-1252 as Excel writes it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
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


def read_csv(raw: bytes, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> SourceTable:
    """Try each separator; keep the one whose header row names the most known columns."""
    text = decode(raw)
    best: SourceTable | None = None
    best_score = -1
    for delimiter in DELIMITERS:
        grid = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        found = find_header(grid, columns, required)
        if found is None:
            continue
        score = len(found[1])
        if score > best_score:
            best, best_score = table_from_grid(grid, columns, required), score
    if best is None:
        return table_from_grid([], columns, required)
    return best


def read_xlsx(path: Path, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> SourceTable:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(
            _("Het Excel-bestand {name} kan niet geopend worden. Is het een .xlsx-bestand?", name=path.name)
        ) from error
    try:
        sheet = workbook.active if workbook.active is not None else workbook.worksheets[0]
        grid = [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return table_from_grid(grid, columns, required)


def read_table(path: Path, columns: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> SourceTable:
    """Read ``path`` (.xlsx or .csv, recognised by name or content) into rows keyed by field name."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ImportFileError(_("Het bestand {path} bestaat niet.", path=path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(
            _("Oude .xls-bestanden kan poptui niet lezen. Sla het bestand in Excel op als .xlsx of als CSV.")
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            _("Het bestand {path} kan niet gelezen worden ({reason}).", path=path, reason=error.strerror or error)
        ) from error
    if suffix in (".xlsx", ".xlsm") or raw.startswith(b"PK\x03\x04"):
        return read_xlsx(path, columns, required)
    return read_csv(raw, columns, required)
