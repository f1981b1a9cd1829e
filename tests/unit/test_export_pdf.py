"""Every PDF read back: A4, the entered texts present, ticks in the right boxes."""

from __future__ import annotations

from datetime import date

import pytest
from export_fixtures import (
    A4,
    AWKWARD,
    PRINTED,
    box_count,
    employee,
    filled_box_count,
    hours,
    moments,
    organisation,
    page_sizes,
    pdf_text,
    pop_print,
    ticked_labels,
    trajectory,
)

from poptui.catalog import load_catalog
from poptui.export.forms_pdf import (
    AttendancePrint,
    ConsentPrint,
    ConsentWording,
    HoursPrint,
    StartupPrint,
    attendance_pdf,
    consent_pdf,
    hours_pdf,
    startup_pdf,
)
from poptui.export.pdf_layout import Boxes, Column, FormContext, FormPdf, Ticks, printable
from poptui.export.pop_pdf import PopPrint, pop_pdf
from poptui.export.worksheets_pdf import WORKSHEETS, WorksheetPrint, worksheet_pdf
from poptui.models import PopAction, StartupAnalysis
from poptui.services.hours_summary import hours_by_month


def _wording() -> ConsentWording:
    from poptui.services.consent import current_text

    text = current_text()
    return ConsentWording(text.version, text.valid_from, text.title, text.text)


def test_pop_document_is_a4_with_every_part() -> None:
    data = pop_pdf(pop_print())
    assert data.startswith(b"%PDF")
    assert set(page_sizes(data)) == {A4}
    text = pdf_text(data)
    for expected in (
        "Persoonlijk ontwikkelingsplan (POP)",
        "Persoonsgegevens",
        "Van den Broeck",
        "Inès",
        "De Werkplaats vzw",
        "Sofie Claes",
        "Verloop POP-traject",
        "01/09/2026",
        "29/09/2026",
        "Wat wil ik?",
        "Ik wil in de winkel aan de kassa werken.",
        "Wat kan ik?",
        "Kleding sorteren op kwaliteit",
        "Ontwikkelpunten",
        "Klanten durven aanspreken",
        "Mijn doel",
        "Doorgroeien naar kassamedewerker",
        "Opleiding kassasysteem volgen",
        "Collega Jan",
        "01/02/2027",
        "Attest kassasysteem behaald",
        "Handtekeningen",
        "Afgedrukt op 02/12/2026",
        "Pagina 1/",
    ):
        assert expected in text, expected
    assert "Evaluatie van de acties" not in text


def test_pop_ticks_the_phase_of_each_held_conversation_and_the_kind_of_each_item() -> None:
    ticks = ticked_labels(pop_pdf(pop_print()))
    phases = ["Opstart", "Analyse", "Analyse", "Planning", "Planning"]
    kinds_can = ["technisch", "generiek", "andere"]
    kinds_points = ["generiek"]
    kinds_actions = ["technisch", "generiek"]
    assert ticks == phases + kinds_can + kinds_points + kinds_actions


def test_pop_prints_only_held_conversations() -> None:
    data = pop_pdf(pop_print())
    # 5 held moments x 5 phases + 6 kind tick lists x 3 boxes; the planned moment is not printed
    assert box_count(data) == 5 * 5 + 6 * 3


def test_follow_up_pop_starts_with_the_evaluation_of_the_previous_actions() -> None:
    data = pop_pdf(pop_print(follow_up=True))
    text = pdf_text(data)
    assert "Vervolg-POP" in text
    assert text.index("Evaluatie van de acties uit het vorige POP") < text.index("Verloop POP-traject")
    assert "Heftruckattest halen" in text and "Nog één praktijkles nodig" in text
    assert "3/5" in text and "5/5" in text
    assert filled_box_count(data) == 3 + 5
    assert ticked_labels(data)[:2] == ["ja", "nee"]


def test_awkward_characters_print(tmp_path) -> None:
    data_in = pop_print()
    item = data_in.pop.model_copy(update={"goal": AWKWARD})
    data = pop_pdf(PopPrint(**{**data_in.__dict__, "pop": item}))
    text = pdf_text(data)
    for fragment in ("Inès Müller-Özdemir", "“dat is ‘oké’”", "€12,50", "D’Hondt", "ï ë é à ç ß æ ø ł"):
        assert fragment in text, fragment


