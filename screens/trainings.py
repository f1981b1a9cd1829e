"""Training days of the POP-coaches (§4.4.5) and their attendance lists (§4.4.6)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.list_screen import Column, ListScreen, Row
from poptui.screens.print_dialog import print_form
from poptui.screens.widgets.form import FormScreen, widget_value
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from rich.segment import Segment
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from poptui import clock
from poptui.formatting import format_date, format_hours
from poptui.i18n import _
from poptui.models import Training
from poptui.services import StoreError, forms
from poptui.services.trainings import (
    attendee_choices,
    delete_training,
    get_training,
    list_trainings,
    person_names,
    save_training,
    trainers,
)


class AttendeeList(SelectionList[str]):
    """A selection list whose box holds an X only when ticked, so it reads without colours (NO_COLOR)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4 or len(segments[1].text) != 1:
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        if selection.value in self.selected:
            return strip
        segments[1] = Segment(" ", segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)


def print_attendance(screen: BaseScreen[Any], training: Training) -> None:
    """Print the attendance list of ``training`` (write the PDF, show where, offer the printer)."""
    database = screen.database
    print_form(
        screen.app,
        lambda: forms.export_attendance(database, training.id),
        _("aanwezigheidslijst {what}", what=training.describe()),
        record=training,
    )


class TrainingsScreen(ListScreen):
    """Opleidingsdagen van de POP-coaches. Enter bewerkt, F5 drukt de aanwezigheidslijst af."""

    CSS_PATH = "trainings.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "app.pop_screen", _("Terug"), id="trainings.back"),
        Binding("f3", "new", _("Nieuw"), id="trainings.new"),
        Binding("f4", "edit", _("Bewerken"), id="trainings.edit"),
        Binding("f5", "print_attendance", _("Afdrukken"), id="trainings.print"),
        Binding("delete", "delete", _("Verwijderen"), id="trainings.delete"),
    ]
    TABLE_ID = "trainings"
    COLUMNS = (
        Column(_("Datum"), "date", 10),
        Column(_("Titel"), "title", 28, grow=True),
        Column(_("POP-trainer"), "trainer", 16, grow=True),
        Column(_("Uren"), "hours", 5),
        Column(_("Deeln."), "attendees", 6),
    )
    HINT = _("Enter bewerkt · F5 drukt de aanwezigheidslijst af om te laten tekenen")

    def on_mount(self) -> None:
        self.title = _("Opleidingen")

    def rows(self) -> Iterable[Row]:
        names = person_names(self.database)
        for training in list_trainings(self.database):
            cells = (
                format_date(training.date),
                Text(training.title),
                Text(names.get(training.trainer_id or "", "-")),
                format_hours(training.hours),
                str(len(training.attendee_ids)),
            )
            yield training.id, cells

    def empty_text(self) -> str:
        return _("Nog geen opleidingsdagen. Druk F3 om er een toe te voegen.")

    def open_row(self, key: str) -> None:
        self.app.push_screen(TrainingForm(key))

    def action_new(self) -> None:
        self.app.push_screen(TrainingForm())

    def action_edit(self) -> None:
        training_id = self.selected_or_hint()
        if training_id:
            self.open_row(training_id)

    def action_print_attendance(self) -> None:
        training_id = self.selected_or_hint()
        if training_id:
            try:
                training = get_training(self.database, training_id)
            except StoreError as error:
                self.notify(str(error), severity="error")
                return
            print_attendance(self, training)

    def action_delete(self) -> None:
        training_id = self.selected_or_hint()
        if training_id is None:
            return
        from poptui.screens.dialogs import confirm_then

        database = self.database
        training = get_training(database, training_id)
        confirm_then(
            self,
            _("Opleidingsdag '{what}' verwijderen? Dit kan niet ongedaan gemaakt worden.", what=training.describe()),
            lambda: delete_training(database, training_id),
            _("Opleidingsdag verwijderd."),
        )


class TrainingForm(FormScreen[Training]):
    """Een opleidingsdag: datum, titel, POP-trainer, uren, plaats en de deelnemers (spatie vinkt aan)."""

    CSS_PATH = "trainings.tcss"
    model = Training

    def __init__(self, training_id: str | None = None) -> None:
        super().__init__(f"training-{training_id or 'new'}")
        self.training_id = training_id
        self.form_title = _("Opleidingsdag bewerken") if training_id else _("Nieuwe opleidingsdag")

    def compose_fields(self) -> ComposeResult:
        database = self.database
        current = get_training(database, self.training_id) if self.training_id else None
        trainer_options = [
            (Text(person.full_name), person.id)
            for person in trainers(database, current.trainer_id if current else None)
        ]
        yield self.field("date", Input(placeholder=_("dd/mm/jjjj"), compact=True))
        yield self.field("title", Input(compact=True))
        yield self.field(
            "trainer_id",
            Select(trainer_options, prompt=_("(kies de POP-trainer)"), compact=True),
            help=""
            if trainer_options
            else _("Nog geen POP-trainers: geef iemand de rol POP-trainer bij Organisaties."),
        )
        yield self.field("hours", Input(placeholder=_("bv. 6"), compact=True))
        yield self.field("place", Input(compact=True))
        attendees = AttendeeList(
            *((Text(text), person_id) for text, person_id in attendee_choices(database)), id="attendees", compact=True
        )
        yield self.field("attendee_ids", attendees, help=_("Pijltjes en spatie vinken aan of uit."))

    def initial_values(self) -> dict[str, Any]:
        if self.training_id is None:
            return {"date": clock.today()}
        training = get_training(self.database, self.training_id)
        values = training.model_dump()
        values["hours"] = format_hours(training.hours)
        return values

    def values(self) -> dict[str, Any]:
        values = {
            field.field_name: widget_value(field.widget)
            for field in self.form_fields()
            if field.field_name != "attendee_ids"
        }
        values["attendee_ids"] = list(self.query_one("#attendees", SelectionList).selected)
        return values

    def load_values(self, values: dict[str, Any]) -> None:
        super().load_values({key: value for key, value in values.items() if key != "attendee_ids"})
        if "attendee_ids" in values:
            loading = self._loading
            self._loading = True
            attendees = self.query_one("#attendees", SelectionList)
            attendees.deselect_all()
            known = {attendees.get_option_at_index(index).value for index in range(attendees.option_count)}
            for person_id in values["attendee_ids"] or []:
                if person_id in known:
                    attendees.select(person_id)
            self._loading = loading

    @on(SelectionList.SelectedChanged)
    def _attendees_changed(self) -> None:
        self._changed()

    def save_record(self, values: dict[str, Any]) -> Training:
        return save_training(self.database, values, self.training_id)
