"""The free notes of a competence measurement: what was said while rating (also notes written
before Competentiemeting had its own screen). Opened with n on the measurement screen."""

from __future__ import annotations

from typing import Any

from poptui.screens.widgets.form import FormScreen
from textual.app import ComposeResult
from textual.widgets import TextArea

from poptui.i18n import _
from poptui.models import CompetentiemetingRecord
from poptui.services import method_records


class MeasurementNotesForm(FormScreen[CompetentiemetingRecord]):
    """The measurement's free notes: what was said while rating (Ctrl+S saves)."""

    model = CompetentiemetingRecord

    def __init__(self, record: CompetentiemetingRecord) -> None:
        super().__init__(f"measurement-notes-{record.id}")
        self.record = record
        self.form_title = _("Notities bij de competentiemeting")

    def compose_fields(self) -> ComposeResult:
        yield self.field("notes", TextArea(), help=_("Wat er gezegd werd bij het inschatten. F5 drukt ze mee af."))

    def initial_values(self) -> dict[str, Any]:
        return {"notes": self.record.notes}

    def save_record(self, values: dict[str, Any]) -> CompetentiemetingRecord:
        changed = self.record.model_copy(update={"notes": values["notes"]})
        saved = method_records.save_record(self.database, changed)
        if not isinstance(saved, CompetentiemetingRecord):
            raise TypeError("a competence measurement saves as a CompetentiemetingRecord")
        self.record = saved
        return saved
