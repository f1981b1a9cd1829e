"""The conclusions of one step of a method: add one for the POP summary, remove one.

Esc with a conclusion typed and not saved warns first; a second Esc closes without it.

Opened by F4 on every method screen (:meth:`poptui.screens.method_screen.MethodScreen.action_conclude`).
Returns the step's conclusions as they are after the coach's changes, or None (Escape: nothing
changes).
"""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseModal
from poptui.screens.widgets.text_input import Input
from poptui.screens.widgets.tickbox import TickRadio
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, RadioSet
from textual.widgets.option_list import Option

from poptui.i18n import _
from poptui.labels import label
from poptui.models import Conclusion, SummaryPart


class PartChoice(RadioSet):
    """The part of the POP a conclusion is for: the arrows choose (not only highlight) the part, so
    what the coach sees marked is what is saved; Enter chooses and saves (the dialog's hint)."""

    BINDINGS: ClassVar = [
        Binding("down,right", "move(1)", show=False),
        Binding("up,left", "move(-1)", show=False),
        Binding("enter", "choose_and_save", show=False),
    ]

    def action_move(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()

    def action_choose_and_save(self) -> None:
        self.action_toggle_button()
        self.call_after_refresh(self.screen.run_action, "save")


class ConclusionDialog(BaseModal[list[Conclusion] | None]):
    """Typ een conclusie, kies voor welk deel van het POP ze is en druk Enter (of Ctrl+S).
    Del verwijdert de gekozen conclusie uit de lijst; Esc annuleert."""

    DEFAULT_CSS = """
    ConclusionDialog { align: center middle; }
    ConclusionDialog > Vertical { width: 76; max-width: 98%; height: auto; max-height: 95%;
                                  border: thick $accent; padding: 0 1; background: $surface; }
    ConclusionDialog #conclusion-title { text-style: bold; }
    ConclusionDialog #conclusion-list { height: auto; max-height: 6; margin-bottom: 1; }
    ConclusionDialog RadioSet { width: 100%; height: auto; layout: horizontal; border: none; padding: 0; }
    ConclusionDialog RadioButton { width: auto; margin-right: 2; }
    ConclusionDialog .hint { color: $text-muted; width: 100%; height: auto; }  /* a Label is as wide as its text */
    ConclusionDialog #conclusion-error { color: $error; text-style: bold; height: auto; }
    """
    BINDINGS: ClassVar = [
        Binding("ctrl+s,f2", "save", _("Bewaren"), priority=True),
        Binding("delete", "remove", _("Verwijderen"), show=False),
        Binding("escape", "cancel", _("Annuleren")),
    ]

    def __init__(
        self,
        step_title: str,
        conclusions: list[Conclusion],
        *,
        step: str = "",
        part: SummaryPart | None = None,
        max_length: int = 2000,
    ) -> None:
        super().__init__()
        self.step_title = step_title
        self.conclusions = list(conclusions)
        self.step = step
        self.part = part or SummaryPart.WAT_KAN_IK
        self.max_length = max_length
        self.changed = False
        self.warned = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_("Conclusie voor het POP: {step}", step=self.step_title), id="conclusion-title", markup=False)
            yield OptionList(id="conclusion-list")
            yield Input(
                placeholder=_("Wat neem je mee naar het POP?"), id="conclusion-text", max_length=self.max_length
            )
            with PartChoice(id="conclusion-part"):
                for part in SummaryPart:
                    yield TickRadio(label(part), value=part is self.part, name=part.value)
            yield Label("", id="conclusion-error", markup=False)
            yield Label(
                _(
                    "Enter of Ctrl+S bewaart; Tab en de pijltjes kiezen het deel. "
                    "Del verwijdert de gekozen conclusie uit de lijst. Esc annuleert."
                ),
                classes="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#conclusion-text", Input).focus()
        self.call_after_refresh(self._highlight_pressed)

    def _highlight_pressed(self) -> None:
        """The arrows start from the part that is chosen (a RadioSet starts on its first button)."""
        radio = self.query_one(RadioSet)
        for _step in range(list(SummaryPart).index(self.part)):
            radio.action_next_button()

    def _fill(self) -> None:
        options = self.query_one("#conclusion-list", OptionList)
        options.clear_options()
        for index, conclusion in enumerate(self.conclusions):
            part = label(conclusion.part) if conclusion.part else "–"
            options.add_option(Option(Text(f"{part}: {' '.join(conclusion.text.split())}"), id=str(index)))
        options.display = bool(self.conclusions)

    def _chosen_part(self) -> SummaryPart:
        pressed = self.query_one(RadioSet).pressed_button
        return SummaryPart(pressed.name) if pressed is not None and pressed.name else self.part

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#conclusion-text", Input).value.strip()
        if not text and not self.changed:
            self.query_one("#conclusion-error", Label).update(_("Typ eerst een conclusie, of druk Esc."))
            return
        if text:
            self.conclusions.append(Conclusion(text=text, part=self._chosen_part(), step=self.step))
        self.dismiss(self.conclusions)

    def action_remove(self) -> None:
        options = self.query_one("#conclusion-list", OptionList)
        if self.focused is not options or not self.conclusions:
            return
        index = options.highlighted or 0
        del self.conclusions[index]
        self.changed = True
        self._fill()
        if self.conclusions:
            options.highlighted = min(len(self.conclusions) - 1, index)
        else:
            self.query_one("#conclusion-text", Input).focus()

    def action_cancel(self) -> None:
        """Esc: close without changes; a conclusion typed and not saved is not dropped at the first Esc."""
        typed = self.query_one("#conclusion-text", Input).value.strip()
        if typed and not self.warned:
            self.warned = True
            self.query_one("#conclusion-error", Label).update(
                _("Deze conclusie is nog niet bewaard: Enter bewaart ze, nog eens Esc laat ze weg.")
            )
            return
        self.dismiss(None)
