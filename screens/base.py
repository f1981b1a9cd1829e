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

**Letters are text where the coach types.** A screen that sets ``LETTERS_ARE_TEXT`` (every form,
every list with a search box) never lets a typed character (a letter, digit or sign; not Space)
reach a key binding: Textual's Input and TextArea take the letters they are given; a letter
typed while the focus is elsewhere (a Select, a table, a list of options) goes to
:meth:`TypingRules.letter_target` (a list's search box) or is dropped. Bindings on such keys
are left out of the footer and F1 there, so a screen shows no key that cannot work. A dialog
opened over such a screen follows the same rule (the coach may still be typing), so a dialog
offers its letter keys (J/N) only over screens where letters are keys. Commands on these
screens use function keys, Ctrl+S, Delete, Enter and Escape.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, runtime_checkable

from poptui.screens.widgets.text_input import Input
from textual import events, on
from textual.app import App
from textual.binding import ActiveBinding
from textual.keys import key_to_character
from textual.screen import ModalScreen, Screen, ScreenResultType

from poptui.services import Database

if TYPE_CHECKING:
    from poptui.services.coach import Coach


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
    coach: Coach | None
    """The coach at the keyboard, when chosen."""

    @property
    def coach_id(self) -> str | None: ...

    def set_coach(self, coach: Coach) -> None:
        """Work as ``coach`` from now on (the home screen follows)."""
        ...

    def use_database(self, database: Database, *, demo: bool = False) -> None:
        """Work on ``database`` from now on (the first-run welcome opens the demo this way)."""
        ...

    def clear_hints(self) -> None:
        """Take away the information toasts (a hint whose step the coach is now taking)."""
        ...


def poptui_app(app: App[Any]) -> PoptuiApp:
    """``app`` (a screen's or widget's ``self.app``) as the poptui app it is."""
    if not isinstance(app, PoptuiApp):
        raise TypeError(f"{type(app).__name__} is not a poptui app")
    return app


def is_typed_key(key: str) -> bool:
    """A key that types a character (a letter, digit or sign; Space moves and ticks, it is not one)."""
    character = key_to_character(key)
    return character is not None and character.isprintable() and character != " "


def fit_footer(bindings: dict[str, ActiveBinding], app: App[Any]) -> dict[str, ActiveBinding]:
    """``bindings`` with as many keys shown in the footer as fit the window's width beside F1 and
    Ctrl+P: when they do not all fit, the last ones (never F1 or Escape) leave the footer and
    stay in F1. A footer is never cut off ("f1 Hu")."""
    width = app.size.width
    if width <= 0:
        return bindings
    shown: dict[str, str] = {}  # action -> key of the first binding the footer shows for it
    for key, active in bindings.items():
        binding = active.binding
        if binding.show and binding.action not in shown and key != app.COMMAND_PALETTE_BINDING:
            shown[binding.action] = key

    def cells(key: str) -> int:
        binding = bindings[key].binding
        return 2 + len(app.get_key_display(binding)) + len(binding.description)

    palette = bindings.get(app.COMMAND_PALETTE_BINDING)
    used = (3 + len(app.get_key_display(palette.binding)) + len(palette.binding.description)) if palette else 0
    used += sum(cells(key) for key in shown.values())
    droppable = [
        key
        for key in reversed(shown.values())
        if bindings[key].binding.action not in ("help", "app.help") and key != "escape"
    ]
    hidden: set[str] = set()
    while used > width and droppable:
        key = droppable.pop(0)
        used -= cells(key)
        hidden.add(bindings[key].binding.action)
    if not hidden:
        return bindings
    return {
        key: active._replace(binding=replace(active.binding, show=False)) if active.binding.action in hidden else active
        for key, active in bindings.items()
    }


class TypingRules:
    """The rule "a letter typed where the coach writes is text, never a command" (see the module)."""

    LETTERS_ARE_TEXT: ClassVar[bool] = False
    """True on screens where the coach types: forms, lists with a search box."""

    def letters_are_text(self) -> bool:
        return self.LETTERS_ARE_TEXT

    def letter_target(self) -> Input | None:
        """The field a letter goes to when it is typed while the focus is elsewhere; None drops it."""
        return None

    def _typed_elsewhere(self, event: events.Key) -> None:
        """A typed character reached the screen: the focused widget did not take it as text."""
        if not (event.character and is_typed_key(event.key) and self.letters_are_text()):
            return
        event.stop()
        event.prevent_default()  # no binding sees it: Textual checks them after the screen
        target = self.letter_target()
        if target is not None and target.display and not target.disabled:
            target.select_on_focus = False  # selecting on focus would let the next letter replace this one
            target.focus()
            target.insert_text_at_cursor(event.character)

    def _shown_bindings(self, bindings: dict[str, ActiveBinding], app: App[Any]) -> dict[str, ActiveBinding]:
        """The keys that work here, Textual's own described in the coach's language (footer, F1)."""
        from poptui.screens.textual_dutch import translated

        if self.letters_are_text():
            bindings = {key: active for key, active in bindings.items() if not is_typed_key(key)}
        return fit_footer(translated(bindings), app)


class BaseScreen(TypingRules, Screen[ScreenResultType]):
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

    def on_key(self, event: events.Key) -> None:
        self._typed_elsewhere(event)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return self._shown_bindings(super().active_bindings, self.app)

    @property
    def database(self) -> Database:
        return poptui_app(self.app).database

    @property
    def coach(self) -> Coach | None:
        return poptui_app(self.app).coach

    @property
    def coach_id(self) -> str | None:
        return poptui_app(self.app).coach_id


class BaseModal(TypingRules, ModalScreen[ScreenResultType]):
    """A dialog of poptui: ``self.database``, ``self.coach`` and ``self.coach_id`` come from the app.

    Over a screen where letters are text, the dialog's letter keys are off too (see the module):
    :meth:`letters_are_text` says so, for a dialog that names its keys on its buttons."""

    def letters_are_text(self) -> bool:
        if self.LETTERS_ARE_TEXT:
            return True
        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack and stack.index(self) > 0 else None
        if below is None and stack and stack[-1] is not self:
            below = stack[-1]  # composing, not yet on the stack
        return isinstance(below, TypingRules) and below.letters_are_text()

    def on_key(self, event: events.Key) -> None:
        self._typed_elsewhere(event)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return self._shown_bindings(super().active_bindings, self.app)

    @on(events.Mount)
    def _steady_cursors(self) -> None:
        steady_cursors(self)

    @property
    def database(self) -> Database:
        return poptui_app(self.app).database

    @property
    def coach(self) -> Coach | None:
        return poptui_app(self.app).coach

    @property
    def coach_id(self) -> str | None:
        return poptui_app(self.app).coach_id
