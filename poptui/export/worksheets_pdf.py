"""Blank A4 worksheets for sessions on paper.

``hand`` (§5.3), ``competenties`` (§5.6 assessment sheet with the organisation's
competences), ``scan`` (§5.7), ``smart`` (§5.8 challenges), ``klokwijs`` (§5.9
clock face with hour lines and the day table), ``praatplaat`` (§5.13 checklist),
``actieplan`` (the §4.3 action plan) and ``smart-actie`` (the SMART action sheet
of §5.7/§5.8 stap 4). A method whose catalog entry names no sheet of its own gets the
general method sheet, named by its kind (e.g. ``kwaliteitenspel``): its goal and way of
working, and room for notes and conclusions. :func:`worksheet_names` lists them all.

The method texts come from the content catalog; the few texts the catalog does
not hold (titles, the rating scale) live in ``data/forms/worksheets.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from poptui import clock
from poptui.catalog import Catalog
from poptui.export import card_games_pdf
from poptui.export.pdf_layout import MARGIN, MUTED, Cell, Column, FormContext, FormPdf, Ticks, form_document
from poptui.i18n import _
from poptui.labels import lower_label
from poptui.models import CompetenceKind, MethodKind
from poptui.resources import data_path

CARD_GAME_SHEETS = ("kwaliteitenspel", "vaardighedenspel", "vier_op_een_rij", "droompagina", "prentenbeeld")
"""The card games' own sheets (:mod:`poptui.export.card_games_pdf`), named by their method kind."""
WORKSHEETS = (
    "hand",
    "competenties",
    "scan",
    "smart",
    "klokwijs",
    "praatplaat",
    "actieplan",
    "smart-actie",
    *CARD_GAME_SHEETS,
)


