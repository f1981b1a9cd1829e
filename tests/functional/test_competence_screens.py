"""Competences through the real screens: the dictionary, a profile, the import, the measurement with
the supervisor's view, growth over three measurements, and an action linked to a competence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from poptui.screens import navigation
from poptui.screens.competence_dictionary import CompetenceDictionaryScreen, CompetenceForm
from poptui.screens.competence_growth import CompetenceGrowthScreen
from poptui.screens.competence_measurement import CompetenceMeasurementScreen
from poptui.screens.consultation import SupervisorConsultationForm
from poptui.screens.dialogs import MessageDialog
from poptui.screens.function_profiles import FunctionProfilesScreen, ProfileForm
from scenarios import TODAY, Flow
from textual.widgets import DataTable, Static

from poptui.app import PopApp
from poptui.models import (
    CompetenceDictionary,
    CompetenceKind,
    CompetentiemetingRecord,
    ConsultationRating,
    MethodKind,
    MethodRecordBase,
    PopDocument,
    SupervisorConsultation,
)
from poptui.services import competences
from poptui.store import Database


def _measurements(database: Database, employee_id: str) -> list[CompetentiemetingRecord]:
    found = database.list(MethodRecordBase, employee_id=employee_id, kind=MethodKind.COMPETENTIEMETING)
    return [record for record in found if isinstance(record, CompetentiemetingRecord)]


def _shown(app: PopApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_organisation_edits_its_dictionary(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_organisation(app, flow.organisation.id)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompetenceDictionaryScreen)
        assert "standaardwoordenboek" in _shown(app, "#dictionary-status")
        assert app.screen.query_one(DataTable).row_count == 11
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, CompetenceForm)
        await pilot.press(*"Inpakken [/b]", "tab")
        await pilot.press("enter", "down", "down", "enter")  # kind: technisch
        await pilot.press("tab", *"De medewerker pakt producten in volgens de instructie.", "tab")
        await pilot.press(*"Vouwt de doos", "enter", *"Telt de stuks", "enter", *"Plakt het etiket")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CompetenceDictionaryScreen)
        await pilot.pause()
        source = competences.dictionary(database, flow.organisation.id)
        new = source.competences[-1]
        assert (new.name, new.kind) == ("Inpakken [/b]", CompetenceKind.TECHNICAL)
        assert new.indicators == ["Vouwt de doos", "Telt de stuks", "Plakt het etiket"]
        assert app.screen.query_one(DataTable).row_count == 12
        assert app.screen.selected_key() == new.id  # the cursor is on the new competence
        # the first competence is deleted after a yes
        await pilot.press(*["up"] * 12, "delete")
        await pilot.pause()
        await pilot.press("enter")  # yes (letters are text over a list)
        await pilot.pause()
        assert [item.name for item in competences.dictionary_of(database, flow.organisation.id)][0] == (
            "Instructies begrijpen"
        )


async def test_a_function_profile_with_expected_levels(flow: Flow) -> None:
    database = flow.database
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_competence_dictionary(app, flow.organisation.id)
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, FunctionProfilesScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm)
        await pilot.press(*"Inpakker", "tab")
        await pilot.press("enter", "down", "down", "down", "down", "enter")  # Samenwerken: 3 lukt meestal
        await pilot.press("tab", "enter", "down", "enter")  # Instructies begrijpen: in the profile, no level
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FunctionProfilesScreen)
    [profile] = competences.dictionary(database, flow.organisation.id).profiles
    assert profile.function == "Inpakker"
    assert [(entry.competence_id, entry.expected) for entry in profile.entries] == [
        ("samenwerken", 3),
        ("instructies_begrijpen", None),
    ]


async def test_the_import_screen_reads_a_belgian_csv(flow: Flow, tmp_path: Path) -> None:
    path = tmp_path / "woordenboek.csv"
    path.write_bytes(
        "Competentie;Definitie;Soort;Gedragsindicator 1;Gedragsindicator 2;Gedragsindicator 3\r\n"
        "Hygiënisch werken;De medewerker werkt hygiënisch.;technisch;Wast de handen;Draagt een haarnet;Poetst\r\n".encode(
            "cp1252"
        )
    )
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_competence_dictionary(app, flow.organisation.id)
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 toe te voegen" in _shown(app, "#import-summary")
        assert flow.database.list(CompetenceDictionary) == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert "1 toegevoegd" in _shown(app, "#import-summary")
    names = [item.name for item in competences.dictionary_of(flow.database, flow.organisation.id)]
    assert names[-1] == "Hygiënisch werken" and len(names) == 12


async def test_rating_round_trip_with_the_supervisors_view(flow: Flow) -> None:
    database = flow.database
    employee, trajectory = flow.employees[0], flow.trajectories[0]
    competences.save_profile(
        database,
        flow.organisation.id,
        "Inpakker",
        {"samenwerken": 3, "doorzetten": 2, "communiceren": 3, "materiaalkennis": 3},
    )
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        # The supervisor rates two competences in the consultation.
        app.push_screen(SupervisorConsultationForm(employee.id, trajectory.id))
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # it opens on the first text ("does well"): past the three texts
        await pilot.press("enter", "down", "enter")  # Samenwerken: 1
        await pilot.press("tab", "tab", "enter", "down", "down", "down", "down", "enter")  # Doorzetten: 4
        await pilot.press("ctrl+s")
        await pilot.pause()
        [consultation] = database.list(SupervisorConsultation, employee_id=employee.id)
        assert [(rating.competence_id, rating.rating) for rating in consultation.competence_ratings] == [
            ("samenwerken", 1),
            ("doorzetten", 4),
        ]

        navigation.open_method(app, employee.id, trajectory.id, MethodKind.COMPETENTIEMETING.value)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompetenceMeasurementScreen)
        assert "Profiel: Inpakker" in _shown(app, "#measurement-profile")
        assert _measurements(database, employee.id) == []  # opening stores nothing
        await pilot.press("3", "2", "2", "3")  # self, top to bottom
        await pilot.press("up", "up", "up", "up", "right", "2", "3", "1", "4")  # coach
        await pilot.press("up", "up", "up", "right", "right", "3", "3", "4", "4")  # where I want to be
        await pilot.press("up", "up", "up", "o")
        await pilot.pause()
        await pilot.press(*"Werkt graag in [b]ploeg[/b]", "enter")
        await pilot.pause()
        [record] = _measurements(database, employee.id)
        assert [
            (r.competence_id, r.expected, r.self_rating, r.coach, r.supervisor, r.desired, r.remark)
            for r in record.ratings
        ] == [
            ("samenwerken", 3, 3, 2, None, 3, "Werkt graag in [b]ploeg[/b]"),
            ("materiaalkennis", 3, 2, 3, None, 3, ""),
            ("doorzetten", 2, 2, 1, None, 4, ""),
            ("communiceren", 3, 3, 4, None, 4, ""),
        ]
        assert record.profile_name == "Inpakker" and record.date == TODAY
        table = screen.query_one(DataTable)
        assert [str(cell) for cell in table.get_row_at(0)][5:8] == ["1*", "3", "!!"]  # supervisor 1 vs self 3
        assert [str(cell) for cell in table.get_row_at(2)][5:8] == ["4*", "4", "!!"]  # supervisor 4 vs self 2
        assert "tussentijds overleg" in _shown(app, "#measurement-profile")
        # The supervisor's rating entered here replaces the consultation's.
        await pilot.press("left", "3")  # from Wil to Werkv on the first row
        await pilot.pause()
        [record] = _measurements(database, employee.id)
        assert record.ratings[0].supervisor == 3
        assert [str(cell) for cell in table.get_row_at(0)][5:8] == ["3", "3", ""]
        # b: only the points to talk about
        await pilot.press("b")
        await pilot.pause()
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "Doorzetten"
        await pilot.press("b")
        await pilot.pause()
        assert table.row_count == 4
        # a rating beyond the scale is refused with a message
        await pilot.press("left", "9")  # the coach's column of Doorzetten, where b left the cursor
        await pilot.pause()
        assert _measurements(database, employee.id)[0].ratings[2].coach == 1
        # v: the full list of pitfalls
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog) and "Mildheidstendens" in app.screen.text
        await pilot.press("escape", "escape")
        await pilot.pause()
        # Opened again, the screen shows what was stored.
        navigation.open_method(app, employee.id, trajectory.id, MethodKind.COMPETENTIEMETING.value)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [str(cell) for cell in table.get_row_at(0)][:9] == [
            "Samenwerken",
            "G",
            "3",
            "3",
            "2",
            "3",
            "3",
            "",
            "Werkt graag in [b]ploeg[/b]",
        ]


async def test_the_measurements_letter_keys_clear_remark_profile_choose_and_action(flow: Flow) -> None:
    from poptui.screens.action_form import ActionForm
    from poptui.screens.dialogs import ChooseDialog, ConfirmDialog
    from poptui.screens.widgets.choice_dialogs import ChecklistDialog
    from poptui.screens.widgets.text_prompt import TextPromptDialog

    database = flow.database
    employee, trajectory = flow.employees[0], flow.trajectories[0]
    competences.save_profile(database, flow.organisation.id, "Inpakker", {"samenwerken": 3, "doorzetten": 2})

    def ratings() -> list[tuple[str, int | None, int | None, str]]:
        [record] = _measurements(database, employee.id)
        return [(r.competence_id, r.self_rating, r.coach, r.remark) for r in record.ratings]

    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, employee.id, trajectory.id, MethodKind.COMPETENTIEMETING.value)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompetenceMeasurementScreen)
        table = screen.query_one(DataTable)
        # F3: the guidance names every key of the screen.
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, MessageDialog) and "a een actie voor het POP" in app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        # 0 and Backspace clear the cell under the cursor.
        await pilot.press("3", "2", "backspace")
        await pilot.pause()
        assert ratings() == [("samenwerken", 3, None, ""), ("doorzetten", None, None, "")]
        await pilot.press("up", "right", "4", "up", "0")
        await pilot.pause()
        assert ratings() == [("samenwerken", 3, None, ""), ("doorzetten", None, None, "")]
        # Enter asks the remark; letters and digits typed there are text, never keys of the screen.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPromptDialog)
        await pilot.press(*"pcabvhno 0 9", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert ratings() == [("samenwerken", 3, None, "pcabvhno 0 9"), ("doorzetten", None, None, "")]
        # p: another profile (here the whole dictionary); the ratings given stay.
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        labels = [str(label) for label, _value in app.screen.choices]
        assert labels[0] == "Inpakker (de functie van Inès)" and labels[1] == "Alle competenties van het woordenboek"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen and table.row_count == 11
        [record] = _measurements(database, employee.id)
        assert record.profile_name == "" and record.ratings[0].self_rating == 3
        assert "alle competenties van het woordenboek" in _shown(app, "#measurement-profile")
        # c: hand-picked; unticking a rated competence asks first, and N keeps it with its ratings.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistDialog)
        await pilot.press("space", "ctrl+s")  # untick Samenwerken (rated)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Samenwerken" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert ratings()[0] == ("samenwerken", 3, None, "pcabvhno 0 9") and len(ratings()) == 11  # unchanged
        assert "alle competenties van het woordenboek" in _shown(app, "#measurement-profile")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("space", "down", "space", "ctrl+s")  # untick Samenwerken and Instructies begrijpen
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("j")
        await pilot.pause()
        assert app.screen is screen and table.row_count == 9
        assert "samenwerken" not in [key for key, *_rest in ratings()]
        assert "eigen keuze van competenties" in _shown(app, "#measurement-profile")
        # a: a new POP action on the highlighted competence, linked to the dictionary.
        table.move_cursor(row=[key for key, *_rest in ratings()].index("doorzetten"))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        await pilot.press(*"Elke dag de taak afwerken", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    [pop] = database.list(PopDocument, employee_id=employee.id)
    [action] = pop.actions
    assert (action.what, action.competence_id, action.competence, action.kind) == (
        "Elke dag de taak afwerken",
        "doorzetten",
        "Doorzetten",
        CompetenceKind.GENERIC,
    )


async def test_pitfall_warnings_while_rating(flow: Flow) -> None:
    employee, trajectory = flow.employees[0], flow.trajectories[0]
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, employee.id, trajectory.id, MethodKind.COMPETENTIEMETING.value)
        await pilot.pause()
        warnings = app.screen.query_one("#measurement-warnings", Static)
        await pilot.press("right", "3", "3", "3")
        await pilot.pause()
        assert not warnings.display
        await pilot.press("3")
        await pilot.pause()
        assert warnings.display
        text = _shown(app, "#measurement-warnings")
        assert "Let op, coach: niets op het laagste of het hoogste niveau · overal hetzelfde niveau." in text
        await pilot.press("1")
        await pilot.pause()
        assert not warnings.display


async def test_growth_over_three_measurements(flow: Flow, monkeypatch: pytest.MonkeyPatch) -> None:
    from poptui.services import competence_measurement as measurement

    monkeypatch.setattr("poptui.screens.competence_growth.plain_terminal", lambda: False)
    database = flow.database
    employee = flow.employees[0]
    for index, day in enumerate([date(2023, 3, 1), date(2024, 3, 1), date(2025, 3, 1)]):
        record = measurement.prepared(
            database,
            CompetentiemetingRecord(employee_id=employee.id, trajectory_id=flow.trajectories[0].id, date=day),
            employee,
        )
        record = measurement.rate(record, "samenwerken", "coach", index + 1)
        record = measurement.rate(record, "samenwerken", "self_rating", 2)
        database.save(record)
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, employee.id, flow.trajectories[0].id, MethodKind.COMPETENTIEMETING.value)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, CompetenceGrowthScreen)
        assert "3 meting(en): 01/03/2023, 01/03/2024, 01/03/2025" in _shown(app, "#growth-legend")
        chart = _shown(app, "#growth-chart")
        samenwerken = chart.split("\n\n")[0].splitlines()
        assert samenwerken[0].startswith("Samenwerken (generiek)") and "C +2" in samenwerken[0]
        assert len(samenwerken) == 4
        assert samenwerken[1].strip().startswith("01/03/2023") and "C ██░░░░░░ 1" in samenwerken[1]
        assert "C ██████░░ 3" in samenwerken[3] and "W -------- -" in samenwerken[3]


async def test_an_action_linked_to_a_competence_takes_its_kind(flow: Flow) -> None:
    from poptui.screens.action_form import ActionForm

    from poptui.services import pop_documents

    database = flow.database
    pop = pop_documents.get_or_create_pop(database, flow.trajectories[0])
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ActionForm(pop))
        await pilot.pause()
        await pilot.press(*"Heftruckattest halen", "tab", "tab", "tab", "tab")  # what, who, deadline, result
        await pilot.press("enter", *["down"] * 5, "enter")  # the fifth competence: Machines bedienen
        await pilot.press("ctrl+s")
        await pilot.pause()
    [stored] = database.list(PopDocument, employee_id=flow.employees[0].id)
    [action] = stored.actions
    assert (action.competence_id, action.competence, action.kind) == (
        "machines_bedienen",
        "Machines bedienen",
        CompetenceKind.TECHNICAL,
    )


async def test_the_dossier_prints_a_consultation_and_the_measurement(flow: Flow) -> None:
    from poptui.screens.dialogs import ChooseDialog
    from poptui.screens.print_dialog import PrintResultDialog
    from pypdf import PdfReader

    database = flow.database
    employee, trajectory = flow.employees[0], flow.trajectories[0]
    database.save(
        SupervisorConsultation(
            employee_id=employee.id,
            trajectory_id=trajectory.id,
            date=TODAY,
            supervisor_id=flow.supervisor.id,
            does_well="Nauwkeurig",
            competence_ratings=[ConsultationRating(competence_id="doorzetten", name="Doorzetten", rating=3)],
        )
    )
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, employee.id, trajectory.id, MethodKind.COMPETENTIEMETING.value)
        await pilot.pause()
        await pilot.press("2", "f5")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and app.screen.path is not None
        text = " ".join(PdfReader(app.screen.path).pages[0].extract_text().split())
        assert "Competentiemeting (ingevuld)" in text and "Samenwerken" in text
        await pilot.press("escape", "escape")
        await pilot.pause()
        navigation.open_trajectory(app, trajectory.id)
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ChooseDialog)
        labels = [str(label) for label, _value in app.screen.choices]
        assert labels[0].startswith("Competentiemeting") and labels[-1].startswith("Tussentijds overleg")
        await pilot.press("end", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PrintResultDialog) and app.screen.path is not None
        text = " ".join(PdfReader(app.screen.path).pages[0].extract_text().split())
        assert "Tussentijds overleg met de werkvloerbegeleider" in text and "Doorzetten" in text


async def test_notes_written_before_the_screen_existed_stay_and_can_be_edited(flow: Flow) -> None:
    database = flow.database
    employee, trajectory = flow.employees[0], flow.trajectories[0]
    database.save(  # as the free-notes screen stored it: notes, conclusions as plain text, no ratings
        CompetentiemetingRecord.model_validate(
            {
                "employee_id": employee.id,
                "trajectory_id": trajectory.id,
                "date": "2025-03-01",
                "notes": "Zelfinschatting op papier gedaan.",
                "conclusions": ["Werkt graag samen"],
            }
        )
    )
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_method(app, employee.id, trajectory.id, MethodKind.COMPETENTIEMETING.value)
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        [record] = _measurements(database, employee.id)
        assert record.notes == "Zelfinschatting op papier gedaan." and record.conclusion_texts() == [
            "Werkt graag samen"
        ]
        assert record.ratings[0].self_rating == 4
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("end", *" Coach was erbij.", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CompetenceMeasurementScreen)
    [record] = _measurements(database, employee.id)
    assert record.notes == "Zelfinschatting op papier gedaan. Coach was erbij."
    assert record.ratings[0].self_rating == 4
