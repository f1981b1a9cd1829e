"""Droompagina (§5.10) and Prentenbeeld (§5.11): choose pictures from the picture deck on the card
board (the label always, the image in the one-card view where the terminal can show it), then the
draaiboek's questions per chosen picture. Rules: :mod:`poptui.services.picture_methods`.

Keys besides the board's: a the questions about the chosen picture, h given as homework (on/off).
"""

from __future__ import annotations

from typing import Any, ClassVar

from poptui.screens.card_game import CardGameScreen
from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding

from poptui.catalog_models import Question
from poptui.i18n import _
from poptui.models import DeckKind, SummaryPart
from poptui.models.card_games import PictureRecord
from poptui.services import picture_methods
from poptui.services.card_games import Stage


class PictureMethodScreen(CardGameScreen):
    """See the module docstring."""

    BINDINGS: ClassVar = [
        Binding("a", "answer", _("Vragen bij de prent"), id="prenten.answer"),
        Binding("h", "homework", _("Huiswerk"), id="prenten.homework"),
    ]
    LETTER_ACTIONS = CardGameScreen.LETTER_ACTIONS | {"answer", "homework"}
    deck_kind = DeckKind.PICTURES
    record: PictureRecord

    def stages(self) -> list[Stage]:
        return [picture_methods.stage(self.record)]

    def enter(self, record: Any, stage_id: str | None = None) -> Any:
        return picture_methods.enter(record)

    def next_stage(self) -> str | None:
        return None

    def is_finished(self, record: Any) -> bool:
        return picture_methods.is_finished(record)

    def card_detail(self, card_id: str) -> str:
        return ""

    def side_text(self, card: str | None) -> Text:
        line = super().side_text(card)
        if card is None:
            return line
        answers = self.record.pictures.get(card)
        if answers and answers.answers:
            count = len(answers.answers)
            said = _("(1 antwoord)") if count == 1 else _("({count} antwoorden)", count=count)
            line.append("  " + said, style="italic")
        if self.record.homework:
            line.append("  " + _("[huiswerk]"))
        return line

    def action_homework(self) -> None:
        homework = not self.record.homework
        if self.store(self.record.model_copy(update={"homework": homework})):
            self.notify(
                _("Als huiswerk meegegeven: druk het werkblad af (F5 of via het dossier).")
                if homework
                else _("Niet meer als huiswerk.")
            )

    def action_answer(self) -> None:
        from poptui.screens.dialogs import ChooseDialog
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        widget = self.board_widget()
        card = widget.selected if widget else None
        board = picture_methods.board(self.record)
        if card is None or board is None or card not in board.pile(picture_methods.CHOSEN):
            self.notify(_("Kies met de pijltjes een gekozen prent."), timeout=4)
            return
        answers = self.record.pictures.get(card)
        given = answers.answers if answers else {}

        def chosen(question: Question | None) -> None:
            if question is None:
                return
            self.app.push_screen(
                TextPromptDialog(
                    f"{self.card_text(card)}: {question.text}",
                    given.get(question.id, ""),
                    allow_empty=True,
                    max_length=5000,
                ),
                lambda text: self._answer_typed(card, question.id, text),
            )

        choices = [
            (Text(("[x] " if given.get(q.id) else "[ ] ") + q.text), q) for q in picture_methods.questions(self.record)
        ]
        self.app.push_screen(ChooseDialog(_("Vragen bij '{card}'", card=self.card_text(card)), choices), chosen)

    def _answer_typed(self, card: str, question_id: str, text: str | None) -> None:
        if text is not None:
            self.store(picture_methods.with_answer(self.record, card, question_id, text))

    def result(self) -> RenderableType:
        return Text("\n").join(result_lines(self.record))


def result_lines(record: PictureRecord) -> list[Text]:
    questions = {question.id: question.text for question in picture_methods.questions(record)}
    lines: list[Text] = []
    if record.homework:
        lines.append(Text(_("Als huiswerk meegegeven."), style="italic"))
    chosen = picture_methods.chosen(record)
    if not chosen:
        lines.append(Text(_("Nog geen prenten gekozen.")))
    for picture in chosen:
        lines.append(Text(f"{picture.number}. {picture.card.text}", style="bold"))
        for question_id, text in questions.items():
            answer = picture.answers.get(question_id)
            if answer:
                lines.append(Text(f"   {text}", style="dim"))
                lines.append(Text(f"   {answer}"))
    return lines


class DroompaginaScreen(PictureMethodScreen):
    """Droompagina (§5.10)."""

    summary_part = SummaryPart.WAT_WIL_IK


class PrentenbeeldScreen(PictureMethodScreen):
    """Prentenbeeld (§5.11)."""
