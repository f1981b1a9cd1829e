"""Organisations and their people, driven with the keyboard as a coach would."""

from __future__ import annotations

from poptui.screens.dialogs import SaveChangesDialog
from poptui.screens.organisations import OrganisationForm, OrganisationScreen, OrganisationsScreen, PersonForm
from textual.widgets import DataTable, Static

from poptui.app import PopApp
from poptui.models import Organisation, OrganisationKind, Person, Role
from poptui.store import Database


async def test_create_an_organisation_and_add_a_supervisor(db: Database) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationsScreen)
        assert "Nog geen organisaties" in str(app.screen.query_one("#organisations-empty", Static).render())

        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationForm)
        await pilot.press(*"De Werkplaats vzw")
        await pilot.press("tab", "tab")  # past the kind, into the address
        await pilot.press(*"Industrieweg 12")
        await pilot.press("tab", *"Sofie Claes")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)  # a new organisation opens at once
        [organisation] = db.list(Organisation)
        assert (organisation.name, organisation.kind) == ("De Werkplaats vzw", OrganisationKind.MAATWERKBEDRIJF)
        assert (organisation.address, organisation.contact_person) == ("Industrieweg 12", "Sofie Claes")

        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press(*"Luc", "tab", *"Maes")
        await pilot.press("tab", "tab", "tab", "tab", "space")  # the fourth role: werkvloerbegeleider
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        [luc] = db.list(Person)
        assert (luc.full_name, luc.roles, luc.organisation_id) == ("Luc Maes", [Role.SUPERVISOR], organisation.id)
        table = app.screen.query_one("#persons", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)[:2]] == ["Luc Maes", "Werkvloerbegeleider"]

        await pilot.press("e")  # edit the selected person: also coach
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await pilot.press("tab", "tab", "tab", "tab", "space", "ctrl+s")
        await pilot.pause()
        assert db.get(Person, luc.id).roles == [Role.COACH, Role.SUPERVISOR]


async def test_edit_an_organisation_and_leaving_a_changed_form_asks(demo_db: Database) -> None:
    app = PopApp(demo_db, None, ask_coach=False)
    werkplaats = next(item for item in demo_db.list(Organisation) if item.name == "De Werkplaats vzw")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(index)[0]) for index in range(table.row_count)] == [
            "De Werkplaats vzw",
            "LDE Groen & Zorg",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen) and app.screen.organisation_id == werkplaats.id

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationForm)
        await pilot.press("end", *" Gent")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SaveChangesDialog)
        await pilot.press("ctrl+d")  # do not save
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        assert demo_db.get(Organisation, werkplaats.id).name == "De Werkplaats vzw"

        await pilot.press("r")
        await pilot.pause()
        await pilot.press("end", *" Gent", "escape")
        await pilot.pause()
        await pilot.press("enter")  # save after all
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        assert demo_db.get(Organisation, werkplaats.id).name == "De Werkplaats vzw Gent"
        assert app.screen.title == "De Werkplaats vzw Gent"


async def test_an_empty_name_is_refused_next_to_the_field(db: Database) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o", "f3")
        await pilot.pause()
        await pilot.press("tab", "tab", *"Kerkstraat 3", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OrganisationForm)
        field = app.screen.query_one("#field-name")
        assert field.has_class("-invalid")
        assert "verplicht" in str(field.query_one(".field-error", Static).render())
        assert db.list(Organisation) == []
