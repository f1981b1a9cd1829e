"""The filled competence measurement and a supervisor consultation on A4, read back from the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pdfplumber
import pytest

from poptui.models import (
    CompetentiemetingRecord,
    ConsultationRating,
    Employee,
    Level,
    Organisation,
    Person,
    Role,
    SupervisorConsultation,
    Trajectory,
    VariantId,
)
from poptui.services import competence_measurement as measurement
from poptui.services import competences, forms
from poptui.store import Database


@pytest.fixture
def record(db: Database, monkeypatch: pytest.MonkeyPatch) -> CompetentiemetingRecord:
    monkeypatch.setattr("poptui.clock.today", lambda: date(2026, 3, 2))
    organisation = db.save(Organisation(name="De Werkplaats"))
    competences.save_profile(db, organisation.id, "Heftruckchauffeur", {"samenwerken": 3, "machines_bedienen": 4})
    supervisor = db.save(
        Person(first_name="Luc", last_name="Maes", organisation_id=organisation.id, roles=[Role.SUPERVISOR])
    )
    employee = db.save(
        Employee(
            first_name="Mohamed", last_name="El Amrani", organisation_id=organisation.id, function="Heftruckchauffeur"
        )
    )
    trajectory = db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.BASIS, reflection=Level.HIGH, intensity=Level.MEDIUM)
    )
    db.save(
        SupervisorConsultation(
            employee_id=employee.id,
            trajectory_id=trajectory.id,
            date=date(2026, 2, 20),
            supervisor_id=supervisor.id,
            does_well="Rijdt veilig.",
            competence_ratings=[
                ConsultationRating(competence_id="machines_bedienen", name="Machines bedienen", rating=2)
            ],
        )
    )
    new = CompetentiemetingRecord(employee_id=employee.id, trajectory_id=trajectory.id, date=date(2026, 3, 2))
    new = measurement.prepared(db, new, employee)
    for key, (self_rating, coach, desired) in {"samenwerken": (3, 3, 4), "machines_bedienen": (4, 3, 4)}.items():
        new = measurement.rate(new, key, "self_rating", self_rating)
        new = measurement.rate(new, key, "coach", coach)
        new = measurement.rate(new, key, "desired", desired)
    new = measurement.set_remark(new, "machines_bedienen", "Wil zelf de heftruck besturen")
    return db.save(new)


def _text(path: Path) -> str:
    """All text of the PDF, whitespace collapsed."""
    with pdfplumber.open(path) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_the_filled_measurement_prints_the_ratings_in_the_sheets_layout(
    db: Database, record: CompetentiemetingRecord, tmp_path: Path
) -> None:
    path = forms.export_method(db, record, tmp_path)
    assert path.name == "20260302_COMPETENTIEMETING_ELAMRANI_MOHAMED.pdf"
    text = _text(path)
    assert "Competentiemeting (ingevuld)" in text and "Functieprofiel: Heftruckchauffeur" in text
    assert "Schaal: 1 = lukt nog niet, 2 = lukt soms, 3 = lukt meestal, 4 = lukt altijd." in text
    for heading in ("Competentie", "Zelf", "Coach", "Opmerkingen"):
        assert heading in text
    assert "Machines bedienen !!" in text  # self 4, supervisor 2 (from the consultation)
    assert "2*" in text and "uit het tussentijds overleg van 20/02/2026" in text
    assert "Wil zelf de heftruck besturen" in text
    assert "Om te bespreken" in text
    with pdfplumber.open(path) as pdf:
        table = pdf.pages[0].find_tables()[-1]
        widths = [cell[2] - cell[0] for cell in table.rows[0].cells if cell]
        assert widths[-1] == max(widths)  # the remarks column is the widest: room to write


def test_a_consultation_prints_with_its_competence_ratings(
    db: Database, record: CompetentiemetingRecord, tmp_path: Path
) -> None:
    [consultation] = db.list(SupervisorConsultation, employee_id=record.employee_id)
    text = _text(forms.export_consultation(db, consultation, tmp_path))
    assert "Tussentijds overleg met de werkvloerbegeleider" in text
    assert "Luc Maes" in text and "Rijdt veilig." in text
    assert "Machines bedienen" in text and "2 – lukt soms" in text
