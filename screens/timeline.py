"""Tijdslijn leggen (§4.5.3): the actions of the trajectory's action plan on a line of months by
deadline, today's month marked; fixed moments (follow-up talks, trainings) can be added. Also
used during UITVOEREN: done actions show ``v``, late ones ``!``."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from poptui.screens import navigation
from poptui.screens.method_screen import MethodScreen
from poptui.screens.widgets.footer import KeyFooter
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from poptui import clock
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.models.planning import TijdslijnRecord, TimelineMoment
from poptui.services import pop_documents, timeline


class TimelineScreen(MethodScreen):
    """Tijdslijn: [ en ] schuiven de maanden, + en - meer of minder maanden, m vast moment, a actieplan."""

    CSS_PATH = "timeline.tcss"
    BINDINGS: ClassVar = [
        Binding("left_square_bracket", "shift(-1)", _("Vroeger"), key_display="[", id="timeline.earlier"),
        Binding("right_square_bracket", "shift(1)", _("Later"), key_display="]", id="timeline.later"),
        Binding("plus,equals_sign", "span(3)", _("Meer maanden"), key_display="+", show=False, id="timeline.more"),
        Binding("minus", "span(-3)", _("Minder maanden"), key_display="-", show=False, id="timeline.less"),
        Binding("d", "toggle_done", _("Afgewerkte aan/uit"), show=False, id="timeline.done"),
        Binding("m", "add_moment", _("Vast moment"), id="timeline.moment"),
        Binding("x", "remove_moment", _("Moment weg"), show=False, id="timeline.remove"),
        Binding("a", "action_plan", _("Actieplan"), id="timeline.plan"),
    ]
    record: TijdslijnRecord

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="timeline-scroll"):
            yield Static("", id="timeline-drawing", markup=False)
        yield Static(timeline.legend(), id="timeline-legend", markup=False)
        yield KeyFooter()

    def on_screen_resume(self) -> None:
        if self.record is not None:
            self.redraw()

    def redraw(self) -> None:
        trajectory = self.trajectory()
        pop = pop_documents.pop_of(self.database, trajectory)
        actions = pop.actions if pop else []
        today = clock.today()
        start = self.record.start or timeline.default_start(actions, today)
        lines = timeline.drawing(
            actions, self.record.moments, start, self.record.months, today, width=78, show_done=self.record.show_done
        )
        if not actions:
            lines.append("")
            lines.append(_("Het actieplan heeft nog geen acties. Druk a om het actieplan te openen."))
        self.query_one("#timeline-drawing", Static).update("\n".join(lines))

    def _start(self) -> date:
        pop = pop_documents.pop_of(self.database, self.trajectory())
        return self.record.start or timeline.default_start(pop.actions if pop else [], clock.today())

    def action_shift(self, step: int) -> None:
        self.store(self.record.model_copy(update={"start": timeline.add_months(self._start(), step)}))

    def action_span(self, step: int) -> None:
        months = max(3, min(12, self.record.months + step))
        self.store(self.record.model_copy(update={"months": months}))

    def action_toggle_done(self) -> None:
        self.store(self.record.model_copy(update={"show_done": not self.record.show_done}))

    def action_add_moment(self) -> None:
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        def dated(text: str | None) -> None:
            if not text:
                return
            day = pop_documents.parse_day(text)
            if day is None:
                self.notify(_("Schrijf de datum als dd/mm/jjjj."), severity="error")
                return

            def described(description: str | None) -> None:
                if description:
                    moment = TimelineMoment(date=day, text=description)
                    self.store(self.record.model_copy(update={"moments": [*self.record.moments, moment]}))

            self.app.push_screen(TextPromptDialog(_("Wat gebeurt er op die dag?"), max_length=200), described)

        self.app.push_screen(
            TextPromptDialog(_("Datum van het vaste moment (dd/mm/jjjj)"), placeholder=_("dd/mm/jjjj")), dated
        )

    def action_remove_moment(self) -> None:
        if not self.record.moments:
            return
        from poptui.screens.dialogs import ChooseDialog

        options = [(f"{format_date(moment.date, '?')} {moment.text}", moment.id) for moment in self.record.moments]

        def chosen(moment_id: str | None) -> None:
            if moment_id:
                moments = [moment for moment in self.record.moments if moment.id != moment_id]
                self.store(self.record.model_copy(update={"moments": moments}))

        self.app.push_screen(ChooseDialog(_("Welk vast moment verwijderen?"), options), chosen)

    def action_action_plan(self) -> None:
        navigation.open_pop(self.app, self.trajectory_id)
