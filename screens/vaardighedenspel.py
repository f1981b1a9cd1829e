"""Vaardighedenspel (§5.5) on the card board: form I (betekenis: rows vaak / regelmatig / soms /
niet van belang, stop at 15), form II (profiel: a selection of at most 40, then green / orange /
red for now, two years ago and desired, side by side in the result), form III (matrix: a
selection, optional frequency piles, fun in five columns, mastery routing each card to its cell
of the 5x3 matrix, cells numbered 1-15 row by row, and the readings).
Rules and readings: :mod:`poptui.services.vaardighedenspel`.

Key besides the board's: q the form's discussion questions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from poptui.screens.card_game import CardGameScreen
from poptui.screens.widgets.terminal import ascii_only
from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.binding import Binding

from poptui.catalog import load_catalog
from poptui.catalog_models import Question
from poptui.i18n import _
from poptui.models import DeckKind
from poptui.models.card_games import VaardighedenspelRecord
from poptui.services import vaardighedenspel
from poptui.services.card_games import Stage
from poptui.services.decks import DeckInfo


class VaardighedenspelScreen(CardGameScreen):
    """See the module docstring."""

    BINDINGS: ClassVar = [Binding("q", "questions", _("Vragen"), id="vaardigheden.questions")]
    LETTER_ACTIONS = CardGameScreen.LETTER_ACTIONS | {"questions"}
    deck_kind = DeckKind.SKILLS
    record: VaardighedenspelRecord

    def stages(self) -> list[Stage]:
        return vaardighedenspel.stages(self.record)

    def enter(self, record: Any, stage_id: str | None = None) -> Any:
        return vaardighedenspel.enter(record, stage_id)

    def next_stage(self) -> str | None:
        return vaardighedenspel.next_stage(self.record)

    def is_finished(self, record: Any) -> bool:
        return vaardighedenspel.is_finished(record)

    def ask_options(self, deck: DeckInfo, then: Callable[[dict[str, Any]], None]) -> None:
        from poptui.screens.dialogs import ChooseDialog
        from poptui.screens.widgets.choice_dialogs import ChecklistDialog

        forms = load_catalog().card_games.vaardighedenspel.forms

        def form_chosen(form: str | None) -> None:
            if form is None:
                return
            if form != "III":
                then({"form": form})
                return
            items = [
                (_("Alle kaarten, zonder selectie (heroriëntatie van de loopbaan)"), "all_cards", False),
                (_("Eerst de frequentiestapels (vaak, regelmatig, soms, nooit)"), "with_frequency", False),
            ]
            self.app.push_screen(
                ChecklistDialog(_("Vaardighedenmatrix: hoe speel je?"), items),
                lambda options: (
                    then(
                        {
                            "form": form,
                            "all_cards": "all_cards" in options,
                            "with_frequency": "with_frequency" in options,
                        }
                    )
                    if options is not None
                    else None
                ),
            )

        self.app.push_screen(ChooseDialog(_("Welke spelvorm?"), [(form.name, form.id) for form in forms]), form_chosen)

    def questions(self) -> list[Question]:
        guide = load_catalog().card_games.vaardighedenspel
        if self.record.form == "I":
            return list(guide.meaning.questions)
        if self.record.form == "II":
            return list(guide.profile.questions)
        return list(guide.matrix_questions)

    def action_questions(self) -> None:
        from poptui.screens.dialogs import ChooseDialog
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        questions = self.questions()
        if not self.record.form:
            return

        def chosen(question: Question | None) -> None:
            if question is None:
                return

            def typed(text: str | None) -> None:
                if text is None:
                    return
                answers = {**self.record.answers, question.id: text}
                if not text:
                    answers.pop(question.id)
                self.store(self.record.model_copy(update={"answers": answers}))

            self.app.push_screen(
                TextPromptDialog(
                    question.text, self.record.answers.get(question.id, ""), allow_empty=True, max_length=5000
                ),
                typed,
            )

        choices = [(Text(("[x] " if self.record.answers.get(q.id) else "[ ] ") + q.text), q) for q in questions]
        self.app.push_screen(ChooseDialog(_("Welke vraag?"), choices), chosen)

    def result(self) -> RenderableType:
        return result_renderable(self.record)


def _box() -> box.Box:
    return box.ASCII if ascii_only() else box.SQUARE


def result_renderable(record: VaardighedenspelRecord) -> RenderableType:
    """The result of the record's form: the rows, the profiles side by side, or the matrix and its readings."""
    guide = load_catalog().card_games.vaardighedenspel
    parts: list[RenderableType] = []

    def name(card_id: str) -> str:
        card = record.card(card_id)
        return card.text if card else card_id

    if record.form == "I":
        board = record.boards.get(vaardighedenspel.MEANING)
        for pile in guide.meaning.piles:
            cards = board.pile(pile.id) if board else []
            parts.append(Text(f"{pile.name} ({len(cards)}): ", style="bold") + Text(", ".join(map(name, cards))))
        questions = guide.meaning.questions
    elif record.form == "II":
        table = Table(box=_box(), show_lines=True, expand=False, padding=(0, 0))
        table.add_column("", overflow="fold")
        for moment in guide.profile.moments:
            table.add_column(Text(moment.name, overflow="fold"), overflow="fold")
        for tone in guide.profile.piles:
            cells: list[RenderableType] = []
            for moment in guide.profile.moments:
                row = vaardighedenspel.profile(record, moment.id)[tone.id]
                top = vaardighedenspel.top(row)
                cells.append(
                    Text(
                        "\n".join(f"{index}. {name(card)}" for index, card in enumerate(top, 1))
                        + (f"\n(+{len(row) - len(top)})" if len(row) > len(top) else ""),
                        overflow="fold",
                    )
                )
            table.add_row(Text(tone.name), *cells)
        parts.append(Text(_("Top {count} per rij, in de drie profielen:", count=guide.profile.top), style="bold"))
        parts.append(table)
        questions = guide.profile.questions
    elif record.form == "III":
        parts.extend(matrix_renderables(record, name))
        questions = guide.matrix_questions
    else:
        return Text(_("Nog geen spelvorm gekozen."))
    answered = [(question.text, record.answers.get(question.id, "")) for question in questions]
    parts.append(Text(""))
    for question, answer in answered:
        parts.append(Text(question, style="bold"))
        parts.append(Text("   " + (answer or "-"), style="italic"))
    return Group(*parts)


