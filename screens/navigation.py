"""Opening screens by what they show. Every screen and the command palette go through here,
so a screen never needs to know how another one is built (imports are lazy: fast start)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

from poptui.i18n import _
from poptui.models import MethodKind

if TYPE_CHECKING:
    from poptui.models import MethodRecordBase, SupervisorConsultation


def _push(app: App, screen: Any, callback: Callable[[Any], None] | None = None) -> None:
    app.push_screen(screen, callback)


def open_home(app: App) -> None:
    from poptui.screens.home import HomeScreen

    while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
        app.pop_screen()


def open_organisations(app: App) -> None:
    from poptui.screens.organisations import OrganisationsScreen

    _push(app, OrganisationsScreen())


def open_organisation(app: App, organisation_id: str) -> None:
    from poptui.screens.organisations import OrganisationScreen

    _push(app, OrganisationScreen(organisation_id))


def open_competence_dictionary(app: App, organisation_id: str) -> None:
    """The organisation's competence dictionary: competences, function profiles, scale, import (§2.2.2)."""
    from poptui.screens.competence_dictionary import CompetenceDictionaryScreen

    _push(app, CompetenceDictionaryScreen(organisation_id))


def open_competence_growth(app: App, employee_id: str) -> None:
    """The employee's competences across every measurement: growth and decline (§2.2.2)."""
    from poptui.screens.competence_growth import CompetenceGrowthScreen

    _push(app, CompetenceGrowthScreen(employee_id))


def open_employees(app: App, organisation_id: str | None = None) -> None:
    from poptui.screens.employees import EmployeesScreen

    _push(app, EmployeesScreen(organisation_id))


def open_employee(app: App, employee_id: str) -> None:
    from poptui.screens.employee_page import EmployeeScreen

    _push(app, EmployeeScreen(employee_id))


def open_trajectory(app: App, trajectory_id: str) -> None:
    from poptui.screens.trajectory_page import TrajectoryScreen

    _push(app, TrajectoryScreen(trajectory_id))


def open_contact_moment(app: App, employee_id: str, moment_id: str) -> None:
    from poptui.screens.contact_moment import ContactMomentScreen

    _push(app, ContactMomentScreen(employee_id, moment_id))


def new_trajectory(app: App, employee_id: str, previous_trajectory_id: str | None = None) -> None:
    from poptui.screens.trajectory_wizard import NewTrajectoryScreen

    _push(app, NewTrajectoryScreen(employee_id, previous_trajectory_id))


def open_pop(app: App, trajectory_id: str) -> None:
    """The POP of a trajectory: summary and action plan (issue 4)."""
    from poptui.screens.pop_document import PopScreen

    _push(app, PopScreen(trajectory_id))


def open_method(
    app: App,
    employee_id: str,
    trajectory_id: str,
    kind: MethodKind | str,
    contact_moment_id: str | None = None,
    record_id: str | None = None,
) -> None:
    """Open the screen of a method for this trajectory (and contact moment); which screen that is,
    :mod:`poptui.screens.method_registry` says."""
    from poptui.screens.method_registry import method_screen

    screen_class = method_screen(kind)
    _push(
        app,
        screen_class(
            employee_id=employee_id,
            trajectory_id=trajectory_id,
            kind=kind,
            contact_moment_id=contact_moment_id,
            record_id=record_id,
        ),
    )


def open_trainings(app: App) -> None:
    """The coaches' training days and their attendance lists (§4.4.5, §4.4.6)."""
    from poptui.screens.trainings import TrainingsScreen

    _push(app, TrainingsScreen())


def open_hours(app: App, organisation_id: str) -> None:
    """The organisation's hours beyond the contact hours (§4.4.4)."""
    from poptui.screens.hours import OrganisationHoursScreen

    _push(app, OrganisationHoursScreen(organisation_id))


def open_startup_analysis(app: App, organisation_id: str) -> None:
    """The organisation's start-up analysis (§3.3)."""
    from poptui.screens.startup_analysis import StartupAnalysisScreen

    _push(app, StartupAnalysisScreen(organisation_id))


def open_month_report(app: App) -> None:
    """The month's package for BDO Adforum (§4.4 samengevat)."""
    from poptui.screens.month_report import MonthReportScreen

    _push(app, MonthReportScreen())


