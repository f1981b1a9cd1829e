"""The monthly Excel overviews (openpyxl): pure functions of rows built from models.

- :func:`trajectories_workbook`: every POP trajectory completed in the month
  (§4.4.3), one row each; on a second sheet every held contact moment of those
  trajectories, one row each with its date as a date cell.
- :func:`trainings_workbook`: the month's training days (§4.4.5), on a second
  sheet the organisation hours (§4.4.4) and on a third, per organisation, the
  month's contact hours beside the hours per kind (the same sums as the hours
  document: :mod:`poptui.services.hours_summary`).

Every sheet has a bold, frozen header row, an autofilter and fitting column
widths; dates are real date cells shown as dd/mm/yyyy, counts and hours real
numbers. Text is never a formula: a text that starts with = + - @, a tab or a
carriage return is stored as text with Excel's quote prefix.

Workbooks are written in openpyxl's write-only mode (openpyxl writes its XML through lxml); the
cells themselves are written as text by :mod:`poptui.export.xlsx_rows` (the same cells, a fifth
of the time for the month's 1,000 trajectories and 5,000 contact moments).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from poptui.export.xlsx_rows import SheetCells, save
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import label, yes_no
from poptui.models import (
    CompetenceKind,
    ContactMoment,
    Employee,
    HoursEntry,
    HoursKind,
    Organisation,
    PopDocument,
    PopStatus,
    Training,
    Trajectory,
)
from poptui.services.hours_summary import MonthHours
from poptui.text import clean_text

DATE_FORMAT = "dd/mm/yyyy"
HOURS_FORMAT = "0.00"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_WIDTH = 60
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")


@dataclass(frozen=True)
class TrajectoryRow:
    """One row of the monthly POP overview."""

    organisation: str
    last_name: str
    first_name: str
    coach: str
    variant: str
    start_date: date | None
    completion_date: date | None
    contact_moments: int
    contact_hours: float
    actions: int
    generic_actions: int
    technical_actions: int
    follow_up: bool
    consent_date: date | None
    uploaded_on: date | None
    uploaded_by: str


@dataclass(frozen=True)
class ContactRow:
    """One held contact moment on the detail sheet."""

    organisation: str
    last_name: str
    first_name: str
    number: int
    day: date
    hours: float
    phase: str
    collective: bool


def trajectory_row(
    trajectory: Trajectory,
    employee: Employee,
    organisation: Organisation | None,
    coach_name: str,
    moments: Sequence[ContactMoment],
    pop: PopDocument | None,
    consent_date: date | None,
) -> TrajectoryRow:
    """Build the overview row of one trajectory from its records."""
    from poptui.export.pop_pdf import held_moments

    held = held_moments(moments)
    actions = pop.actions if pop else []
    final = pop is not None and pop.status is PopStatus.FINAL
    return TrajectoryRow(
        organisation=organisation.name if organisation else "",
        last_name=employee.last_name,
        first_name=employee.first_name,
        coach=coach_name,
        variant=label(trajectory.variant),
        start_date=trajectory.start_date,
        completion_date=trajectory.completion_date,
        contact_moments=len(held),
        contact_hours=round(sum(moment.duration_minutes for moment in held) / 60, 2),
        actions=len(actions),
        generic_actions=sum(action.kind is CompetenceKind.GENERIC for action in actions),
        technical_actions=sum(action.kind is CompetenceKind.TECHNICAL for action in actions),
        follow_up=trajectory.is_follow_up,
        consent_date=consent_date,
        uploaded_on=pop.uploaded_on if final and pop is not None else None,
        uploaded_by=pop.uploaded_by if final and pop is not None else "",
    )


def contact_rows(
    employee: Employee, organisation: Organisation | None, moments: Sequence[ContactMoment]
) -> list[ContactRow]:
    """The detail rows of one trajectory: every held, dated contact moment."""
    from poptui.export.pop_pdf import held_moments

    return [
        ContactRow(
            organisation=organisation.name if organisation else "",
            last_name=employee.last_name,
            first_name=employee.first_name,
            number=moment.number,
            day=moment.date,
            hours=round(moment.duration_minutes / 60, 2),
            phase=label(moment.phase),
            collective=moment.collective,
        )
        for moment in held_moments(moments)
        if moment.date is not None
    ]


TRAJECTORY_HEADERS = (
    "Organisatie",
    "Achternaam",
    "Voornaam",
    "POP-coach",
    "Variant",
    "Startdatum",
    "Datum afgerond",
    "Aantal contactmomenten",
    "Contacturen",
    "Aantal acties",
    "Generieke acties",
    "Technische acties",
    "Eerste of vervolg-POP",
    "Datum toestemming",
    "Opgeladen in Mijn Loopbaan",
    "Datum opgeladen",
    "Opgeladen door",
)

CONTACT_HEADERS = (
    "Organisatie",
    "Achternaam",
    "Voornaam",
    "Contactmoment",
    "Datum",
    "Duur (uren)",
    "Fase",
    "Collectief",
)


def _book() -> Workbook:
    """A workbook in openpyxl's write-only mode: rows go straight to the file, not into cell objects kept
    for the whole sheet (a tenth less time, and far less memory, for the month's 1,000 trajectories and
    5,000 contacts)."""
    return Workbook(write_only=True)


def trajectories_workbook(
    rows: Sequence[TrajectoryRow], year: int, month: int, contacts: Sequence[ContactRow] = ()
) -> bytes:
    book = _book()
    sheet = book.create_sheet(_("POP-trajecten {year}-{month:02d}", year=year, month=month))
    values = [
        [
            row.organisation,
            row.last_name,
            row.first_name,
            row.coach,
            row.variant,
            row.start_date,
            row.completion_date,
            row.contact_moments,
            row.contact_hours,
            row.actions,
            row.generic_actions,
            row.technical_actions,
            _("vervolg-POP") if row.follow_up else _("eerste POP"),
            row.consent_date,
            yes_no(row.uploaded_on is not None),
            row.uploaded_on,
            row.uploaded_by,
        ]
        for row in rows
    ]
    overview = _fill(sheet, [_(header) for header in TRAJECTORY_HEADERS], values, hours_columns={9})
    detail = book.create_sheet(_("Contactmomenten"))
    ordered = sorted(
        contacts, key=lambda row: (row.organisation.casefold(), row.last_name.casefold(), row.first_name, row.day)
    )
    details = _fill(
        detail,
        [_(header) for header in CONTACT_HEADERS],
        [
            [row.organisation, row.last_name, row.first_name, row.number, row.day, row.hours, row.phase]
            + [yes_no(row.collective)]
            for row in ordered
        ],
        hours_columns={6},
    )
    return save(book, [overview, details])


@dataclass(frozen=True)
class TrainingRow:
    day: date
    title: str
    trainer: str
    place: str
    hours: float
    participants: Sequence[str]


@dataclass(frozen=True)
class HoursRow:
    organisation: str
    day: date
    kind: str
    description: str
    coach: str
    hours: float


def training_row(training: Training, trainer: str, participants: Sequence[str]) -> TrainingRow:
    return TrainingRow(training.date, training.title, trainer, training.place, training.hours, list(participants))


def hours_row(entry: HoursEntry, organisation: str, coach: str) -> HoursRow:
    return HoursRow(organisation, entry.date, label(entry.kind), entry.description, coach, entry.hours)


def trainings_workbook(
    trainings: Sequence[TrainingRow],
    hours: Sequence[HoursRow],
    year: int,
    month: int,
    month_hours: Sequence[tuple[str, MonthHours]] = (),
) -> bytes:
    """``month_hours``: (organisation name, its hours of the month) per organisation."""
    book = _book()
    sheet = book.create_sheet(_("Opleidingen {year}-{month:02d}", year=year, month=month))
    days = _fill(
        sheet,
        [_("Datum"), _("Opleiding"), _("POP-trainer"), _("Plaats"), _("Uren"), _("Aantal deelnemers"), _("Deelnemers")],
        [
            [row.day, row.title, row.trainer, row.place, row.hours, len(row.participants), ", ".join(row.participants)]
            for row in sorted(trainings, key=lambda item: (item.day, item.title))
        ],
        hours_columns={5},
    )
    hours_sheet = book.create_sheet(_("Uren organisaties"))
    organisation_hours = _fill(
        hours_sheet,
        [_("Organisatie"), _("Datum"), _("Soort"), _("Omschrijving"), _("POP-coach"), _("Uren")],
        [
            [row.organisation, row.day, row.kind, row.description, row.coach, row.hours]
            for row in sorted(hours, key=lambda item: (item.organisation.casefold(), item.day))
        ],
        hours_columns={6},
    )
    per_month = book.create_sheet(_("Uren per maand"))
    months = _fill(
        per_month,
        [
            _("Organisatie"),
            _("Maand"),
            _("Aantal gesprekken"),
            _("Contacturen"),
            *(label(kind) for kind in HoursKind),
            _("Totaal bovenop contact"),
        ],
        [
            [
                name,
                f"{item.year:04d}-{item.month:02d}",
                item.contact_moments,
                item.contact_hours,
                *(item.hours_of(kind) for kind in HoursKind),
                item.organisation_hours,
            ]
            for name, item in sorted(month_hours, key=lambda pair: pair[0].casefold())
        ],
        hours_columns=set(range(4, 5 + len(HoursKind) + 1)),
    )
    return save(book, [days, organisation_hours, months])


# -- shared sheet handling ------------------------------------------------------------


_NOT_IN_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""What XML 1.0 cannot hold besides openpyxl's illegal control characters: a surrogate on its own
(a JSON file may hold one as an escape) and the two noncharacters. Written as character
references they make a file that Excel refuses as damaged."""


