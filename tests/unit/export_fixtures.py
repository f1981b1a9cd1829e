"""Records for the export tests, built with the models, and helpers to read PDFs back."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
from pypdf import PdfReader

from poptui.export.pop_pdf import PopPrint
from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    HoursEntry,
    HoursKind,
    Level,
    Organisation,
    Person,
    Phase,
    PopAction,
    PopDocument,
    PopItem,
    PopStatus,
    Role,
    Training,
    Trajectory,
    TrajectoryStatus,
    VariantId,
)

A4 = (595.28, 841.89)
PRINTED = date(2026, 12, 2)
AWKWARD = "Inès Müller-Özdemir zegt: “dat is ‘oké’” — €12,50 · D’Hondt ï ë é à ç ß æ ø ł ½ № ✓ 😀 🧑‍🔧 \t tab\x07bel"


def organisation(**fields: object) -> Organisation:
    values = {"name": "De Werkplaats vzw", "contact_person": "Hilde Verhoeven", "address": "Kerkstraat 3\n9300 Aalst"}
    return Organisation(**(values | fields))


def coach(organisation_id: str, first: str = "Sofie", last: str = "Claes") -> Person:
    return Person(first_name=first, last_name=last, organisation_id=organisation_id, roles=[Role.COACH])


def employee(organisation_id: str, first: str = "Inès", last: str = "Van den Broeck", **fields: object) -> Employee:
    values = {
        "first_name": first,
        "last_name": last,
        "function": "Medewerker sortering",
        "consent_date": date(2026, 9, 2),
    }
    return Employee(organisation_id=organisation_id, **(values | fields))


def trajectory(
    employee_id: str,
    coach_id: str | None,
    *,
    completed: date | None = date(2026, 11, 28),
    previous: str | None = None,
    **fields: object,
) -> Trajectory:
    return Trajectory(
        employee_id=employee_id,
        coach_id=coach_id,
        variant=VariantId.BASIS,
        reflection=Level.MEDIUM,
        intensity=Level.MEDIUM,
        status=TrajectoryStatus.COMPLETED if completed else TrajectoryStatus.ACTIVE,
        start_date=date(2026, 9, 1),
        completion_date=completed,
        previous_trajectory_id=previous,
        **fields,
    )


PHASES = [Phase.OPSTART, Phase.ANALYSE, Phase.ANALYSE, Phase.PLANNING, Phase.PLANNING]


def moments(employee_id: str, trajectory_id: str) -> list[ContactMoment]:
    held = [
        ContactMoment(
            employee_id=employee_id,
            trajectory_id=trajectory_id,
            number=number,
            status=ContactMomentStatus.HELD,
            date=date(2026, 9, 1 + 7 * number),
            duration_minutes=75 if number else 120,
            phase=phase,
        )
        for number, phase in enumerate(PHASES)
    ]
    planned = ContactMoment(employee_id=employee_id, trajectory_id=trajectory_id, number=5, phase=Phase.UITVOEREN)
    return [*held, planned]


def pop(employee_id: str, trajectory_id: str, *, finalised: date | None = date(2026, 11, 28)) -> PopDocument:
    return PopDocument(
        employee_id=employee_id,
        trajectory_id=trajectory_id,
        status=PopStatus.FINAL if finalised else PopStatus.DRAFT,
        finalised_on=finalised,
        wat_wil_ik=[PopItem(text="Ik wil in de winkel aan de kassa werken.")],
        wat_kan_ik=[
            PopItem(text="Kleding sorteren op kwaliteit", kind=CompetenceKind.TECHNICAL),
            PopItem(text="Altijd op tijd komen", kind=CompetenceKind.GENERIC),
            PopItem(text="Goed met mijn handen werken", kind=CompetenceKind.OTHER),
        ],
        ontwikkelpunten=[PopItem(text="Klanten durven aanspreken", kind=CompetenceKind.GENERIC)],
        goal="Doorgroeien naar kassamedewerker",
        actions=[
            PopAction(
                what="Opleiding kassasysteem volgen",
                who_helps="Collega Jan",
                deadline=date(2027, 2, 1),
                result="Attest kassasysteem behaald",
                kind=CompetenceKind.TECHNICAL,
            ),
            PopAction(
                what="Elke dag drie klanten zelf helpen",
                who_helps="Collega Mia",
                deadline=date(2027, 3, 1),
                result="Mia noteert het drie weken lang",
                kind=CompetenceKind.GENERIC,
            ),
        ],
    )


def evaluations(employee_id: str, trajectory_id: str) -> list[ActionEvaluation]:
    return [
        ActionEvaluation(
            employee_id=employee_id,
            trajectory_id=trajectory_id,
            previous_trajectory_id="vorig",
            action_id="a1",
            action_what="Heftruckattest halen",
            progress=3,
            carry_over=True,
            remark="Nog één praktijkles nodig",
        ),
        ActionEvaluation(
            employee_id=employee_id,
            trajectory_id=trajectory_id,
            previous_trajectory_id="vorig",
            action_id="a2",
            action_what="Leren plannen met een weekschema",
            progress=5,
            carry_over=False,
        ),
    ]


def pop_print(*, first_name: str = "Inès", follow_up: bool = False) -> PopPrint:
    """What a POP print needs: the records above, a follow-up POP (with evaluations) when asked."""
    org = organisation()
    person = coach(org.id)
    worker = employee(org.id, first=first_name)
    traject = trajectory(worker.id, person.id, previous="vorig" if follow_up else None)
    return PopPrint(
        employee=worker,
        trajectory=traject,
        pop=pop(worker.id, traject.id),
        organisation=org,
        coach_name=person.full_name,
        moments=moments(worker.id, traject.id),
        evaluations=evaluations(worker.id, traject.id) if follow_up else (),
        print_date=PRINTED,
    )


def training(trainer_id: str, attendee_ids: list[str], day: date = date(2026, 11, 12)) -> Training:
    return Training(
        date=day,
        title="POP-coach opleiding dag 1",
        trainer_id=trainer_id,
        hours=6,
        place="Gent",
        attendee_ids=attendee_ids,
    )


def hours(organisation_id: str, coach_id: str) -> list[HoursEntry]:
    return [
        HoursEntry(
            organisation_id=organisation_id,
            coach_id=coach_id,
            date=date(2026, 11, 3),
            kind=HoursKind.INTAKE,
            hours=2,
            description="Intakegesprek met directie",
        ),
        HoursEntry(
            organisation_id=organisation_id,
            coach_id=coach_id,
            date=date(2026, 11, 17),
            kind=HoursKind.GUIDANCE_SUPERVISORS,
            hours=1.5,
            description="Werkvloerbegeleiders: tussentijds overleg",
        ),
    ]


# -- reading PDFs back ---------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """All text of a PDF, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    reader = PdfReader(io.BytesIO(data))
    return [(round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) for page in reader.pages]


