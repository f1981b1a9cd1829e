"""What every poptui screen may use of the app, typed: the database and the coach.

Every screen derives from :class:`BaseScreen` (a full screen) or :class:`BaseModal` (a dialog)
and reaches the domain through services, passing ``self.database``::

    class TrainingsScreen(BaseScreen[None]):
        def refresh_data(self) -> None:
            for training in trainings.list_trainings(self.database): ...

A widget, a command provider or a function given the app asks :func:`poptui_app`
(``poptui_app(self.app).database``).
The app itself (``poptui.app.PopApp``, the shell) implements :class:`PoptuiApp`; screens
never import it, so the arrows keep pointing down: shell -> screens -> domain.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual import events, on
from textual.app import App
from textual.screen import ModalScreen, Screen, ScreenResultType

from poptui.models import Person
from poptui.services import Database


def steady_cursors(screen: Screen[Any]) -> None:
    """No blinking cursor in any text field: a blink repaints twice a second, which over SSH sends
    bytes all the time while the coach does nothing. Runs when a screen or dialog is mounted."""
    for widget in screen.query("Input, TextArea"):
        widget.cursor_blink = False  # type: ignore[attr-defined]


@runtime_checkable
class PoptuiApp(Protocol):
    """The app as the screens see it."""

    database: Database
    """The open database; pass it to the services."""
    coach: Person | None
    """The coach at the keyboard, when chosen."""

    @property
    def coach_id(self) -> str | None: ...

    def set_coach(self, coach: Person) -> None:
        """Work as ``coach`` from now on (the home screen follows)."""
        ...

    def use_database(self, database: Database, *, demo: bool = False) -> None:
        """Work on ``database`` from now on (the first-run welcome opens the demo this way)."""
        ...


def poptui_app(app: App[Any]) -> PoptuiApp:
    """``app`` (a screen's or widget's ``self.app``) as the poptui app it is."""
    if not isinstance(app, PoptuiApp):
        raise TypeError(f"{type(app).__name__} is not a poptui app")
    return app


class BaseScreen(Screen[ScreenResultType]):
    """A full screen of poptui: ``self.database``, ``self.coach`` and ``self.coach_id`` come from the app.

    Textual resumes a screen right after mounting it, too: a screen that fills itself in
    ``on_mount`` and again in ``on_screen_resume`` (to show what changed on a screen opened
    from it) asks :attr:`returning` there, so the first show reads the data once.
    """

    _covered = False

    @on(events.ScreenSuspend)
    def _note_covered(self) -> None:
        self._covered = True

    @on(events.Mount)
    def _steady_cursors(self) -> None:
        steady_cursors(self)

    @property
    def returning(self) -> bool:
        """True once another screen has covered this one: a resume is a return, not the first show."""
        return self._covered

    @property
    def database(self) -> Database:
        return poptui_app(self.app).database

    @property
    def coach(self) -> Person | None:
        return poptui_app(self.app).coach

    @property
    def coach_id(self) -> str | None:
        return poptui_app(self.app).coach_id


class BaseModal(ModalScreen[ScreenResultType]):
    """A dialog of poptui: ``self.database``, ``self.coach`` and ``self.coach_id`` come from the app."""

    @on(events.Mount)
    def _steady_cursors(self) -> None:
        steady_cursors(self)

    @property
    def database(self) -> Database:
        return poptui_app(self.app).database

    @property
    def coach(self) -> Person | None:
        return poptui_app(self.app).coach

    @property
    def coach_id(self) -> str | None:
        return poptui_app(self.app).coach_id
