"""The base of the method screens that save every change at once (scan, SMART, decision matrix,
mind map, time line, and the method screens still to come): the record is found or made by the
one rule of :func:`poptui.services.method_records.find_or_new`, every change is stored with
:meth:`MethodScreen.store`, one line of text is asked with :meth:`MethodScreen.ask`, and the
method's guidance is one key away (g)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from poptui.screens.base import BaseScreen
from pydantic import ValidationError
from textual.binding import Binding

from poptui.i18n import _
from poptui.methods_registry import guidance_text, method_name
from poptui.models import MethodKind, MethodRecordBase, Trajectory
from poptui.models.errors import dutch_summary
from poptui.services import StoreError, employees, method_records, trajectories


class MethodScreen(BaseScreen[Any]):
    """Base: ``self.record`` is the method's record; :meth:`store` saves a changed copy and redraws.

    Subclasses compose their widgets, draw ``self.record`` in :meth:`redraw` and may focus
    something in :meth:`after_load`. A record that was never stored is stored by the first
    :meth:`store`: opening a method and leaving again stores nothing.
    """

    BINDINGS: ClassVar = [
        Binding("g", "guidance", _("Uitleg"), id="method.guidance"),
        Binding("escape", "back", _("Terug"), id="method.back"),
    ]
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

    def on_mount(self) -> None:
        self.record = method_records.find_or_new(
            self.database,
            employee_id=self.employee_id,
            trajectory_id=self.trajectory_id,
            kind=self.kind,
            contact_moment_id=self.contact_moment_id,
            record_id=self.record_id,
        )
        employee = employees.find_employee(self.database, self.employee_id)
        self.title = method_name(self.kind)
        self.sub_title = employee.full_name if employee else ""
        self.redraw()
        self.after_load()

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
