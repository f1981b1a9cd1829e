"""Benchmark of the exports: the A4 POP PDF (bar: under 0.2 s) and the month's
Excel overview with 1,000 rows (bar: under 1 s).

Run: /work/venv/bin/python bench/bench_exports.py [--repeat N]
Prints the median and the worst of N runs; the first run (fonts loaded from disk,
caches cold) is shown separately.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

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


def _measure(label: str, run: Callable[[], bytes], repeat: int, bar: float) -> None:
    started = time.perf_counter()
    size = len(run())
    first = time.perf_counter() - started
    times = []
    for _index in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    median, worst = statistics.median(times), max(times)
    verdict = "OK" if median < bar else "TE TRAAG"
    print(
        f"{label:<34} eerste {first:6.3f} s  mediaan {median:6.3f} s  slechtste {worst:6.3f} s  "
        f"({size // 1024} kB, grens {bar} s: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Meet de snelheid van de exports.")
    parser.add_argument("--repeat", type=int, default=10)
    options = parser.parse_args()
    data = _pop()
    rows, contacts = _rows(1000), _contacts(1000)
    _measure("POP-document A4 (PDF)", lambda: pop_pdf(data), options.repeat, 0.2)
    _measure(
        "Maandoverzicht 1.000 rijen (xlsx)",
        lambda: trajectories_workbook(rows, 2026, 11, contacts),
        options.repeat,
        1.0,
    )


if __name__ == "__main__":
    main()
