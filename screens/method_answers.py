"""The base of the guided conversation methods (interview, AI, HAND, Klokwijs, Praatplaat):
a :class:`~poptui.screens.method_screen.MethodScreen` whose steps are tabs and whose answers
are typed in :class:`~poptui.screens.widgets.answers.AnswerArea` boxes.

- What is typed is stored a second after the coach stops typing, when the box loses focus,
  when the step changes and before leaving, printing or concluding: no keystroke writes to
  the database, and an idle screen writes nothing.
- Nothing typed is lost: what cannot be stored (a refused value, a full disk) stays in its box
  and in :attr:`pending`, is kept aside as a draft, and Escape does not leave until it is stored
  (a second Escape leaves; the draft is offered back when the method is opened again). When
  another coach stored the record meanwhile, the fields typed here are put on their version.
- An answer's ``key`` is a field of the record (e.g. ``energy_givers``, ``notes``) or, otherwise,
  a key of the record's ``answers`` dict (the question's catalog id); :meth:`apply_answer` says
  so and subclasses extend it (e.g. a story's answers).
- The steps come from the method's catalog (:meth:`step_infos`: tab id -> title and the part of
  the POP summary a conclusion drawn there starts on). F7 / F8 go to the previous / next step;
  the step is :meth:`current_step` for F4. The last step, Notities (:meth:`notes_step`), holds
  the record's free notes (also those written before the method had its own screen) and lists
  every conclusion; F4 there concludes for the method as a whole.
- Special-category fields (``record.sensitive_fields``) are read-only without consent.
- Ctrl+B prints the method's blank worksheet (filled in on paper first, as homework, and typed
  in here afterwards).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from poptui.screens.method_screen import MethodScreen, MethodStep
from poptui.screens.widgets.answers import AnswerArea, QuestionBlock, StepScroll
from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Static, TabbedContent, TabPane, TextArea

from poptui.catalog_models import StepInfo
from poptui.i18n import _
from poptui.labels import label
from poptui.models import MethodRecordBase
from poptui.models.errors import dutch_summary
from poptui.services import StoreError, employees, method_records
from poptui.services.consent import has_consent, sensitive_fields_reason

SAVE_DELAY = 1.0
"""Seconds after the last keystroke before the answers are stored."""
NOTES_STEP = "notities"
"""The tab of the free notes and the list of conclusions (F4 there: the method as a whole)."""
ANSWER_BASE_FIELDS = frozenset({"notes"})
"""Fields of every method record that an answer box may hold."""


class AnsweredMethodScreen(MethodScreen):
    """A method screen with steps as tabs and answers in boxes (see the module docstring)."""

    BINDINGS: ClassVar = [
        # priority: a TextArea binds F7 (select all: the next letter would replace the whole answer)
        Binding("f7", "step(-1)", _("Vorige stap"), show=False, priority=True, id="method.previous_step"),
        Binding("f8", "step(1)", _("Stap"), key_display="F7/F8", priority=True, id="method.next_step"),
        Binding("ctrl+b", "blank_sheet", _("Blanco werkblad"), show=False, id="method.blank_sheet"),
        # priority: Tab otherwise bubbles up to the screen behind the save that leaving a box
        # starts, so a fast typist's next letters land in the box just left
        Binding("tab", "app.focus_next", show=False, priority=True, id="method.focus_next"),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True, id="method.focus_previous"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending: dict[str, str] = {}
        """Typed answers not stored yet: answer key -> text."""
        self._save_timer: Timer | None = None
        self._consent: bool | None = None
        self._leave_unsaved = False
        self._restored: dict[str, Any] | None = None
        self._aside = False
        """True while answers are kept aside as a draft."""

    @property
    def consent(self) -> bool:
        """Whether the employee gave consent (asked once)."""
        if self._consent is None:
            self._consent = has_consent(self.database, self.employee_id)
        return self._consent

    def step_infos(self) -> dict[str, StepInfo]:
        """Tab id -> the step as the method's catalog names it (subclasses with tabs override)."""
        return {}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and self.tabs() is None:
            return False
        return super().check_action(action, parameters)

    # -- loading: answers kept aside the last time ---------------------------------------------

    def load(self) -> Any:
        """The record, with the answers kept aside the last time put back on it (stored on mount)."""
        if self.record is None:
            record = super().load()
            aside = method_records.aside_changes(self.database, record)
            if aside:
                try:
                    self.record = type(record).model_validate({**record.model_dump(mode="json"), **aside})
                    self._restored = aside
                except ValidationError:
                    self._restored = {}  # kept as a draft: the coach is told on mount
        return self.record

    def on_mount(self) -> None:
        self.call_after_refresh(self._after_mount)  # after MethodScreen.on_mount drew the record

    def _after_mount(self) -> None:
        self.show_conclusions()
        if self._restored is None:
            return
        if not self._restored:
            self.notify(
                _("Er staan niet-bewaarde antwoorden van deze methodiek apart (Ctrl+P → Concepten)."), timeout=10
            )
        elif self.store(self.record):
            method_records.discard_aside(self.database, self.record)
            self.notify(_("Antwoorden die de vorige keer niet bewaard raakten, zijn teruggezet."), timeout=8)

    # -- answers ----------------------------------------------------------------------------

    def is_field(self, key: str) -> bool:
        """True when ``key`` names a field of the record (not an ``answers`` key)."""
        fields = type(self.record).model_fields
        return key in fields and (key not in MethodRecordBase.model_fields or key in ANSWER_BASE_FIELDS)

    def answer(self, key: str) -> str:
        """The stored answer for ``key`` (a field or an ``answers`` key)."""
        if self.is_field(key):
            return str(getattr(self.record, key) or "")
        return str(getattr(self.record, "answers", {}).get(key, ""))

    def locked(self, key: str) -> bool:
        """True for a special-category field while the employee gave no consent."""
        return key in self.record.sensitive_fields and not self.consent

    def locked_note(self) -> str:
        return sensitive_fields_reason()

    def apply_answer(self, data: dict[str, Any], key: str, text: str) -> None:
        """Put ``text`` for ``key`` into the dumped record ``data`` (an empty answer is removed)."""
        if self.is_field(key):
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
        self._leave_unsaved = False
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.flush_answers)

    def on_descendant_blur(self) -> None:  # MethodScreen's handler runs too (Textual calls the whole MRO)
        self.flush_answers()

    def flush_answers(self) -> bool:
        """Store what was typed and not stored yet. False when it was refused: the coach is told,
        the answers stay pending (and on screen) and are kept aside as a draft."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if not self.pending:
            return True
        typed = dict(self.pending)

        def put(data: dict[str, Any]) -> None:
            for key, text in typed.items():
                self.apply_answer(data, key, text)

        if not self.save_with(put):
            return False
        for key, text in typed.items():  # what was typed meanwhile stays pending
            if self.pending.get(key) == text:
                del self.pending[key]
        self._all_stored()
        return True

    def store_changes(self, **update: Any) -> bool:
        """Store the record with ``update`` applied (validated); what was typed goes with it."""
        self.flush_answers()
        if not self.save_with(lambda data: data.update(update)):
            return False
        self._all_stored()
        return True

    def _all_stored(self) -> None:
        """Drop the draft kept aside once nothing typed is waiting any more."""
        if self._aside and not self.pending:
            method_records.discard_aside(self.database, self.record)
            self._aside = False

    def save_with(self, change: Callable[[dict[str, Any]], None]) -> bool:
        """Apply ``change`` to the dumped record, validate and store it (see :meth:`store`); a
        change that cannot be stored is kept aside as a draft."""
        data = self.record.model_dump()
        change(data)
        try:
            changed = type(self.record).model_validate(data)
        except ValidationError as error:
            self.notify(self.not_stored(dutch_summary(error, type(self.record))), severity="error", timeout=12)
            self.keep_aside(data)
            return False
        if not self.store(changed):
            self.keep_aside(changed.model_dump())
            return False
        return True

    def store(self, changed: MethodRecordBase) -> bool:
        """Save a changed copy of the record; when another coach saved it meanwhile, what was
        changed here is put on their version (:func:`method_records.save_merged`)."""
        try:
            saved, merged = method_records.save_merged(self.database, self.record, changed)
        except ValidationError as error:
            self.notify(self.not_stored(dutch_summary(error, type(changed))), severity="error", timeout=12)
            return False
        except StoreError as error:
            self.notify(self.not_stored(str(error)), severity="error", timeout=12)
            return False
        self.record = saved
        if merged:
            self.notify(
                _("Iemand anders wijzigde deze methodiek intussen: jouw antwoorden zijn bij de zijne bewaard."),
                timeout=10,
            )
        self._show_sub_title()
        self.redraw()
        self.show_conclusions()
        return True

    @staticmethod
    def not_stored(problem: str) -> str:
        return _("Niet bewaard: {problem} Wat je typte, staat nog op het scherm.", problem=problem)

    def keep_aside(self, data: dict[str, Any]) -> None:
        """Keep the fields changed in ``data`` as a draft (a crash or hang-up then loses nothing)."""
        try:
            changes = method_records.changed_fields(self.record, data)
            if changes:
                method_records.keep_aside(self.database, self.record, changes)
                self._aside = True
        except (OSError, StoreError, ValueError, TypeError):
            self.notify(_("Ook apart bewaren lukte niet: laat dit scherm open."), severity="error", timeout=12)

    def on_unmount(self) -> None:
        """The app closes (Ctrl+Q) within the second before the answers were stored: store them now,
        or keep them aside."""
        if not self.pending:
            return
        data = self.record.model_dump()
        for key, text in self.pending.items():
            self.apply_answer(data, key, text)
        try:  # no redraw: the widgets are going
            saved, _merged = method_records.save_merged(
                self.database, self.record, type(self.record).model_validate(data)
            )
        except (ValidationError, StoreError):
            self.save_draft()
            return
        if self._aside:
            method_records.discard_aside(self.database, saved)

    def save_draft(self) -> None:
        """Keep what was typed and not stored as a draft (the terminal hangs up: no database write)."""
        if not self.pending:
            return
        data = self.record.model_dump()
        for key, text in self.pending.items():
            self.apply_answer(data, key, text)
        self.keep_aside(data)

    # -- steps --------------------------------------------------------------------------------

    def tabs(self) -> TabbedContent | None:
        found = self.query(TabbedContent)
        return found.first() if found else None

    def step_title(self, step_id: str) -> str:
        """The tab title of a step in the catalog (the id when it is not there)."""
        info = self.step_infos().get(step_id)
        return info.title if info else step_id

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
        if self.focused is not None and pane not in self.focused.ancestors:
            self.set_focus(None)  # a box of a hidden step must not keep the keys
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
        if tabs is None or not tabs.active or tabs.active == NOTES_STEP:
            return super().current_step()
        info = self.step_infos().get(tabs.active)
        title = info.title if info else str(tabs.get_tab(tabs.active).label).strip()
        return MethodStep(tabs.active, title, info.part if info else None)

    # -- the notes step ----------------------------------------------------------------------------

    def notes_step(self) -> ComposeResult:
        """The last tab: every conclusion of the method, and the free notes."""
        with TabPane(_("Notities"), id=NOTES_STEP), StepScroll():
            yield Static("", id="all-conclusions", classes="note", markup=False)
            yield from self.notes_block()

    def notes_block(self) -> ComposeResult:
        """The box of the record's free notes."""
        yield QuestionBlock(
            "notes",
            _("Notities bij deze methodiek"),
            self.record.notes,
            note=_("Wat niet bij één vraag past. Notities van vroeger staan hier ook."),
            tall=True,
        )

    def conclusions_text(self) -> Text:
        """Every conclusion of the record, with its step and the part of the POP summary it is for."""
        text = Text(_("Conclusies voor het POP (F4 voegt er een toe bij de stap waar je bent):"), style="bold")
        if not self.record.conclusions:
            text.append("\n" + _("nog geen"))
        for conclusion in self.record.conclusions:
            step = self.step_title(conclusion.step) if conclusion.step else _("de methodiek als geheel")
            part = label(conclusion.part) if conclusion.part else "–"
            text.append(f"\n• {' '.join(conclusion.text.split())}")
            text.append(f"  [{part} · {step}]", style="italic")
        return text

    def show_conclusions(self) -> None:
        for widget in self.query("#all-conclusions").results(Static):
            widget.update(self.conclusions_text())

    # -- leaving, concluding, printing: what was typed first ------------------------------------

    def action_conclude(self) -> None:
        if self.flush_answers():
            super().action_conclude()

    def action_print_record(self) -> None:
        if self.flush_answers():
            super().action_print_record()

    def action_guidance(self) -> None:
        """F3: the method's guidance, the screen's own keys, and the keys of every guided method."""
        from poptui.screens.dialogs import MessageDialog

        from poptui.methods_registry import guidance_text, method_name

        extra = "\n\n".join(part for part in (self.guidance_extra(), self.common_keys()) if part)
        self.app.push_screen(
            MessageDialog(_("Uitleg: {name}", name=method_name(self.kind)), guidance_text(self.kind, extra))
        )

    @staticmethod
    def common_keys() -> str:
        return _(
            "Wat je typt, wordt een seconde later bewaard. F4: een conclusie voor de samenvatting van het POP, "
            "bij de stap waar je bent. F5: de ingevulde methodiek afdrukken. Ctrl+B: het blanco werkblad, om op "
            "papier in te vullen. F6: de datum. Notities: vrije notities en alle conclusies van deze methodiek."
        )

    def action_blank_sheet(self) -> None:
        """Ctrl+B: the method's blank worksheet, to fill in on paper (homework) and type in later."""
        from poptui.screens.navigation import print_method_worksheet

        employee = employees.find_employee(self.database, self.employee_id)
        print_method_worksheet(self.app, self.kind, employee.organisation_id if employee else None)

    def action_back(self) -> None:
        if self.flush_answers() or self._leave_unsaved:
            super().action_back()
            return
        self._leave_unsaved = True
        self.notify(
            _(
                "Je antwoorden zijn nog niet bewaard (zie de melding). Verbeter ze, of druk nog eens Esc: "
                "dan blijven ze apart bewaard en krijg je ze terug als je deze methodiek weer opent."
            ),
            severity="warning",
            timeout=12,
        )