def open_compliance(app: App, organisation_id: str | None = None) -> None:
    """What is missing for the registration, per employee; each line leads to its fix (§4.4)."""
    from poptui.screens.compliance import ComplianceScreen

    _push(app, ComplianceScreen(organisation_id))


def print_blank_worksheet(app: App, organisation_id: str | None = None) -> None:
    """Choose a blank worksheet and print it (with the organisation's name when given; the competence
    sheet then lists the organisation's own competences)."""
    from poptui.screens.base import poptui_app
    from poptui.screens.print_dialog import BlankWorksheetDialog, print_form, worksheet_choices

    from poptui.services import competences, decks, forms
    from poptui.services.organisations import get_organisation

    database = poptui_app(app).database
    organisation = get_organisation(database, organisation_id) if organisation_id else None
    names = [item.name for item in competences.dictionary_of(database, organisation.id)] if organisation else []
    own = decks.dictionary_deck(database, organisation.id) if organisation else None
    cards = own.cards if own else ()
    titles = {name: str(title) for title, name in worksheet_choices()}

    def chosen(name: str | None) -> None:
        if name is not None:
            print_form(
                app,
                lambda: forms.export_blank(name, organisation, competences=names, competence_cards=cards),
                titles.get(name, name),
            )

    _push(app, BlankWorksheetDialog(organisation.name if organisation else ""), chosen)


def print_method_worksheet(app: App, kind: MethodKind | str, organisation_id: str | None = None) -> None:
    """Afdrukken: the blank worksheet of a method (to fill in on paper, e.g. as homework)."""
    from poptui.screens.base import poptui_app
    from poptui.screens.print_dialog import print_form

    from poptui.methods_registry import method
    from poptui.services import forms
    from poptui.services.organisations import get_organisation

    name = method(kind).worksheet
    organisation = get_organisation(poptui_app(app).database, organisation_id) if organisation_id else None
    print_form(app, lambda: forms.export_blank(name, organisation), forms.worksheet_title(name))


def print_pop(app: App, trajectory_id: str) -> None:
    """Afdrukken: the POP of a trajectory (asks first when it is not final yet)."""
    from poptui.screens.print_dialog import print_pop as print_pop_form

    print_pop_form(app, trajectory_id)


def print_consent(app: App, employee_id: str, trajectory_id: str | None = None) -> None:
    """Afdrukken: the consent and registration document of an employee (one trajectory or all)."""
    from poptui.screens.print_dialog import print_consent as print_consent_form

    print_consent_form(app, employee_id, trajectory_id)


def print_method(app: App, record: MethodRecordBase) -> None:
    """Afdrukken: a filled method record on A4 (its method's filled sheet)."""
    from poptui.screens.base import poptui_app
    from poptui.screens.print_dialog import print_form

    from poptui.methods_registry import method_name
    from poptui.services import forms

    database = poptui_app(app).database
    print_form(
        app,
        lambda: forms.export_method(database, record),
        _("ingevuld werkblad {name}", name=method_name(record.kind)),
        record=record if record.version else None,
    )


def print_consultation(app: App, consultation: SupervisorConsultation) -> None:
    """Afdrukken: a supervisor consultation with its competence ratings (a page of the dossier)."""
    from poptui.screens.base import poptui_app
    from poptui.screens.print_dialog import print_form

    from poptui.services import forms

    database = poptui_app(app).database
    print_form(
        app,
        lambda: forms.export_consultation(database, consultation),
        _("tussentijds overleg"),
        record=consultation,
    )


def open_agenda(app: App) -> None:
    """The coach's appointments: overdue, today, this week and next week."""
    from poptui.screens.agenda import AgendaScreen

    _push(app, AgendaScreen())


def open_next_moment(app: App, coach_id: str | None) -> bool:
    """Open the contact moment the coach should record or prepare first; False when none is planned."""
    from poptui.screens.base import poptui_app

    from poptui import clock
    from poptui.services.agenda import next_due

    due = next_due(poptui_app(app).database, coach_id, clock.today())
    if due is None:
        return False
    open_contact_moment(app, due.employee.id, due.moment.id)
    return True
