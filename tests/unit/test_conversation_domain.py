"""The domain of the conversation methods: the Klokwijs clock as text (a time in, the hands'
cells out), the day's slots, the records' rules, the filled A4 sheets read back, the demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError
from pypdf import PdfReader

from poptui.catalog import load_catalog
from poptui.models import Employee, Level, MethodKind, MethodRecordBase, Trajectory, VariantId
from poptui.models.methods import ClockDay, ClockSlot, InterviewRecord
from poptui.services import forms, klokwijs
from poptui.store import ConsentRequired, Database

CENTRE = (11, 5)


def test_the_hands_point_where_the_time_says() -> None:
    three = klokwijs.hand_cells(3, 0)
    assert {(column, 5) for column in range(12, 17)} == set(three.hour)  # hour hand: to the right
    assert {(11, row) for row in range(1, 5)} == set(three.minute)  # minute hand: straight up
    half_past_nine = klokwijs.hand_cells(21, 30)
    assert all(column < 11 for column, _row in half_past_nine.hour)  # between 9 and 10: to the left
    assert {(11, row) for row in range(6, 10)} == set(half_past_nine.minute)  # straight down
    assert CENTRE not in three.hour | three.minute
    assert klokwijs.hand_cells(15, 0) == three  # the face shows twelve hours


def test_the_minute_hand_is_longer_than_the_hour_hand() -> None:
    for hour, minute in [(0, 0), (6, 0), (4, 20), (11, 45)]:
        hands = klokwijs.hand_cells(hour, minute)
        assert len(hands.minute) > len(hands.hour) > 0


def test_the_face_in_unicode_and_in_ascii() -> None:
    unicode_face = klokwijs.clock_lines(3, 0)
    ascii_face = klokwijs.clock_lines(3, 0, ascii_only=True)
    assert len(unicode_face) == klokwijs.HEIGHT and {len(line) for line in unicode_face} == {klokwijs.WIDTH}
    assert all(ord(char) < 128 for line in ascii_face for char in line)
    assert "█" in unicode_face[5] and "◉" in unicode_face[5] and "•" in unicode_face[1]
    assert ascii_face[5][11] == "O" and ascii_face[5][12:17] == "#####" and ascii_face[1][11] == "*"
    assert "12" in ascii_face[0] and "6" in ascii_face[-1]
    for number in ("1", "2", "3", "4", "5", "7", "8", "9", "10", "11"):
        assert any(number in line for line in ascii_face)


def test_steps_around_the_clock() -> None:
    assert klokwijs.step("07:00", 15) == "07:15"
    assert klokwijs.step("07:10", 15) == "07:15" and klokwijs.step("07:10", -15) == "07:00"
    assert klokwijs.step("23:45", 15) == "00:00" and klokwijs.step("00:30", -60) == "23:30"


def test_a_slot_per_time_in_order_and_an_empty_one_is_removed() -> None:
    day = ClockDay(name="Gisteren")
    day = klokwijs.set_slot(day, ClockSlot(time="9:00", what="Werken"))
    day = klokwijs.set_slot(day, ClockSlot(time="07:00", what="Opstaan"))
    day = klokwijs.set_slot(day, ClockSlot(time="09:00", what="Zagen", with_whom="Ahmed"))
    assert [(slot.time, slot.what) for slot in day.slots] == [("07:00", "Opstaan"), ("09:00", "Zagen")]
    day = klokwijs.set_slot(day, ClockSlot(time="07:00"))
    assert [slot.time for slot in day.slots] == ["09:00"]
    with pytest.raises(ValidationError):
        ClockSlot(time="25:00")


def test_an_attitude_score_is_1_to_4_and_themes_1_to_8() -> None:
    record = InterviewRecord(employee_id="e", trajectory_id="t", attitudes={"samenwerken": 4}, themes=[1, 8])
    assert record.attitudes == {"samenwerken": 4}
    for wrong in ({"attitudes": {"samenwerken": 5}}, {"attitudes": {"samenwerken": 0}}, {"themes": [9]}):
        with pytest.raises(ValidationError):
            InterviewRecord(employee_id="e", trajectory_id="t", **wrong)


def test_every_question_has_an_id_and_theme_4_names_the_records_fields() -> None:
    catalog = load_catalog()
    theme_4 = [question.id for question in catalog.interview.theme(4).questions]
    assert set(theme_4) == InterviewRecord.sensitive_fields | {"mobility"}
    assert all(name in InterviewRecord.model_fields for name in theme_4)
    summary_ids = [question.id for question in catalog.ai.dream_summary + catalog.ai.optional_steps]
    from poptui.models.methods import AiDroomfaseRecord

    assert all(name in AiDroomfaseRecord.model_fields for name in summary_ids)
    assert catalog.interview.suggested_themes.themes("laag", "basistraject") == [1, 3, 4, 6, 8]


def test_the_steps_and_the_summary_parts_come_from_the_catalog() -> None:
    from poptui.models import SummaryPart

    catalog = load_catalog()
    assert len(catalog.interview.motivation_checklist) == 22  # §5.2 theme 3
    assert [question.id for question in catalog.interview.theme(3).questions] == ["energy_givers", "energy_drainers"]
    assert catalog.interview.theme(8).part is SummaryPart.WAT_WIL_IK
    assert {finger.id: finger.part for finger in catalog.hand.fingers}["duim"] is SummaryPart.WAT_KAN_IK
    assert [step.id for step in catalog.ai.steps] == [
        "ontdekken",
        "dromen",
        "samenvatting",
        "vormgeven",
        "verwezenlijken",
    ]
    assert [step.title for step in catalog.klokwijs.steps][-1] == "4 Wat kan ik?"
    assert {step.id for step in catalog.praatplaat.steps} == {"praatplaat", "bespreken"}


def test_the_store_refuses_theme_4_without_consent(db: Database) -> None:
    employee = db.save(Employee(first_name="Kevin", last_name="Vermeulen", organisation_id="org"))
    with pytest.raises(ConsentRequired):
        db.save(InterviewRecord(employee_id=employee.id, trajectory_id="t", physical_limitations="Rugklachten"))
    db.save(InterviewRecord(employee_id=employee.id, trajectory_id="t", mobility="Met de fiets"))


@pytest.fixture
def printed(demo_db: Database, tmp_path: Path) -> dict[MethodKind, str]:
    """The demo's five filled methods, printed and read back."""
    out = {}
    for record in demo_db.list(MethodRecordBase):
        path = forms.export_method(demo_db, record, tmp_path)
        out[record.kind] = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    return out