def test_a_form_needing_a_character_outside_the_compact_fonts_is_set_in_the_full_fonts() -> None:
    """Forms are set in fonts cut down to the Latin script and common symbols (fast to write);
    a name in another script makes the form again in the full fonts, so it still prints."""
    data_in = pop_print()
    latin = pop_pdf(data_in)
    cyrillic = pop_pdf(
        PopPrint(**{**data_in.__dict__, "employee": data_in.employee.model_copy(update={"first_name": "Пётр"})})
    )
    assert "Пётр Van den Broeck" in pdf_text(cyrillic) and "Inès Van den Broeck" in pdf_text(latin)
    assert pdf_text(pop_pdf(data_in)) == pdf_text(latin)  # after a full-font form, compact again


def test_printable_removes_what_cannot_print() -> None:
    text = printable("a\tb\x00c\x1b[31md\u200be\ufeff" + "\ud800")
    assert text == "a    bcde?"
    assert printable(None) == ""


def test_layout_survives_hostile_text_and_breaks_long_rows_across_pages() -> None:
    pdf = FormPdf("Stresstest " + AWKWARD, FormContext(AWKWARD * 3, PRINTED), AWKWARD)
    pdf.section(AWKWARD)
    pdf.paragraph(AWKWARD * 5)
    pdf.fields([(AWKWARD, AWKWARD), ("x" * 300, "")])
    long_word = "Zonderspaties" * 80
    long_text = ("Een heel lange opmerking uit Word geplakt, met “aanhalingstekens” en een tab\t. " * 120).strip()
    pdf.grid(
        [Column("Tekst", 80), Column("Vinkjes", 40), Column("Vordering", 30), Column("Leeg", 24)],
        [
            [long_text, Ticks([("één", True), ("twee", False)]), Boxes(7, 5), None],
            [long_word, Ticks([]), Boxes(-1), ""],
        ],
    )
    pdf.signatures([(AWKWARD, AWKWARD)] * 3)
    data = pdf.to_bytes()
    sizes = page_sizes(data)
    assert len(sizes) >= 4 and set(sizes) == {A4}
    text = pdf_text(data)
    assert "Een heel lange opmerking" in text and "Zonderspaties" in text
    assert f"Pagina {len(sizes)}/{len(sizes)}" in text


def test_a_two_thousand_character_action_breaks_cleanly() -> None:
    data_in = pop_print()
    words = ("Deze actie is met veel uitleg beschreven door de coach. " * 40)[:2000]
    actions = [PopAction(what=words, who_helps=words[:1000], result=words, deadline=date(2027, 1, 5))] * 3
    data = pop_pdf(PopPrint(**{**data_in.__dict__, "pop": data_in.pop.model_copy(update={"actions": actions})}))
    assert len(page_sizes(data)) >= 4
    assert pdf_text(data).count("Handtekeningen") == 1


def test_consent_document_lists_the_contact_moments_and_signatures() -> None:
    org = organisation()
    worker = employee(org.id, first="Jan", last="D'Hondt")
    traject = trajectory(worker.id, "c1")
    data = consent_pdf(
        ConsentPrint(
            worker,
            org,
            [(traject, moments(worker.id, traject.id))],
            _wording(),
            "Sofie Claes",
            worker.consent_date,
            PRINTED,
        )
    )
    assert set(page_sizes(data)) == {A4}
    text = pdf_text(data)
    for expected in (
        "Toestemming en registratie POP-traject",
        "D'Hondt",
        "Jan",
        "toestemming",
        "02/09/2026",
        "01/09/2026",
        "2 u",
        "1 u 15 min",
        "Opstart",
        "Planning",
        "Totaal",
        "7 u",
        "5 contactmomenten",
        "Werknemer",
        "POP-coach",
        "Sofie Claes",
    ):
        assert expected in text, expected
    assert ticked_labels(data) == ["Ik"]


def test_consent_without_consent_date_leaves_the_box_empty() -> None:
    org = organisation()
    worker = employee(org.id, consent_date=None)
    data = consent_pdf(ConsentPrint(worker, org, [], _wording(), "", None, PRINTED))
    assert ticked_labels(data) == []
    assert "Er is nog geen POP-traject geregistreerd." in pdf_text(data)


