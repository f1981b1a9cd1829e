"""The filled competence measurement (§5.6) on A4: the blank competence sheet's layout (one row
per competence, the ratings beside it, a wide remarks column) with the ratings filled in, and a
supervisor consultation (tussentijds overleg) with its ratings per competence.

- :func:`competence_sheet`: the body of the measurement's filled sheet (registered in
  :data:`poptui.methods_registry.FILLED_SHEETS`): the profile and the scale, then per
  competence its kind and expected level, the employee's own rating, the coach's, the
  supervisor's (from the latest consultation of the trajectory when none was entered, marked
  ``*``), where the employee wants to be, and the remarks; ``!!`` marks a difference of two
  levels or more between the employee and another rater; then those points to talk about.
- :func:`consultation_pdf`: one supervisor consultation as a page of the dossier.

Pure functions of the records (the rules come from :mod:`poptui.services.competence_measurement`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from poptui import clock
from poptui.export.method_sheets import MethodSheetPrint
from poptui.export.pdf_layout import Cell, Column, FormContext, FormPdf, form_document
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import lower_label
from poptui.models import CompetentiemetingRecord, ScaleLevel, SupervisorConsultation
from poptui.services.competence_measurement import consultation_ratings, supervisor_values, talk_about

EXTRA_ROWS = 2
"""Empty rows under the competences, to write in a competence that comes up in the conversation."""


def _rating(value: int | None, scale: list[ScaleLevel], mark: str = "") -> str:
    if value is None:
        return ""
    level = next((item.label for item in scale if item.value == value), "")
    return f"{value}{mark}\n{level}" if level else f"{value}{mark}"


def competence_sheet(pdf: FormPdf, data: MethodSheetPrint) -> None:
    record = data.record
    if not isinstance(record, CompetentiemetingRecord):
        raise TypeError("competence_sheet prints a CompetentiemetingRecord")
    scale = list(record.scale)
    from_consultations, consultation = consultation_ratings(data.consultations)
    supervisor = supervisor_values(record, from_consultations)
    profile = record.profile_name or _("eigen keuze van competenties")
    pdf.paragraph(_("Functieprofiel: {profile}", profile=profile), size=9.5)
    if scale:
        legend = ", ".join(f"{level.value} = {level.label}" for level in scale)
        pdf.paragraph(_("Schaal: {scale}.", scale=legend), size=9, muted=True)
    marks = _("!! = de werknemer en een ander verschillen twee niveaus of meer: om te bespreken.")
    if consultation is not None and any(source for _value, source in supervisor.values()):
        marks += " " + _("* = uit het tussentijds overleg van {date}.", date=format_date(consultation.date) or "?")
    pdf.paragraph(marks, size=9, muted=True)
    rows: list[list[Cell]] = []
    talk_names: list[str] = []
    for rating in record.ratings:
        shown, from_consultation = supervisor.get(rating.competence_id, (None, False))
        talk = talk_about(rating.self_rating, rating.coach, shown)
        name = rating.name + ("  !!" if talk else "")
        details = [lower_label(rating.kind)]
        if rating.expected is not None:
            details.append(_("verwacht {level}", level=rating.expected))
        rows.append(
            [
                f"{name}\n{', '.join(details)}",
                _rating(rating.self_rating, scale),
                _rating(rating.coach, scale),
                _rating(shown, scale, "*" if from_consultation else ""),
                _rating(rating.desired, scale),
                rating.remark,
            ]
        )
        if talk:
            talk_names.append(rating.name)
    rows += [["", "", "", "", "", ""] for _row in range(EXTRA_ROWS)]
    pdf.grid(
        [
            Column(_("Competentie"), 38),
            Column(_("Zelf"), 18),
            Column(_("Coach"), 18),
            Column(_("Werkvloerbegeleider"), 18),
            Column(_("Waar wil ik naartoe?"), 18),
            Column(_("Opmerkingen"), 64),
        ],
        rows,
        size=8.5,
        min_row_height=12,
    )
    if talk_names:
        pdf.section(
            _("Om te bespreken"),
            _("§5.6: de eigen inschatting getoetst aan die van de coach en de werkvloerbegeleider."),
        )
        for name in talk_names:
            pdf.paragraph(f"• {name}", size=9.5)


@dataclass(frozen=True)
class ConsultationPrint:
    consultation: SupervisorConsultation
    employee_name: str
    supervisor_name: str = ""
    coach_name: str = ""
    organisation: str = ""
    scale: tuple[ScaleLevel, ...] = ()
    print_date: date = field(default_factory=lambda: clock.today())


@form_document
def consultation_pdf(data: ConsultationPrint) -> bytes:
    """A supervisor consultation (tussentijds overleg) on A4: what the supervisor sees the employee do
    well and less well, the notes, and the supervisor's rating per competence."""
    consultation = data.consultation
    pdf = FormPdf(
        _("Tussentijds overleg met de werkvloerbegeleider"),
        FormContext(data.organisation, data.print_date),
        _("De perceptie van de werkvloerbegeleider: wat de werknemer goed en minder goed doet."),
    )
    pdf.fields(
        [
            (_("Naam werknemer"), data.employee_name),
            (_("Datum"), format_date(consultation.date) if consultation.date else ""),
            (_("Werkvloerbegeleider"), data.supervisor_name),
            (_("POP-coach"), data.coach_name),
        ]
    )
    for title, text in (
        (_("Doet goed"), consultation.does_well),
        (_("Doet minder goed"), consultation.does_less_well),
        (_("Notities"), consultation.notes),
    ):
        pdf.section(title)
        if text.strip():
            pdf.paragraph(text, size=9.5)
        else:
            pdf.paragraph("–", size=9, muted=True)
    if consultation.competence_ratings:
        scale = list(data.scale)
        pdf.section(_("Inschatting competenties"))
        if scale:
            legend = ", ".join(f"{level.value} = {level.label}" for level in scale)
            pdf.paragraph(_("Schaal: {scale}.", scale=legend), size=9, muted=True)
        pdf.grid(
            [Column(_("Competentie"), 80), Column(_("Inschatting"), 94)],
            [
                [rating.name, _rating(rating.rating, scale).replace("\n", " – ")]
                for rating in consultation.competence_ratings
            ],
            size=9.5,
            min_row_height=7,
        )
    return pdf.to_bytes()
