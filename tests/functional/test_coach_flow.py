"""The coach's keyboard flow (issue 11), one test per rule, with the real keys at 80x24:

- typing a sentence into a form's first field or into a list changes nothing but text: no
  command fires, no dialog opens, nothing is stored;
- a form opens on the first field a coach writes in (Notities on a contact moment, with status
  and date already right);
- in a list, letters go to the search box;
- Enter on the home screen opens the first item; v the moment due first, g the agenda;
- recording one contact moment with a one-line note takes Enter, the note and Ctrl+S.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta

from poptui.screens import navigation
from poptui.screens.agenda import AgendaScreen
from poptui.screens.base import TypingRules
from poptui.screens.contact_moment import ContactMomentScreen
from poptui.screens.dialogs import ConfirmDialog, SaveChangesDialog
from poptui.screens.employees import EmployeesScreen
from poptui.screens.home import HomeScreen
from poptui.screens.trajectory_page import TrajectoryScreen
from poptui.screens.widgets.form import FormField, FormScreen
from poptui.screens.widgets.virtual_table import VirtualTable
from scenarios import TODAY, Flow
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Select, TextArea

from poptui.app import PopApp
from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    HoursEntry,
    MethodKind,
    Organisation,
    Person,
    SupervisorConsultation,
    Training,
    Trajectory,
)
from poptui.store import Database

LIST_TABLE = "DataTable, VirtualTable"
"""A list's table: Textual's, or the row-drawing one of long lists (the employees)."""

SENTENCE = "extra notities: n x k m o a e d f g p r s t u v w z j q 1 2 [ ] + /"
"""Every letter that is a command somewhere in poptui, and signs, as a coach would type them."""


def stored(database: Database) -> dict[str, int]:
    """A fingerprint of everything stored: record counts and versions per table."""
    counts: dict[str, int] = {}
    for record_type in (Organisation, Person, Employee, Trajectory, Training, HoursEntry):
        for record in database.list(record_type):
            counts[f"{record_type.__name__}:{record.id}"] = record.version
    for employee in database.list(Employee):
        for record_type in (ContactMoment, SupervisorConsultation):
            for record in database.list(record_type, employee_id=employee.id):
                counts[f"{record_type.__name__}:{record.id}"] = record.version
    return counts


def moment(database: Database, flow: Flow, employee: int, number: int) -> ContactMoment:
    trajectory = flow.trajectories[employee]
    return next(
        m
        for m in database.list(ContactMoment, employee_id=trajectory.employee_id)
        if m.trajectory_id == trajectory.id and m.number == number
    )


def typed_text(widget: object) -> str:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Input):
        return widget.value
    raise AssertionError(f"the focus is not in a text field but on {widget!r}")


# -- forms -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormCase:
    name: str
    open: Callable[[PopApp, Flow], Awaitable[None] | None]
    first_field: str


def _open_moment(app: PopApp, flow: Flow) -> None:
    target = moment(flow.database, flow, 0, 1)
    navigation.open_contact_moment(app, target.employee_id, target.id)


def _open_consultation(app: PopApp, flow: Flow) -> None:
    from poptui.screens.consultation import SupervisorConsultationForm

    app.push_screen(SupervisorConsultationForm(flow.employees[0].id, flow.trajectories[0].id))


def _open_employee_form(app: PopApp, flow: Flow) -> None:
    from poptui.screens.employee_form import EmployeeForm

    app.push_screen(EmployeeForm(organisation_id=flow.organisation.id))


def _open_organisation_form(app: PopApp, flow: Flow) -> None:
    from poptui.screens.organisations import OrganisationForm

    app.push_screen(OrganisationForm())


def _open_person_form(app: PopApp, flow: Flow) -> None:
    from poptui.screens.organisations import PersonForm

    app.push_screen(PersonForm(flow.organisation.id))


def _open_training_form(app: PopApp, flow: Flow) -> None:
    from poptui.screens.trainings import TrainingForm

    app.push_screen(TrainingForm())


def _open_action_form(app: PopApp, flow: Flow) -> None:
    from poptui.screens.action_form import ActionForm

    from poptui.services import pop_documents

    app.push_screen(ActionForm(pop_documents.get_or_create_pop(flow.database, flow.trajectories[0])))


def _open_pop_item_form(app: PopApp, flow: Flow) -> None:
    from poptui.screens.action_form import PopItemForm

    from poptui.services import pop_documents

    app.push_screen(PopItemForm(pop_documents.get_or_create_pop(flow.database, flow.trajectories[0])))


def _open_startup_analysis(app: PopApp, flow: Flow) -> None:
    navigation.open_startup_analysis(app, flow.organisation.id)


FORMS = [
    FormCase("contact moment", _open_moment, "notes"),
    FormCase("consultation", _open_consultation, "does_well"),
    FormCase("employee", _open_employee_form, "first_name"),
    FormCase("organisation", _open_organisation_form, "name"),
    FormCase("person", _open_person_form, "first_name"),
    FormCase("training day", _open_training_form, "title"),
    FormCase("action", _open_action_form, "what"),
    FormCase("summary item", _open_pop_item_form, "text"),
]


async def test_a_sentence_typed_into_a_new_form_is_only_text(flow: Flow) -> None:
    """Every form in turn in one app (opening an app is most of a form's check), each from the home
    screen and closed again before the next."""
    database = flow.database
    before = stored(database)
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        for case in FORMS:
            case.open(app, flow)
            await pilot.pause()
            await pilot.pause()
            form = app.screen
            assert isinstance(form, FormScreen), f"{case.name} opened {type(form).__name__}"
            focused = app.focused
            assert focused is not None and any(
                node.id == f"field-{case.first_field}" for node in focused.ancestors_with_self
            ), f"{case.name} opens on {focused!r}, not on {case.first_field}"
            await pilot.press(*SENTENCE)
            await pilot.pause()
            assert app.screen is form, f"typing in {case.name} opened {type(app.screen).__name__}"
            assert typed_text(app.focused).endswith(SENTENCE), case.name
            assert stored(database) == before, f"typing in {case.name} stored something"  # a draft is not a record
            app.pop_screen()
            await pilot.pause()
            assert app.screen is home, case.name
    assert stored(database) == before


async def test_the_contact_moment_opens_in_the_notes_with_status_and_date_right(flow: Flow) -> None:
    target = moment(flow.database, flow, 0, 1)
    flow.database.save(target.model_copy(update={"date": TODAY - timedelta(days=3)}))
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactMomentScreen)
        assert isinstance(app.focused, TextArea) and app.focused.id == "notes-text"
        values = form.values()
        assert values["status"] is ContactMomentStatus.HELD
        assert values["date"] == (TODAY - timedelta(days=3)).strftime("%d/%m/%Y")  # the planned day


async def test_letters_on_a_choice_or_the_method_list_of_a_form_do_nothing(flow: Flow) -> None:
    """Before issue 11, "extra" typed on the method list opened "Contactmoment 1 overslaan"."""
    database = flow.database
    target = moment(database, flow, 0, 1)
    assert target.methods  # the plan's methods are listed
    before = stored(database)
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        form = app.screen
        for widget in (form.query_one("#field-status", FormField).widget, form.query_one("#methods", OptionList)):
            widget.focus()
            await pilot.pause()
            await pilot.press(*"extra mkox gadf")
            await pilot.pause()
            assert app.screen is form, f"a letter on {widget!r} opened {type(app.screen).__name__}"
        assert form.query_one("#notes-text", TextArea).text == ""
    assert stored(database) == before


async def test_function_keys_work_while_the_coach_types(flow: Flow) -> None:
    from poptui.screens.widgets.choice_dialogs import ChecklistDialog, ReasonDialog

    target = moment(flow.database, flow, 0, 1)
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await pilot.press(*"Half", "f8")  # skip: a function key, from inside the notes
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("escape", "f4")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistDialog)  # the methods to choose


async def test_leaving_a_changed_form_is_never_answered_by_a_letter(flow: Flow) -> None:
    target = moment(flow.database, flow, 0, 1)
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, target.employee_id, target.id)
        await pilot.pause()
        await pilot.press(*"Fijn gesprek", "escape")
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesDialog)
        await pilot.press(*" en nog iets: n o j")  # typed on, eyes on the paper
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesDialog)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert app.screen.query_one("#notes-text", TextArea).text == "Fijn gesprek"
    assert moment(flow.database, flow, 0, 1).notes == ""


# -- lists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListCase:
    name: str
    open: Callable[[PopApp, Flow], None]
    search: str
    rows_after: int | None
    """The rows shown after typing the search word (None: not checked)."""


LISTS = [
    ListCase("employees", lambda app, flow: navigation.open_employees(app), "Ines", 1),
    ListCase("organisations", lambda app, flow: navigation.open_organisations(app), "werk", 1),
    ListCase("trainings", lambda app, flow: navigation.open_trainings(app), "nergens", 0),
    ListCase("hours", lambda app, flow: navigation.open_hours(app, flow.organisation.id), "nergens", 0),
    ListCase("agenda", lambda app, flow: navigation.open_agenda(app), "Kevin", None),
]


async def test_letters_typed_in_a_list_go_to_its_search_box(flow: Flow) -> None:
    """Every list in turn in one app, each from the home screen and closed again before the next."""
    database = flow.database
    before = stored(database)
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        for case in LISTS:
            case.open(app, flow)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TypingRules) and screen.letters_are_text(), case.name
            screen.query_one(LIST_TABLE).focus()  # the table has the focus, as after coming back from a form
            await pilot.pause()
            await pilot.press(*case.search)
            await pilot.pause()
            assert app.screen is screen, case.name
            search = screen.letter_target()
            assert search is not None and search.value == case.search and app.focused is search, case.name
            if case.rows_after is not None:
                assert screen.query_one(LIST_TABLE).row_count == case.rows_after, case.name
            await pilot.press(*" n x e d", "delete")
            await pilot.pause()
            assert app.screen is screen, case.name
            await pilot.press("escape")  # empties the search box first
            await pilot.pause()
            assert app.screen is screen and search.value == "", case.name
            assert stored(database) == before, case.name
            app.pop_screen()
            await pilot.pause()
            assert app.screen is home, case.name
    assert stored(database) == before


async def test_ines_typed_in_the_employee_list_after_a_form_finds_her(flow: Flow) -> None:
    """Before issue 11 the I was lost and n opened "Nieuwe werknemer"."""
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_employees(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EmployeesScreen)
        await pilot.press("down", "enter")  # open an employee, come back: the table has the focus
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, VirtualTable)
        await pilot.press(*"Ines")
        await pilot.pause()
        assert app.screen is screen
        table = screen.query_one(VirtualTable)
        assert [str(table.get_row_at(index)[0]) for index in range(table.row_count)] == ["Inès Van den Broeck"]
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "EmployeeScreen"


# -- home, next moment, agenda ---------------------------------------------------------------


async def test_recording_a_contact_moment_takes_enter_the_note_and_ctrl_s(flow: Flow) -> None:
    """The measure of issue 11: from the home screen, one overdue moment with a one-line note.
    Before: Down, Enter, nine Tabs to the notes, the note, Ctrl+S (12 keys). Now: 2 keys."""
    database = flow.database
    target = moment(database, flow, 0, 1)
    database.save(target.model_copy(update={"date": TODAY - timedelta(days=1)}))
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")  # the first item: the overdue moment
        await pilot.pause()
        assert isinstance(app.screen, ContactMomentScreen)
        await pilot.press(*"Wil graag in de keuken werken.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    held = moment(database, flow, 0, 1)
    assert held.status is ContactMomentStatus.HELD
    assert held.date == TODAY - timedelta(days=1)
    assert held.notes == "Wil graag in de keuken werken."


async def test_enter_on_home_without_attention_opens_the_trajectory_due_first(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
        table = app.screen.query_one("#timeline", DataTable)
        assert table.cursor_row == 0  # moment 0, the next one due of a planned trajectory


async def test_v_opens_the_moment_due_first_and_g_the_agenda(flow: Flow) -> None:
    database = flow.database
    late = moment(database, flow, 1, 0)
    database.save(late.model_copy(update={"date": TODAY - timedelta(days=2)}))
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ContactMomentScreen) and app.screen.moment_id == late.id
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgendaScreen)
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[4]) == "te laat" and table.cursor_row == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactMomentScreen) and app.screen.moment_id == late.id


async def test_the_trajectory_page_starts_on_the_next_moment_due(flow: Flow) -> None:
    database = flow.database
    first = moment(database, flow, 0, 0)
    database.save(first.model_copy(update={"status": ContactMomentStatus.HELD, "date": TODAY}))
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await pilot.pause()
        assert app.screen.query_one("#timeline", DataTable).cursor_row == 1


async def test_the_header_names_a_remembered_coach(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "An De Smet" in str(app.format_title(app.title, app.sub_title))
        navigation.open_pop(app, flow.trajectories[0].id)  # a screen with its own subtitle
        await pilot.pause()
        header = str(app.format_title(app.screen.title or "", app.screen.sub_title or ""))
        assert "Inès Van den Broeck" in header and "An De Smet" in header


# -- dialogs over typing screens -------------------------------------------------------------


async def test_a_question_over_a_list_is_answered_with_enter_not_a_letter(flow: Flow) -> None:
    database = flow.database
    database.save(Training(date=date(2025, 3, 1), title="Dag 1"))
    app = PopApp(database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trainings(app)
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "(Enter)" in str(app.screen.query_one("#yes").label)
        await pilot.press("j", "y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and len(database.list(Training)) == 1
        await pilot.press("enter")
        await pilot.pause()
    assert database.list(Training) == []


def test_every_form_and_list_treats_letters_as_text() -> None:
    """The base classes carry the rule, so every form and list (also those still to come) has it;
    and no form or list declares a key that a letter would be (it could never work there)."""
    import importlib
    import pkgutil

    import poptui.screens
    from poptui.screens.base import BaseScreen, is_typed_key
    from poptui.screens.list_screen import ListScreen

    for module in pkgutil.walk_packages(poptui.screens.__path__, "poptui.screens."):
        importlib.import_module(module.name)
    pending: list[type] = [BaseScreen]
    seen: list[type[Screen]] = []
    while pending:
        cls = pending.pop()
        seen.append(cls)
        pending.extend(cls.__subclasses__())
    typing = [cls for cls in seen if issubclass(cls, (FormScreen, ListScreen))]
    assert len(typing) >= 10
    for cls in typing:
        assert cls.LETTERS_ARE_TEXT, cls
        for entry in cls.__dict__.get("BINDINGS", []):
            keys = entry.key if hasattr(entry, "key") else entry[0]
            assert not any(is_typed_key(key.strip()) for key in keys.split(",")), f"{cls.__name__}: {keys}"


def test_select_says_kies() -> None:
    from poptui.screens.widgets.select import Select as PoptuiSelect

    assert PoptuiSelect([("a", 1)]).prompt == "Kies…"
    assert isinstance(PoptuiSelect([("a", 1)]), Select)


def test_tables_give_extra_width_to_their_text_columns_and_never_scroll_sideways() -> None:
    from poptui.screens.widgets.fitted_table import Column, fit_widths

    columns = [
        Column("#", "number", 2),
        Column("Wat precies", "what", 24, grow=True),
        Column("Wie helpt", "who", 12, grow=True),
        Column("Tegen", "deadline", 10),
        Column("Soort", "kind", 9),
    ]
    padding = 2 * len(columns)
    wide = fit_widths(120, columns)
    assert wide[0] == 2 and wide[3:] == [10, 9]  # dates and kinds keep their width
    assert sum(width or 0 for width in wide) + padding == 120 and (wide[1] or 0) > 40
    narrow = fit_widths(60, columns)
    assert sum(width or 0 for width in narrow) + padding <= 60 and narrow[3:] == [10, 9]
    assert fit_widths(0, columns) == [2, 24, 12, 10, 9]  # before the first layout: as declared
    assert all((width or 0) >= 6 for width in fit_widths(20, columns)[1:3])  # never below a readable width


async def test_after_recording_a_moment_the_cursor_moves_on_to_the_next_one(flow: Flow) -> None:
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_trajectory(app, flow.trajectories[0].id)
        await pilot.pause()
        table = app.screen.query_one("#timeline", DataTable)
        assert table.cursor_row == 0
        await pilot.press("enter")  # record the opstart
        await pilot.pause()
        await pilot.press(*"Kennismaking.", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TrajectoryScreen)
        assert table.cursor_row == 1  # Enter records the next one


CONVERSATION_KINDS = [
    MethodKind.AI_DROOMFASE,
    MethodKind.INTERVIEW,
    MethodKind.HAND,
    MethodKind.KLOKWIJS,
    MethodKind.PRAATPLAAT,
]


async def test_letters_on_a_conversation_methods_steps_open_nothing(flow: Flow) -> None:
    """On the guided methods the coach types answers: a letter typed while the step tabs (or the
    theme list) have the focus opened the draaiboek's explanation ('g' was its key; F3 is).
    Every method in turn in one app, each closed again (with its explanation) before the next."""
    from poptui.screens.dialogs import MessageDialog
    from textual.widgets import Tabs

    trajectory = flow.trajectories[0]
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        for kind in CONVERSATION_KINDS:
            navigation.open_method(app, trajectory.employee_id, trajectory.id, kind, flow.moments[0][0].id)
            await pilot.pause()
            screen = app.screen
            for widget in [*screen.query(Tabs), *screen.query(OptionList)][:2]:
                widget.focus()
                await pilot.pause()
                await pilot.press(*"gisteren gedaan")
                await pilot.pause()
                assert app.screen is screen, f"{kind}: a letter on {widget!r} opened {type(app.screen).__name__}"
            await pilot.press("f3")
            await pilot.pause()
            assert isinstance(app.screen, MessageDialog) and "Werkwijze" in app.screen.text, kind
            app.pop_screen()  # the explanation
            app.pop_screen()  # the method
            await pilot.pause()
            assert app.screen is home, kind