@cache
def worksheet_texts() -> dict[str, Any]:
    return json.loads(data_path("forms", "worksheets.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class WorksheetPrint:
    name: str
    catalog: Catalog
    organisation: str = ""
    competences: Sequence[str] = ()
    """The organisation's competences for the assessment sheet; the catalog's sample when empty."""
    print_date: date = field(default_factory=lambda: clock.today())
    competence_cards: Sequence[Any] = ()
    """Vier op een rij: the organisation's competences with their four aspects (``DeckCard``);
    poptui's own competence deck when empty."""


def worksheet_names(catalog: Catalog) -> tuple[str, ...]:
    """Every blank worksheet: the sheets of :data:`WORKSHEETS`, then the general sheet of each
    method without a sheet of its own (named by the method's kind)."""
    return WORKSHEETS + tuple(kind.value for kind, guide in catalog.methods.items() if not guide.worksheet)


def worksheet_title(name: str, catalog: Catalog) -> str:
    if name in WORKSHEETS:
        return _(str(worksheet_texts()["titles"][name]))
    return _("Werkblad {name}", name=_(catalog.methods[MethodKind(name)].name))


@form_document
def worksheet_pdf(data: WorksheetPrint) -> bytes:
    names = worksheet_names(data.catalog)
    if data.name not in names:
        raise ValueError(_("Onbekend werkblad: {name}. Kies uit: {names}.", name=data.name, names=", ".join(names)))
    texts = worksheet_texts()
    context = FormContext(data.organisation, data.print_date)
    if data.name in WORKSHEETS:
        pdf = FormPdf(texts["titles"][data.name], context, texts["subtitles"][data.name])
    else:
        guide = data.catalog.methods[MethodKind(data.name)]
        pdf = FormPdf(worksheet_title(data.name, data.catalog), context, " · ".join(guide.goals))
    pdf.fields([(_("Naam werknemer"), ""), (_("Datum"), ""), (_("POP-coach"), ""), (_("Contactmoment"), "")])
    _BUILDERS.get(data.name, _method_sheet)(pdf, data)
    return pdf.to_bytes()


def _method_sheet(pdf: FormPdf, data: WorksheetPrint) -> None:
    """The general sheet of a method: goal and way of working from the catalog, then room to write."""
    guide = data.catalog.methods[MethodKind(data.name)]
    lines = worksheet_texts()["method_sheet_lines"]
    pdf.paragraph(_("Doel: {text}", text=guide.guidance.doel), size=9, muted=True)
    pdf.subheading(_("Werkwijze"))
    for step in guide.guidance.werkwijze:
        pdf.paragraph(f"• {step}", size=8.5, muted=True)
    pdf.section(_("Notities"))
    pdf.writing_lines(int(lines["notes"]))
    pdf.section(_("Conclusies"), _("Eén conclusie per regel: ze komen in het POP (Wat wil ik, Wat kan ik)."))
    pdf.writing_lines(int(lines["conclusions"]))


def _hand(pdf: FormPdf, data: WorksheetPrint) -> None:
    guide = data.catalog.hand
    pdf.ln(2)
    rows = [[f"{finger.name}\n{finger.sheet_label}", ""] for finger in guide.fingers]
    pdf.grid(
        [Column(_("Vinger"), 50), Column(worksheet_texts()["hand_answer_label"], 124)], rows, size=10, min_row_height=34
    )
    pdf.paragraph(guide.tip, size=8.5, muted=True)


def _competences(pdf: FormPdf, data: WorksheetPrint) -> None:
    scale = worksheet_texts()["competence_scale"]
    names = list(data.competences) or list(data.catalog.competence.sample_competences)
    names += [""] * int(scale["extra_rows"])
    pdf.paragraph(scale["legend"], size=9, muted=True)

    def rating() -> Ticks:
        return Ticks([(value, False) for value in scale["values"]], inline=True, gap=2.8)

    rows: list[list[Cell]] = [[name, rating(), rating(), rating(), ""] for name in names]
    pdf.grid(
        [
            Column(_("Competentie"), 34),
            Column(_("Zelf"), 38),
            Column(_("Begeleider"), 38),
            Column(_("Waar wil ik naartoe?"), 38),
            Column(_("Opmerkingen"), 26),
        ],
        rows,
        size=9,
        min_row_height=11,
    )


def _scores_legend(pdf: FormPdf, scores: Sequence[Any], *, feasible: bool = True) -> None:
    parts = [
        _(
            "{value} punten: {meaningful}",
            value=score.value,
            meaningful=score.meaningful + (f" / {score.feasible}" if feasible else ""),
        )
        for score in scores
    ]
    pdf.paragraph(_("Puntenverdeling: ") + "; ".join(parts) + ".", size=9, muted=True)


def _scan(pdf: FormPdf, data: WorksheetPrint) -> None:
    guide = data.catalog.scan
    rows_per_domain = int(worksheet_texts()["scan_rows_per_domain"])
    pdf.paragraph(guide.scoring_instruction, size=9)
    _scores_legend(pdf, guide.scores)
    employee, coach = (guide.raters + ["werknemer", "POP-coach"])[:2]
    columns = [
        Column(_("Nr."), 11, "C"),
        Column(_("Actie"), 67),
        Column(_("ZV {rater}", rater=employee), 24, "C"),
        Column(_("HB {rater}", rater=employee), 24, "C"),
        Column(_("ZV {rater}", rater=coach), 24, "C"),
        Column(_("HB {rater}", rater=coach), 24, "C"),
    ]
    for domain in guide.domains:
        pdf.ensure_space(70)
        pdf.subheading(f"{domain.number}. {domain.heading.upper()}")
        rows = [[str(number), "", "", "", "", ""] for number in range(1, rows_per_domain + 1)]
        pdf.grid(columns, rows, size=8.5, min_row_height=7.5)
    pdf.paragraph(guide.compare_instruction, size=9, muted=True)


def _smart(pdf: FormPdf, data: WorksheetPrint) -> None:
    guide = data.catalog.smart
    pdf.paragraph(guide.scoring_instruction, size=9)
    _scores_legend(pdf, guide.scores, feasible=False)
    pdf.paragraph(guide.total_explanation, size=9, muted=True)
    columns = [
        Column(_("Nr."), 10, "C"),
        Column(_("Actie"), 110),
        Column("ZV", 18, "C"),
        Column("HB", 18, "C"),
        Column(_("Totaal"), 18, "C"),
    ]
    for number in range(1, guide.max_challenges + 1):
        pdf.ensure_space(100)
        pdf.fields([(_("Uitdaging {number}", number=number), "")], columns=1)
        rows = [[str(action), "", "", "", ""] for action in range(1, guide.max_actions_per_challenge + 1)]
        pdf.grid(columns, rows, size=8.5, min_row_height=7.2)


def _klokwijs(pdf: FormPdf, data: WorksheetPrint) -> None:
    texts = worksheet_texts()
    pdf.paragraph(texts["klokwijs_clock_note"], size=9, muted=True)
    radius = 66.0
    pdf.ensure_space(2 * radius + 14)
    centre_x, centre_y = pdf.w / 2, pdf.get_y() + radius + 6
    pdf.clock_face(centre_x, centre_y, radius)
    pdf.set_y(centre_y + radius + 8)
    prompts = list(data.catalog.klokwijs.moment_prompts)
    width = 146 / max(1, len(prompts))
    rows = [["", *([""] * len(prompts))] for _row in range(int(texts["klokwijs_rows"]))]
    pdf.add_page()
    pdf.section(_("Mijn dag"))
    pdf.grid([Column(_("Uur"), 28), *(Column(prompt, width) for prompt in prompts)], rows, size=9, min_row_height=15)


def _praatplaat(pdf: FormPdf, data: WorksheetPrint) -> None:
    guide = data.catalog.praatplaat
    pdf.paragraph(guide.instruction, size=9, muted=True)
    pdf.subheading(guide.focus_question)
    pdf.tick_line([(option.label, False) for option in guide.focus_options])
    pdf.subheading(guide.motivation_question)
    pdf.tick_line([(option.label, False) for option in guide.motivation_options])
    pdf.subheading(guide.preferred_tasks_question)
    pdf.writing_lines(int(worksheet_texts()["praatplaat_tasks_lines"]))
    pdf.section(guide.conditions_question)
    for group in guide.condition_groups:
        pdf.ensure_space(12 + 5.6 * len(group.items))
        pdf.subheading(group.title)
        for item in group.items:
            pdf.tick_line([(item.label, False)])
    pdf.paragraph(guide.homework_note, size=8.5, muted=True)


def _action_plan(pdf: FormPdf, data: WorksheetPrint) -> None:
    pdf.subheading(_("Mijn doel"))
    pdf.writing_lines(2)
    pdf.subheading(_("Acties"))
    pdf.paragraph(
        _("Per POP minstens één actie op een generieke en één op een technische competentie."), size=9, muted=True
    )
    kinds = Ticks([(lower_label(kind), False) for kind in CompetenceKind])
    rows: list[list[Cell]] = [
        [str(number), "", "", "", "", kinds] for number in range(1, int(worksheet_texts()["action_plan_rows"]) + 1)
    ]
    pdf.grid(
        [
            Column(_("Nr."), 9, "C"),
            Column(_("Wat precies?"), 45),
            Column(_("Wie helpt?"), 30),
            Column(_("Tegen wanneer?"), 23),
            Column(_("Meetbaar resultaat"), 42),
            Column(_("Soort"), 25),
        ],
        rows,
        size=8.5,
        min_row_height=24,
    )


def _smart_action(pdf: FormPdf, data: WorksheetPrint) -> None:
    template = data.catalog.scan.action_template
    for number in range(1, int(worksheet_texts()["smart_action_sheets"]) + 1):
        pdf.ensure_space(120)
        pdf.subheading(_("Actie {number}", number=number))
        rows = [[f"{item.label}\n{item.prompt}", ""] for item in template.fields]
        pdf.grid([Column(_("Vraag"), 62), Column(_("Antwoord"), 112)], rows, size=8.5, min_row_height=13)
        pdf.set_text_color(*MUTED)
        pdf.paragraph(template.area_question, size=9, bold=True)
        pdf.tick_line([(area.label, False) for area in template.areas])
        pdf.set_x(MARGIN)


_BUILDERS: dict[str, Callable[[FormPdf, WorksheetPrint], None]] = {
    "kwaliteitenspel": lambda pdf, data: card_games_pdf.blank_kwaliteitenspel(pdf, data.catalog),
    "vaardighedenspel": lambda pdf, data: card_games_pdf.blank_vaardighedenspel(pdf, data.catalog),
    "vier_op_een_rij": lambda pdf, data: card_games_pdf.blank_vier_op_een_rij(pdf, data.catalog, data.competence_cards),
    "droompagina": lambda pdf, data: card_games_pdf.blank_pictures(pdf, data.catalog, "droompagina"),
    "prentenbeeld": lambda pdf, data: card_games_pdf.blank_pictures(pdf, data.catalog, "prentenbeeld"),
    "hand": _hand,
    "competenties": _competences,
    "scan": _scan,
    "smart": _smart,
    "klokwijs": _klokwijs,
    "praatplaat": _praatplaat,
    "actieplan": _action_plan,
    "smart-actie": _smart_action,
}
