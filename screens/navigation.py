"""Opening screens by what they show. Every screen and the command palette go through here,
so a screen never needs to know how another one is built (imports are lazy: fast start)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App


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


METHOD_SCREENS: dict[str, str] = {}
"""Method kind value -> 'module:Class' of its own screen. Kinds without one open the
free-notes screen, whose record the richer screen later takes over (same record class)."""


def open_method(app: App, employee_id: str, trajectory_id: str, kind: str, contact_moment_id: str | None = None,
                record_id: str | None = None) -> None:
    """Open the screen of a method for this trajectory (and contact moment)."""
    import importlib

    target = METHOD_SCREENS.get(kind, "poptui.screens.method_notes:MethodNotesScreen")
    module_name, class_name = target.split(":")
    screen_class = getattr(importlib.import_module(module_name), class_name)
    _push(app, screen_class(employee_id=employee_id, trajectory_id=trajectory_id, kind=kind,
                            contact_moment_id=contact_moment_id, record_id=record_id))
