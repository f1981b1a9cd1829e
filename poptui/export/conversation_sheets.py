"""The filled sheets of the conversation methods (§5.1, §5.2, §5.3, §5.9, §5.13): each draws
its record in the layout of the method's blank worksheet, with the answers written in.

Each is a :data:`poptui.export.method_sheets.FilledSheet` named in
:data:`poptui.methods_registry.FILLED_SHEETS`; :func:`~poptui.export.method_sheets.method_sheet_pdf`
draws the header fields before and the notes and conclusions after. Pure: no database.
"""

from __future__ import annotations

from typing import cast

from poptui.catalog_models import Prompt
from poptui.export.method_sheets import MethodSheetPrint
from poptui.export.pdf_layout import Cell, Column, FormPdf
from poptui.export.worksheets_pdf import worksheet_texts
from poptui.i18n import _
from poptui.models.methods import (
    HAND_FIELDS,
    AiDroomfaseRecord,
    HandRecord,
    InterviewRecord,
    KlokwijsRecord,
    PraatplaatRecord,
)

EMPTY = "–"


def _answer(pdf: FormPdf, question: str, answer: str) -> None:
    """A question in bold and its answer below it (a dash when it was not answered)."""
    pdf.paragraph(question, size=9, bold=True, keep_with_next=True)
    pdf.paragraph(answer.strip() or EMPTY, size=9.5)


def _prompt_label(prompt: Prompt) -> str:
    subs = "; ".join(sub.text for sub in prompt.sub)
    return f"{prompt.text} ({subs})" if subs else prompt.text


def hand_sheet(pdf: FormPdf, data: MethodSheetPrint) -> None:
    """HAND: the worksheet's table of five fingers, the answers in the right column."""
    record = cast(HandRecord, data.record)
    guide = data.catalog.hand
    pdf.ln(2)
    rows: list[list[Cell]] = [
        [f"{finger.name}\n{finger.sheet_label}", getattr(record, HAND_FIELDS[finger.id]) or ""]
        for finger in guide.fingers
    ]
    pdf.grid(
        [Column(_("Vinger"), 50), Column(worksheet_texts()["hand_answer_label"], 124)], rows, size=10, min_row_height=24
    )


def klokwijs_sheet(pdf: FormPdf, data: MethodSheetPrint) -> None:
    """Klokwijs: the day table of the worksheet for every day told on the clock, then the answers
    of Wie ben ik? / Wat wil ik? / Wat kan ik?."""
    record = cast(KlokwijsRecord, data.record)
    guide = data.catalog.klokwijs
    prompts = list(guide.moment_prompts)
    width = 146 / len(prompts)
    columns = [Column(_("Uur"), 28), *(Column(prompt, width) for prompt in prompts)]
    if not record.days:
        pdf.section(_("Mijn dag"))
        pdf.paragraph(_("(geen dag verteld op de klok)"), size=9, muted=True)
    for day in record.days:
        pdf.section(_("Mijn dag: {name}", name=day.name))
        rows: list[list[Cell]] = [
            [f"{number}. {slot.time}", slot.what, slot.with_whom, slot.feeling]
            for number, slot in enumerate(day.slots, start=1)
        ]
        if rows:
            _day_clock(pdf, [(slot.time, str(number)) for number, slot in enumerate(day.slots, start=1)])
            pdf.grid(columns, rows, size=9, min_row_height=8)
        else:
            pdf.paragraph(_("(nog niets ingevuld)"), size=9, muted=True)
    for part in guide.parts:
        pdf.section(part.title)
        for question in part.questions:
            _answer(pdf, _prompt_label(question), record.answers.get(question.id, ""))
        if part.closing_question:
            _answer(pdf, part.closing_question, record.answers.get(f"{part.id}_slotvraag", ""))


def _day_clock(pdf: FormPdf, marks: list[tuple[str, str]]) -> None:
    """The day on the clock: a hand per moment told, numbered as the rows of the day table."""
    radius = 36.0
    pdf.ensure_space(2 * radius + 16)
    centre_y = pdf.get_y() + radius + 6
    pdf.clock_face(pdf.w / 2, centre_y, radius, marks=marks, hour_lines=False)
    pdf.set_y(centre_y + radius + 4)
    pdf.paragraph(
        _("Elke wijzer wijst het uur van een rij in de tabel: korte wijzers vóór de middag, lange vanaf 12 uur."),
        size=8.5,
        muted=True,
    )


