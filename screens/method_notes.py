"""Free notes and conclusions for a method that has no screen of its own yet.

The record is the method's own record class (from :mod:`poptui.methods_registry`), so
the richer screen that comes later opens the same record and keeps these notes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.widgets.form import FormScreen
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, TextArea

from poptui.i18n import _
from poptui.methods_registry import guidance_text, method, method_name
from poptui.models import MethodKind, MethodRecordBase
from poptui.services import method_records
from poptui.services.consent import has_consent, sensitive_fields_reason


class MethodNotesScreen(FormScreen[MethodRecordBase]):
    """Notities en conclusies bij een methodiek. F3 toont de uitleg uit het draaiboek."""

    CSS_PATH = "method_notes.tcss"
    BINDINGS: ClassVar = [Binding("f3", "guidance", _("Uitleg methodiek"), id="method.guidance")]

    def __init__(
        self,
        *,
        employee_id: str,
        trajectory_id: str,
        kind: str,
        contact_moment_id: str | None = None,
        record_id: str | None = None,
    ) -> None:
        self.kind = MethodKind(kind)
        self.employee_id = employee_id
        self.trajectory_id = trajectory_id
        self.contact_moment_id = contact_moment_id
        self.record_id = record_id
        self.record: MethodRecordBase | None = None
        key = record_id or f"{trajectory_id}-{contact_moment_id or 'traject'}-{self.kind.value}"
        super().__init__(draft_key=f"method-{key}")
        self.model = MethodRecordBase  # the record's own class once it is loaded
        guide = method(self.kind).guide
        self.form_title = _("Methodiek: {name}", name=method_name(self.kind))
        self.form_intro = _(
            "Doel: {doel}  —  F3 toont de volledige uitleg (werkwijze, middelen, aandachtspunten).",
            doel=guide.guidance.doel,
        )

    def _load(self) -> MethodRecordBase:
        if self.record is None:
            self.record = method_records.find_or_new(
                self.database,
                employee_id=self.employee_id,
                trajectory_id=self.trajectory_id,
                kind=self.kind,
                contact_moment_id=self.contact_moment_id,
                record_id=self.record_id,
            )
            self.model = type(self.record)
            if self.record.version:
                self.draft_key = f"method-{self.record.id}"
        return self.record

    def own_fields(self) -> list[str]:
        """Text fields the method's record adds to the common ones (e.g. HAND's five fingers)."""
        record_type = type(self._load())
        return [
            name
            for name, info in record_type.model_fields.items()
            if name not in MethodRecordBase.model_fields and info.annotation is str
        ]

    def compose_fields(self) -> ComposeResult:
        record = self._load()
        yield self.field("date", Input(compact=True, placeholder=_("dd/mm/jjjj")))
        consent = None
        for name in self.own_fields():
            help_text = ""
            area = TextArea(id=f"own-{name}")
            if name in record.sensitive_fields:
                if consent is None:
                    consent = has_consent(self.database, self.employee_id)
                if not consent:
                    area.read_only = True
                    help_text = sensitive_fields_reason()
            yield self.field(name, area, help=help_text)
        yield self.field(
            "notes",
            TextArea(id="notes-text"),
            help=_("Wat de werknemer vertelt, toont of kiest. Alles wat je typt wordt als concept bewaard."),
        )
        yield self.field(
            "conclusions",
            TextArea(id="conclusions-text"),
            help=_("Eén conclusie per regel. Ze komen later in het POP (Wat wil ik, Wat kan ik)."),
        )

    def on_mount(self) -> None:  # FormScreen.on_mount runs as well (Textual calls the handler of each class)
        self.form_fields()[0].widget.focus()

    def initial_values(self) -> dict[str, Any]:
        record = self._load()
        values = {"date": record.date, "notes": record.notes, "conclusions": "\n".join(record.conclusion_texts())}
        values.update({name: getattr(record, name) for name in self.own_fields()})
        return values

    def save_record(self, values: dict[str, Any]) -> MethodRecordBase:
        record = self._load()
        saved = method_records.save_notes(
            self.database,
            record,
            values["notes"],
            values["conclusions"],
            values["date"],
            {name: values[name] for name in self.own_fields() if name in values},
        )
        self.record = saved
        return saved

    def action_guidance(self) -> None:
        from poptui.screens.dialogs import MessageDialog

        self.app.push_screen(MessageDialog(_("Uitleg: {name}", name=method_name(self.kind)), guidance_text(self.kind)))
