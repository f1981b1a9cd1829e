"""Growth over time (§2.2.2): per competence of the employee, a bar per measurement for the
employee's own rating, the coach's and the supervisor's, and how much each grew since the first."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseScreen
from poptui.screens.widgets.footer import KeyFooter
from poptui.screens.widgets.rating_bar import bar, plain_terminal
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import lower_label
from poptui.services import competences, employees
from poptui.services.competence_growth import CompetenceGrowth, GrowthView, growth_view
from poptui.services.competence_pitfalls import Rater

RATERS = ((Rater.SELF, "Z"), (Rater.COACH, "C"), (Rater.SUPERVISOR, "W"))


def _change_text(value: int | None) -> str:
    if value is None:
        return ""
    return f"+{value}" if value > 0 else (str(value) if value < 0 else "=")


def growth_text(view: GrowthView, *, plain: bool = False) -> Text:
    """The chart as text: per competence a heading with the change per rater, then one line per
    measurement with a bar per rater (stored names are added as plain text, never markup)."""
    text = Text()
    for index, item in enumerate(view.competences):
        if index:
            text.append("\n\n")
        _heading(text, item)
        for point in item.points:
            text.append("\n  " + (format_date(point.day) or "?").ljust(10))
            for rater, letter in RATERS:
                value = point.value(rater)
                text.append(f"  {letter} ")
                text.append(bar(value, point.levels, plain=plain), style="bold" if value is not None else "dim")
                text.append(f" {value if value is not None else '-'}")
    return text


def _heading(text: Text, item: CompetenceGrowth) -> None:
    text.append(item.name, style="bold")
    text.append(f" ({lower_label(item.kind)})")
    changes = [f"{letter} {change}" for rater, letter in RATERS if (change := _change_text(item.change(rater)))]
    if changes:
        text.append("   " + _("sinds de eerste meting: {changes}", changes=", ".join(changes)))


class CompetenceGrowthScreen(BaseScreen[None]):
    """Groei: per competentie een balk per meting (Z zelf, C coach, W werkvloerbegeleider)."""

    CSS_PATH = "competence_growth.tcss"
    BINDINGS: ClassVar = [Binding("escape", "app.pop_screen", _("Terug"), id="growth.back")]

    def __init__(self, employee_id: str) -> None:
        super().__init__()
        self.employee_id = employee_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="growth-legend", markup=False)
        with VerticalScroll(id="growth-scroll"):
            yield Static("", id="growth-chart", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        employee = employees.get_employee(self.database, self.employee_id)
        view = growth_view(self.database, employee)
        self.title = _("Groei van de competenties")
        self.sub_title = employee.full_name
        dates = ", ".join(format_date(record.date) or "?" for record in view.measurements)
        if not view.measurements:
            legend = _("Nog geen competentiemeting met inschattingen voor {name}.", name=employee.full_name)
        else:
            legend = _(
                "{count} meting(en): {dates}. Z = zelf, C = coach, W = werkvloerbegeleider. Schaal: {scale}.",
                count=len(view.measurements),
                dates=dates,
                scale=competences.scale_labels(view.scale),
            )
        self.query_one("#growth-legend", Static).update(legend)
        self.query_one("#growth-chart", Static).update(growth_text(view, plain=plain_terminal()))
        self.query_one("#growth-scroll", VerticalScroll).focus()