def praatplaat_sheet(pdf: FormPdf, data: MethodSheetPrint) -> None:
    """Praatplaat: the worksheet's checklist with the ticks set, the dream job above it."""
    record = cast(PraatplaatRecord, data.record)
    guide = data.catalog.praatplaat
    if record.on_paper_first:
        pdf.paragraph(_("Eerst op papier ingevuld (huiswerk)."), size=9, muted=True)
    pdf.subheading(_("Mijn droomjob"))
    pdf.paragraph(record.dream_job or EMPTY, size=10)
    pdf.subheading(guide.focus_question)
    pdf.tick_line([(option.label, option.id in record.focus) for option in guide.focus_options])
    pdf.subheading(guide.motivation_question)
    pdf.tick_line([(option.label, option.id in record.motivations) for option in guide.motivation_options])
    if record.motivation_other:
        pdf.paragraph(_("Andere: {text}", text=record.motivation_other), size=9.5)
    pdf.subheading(guide.preferred_tasks_question)
    pdf.paragraph(record.preferred_tasks or EMPTY, size=9.5)
    pdf.section(guide.conditions_question)
    for group in guide.condition_groups:
        pdf.ensure_space(12 + 5.6 * len(group.items))
        pdf.subheading(group.title)
        for item in group.items:
            pdf.tick_line([(item.label, item.id in record.conditions)])


def ai_sheet(pdf: FormPdf, data: MethodSheetPrint) -> None:
    """AI – droomfase: every success story with its answers and strengths, the dream, its summary
    and the optional steps."""
    record = cast(AiDroomfaseRecord, data.record)
    guide = data.catalog.ai
    pdf.section(_("Stap 1 – Ontdekken"))
    if not record.stories:
        pdf.paragraph(_("(geen succesverhaal ingevuld)"), size=9, muted=True)
    for number, story in enumerate(record.stories, start=1):
        title = _("Succesverhaal {number}", number=number) + (f": {story.title}" if story.title else "")
        pdf.subheading(title)
        for question in guide.story_questions:
            _answer(pdf, question.text, story.answers.get(question.id, ""))
        _answer(pdf, _("Sterke punten"), ", ".join(story.strengths))
    pdf.section(_("Stap 2 – Dromen"))
    for question in guide.dream_questions:
        _answer(pdf, question.text, record.answers.get(question.id, ""))
    pdf.subheading(_("De kern van het droombeeld"))
    for question in guide.dream_summary:
        _answer(pdf, question.text, str(getattr(record, question.id, "")))
    for question in guide.optional_steps:
        text = str(getattr(record, question.id, ""))
        if text.strip():
            pdf.section(question.text)
            pdf.paragraph(text, size=9.5)


def _interview_answer(record: InterviewRecord, question_id: str) -> str:
    """The answer to an interview question: a field of the record (theme 3's energy, theme 4) or
    an ``answers`` entry."""
    if question_id in InterviewRecord.model_fields:
        return str(getattr(record, question_id) or "")
    return record.answers.get(question_id, "")


def interview_sheet(pdf: FormPdf, data: MethodSheetPrint) -> None:
    """Criteriumgericht interview: per theme that was ticked or answered its questions and answers;
    theme 3 the ticked motivations and the energy givers and drainers, theme 6 every attitude
    with its score and statement."""
    record = cast(InterviewRecord, data.record)
    guide = data.catalog.interview
    answered = {
        theme.number
        for theme in guide.themes
        if any(_interview_answer(record, question.id).strip() for question in theme.questions)
    }
    chosen = sorted(set(record.themes) | answered | ({3} if record.motivations else set()))
    chosen += [6] if record.attitudes and 6 not in chosen else []
    if not chosen:
        pdf.paragraph(_("(nog geen thema's gekozen)"), size=9, muted=True)
    for number in chosen:
        theme = guide.theme(number)
        pdf.section(_("Thema {number}: {title}", number=number, title=theme.title))
        if number == 3:
            pdf.subheading(guide.motivation_question)
            pdf.paragraph("\n".join(f"• {item}" for item in record.motivations) or EMPTY, size=9.5)
        if number == 6:
            rows: list[list[Cell]] = []
            for attitude in guide.attitudes:
                score = record.attitudes.get(attitude.id)
                rows.append(
                    [attitude.name, str(score) if score else EMPTY, attitude.levels.get(score, "") if score else ""]
                )
            pdf.grid(
                [Column(_("Attitude"), 44), Column(_("Score"), 14, "C"), Column(_("Uitspraak"), 116)], rows, size=8.5
            )
        for question in theme.questions:
            _answer(pdf, _prompt_label(question), _interview_answer(record, question.id))
        if number == 7:
            for item in guide.empowerment:
                pdf.subheading(f"{item.number}. {item.question}")
                for part in item.parts:
                    for question in part.questions:
                        _answer(pdf, f"{part.label}. {_prompt_label(question)}", record.answers.get(question.id, ""))
                    observed = record.answers.get(f"{part.id}_obs", "")
                    if observed:
                        _answer(pdf, _("Observaties van de coach ({label})", label=part.label), observed)
