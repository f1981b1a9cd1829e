"""New trajectory, step 2 of 2: the contact-moment plan of the chosen variant, editable, then start."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.plain_terminal import mark
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.text_input import Input
from pydantic import TypeAdapter, ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Header, Label, Static

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.labels import choices, content, label
from poptui.methods_registry import method_name
from poptui.models import MethodKind, Phase
from poptui.models.base import OptionalDay
from poptui.models.errors import field_errors
from poptui.services import StoreError
from poptui.services.trajectories import PlannedMoment, renumber, start_trajectory

if TYPE_CHECKING:
    from poptui.screens.trajectory_wizard import WizardChoice

_START_DATE = TypeAdapter(OptionalDay)


class PlanScreen(BaseScreen[str | None]):
    """Nieuw POP-traject, stap 2: het plan van contactmomenten. Pas aan wat nodig is en start met Ctrl+S."""

    CSS_PATH = "trajectory_wizard.tcss"
    BINDINGS: ClassVar = [
        Binding("ctrl+s,f2", "start", _("Start traject"), priority=True, id="plan.start"),
        Binding("a", "add", _("Toevoegen"), id="plan.add"),
        Binding("delete,x", "remove", _("Verwijderen"), id="plan.remove"),
        Binding("m", "methods", _("Methodieken"), id="plan.methods"),
        Binding("f", "phase", _("Fase"), id="plan.phase"),
        Binding("escape", "back", _("Terug"), id="plan.back"),
    ]

    def __init__(self, choice: WizardChoice) -> None:
        super().__init__()
        self.choice = choice

    @property
    def plan(self) -> list[PlannedMoment]:
        return self.choice.plan()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="plan-intro", markup=False)
        yield FittedTable(id="plan", cursor_type="row", zebra_stripes=True)
        yield Static("", id="plan-detail", markup=False)
        with Horizontal(id="start-row"):
            yield Label(_("Startdatum"), id="start-label", markup=False)
            yield Input(compact=True, placeholder=_("dd/mm/jjjj"), id="start-date")
        yield Static(
            _("Leeg laten: het traject start vanzelf bij het eerste gehouden gesprek."), id="start-help", markup=False
        )
        yield Static("", id="start-error", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Nieuw POP-traject (stap 2 van 2)")
        table = self.query_one("#plan", FittedTable)
        table.set_columns(
            [
                Column(_("Nr"), "number", 2),
                Column(_("Fase"), "phase", 9),
                Column(_("Doelen"), "goals", 28, grow=True),
                Column(_("Methodieken"), "methods", 29, grow=True),
            ]
        )
        self._fill()
        table.focus()

    # -- showing -----------------------------------------------------------------------------

    def _fill(self, select: int | None = None) -> None:
        renumber(self.plan)
        variant = load_catalog().variants[self.choice.variant]
        self.query_one("#plan-intro", Static).update(
            _(
                "{variant} voor {name}: {count} contactmomenten (0 = opstart). a: toevoegen · x: verwijderen · "
                "m: methodieken · f: fase · Ctrl+S: start.",
                variant=content(variant.name),
                name=self.choice.employee.full_name,
                count=len(self.plan),
            )
        )
        table = self.query_one("#plan", DataTable)
        keep = self.selected_index() if select is None else select
        table.clear()
        self._row_moment: list[int] = []
        for index, moment in enumerate(self.plan):
            methods = ", ".join(method_name(kind) for kind in moment.methods) or "–"
            table.add_row(
                str(moment.number),
                label(moment.phase),
                Text(" · ".join(content(goal) for goal in moment.goals) or "–"),
                Text(methods),
                key=f"m{index}",
            )
            self._row_moment.append(index)
            for number, step in enumerate(moment.between_steps):
                table.add_row(
                    "",
                    "",
                    mark("step") + " " + label(step.kind),
                    Text(content(step.description)),
                    key=f"s{index}-{number}",
                )
                self._row_moment.append(index)
        if self.plan:
            target = min(keep or 0, len(self.plan) - 1)
            table.move_cursor(row=self._row_moment.index(target))
        self._show_detail()

    def selected_index(self) -> int | None:
        table = self.query_one("#plan", DataTable)
        rows = getattr(self, "_row_moment", [])
        if not rows or not 0 <= table.cursor_row < len(rows):
            return None
        return rows[table.cursor_row]

    @on(DataTable.RowHighlighted, "#plan")
    def _show_detail(self) -> None:
        index = self.selected_index()
        detail = self.query_one("#plan-detail", Static)
        if index is None:
            detail.update(_("Het plan is leeg. Druk a om een contactmoment toe te voegen."))
            return
        moment = self.plan[index]
        text = content(moment.description) or _("Contactmoment dat je zelf toevoegde.")
        for step in moment.between_steps:
            text += "\n" + _(
                "Daarna: {kind} – {description}", kind=label(step.kind), description=content(step.description)
            )
        detail.update(text)

    # -- editing -----------------------------------------------------------------------------

    @work
    async def action_add(self) -> None:
        from poptui.screens.dialogs import ChooseDialog

        index = self.selected_index()
        phase = await self.app.push_screen_wait(ChooseDialog(_("Nieuw contactmoment: welke fase?"), choices(Phase)))
        if phase is None:
            return
        position = len(self.plan) if index is None else index + 1
        self.plan.insert(position, PlannedMoment(number=position, phase=phase))
        self.choice.plans[self.choice.variant] = self.plan
        self._fill(select=position)
        self.notify(_("Contactmoment toegevoegd. Druk m om er methodieken bij te kiezen."))

    @work
    async def action_remove(self) -> None:
        from poptui.screens.dialogs import ConfirmDialog

        index = self.selected_index()
        if index is None:
            return
        moment = self.plan[index]
        if not await self.app.push_screen_wait(
            ConfirmDialog(
                _(
                    "Contactmoment {number} ({phase}) uit het plan halen?",
                    number=moment.number,
                    phase=label(moment.phase).lower(),
                )
            )
        ):
            return
        del self.plan[index]
        self._fill(select=max(0, index - 1))

    @work
    async def action_methods(self) -> None:
        from poptui.screens.widgets.choice_dialogs import ChecklistDialog

        index = self.selected_index()
        if index is None:
            return
        moment = self.plan[index]
        items = [(_method_label(kind, moment.phase), kind, kind in moment.methods) for kind in _ordered_methods(moment)]
        chosen = await self.app.push_screen_wait(
            ChecklistDialog(
                _(
                    "Methodieken voor contactmoment {number} ({phase})",
                    number=moment.number,
                    phase=label(moment.phase).lower(),
                ),
                items,
            )
        )
        if chosen is not None:
            moment.methods = list(chosen)
            self._fill(select=index)

    @work
    async def action_phase(self) -> None:
        from poptui.screens.dialogs import ChooseDialog

        index = self.selected_index()
        if index is None:
            return
        phase = await self.app.push_screen_wait(
            ChooseDialog(_("Fase van contactmoment {number}", number=self.plan[index].number), choices(Phase))
        )
        if phase is not None:
            self.plan[index].phase = phase
            self._fill(select=index)

    # -- starting ----------------------------------------------------------------------------

    def action_start(self) -> None:
        error_line = self.query_one("#start-error", Static)
        if not self.plan:
            error_line.update(_("Het plan heeft geen contactmomenten. Druk a om er een toe te voegen."))
            return
        try:
            start_date = _START_DATE.validate_python(self.query_one("#start-date", Input).value)
        except ValidationError as error:
            error_line.update(_("Startdatum: {message}", message=field_errors(error)[0].message))
            self.query_one("#start-date", Input).focus()
            return
        choice = self.choice
        try:
            trajectory, _moments = start_trajectory(
                self.database,
                choice.employee,
                variant=choice.variant,
                reflection=choice.reflection,
                intensity=choice.intensity,
                plan=self.plan,
                coach_id=self.coach_id,
                start_date=start_date,
                previous_trajectory_id=choice.previous.id if choice.previous else None,
            )
        except (ValidationError, StoreError) as error:
            error_line.update(str(error))
            return
        self.notify(
            _(
                "Het traject van {name} is aangemaakt met {count} contactmomenten.",
                name=choice.employee.full_name,
                count=len(self.plan),
            )
        )
        self.dismiss(trajectory.id)

    def action_back(self) -> None:
        self.dismiss(None)


def _ordered_methods(moment: PlannedMoment) -> list[MethodKind]:
    """The moment's methods first, then those that suit its phase, then the rest (by name)."""
    guides = load_catalog().methods
    return sorted(
        guides,
        key=lambda kind: (
            kind not in moment.methods,
            moment.phase not in guides[kind].phases,
            guides[kind].name.lower(),
        ),
    )


def _method_label(kind: MethodKind, phase: Phase) -> str:
    guide = load_catalog().methods[kind]
    suits = phase in guide.phases
    return f"{guide.name} (§{guide.section})" + ("" if suits else " – " + _("andere fase"))