def safe_text(value: str) -> str:
    """Text a worksheet can hold: escape sequences, control and illegal characters removed."""
    return _NOT_IN_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", clean_text(value)))


def _fill(sheet: Any, headers: list[str], rows: list[list[Any]], *, hours_columns: set[int]) -> SheetCells:
    """Headers (bold, shaded), then the rows: dates and hours formatted, text that Excel would read as
    a formula kept as text, columns as wide as their content, the header frozen and filtered.
    ``sheet`` is a write-only worksheet that gets the layout; the cells are returned, for :func:`~poptui.export.xlsx_rows.save`."""
    cells = SheetCells(sheet, len(headers))
    header_style = cells.style("header", _header_style)
    cells.start_row()
    for column, header in enumerate(headers):
        cells.text(column, header, header_style)
    widths = [len(header) for header in headers]
    hours = [index in hours_columns for index in range(1, len(headers) + 1)]
    for values in rows:
        cells.start_row()
        for column, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, str):
                shown = len(value)
                text = safe_text(value)
                if text.startswith(FORMULA_START):
                    cells.text(column, text, cells.style("quoted", _quoted_style))
                else:
                    cells.text(column, text)
            elif isinstance(value, date):
                shown = len(format_date(value))
                cells.date(column, value, cells.style("date", _date_style))
            else:
                shown = len(str(value))
                if hours[column] and not isinstance(value, bool):
                    cells.number(column, value, cells.style("hours", _hours_style))
                else:
                    cells.number(column, value)
            widths[column] = max(widths[column], min(shown, MAX_WIDTH))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 3)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    sheet.sheet_view.zoomScale = 100
    return cells


def _header_style(cell: Any) -> None:
    cell.font = _HEADER_FONT
    cell.fill = _HEADER_FILL


def _quoted_style(cell: Any) -> None:
    """Excel's quote prefix: the text is never read as a formula (a name like '=HYPERLINK(...)' stays text)."""
    cell.quotePrefix = True


def _date_style(cell: Any) -> None:
    cell.number_format = DATE_FORMAT


def _hours_style(cell: Any) -> None:
    cell.number_format = HOURS_FORMAT