def ticked_labels(data: bytes) -> list[str]:
    """The label right of every ticked box, in reading order."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            words = page.extract_words(keep_blank_chars=False, use_text_flow=True)
            ticks = sorted(
                (char for char in page.chars if char["text"] == "\u2714"), key=lambda c: (round(c["top"]), c["x0"])
            )
            for tick in ticks:
                candidates = [
                    word
                    for word in words
                    if abs(word["top"] - tick["top"]) < 3
                    and word["x0"] >= tick["x1"] - 0.5
                    and word["x0"] - tick["x1"] < 8
                    and word["text"] != "\u2714"
                ]
                label = min(candidates, key=lambda word: word["x0"])["text"] if candidates else ""
                out.append(label.lstrip("\u2714"))
    return out


def box_count(data: bytes, size_mm: float = 3.3) -> int:
    """How many tick/progress boxes (small squares) the PDF draws."""
    size = size_mm * 72 / 25.4
    with pdfplumber.open(io.BytesIO(data)) as document:
        return sum(
            1
            for page in document.pages
            for rect in page.rects
            if abs(rect["width"] - size) < 0.3 and abs(rect["height"] - size) < 0.3
        )


def filled_box_count(data: bytes, size_mm: float = 3.3) -> int:
    size = size_mm * 72 / 25.4
    with pdfplumber.open(io.BytesIO(data)) as document:
        return sum(
            1
            for page in document.pages
            for rect in page.rects
            if abs(rect["width"] - size) < 0.3 and abs(rect["height"] - size) < 0.3 and rect.get("fill")
        )
