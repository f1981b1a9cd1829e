"""Paper that works on paper, read back: the consent text word for word, the start-up analysis as
a questionnaire, headings kept with what follows, the draft mark, hyphenation, hours per month."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from export_fixtures import PRINTED, coach, employee, hours, moments, organisation, pdf_text, pop, trajectory
from pypdf import PdfReader

from poptui.catalog import load_catalog
from poptui.cli import main
from poptui.export.forms_pdf import WRITING_LINES, HoursPrint, StartupPrint, hours_pdf, startup_pdf
from poptui.export.pdf_layout import MARGIN, Column, FormContext, FormPdf
from poptui.export.pdf_table import hyphenated
from poptui.export.pop_pdf import PopPrint, pop_pdf
from poptui.models import ContactMoment, ContactMomentStatus, Phase, PopStatus, StartupAnalysis
from poptui.services import consent, forms
from poptui.services.consent import ConsentText, give_consent
from poptui.services.hours_summary import hours_by_month
from poptui.store import Database


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- consent ----------------------------------------------------------------------------------


def test_consent_pdf_prints_the_current_text_word_for_word(db: Database, tmp_path) -> None:
    org = db.save(organisation())
    worker = db.save(employee(org.id, consent_date=None))
    path = forms.export_consent(db, worker.id, tmp_path, today=PRINTED)
    text = pdf_text(path.read_bytes())
    current = consent.current_text()
    assert _flat(current.text) in text
    assert f"Toestemmingstekst versie {current.version}, geldig vanaf {current.valid_from:%d/%m/%Y}." in text
    assert current.title in text
    assert "aan de VDAB en aan de organisatie die de POP-trajecten" not in text  # the old hard-coded sentence


def test_consent_pdf_prints_the_version_that_was_signed(
    db: Database, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = consent.current_text()
    new = ConsentText("2027-1", date(2027, 1, 1), old.title, "Een nieuwe tekst die nog niemand tekende.")
    monkeypatch.setattr(consent, "consent_texts", lambda: (old, new))
    monkeypatch.setattr(consent, "current_text", lambda: new)
    org = db.save(organisation())
    signed = db.save(employee(org.id, consent_date=None))
    give_consent(db, signed.id, date(2026, 9, 2), "Sofie", version=old.version)
    text = pdf_text(forms.export_consent(db, signed.id, tmp_path / "a", today=PRINTED).read_bytes())
    assert _flat(old.text) in text and new.text not in text
    assert f"versie {old.version}" in text and "02/09/2026" in text
    unsigned = db.save(employee(org.id, first="Bo", last="Smet", consent_date=None))
    text = pdf_text(forms.export_consent(db, unsigned.id, tmp_path / "b", today=PRINTED).read_bytes())
    assert new.text in text and "versie 2027-1" in text  # nothing signed yet: the text to sign today


# -- the start-up analysis as a paper questionnaire -------------------------------------------


def _lines_below(page: pdfplumber.page.Page, top: float) -> int:
    """Writing lines (thin horizontal rules across the text width) below ``top`` on a page."""
    width = page.width - 2 * MARGIN * 72 / 25.4
    return sum(1 for line in page.lines if line["top"] > top and abs(line["x1"] - line["x0"] - width) < 2)


def _question_positions(data: bytes) -> dict[str, tuple[int, float]]:
    """Question id -> (page index, top) of where it is printed."""
    ids = {q.id for s in load_catalog().startup.sections for g in s.groups for q in g.questions}
    found: dict[str, tuple[int, float]] = {}
    with pdfplumber.open(io.BytesIO(data)) as document:
        for index, page in enumerate(document.pages):
            for word in page.extract_words():
                if word["text"] in ids and word["text"] not in found:
                    found[word["text"]] = (index, word["top"])
    return found


def test_blank_startup_analysis_has_every_question_with_room_to_write() -> None:
    guide = load_catalog().startup
    data = startup_pdf(StartupPrint(organisation(), None, guide, PRINTED))
    text = pdf_text(data)
    questions = [q for s in guide.sections for g in s.groups for q in g.questions]
    for question in questions:
        assert _flat(question.text) in text, question.id
        for sub in question.sub_questions:
            assert _flat(sub) in text
    assert "(niet beantwoord)" not in text
    positions = _question_positions(data)
    assert set(positions) == {question.id for question in questions}
    with pdfplumber.open(io.BytesIO(data)) as document:
        total = sum(len(page.lines) for page in document.pages)
        for question in questions:
            page_index, top = positions[question.id]
            # the question and its first writing line are on the same page (kept together)
            assert _lines_below(document.pages[page_index], top) >= 1, question.id
    assert total >= sum(WRITING_LINES + len(question.sub_questions) for question in questions)


def test_every_step_explains_itself_on_paper_with_the_what_if_argument() -> None:
    guide = load_catalog().startup
    text = pdf_text(startup_pdf(StartupPrint(organisation(), None, guide, PRINTED)))
    for section in guide.sections:
        for paragraph in [*section.paragraphs, *section.paragraphs_after]:
            assert _flat(paragraph) in text, section.number
    step_4 = next(section for section in guide.sections if section.number == "3.3.4")
    assert [item.question for item in step_4.what_if] == [
        "Wat als je een medewerker opleidt en die vertrekt …?",
        "Wat als je een medewerker niet opleidt en die blijft …?!",
    ]
    for item in step_4.what_if:
        assert _flat(item.question) in text and _flat(item.answer) in text
    assert text.index("Wat als je een medewerker opleidt") < text.index(step_4.groups[0].questions[0].text[:30])


def test_answered_questions_print_the_answer_on_the_page_of_the_question() -> None:
    guide = load_catalog().startup
    questions = [q for s in guide.sections for g in s.groups for q in g.questions]
    answers = {question.id: f"Antwoord op {question.id}: " + "een vrij lang antwoord " * 8 for question in questions}
    data = startup_pdf(
        StartupPrint(organisation(), StartupAnalysis(organisation_id="o", answers=answers), guide, PRINTED)
    )
    with pdfplumber.open(io.BytesIO(data)) as document:
        pages = [_flat(page.extract_text() or "") for page in document.pages]
        assert sum(len(page.lines) for page in document.pages) < len(questions)  # no writing lines when answered
    for question in questions:
        [question_page] = [index for index, page in enumerate(pages) if f"{question.id} " in page]
        assert f"Antwoord op {question.id}:" in pages[question_page], question.id
    assert f"{len(questions)} van {len(questions)} vragen" in " ".join(pages)


# -- headings stay with what follows, in every position on the page -------------------------


@pytest.mark.parametrize("filler", range(0, 60, 3))
def test_a_heading_is_never_left_at_the_foot_of_a_page(filler: int) -> None:
    pdf = FormPdf("Proef", FormContext("Org", PRINTED))
    for number in range(filler):
        pdf.paragraph(f"Vulregel {number}")
    pdf.section("Kop van de sectie", "Een noot bij de kop.")
    pdf.subheading("Tussenkop")
    pdf.grid([Column("Eerste kolom", 80), Column("Tweede kolom", 94)], [["cel een", "cel twee"]] * 3)
    pdf.section("Tweede kop")
    pdf.paragraph("De eerste alinea onder de tweede kop. " * 6)
    data = pdf.to_bytes()
    with pdfplumber.open(io.BytesIO(data)) as document:
        pages = [page.extract_text() or "" for page in document.pages]

    def page_of(text: str) -> int:
        return next(index for index, page in enumerate(pages) if text in page)

    assert page_of("Kop van de sectie") == page_of("Een noot bij de kop.") == page_of("Tussenkop")
    assert page_of("Tussenkop") == page_of("Eerste kolom") == page_of("cel een")
    assert page_of("Tweede kop") == page_of("De eerste alinea")


# -- the draft mark -----------------------------------------------------------------------------


def _pop_print(final: bool) -> PopPrint:
    org = organisation()
    person = coach(org.id)
    worker = employee(org.id)
    traject = trajectory(worker.id, person.id)
    document = pop(worker.id, traject.id, finalised=date(2026, 11, 28) if final else None)
    return PopPrint(worker, traject, document, org, person.full_name, moments(worker.id, traject.id), (), PRINTED)


def test_a_pop_that_is_not_final_says_ontwerp_on_every_page() -> None:
    data = pop_pdf(_pop_print(final=False))
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 2
    assert all("ONTWERP" in (page.extract_text() or "") for page in pages)
    with pdfplumber.open(io.BytesIO(data)) as document:  # large, on every page
        assert all("".join(c["text"] for c in page.chars if c["size"] > 50) == "ONTWERP" for page in document.pages)
    assert "nog niet definitief: niet ondertekenen en niet opladen in Mijn Loopbaan" in pdf_text(data)
    assert "ONTWERP" not in pdf_text(pop_pdf(_pop_print(final=True)))


def test_the_cli_says_it_printed_a_draft(db: Database, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    org = db.save(organisation())
    worker = db.save(employee(org.id))
    traject = db.save(trajectory(worker.id, None))
    stored = db.save(pop(worker.id, traject.id, finalised=None))
    assert main(["export", "pop", traject.id, "--db", str(db.path), "--out", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().endswith(".pdf") and "ONTWERP" in captured.err and "niet definitief" in captured.err
    db.save(stored.model_copy(update={"status": PopStatus.FINAL, "finalised_on": date(2026, 11, 28)}))
    assert main(["export", "pop", traject.id, "--db", str(db.path), "--out", str(tmp_path / "final")]) == 0
    assert capsys.readouterr().err == ""


# -- hyphenation in narrow columns --------------------------------------------------------------


def test_a_long_word_is_hyphenated_the_dutch_way() -> None:
    assert hyphenated("werkvloerbegeleider").replace("\u00ad", "-") == "werk-vloer-be-ge-lei-der"
    assert "\u00ad" not in hyphenated("op")


def _column_words(data: bytes, left_mm: float, right_mm: float) -> list[str]:
    """The words printed between two x positions (a table column), top to bottom, above the footer."""
    left, right = left_mm * 72 / 25.4, right_mm * 72 / 25.4
    with pdfplumber.open(io.BytesIO(data)) as document:
        words = [
            word
            for page in document.pages
            for word in page.extract_words()
            if left <= word["x0"] and word["x1"] <= right and word["bottom"] < page.height - 50  # not the footer
        ]
    return [word["text"] for word in sorted(words, key=lambda word: (word["top"], word["x0"]))]


def test_table_cells_break_at_spaces_and_hyphenate_only_too_long_words() -> None:
    pdf = FormPdf("Proef", FormContext("Org", PRINTED))
    pdf.grid(
        [Column("Nr.", 9), Column("Wie helpt?", 22), Column("Omschrijving", 143)],
        [["1", "De werkvloerbegeleider", "Een korte zin die in de brede kolom past zonder afbreken."]],
        size=8.5,
    )
    data = pdf.to_bytes()
    narrow = _column_words(data, MARGIN + 9, MARGIN + 31)[2:]  # after the header "Wie helpt?"
    assert narrow[0] == "De" and all(piece.endswith("-") for piece in narrow[1:-1]) and len(narrow) >= 3
    assert "".join(narrow[1:]).replace("-", "") == "werkvloerbegeleider"
    wide = " ".join(_column_words(data, MARGIN + 31, MARGIN + 174))
    assert wide.endswith("Een korte zin die in de brede kolom past zonder afbreken.")


# -- hours per month beside the contact hours -------------------------------------------------------


def test_hours_per_month_count_a_collective_session_once() -> None:
    held = [
        ContactMoment(
            employee_id=f"e{number}",
            trajectory_id=f"t{number}",
            number=0,
            phase=Phase.OPSTART,
            status=ContactMomentStatus.HELD,
            date=date(2026, 10, 6),
            duration_minutes=120,
            collective=True,
            collective_group_id="groep",
        )
        for number in range(3)
    ]
    single = held[0].model_copy(
        update={"id": "x", "collective_group_id": None, "date": date(2026, 11, 3), "duration_minutes": 45}
    )
    planned = single.model_copy(update={"id": "y", "status": ContactMomentStatus.PLANNED, "date": date(2026, 11, 4)})
    october, november = hours_by_month(hours("o", "c"), [*held, single, planned])
    assert (october.year, october.month, october.contact_moments, october.contact_hours) == (2026, 10, 1, 2)
    assert october.organisation_hours == 0
    assert (november.contact_moments, november.contact_hours, november.organisation_hours) == (1, 0.75, 3.5)


def test_hours_document_shows_contact_hours_beside_the_organisation_hours() -> None:
    org = organisation(name="LDE Groen & Zorg")
    entries = hours(org.id, "c1")
    worker_moments = moments("e1", "t1")  # five held in September 2026
    data = hours_pdf(HoursPrint(org, entries, hours_by_month(entries, worker_moments), {}, "Tom", PRINTED))
    text = pdf_text(data)
    assert "Uren per maand" in text and "Uren contact" in text and "Totaal bovenop contact" in text
    assert "09/2026 5 7 0 0 0 0 0" in text
    assert "11/2026 0 0 2 0 1,5 0 3,5" in text
    assert "Totaal 5 7 2 0 1,5 0 3,5" in text
