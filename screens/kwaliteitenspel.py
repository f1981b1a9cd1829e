"""Kwaliteitenspel (§5.4) on the card board: the variant's three piles, the 8-card game for the
qualities and optionally the distortions, then the eight in order with werk/privé and an own
description. Rules: :mod:`poptui.services.kwaliteitenspel`.

Keys besides the board's: e the own description of the chosen card, m werk / privé / allebei.
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
from poptui.models import Board, CardNote, DeckKind, Sphere
from poptui.models.card_games import KwaliteitenspelRecord
from poptui.services import kwaliteitenspel
from poptui.services.card_games import Stage
from poptui.services.decks import DeckInfo

SPHERES: list[Sphere | None] = [Sphere.WORK, Sphere.PRIVATE, Sphere.BOTH, None]


class KwaliteitenspelScreen(CardGameScreen):
    """See the module docstring."""

    BINDINGS: ClassVar = [
        Binding("e", "describe", _("Omschrijving"), id="kwaliteiten.describe"),
        Binding("m", "sphere", _("Werk/privé"), id="kwaliteiten.sphere"),
    ]
    LETTER_ACTIONS = CardGameScreen.LETTER_ACTIONS | {"describe", "sphere"}
    deck_kind = DeckKind.QUALITIES
    conclusion_title = _("de kwaliteiten in de huidige functie")
    record: KwaliteitenspelRecord

    def stages(self) -> list[Stage]:
        return kwaliteitenspel.stages(self.record)

    def enter(self, record: Any, stage_id: str | None = None) -> Any:
        return kwaliteitenspel.enter(record, stage_id)

    def next_stage(self) -> str | None:
        return kwaliteitenspel.next_stage(self.record)

    def is_finished(self, record: Any) -> bool:
        return kwaliteitenspel.is_finished(record)

    def _distortions(self) -> bool:
        return self.record.stage == kwaliteitenspel.DISTORTIONS

    def stage_hint(self, stage: Stage, board: Board) -> str:
        """Once the eight are chosen: Stap 2, put them in order (of importance, or of bother)."""
        games = load_catalog().card_games.kwaliteitenspel
        if stage.id == kwaliteitenspel.QUALITIES and stage.complete(board):
            return games.order_hint
        if stage.id == kwaliteitenspel.DISTORTIONS and stage.complete(board):
            return games.distortion_order_hint
        return stage.hint

    def card_text(self, card_id: str) -> str:
        card = self.record.card(card_id)
        if card is None:
            return card_id
        return kwaliteitenspel.wording(self.record, self.record.stage or kwaliteitenspel.QUALITIES, card)

    def card_detail(self, card_id: str) -> str:
        card = self.record.card(card_id)
        if card is None or not self.record.plus:
            return ""
        return card.distortion if self._distortions() else card.text

    def ask_options(self, deck: DeckInfo, then: Callable[[dict[str, Any]], None]) -> None:
        from poptui.screens.widgets.choice_dialogs import ChecklistDialog

        items = [
            (_("Eenvoudige verwoording (Kwaliteitenspel PLUS)"), "plus", False),
            (_("Variant: eerst alle kaarten over drie stapels verdelen"), "three_piles", False),
            (_("Daarna ook de vervormingen"), "with_distortions", False),
        ]

        def chosen(options: list[str] | None) -> None:
            if options is not None:
                then({name: name in options for name in ("plus", "three_piles", "with_distortions")})

        self.app.push_screen(ChecklistDialog(_("Hoe speel je het Kwaliteitenspel?"), items), chosen)

    # -- the chosen eight -------------------------------------------------------------------------

    def _chosen_card(self) -> str | None:
        widget = self.board_widget()
        card = widget.selected if widget else None
        stage = self.current_stage()
        board = self.record.boards.get(stage.id) if stage else None
        if card is None or board is None or card not in board.pile(kwaliteitenspel.CHOSEN):
            self.notify(_("Kies met de pijltjes een kaart uit 'Mijn acht'."), timeout=4)
            return None
        return card

    def _note(self, card: str) -> CardNote:
        notes = self.record.distortion_notes if self._distortions() else self.record.quality_notes
        return notes.get(card, CardNote())

    def action_describe(self) -> None:
        card = self._chosen_card()
        if card is None:
            return
        note = self._note(card)

        def typed(text: str | None) -> None:
            if text is None:
                return
            changed = note.model_copy(update={"description": text})
            self.store(kwaliteitenspel.with_note(self.record, card, changed, self._distortions()))

        from poptui.screens.widgets.text_prompt import TextPromptDialog

        self.app.push_screen(
            TextPromptDialog(
                _("Wat betekent '{card}' voor jou?", card=self.card_text(card)),
                note.description,
                allow_empty=True,
                max_length=2000,
            ),
            typed,
        )

    def action_sphere(self) -> None:
        card = self._chosen_card()
        if card is None:
            return
        note = self._note(card)
        following = SPHERES[(SPHERES.index(note.sphere) + 1) % len(SPHERES)]
        changed = note.model_copy(update={"sphere": following})
        self.store(kwaliteitenspel.with_note(self.record, card, changed, self._distortions()))

    def side_text(self, card: str | None) -> Text:
        line = super().side_text(card)
        if card is None:
            return line
        note = self._note(card)
        if note.sphere is not None:
            line.append("  [" + lower_label(note.sphere) + "]")
        if note.description:
            line.append("\n" + note.description, style="italic")
        return line

    def guidance_extra(self) -> str:
        games = load_catalog().card_games.kwaliteitenspel
        return "\n".join(
            [
                _("Op het bord:"),
                games.order_hint,
                _("e: eigen omschrijving van de gekozen kaart; m: werk, privé of allebei; v: één kaart groot."),
            ]
        )

    # -- result ------------------------------------------------------------------------------------

    def result(self) -> RenderableType:
        return Text("\n").join(result_lines(self.record))


def result_lines(record: KwaliteitenspelRecord) -> list[Text]:
    """The result as lines: the eight qualities (and distortions) in order, with what was said."""
    lines: list[Text] = []
    games = load_catalog().card_games.kwaliteitenspel
    if record.three_piles and kwaliteitenspel.SORTING in record.boards:
        board = record.boards[kwaliteitenspel.SORTING]
        counts = ", ".join(f"{pile.name}: {len(board.pile(pile.id))}" for pile in games.sorting.piles)
        lines.append(Text(_("Drie stapels: {counts}", counts=counts)))
        lines.append(Text(""))
    for distortions, heading in ((False, _("Mijn acht kwaliteiten")), (True, _("Mijn acht vervormingen"))):
        chosen = kwaliteitenspel.chosen(record, distortions)
        if not chosen:
            continue
        lines.append(Text(heading, style="bold underline"))
        for item in chosen:
            line = Text(f"{item.rank}. ", style="bold")
            line.append(item.text, style="bold")
            if record.plus and item.text != (item.card.distortion if distortions else item.card.text):
                line.append(f" ({item.card.distortion if distortions else item.card.text})")
            if item.note.sphere is not None:
                line.append("  [" + lower_label(item.note.sphere) + "]")
            lines.append(line)
            if item.note.description:
                lines.append(Text("   " + item.note.description, style="italic"))
        lines.append(Text(""))
    if record.conclusions:
        lines.append(Text(_("Conclusies"), style="bold underline"))
        lines.extend(Text(f"• {_conclusion_text(conclusion)}") for conclusion in record.conclusions)
    if not lines:
        lines.append(Text(_("Nog geen kaarten gekozen.")))
    return lines


def _conclusion_text(conclusion: object) -> str:
    return str(getattr(conclusion, "text", conclusion))
