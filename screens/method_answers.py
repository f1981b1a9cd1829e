"""The base of the guided conversation methods (interview, AI, HAND, Klokwijs, Praatplaat):
a :class:`~poptui.screens.method_screen.MethodScreen` whose steps are tabs and whose answers
are typed in :class:`~poptui.screens.widgets.answers.AnswerArea` boxes.

- What is typed is stored a second after the coach stops typing, when the box loses focus,
  when the step changes and before leaving, printing or concluding: no keystroke writes to
  the database, and an idle screen writes nothing.
- An answer's ``key`` is a field of the record (e.g. ``energy_givers``) or, otherwise, a key
  of the record's ``answers`` dict (the question's catalog id); :meth:`apply_answer` says so
  and subclasses extend it (e.g. a story's answers).
- F7 / F8 go to the previous / next step (tab); the step is :meth:`current_step` for F4.
- Special-category fields (``record.sensitive_fields``) are read-only without consent.
"""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.method_screen import MethodScreen, MethodStep
from poptui.screens.widgets.answers import AnswerArea
from pydantic import ValidationError
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import TabbedContent, TabPane, TextArea

from poptui.i18n import _
from poptui.models import MethodRecordBase, SummaryPart
from poptui.models.errors import dutch_summary
from poptui.services.consent import has_consent, sensitive_fields_reason

SAVE_DELAY = 1.0
"""Seconds after the last keystroke before the answers are stored."""


class AnsweredMethodScreen(MethodScreen):
    """A method screen with steps as tabs and answers in boxes (see the module docstring)."""

    BINDINGS: ClassVar = [
        Binding("f7", "step(-1)", _("Vorige stap"), show=False, id="method.previous_step"),
        Binding("f8", "step(1)", _("Stap"), key_display="F7/F8", id="method.next_step"),
    ]
    STEP_PARTS: ClassVar[dict[str, SummaryPart]] = {}
    """Tab id -> the part of the POP summary a conclusion drawn there starts on."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending: dict[str, str] = {}
        self._save_timer: Timer | None = None
        self._consent: bool | None = None

    @property
    def consent(self) -> bool:
        """Whether the employee gave consent (asked once)."""
        if self._consent is None:
            self._consent = has_consent(self.database, self.employee_id)
        return self._consent

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and self.tabs() is None:
            return False
        return super().check_action(action, parameters)

    # -- answers ----------------------------------------------------------------------------

    def answer(self, key: str) -> str:
        """The stored answer for ``key`` (a field or an ``answers`` key)."""
        if key in type(self.record).model_fields and key not in MethodRecordBase.model_fields:
            return str(getattr(self.record, key) or "")
        return str(getattr(self.record, "answers", {}).get(key, ""))

    def locked(self, key: str) -> bool:
        """True for a special-category field while the employee gave no consent."""
        return key in self.record.sensitive_fields and not self.consent

    def locked_note(self) -> str:
        return sensitive_fields_reason()

    def apply_answer(self, data: dict[str, Any], key: str, text: str) -> None:
        """Put ``text`` for ``key`` into the dumped record ``data`` (an empty answer is removed)."""
        if key in type(self.record).model_fields and key not in MethodRecordBase.model_fields:
            data[key] = text
            return
        answers = dict(data.get("answers", {}))
        if text.strip():
            answers[key] = text
        else:
            answers.pop(key, None)
        data["answers"] = answers

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if not isinstance(area, AnswerArea) or area.read_only:
            return
        self.typed(area.key, area.text)

    def typed(self, key: str, text: str) -> None:
        """The coach changed the answer of ``key``: store it a moment after the typing stops."""
        if text == self.answer(key) and key not in self.pending:
            return
        self.pending[key] = text
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush_answers)

    def on_descendant_blur(self) -> None:
        super().on_descendant_blur()
        self.flush_answers()

    def flush_answers(self) -> bool:
        """Store what was typed and not stored yet (False when it was refused: the coach is told)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.pending:
            return True
        data = self.record.model_dump()
        for key, text in self.pending.items():
            self.apply_answer(data, key, text)
        self.pending.clear()
        try:
            changed = type(self.record).model_validate(data)
        except ValidationError as error:
            self.notify(dutch_summary(error, type(self.record)), severity="error", timeout=8)
            return False
        return self.store(changed)

    def store_changes(self, **update: Any) -> bool:
        """Store the record with ``update`` applied (validated); what was typed goes with it."""
        self.flush_answers()
        data = {**self.record.model_dump(), **update}
        try:
            changed = type(self.record).model_validate(data)
        except ValidationError as error:
            self.notify(dutch_summary(error, type(self.record)), severity="error", timeout=8)
            return False
        return self.store(changed)

    # -- steps --------------------------------------------------------------------------------

    def tabs(self) -> TabbedContent | None:
        found = self.query(TabbedContent)
        return found.first() if found else None

    def visible_tab_ids(self) -> list[str]:
        tabs = self.tabs()
        if tabs is None:
            return []
        return [pane.id for pane in tabs.query(TabPane) if pane.id and tabs.get_tab(pane.id).display]

    def action_step(self, direction: int) -> None:
        """F7 / F8: the previous or next step."""
        tabs = self.tabs()
        ids = self.visible_tab_ids()
        if tabs is None or not ids:
            return
        self.flush_answers()
        index = ids.index(tabs.active) if tabs.active in ids else 0
        tabs.active = ids[max(0, min(len(ids) - 1, index + direction))]
        if not self.focus_step():  # the pane is not shown yet: once it is
            self.call_after_refresh(self.focus_step)

    def focus_step(self) -> bool:
        """Focus the first thing to type or tick in the active step (False: nothing focusable yet)."""
        tabs = self.tabs()
        if tabs is None or not tabs.active:
            return False
        pane = tabs.get_pane(tabs.active)
        for widget in pane.query("*"):
            if widget.focusable:
                widget.focus()
                return True
        return False

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.flush_answers()
        self.step_changed()

    def after_load(self) -> None:
        self.call_after_refresh(self.focus_step)

    def step_changed(self) -> None:
        """The active step changed (subclasses update what depends on it)."""

    def current_step(self) -> MethodStep:
        tabs = self.tabs()
        if tabs is None or not tabs.active:
            return super().current_step()
        tab = tabs.get_tab(tabs.active)
        return MethodStep(tabs.active, str(tab.label).strip(), self.STEP_PARTS.get(tabs.active))

    # -- leaving, concluding, printing: what was typed first ------------------------------------

    def action_conclude(self) -> None:
        if self.flush_answers():
            super().action_conclude()

    def action_print_record(self) -> None:
        if self.flush_answers():
            super().action_print_record()

    def action_back(self) -> None:
        self.flush_answers()
        super().action_back()
