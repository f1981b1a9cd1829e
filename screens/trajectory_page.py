"""A trajectory: who and which variant, the POP cycle, the contact moments as a timeline,
and the supervisor consultations."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens import navigation
from poptui.screens.base import BaseScreen
from poptui.screens.plain_terminal import mark
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from poptui import clock
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import choices, content, label
from poptui.methods_registry import all_methods, method_name
from poptui.models import ContactMoment, ContactMomentStatus, Phase, Trajectory
from poptui.services import StoreError, contact_moments, method_records, trajectory_status
from poptui.services.trajectories import TrajectoryView, trajectory_view
from poptui.services.trajectory_status import PhaseState, StatusChange, StatusRefused

PHASE_MARKS = {PhaseState.DONE: "done", PhaseState.CURRENT: "current", PhaseState.UPCOMING: "upcoming"}
STATUS_MARKS = {
    ContactMomentStatus.HELD: "done",
    ContactMomentStatus.PLANNED: "planned",
    ContactMomentStatus.SKIPPED: "skipped",
}


class TrajectoryScreen(BaseScreen[None]):
    """Een POP-traject: de contactmomenten als tijdlijn, de POP-cyclus en het tussentijds overleg."""

    CSS_PATH = "trajectory_page.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "back", _("Terug"), id="trajectory.back"),
        Binding("enter", "open_moment", _("Openen"), show=False, id="trajectory.open"),
        Binding("n", "new_moment", _("Extra contact"), id="trajectory.new_moment"),
        Binding("s", "change_status", _("Status"), id="trajectory.status"),
        Binding("o", "new_consultation", _("Overleg"), id="trajectory.consultation"),
        Binding("p", "pop", _("POP"), id="trajectory.pop"),
        Binding("m", "open_method", _("Methodiek"), id="trajectory.method"),
        Binding("delete", "remove_moment", _("Contactmoment verwijderen"), show=False, id="trajectory.remove"),
        Binding("w", "employee", _("Naar de werknemer"), show=False, id="trajectory.employee"),
        Binding("h", "plan_again", _("Opnieuw plannen"), show=False, id="trajectory.plan_again"),
        Binding("d", "print_pop", _("POP afdrukken"), show=False, id="trajectory.print_pop"),
        Binding("k", "print_consent", _("Toestemming afdrukken"), show=False, id="trajectory.print_consent"),
        Binding("i", "print_method", _("Ingevulde methodiek afdrukken"), show=False, id="trajectory.print_method"),
    ]

    def __init__(self, trajectory_id: str) -> None:
        super().__init__()
        self.trajectory_id = trajectory_id
        self.view: TrajectoryView | None = None
        self._cursor_placed = False

    @property
    def trajectory(self) -> Trajectory | None:
        return self.view.trajectory if self.view else None

    @property
    def moments(self) -> list[ContactMoment]:
        return self.view.moments if self.view else []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="trajectory-info", markup=False)
        yield Static("", id="cycle", markup=False)
        yield FittedTable(id="timeline", cursor_type="row", zebra_stripes=True)
        yield Static("", id="moment-detail", markup=False)
        with Vertical(id="consultations-box"):
            yield Static(
                _("Tussentijds overleg met de werkvloerbegeleider  (o: toevoegen)"),
                classes="section-title",
                markup=False,
            )
            yield OptionList(id="consultations")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#timeline", FittedTable)
        table.set_columns(
            [
                Column(_("Nr"), "number", 2),
                Column(_("Datum"), "date", 10),
                Column(_("Fase"), "phase", 10),
                Column(_("Status"), "status", 18),  # "✓ gehouden (groep)"; narrower when no moment says so
                Column(_("Methodieken"), "methods", 22, grow=True),
                Column(_("Daarna"), "between", 10, grow=True),
            ]
        )
        self.refresh_data()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            before = self.selected_moment()
            self.refresh_data()
            after = self.selected_moment()
            if (
                before is not None
                and after is not None
                and before.id == after.id
                and before.status is ContactMomentStatus.PLANNED
                and after.status is not ContactMomentStatus.PLANNED
            ):
                self._cursor_placed = False  # just recorded (or skipped): on to the moment due next
                self._fill_timeline()
                self._show_detail()

    # -- data --------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        self.view = trajectory_view(self.database, self.trajectory_id)
        if self.view is None:
            self.query_one("#trajectory-info", Static).update(_("Dit traject bestaat niet meer."))
            return
        self.title = _("POP-traject van {name}", name=self.view.employee_name)
        self.query_one("#trajectory-info", Static).update(self._info_text())
        self.query_one("#cycle", Static).update(self._cycle_text())
        self._fill_timeline()
        self._fill_consultations()
        self._show_detail()

    def _info_text(self) -> str:
        assert self.view is not None
        trajectory, coach = self.view.trajectory, self.view.coach
        first = _(
            "{status} · {variant} · reflectie {reflection} · intensiteit {intensity}",
            status=label(trajectory.status).upper(),
            variant=label(trajectory.variant),
            reflection=label(trajectory.reflection).lower(),
            intensity=label(trajectory.intensity).lower(),
        )
        dates = [_("coach {name}", name=coach.full_name if coach else _("niet gekozen"))]
        if trajectory.start_date:
            dates.append(_("gestart {date}", date=format_date(trajectory.start_date)))
        else:
            dates.append(_("nog niet gestart"))
        if trajectory.completion_date:
            dates.append(_("afgerond {date}", date=format_date(trajectory.completion_date)))
        if trajectory.previous_trajectory_id:
            dates.append(_("vervolg op een vorig POP"))
        lines = [first, " · ".join(dates)]
        if trajectory.stop_reason:
            lines.append(_("Gestopt: {reason}", reason=trajectory.stop_reason))
        return "\n".join(lines)

    def _cycle_text(self) -> Text:
        """ "POP-cyclus: ✓ Opstart → ▶ Analyse → · Planning …", without its title when that would not fit."""
        progress = trajectory_status.cycle_progress(self.moments, self.trajectory)
        text = Text()
        for index, item in enumerate(progress):
            if index:
                text.append(f" {mark('arrow')} ")
            style = "bold reverse" if item.state is PhaseState.CURRENT else ""
            text.append(f"{mark(PHASE_MARKS[item.state])} {label(item.phase)}", style=style)
        title = Text(_("POP-cyclus: "), style="bold")
        if title.cell_len + text.cell_len <= self.app.size.width - 2:
            return title + text
        return text

    def _fill_timeline(self) -> None:
        table = self.query_one("#timeline", DataTable)
        keep = table.cursor_row
        table.clear()
        today = clock.today()
        for moment in self.moments:
            status = f"{mark(STATUS_MARKS[moment.status])} {label(moment.status).lower()}"
            if moment.status is ContactMomentStatus.PLANNED and moment.date is not None and moment.date < today:
                status = f"{mark(STATUS_MARKS[moment.status])} " + _("te laat")
            elif moment.collective and moment.status is ContactMomentStatus.HELD:
                status += " " + _("(groep)")
            when = format_date(moment.date) if moment.date else "–"
            methods = ", ".join(method_name(kind) for kind in moment.methods) or "–"
            between = ", ".join(_between_label(step.kind.value, step.done) for step in moment.between_steps)
            table.add_row(
                str(moment.number),
                when,
                label(moment.phase),
                status,
                Text(methods),
                between or "–",
                key=moment.id,
            )
        if self.moments and not self._cursor_placed:
            # the first time: the cursor on the contact moment due next, so Enter records it
            due = [index for index, moment in enumerate(self.moments) if moment.status is ContactMomentStatus.PLANNED]
            keep = due[0] if due else len(self.moments) - 1
            self._cursor_placed = True
        if self.moments:
            table.move_cursor(row=min(keep, len(self.moments) - 1))
        self.query_one("#timeline", DataTable).display = bool(self.moments)

    def _fill_consultations(self) -> None:
        lines = self.view.consultations if self.view else []
        options = self.query_one("#consultations", OptionList)
        options.clear_options()
        for line in lines:
            consultation, supervisor = line.consultation, line.supervisor
            well = consultation.does_well.splitlines()[0] if consultation.does_well else "–"
            options.add_option(
                Option(
                    Text(
                        _(
                            "{date} · {who} · goed: {well}",
                            date=format_date(consultation.date) or "–",
                            who=supervisor.full_name if supervisor else _("begeleider"),
                            well=_short(well, 40),
                        )
                    ),
                    id=consultation.id,
                )
            )
        if not lines:
            options.add_option(
                Option(
                    _("Nog geen overleg. Druk o om het gesprek met de werkvloerbegeleider te noteren."),
                    id="none",
                    disabled=True,
                )
            )

    def selected_moment(self) -> ContactMoment | None:
        table = self.query_one("#timeline", DataTable)
        if not self.moments or table.cursor_row < 0 or table.cursor_row >= len(self.moments):
            return None
        return self.moments[table.cursor_row]

    @on(DataTable.RowHighlighted, "#timeline")
    def _show_detail(self) -> None:
        moment = self.selected_moment()
        detail = self.query_one("#moment-detail", Static)
        if moment is None:
            detail.update(_("Dit traject heeft nog geen contactmomenten. Druk n om er een toe te voegen."))
            return
        lines = [_("Doelen: {goals}", goals=" · ".join(content(goal) for goal in moment.goals) or "–")]
        if moment.status is ContactMomentStatus.SKIPPED and moment.skip_reason:
            lines.append(_("Overgeslagen: {reason}", reason=moment.skip_reason))
        elif moment.notes:
            lines.append(_("Notities: {notes}", notes=moment.notes.replace("\n", " ")))
        elif moment.status is ContactMomentStatus.PLANNED:
            lines.append(_("Enter registreert dit gesprek; m opent een methodiek."))
        detail.update("\n".join(lines))

    # -- actions -----------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#timeline")
    def action_open_moment(self) -> None:
        moment = self.selected_moment()
        if moment is not None:
            navigation.open_contact_moment(self.app, moment.employee_id, moment.id)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_employee(self) -> None:
        if self.trajectory is not None:
            navigation.open_employee(self.app, self.trajectory.employee_id)

    def action_pop(self) -> None:
        navigation.open_pop(self.app, self.trajectory_id)

    def action_print_pop(self) -> None:
        navigation.print_pop(self.app, self.trajectory_id)

    def action_print_consent(self) -> None:
        if self.trajectory is not None:
            navigation.print_consent(self.app, self.trajectory.employee_id, self.trajectory_id)

    @work
    async def action_print_method(self) -> None:
        """The trajectory's filled method records and supervisor consultations; the chosen one is printed on A4."""
        from poptui.screens.dialogs import ChooseDialog

        if self.trajectory is None:
            return
        records = method_records.records_of(self.database, self.trajectory)
        consultations = [line.consultation for line in self.view.consultations] if self.view else []
        if not records and not consultations:
            self.notify(_("Er is nog geen methodiek ingevuld in dit traject (m opent er een)."))
            return
        numbers = {moment.id: moment.number for moment in self.moments}
        options: list[tuple[Text, tuple[str, int]]] = []
        for index, record in enumerate(records):
            number = numbers.get(record.contact_moment_id or "")
            where = _("contactmoment {number}", number=number) if number is not None else _("traject")
            options.append(
                (Text(f"{method_name(record.kind)} · {format_date(record.date) or '–'} · {where}"), ("method", index))
            )
        for index, consultation in enumerate(consultations):
            day = format_date(consultation.date) or "–"
            options.append((Text(_("Tussentijds overleg · {date}", date=day)), ("consultation", index)))
        chosen = await self.app.push_screen_wait(
            ChooseDialog(_("Wat afdrukken uit het dossier: een methodiek of een overleg?"), options)
        )
        if chosen is None:
            return
        kind, index = chosen
        if kind == "method":
            navigation.print_method(self.app, records[index])
        else:
            navigation.print_consultation(self.app, consultations[index])

    def action_new_consultation(self) -> None:
        if self.trajectory is None:
            return
        from poptui.screens.consultation import SupervisorConsultationForm

        self.app.push_screen(SupervisorConsultationForm(self.trajectory.employee_id, self.trajectory.id))

    @on(OptionList.OptionSelected, "#consultations")
    def _open_consultation(self, event: OptionList.OptionSelected) -> None:
        if self.trajectory is None or not event.option.id or event.option.id == "none":
            return
        from poptui.screens.consultation import SupervisorConsultationForm

        self.app.push_screen(
            SupervisorConsultationForm(self.trajectory.employee_id, self.trajectory.id, event.option.id)
        )

    @work
    async def action_new_moment(self) -> None:
        from poptui.screens.dialogs import ChooseDialog

        trajectory = self.trajectory
        if trajectory is None:
            return
        after = self.selected_moment()
        phase = await self.app.push_screen_wait(
            ChooseDialog(
                _("Nieuw contactmoment na nummer {number}: welke fase?", number=after.number if after else 0)
                if after
                else _("Nieuw contactmoment: welke fase?"),
                choices(Phase),
            )
        )
        if phase is None:
            return
        try:
            new = contact_moments.add_planned_moment(self.database, trajectory, phase, after=after)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.refresh_data()
        self.query_one("#timeline", DataTable).move_cursor(row=new.number)
        self.notify(_("Contactmoment {number} toegevoegd. Enter opent het.", number=new.number))

    @work
    async def action_remove_moment(self) -> None:
        from poptui.screens.dialogs import ConfirmDialog

        moment = self.selected_moment()
        if moment is None:
            return
        if not await self.app.push_screen_wait(
            ConfirmDialog(
                _(
                    "Contactmoment {number} ({phase}) verwijderen uit het plan?",
                    number=moment.number,
                    phase=label(moment.phase),
                )
            )
        ):
            return
        try:
            contact_moments.remove_planned_moment(self.database, moment)
        except (StatusRefused, StoreError) as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.refresh_data()

    def action_plan_again(self) -> None:
        """A skipped contact moment goes back into the plan."""
        moment = self.selected_moment()
        if moment is None:
            return
        if moment.status is not ContactMomentStatus.SKIPPED:
            self.notify(_("Alleen een overgeslagen contactmoment kun je opnieuw plannen."))
            return
        try:
            contact_moments.plan_again(self.database, moment)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.notify(_("Contactmoment {number} staat weer gepland.", number=moment.number))
        self.refresh_data()

    @work
    async def action_open_method(self) -> None:
        from poptui.screens.dialogs import ChooseDialog

        moment = self.selected_moment()
        if moment is None or self.trajectory is None:
            return
        options = [(method_name(kind), kind.value) for kind in moment.methods]
        options += [
            (_("andere: {name}", name=method_name(entry.kind)), entry.kind.value)
            for entry in all_methods()
            if entry.kind not in moment.methods
        ]
        kind = await self.app.push_screen_wait(
            ChooseDialog(_("Welke methodiek voor contactmoment {number}?", number=moment.number), options)
        )
        if kind is not None:
            navigation.open_method(self.app, moment.employee_id, moment.trajectory_id, kind, moment.id)

    @work
    async def action_change_status(self) -> None:
        from poptui.screens.dialogs import ChooseDialog

        trajectory = self.trajectory
        if trajectory is None:
            return
        allowed = trajectory_status.allowed_changes(trajectory)
        if not allowed:
            self.notify(_("Dit traject is {status}: de status verandert niet meer.", status=label(trajectory.status)))
            return
        change = await self.app.push_screen_wait(
            ChooseDialog(
                _("Status van het traject (nu: {status})", status=label(trajectory.status)),
                [(trajectory_status.change_label(item), item) for item in allowed],
            )
        )
        if change is None:
            return
        await self._apply_change(trajectory, change)

    async def _apply_change(self, trajectory: Trajectory, change: StatusChange) -> None:
        from poptui.screens.dialogs import ConfirmDialog, MessageDialog
        from poptui.screens.widgets.choice_dialogs import ReasonDialog

        reason = ""
        if change is StatusChange.COMPLETE:
            question = _(
                "Het traject afronden op {date}? Dat betekent: het POP is opgemaakt.", date=format_date(clock.today())
            )
            if not await self.app.push_screen_wait(ConfirmDialog(question)):
                return
        elif change is StatusChange.STOP:
            typed = await self.app.push_screen_wait(
                ReasonDialog(_("Traject stoppen"), _("Waarom stopt het traject? (bijvoorbeeld: werknemer uit dienst)"))
            )
            if typed is None:
                return
            reason = typed
        try:
            changed = trajectory_status.change_status(self.database, trajectory, change, reason)
        except (StatusRefused, StoreError) as error:
            self.app.push_screen(MessageDialog(_("Dat kan niet"), str(error)))
            return
        self.refresh_data()
        self.notify(_("Het traject is nu {status}.", status=label(changed.status).lower()))


def _between_label(kind: str, done: bool) -> str:
    names = {"tussentijds_overleg": _("overleg"), "huiswerk": _("huiswerk"), "infosessie": _("infosessie")}
    return names.get(kind, _("andere")) + (" " + mark("done") if done else "")


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
