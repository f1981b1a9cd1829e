"""One contact moment: record what happened, with the planned methods and their guidance at hand."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens import navigation
from poptui.screens.plain_terminal import mark
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.form import FormScreen
from poptui.screens.widgets.select import Select
from poptui.screens.widgets.text_input import Input
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from poptui import clock
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import choices, content, label
from poptui.methods_registry import guidance_text, method_name
from poptui.models import (
    ContactMoment,
    ContactMomentStatus,
    Employee,
    MethodKind,
    Phase,
)
from poptui.services import StoreError, contact_moments
from poptui.services.contact_moments import MomentDetails, MomentRefused, MomentSaved, MomentView


class MethodList(OptionList):
    """The methods planned for this moment. Enter opens the highlighted method; F3 shows its guidance
    (in the footer while the list has the focus; F3 works in the whole form)."""

    BINDINGS: ClassVar = [Binding("f3", "screen.guidance", _("Uitleg"), id="moment.list_guidance")]


class ContactMomentScreen(FormScreen[MomentSaved]):
    """Een contactmoment registreren: datum, duur, fase, wie er was, notities, huiswerk en volgende afspraak."""

    CSS_PATH = "contact_moment.tcss"
    BINDINGS: ClassVar = [
        Binding("f3", "guidance", _("Uitleg"), show=False, id="moment.guidance"),
        Binding("f4", "choose_methods", _("Methodieken"), id="moment.methods"),
        Binding("f5", "collective", _("Collectief"), id="moment.collective"),
        Binding("f8", "skip", _("Overslaan"), id="moment.skip"),
    ]
    model = MomentDetails
    FIRST_FIELD = "notes"
    """Status and date are right when the form opens (held, today or the planned day): the coach writes."""

    def __init__(self, employee_id: str, moment_id: str) -> None:
        super().__init__(draft_key=f"contact_moment-{moment_id}")
        self.employee_id = employee_id
        self.moment_id = moment_id
        self.view: MomentView | None = None
        self.moment: ContactMoment | None = None

    # -- loading -----------------------------------------------------------------------------

    def _view(self) -> MomentView:
        if self.view is None:
            self.view = contact_moments.moment_view(self.database, self.employee_id, self.moment_id)
            self.moment = self.view.moment
        return self.view

    def _load(self) -> ContactMoment:
        self._view()
        assert self.moment is not None
        return self.moment

    @property
    def employee(self) -> Employee:
        return self._view().employee

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "collective" and self.moment is not None:
            return self.is_opstart
        return True

    @property
    def is_opstart(self) -> bool:
        moment = self._load()
        return moment.number == 0 and moment.phase is Phase.OPSTART

    def compose(self) -> ComposeResult:
        moment = self._load()
        self.form_title = _(
            "Contactmoment {number} – {name}",
            number=moment.number,
            name=self.employee.full_name,
        )
        yield Header()
        yield Static(self._heading(), id="moment-heading", markup=False)
        yield Static("", id="form-problems", markup=False)
        with VerticalScroll(id="form-body"):
            yield Static(_("Het gesprek  (Tab: volgend veld · Ctrl+S: opslaan)"), classes="section-title", markup=False)
            yield from self.compose_fields()
            yield Static(
                _("Methodieken  (Enter: openen · F3: uitleg · F4: kiezen)"), classes="section-title", markup=False
            )
            yield MethodList(id="methods")
        yield KeyFooter()

    def _heading(self) -> str:
        moment = self._load()
        goals = " · ".join(content(goal) for goal in moment.goals) if moment.goals else _("geen doelen opgegeven")
        lines = [
            _(
                "{name} · contactmoment {number} · fase {phase}",
                name=self.employee.full_name,
                number=moment.number,
                phase=label(moment.phase).lower(),
            ),
            _("Doelen: {goals}", goals=goals),
        ]
        if moment.status is ContactMomentStatus.SKIPPED:
            lines.append(_("Overgeslagen: {reason}", reason=moment.skip_reason))
        elif self.is_opstart:
            lines.append(_("Collectieve opstart? Druk F5 en kies wie er nog bij was."))
        return "\n".join(lines)

    def compose_fields(self) -> ComposeResult:
        statuses = [(label(status), status) for status in (ContactMomentStatus.HELD, ContactMomentStatus.PLANNED)]
        yield self.field(
            "status",
            Select(statuses, allow_blank=False, compact=True),
            help=_("Gehouden: het gesprek vond plaats. Gepland: het moet nog komen."),
        )
        yield self.field("date", Input(compact=True, placeholder=_("dd/mm/jjjj")), required=True)
        yield self.field("start_time", Input(compact=True, placeholder=_("uu:mm, bv. 9:30")))
        yield self.field("duration_minutes", Input(compact=True, placeholder="60"))
        yield self.field("phase", Select(choices(Phase), allow_blank=False, compact=True))
        yield self.field("collective", Select(_yes_no(), allow_blank=False, compact=True))
        yield self.field("attendees", Input(compact=True, placeholder=_("namen, gescheiden door komma's")))
        yield self.field(
            "supervisor_present",
            Select(_yes_no(), allow_blank=False, compact=True),
            help=_("Was de werkvloerbegeleider bij het gesprek?"),
        )
        yield self.field("notes", TextArea(id="notes-text"))
        yield self.field("homework_given", Input(compact=True))
        yield self.field("homework_returned", Input(compact=True))
        yield self.field(
            "next_date",
            Input(compact=True, placeholder=_("dd/mm/jjjj")),
            help=_("De datum komt ook bij het volgende geplande contactmoment."),
        )
        yield self.field("next_time", Input(compact=True, placeholder=_("uu:mm")))

    def initial_values(self) -> dict[str, Any]:
        moment = self._load()
        values = contact_moments.details_of(moment)
        today = clock.today()
        if moment.status is ContactMomentStatus.PLANNED:
            if moment.date is None or moment.date <= today:
                values["status"] = ContactMomentStatus.HELD
                values["date"] = moment.date or today
        if not moment.attendees:
            names = [self.employee.full_name]
            coach = self.coach
            if coach is not None:
                names.append(coach.full_name)
            values["attendees"] = ", ".join(names)
        return values

    def on_mount(self) -> None:  # Textual also runs FormScreen.on_mount (handlers run per class)
        self._fill_methods()

    def _fill_methods(self) -> None:
        moment = self._load()
        with_notes = contact_moments.moment_view(self.database, self.employee_id, self.moment_id).methods_with_notes
        methods = self.query_one(MethodList)
        keep = methods.highlighted or 0
        methods.clear_options()
        for kind in moment.methods:
            notes = mark("notes") + " " if kind in with_notes else "  "
            methods.add_option(Option(Text(notes + method_name(kind)), id=kind.value))
        if not moment.methods:
            methods.add_option(
                Option(_("Geen methodieken gepland. Druk F4 om er te kiezen."), id="none", disabled=True)
            )
        else:
            methods.highlighted = min(keep, len(moment.methods) - 1)

    # -- saving ------------------------------------------------------------------------------

    def save_record(self, values: dict[str, Any]) -> MomentSaved:
        return contact_moments.record_moment(self.database, self._load(), values)

    def after_save(self, record: Any) -> None:
        self._tell(record)

    def _tell(self, saved: MomentSaved) -> None:
        self.moment = saved.moment
        for warning in saved.warnings:
            self.notify(warning, severity="warning", timeout=12)
        if saved.trajectory_started:
            self.notify(
                _("Het traject is nu actief, gestart op {date}.", date=format_date(saved.trajectory.start_date))
            )
        if saved.next_moment is not None:
            self.notify(
                _(
                    "Contactmoment {number} staat nu op {date}.",
                    number=saved.next_moment.number,
                    date=format_date(saved.next_moment.date),
                )
            )

    # -- methods -----------------------------------------------------------------------------

    def _highlighted_kind(self) -> MethodKind | None:
        methods = self.query_one(MethodList)
        if methods.highlighted is None:
            return None
        option_id = methods.get_option_at_index(methods.highlighted).id
        return MethodKind(option_id) if option_id and option_id != "none" else None

    @on(OptionList.OptionSelected, "#methods")
    def _method_selected(self) -> None:
        self.open_highlighted_method()

    def action_guidance(self) -> None:
        """The guidance of the highlighted method (the first one while the focus is in a field)."""
        from poptui.screens.dialogs import MessageDialog

        kind = self._highlighted_kind()
        if kind is None:
            self.notify(_("Er zijn nog geen methodieken gepland. Druk F4 om er te kiezen."))
            return
        self.app.push_screen(MessageDialog(_("Uitleg: {name}", name=method_name(kind)), guidance_text(kind)))

    def open_highlighted_method(self) -> None:
        kind = self._highlighted_kind()
        moment = self._load()
        if kind is None:
            self.notify(_("Kies eerst een methodiek in de lijst (of druk F4 om er te kiezen)."))
            return
        self.flush_draft()
        navigation.open_method(self.app, self.employee_id, moment.trajectory_id, kind.value, moment.id)

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.moment is not None:
            self._fill_methods()

    @work
    async def action_choose_methods(self) -> None:
        from poptui.screens.widgets.choice_dialogs import ChecklistDialog

        moment = self._load()
        items = [(method_name(kind), kind, kind in moment.methods) for kind in _methods_for(moment)]
        chosen = await self.app.push_screen_wait(ChecklistDialog(_("Methodieken voor dit contactmoment"), items))
        if chosen is None:
            return
        try:
            self.moment = contact_moments.set_methods(self.database, moment, chosen)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self._fill_methods()

    # -- skip and collective -----------------------------------------------------------------

    @work
    async def action_skip(self) -> None:
        from poptui.screens.widgets.choice_dialogs import ReasonDialog

        moment = self._load()
        reason = await self.app.push_screen_wait(
            ReasonDialog(
                _("Contactmoment {number} overslaan", number=moment.number),
                _("Waarom valt dit gesprek weg? Bijvoorbeeld: samengenomen met het volgende gesprek."),
            )
        )
        if reason is None:
            return
        try:
            contact_moments.skip_moment(self.database, moment, reason)
        except (MomentRefused, StoreError) as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self._close_quietly(_("Contactmoment {number} is overgeslagen.", number=moment.number))

    @work
    async def action_collective(self) -> None:
        from poptui.screens.widgets.choice_dialogs import ChecklistDialog
        from pydantic import ValidationError

        from poptui.models.errors import field_errors

        if not self.is_opstart:
            self.notify(_("Alleen de opstart (contactmoment 0) kan collectief."), severity="warning")
            return
        values = self.values()
        try:
            MomentDetails.model_validate(values)
        except ValidationError as error:
            self.show_errors(field_errors(error, MomentDetails))
            return
        database = self.database
        candidates = contact_moments.collective_candidates(database, self.employee)
        items = [(_candidate_label(candidate, self.employee), candidate.employee.id, False) for candidate in candidates]
        chosen = await self.app.push_screen_wait(
            ChecklistDialog(
                _("Wie was er nog bij deze collectieve opstart?"),
                items,
                empty=_("Er zijn geen andere werknemers met een lopend traject. Start eerst hun traject."),
            )
        )
        if not chosen:
            return
        try:
            saved = contact_moments.record_collective_opstart(database, self._load(), values, chosen)
        except ValidationError as error:
            self.show_errors(field_errors(error, MomentDetails))
            return
        except (MomentRefused, StoreError) as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self._tell(saved)
        self._close_quietly(_("Collectieve opstart geregistreerd voor {count} werknemers.", count=len(chosen) + 1))

    def _close_quietly(self, message: str) -> None:
        from poptui.services import drafts

        self.dirty = False
        drafts.discard_draft(self.database, self.draft_key)
        self.notify(message)
        self.dismiss(None)


def _yes_no() -> list[tuple[str, bool]]:
    """Ja/nee as a choice: readable without colour, unlike a checkbox."""
    return [(_("Nee"), False), (_("Ja"), True)]


def _methods_for(moment: ContactMoment) -> list[MethodKind]:
    """Every catalog method: the moment's own first, then those of its phase, then the rest."""
    from poptui.catalog import load_catalog

    guides = load_catalog().methods
    return sorted(
        guides,
        key=lambda kind: (
            kind not in moment.methods,
            moment.phase not in guides[kind].phases,
            guides[kind].name.lower(),
        ),
    )


def _candidate_label(candidate: contact_moments.Candidate, employee: Employee | None) -> str:
    text = candidate.employee.full_name
    if employee is not None and candidate.employee.organisation_id != employee.organisation_id:
        text += " " + _("(andere organisatie)")
    if candidate.opstart_held:
        text += " " + _("(opstart al gehouden)")
    return text