def test_the_demo_holds_each_method_on_a_moment_that_plans_it(demo_db: Database) -> None:
    from poptui.models import ContactMoment

    records = demo_db.list(MethodRecordBase)
    kinds = {record.kind for record in records}
    assert {
        MethodKind.HAND,
        MethodKind.INTERVIEW,
        MethodKind.AI_DROOMFASE,
        MethodKind.KLOKWIJS,
        MethodKind.PRAATPLAAT,
    } <= kinds
    for record in records:
        moment = demo_db.get(ContactMoment, record.contact_moment_id or "", employee_id=record.employee_id)
        assert record.kind in moment.methods and record.date == moment.date


def test_the_filled_sheets_read_back(printed: dict[MethodKind, str]) -> None:
    hand = printed[MethodKind.HAND]
    assert (
        "HAND-methodiek (ingevuld)" in hand and "Waar ga ik naartoe?" in hand and "Ooit in de logistiek werken." in hand
    )
    klok = printed[MethodKind.KLOKWIJS]
    assert "Mijn dag: Gisteren" in klok and "Planken zagen in het" in klok and "Mijn dag: Een weekenddag" in klok
    assert "Plannen en tekeningen leren lezen  [Ontwikkelpunten]" in klok
    praat = printed[MethodKind.PRAATPLAAT]
    assert "Werken in een strijkatelier van een hotel" in praat and "Ik werk graag binnen" in praat
    assert "Eerst op papier ingevuld (huiswerk)." in praat
    ai = printed[MethodKind.AI_DROOMFASE]
    assert "Succesverhaal 1: Mijn heftruckattest" in ai and "doorzetten, rustig onder druk, nauwkeurig" in ai
    interview = printed[MethodKind.INTERVIEW]
    assert "Thema 6: Zelfredzaamheid op de werkvloer" in interview and "Ik leg gemakkelijk contact" in interview
    assert "Rugklachten na lang zitten" in interview  # theme 4: the demo employee gave consent
    assert interview.count("Wat demotiveert je? Wat zijn energievreters?") == 1
    assert "Stilstaan en wachten als er geen werk is" in interview