def test_hours_document_totals_per_kind() -> None:
    org = organisation(name="LDE Groen & Zorg")
    entries = hours(org.id, "c1")
    data = hours_pdf(
        HoursPrint(org, entries, hours_by_month(entries, []), {"c1": "Tom De Smet"}, "Tom De Smet", PRINTED)
    )
    assert set(page_sizes(data)) == {A4}
    text = pdf_text(data)
    for expected in (
        "Uren begeleiding organisatie",
        "LDE Groen & Zorg",
        "Hilde Verhoeven",
        "03/11/2026",
        "Intake",
        "Intakegesprek met directie",
        "Begeleiding begeleiders",  # §4.4.4: "begeleiding van de organisatie, de begeleiders"
        "1,5",
        "Totaal",
        "3,5",
        "Voor de organisatie",
        "Tom De Smet",
        "03/11/2026 - 17/11/2026",
    ):
        assert expected in text, expected


def test_attendance_list_has_a_row_and_signature_box_per_participant() -> None:
    participants = [(f"Deelnemer {number}", "De Werkplaats vzw") for number in range(1, 41)]
    data = attendance_pdf(
        AttendancePrint(
            "POP-coach opleiding dag 1", date(2026, 11, 12), "Marc Peeters", "Gent", 6, participants, "", PRINTED
        )
    )
    sizes = page_sizes(data)
    assert len(sizes) >= 2 and set(sizes) == {A4}
    text = pdf_text(data)
    assert "Deelnemer 1 " in text and "Deelnemer 40" in text and "Marc Peeters" in text and "12/11/2026" in text
    assert text.count("Handtekening") >= len(sizes) + 1  # the column header on every page and the trainer's block


def test_startup_analysis_prints_the_answers_under_their_questions() -> None:
    guide = load_catalog().startup
    first = guide.sections[0].groups[0].questions[0]
    last = guide.sections[-1].groups[-1].questions[-1]
    org = organisation()
    analysis = StartupAnalysis(
        organisation_id=org.id,
        date=date(2026, 9, 15),
        answers={
            first.id: "Directie, ambassadeur en twee coaches.",
            last.id: "Elk kwartaal.",
            "oud.1": "Een antwoord op een vraag die niet meer bestaat.",
        },
    )
    data = startup_pdf(StartupPrint(org, analysis, guide, PRINTED))
    text = pdf_text(data)
    assert set(page_sizes(data)) == {A4}
    assert "Directie, ambassadeur en twee coaches." in text and "Elk kwartaal." in text
    assert "(niet beantwoord)" not in text  # an unanswered question gets lines to write on
    assert "Een antwoord op een vraag die niet meer bestaat." in text
    assert text.index(" ".join(first.text.split())[:40]) < text.index("Directie, ambassadeur")


@pytest.mark.parametrize("name", WORKSHEETS)
def test_every_blank_worksheet_prints_on_a4(name: str) -> None:
    data = worksheet_pdf(WorksheetPrint(name, load_catalog(), "De Werkplaats vzw", (), PRINTED))
    assert set(page_sizes(data)) == {A4}
    text = pdf_text(data)
    assert "De Werkplaats vzw" in text and "Naam werknemer" in text
    assert ticked_labels(data) == []


def test_worksheets_carry_the_catalog_texts() -> None:
    catalog = load_catalog()
    hand = pdf_text(worksheet_pdf(WorksheetPrint("hand", catalog, print_date=PRINTED)))
    assert all(finger.sheet_label in hand for finger in catalog.hand.fingers)
    scan = pdf_text(worksheet_pdf(WorksheetPrint("scan", catalog, print_date=PRINTED)))
    assert all(domain.heading.upper() in scan for domain in catalog.scan.domains)
    praat = worksheet_pdf(WorksheetPrint("praatplaat", catalog, print_date=PRINTED))
    assert all(item.label in pdf_text(praat) for item in catalog.praatplaat.conditions)
    options = (
        len(catalog.praatplaat.conditions)
        + len(catalog.praatplaat.focus_options)
        + len(catalog.praatplaat.motivation_options)
    )
    assert box_count(praat) == options
    klok = pdf_text(worksheet_pdf(WorksheetPrint("klokwijs", catalog, print_date=PRINTED)))
    assert all(str(hour) in klok for hour in range(1, 13)) and "Mijn dag" in klok


def test_competence_sheet_uses_the_organisations_competences() -> None:
    data = worksheet_pdf(
        WorksheetPrint(
            "competenties", load_catalog(), "De Werkplaats vzw", ["Heftruck besturen", "Klantvriendelijk zijn"], PRINTED
        )
    )
    text = pdf_text(data)
    assert "Heftruck besturen" in text and "Klantvriendelijk zijn" in text
    assert "Materiaalkennis" not in text
    assert box_count(data) == (2 + 3) * 3 * 4
