"""The Textual application: holds the database and the coach, mounts the screens."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import threading
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.content import Content
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.theme import Theme

import poptui.screens
from poptui.i18n import _
from poptui.store import Database

if TYPE_CHECKING:
    from poptui.models import Person
    from poptui.services.coach import Coach
    from poptui.store.daily_backup import DailyBackup

SCREENS_FOLDER = Path(poptui.screens.__file__).parent


def quiet_terminal(environment: Mapping[str, str]) -> bool:
    """Animations off by default on the Linux console and over SSH (every frame is sent over the line);
    ``TEXTUAL_ANIMATIONS`` set by the coach wins."""
    if "TEXTUAL_ANIMATIONS" in environment:
        return False
    over_ssh = any(environment.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))
    return over_ssh or environment.get("TERM") == "linux"


def _pop_commands() -> type[Provider]:
    from poptui.screens.commands import PopCommands

    return PopCommands


def _help_commands() -> type[Provider]:
    from poptui.screens.help_explained import HelpCommands

    return HelpCommands


def _theme_commands() -> type[Provider]:
    from poptui.screens.themes import ThemeCommands

    return ThemeCommands


class PopApp(App[None]):
    """poptui. Screens reach the domain through services, passing ``app.database``."""

    TITLE = "poptui"
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        SCREENS_FOLDER / "app.tcss",
        SCREENS_FOLDER / "home.tcss",
        SCREENS_FOLDER / "employees.tcss",
        SCREENS_FOLDER / "employee_page.tcss",
    ]
    """The app's styles, with those of the screens a coach opens first (home, the employee list and
    page). Textual parses every stylesheet again and restyles every widget the first time a screen
    brings a CSS file of its own (0.08 to 0.19 s on the first ``w`` and the first Enter at 2,000
    employees, and once more at start for the home screen); read with the app's, these three add
    their few rules to the parse at the start instead."""
    ENABLE_COMMAND_PALETTE = True
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        _pop_commands,
        _help_commands,
        _theme_commands,
    }
    """poptui's commands (screens, printing, employees, organisations, help, colours, stop), imported
    when Ctrl+P is first used. Textual's own (Keys, Maximize, Screenshot, Theme) are left out:
    English, and nothing a coach needs."""
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", _("Stoppen"), show=False, priority=True, id="app.quit"),
        Binding("f1", "help", _("Hulp"), id="app.help"),
        Binding("ctrl+p", "command_palette", _("Zoeken"), show=False, priority=True, id="app.palette"),
        Binding("f9", "switch_theme", _("Kleuren: rustig / hoog contrast"), show=False, id="app.theme"),
        # priority: the focus moves before the next key is read (after the keys before it are
        # handled, see on_event). Without it the letters typed right after Tab (a burst:
        # "Ines<Tab>Peeters") reach the field just left before the Tab does.
        Binding("tab", "focus_next", show=False, priority=True, id="app.focus_next"),
        Binding("shift+tab", "focus_previous", show=False, priority=True, id="app.focus_previous"),
    ]

    def __init__(
        self,
        database: Database,
        coach: Coach | None = None,
        *,
        ask_coach: bool = True,
        ascii: bool | None = None,
        collector_paused: bool = False,
        daily_backup: DailyBackup | None = None,
    ) -> None:
        """``ask_coach``: at the start, welcome a new database or ask who the coach is (tests turn it off).
        ``ascii``: ASCII mode (:mod:`poptui.screens.plain_terminal`); None: as the terminal asks.
        ``collector_paused``: the caller paused Python's cyclic garbage collector for the start
        (``gc.disable()``, :func:`poptui.cli.run_app.run_app`); the app resumes it after the first paint
        (:meth:`_after_first_paint`).
        ``daily_backup``: today's backup, perhaps still being zipped by a helper process
        (:mod:`poptui.store.daily_backup`); when it fails, the app says so (:meth:`_watch_daily_backup`)."""
        from poptui.screens.plain_terminal import use_ascii, wants_ascii

        plain = (
            wants_ascii(os.environ) if ascii is None else ascii
        )  # before Textual takes NO_COLOR out of the environment
        super().__init__()
        self.ascii = plain
        """The Linux console or NO_COLOR: ASCII borders and markers."""
        use_ascii(plain)
        from poptui.screens.themes import DEFAULT_THEME, THEMES
        from poptui.settings import remembered_theme

        for theme in THEMES:
            self.register_theme(theme)
        remembered = remembered_theme()
        self.theme = remembered if remembered in self.available_themes else DEFAULT_THEME
        self.database = database
        self.coach = coach
        self.ask_coach = ask_coach
        self._collector_paused = collector_paused
        self._daily_backup = daily_backup
        self.demo = False
        if quiet_terminal(os.environ):
            self.animation_level = "none"

    @property
    def coach_id(self) -> str | None:
        return self.coach.id if self.coach else None

    def on_mount(self) -> None:
        from poptui.screens.home import HomeScreen

        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_class(self.ascii, "-ascii")
        self._show_who()  # a coach remembered from an earlier start is named in the header too
        self.push_screen(HomeScreen())
        if self.ask_coach:
            from poptui.services.onboarding import is_first_run

            if is_first_run(self.database):
                from poptui.screens.welcome import WelcomeScreen

                self.push_screen(WelcomeScreen())
            elif self.coach is None:
                self._ask_coach()
        self._fit_to(self.size)
        if hasattr(signal, "SIGHUP"):
            try:
                signal.signal(signal.SIGHUP, self._hang_up)
            except ValueError:  # not in the main thread (tests)
                pass
        self.call_after_refresh(self._after_first_paint)
        if self._daily_backup is not None:
            self._watch_daily_backup(self._daily_backup)

    @work(thread=True, group="after-first-paint")
    def _after_first_paint(self) -> None:
        """What the start leaves until the first screen is painted, in a thread: import the models of the
        screens opened first (:func:`poptui.models.preload`: pydantic and their classes, about 0.2 s,
        which the home screen does not need), then resume the garbage collector the start paused.

        The collector is resumed after ``gc.freeze()``: what the start made (modules, classes, the
        screens, the lists read) stays for the whole session, and a full collection would walk all of
        it again (70 to 100 ms at 2,000 employees, in the middle of a key). Paused, the start ran 150
        collections fewer (0.1 to 0.2 s).

        One collection runs first, before the models are imported: the cycles the start left behind
        would otherwise be frozen for the whole session, and the import, the start's peak of memory,
        would come on top of them (0.6 MB at 2,000 employees). It runs once, in this thread after the
        first paint (0.1 to 0.15 s at 2,000 employees on a loaded machine, before the coach's first key)."""
        from poptui import models

        try:
            if self._collector_paused:
                gc.collect()
            models.preload()
        finally:
            if self._collector_paused:
                self._collector_paused = False
                gc.freeze()
                gc.enable()

    def _watch_daily_backup(self, backup: DailyBackup) -> None:
        """Wait for the helper zipping today's backup and say it when it failed: in a daemon thread
        (nothing polls), not a Textual worker, so quitting the app never waits for the zip."""

        def watch() -> None:
            problem = backup.outcome()
            if problem is not None:
                with contextlib.suppress(RuntimeError):  # the app has ended meanwhile
                    self.call_from_thread(self.notify, problem, severity="warning", timeout=30)

        threading.Thread(target=watch, name="daily-backup", daemon=True).start()

    def _ask_coach(self) -> None:
        from poptui.screens.coach_select import CoachSelectScreen

        self.push_screen(CoachSelectScreen(), self._coach_chosen)

    async def on_event(self, event: events.Event) -> None:
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and self._screen_stack
            and self._priority_key(event.key)
        ):
            await self._keys_handled()
        await super().on_event(event)

    def _priority_key(self, key: str) -> bool:
        """Whether ``key`` is a priority binding here (Ctrl+S, Tab, ...): the app runs those at once."""
        return any(
            binding.priority
            for _node, bindings in self.screen._binding_chain
            for binding in bindings.key_to_bindings.get(key, ())
        )

    async def _keys_handled(self) -> None:
        """Wait until the focused field (and the screen, where a letter typed elsewhere goes) has
        handled the keys handed to it. Textual runs a priority binding the moment its key arrives,
        while the letters typed just before it may still wait in the field's queue: a fast typist's
        "Peeters<Ctrl+S>" saved the form without "Peeters", "abc<Tab>def" put "def" in the field
        just left. The wait is a callback queued behind those keys (at most a second, should a
        widget be stuck)."""
        for pump in (self.focused, self.screen):
            if pump is None:
                continue
            handled = asyncio.Event()
            if pump.call_later(handled.set):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(handled.wait(), timeout=1.0)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_to(event.size)

    def _fit_to(self, size: Size) -> None:
        """Below 80x24 a screen says to make the window bigger (instead of a broken layout); the work
        underneath stays as it was and comes back when the window is big enough."""
        from poptui.screens.too_small import TooSmallScreen, too_small

        showing = isinstance(self.screen, TooSmallScreen)
        if too_small(size) and not showing:
            self.push_screen(TooSmallScreen())
        elif not too_small(size) and showing:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from poptui.screens.too_small import TooSmallScreen

        if isinstance(self.screen, TooSmallScreen) and action != "quit":
            return False  # only Ctrl+Q while the window is too small
        return super().check_action(action, parameters)

    def _coach_chosen(self, coach: Person | None) -> None:
        if coach is not None:
            self.set_coach(coach)

    def set_coach(self, coach: Coach) -> None:
        self.coach = coach
        self._show_who()
        from poptui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_data()

    def use_database(self, database: Database, *, demo: bool = False) -> None:
        """Work on ``database`` from now on: the coach is looked up there again, the home screen follows."""
        from poptui.services.coach import coach_at_start

        self.save_drafts()
        self.database = database
        self.demo = demo
        self.coach = coach_at_start(database)
        self._show_who()
        from poptui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_data()
        if self.coach is None:
            self._ask_coach()

    def _show_who(self) -> None:
        """The header's second part: the coach, and DEMO on every screen while the demo is open."""
        parts = [_("DEMO (fictieve gegevens)")] if self.demo else []
        if self.coach is not None:
            parts.append(_("Coach: {name}", name=self.coach.full_name))
        self.sub_title = " · ".join(parts)

    def save_drafts(self) -> None:
        """Write a draft of every open form and of the answers a method screen has not stored yet
        (a crash or hang-up loses nothing typed)."""
        from poptui.screens.method_answers import AnsweredMethodScreen
        from poptui.screens.widgets.form import FormScreen

        for screen in self.screen_stack:
            if isinstance(screen, FormScreen):
                screen.flush_draft()
            elif isinstance(screen, AnsweredMethodScreen):
                screen.save_draft()

    def _hang_up(self, _signum: int, _frame: object) -> None:
        self.save_drafts()
        self.exit()

    def _theme_changed(self, theme: Theme) -> None:
        from poptui.settings import remember_theme

        try:
            remember_theme(theme.name)
        except OSError as error:  # a read-only home folder: the colours still change for now
            from poptui.store.errors import os_reason

            self.notify(_("De kleuren worden niet onthouden: {problem}", problem=os_reason(error)), severity="warning")

    def action_switch_theme(self) -> None:
        from poptui.screens.themes import other_theme, theme_label

        self.theme = other_theme(self.theme)
        self.notify(_("Kleuren: {name}. F9 wisselt terug.", name=theme_label(self.theme)), timeout=4)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Show a notification; its message is always plain text, never markup (``markup`` is ignored):
        messages name people and organisations, and a name with ``[/]`` in it must show as it is."""
        from poptui.screens.plain_terminal import plain

        super().notify(plain(message), title=title, severity=severity, timeout=timeout, markup=False)

    def clear_hints(self) -> None:
        """Take away the information toasts, such as "Druk n om het eerste POP-traject te starten":
        called when the coach does what a hint said, so that it does not cover the form that opens.
        Warnings and errors stay until their time is up."""
        hints = [notification for notification in self._notifications if notification.severity == "information"]
        for notification in hints:
            self._unnotify(notification, refresh=False)
        if hints:
            self._refresh_notifications()

    def _handle_exception(self, error: Exception) -> None:
        """Never Textual's traceback (its local variables hold other employees' names and notes): a short
        Dutch message on exit and an owner-only crash report without personal data (:mod:`poptui.crash`)."""
        from rich.text import Text

        from poptui.cli.common import exit_code_for, terminal_text
        from poptui.crash import EXIT_CODE, report
        from poptui.store import AccessDenied, DatabaseDamaged, DatabaseMissing

        # a file that became unreadable, damaged or gone while poptui ran: not a bug, say what it is
        known = isinstance(error, (AccessDenied, DatabaseDamaged, DatabaseMissing))
        self._return_code = exit_code_for(error) if known else EXIT_CODE
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
            message = _("poptui is gestopt: {problem}", problem=error) if known else report(error)
            self._exit_renderables.append(Text(terminal_text(message)))
            with contextlib.suppress(Exception):  # what was typed since the last draft tick
                self.save_drafts()
        self.bell()
        self._close_messages_no_wait()

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header: the screen's title and subtitle, and always who works (the coach, DEMO): a
        screen whose subtitle names an employee still says it. Text, never markup."""
        who = self.sub_title
        parts = [Content(title)]
        if sub_title:
            parts += [Content(" — ").stylize("dim"), Content(sub_title).stylize("dim")]
        if who and who not in sub_title:
            parts += [Content(" · " if sub_title else " — ").stylize("dim"), Content(who).stylize("dim")]
        return Content.assemble(*parts)

    def get_key_display(self, binding: Binding) -> str:
        """Keys as a coach reads them: "Ctrl+S", "Esc", "F2" (not "^s", "escape", "f2")."""
        from poptui.screens.textual_dutch import key_display

        return key_display(binding)

    def action_command_palette(self) -> None:
        """Ctrl+P, asking and answering in the coach's language."""
        from poptui.screens.textual_dutch import PopCommandPalette

        if self.use_command_palette and not PopCommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(PopCommandPalette(id="--command-palette"))

    def action_help(self) -> None:
        from poptui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))
