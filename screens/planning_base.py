"""The shared base of the planning method screens (scan, SMART, matrix, mindmap, tijdslijn):
load or create the record, save every change at once, the method's guidance one key away (g)."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import ValidationError
from textual.binding import Binding
from textual.screen import Screen

from poptui import clock
from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.labels import label
from poptui.models import Employee, MethodKind, MethodRecordBase, Trajectory
from poptui.models.errors import dutch_summary
from poptui.services import planning_methods
from poptui.store import StoreError


def guidance_text(kind: MethodKind, extra: str = "") -> str:
    """The catalog's guidance of a method as one readable text."""
    guide = load_catalog().methods[kind]
    parts = [
        _("Doel") + "\n  " + guide.guidance.doel,
        _("Doelgroep") + "\n  " + guide.guidance.doelgroep,
        _("Tijdsduur") + "\n  " + guide.guidance.tijdsduur,
    ]
    if guide.guidance.middelen:
        parts.append(_("Middelen") + "\n" + "\n".join(f"  - {item}" for item in guide.guidance.middelen))
    parts.append(_("Werkwijze") + "\n" + "\n".join(f"  {item}" for item in guide.guidance.werkwijze))
    if guide.guidance.aandachtspunten:
        parts.append(_("Aandachtspunten") + "\n" + "\n".join(f"  - {item}" for item in guide.guidance.aandachtspunten))
    if extra:
        parts.append(extra)
    return "\n\n".join(parts)


class PlanningMethodScreen(Screen[Any]):
    """Base: ``self.record`` is the stored record; :meth:`store` saves a changed copy and redraws."""

    BINDINGS: ClassVar = [
        Binding("g", "guidance", _("Uitleg"), id="method.guidance"),
        Binding("escape", "back", _("Terug"), id="method.back"),
    ]
    method_kind: ClassVar[MethodKind]

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

    @property
    def database(self) -> Any:
        return self.app.database  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.record = planning_methods.get_or_create_record(
            self.database,
            employee_id=self.employee_id,
            trajectory_id=self.trajectory_id,
            kind=self.kind,
            contact_moment_id=self.contact_moment_id,
            record_id=self.record_id,
            today=clock.today(),
        )
        employee = self.database.find(Employee, self.employee_id, employee_id=self.employee_id)
        self.title = label(self.kind)
        self.sub_title = employee.full_name if employee else ""
        self.redraw()
        self.after_load()

    def after_load(self) -> None:
        """Called once the record is loaded and shown (subclasses override, e.g. to focus)."""

    def trajectory(self) -> Trajectory:
        return self.database.get(Trajectory, self.trajectory_id, employee_id=self.employee_id)

    def redraw(self) -> None:
        """Show ``self.record`` (subclasses override)."""

    def store(self, changed: MethodRecordBase) -> bool:
        """Save a changed copy of the record; on a problem tell the coach and keep the old one."""
        try:
            self.record = planning_methods.save_record(self.database, changed)
        except ValidationError as error:
            self.notify(dutch_summary(error, type(changed)), severity="error", timeout=8)
            return False
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10)
            return False
        self.redraw()
        return True

    def guidance_extra(self) -> str:
        return ""

    def action_guidance(self) -> None:
        from poptui.screens.dialogs import MessageDialog

        self.app.push_screen(MessageDialog(label(self.kind), guidance_text(self.kind, self.guidance_extra())))

    def action_back(self) -> None:
        self.dismiss(self.record)
