"""The last gaps of the coach's keyboard flow (issue 11), each with the real keys at 80x24: the
organisation filled in when there is only one, a Select's list drawn with an ASCII border on the
Linux console, Enter opening a contact moment's method (F3 its guidance), the POP's conclusions
read whole with Enter and taken over with their own key."""

from __future__ import annotations

import pytest
from poptui.screens import navigation
from poptui.screens.employee_form import EmployeeForm
from poptui.screens.import_screen import ImportEmployeesScreen
from poptui.screens.plain_terminal import use_ascii
from poptui.screens.widgets.form import FormField
from poptui.screens.widgets.select import Select
from scenarios import Flow
from textual.pilot import Pilot

from poptui.app import PopApp
from poptui.models import Employee, Organisation
from poptui.store import Database


async def settle(pilot: Pilot[object]) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def screen_text(app: PopApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture(autouse=True)
def _unicode_afterwards() -> object:
    yield
    use_ascii(False)


async def test_the_only_organisation_is_filled_in(db: Database) -> None:
    only = db.save(Organisation(name="De Werkplaats"))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        await pilot.press(*"Ines", "tab", *"Peeters", "ctrl+s")
        await settle(pilot)
        (employee,) = db.list(Employee)
        assert (employee.first_name, employee.last_name, employee.organisation_id) == ("Ines", "Peeters", only.id)

        await app.push_screen(ImportEmployeesScreen())
        await settle(pilot)
        assert app.screen.query_one("#import-organisation", Select).value == only.id


async def test_with_two_organisations_the_coach_chooses(db: Database) -> None:
    db.save(Organisation(name="De Werkplaats"))
    db.save(Organisation(name="Groenzorg"))
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        field = next(field for field in app.screen.query(FormField) if field.field_name == "organisation_id")
        assert isinstance(field.widget, Select) and field.widget.value is Select.NULL


async def test_a_select_list_has_an_ascii_border_on_the_linux_console(db: Database) -> None:
    db.save(Organisation(name="De Werkplaats"))
    db.save(Organisation(name="Groenzorg"))
    app = PopApp(db, None, ask_coach=False, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await settle(pilot)
        await pilot.press("tab", "tab", "enter")  # the organisation's list opens
        await settle(pilot)
        lines = screen_text(app).splitlines()
        choice = next(index for index, line in enumerate(lines) if "Groenzorg" in line)
        column = lines[choice].index("Groenzorg")
        assert lines[choice][:column].rstrip().endswith("|"), lines[choice]
        below = lines[choice + 1 :]
        assert any("+----" in line for line in below[:3]), "\n".join(below[:3])


async def test_enter_opens_a_moments_method_and_f3_its_guidance(flow: Flow) -> None:
    from poptui.screens.contact_moment import ContactMomentScreen, MethodList
    from poptui.screens.dialogs import MessageDialog
    from poptui.screens.method_screen import MethodScreen
    from poptui.screens.widgets.footer import shown_keys

    from poptui.methods_registry import method_name

    planned = next(moment for moment in flow.moments[0] if moment.methods)
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_contact_moment(app, flow.trajectories[0].employee_id, planned.id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactMomentScreen)
        while not isinstance(app.focused, MethodList):  # Tab through the form to the list
            await pilot.press("tab")
        assert ("f3", "Uitleg") in {(key, text) for key, text, *_rest in shown_keys(screen)}
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MethodScreen)
        assert app.screen.kind is planned.methods[0]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, MessageDialog)
        assert app.screen.title_text == "Uitleg: " + method_name(planned.methods[0])


async def test_a_pop_conclusion_reads_whole_with_enter_and_n_takes_it_over(flow: Flow) -> None:
    """The candidates' table shows the method and the part whole at 80 columns, Enter reads the
    conclusion (nothing changes), n takes it over (its form, then Ctrl+S), x lays one aside."""
    from poptui.screens.action_form import PopItemForm
    from poptui.screens.dialogs import MessageDialog
    from poptui.screens.pop_document import PopScreen
    from poptui.screens.widgets.footer import shown_keys

    from poptui.models import MethodKind, PopDocument, SummaryPart
    from poptui.models.method_base import Conclusion
    from poptui.models.methods import new_method_record
    from poptui.services import pop_documents

    trajectory = flow.trajectories[0]
    long_text = "Ik wil leren plannen met een weekschema zodat ik mijn taken zelf kan verdelen over de dagen"
    flow.database.save(
        new_method_record(
            MethodKind.INTERVIEW,
            employee_id=trajectory.employee_id,
            trajectory_id=trajectory.id,
            conclusions=[
                Conclusion(text=long_text, part=SummaryPart.ONTWIKKELPUNTEN),
                Conclusion(text="Werkt graag buiten"),
            ],
        )
    )
    pop_documents.get_or_create_pop(flow.database, trajectory)
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(80, 24)) as pilot:
        navigation.open_pop(app, trajectory.id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PopScreen)
        await pilot.press("1")
        await settle(pilot)
        assert "n" not in {key for key, *_rest in shown_keys(screen)}  # only on the conclusions
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "candidates"
        assert ("n", "Overnemen") in {(key, text) for key, text, *_rest in shown_keys(screen)}
        text = screen_text(app)
        assert "Criteriumgericht interview" in text and "Ontwikkelpunten" in text
        assert "Ik wil leren plannen met" in text

        await pilot.press("enter")  # read it: the whole text, nothing taken over
        await settle(pilot)
        assert isinstance(app.screen, MessageDialog) and long_text in app.screen.text
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        (pop,) = flow.database.list(PopDocument, employee_id=trajectory.employee_id)
        assert not pop.ontwikkelpunten

        await pilot.press("n")  # take it over
        await settle(pilot)
        assert isinstance(app.screen, PopItemForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        (pop,) = flow.database.list(PopDocument, employee_id=trajectory.employee_id)
        assert [item.text for item in pop.ontwikkelpunten] == [long_text]

        await pilot.press("tab")  # the table of the summary had the focus after saving
        await settle(pilot)
        if app.focused is None or app.focused.id != "candidates":
            screen.query_one("#candidates").focus()
            await settle(pilot)
        await pilot.press("x")  # lay the other one aside
        await settle(pilot)
        assert pop_documents.candidates(flow.database, screen.pop) == []


async def test_the_pop_conclusions_text_takes_a_wider_window(flow: Flow) -> None:
    from poptui.screens.widgets.fitted_table import FittedTable

    from poptui.services import pop_documents

    trajectory = flow.trajectories[0]
    pop_documents.get_or_create_pop(flow.database, trajectory)
    app = PopApp(flow.database, flow.coach)
    async with app.run_test(size=(120, 40)) as pilot:
        navigation.open_pop(app, trajectory.id)
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        for table_id, text_column in (("#candidates", "text"), ("#summary-table", "text")):
            table = app.screen.query_one(table_id, FittedTable)
            widths = {str(key.value): column.width for key, column in table.columns.items()}
            spare = table.scrollable_content_region.width - sum(
                width + 2 * table.cell_padding for width in widths.values()
            )
            assert spare <= 1, (table_id, widths, spare)
            assert widths[text_column] >= 60, (table_id, widths)
