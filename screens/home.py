"""The home screen: what needs the coach's attention, and their trajectories."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from poptui.screens import navigation
from poptui.screens.base import BaseScreen, poptui_app
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option

from poptui import clock
from poptui.formatting import format_date, format_time, short_date
from poptui.i18n import _, _n
from poptui.labels import label
from poptui.services.attention import Attention, MomentFacts, attention_checked, attention_now
from poptui.services.trajectories import ready_for_new_trajectory

if TYPE_CHECKING:
    from poptui.models import Person


class HomeScreen(BaseScreen[None]):
    """Startscherm: wat aandacht vraagt en je lopende trajecten. Enter opent de gekozen regel."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar = [
        Binding("v", "next_moment", _("Volgend gesprek"), id="home.next_moment"),
        Binding("g", "agenda", _("Agenda"), id="home.agenda"),
        Binding("n", "new_trajectory", _("Nieuw traject"), id="home.new_trajectory"),
        Binding("w", "employees", _("Werknemers"), id="home.employees"),
        Binding("o", "organisations", _("Organisaties"), show=False, id="home.organisations"),
        Binding("b", "compliance", _("Wat ontbreekt"), show=False, id="home.compliance"),
        Binding("a", "toggle_all", _("Alle/mijn"), show=False, id="home.all"),
        Binding("c", "change_coach", _("Andere coach"), show=False, id="home.coach"),
        Binding("r", "refresh_data", _("Vernieuwen"), show=False, id="home.refresh"),
        Binding("t", "trainings", _("Opleidingen"), show=False, id="home.trainings"),
        Binding("m", "month_report", _("Maandrapport"), show=False, id="home.month_report"),
    ]

    show_all: reactive[bool] = reactive(False)
    attention: reactive[Attention | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="greeting", markup=False)
        with Vertical(id="attention-box"):
            yield Static(_("Aandacht"), classes="section-title", markup=False)
            yield OptionList(id="attention")
        with Vertical(id="trajectories-box"):
            yield Static(_("Mijn lopende trajecten"), classes="section-title", id="trajectories-title", markup=False)
            yield FittedTable(id="trajectories", cursor_type="row", zebra_stripes=True)
            yield Static("", id="trajectories-empty", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#trajectories", FittedTable)
        table.set_columns(
            [
                Column(_("Werknemer"), "employee", 18, grow=True),
                Column(_("Variant"), "variant", 12),
                Column(_("Status"), "status", 11),
                Column(_("Volgend contact"), "next", 29, grow=True),
            ]
        )
        self.refresh_data(check=True)
        if self.attention and not self._has_attention(self.attention):
            table.focus()

    def on_screen_resume(self) -> None:
        if self.returning:
            self.refresh_data()

    def refresh_data(self, check: bool = False) -> None:
        """Show the lists from the store's summaries (fast); with ``check`` (at start, and when they must be
        built first) a worker then compares them with the data files and fills in what changed."""
        coach_id = None if self.show_all else self.coach_id
        attention = attention_now(self.database, coach_id, clock.today())
        if attention is None:
            self.query_one("#greeting", Static).update(_("Even geduld: de lijsten worden opgebouwd..."))
            check = True
        elif attention != self.attention or self._drafts_notice() != self._shown_notice:
            self._show(attention)
        if check:  # after the first paint: a stat per dossier, in a thread that still shares the GIL with the paint
            self.call_after_refresh(self._check_summaries, coach_id)

    @work(thread=True, exclusive=True, group="home-check")
    def _check_summaries(self, coach_id: str | None) -> None:
        attention = attention_checked(self.database, coach_id, clock.today())
        self.app.call_from_thread(self._checked, coach_id, attention)

    def _checked(self, coach_id: str | None, attention: Attention) -> None:
        if coach_id == (None if self.show_all else self.coach_id) and attention != self.attention:
            self._show(attention)

    def watch_show_all(self) -> None:
        if self.is_mounted:
            self.refresh_data()

    @staticmethod
    def _has_attention(attention: Attention) -> bool:
        return bool(attention.overdue_moments or attention.pops_ready or attention.late_actions)

    def _show(self, attention: Attention) -> None:
        self.set_reactive(HomeScreen.attention, attention)
        coach = self.coach
        who = coach.first_name if coach and not self.show_all else None
        greeting = _("Dag {name}.", name=who) if who else _("Alle coaches.")
        greeting += " " + _n("{count} lopend traject.", "{count} lopende trajecten.", len(attention.my_trajectories))
        self.query_one("#greeting", Static).update(greeting)
        self.query_one("#trajectories-title", Static).update(
            _("Alle lopende trajecten") if self.show_all or coach is None else _("Mijn lopende trajecten")
        )
        self._fill_attention(attention)
        self._fill_trajectories(attention)

    _shown_notice = ""

    def _drafts_notice(self) -> str:
        from poptui.screens.drafts_screen import drafts_notice

        return drafts_notice(self.database)

    def _fill_attention(self, attention: Attention) -> None:
        options: list[Option] = []
        notice = self._shown_notice = self._drafts_notice()
        if notice:  # typed but never saved (a crash or a dropped connection): offer it back first
            options.append(Option(Text(notice), id=f"{len(options)}|drafts:"))
        for item in attention.overdue_moments:  # ids carry a counter: one trajectory can appear twice
            options.append(
                Option(
                    Text(
                        _(
                            "Contactmoment {number} van {name} was gepland op {date} en is nog niet geregistreerd.",
                            number=item.moment.number,
                            name=item.employee.full_name,
                            date=format_date(item.moment.date),
                        )
                    ),
                    id=f"{len(options)}|moment:{item.employee.id}:{item.moment.id}",
                )
            )
        for trajectory, employee in attention.pops_ready:
            options.append(
                Option(
                    Text(_("Het POP van {name} is klaar om definitief te maken.", name=employee.full_name)),
                    id=f"{len(options)}|trajectory:{trajectory.id}",
                )
            )
        for late in attention.late_actions:
            options.append(
                Option(
                    Text(
                        _(
                            "Actie van {name} over tijd ({date}): {what}",
                            name=late.employee.full_name,
                            date=format_date(late.action.deadline),
                            what=late.action.what,
                        )
                    ),
                    id=f"{len(options)}|trajectory:{late.trajectory.id}",
                )
            )
        attention_list = self.query_one("#attention", OptionList)
        attention_list.clear_options()
        if options:
            attention_list.add_options(options)
            attention_list.highlighted = 0  # Enter opens the first item at once
        else:
            attention_list.add_option(Option(_("Niets dringends. Goed bezig!"), id="none", disabled=True))

    def _fill_trajectories(self, attention: Attention) -> None:
        table = self.query_one("#trajectories", FittedTable)
        table.clear()
        today = clock.today()
        overdue: dict[str, MomentFacts] = {}
        for item in attention.overdue_moments:  # sorted by date: the first one per trajectory is the oldest
            overdue.setdefault(item.trajectory.id, item.moment)
        for line in attention.my_trajectories:
            moment = overdue.get(line.trajectory.id, line.next_moment)
            next_text = "–"
            if moment is not None and moment.date is not None:
                next_text = _("nr {number} · {date}", number=moment.number, date=short_date(moment.date, today))
                if moment.start_time:
                    next_text += " " + format_time(moment.start_time)
                if moment.date < today:
                    next_text += " " + _("(te laat)")
            elif moment is not None:
                next_text = _("nr {number}, nog te plannen", number=moment.number)
            table.add_row(
                Text(line.employee.full_name),
                label(line.trajectory.variant),
                f"{label(line.trajectory.status)} {line.held}/{line.planned}",
                next_text,
                key=line.trajectory.id,
            )
        if attention.overdue_moments and attention.overdue_moments[0].trajectory.id in table.rows:
            # the cursor starts on the trajectory whose contact moment is due first
            table.move_cursor(row=table.get_row_index(attention.overdue_moments[0].trajectory.id), animate=False)
        empty = self.query_one("#trajectories-empty", Static)
        table.display = bool(attention.my_trajectories)
        empty.display = not attention.my_trajectories
        if not attention.my_trajectories:
            empty.update(
                _("Nog geen lopende trajecten. Druk n om een POP-traject te starten voor een werknemer.")
                if attention.has_employees
                else _(
                    "Er zijn nog geen werknemers. Druk o om een organisatie te openen en voeg er werknemers aan toe; "
                    "daarna start je met n een POP-traject."
                )
            )

    @on(OptionList.OptionSelected, "#attention")
    def _open_attention(self, event: OptionList.OptionSelected) -> None:
        target = (event.option.id or "").partition("|")[2]
        kind, _sep, rest = target.partition(":")
        if kind == "moment":
            employee_id, moment_id = rest.split(":")
            navigation.open_contact_moment(self.app, employee_id, moment_id)
        elif kind == "trajectory":
            navigation.open_trajectory(self.app, rest)
        elif kind == "drafts":
            from poptui.screens.drafts_screen import DraftsScreen

            self.app.push_screen(DraftsScreen())

    @on(DataTable.RowSelected, "#trajectories")
    def _open_trajectory(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            navigation.open_trajectory(self.app, event.row_key.value)

    @work
    async def action_new_trajectory(self) -> None:
        """Choose an employee without a running trajectory; one with a finished POP gets a follow-up."""
        from poptui.screens.dialogs import ChooseDialog

        poptui_app(self.app).clear_hints()  # "Klaar: ... Druk n": done, and it would cover the dialog
        options: list[tuple[str | Text, tuple[str, str | None]]] = []
        for employee, previous in ready_for_new_trajectory(self.database):
            text = employee.full_name + (" " + _("(vervolg-POP)") if previous else "")
            options.append((Text(text), (employee.id, previous.id if previous else None)))
        if not options:
            self.notify(
                _(
                    "Elke werknemer heeft al een lopend traject, of er zijn nog geen werknemers. "
                    "Voeg werknemers toe via Organisaties (o) of Werknemers (w)."
                ),
                timeout=8,
            )
            return
        chosen = await self.app.push_screen_wait(
            ChooseDialog(
                _("Nieuw POP-traject: voor welke werknemer?"),
                options,
                hint=_("Alleen werknemers zonder lopend traject. Pijltjes en Enter kiezen, Esc annuleert."),
            )
        )
        if chosen is not None:
            employee_id, previous_id = chosen
            navigation.new_trajectory(self.app, employee_id, previous_id)

    def action_employees(self) -> None:
        navigation.open_employees(self.app)

    def action_next_moment(self) -> None:
        """Open the contact moment due first (the oldest overdue one, else the next one planned)."""
        coach_id = None if self.show_all else self.coach_id
        if not navigation.open_next_moment(self.app, coach_id):
            self.notify(_("Er staat geen contactmoment met een datum gepland. De agenda (g) toont wat komt."))

    def action_agenda(self) -> None:
        navigation.open_agenda(self.app)

    def action_organisations(self) -> None:
        navigation.open_organisations(self.app)

    def action_toggle_all(self) -> None:
        self.show_all = not self.show_all

    def action_change_coach(self) -> None:
        from poptui.screens.coach_select import CoachSelectScreen

        def chosen(coach: Person | None) -> None:
            if coach is not None:
                poptui_app(self.app).set_coach(coach)

        self.app.push_screen(CoachSelectScreen(), chosen)

    def action_refresh_data(self) -> None:
        self.refresh_data()

    def action_trainings(self) -> None:
        navigation.open_trainings(self.app)

    def action_month_report(self) -> None:
        navigation.open_month_report(self.app)

    def action_compliance(self) -> None:
        navigation.open_compliance(self.app)