def matrix_renderables(record: VaardighedenspelRecord, name: Callable[[str], str]) -> list[RenderableType]:
    guide = load_catalog().card_games.vaardighedenspel
    matrix = vaardighedenspel.matrix_of(record)
    # No padding and folded words: at 80 columns a card's name is never cut off with an ellipsis.
    table = Table(box=_box(), show_lines=True, expand=False, padding=(0, 0))
    table.add_column("", overflow="fold")  # no min_width: Rich then no longer fits the table in its width
    for fun in guide.fun.piles:
        table.add_column(Text(fun.name, overflow="fold"), max_width=18, overflow="fold")
    for row, mastery in enumerate(guide.mastery.rows):
        cells = []
        for column in range(vaardighedenspel.COLUMNS):
            number = vaardighedenspel.cell_number(row, column)
            cards = matrix[number]
            text = f"[{number}] ({len(cards)})\n" + "\n".join(name(card) for card in cards)
            cells.append(Text(text, overflow="fold"))
        table.add_row(Text(mastery.name), *cells)
    readings = vaardighedenspel.record_readings(record)
    texts = guide.readings
    lines: list[RenderableType] = [Text(_("De vaardighedenmatrix"), style="bold"), table, Text("")]
    lines.append(Text(texts.training, style="bold"))
    lines.append(Text("   " + (", ".join(map(name, readings.training)) or "-")))
    lines.append(Text(texts.burnout, style="bold"))
    burnout = ", ".join(map(name, readings.burnout_cards)) or "-"
    if readings.burnout_risk is None:
        verdict = _("frequentie niet gelegd: vraag hoe vaak ze gebruikt worden")
    elif readings.burnout_risk:
        verdict = _(
            "RISICO: {count} van de {total} worden vaak gebruikt",
            count=len(readings.burnout_often),
            total=len(readings.burnout_cards),
        )
    else:
        verdict = _(
            "geen risico: {count} van de {total} worden vaak gebruikt",
            count=len(readings.burnout_often),
            total=len(readings.burnout_cards),
        )
    lines.append(Text(f"   {burnout} ({verdict})"))
    if readings.drift:
        lines.append(Text(texts.drift, style="bold"))
        lines.append(Text("   " + ", ".join(map(name, readings.drift))))
    lines.append(Text(texts.balance, style="bold"))
    lines.append(
        Text("   " + _("leuk: {fun} · niet leuk: {no_fun}", fun=readings.fun_count, no_fun=readings.no_fun_count))
    )
    rest = record.boards.get(vaardighedenspel.REST)
    if rest is not None and rest.pile("leuk"):
        lines.append(Text(_("Stap 4: opzij gelegd maar leuk"), style="bold"))
        lines.append(Text("   " + ", ".join(map(name, rest.pile("leuk")))))
    return lines
