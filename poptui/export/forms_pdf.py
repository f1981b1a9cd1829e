"""The registration forms of §4.4 and the start-up analysis of §3.3 as A4 PDFs.

- :func:`consent_pdf`: consent and registration document per employee (§4.4.1):
  consent to use the personal data to register the POP trajectory, the contact
  moments held (date, duration, phase), signatures of employee and coach.
- :func:`hours_pdf`: the organisation's hours beyond contact hours (§4.4.4) per
  kind and date, totals, signatures of organisation and coach.
- :func:`attendance_pdf`: attendance list of a training day (§4.4.6): a row per
  participant with organisation and a signature box; the trainer's signature.
- :func:`startup_pdf`: the start-up analysis of an organisation (§3.3) as answered.

Pure functions of the records; the catalog's §3.3 questionnaire is passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from poptui import clock
from poptui.catalog_models import StartupGuide
from poptui.export.pdf_layout import Column, FormContext, FormPdf
from poptui.export.pop_pdf import held_moments
from poptui.formatting import format_date, format_hours, format_minutes
from poptui.i18n import _
from poptui.labels import label
from poptui.models import ContactMoment, Employee, HoursEntry, HoursKind, Organisation, StartupAnalysis, Trajectory

EXTRA_ATTENDANCE_ROWS = 3


# -- consent and registration ------------------------------------------------------


@dataclass(frozen=True)
class ConsentPrint:
    employee: Employee
    organisation: Organisation | None
    trajectories: Sequence[tuple[Trajectory, Sequence[ContactMoment]]]
    coach_name: str = ""
    consent_date: date | None = None
    print_date: date = field(default_factory=lambda: clock.today())


def consent_pdf(data: ConsentPrint) -> bytes:
    employee = data.employee
    organisation = data.organisation.name if data.organisation else ""
    pdf = FormPdf(
        _("Toestemming en registratie POP-traject"),
        FormContext(organisation, data.print_date),
        _("Document per doelgroepwerknemer (registratie POP)"),
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
    pdf.section(_("Toestemming"))
    pdf.paragraph(
        _(
            "Ik, {name}, geef toestemming om mijn persoonsgegevens te gebruiken om te registreren dat ik een "
            "POP-traject heb doorlopen. Ik weet dat deze registratie, met de contactmomenten hieronder, bezorgd wordt "
            "aan de VDAB en aan de organisatie die de POP-trajecten voor de VDAB opvolgt, en dat {organisation} er "
            "zelf een kopie van bewaart.",
            name=employee.full_name,
            organisation=organisation or _("mijn werkgever"),
        )
    )
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
    coach_names: dict[str, str] = field(default_factory=dict)
    """Person id -> name of the coaches who booked hours."""
    coach_name: str = ""
    print_date: date = field(default_factory=lambda: clock.today())


def hours_pdf(data: HoursPrint) -> bytes:
    organisation = data.organisation
    entries = sorted(data.entries, key=lambda entry: (entry.date, entry.kind.value))
    period = ""
    if entries:
        period = f"{format_date(entries[0].date)} - {format_date(entries[-1].date)}"
    pdf = FormPdf(
        _("Uren begeleiding organisatie"),
        FormContext(organisation.name, data.print_date),
        _("Uren bovenop de contacturen met de doelgroepwerknemers"),
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
    pdf.section(_("Geregistreerde uren"))
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
    pdf.section(_("Totalen per soort"))
    totals = [
        [label(kind), format_hours(sum(entry.hours for entry in entries if entry.kind is kind))] for kind in HoursKind
    ]
    totals.append([_("Totaal"), format_hours(sum(entry.hours for entry in entries))])
    pdf.grid([Column(_("Soort"), 130), Column(_("Uren"), 44, "R")], totals)
    pdf.section(_("Handtekeningen"))
    pdf.signatures([(_("Voor de organisatie"), organisation.contact_person), (_("POP-coach"), data.coach_name)])
    return pdf.to_bytes()


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


def startup_pdf(data: StartupPrint) -> bytes:
    organisation = data.organisation
    answers = dict(data.analysis.answers) if data.analysis else {}
    pdf = FormPdf(
        _("Opstartanalyse POP"),
        FormContext(organisation.name, data.print_date),
        _("Opstart van POP-trajecten in de organisatie (draaiboek §3.3)"),
    )
    pdf.section(_("Organisatie"))
    pdf.fields(
        [
            (_("Naam"), organisation.name),
            (_("Contactpersoon"), organisation.contact_person),
            (_("Datum analyse"), format_date(data.analysis.date if data.analysis else None)),
            (
                _("Beantwoord"),
                _("{answered} van {total} vragen", answered=_answered(data.guide, answers), total=_count(data.guide)),
            ),
        ]
    )
    for section in data.guide.sections:
        pdf.section(f"{section.number} {section.title}")
        for group in section.groups:
            if group.title and group.title != section.title:
                pdf.subheading(group.title)
            for question in group.questions:
                pdf.ensure_space(18)
                pdf.paragraph(question.text, size=9.5, bold=True)
                for sub in question.sub_questions:
                    pdf.paragraph(f"• {sub}", size=8.5, muted=True)
                answer = answers.pop(question.id, "").strip()
                if answer:
                    pdf.paragraph(answer, size=9.5)
                else:
                    pdf.paragraph(_("(niet beantwoord)"), size=9, muted=True)
    leftover = {key: value for key, value in answers.items() if value.strip()}
    if leftover:
        pdf.section(_("Andere antwoorden"))
        for key in sorted(leftover):
            pdf.paragraph(key, size=9.5, bold=True)
            pdf.paragraph(leftover[key], size=9.5)
    return pdf.to_bytes()


def _count(guide: StartupGuide) -> int:
    return sum(len(group.questions) for section in guide.sections for group in section.groups)


def _answered(guide: StartupGuide, answers: dict[str, str]) -> int:
    ids = {question.id for section in guide.sections for group in section.groups for question in group.questions}
    return sum(1 for key, value in answers.items() if key in ids and value.strip())
