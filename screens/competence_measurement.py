"""Competentiemeting (§5.6): per competence the definition and behaviour indicators, the employee's
own rating, the coach's and the supervisor's side by side, where the employee wants to be and a
remark; the differences of two levels or more marked; the rater pitfalls as gentle warnings."""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.method_screen import MethodScreen, MethodStep
from poptui.screens.widgets.fitted_table import Column, FittedTable
from poptui.screens.widgets.footer import KeyFooter
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import lower_label
from poptui.models import CompetenceKind, CompetentiemetingRecord, Employee, PopStatus, SummaryPart
from poptui.services import competence_measurement as measurement
from poptui.services import competences, employees
from poptui.services.competence_measurement import MeasurementView, RatingField, RatingLine
from poptui.services.competence_pitfalls import all_pitfalls_text, rater_name

RATING_COLUMNS: dict[int, RatingField] = {3: "self_rating", 4: "coach", 5: "supervisor", 6: "desired"}
"""Table column -> the rating it holds (0 name, 1 kind, 2 expected, 7 talk mark, 8 remark)."""
REMARK_COLUMN = 8


def _level(value: int | None) -> str:
    return "-" if value is None else str(value)


def _kind_letter(kind: CompetenceKind) -> str:
    return {CompetenceKind.GENERIC: "G", CompetenceKind.TECHNICAL: "T"}.get(kind, "-")


