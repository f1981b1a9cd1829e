"""New trajectory, step 1 of 2: reflection ability and intensity, and the variant poptui proposes.

Step 2 (the contact-moment plan) is :class:`poptui.screens.trajectory_plan.PlanScreen`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from poptui.screens import navigation
from poptui.screens.base import BaseScreen
from poptui.screens.plain_terminal import mark
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.select import Select
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from poptui.catalog import load_catalog
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import content, label
from poptui.models import Employee, Level, Phase, Trajectory, VariantId
from poptui.services import contact_moments
from poptui.services.employees import get_employee
from poptui.services.trajectories import PlannedMoment, get_trajectory, propose_plan
from poptui.services.variants import VariantProposal, propose_variant

FOLLOW_UP_GOAL = "Evaluatie van de acties van het vorige POP"


@dataclass
class WizardChoice:
    """What the coach chose so far; the plans per variant keep their edits when the coach goes back."""

    employee: Employee
    reflection: Level
    intensity: Level
    variant: VariantId
    previous: Trajectory | None = None
    plans: dict[VariantId, list[PlannedMoment]] = field(default_factory=dict)

    def plan(self) -> list[PlannedMoment]:
        if self.variant not in self.plans:
            plan = propose_plan(self.variant)
            if self.previous is not None and plan and plan[0].phase is Phase.OPSTART:
                plan[0].goals.insert(0, _(FOLLOW_UP_GOAL))
            self.plans[self.variant] = plan
        return self.plans[self.variant]


class LevelChoice(OptionList):
    """Laag / gemiddeld / hoog: the highlighted line is the choice, marked (•) so it shows without colour."""

    def __init__(self, value: Level, *, id: str) -> None:
        super().__init__(*(Option(self._prompt(level, level is value), id=level.value) for level in Level), id=id)
        self.value = value

    @staticmethod
    def _prompt(level: Level, chosen: bool) -> str:
        return f"({mark('chosen') if chosen else ' '}) {label(level)}"

    def on_mount(self) -> None:
        self.highlighted = list(Level).index(self.value)

    @on(OptionList.OptionHighlighted)
    def _choose(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is None:
            return
        self.value = Level(event.option.id)
        for index, level in enumerate(Level):
            self.replace_option_prompt_at_index(index, self._prompt(level, level is self.value))


class LevelHelp(VerticalScroll, can_focus=False):
    """The explanation under a level choice; not a Tab stop (i shows all of §4.5 in a dialog)."""


class NewTrajectoryScreen(BaseScreen[None]):
    """Nieuw POP-traject, stap 1: kies reflectievermogen en intensiteit; poptui stelt de variant voor."""

    CSS_PATH = "trajectory_wizard.tcss"
    BINDINGS: ClassVar = [
        Binding("v,f3", "next_step", _("Verder: het plan"), id="wizard.next"),
        Binding("i", "explain", _("Uitleg varianten"), id="wizard.explain"),
        Binding("escape", "leave", _("Terug"), id="wizard.leave"),
    ]

    def __init__(self, employee_id: str, previous_trajectory_id: str | None = None) -> None:
        super().__init__()
        self.employee_id = employee_id
        self.previous_trajectory_id = previous_trajectory_id
        self.choice: WizardChoice | None = None
        self.variant_chosen_by_hand = False
        self.changed = False

    def _load(self) -> WizardChoice:
        if self.choice is None:
            database = self.database
            employee = get_employee(database, self.employee_id)
            previous = get_trajectory(database, self.previous_trajectory_id) if self.previous_trajectory_id else None
            reflection = employee.reflection or (previous.reflection if previous else Level.MEDIUM)
            intensity = previous.intensity if previous else Level.MEDIUM
            self.choice = WizardChoice(
                employee, reflection, intensity, propose_variant(reflection, intensity).variant, previous
            )
        return self.choice

    def compose(self) -> ComposeResult:
        choice = self._load()
        levels = load_catalog().levels
        yield Header()
        yield Static(self._intro(), id="wizard-intro", markup=False)
        with Horizontal(id="levels"):
            with Vertical(classes="level-column"):
                yield Static(_("Reflectievermogen"), classes="section-title", markup=False)
                yield LevelChoice(choice.reflection, id="reflection")
                with LevelHelp(classes="level-help"):
                    yield Static("", id="reflection-help", markup=False)
                    yield Static(content(levels.reflection_explanation), classes="muted", markup=False)
            with Vertical(classes="level-column"):
                yield Static(_("Intensiteit"), classes="section-title", markup=False)
                yield LevelChoice(choice.intensity, id="intensity")
                with LevelHelp(classes="level-help"):
                    yield Static("", id="intensity-help", markup=False)
                    yield Static(content(levels.intensity_explanation), classes="muted", markup=False)
        yield Static("", id="proposal", markup=False)
        with Horizontal(id="variant-row"):
            yield Static(_("Variant:"), id="variant-label", markup=False)
            yield Select(
                [(self._variant_label(v), v) for v in load_catalog().variants],
                value=choice.variant,
                allow_blank=False,
                compact=True,
                id="variant",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = _("Nieuw POP-traject (stap 1 van 2)")
        self._update()
        self.query_one("#reflection", LevelChoice).focus()

    def _intro(self) -> str:
        choice = self._load()
        lines = [
            _(
                "Voor {name}. Kies met de pijltjes; Tab gaat naar de volgende keuze. v gaat verder naar het plan.",
                name=choice.employee.full_name,
            )
        ]
        previous = choice.previous
        if previous is not None:
            lines.append(
                _(
                    "Vervolg op het POP-traject ({variant}) van {start} tot {end}. Het eerste gesprek begint "
                    "met de evaluatie van de acties van dat POP.",
                    variant=label(previous.variant),
                    start=format_date(previous.start_date) or "?",
                    end=format_date(previous.completion_date) or "?",
                )
            )
        running = contact_moments.open_trajectory(self.database, choice.employee.id)
        if running is not None and running.id != self.previous_trajectory_id:
            lines.append(
                _(
                    "Let op: {name} heeft al een lopend traject ({status}). Rond het eerst af of stop het.",
                    name=choice.employee.first_name,
                    status=label(running.status).lower(),
                )
            )
        return "\n".join(lines)

    @staticmethod
    def _variant_label(variant: VariantId) -> str:
        info = load_catalog().variants[variant]
        return _(
            "{name} (reflectie {reflection}, intensiteit {intensity}, opstart + {count})",
            name=info.name,
            reflection=label(info.reflection).lower(),
            intensity=label(info.intensity).lower(),
            count=info.moments_after_opstart,
        )

    def proposal(self) -> VariantProposal:
        choice = self._load()
        return propose_variant(choice.reflection, choice.intensity)

    def _update(self) -> None:
        choice = self._load()
        levels = load_catalog().levels
        self.query_one("#reflection-help", Static).update(content(levels.reflection_levels[choice.reflection]))
        self.query_one("#intensity-help", Static).update(content(levels.intensity_levels[choice.intensity]))
        proposal = self.proposal()
        text = Text(_("Voorstel: "), style="bold")
        text.append(label(proposal.variant), style="bold")
        text.append(("  " if proposal.exact else _("  (geen exacte match)  ")) + proposal.explanation)
        if choice.variant is not proposal.variant:
            text.append("\n" + _("Je koos zelf {name}.", name=label(choice.variant)), style="bold")
        self.query_one("#proposal", Static).update(text)

    @on(OptionList.OptionHighlighted)
    def _level_changed(self, event: OptionList.OptionHighlighted) -> None:
        choice = self._load()
        reflection = self.query_one("#reflection", LevelChoice).value
        intensity = self.query_one("#intensity", LevelChoice).value
        if (reflection, intensity) == (choice.reflection, choice.intensity):
            return
        choice.reflection, choice.intensity = reflection, intensity
        self.changed = True
        if not self.variant_chosen_by_hand:
            self.query_one("#variant", Select).value = self.proposal().variant
        self._update()

    @on(Select.Changed, "#variant")
    def _variant_changed(self, event: Select.Changed) -> None:
        choice = self._load()
        if event.value is Select.NULL or event.value == choice.variant:
            return
        choice.variant = VariantId(str(event.value))
        self.variant_chosen_by_hand = event.value != self.proposal().variant
        self.changed = True
        self._update()

    def action_next_step(self) -> None:
        from poptui.screens.trajectory_plan import PlanScreen

        self.app.push_screen(PlanScreen(self._load()), self._plan_done)

    def _plan_done(self, trajectory_id: str | None) -> None:
        if trajectory_id:
            self.dismiss(None)
            navigation.open_trajectory(self.app, trajectory_id)

    def action_explain(self) -> None:
        from poptui.screens.dialogs import MessageDialog

        catalog = load_catalog()
        lines = [
            content(catalog.levels.intro),
            "",
            content(catalog.levels.reflection_explanation),
            "",
            content(catalog.levels.intensity_explanation),
            "",
        ]
        for variant in catalog.variants.values():
            lines.append(
                _(
                    "{name} – reflectie {reflection}, intensiteit {intensity}, {count} contactmomenten na de "
                    "opstart. {description}",
                    name=content(variant.name),
                    reflection=label(variant.reflection).lower(),
                    intensity=label(variant.intensity).lower(),
                    count=variant.moments_after_opstart,
                    description=content(variant.description),
                )
            )
        self.app.push_screen(MessageDialog(_("De varianten (§4.5)"), "\n".join(lines)))

    @work
    async def action_leave(self) -> None:
        from poptui.screens.dialogs import ConfirmDialog

        if self.changed or self._load().plans:
            if not await self.app.push_screen_wait(
                ConfirmDialog(_("Stoppen zonder het traject te starten? Je keuzes worden niet bewaard."))
            ):
                return
        self.dismiss(None)
