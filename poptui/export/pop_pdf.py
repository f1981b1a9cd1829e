"""The POP document (§4.3) as an A4 PDF: what is uploaded to Mijn Loopbaan.

Parts, in the draaiboek's order: persoonsgegevens; for a follow-up POP the
evaluation of the previous POP's actions (progress 0-5 as filled boxes,
carried over yes/no, remarks); verloop POP-traject (the date of every held
conversation with its phase ticked); samenvatting (wat wil ik; wat kan ik and
ontwikkelpunten, each ticked generiek / technisch / andere); actieplan (goal;
per action what, who helps, deadline, measurable result, kind ticked); the
signatures of employee and coach. A POP that is not final carries the mark
"ONTWERP" on every page. A pure function of the records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from poptui import clock
from poptui.export.pdf_layout import Boxes, Cell, Column, FormContext, FormPdf, Ticks, form_document
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import label, lower_label
from poptui.models import (
    ActionEvaluation,
    CompetenceKind,
    ContactMoment,
    ContactMomentStatus,
    Employee,
    Organisation,
    Phase,
    PopDocument,
    PopItem,
    PopStatus,
    Trajectory,
)


@dataclass(frozen=True)
class PopPrint:
    """Everything the POP document shows."""

    employee: Employee
    trajectory: Trajectory
    pop: PopDocument
    organisation: Organisation | None = None
    coach_name: str = ""
    moments: Sequence[ContactMoment] = ()
    evaluations: Sequence[ActionEvaluation] = ()
    print_date: date = field(default_factory=lambda: clock.today())


def kind_ticks(kind: CompetenceKind) -> Ticks:
    return Ticks([(lower_label(option), option is kind) for option in CompetenceKind])


def held_moments(moments: Sequence[ContactMoment]) -> list[ContactMoment]:
    """The conversations that took place, by date."""
    held = [moment for moment in moments if moment.status is ContactMomentStatus.HELD and moment.date]
    return sorted(held, key=lambda moment: (moment.date, moment.number))


@form_document
def pop_pdf(data: PopPrint) -> bytes:
    """The POP document as PDF bytes."""
    pop, employee, trajectory = data.pop, data.employee, data.trajectory
    follow_up = trajectory.is_follow_up
    subtitle = _("Vervolg-POP") if follow_up else _("Eerste POP")
    if pop.finalised_on:
        subtitle += " · " + _("definitief op {date}", date=format_date(pop.finalised_on))
    organisation = data.organisation.name if data.organisation else ""
    draft = pop.status is not PopStatus.FINAL
    pdf = FormPdf(
        _("Persoonlijk ontwikkelingsplan (POP)"),
        FormContext(organisation, data.print_date),
        subtitle,
        draft_mark=_("ONTWERP") if draft else "",
    )

    pdf.section(_("Persoonsgegevens"))
    pdf.fields(
        [
            (_("Achternaam"), employee.last_name),
            (_("Voornaam"), employee.first_name),
            (_("Organisatie"), organisation),
            (_("Functie"), employee.function),
            (_("POP-coach"), data.coach_name),
            (_("Traject"), label(trajectory.variant)),
            (_("Start traject"), format_date(trajectory.start_date)),
            (_("Afgerond op"), format_date(trajectory.completion_date)),
        ]
    )

    if follow_up:
        _evaluation(pdf, data.evaluations)
    _course(pdf, held_moments(data.moments))

    pdf.section(_("Samenvatting: huidige situatie"))
    pdf.subheading(_("Wat wil ik?"))
    _plain_items(pdf, pop.wat_wil_ik)
    pdf.subheading(_("Wat kan ik?"))
    _kind_items(pdf, pop.wat_kan_ik)
    pdf.section(_("Samenvatting: toekomstige situatie"))
    pdf.subheading(_("Ontwikkelpunten"))
    _kind_items(pdf, pop.ontwikkelpunten)

    _action_plan(pdf, pop)

    pdf.section(_("Handtekeningen"), _("Werknemer en POP-coach bevestigen dat dit POP samen is opgemaakt."))
    pdf.signatures([(_("Werknemer"), employee.full_name), (_("POP-coach"), data.coach_name)])
    return pdf.to_bytes()


def _evaluation(pdf: FormPdf, evaluations: Sequence[ActionEvaluation]) -> None:
    pdf.section(
        _("Evaluatie van de acties uit het vorige POP"),
        _("Vordering: 0 = niets gebeurd, 1 = net gestart ... 5 = helemaal afgewerkt."),
    )
    if not evaluations:
        pdf.paragraph(_("Er zijn geen acties uit het vorige POP geëvalueerd."), size=9.5, muted=True)
        return
    columns = [
        Column(_("Actie uit het vorige POP"), 60),
        Column(_("Vordering (0-5)"), 33),
        Column(_("Opnieuw opnemen"), 24),
        Column(_("Opmerkingen"), 57),
    ]
    rows: list[list[Cell]] = [
        [
            evaluation.action_what,
            Boxes(evaluation.progress, 5),
            Ticks([(_("ja"), evaluation.carry_over), (_("nee"), not evaluation.carry_over)]),
            evaluation.remark,
        ]
        for evaluation in evaluations
    ]
    pdf.grid(columns, rows, size=8.5)


def _course(pdf: FormPdf, moments: list[ContactMoment]) -> None:
    pdf.section(_("Verloop POP-traject"), _("De data van de gesprekken, met de fase waarin elk gesprek plaatsvond."))
    if not moments:
        pdf.paragraph(_("Er zijn nog geen gehouden gesprekken geregistreerd."), size=9.5, muted=True)
        return
    columns = [Column(_("Datum"), 24), Column(_("Gesprek"), 20), Column(_("Fase"), 130)]
    rows: list[list[Cell]] = [
        [
            format_date(moment.date),
            _("nr. {number}", number=moment.number),
            Ticks([(label(phase), phase is moment.phase) for phase in Phase], inline=True),
        ]
        for moment in moments
    ]
    pdf.grid(columns, rows, size=8.5)


def _plain_items(pdf: FormPdf, items: Sequence[PopItem]) -> None:
    if not items:
        pdf.paragraph(_("(niets ingevuld)"), size=9.5, muted=True)
        return
    pdf.grid([Column(_("Conclusie"), 1)], [[item.text] for item in items], size=9.5)


def _kind_items(pdf: FormPdf, items: Sequence[PopItem]) -> None:
    if not items:
        pdf.paragraph(_("(niets ingevuld)"), size=9.5, muted=True)
        return
    columns = [Column(_("Conclusie"), 144), Column(_("Soort"), 30)]
    pdf.grid(columns, [[item.text, kind_ticks(item.kind)] for item in items], size=9.5)


def _action_plan(pdf: FormPdf, pop: PopDocument) -> None:
    pdf.section(
        _("Actieplan"),
        _("Per POP minstens één actie op een generieke en één op een technische competentie."),
    )
    pdf.subheading(_("Mijn doel"))
    if pop.goal.strip():
        pdf.paragraph(pop.goal)
    else:
        pdf.paragraph(_("(geen overkoepelend doel)"), size=9.5, muted=True)
    pdf.subheading(_("Acties"))
    if not pop.actions:
        pdf.paragraph(_("(nog geen acties)"), size=9.5, muted=True)
        return
    columns = [
        Column(_("Nr."), 9, "C"),
        Column(_("Wat precies?"), 45),
        Column(_("Wie helpt?"), 30),
        Column(_("Tegen wanneer?"), 23),
        Column(_("Meetbaar resultaat"), 42),
        Column(_("Soort"), 25),
    ]
    rows: list[list[Cell]] = []
    for number, action in enumerate(pop.actions, start=1):
        what = action.what
        if action.competence:
            what = f"{what}\n" + _("Competentie: {name}", name=action.competence)
        rows.append(
            [str(number), what, action.who_helps, format_date(action.deadline), action.result, kind_ticks(action.kind)]
        )
    pdf.grid(columns, rows, size=8.5)
