"""The exports: one POP PDF and the month's Excel with 1,000 rows, against bare fpdf2 and openpyxl.

- POP PDF: :func:`poptui.export.pop_pdf.pop_pdf` of a full POP (five contact moments, three
  summaries, five actions), timed once fpdf2 is loaded; the baseline is a bare fpdf2
  document of about the same text with the same embedded DejaVu fonts (as every poptui
  form embeds them).
- Month Excel, the goal's figure: :func:`poptui.export.excel.trajectories_workbook` with 1,000
  rows, the overview of 1,000 completed trajectories (17 columns, 17,000 cells; its detail sheet
  holds only its header). That is the workbook issue 17 measured when it set the goal ("the
  1,000-row month Excel", one sheet: the detail sheet came later).
- Month Excel, whole workbook: the same 1,000 rows with their 5,000 contact moments on the
  detail sheet (57,000 cells), what the month of 1,000 trajectories really produces; no goal.
  Each baseline is a bare openpyxl workbook of the same cells on the same sheets, each with a
  bold header.

The figures and their baselines run in turns and the medians are printed. ``--bare-pdfs N --out DIR`` writes N bare
fpdf2 documents (run_all.py times that against ``poptui report month``), ``--busiest-month
DB`` names the month whose completed trajectories come closest to 100.

Run alone: .venv/bin/python bench/bench_exports.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from poptui.export.excel import ContactRow, TrajectoryRow, trajectories_workbook
from poptui.export.pop_pdf import PopPrint, pop_pdf
from poptui.models import (
    CompetenceKind,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Level,
    Organisation,
    Phase,
    PopAction,
    PopDocument,
    PopItem,
    PopStatus,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)


def _pop() -> PopPrint:
    organisation = Organisation(name="De Werkplaats vzw")
    employee = Employee(
        first_name="Inès", last_name="Van den Broeck", organisation_id=organisation.id, function="Medewerker sortering"
    )
    trajectory = Trajectory(
        employee_id=employee.id,
        variant=VariantId.BASIS,
        reflection=Level.MEDIUM,
        intensity=Level.MEDIUM,
        status=TrajectoryStatus.COMPLETED,
        start_date=date(2026, 9, 1),
        completion_date=date(2026, 11, 28),
    )
    phases = [Phase.OPSTART, Phase.ANALYSE, Phase.ANALYSE, Phase.PLANNING, Phase.PLANNING]
    moments = [
        ContactMoment(
            employee_id=employee.id,
            trajectory_id=trajectory.id,
            number=number,
            status=ContactMomentStatus.HELD,
            date=date(2026, 9, 1) + timedelta(days=7 * number),
            phase=phase,
        )
        for number, phase in enumerate(phases)
    ]
    kinds = [CompetenceKind.GENERIC, CompetenceKind.TECHNICAL, CompetenceKind.OTHER]
    pop = PopDocument(
        employee_id=employee.id,
        trajectory_id=trajectory.id,
        status=PopStatus.FINAL,
        finalised_on=date(2026, 11, 28),
        wat_wil_ik=[PopItem(text=f"Conclusie {number} over wat ik wil, waar ik achter sta.") for number in range(3)],
        wat_kan_ik=[PopItem(text=f"Wat ik kan, punt {number}", kind=kinds[number % 3]) for number in range(4)],
        ontwikkelpunten=[PopItem(text=f"Ontwikkelpunt {number}", kind=kinds[number % 3]) for number in range(3)],
        goal="Doorgroeien naar kassamedewerker in de winkel",
        actions=[
            PopAction(
                what=f"Actie {number}: een concrete stap met wat uitleg erbij",
                who_helps="Collega Jan",
                deadline=date(2027, 2, 1),
                result="Een meetbaar resultaat dat iedereen kan zien",
                kind=kinds[number % 2],
            )
            for number in range(5)
        ],
    )
    return PopPrint(employee, trajectory, pop, organisation, "Sofie Claes", moments, (), date(2026, 12, 1))


def _rows(count: int) -> list[TrajectoryRow]:
    return [
        TrajectoryRow(
            organisation=f"Organisatie {number % 25}",
            last_name=f"Achternaam{number}",
            first_name="Voornaam",
            coach="Sofie Claes",
            variant="Basistraject",
            start_date=date(2026, 8, 1),
            completion_date=date(2026, 11, 1 + number % 28),
            contact_moments=5,
            contact_hours=6.25,
            actions=4,
            generic_actions=2,
            technical_actions=2,
            follow_up=number % 3 == 0,
            consent_date=date(2026, 8, 1),
            uploaded_on=date(2026, 11, 30) if number % 2 == 0 else None,
            uploaded_by="Sofie Claes" if number % 2 == 0 else "",
        )
        for number in range(count)
    ]


def _contacts(count: int) -> list[ContactRow]:
    """Five held contact moments per trajectory: the detail sheet of the month Excel."""
    return [
        ContactRow(
            f"Organisatie {number % 25}",
            f"Achternaam{number}",
            "Voornaam",
            moment,
            date(2026, 9, 1 + 7 * moment),
            1.25,
            "Analyse",
            False,
        )
        for number in range(count)
        for moment in range(5)
    ]


def bare_pdf(data: PopPrint) -> bytes:
    """A bare fpdf2 document with about the POP's text, in the same embedded fonts."""
    from fpdf import FPDF

    from poptui.export.pdf_layout import FONT, FONT_FILES
    from poptui.resources import data_path

    pdf = FPDF(format="A4")
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(data_path("fonts", name)))
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 10, f"Persoonlijk ontwikkelingsplan: {data.employee.full_name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    for moment in data.moments:
        pdf.cell(
            0,
            6,
            f"Contactmoment {moment.number}: {moment.date:%d/%m/%Y} ({moment.phase.value})",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    for items in (data.pop.wat_wil_ik, data.pop.wat_kan_ik, data.pop.ontwikkelpunten):
        for item in items:
            pdf.multi_cell(0, 6, f"[{item.kind.value}] {item.text}", new_x="LMARGIN", new_y="NEXT")
    for action in data.pop.actions:
        pdf.multi_cell(0, 6, f"{action.what} / {action.who_helps} / {action.result}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def bare_workbook(rows: list[TrajectoryRow], contacts: list[ContactRow]) -> bytes:
    """A bare openpyxl workbook with the same cells on two sheets, each with a bold header row."""
    from dataclasses import astuple, fields

    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    for sheet, kind, items in (
        (workbook.worksheets[0], TrajectoryRow, rows),
        (workbook.create_sheet(), ContactRow, contacts),
    ):
        sheet.append([field.name for field in fields(kind)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for item in items:
            sheet.append(list(astuple(item)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def alternate(runs: dict[str, Callable[[], bytes]], repeat: int) -> dict[str, list[float]]:
    """Seconds per run of each function, in turns, after one warm-up run each (imports, fonts)."""
    for run in runs.values():
        run()
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for index in range(repeat):
        order = list(runs.items()) if index % 2 == 0 else list(reversed(runs.items()))
        for name, run in order:
            began = time.perf_counter()
            run()
            samples[name].append(time.perf_counter() - began)
    return samples


def measure(repeat: int) -> dict[str, list[float]]:
    data = _pop()
    rows, contacts = _rows(1000), _contacts(1000)
    return alternate(
        {
            "POP PDF": lambda: pop_pdf(data),
            "bare fpdf2 PDF": lambda: bare_pdf(data),
            "month Excel 1,000 rows": lambda: trajectories_workbook(rows, 2026, 11),
            "bare openpyxl 1,000 rows": lambda: bare_workbook(rows, []),
            "month Excel whole workbook": lambda: trajectories_workbook(rows, 2026, 11, contacts),
            "bare openpyxl whole workbook": lambda: bare_workbook(rows, contacts),
        },
        repeat,
    )


def write_bare_pdfs(count: int, folder: Path) -> None:
    data = _pop()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for number in range(count):
        (folder / f"bare-{number:03d}.pdf").write_bytes(bare_pdf(data))


def busiest_month(folder: Path, wanted: int = 100) -> tuple[str, int]:
    """The month (YYYY-MM) whose completed trajectories come closest to ``wanted``, and their number."""
    from collections import Counter

    from poptui.models import TrajectoryStatus
    from poptui.store import Database

    completed = Counter(
        f"{trajectory.completion_date:%Y-%m}"
        for trajectory in Database.open(folder).list(Trajectory)
        if trajectory.status is TrajectoryStatus.COMPLETED and trajectory.completion_date
    )
    month = min(completed, key=lambda key: (abs(completed[key] - wanted), key))
    return month, completed[month]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print the samples as JSON (for run_all.py)")
    parser.add_argument("--bare-pdfs", type=int, metavar="N", help="write N bare fpdf2 documents to --out")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--busiest-month", type=Path, metavar="DB")
    options = parser.parse_args()
    if options.bare_pdfs:
        write_bare_pdfs(options.bare_pdfs, options.out)
        return
    if options.busiest_month:
        month, count = busiest_month(options.busiest_month)
        print(json.dumps({"month": month, "completed": count}))
        return
    samples = measure(options.repeat)
    if options.json:
        json.dump(samples, sys.stdout)
        return
    for name, seconds in samples.items():
        print(f"{name:<30} median {statistics.median(seconds):6.3f} s   worst {max(seconds):6.3f} s")


if __name__ == "__main__":
    main()
