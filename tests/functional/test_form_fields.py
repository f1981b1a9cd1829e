"""A form field is declared once, in the model: FormScreen.field takes the label from the field's
title (translated) and the required mark from the model."""

from __future__ import annotations

import pytest
from poptui.screens.employee_form import EmployeeForm
from poptui.screens.organisations import OrganisationForm
from poptui.screens.widgets.form import FormField
from textual.widgets import Input

from poptui.app import PopApp
from poptui.i18n import set_language
from poptui.models import Employee, Organisation
from poptui.store import Database


def _labels(app: PopApp) -> dict[str, str]:
    return {field.field_name: field.label_text for field in app.screen.query(FormField)}


async def test_labels_and_required_marks_come_from_the_model(db: Database) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(OrganisationForm())
        await pilot.pause()
        labels = _labels(app)
        assert labels["name"] == "Naam *"  # required: the model gives no default
        assert labels["guidance_ended_on"] == "Begeleiding afgerond op"
        for name, text in labels.items():
            title = Organisation.model_fields[name].title
            assert text.removesuffix(" *") == title, name
        await pilot.press("escape")
        await pilot.pause()

        await app.push_screen(EmployeeForm())
        await pilot.pause()
        labels = _labels(app)
        assert labels["organisation_id"] == "Organisatie *"
        assert labels["mijn_loopbaan_account"] == Employee.model_fields["mijn_loopbaan_account"].title


async def test_labels_are_translated(db: Database) -> None:
    set_language("en")
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(OrganisationForm())
        await pilot.pause()
        assert _labels(app)["name"] == "Name *"


def test_a_row_that_is_not_a_field_of_the_model_needs_a_label() -> None:
    form = OrganisationForm()
    with pytest.raises(KeyError, match="pass label="):
        form.field("favourite_colour", Input())
    row = form.field("favourite_colour", Input(), label="Lievelingskleur", required=True)
    assert row.label_text == "Lievelingskleur *"