class CompetenceMeasurementScreen(MethodScreen):
    """Competentiemeting: 1-9 schaalt de cel (Zelf, Coach, Werkv., Wil), o opmerking, p profiel,
    c competenties kiezen, b alleen bespreekpunten, v valkuilen, h groei, a actie op deze competentie;
    F4 een conclusie over de competentie voor het POP, F5 afdrukken."""

    CSS_PATH = "competence_measurement.tcss"
    BINDINGS: ClassVar = [
        Binding("1", "rate(1)", _("Inschatten"), key_display="1-9", id="measurement.rate1"),
        *(
            Binding(str(level), f"rate({level})", _("Inschatten"), show=False, id=f"measurement.rate{level}")
            for level in range(2, 10)
        ),
        Binding("0,backspace", "rate(0)", _("Wissen"), show=False, id="measurement.clear"),
        Binding("o", "remark", _("Opmerking"), show=False, id="measurement.remark"),
        Binding("p", "profile", _("Profiel"), show=False, id="measurement.profile"),
        Binding("c", "choose", _("Competenties"), show=False, id="measurement.choose"),
        Binding("v", "pitfalls", _("Valkuilen"), id="measurement.pitfalls"),
        Binding("b", "talk_only", _("Bespreekpunten"), id="measurement.talk"),
        Binding("h", "growth", _("Groei"), id="measurement.growth"),
        Binding("a", "action", _("Actie"), show=False, id="measurement.action"),
        Binding("n", "notes", _("Notities"), show=False, id="measurement.notes"),
    ]
    LETTER_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"rate", "remark", "profile", "choose", "talk_only", "pitfalls", "growth", "action", "notes"}
    )
    record: CompetentiemetingRecord
    _view: MeasurementView
    _employee: Employee | None = None
    _warned: set[tuple[str, Any]] | None = None
    """The pitfalls shown so far (None until the screen first showed the record)."""
    talk_only: bool = False
    """Show only the competences where the employee and another rater differ by two levels or more."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="measurement-profile", markup=False)
        yield FittedTable(id="measurement-table", cursor_type="cell", zebra_stripes=True)
        yield Static("", id="measurement-detail", markup=False)
        yield Static("", id="measurement-warnings", markup=False)
        yield KeyFooter()

    def after_load(self) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=0, column=3)
        table.focus()

    # -- showing ---------------------------------------------------------------------------

    def employee(self) -> Employee:
        """The employee, read once (every rating redraws the screen)."""
        if self._employee is None:
            self._employee = employees.get_employee(self.database, self.employee_id)
        return self._employee

    def view(self) -> MeasurementView:
        return measurement.measurement_view(self.database, self.record, self.employee())

    def redraw(self) -> None:
        if not self.record.ratings:
            self.record = measurement.prepared(self.database, self.record, self.employee())
        view = self.view()
        self._view = view
        table = self.query_one(FittedTable)
        row, column = table.cursor_coordinate
        current = self.current_key() if table.row_count else None
        table.clear(columns=True)
        table.set_columns(
            [
                Column(_("Competentie"), "competence", 20, grow=True),
                Column(_("S"), "star", 1),
                Column(_("Vw"), "indicators", 2),
                Column(_("Zelf"), "self", 4),
                Column(_("Coach"), "coach", 5),
                Column(_("Werkv"), "supervisor", 5),
                Column(_("Wil"), "wants", 3),
                Column("!!", "talk", 2),
                Column(_("Opmerking"), "remark", 18, grow=True),
            ]
        )
        for line in self._lines(view):
            rating = line.rating
            talk = bool(line.talk)
            supervisor = _level(line.supervisor) + ("*" if line.from_consultation else "")
            table.add_row(
                Text(rating.name, style="bold" if talk else ""),
                _kind_letter(rating.kind),
                _level(rating.expected),
                _level(rating.self_rating),
                _level(rating.coach),
                supervisor,
                _level(rating.desired),
                Text("!!", style="bold") if talk else "",
                Text(" ".join(rating.remark.split())),
                key=rating.competence_id,
            )
        if table.row_count:
            keys = [line.rating.competence_id for line in self._lines(view)]
            target = keys.index(current) if current in keys else min(row, table.row_count - 1)
            table.move_cursor(row=target, column=column)
        self._show_heading(view)
        self._show_detail()
        self._show_warnings(view)

    def _lines(self, view: MeasurementView) -> list[RatingLine]:
        return [line for line in view.lines if line.talk] if self.talk_only else view.lines

    def _show_heading(self, view: MeasurementView) -> None:
        measured = [line.rating.competence_id for line in view.lines]
        if self.record.profile_name:
            profile = self.record.profile_name
        elif measured == [item.id for item in view.dictionary.competences]:
            profile = _("alle competenties van het woordenboek")
        else:
            profile = _("eigen keuze van competenties")
        heading = _("Profiel: {profile}. Schaal: {scale}.", profile=profile, scale=competences.scale_labels(view.scale))
        if self.talk_only:
            heading = _("Alleen de bespreekpunten (b toont alles).") + " " + heading
        if any(line.from_consultation for line in view.lines) and view.consultation is not None:
            heading += " " + _(
                "* = uit het tussentijds overleg van {date}.", date=format_date(view.consultation.date) or "?"
            )
        if not view.lines:
            heading = _("Geen competenties: kies een profiel (p) of competenties (c).")
        self.query_one("#measurement-profile", Static).update(heading)

    def _show_detail(self) -> None:
        line = self.current_line()
        detail = self.query_one("#measurement-detail", Static)
        if line is None:
            detail.update("")
            return
        rating = line.rating
        text = Text()
        text.append(rating.name, style="bold")
        text.append(f" ({lower_label(rating.kind)})")
        if line.talk:
            names = _(" en ").join(rater_name(rater).lower() for rater in line.talk)
            text.append("  " + _("!! bespreken met {who}", who=names), style="bold")
        definition = line.competence.definition if line.competence else rating.definition
        indicators = line.competence.indicators if line.competence else rating.indicators
        text.append("\n" + " ".join(definition.split()))
        if indicators:  # one paragraph: the whole competence fits beside the table at 80x24
            text.append("\n" + "   ".join(f"• {indicator}" for indicator in indicators))
        detail.update(text)

    def _show_warnings(self, view: MeasurementView) -> None:
        box = self.query_one("#measurement-warnings", Static)
        warnings = view.warnings
        seen_now = {(warning.pitfall_id, warning.rater) for warning in warnings}
        if self._warned is not None:  # not on opening: only what this rating brought to light
            for warning in warnings:
                if (warning.pitfall_id, warning.rater) not in self._warned:
                    self.notify(
                        warning.explanation,
                        title=f"{warning.who}: {warning.name}",
                        severity="warning",
                        timeout=12,
                        markup=False,
                    )
        self._warned = seen_now
        box.display = bool(warnings)
        if not warnings:
            box.update("")
            return
        lines = []
        for who in dict.fromkeys(warning.who for warning in warnings):
            seen = " · ".join(warning.observation for warning in warnings if warning.who == who)
            lines.append(_("Let op, {who}: {seen}.", who=who.lower(), seen=seen))
        box.update("\n".join(lines))

    # -- helpers ---------------------------------------------------------------------------

    def current_key(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(value) if value is not None else None

    def current_line(self) -> RatingLine | None:
        key = self.current_key()
        return self._view.line(key) if key is not None else None

    @on(DataTable.CellHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _rating_column(self) -> RatingField | None:
        column = self.query_one(DataTable).cursor_column
        field = RATING_COLUMNS.get(column)
        if field is None:
            self.notify(
                _("Ga met de pijltjes naar de kolom Zelf, Coach, Werkv of Wil van een competentie."), severity="warning"
            )
        return field

    def _set(self, value: int | None) -> None:
        key = self.current_key()
        field = self._rating_column()
        if key is None or field is None:
            return
        levels = len(self.record.scale) or len(self._view.scale)
        if value is not None and value > levels:
            self.notify(_("De schaal gaat tot {top}.", top=levels), severity="warning")
            return
        if self.store(measurement.rate(self.record, key, field, value)) and value is not None:
            table = self.query_one(DataTable)
            if table.cursor_row < table.row_count - 1:
                table.move_cursor(row=table.cursor_row + 1)

    # -- keys ------------------------------------------------------------------------------

    def action_rate(self, level: int) -> None:
        """Rate the cell under the cursor (0 clears it)."""
        self._set(level or None)

    @on(DataTable.CellSelected)
    def _enter(self) -> None:
        self.action_remark()

    def action_remark(self) -> None:
        line = self.current_line()
        if line is None:
            return
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        def typed(text: str | None) -> None:
            if text is not None:
                self.store(measurement.set_remark(self.record, line.rating.competence_id, text))

        self.app.push_screen(
            TextPromptDialog(
                _("Opmerking bij {name}", name=line.rating.name),
                line.rating.remark,
                allow_empty=True,
                max_length=2000,
            ),
            typed,
        )

    def action_profile(self) -> None:
        from poptui.screens.dialogs import ChooseDialog

        employee = self.employee()
        source = competences.dictionary(self.database, employee.organisation_id)
        own = competences.profile_for_function(source, employee.function)
        options: list[tuple[str, Any]] = []
        for profile in source.profiles:
            suffix = (
                " " + _("(de functie van {name})", name=employee.first_name) if own and own.id == profile.id else ""
            )
            options.append((profile.function + suffix, profile.id))
        options.append((_("Alle competenties van het woordenboek"), "*"))
        options.append((_("Zelf competenties kiezen …"), "?"))

        def chosen(value: Any) -> None:
            if value is None:
                return
            if value == "?":
                self.action_choose()
                return
            profile = next((item for item in source.profiles if item.id == value), None)
            self.store(measurement.with_profile(self.record, source, profile))

        self.app.push_screen(ChooseDialog(_("Meten volgens welk profiel?"), options), chosen)

    def action_choose(self) -> None:
        from poptui.screens.widgets.choice_dialogs import ChecklistDialog

        source = competences.dictionary(self.database, self.employee().organisation_id)
        measured = {rating.competence_id for rating in self.record.ratings}
        items = [
            (f"{item.name} ({lower_label(item.kind)})", item.id, item.id in measured) for item in source.competences
        ]

        offered = {item.id for item in source.competences}

        def measure(ids: list[str], drop: list[str] | None = None) -> None:
            if set(ids) == {rating.competence_id for rating in self.record.ratings}:
                return  # the same competences: the profile and the order stay
            self.store(measurement.with_competences(self.record, source, ids, drop=drop or []))

        def chosen(ids: list[str] | None) -> None:
            if ids is None:
                return
            left_out = [
                rating for rating in measurement.rated_outside(self.record, ids) if rating.competence_id in offered
            ]
            if not left_out:
                measure(ids)
                return
            from poptui.screens.dialogs import ConfirmDialog

            names = ", ".join(rating.name for rating in left_out)

            def answered(yes: bool | None) -> None:
                if yes:
                    measure(ids, drop=[rating.competence_id for rating in left_out])
                    return
                measure([*ids, *(rating.competence_id for rating in left_out)])  # kept where they were
                self.notify(_("Ze blijven in de meting, met hun inschattingen: {names}.", names=names), markup=False)

            self.app.push_screen(
                ConfirmDialog(
                    _(
                        "Je vinkte competenties af die al ingeschat zijn: {names}. Ze uit deze meting halen? "
                        "Hun inschattingen en opmerkingen verdwijnen dan.",
                        names=names,
                    ),
                    yes=_("Weglaten"),
                    no=_("Houden"),
                ),
                answered,
            )

        self.app.push_screen(ChecklistDialog(_("Welke competenties meet je?"), items), chosen)

    def action_talk_only(self) -> None:
        self.talk_only = not self.talk_only
        self.redraw()
        if self.talk_only and not self.query_one(DataTable).row_count:
            self.notify(_("Geen bespreekpunten: niemand verschilt twee niveaus of meer met de werknemer."))

    def action_pitfalls(self) -> None:
        from poptui.screens.dialogs import MessageDialog

        view = self._view
        parts = [
            f"{warning.who}: {warning.observation}\n  {warning.name}: {warning.explanation}"
            for warning in view.warnings
        ]
        text = "\n\n".join([*parts, all_pitfalls_text()]) if parts else all_pitfalls_text()
        self.app.push_screen(MessageDialog(_("Valkuilen bij het inschatten (§5.6 D)"), text))

    def action_notes(self) -> None:
        """Free notes on the whole measurement (also those written before it had its own screen)."""

        def saved(record: CompetentiemetingRecord | None) -> None:
            if record is not None:
                self.record = record
                self.redraw()

        from poptui.screens.measurement_notes import MeasurementNotesForm

        self.app.push_screen(MeasurementNotesForm(self.record), saved)

    def action_growth(self) -> None:
        from poptui.screens import navigation

        navigation.open_competence_growth(self.app, self.employee_id)

    def action_action(self) -> None:
        line = self.current_line()
        if line is None:
            return
        from poptui.screens.action_form import ActionForm

        from poptui.services import pop_documents
        from poptui.services.pop_documents import PopIsFinal

        pop = pop_documents.get_or_create_pop(self.database, self.trajectory())
        if pop.status is PopStatus.FINAL:
            self.notify(str(PopIsFinal()), severity="warning", markup=False)
            return
        self.app.push_screen(ActionForm(pop, competence_id=line.rating.competence_id))

    def current_step(self) -> MethodStep:
        """F4 draws a conclusion about the highlighted competence: for Ontwikkelpunten when the
        employee wants to get further than where they rate themselves, else for Wat kan ik."""
        line = self.current_line()
        if line is None:
            return super().current_step()
        rating = line.rating
        grow = rating.desired is not None and rating.self_rating is not None and rating.desired > rating.self_rating
        return MethodStep(
            rating.competence_id, rating.name, SummaryPart.ONTWIKKELPUNTEN if grow else SummaryPart.WAT_KAN_IK
        )

    def guidance_extra(self) -> str:
        guide_steps = "\n".join(f"  • {step}" for step in _steps())
        return "\n\n".join(
            [
                _(
                    "In poptui: 1 tot 9 schaalt de cel waar de cursor staat (Zelf, Coach, Werkv = werkvloerbegeleider, "
                    "Wil = waar wil ik naartoe); 0 wist. !! markeert een verschil van twee niveaus of meer tussen de "
                    "werknemer en een ander: dat zijn de punten om over te praten. Een * bij Werkv: de inschatting "
                    "komt uit het tussentijds overleg."
                ),
                _(
                    "Toetsen: Enter of o een opmerking bij de competentie, p een ander functieprofiel, c zelf "
                    "competenties kiezen, b alleen de bespreekpunten, v de valkuilen bij het inschatten, h de groei "
                    "over alle metingen, a een actie voor het POP op deze competentie, n notities, F4 een conclusie "
                    "voor het POP, F5 afdrukken."
                ),
                guide_steps,
            ]
        )


def _steps() -> list[str]:
    from poptui.catalog import load_catalog

    return list(load_catalog().competence.self_rating_steps)
