"""The monthly Excel overviews read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime

from export_fixtures import coach, employee, hours, moments, organisation, pop, training, trajectory
from openpyxl import load_workbook

from poptui.export.excel import (
    CONTACT_HEADERS,
    TRAJECTORY_HEADERS,
    contact_rows,
    hours_row,
    training_row,
    trainings_workbook,
    trajectories_workbook,
    trajectory_row,
)


def _row(**employee_fields: object):
    org = organisation()
    person = coach(org.id)
    worker = employee(org.id, **employee_fields)
    traject = trajectory(worker.id, person.id)
    uploaded = pop(worker.id, traject.id).model_copy(update={"uploaded_on": date(2026, 11, 30), "uploaded_by": "sofie"})
    return trajectory_row(
        traject, worker, org, person.full_name, moments(worker.id, traject.id), uploaded, worker.consent_date
    )


def _sheet(data: bytes, index: int = 0):
    return load_workbook(io.BytesIO(data)).worksheets[index]


def test_trajectory_overview_has_fixed_columns_real_dates_and_numbers() -> None:
    sheet = _sheet(trajectories_workbook([_row()], 2026, 11))
    assert [cell.value for cell in sheet[1]] == list(TRAJECTORY_HEADERS)
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q2"
    values = {header: cell for header, cell in zip(TRAJECTORY_HEADERS, sheet[2], strict=False)}
    assert values["Organisatie"].value == "De Werkplaats vzw"
    assert values["Achternaam"].value == "Van den Broeck" and values["Voornaam"].value == "Inès"
    assert values["POP-coach"].value == "Sofie Claes"
    assert values["Variant"].value == "Basistraject"
    assert values["Startdatum"].value == datetime(2026, 9, 1)
    assert values["Startdatum"].number_format == "dd/mm/yyyy"
    assert values["Datum afgerond"].value == datetime(2026, 11, 28)
    assert values["Aantal contactmomenten"].value == 5
    assert values["Contacturen"].value == 7 and values["Contacturen"].data_type == "n"
    assert values["Aantal acties"].value == 2
    assert values["Generieke acties"].value == 1 and values["Technische acties"].value == 1
    assert values["Eerste of vervolg-POP"].value == "eerste POP"
    assert values["Datum toestemming"].value == datetime(2026, 9, 2)
    assert values["Opgeladen in Mijn Loopbaan"].value == "ja"
    assert values["Datum opgeladen"].value == datetime(2026, 11, 30) and values["Datum opgeladen"].is_date
    assert values["Opgeladen door"].value == "sofie"
    assert 10 <= sheet.column_dimensions["I"].width <= 63


def test_text_that_looks_like_a_formula_stays_text() -> None:
    hostile = ['=HYPERLINK("http://x","klik")', "+32 470 12 34 56", "-1+1", "@SUM(A1)", "\tTab", "\rCR"]
    rows = [_row(last_name=f"Naam{number}", function="x") for number in range(len(hostile))]
    rows = [row.__class__(**{**row.__dict__, "organisation": text}) for row, text in zip(rows, hostile, strict=False)]
    sheet = _sheet(trajectories_workbook(rows, 2026, 11))
    for number in range(len(hostile)):
        cell = sheet.cell(row=number + 2, column=1)
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix
    assert sheet.cell(row=2, column=1).value.startswith("=HYPERLINK")


def test_control_characters_never_break_the_workbook() -> None:
    row = _row()
    row = row.__class__(**{**row.__dict__, "coach": "Sofie\x00\x01\x1b[31m Claes\x0b"})
    sheet = _sheet(trajectories_workbook([row], 2026, 11))
    assert sheet.cell(row=2, column=4).value == "Sofie Claes"


def test_characters_xml_cannot_hold_never_make_a_damaged_workbook() -> None:
    """A lone surrogate (a JSON file may hold one as an escape) or a noncharacter, written as a
    character reference, makes a file Excel refuses; they are left out like control characters."""
    row = _row()
    row = row.__class__(**{**row.__dict__, "coach": "Sofie\ud800 Cl\ufffeaes\uffff"})
    sheet = _sheet(trajectories_workbook([row], 2026, 11))
    assert sheet.cell(row=2, column=4).value == "Sofie Claes"


def test_an_empty_month_still_has_its_header() -> None:
    sheet = _sheet(trajectories_workbook([], 2026, 11))
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:Q1"


def test_training_overview_and_organisation_hours() -> None:
    org = organisation(name="LDE Groen & Zorg")
    person = coach(org.id)
    day = training("t1", [person.id, "x"])
    data = trainings_workbook(
        [training_row(day, "Marc Peeters", ["Sofie Claes", "An Janssens"])],
        [hours_row(entry, org.name, "Tom De Smet") for entry in hours(org.id, person.id)],
        2026,
        11,
    )
    book = load_workbook(io.BytesIO(data))
    trainings, hours_sheet, _per_month = book.worksheets
    assert [cell.value for cell in trainings[1]] == [
        "Datum",
        "Opleiding",
        "POP-trainer",
        "Plaats",
        "Uren",
        "Aantal deelnemers",
        "Deelnemers",
    ]
    assert trainings["A2"].value == datetime(2026, 11, 12) and trainings["A2"].number_format == "dd/mm/yyyy"
    assert trainings["E2"].value == 6 and trainings["F2"].value == 2
    assert trainings["G2"].value == "Sofie Claes, An Janssens"
    assert hours_sheet.title == "Uren organisaties"
    assert [cell.value for cell in hours_sheet[1]] == [
        "Organisatie",
        "Datum",
        "Soort",
        "Omschrijving",
        "POP-coach",
        "Uren",
    ]
    assert [hours_sheet.cell(row=r, column=6).value for r in (2, 3)] == [2, 1.5]
    assert hours_sheet["B3"].value == datetime(2026, 11, 17)
    assert hours_sheet.freeze_panes == "A2" and hours_sheet.auto_filter.ref == "A1:F3"


def test_dates_are_date_cells_not_text() -> None:
    sheet = _sheet(trajectories_workbook([_row()], 2026, 11))
    date_cells = [cell for cell in sheet[2] if isinstance(cell.value, (date, datetime))]
    assert len(date_cells) == 4
    assert all(cell.is_date for cell in date_cells)


def test_a_draft_pop_is_never_uploaded_in_the_overview() -> None:
    org = organisation()
    worker = employee(org.id)
    traject = trajectory(worker.id, None)
    draft = pop(worker.id, traject.id, finalised=None).model_copy(update={"uploaded_on": date(2026, 11, 30)})
    row = trajectory_row(traject, worker, org, "", moments(worker.id, traject.id), draft, None)
    assert row.uploaded_on is None and row.uploaded_by == ""


def test_every_contact_moment_has_its_own_row_with_a_real_date() -> None:
    org = organisation()
    worker = employee(org.id)
    traject = trajectory(worker.id, None)
    rows = contact_rows(worker, org, moments(worker.id, traject.id))
    book = load_workbook(io.BytesIO(trajectories_workbook([_row()], 2026, 11, rows)))
    detail = book.worksheets[1]
    assert detail.title == "Contactmomenten"
    assert [cell.value for cell in detail[1]] == list(CONTACT_HEADERS)
    assert detail.max_row == 1 + 5  # five held moments; the planned one is not a contact
    dates = [detail.cell(row=number, column=5) for number in range(2, 7)]
    assert [cell.value for cell in dates] == [datetime(2026, 9, day) for day in (1, 8, 15, 22, 29)]
    assert all(cell.is_date and cell.number_format == "dd/mm/yyyy" for cell in dates)
    assert [detail.cell(row=number, column=4).value for number in range(2, 7)] == [0, 1, 2, 3, 4]
    assert detail.cell(row=2, column=6).value == 2 and detail.cell(row=3, column=6).value == 1.25
    assert detail.cell(row=2, column=7).value == "Opstart"
    assert detail.freeze_panes == "A2" and detail.auto_filter.ref == "A1:H6"


def test_organisation_hours_beside_contact_hours_per_month() -> None:
    from poptui.services.hours_summary import hours_by_month

    org = organisation(name="LDE Groen & Zorg")
    person = coach(org.id)
    worker = employee(org.id)
    traject = trajectory(worker.id, None)
    november_moments = [
        m.model_copy(update={"date": date(2026, 11, 2 + m.number)}) for m in moments(worker.id, traject.id)
    ]
    [month] = hours_by_month(hours(org.id, person.id), november_moments)
    data = trainings_workbook([], [], 2026, 11, [(org.name, month)])
    sheet = load_workbook(io.BytesIO(data)).worksheets[2]
    assert sheet.title == "Uren per maand"
    assert [cell.value for cell in sheet[1]] == [
        "Organisatie",
        "Maand",
        "Aantal gesprekken",
        "Contacturen",
        "Intake",
        "Begeleiding organisatie",
        "Begeleiding begeleiders",
        "Andere",
        "Totaal bovenop contact",
    ]
    assert [cell.value for cell in sheet[2]] == ["LDE Groen & Zorg", "2026-11", 5, 7, 2, 0, 1.5, 0, 3.5]


def test_the_workbooks_are_written_through_lxml() -> None:
    """lxml is a dependency for openpyxl's sake: openpyxl writes the workbook's parts through it
    (poptui writes the cells: export/xlsx_rows.py). openpyxl falls back to its pure-Python writer
    silently when lxml is missing or switched off, so this says when that happens."""
    import openpyxl.xml

    assert openpyxl.xml.LXML
