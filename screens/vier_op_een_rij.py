"""Vier op een rij (§5.12) on the card board: the employee lays the shuffled aspects under the
competences (one digit per competence); the result shows what went where; then each aspect gets
a colour (green, orange, red) as a second round; notes per competence.
Rules: :mod:`poptui.services.vier_op_een_rij`; the competences:
:func:`poptui.services.decks.competence_sources` (the organisation's competence dictionary first,
then its competence decks, then poptui's own; asked when there is more than one).

Key besides the board's: b the notes about a competence (Stap 1 and Stap 3).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from poptui.screens.card_game import CardGameScreen
from rich.console import RenderableType
from rich.text import Text
from textual.binding import Binding

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.labels import lower_label
from poptui.models import DeckCard, DeckKind
from poptui.models.card_games import VierOpEenRijRecord
from poptui.services import decks, vier_op_een_rij
from poptui.services.card_games import Stage
from poptui.services.decks import DeckInfo

TONE_STYLE = {"groen": "green", "oranje": "dark_orange", "rood": "red"}


class VierOpEenRijScreen(CardGameScreen):
    """See the module docstring."""

    BINDINGS: ClassVar = [Binding("b", "discuss", _("Bespreking"), id="vier.discuss")]
    LETTER_ACTIONS = CardGameScreen.LETTER_ACTIONS | {"discuss"}
    deck_kind = DeckKind.COMPETENCES
    record: VierOpEenRijRecord

    def stages(self) -> list[Stage]:
        return vier_op_een_rij.stages(self.record)

    def enter(self, record: Any, stage_id: str | None = None) -> Any:
        return vier_op_een_rij.enter(record, stage_id)

    def next_stage(self) -> str | None:
        return vier_op_een_rij.next_stage(self.record)

    def is_finished(self, record: Any) -> bool:
        return vier_op_een_rij.is_finished(record)

    def texts(self) -> dict[str, str]:
        return {aspect: text for aspect, (_card, text) in vier_op_een_rij.aspects(self.record).items()}

    def card_text(self, card_id: str) -> str:
        found = vier_op_een_rij.aspects(self.record).get(card_id)
        return found[1] if found else super().card_text(card_id)

    def card_detail(self, card_id: str) -> str:
        if self.record.stage != vier_op_een_rij.COLOURS:
            return ""
        found = vier_op_een_rij.aspects(self.record).get(card_id)
        board = vier_op_een_rij.board(self.record)
        where = board.where(card_id) if board else None
        placed = self.record.card(where[0]) if where else None
        return _("bij {competence}", competence=placed.text) if placed else (found[0].text if found else "")

    def deck_choices(self, organisation_id: str | None) -> list[DeckInfo]:
        """The organisation's competence dictionary first, then its competence decks, then poptui's own."""
        return decks.competence_sources(self.database, organisation_id)

    def ask_options(self, deck: DeckInfo, then: Callable[[dict[str, Any]], None]) -> None:
        from poptui.screens.widgets.choice_dialogs import ChecklistDialog

        self._chosen_ids = None  # a choice made for an earlier game does not carry over
        cards = list(deck.cards)
        if len(cards) <= 6:
            then({"source": deck.name})
            return
        items = [(card.text, card.id, index < 4) for index, card in enumerate(cards)]

        def chosen(ids: list[str] | None) -> None:
            if ids is None:
                return
            if len(ids) < 2:
                self.notify(_("Kies minstens twee competenties: de aspecten worden eronder verdeeld."), timeout=5)
                return
            self._chosen_ids = ids[: vier_op_een_rij.MAX_COMPETENCES]
            then({"source": deck.name})

        self.app.push_screen(
            ChecklistDialog(
                _("Welke competenties leg je op tafel? (hoogstens {count})", count=vier_op_een_rij.MAX_COMPETENCES),
                items,
            ),
            chosen,
        )

    _chosen_ids: list[str] | None = None

    def game_cards(self, deck: DeckInfo) -> list[DeckCard]:
        cards = list(deck.cards)
        if self._chosen_ids:
            cards = [card for card in cards if card.id in self._chosen_ids]
        return cards[: vier_op_een_rij.MAX_COMPETENCES]

    def action_discuss(self) -> None:
        from poptui.screens.dialogs import ChooseDialog
        from poptui.screens.widgets.text_prompt import TextPromptDialog

        def chosen(card: DeckCard | None) -> None:
            if card is None:
                return
            self.app.push_screen(
                TextPromptDialog(
                    _("Bespreking van '{competence}'", competence=card.text),
                    self.record.competence_notes.get(card.id, ""),
                    allow_empty=True,
                    max_length=5000,
                ),
                lambda text: self._note_typed(card.id, text),
            )

        choices = [
            (Text(("[x] " if self.record.competence_notes.get(card.id) else "[ ] ") + card.text), card)
            for card in self.record.cards
        ]
        self.app.push_screen(ChooseDialog(_("Welke competentie bespreek je?"), choices), chosen)

    def _note_typed(self, competence_id: str, text: str | None) -> None:
        if text is not None:
            self.store(vier_op_een_rij.with_note(self.record, competence_id, text))

    def guidance_extra(self) -> str:
        guide = load_catalog().card_games.vier_op_een_rij
        return "\n".join([guide.describe_question, *guide.questions])

    def result(self) -> RenderableType:
        return Text("\n").join(result_lines(self.record))


def result_lines(record: VierOpEenRijRecord) -> list[Text]:
    right, laid = vier_op_een_rij.score(record)
    lines = [Text(_("{right} van de {laid} aspecten liggen bij hun eigen competentie.", right=right, laid=laid))]
    for card in record.cards:
        lines.append(Text(""))
        lines.append(Text(card.text, style="bold underline"))
        for item in vier_op_een_rij.placed(record)[card.id]:
            mark = "ok " if item.right else "X  "
            line = Text(f"  {mark}{item.text}")
            if not item.right:
                line.append("  " + _("(hoort bij {competence})", competence=item.belongs_to.text), style="italic")
            if item.tone:
                line.append(f"  [{lower_label(item.tone)}]", style=TONE_STYLE.get(item.tone, ""))
            lines.append(line)
        note = record.competence_notes.get(card.id)
        if note:
            lines.append(Text("  " + note, style="italic"))
    return lines