def test_the_persons_export_holds_every_filled_method(demo_db: Database, tmp_path: Path) -> None:
    from poptui.services.person_rights import export_person

    mohamed = next(employee for employee in demo_db.list(Employee) if employee.first_name == "Mohamed")
    result = export_person(demo_db, mohamed.id, tmp_path / "uit")
    methods = {path.name.split("_")[1] for path in result.files if path.suffix == ".pdf"}
    assert {"CRITERIUMGERICHTINTERVIEW", "AIDROOMFASE"} <= methods
    interview = next(path for path in result.files if "CRITERIUMGERICHTINTERVIEW" in path.name)
    assert "Heftruckchauffeur in het magazijn" in PdfReader(interview).pages[0].extract_text()


def test_a_filled_sheet_of_an_empty_record_prints(db: Database, tmp_path: Path) -> None:
    employee = db.save(Employee(first_name="Sara", last_name="Claes", organisation_id="org"))
    trajectory = db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.VARIANT_1, reflection=Level.LOW, intensity=Level.LOW)
    )
    from poptui.models import new_method_record

    for kind in (
        MethodKind.HAND,
        MethodKind.INTERVIEW,
        MethodKind.AI_DROOMFASE,
        MethodKind.KLOKWIJS,
        MethodKind.PRAATPLAAT,
    ):
        record = new_method_record(kind, employee_id=employee.id, trajectory_id=trajectory.id, date=date(2025, 3, 3))
        text = PdfReader(forms.export_method(db, record, tmp_path)).pages[0].extract_text()
        assert "(ingevuld)" in text and "Sara Claes" in text


def test_the_filled_klokwijs_sheet_draws_the_day_on_the_clock(db: Database, tmp_path: Path) -> None:
    """Every moment told gets a numbered hand on the clock, numbered as its row in the day table;
    07:00 and 19:00 point the same way but get a short and a long hand, and two moments on one
    spot share one badge (badges are 5 mm high, in points here)."""
    import pdfplumber

    from poptui.models import new_method_record

    employee = db.save(Employee(first_name="Sara", last_name="Claes", organisation_id="org"))
    trajectory = db.save(
        Trajectory(employee_id=employee.id, variant=VariantId.VARIANT_1, reflection=Level.LOW, intensity=Level.LOW)
    )
    record = new_method_record(
        MethodKind.KLOKWIJS, employee_id=employee.id, trajectory_id=trajectory.id, date=date(2025, 3, 3)
    )
    slots = [
        ClockSlot(time="07:00", what="Opstaan"),
        ClockSlot(time="07:02", what="Koffie"),
        ClockSlot(time="13:00", what="Werken"),
        ClockSlot(time="19:00", what="Eten"),
    ]
    record = record.model_copy(update={"days": [ClockDay(name="Gisteren", slots=slots)]})
    path = forms.export_method(db, record, tmp_path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        table_top = min(word["top"] for word in page.extract_words() if word["text"] == "Uur")
        clock_words = [word["text"] for word in page.extract_words() if word["bottom"] < table_top]
        badges = [shape for shape in page.curves if shape["fill"] and abs(shape["height"] - 5 * 72 / 25.4) < 0.5]
    assert "1. 07:00" in text and "2. 07:02" in text and "3. 13:00" in text and "4. 19:00" in text
    assert "korte wijzers vóór de middag" in text
    assert {str(hour) for hour in range(1, 13)} <= set(clock_words)
    assert "1,2" in clock_words  # 07:00 and 07:02 share the spot of 07:00
    assert len(badges) == 3  # 07:00+07:02, 13:00, and 19:00 on its own long hand
