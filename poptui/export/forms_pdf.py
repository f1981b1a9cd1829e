"""The registration forms of §4.4 and the start-up analysis of §3.3 as A4 PDFs.

- :func:`consent_pdf`: consent and registration document per employee (§4.4.1):
  the consent text word for word in the version that is recorded as signed (the
  current version when none is), with its version and date; the contact moments
  held (date, duration, phase); signatures of employee and coach.
- :func:`hours_pdf`: the organisation's hours beyond contact hours (§4.4.4): per
  month the contact hours and the hours per kind side by side (with totals), then
  every entry by date; signatures of organisation and coach.
- :func:`attendance_pdf`: attendance list of a training day (§4.4.6): a row per
  participant with organisation and a signature box; the trainer's signature.
- :func:`startup_pdf`: the start-up analysis of an organisation (§3.3), usable as
  the paper questionnaire: each step's explanation (with the "Wat als…?" argument
  of §3.3.4), every question with its answer, or lines to write on when unanswered.

Pure functions of the records; the catalog's §3.3 questionnaire is passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from poptui import clock
from poptui.export.pdf_layout import Column, FormContext, FormPdf, form_document
from poptui.export.pop_pdf import held_moments
from poptui.formatting import format_date, format_hours, format_minutes
from poptui.i18n import _
from poptui.labels import label
from poptui.models import ContactMoment, Employee, HoursEntry, HoursKind, Organisation, StartupAnalysis, Trajectory

if TYPE_CHECKING:  # the catalog's models are built where a start-up analysis is printed, not with every form
    from poptui.catalog_models import StartupGuide, StartupSection
from poptui.services.hours_summary import MonthHours, total

EXTRA_ATTENDANCE_ROWS = 3
WRITING_LINES = 3
"""Lines to write on under an unanswered question of the start-up analysis (one more per sub-question)."""


# -- consent and registration ------------------------------------------------------


@dataclass(frozen=True)
class ConsentWording:
    """One version of the consent text (data/consent.json), printed word for word."""

    version: str
    valid_from: date
    title: str
    text: str

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.text.split("\n\n") if part.strip()]


@dataclass(frozen=True)
class ConsentPrint:
    employee: Employee
    organisation: Organisation | None
    trajectories: Sequence[tuple[Trajectory, Sequence[ContactMoment]]]
    wording: ConsentWording
    coach_name: str = ""
    consent_date: date | None = None
    """The day the consent now valid was given (None: not given yet, or withdrawn)."""
    print_date: date = field(default_factory=lambda: clock.today())


@form_document
def consent_pdf(data: ConsentPrint) -> bytes:
    employee = data.employee
    wording = data.wording
    organisation = data.organisation.name if data.organisation else ""
    pdf = FormPdf(
        wording.title,
        FormContext(organisation, data.print_date),
        _("Document per doelgroepwerknemer (registratie POP, draaiboek §4.4.1)"),
    )
    pdf.section(_("Persoonsgegevens"))
    pdf.fields(
        [
            (_("Achternaam"), employee.last_name),
            (_("Voornaam"), employee.first_name),
            (_("Organisatie"), organisation),
            (_("Functie"), employee.function),
            (_("POP-coach"), data.coach_name),
            (_("Toestemming op"), format_date(data.consent_date)),
        ]
    )
    pdf.section(
        _("Toestemming"),
        _(
            "Toestemmingstekst versie {version}, geldig vanaf {date}.",
            version=wording.version,
            date=format_date(wording.valid_from),
        ),
    )
    for paragraph in wording.paragraphs:
        pdf.paragraph(paragraph, size=10)
    pdf.tick_line([(_("Ik geef toestemming."), data.consent_date is not None)])

    pdf.section(_("Contactmomenten"), _("De gesprekken die met de werknemer hebben plaatsgevonden."))
    if not data.trajectories:
        pdf.paragraph(_("Er is nog geen POP-traject geregistreerd."), size=9.5, muted=True)
    for trajectory, moments in data.trajectories:
        if len(data.trajectories) > 1:
            pdf.subheading(
                _(
                    "{variant}, gestart op {start}",
                    variant=label(trajectory.variant),
                    start=format_date(trajectory.start_date, "?"),
                )
            )
        held = held_moments(moments)
        if not held:
            pdf.paragraph(_("Nog geen gehouden contactmomenten."), size=9.5, muted=True)
            continue
        rows = [
            [
                str(moment.number),
                format_date(moment.date),
                format_minutes(moment.duration_minutes),
                label(moment.phase),
                _("ja") if moment.collective else _("nee"),
            ]
            for moment in held
        ]
        total = sum(moment.duration_minutes for moment in held)
        rows.append(["", _("Totaal"), format_minutes(total), _("{count} contactmomenten", count=len(held)), ""])
        pdf.grid(
            [
                Column(_("Nr."), 12, "C"),
                Column(_("Datum"), 30),
                Column(_("Duur"), 30),
                Column(_("Fase"), 70),
                Column(_("Collectief"), 32),
            ],
            rows,
        )
    pdf.section(_("Handtekeningen"))
    pdf.signatures([(_("Werknemer"), employee.full_name), (_("POP-coach"), data.coach_name)])
    return pdf.to_bytes()


# -- organisation hours -----------------------------------------------------------


@dataclass(frozen=True)
class HoursPrint:
    organisation: Organisation
    entries: Sequence[HoursEntry]
    months: Sequence[MonthHours] = ()
    """Contact hours and hours per kind per month (:func:`poptui.services.hours_summary.hours_by_month`)."""
    coach_names: dict[str, str] = field(default_factory=dict)
    """Person id -> name of the coaches who booked hours."""
    coach_name: str = ""
    print_date: date = field(default_factory=lambda: clock.today())


def month_text(year: int, month: int) -> str:
    return f"{month:02d}/{year}"


@form_document
def hours_pdf(data: HoursPrint) -> bytes:
    organisation = data.organisation
    entries = sorted(data.entries, key=lambda entry: (entry.date, entry.kind.value))
    period = ""
    if entries:
        period = f"{format_date(entries[0].date)} - {format_date(entries[-1].date)}"
    pdf = FormPdf(
        _("Uren begeleiding organisatie"),
        FormContext(organisation.name, data.print_date),
        _("Uren bovenop de contacturen met de doelgroepwerknemers (draaiboek §4.4.4)"),
    )
    pdf.section(_("Organisatie"))
    pdf.fields(
        [
            (_("Naam"), organisation.name),
            (_("Contactpersoon"), organisation.contact_person),
            (_("Adres"), organisation.address),
            (_("Periode"), period),
            (_("Afgerond op"), format_date(organisation.guidance_ended_on)),
            (_("POP-coach"), data.coach_name),
        ]
    )
    _hours_per_month(pdf, data.months)
    pdf.section(_("Geregistreerde uren bovenop de contacturen"))
    if entries:
        rows = [
            [
                format_date(entry.date),
                label(entry.kind),
                entry.description,
                data.coach_names.get(entry.coach_id or "", ""),
                format_hours(entry.hours),
            ]
            for entry in entries
        ]
        pdf.grid(
            [
                Column(_("Datum"), 24),
                Column(_("Soort"), 38),
                Column(_("Omschrijving"), 62),
                Column(_("POP-coach"), 32),
                Column(_("Uren"), 18, "R"),
            ],
            rows,
        )
    else:
        pdf.paragraph(_("Er zijn geen uren geregistreerd."), size=9.5, muted=True)
    pdf.section(_("Handtekeningen"))
    pdf.signatures([(_("Voor de organisatie"), organisation.contact_person), (_("POP-coach"), data.coach_name)])
    return pdf.to_bytes()


def _hours_per_month(pdf: FormPdf, months: Sequence[MonthHours]) -> None:
    pdf.section(
        _("Uren per maand"),
        _(
            "Uren contact: de gehouden contactmomenten met de werknemers van de organisatie (een collectief "
            "contactmoment telt één keer). Daarnaast de uren bovenop de contacturen, per soort."
        ),
    )
    if not months:
        pdf.paragraph(_("Er zijn nog geen contactmomenten of uren geregistreerd."), size=9.5, muted=True)
        return
    columns = [
        Column(_("Maand"), 17),
        Column(_("Aantal gesprekken"), 20, "R"),
        Column(_("Uren contact"), 20, "R"),
        *(Column(label(kind), 22, "R") for kind in HoursKind),
        Column(_("Totaal bovenop contact"), 29, "R"),
    ]

    def row(label: str, item: MonthHours) -> list[str | None]:
        return [
            label,
            str(item.contact_moments),
            format_hours(item.contact_hours),
            *(format_hours(item.hours_of(kind)) for kind in HoursKind),
            format_hours(item.organisation_hours),
        ]

    rows = [row(month_text(item.year, item.month), item) for item in months]
    rows.append(row(_("Totaal"), total(months)))
    pdf.grid(columns, rows, size=8.5)


# -- attendance list --------------------------------------------------------------


@dataclass(frozen=True)
class AttendancePrint:
    title: str
    day: date
    trainer_name: str = ""
    place: str = ""
    hours: float = 0
    participants: Sequence[tuple[str, str]] = ()
    """(name, organisation) per participant."""
    organisation: str = ""
    print_date: date = field(default_factory=lambda: clock.today())


@form_document
def attendance_pdf(data: AttendancePrint) -> bytes:
    pdf = FormPdf(
        _("Aanwezigheidslijst opleiding"),
        FormContext(data.organisation, data.print_date),
        _("Te ondertekenen door alle deelnemers en door de POP-trainer"),
    )
    pdf.section(_("Opleiding"))
    pdf.fields(
        [
            (_("Opleiding"), data.title),
            (_("Datum"), format_date(data.day)),
            (_("POP-trainer"), data.trainer_name),
            (_("Plaats"), data.place),
            (_("Uren"), format_hours(data.hours) if data.hours else ""),
            (_("Deelnemers"), str(len(data.participants))),
        ]
    )
    pdf.section(_("Deelnemers"))
    rows: list[list[str | None]] = [
        [str(number), name, organisation, None]
        for number, (name, organisation) in enumerate(data.participants, start=1)
    ]
    first_extra = len(rows) + 1
    rows.extend([str(first_extra + index), "", "", None] for index in range(EXTRA_ATTENDANCE_ROWS))
    pdf.grid(
        [Column(_("Nr."), 10, "C"), Column(_("Naam"), 56), Column(_("Organisatie"), 54), Column(_("Handtekening"), 54)],
        rows,
        size=9.5,
        min_row_height=13,
    )
    pdf.section(_("Handtekening POP-trainer"))
    pdf.signatures([(_("POP-trainer"), data.trainer_name)])
    return pdf.to_bytes()


# -- start-up analysis --------------------------------------------------------------


@dataclass(frozen=True)
class StartupPrint:
    organisation: Organisation
    analysis: StartupAnalysis | None
    guide: StartupGuide
    print_date: date = field(default_factory=lambda: clock.today())


@form_document
def startup_pdf(data: StartupPrint) -> bytes:
    organisation = data.organisation
    answers = dict(data.analysis.answers) if data.analysis else {}
    guide = data.guide
    pdf = FormPdf(
        _("Opstartanalyse POP"),
        FormContext(organisation.name, data.print_date),
        _("Opstart van POP-trajecten in de organisatie (draaiboek §3.3)"),
    )
    pdf.section(_("Organisatie"))
    answered = _answered(guide, answers)
    pdf.fields(
        [
            (_("Naam"), organisation.name),
            (_("Contactpersoon"), organisation.contact_person),
            (_("Datum analyse"), format_date(data.analysis.date if data.analysis else None)),
            (
                _("Beantwoord"),
                _("{answered} van {total} vragen", answered=answered, total=_count(guide)) if answered else "",
            ),
        ]
    )
    pdf.section(_("Waarom een opstart?"))
    pdf.paragraph(guide.intro, size=9.5)
    pdf.paragraph(_("Doelstellingen van de opstart:"), size=9.5, bold=True, keep_with_next=True)
    for number, objective in enumerate(guide.objectives, start=1):
        pdf.paragraph(f"{number}. {objective}", size=9.5, indent=4)
    for section in guide.sections:
        _startup_step(pdf, section, answers)
    leftover = {key: value for key, value in answers.items() if value.strip()}
    if leftover:
        pdf.section(_("Andere antwoorden"))
        for key in sorted(leftover):
            pdf.paragraph(key, size=9.5, bold=True, keep_with_next=True)
            pdf.paragraph(leftover[key], size=9.5)
    return pdf.to_bytes()


def _startup_step(pdf: FormPdf, section: StartupSection, answers: dict[str, str]) -> None:
    """One step of §3.3: its explanation and "Wat als…?", then each question with its answer or
    lines to write on. Answers used are removed from ``answers``."""
    pdf.section(f"{section.number} {section.title}")
    for paragraph in section.paragraphs:
        pdf.paragraph(paragraph, size=9, muted=True)
    for what_if in section.what_if:
        pdf.callout(what_if.question, what_if.answer)
    for paragraph in section.paragraphs_after:
        pdf.paragraph(paragraph, size=9, muted=True)
    for group in section.groups:
        if group.title and group.title != section.title:
            pdf.subheading(group.title)
        for question in group.questions:
            pdf.paragraph(f"{question.id}  {question.text}", size=9.5, bold=True, keep_with_next=True)
            for sub in question.sub_questions:
                pdf.paragraph(f"• {sub}", size=8.5, muted=True, keep_with_next=True, indent=4)
            answer = answers.pop(question.id, "").strip()
            if answer:
                pdf.paragraph(answer, size=9.5, indent=4)
            else:
                pdf.writing_lines(WRITING_LINES + len(question.sub_questions))
            pdf.ln(1)


def _count(guide: StartupGuide) -> int:
    return sum(len(group.questions) for section in guide.sections for group in section.groups)


def _answered(guide: StartupGuide, answers: dict[str, str]) -> int:
    ids = {question.id for section in guide.sections for group in section.groups for question in group.questions}
    return sum(1 for key, value in answers.items() if key in ids and value.strip())
