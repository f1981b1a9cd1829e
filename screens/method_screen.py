"""The base of the method screens that save every change at once (scan, SMART, decision matrix,
mind map, time line, the conversation methods, ...): the record is found or made by the one rule
of :func:`poptui.services.method_records.find_or_new` (a new record is dated on its contact
moment), every change is stored with :meth:`MethodScreen.store`, one line of text is asked with
:meth:`MethodScreen.ask`.

Keys every method screen has (function keys: they work while the coach types in a field):

- F3 (or g): the method's guidance from the draaiboek;
- F4: the conclusions of the current step (:meth:`MethodScreen.current_step`): add one for the
  POP summary, meant for Wat wil ik / Wat kan ik / Ontwikkelpunten, or remove one; they are
  offered as candidates on the POP's summary;
- F5: print the filled record on A4 (its method's filled sheet, see :mod:`poptui.methods_registry`);
- F6: change the record's date;
- Escape: back.

A subclass that binds single letters lists their actions in ``LETTER_ACTIONS``: they are off
(and leave the footer) while an Input or TextArea has focus, so typing never fires a command.
F6 is a priority binding: a TextArea would otherwise take it (select line)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.text_input import AnyInput
from pydantic import ValidationError
from textual.binding import Binding
from textual.widgets import TextArea

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.methods_registry import guidance_text, method_name
from poptui.models import Conclusion, MethodKind, MethodRecordBase, SummaryPart, Trajectory
from poptui.models.errors import dutch_summary
from poptui.services import StoreError, employees, method_records, trajectories


@dataclass(frozen=True)
class MethodStep:
    """A step of a method as its screen shows it: ``id`` is stored with a conclusion drawn in it,
    ``title`` is shown, ``part`` is the summary part a new conclusion starts on."""

    id: str
    title: str
    part: SummaryPart | None = None


class MethodScreen(BaseScreen[Any]):
    """Base: ``self.record`` is the method's record; :meth:`store` saves a changed copy and redraws.

    Subclasses compose their widgets, draw ``self.record`` in :meth:`redraw` and may focus
    something in :meth:`after_load`. A record that was never stored is stored by the first
    :meth:`store`: opening a method and leaving again stores nothing.
    """

    BINDINGS: ClassVar = [
        Binding("f3", "guidance", _("Uitleg"), id="method.guidance"),
        Binding("f4", "conclude", _("Conclusie"), id="method.conclude"),
        Binding("f5", "print_record", _("Afdrukken"), id="method.print"),
        Binding("f6", "change_date", _("Datum"), show=False, priority=True, id="method.date"),
        Binding("escape", "back", _("Terug"), id="method.back"),
    ]
    LETTER_ACTIONS: ClassVar[frozenset[str]] = frozenset()
    """Actions bound to single letters: off while an Input or TextArea has focus."""
    text_max_length: ClassVar[int] = 2000
    """The longest line :meth:`ask` accepts (the record's limit for what is asked)."""

    def __init__(
        self,
        *,
        employee_id: str,
        trajectory_id: str,
        kind: str | MethodKind,
        contact_moment_id: str | None = None,
        record_id: str | None = None,
    ) -> None:
        super().__init__()
        self.employee_id = employee_id
        self.trajectory_id = trajectory_id
        self.kind = MethodKind(kind)
        self.contact_moment_id = contact_moment_id
        self.record_id = record_id
        self.record: Any = None

    def load(self) -> Any:
        """The record, found or made on first use (a subclass may call this in ``compose``)."""
        if self.record is None:
            self.record = method_records.find_or_new(
                self.database,
                employee_id=self.employee_id,
                trajectory_id=self.trajectory_id,
                kind=self.kind,
                contact_moment_id=self.contact_moment_id,
                record_id=self.record_id,
            )
        return self.record

    def on_mount(self) -> None:
        self.load()
        employee = employees.find_employee(self.database, self.employee_id)
        self.title = method_name(self.kind)
        self.employee_name = employee.full_name if employee else ""
        self._show_sub_title()
        self.redraw()
        self.after_load()

    def _show_sub_title(self) -> None:
        day = format_date(self.record.date) if self.record.date else _("geen datum")
        self.sub_title = f"{self.employee_name} · {day}" if self.employee_name else day

    def after_load(self) -> None:
        """Called once the record is loaded and shown (subclasses override, e.g. to focus)."""

    def trajectory(self) -> Trajectory:
        return trajectories.get_trajectory(self.database, self.trajectory_id)

    def redraw(self) -> None:
        """Show ``self.record`` (subclasses override)."""

    def store(self, changed: MethodRecordBase) -> bool:
        """Save a changed copy of the record; on a problem tell the coach and keep the old one."""
        try:
            self.record = method_records.save_record(self.database, changed)
        except ValidationError as error:
            self.notify(dutch_summary(error, type(changed)), severity="error", timeout=8)
            return False
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return False
        self._show_sub_title()
        self.redraw()
        return True

    def ask(self, title: str, value: str, then: Callable[[str], object]) -> None:
        """Ask one line of text in a small dialog; ``then`` gets it when the coach typed something
        (Escape or an empty line calls nothing)."""
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        def typed(text: str | None) -> None:
            if text:
                then(text)

        self.app.push_screen(TextPromptDialog(title, value, max_length=self.text_max_length), typed)

    # -- keys while typing --------------------------------------------------------------------

    def typing(self) -> bool:
        """True while a text field (Input, TextArea) has focus."""
        return isinstance(self.focused, (AnyInput, TextArea))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LETTER_ACTIONS and self.typing():
            return False
        return True

    def on_descendant_focus(self) -> None:
        if self.LETTER_ACTIONS:
            self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        if self.LETTER_ACTIONS:
            self.refresh_bindings()

    # -- conclusions, printing, date --------------------------------------------------------

    def current_step(self) -> MethodStep:
        """The step the coach is in (subclasses with steps override); its conclusions are F4's."""
        return MethodStep("", _("de methodiek als geheel"))

    def action_conclude(self) -> None:
        """F4: the current step's conclusions; add one (with its part of the POP summary) or remove one."""
        from poptui.screens.widgets.conclusion_dialog import ConclusionDialog

        step = self.current_step()
        mine = [conclusion for conclusion in self.record.conclusions if conclusion.step == step.id]

        def done(conclusions: list[Conclusion] | None) -> None:
            if conclusions is None:
                return
            others = [conclusion for conclusion in self.record.conclusions if conclusion.step != step.id]
            added = len(conclusions) > len(mine)
            if self.store(self.record.model_copy(update={"conclusions": others + conclusions})) and added:
                self.notify(_("Conclusie bewaard: ze staat klaar bij de samenvatting van het POP."))

        self.app.push_screen(ConclusionDialog(step.title, mine, step=step.id, part=step.part), done)

    def action_print_record(self) -> None:
        """F5: the filled record on A4 (also a record not stored yet: it prints what is shown)."""
        from poptui.screens.navigation import print_method

        print_method(self.app, self.record)

    def action_change_date(self) -> None:
        """F6: the record's date (dd/mm/jjjj)."""

        def typed(text: str) -> None:
            try:
                changed = type(self.record).model_validate({**self.record.model_dump(), "date": text})
            except ValidationError as error:
                self.notify(dutch_summary(error, type(self.record)), severity="error", timeout=8)
                return
            self.store(changed)

        self.ask(_("Datum van deze methodiek (dd/mm/jjjj)"), format_date(self.record.date), typed)

    # -- guidance ------------------------------------------------------------------------------

    def guidance_extra(self) -> str:
        """Text the screen adds to the method's guidance (subclasses override)."""
        return ""

    def action_guidance(self) -> None:
        from poptui.screens.dialogs import MessageDialog

        self.app.push_screen(
            MessageDialog(
                _("Uitleg: {name}", name=method_name(self.kind)), guidance_text(self.kind, self.guidance_extra())
            )
        )

    def action_back(self) -> None:
        self.dismiss(self.record)
