"""F1: the keys of the current screen and how poptui works."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseModal
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from poptui.i18n import _

GENERAL = _(
    "Algemeen\n"
    "  Tab / Shift+Tab   naar het volgende / vorige veld\n"
    "  Pijltjes          door een lijst of tabel bewegen\n"
    "  Enter             openen of kiezen\n"
    "  Esc               terug (bij een gewijzigd formulier vraagt poptui of je wilt opslaan)\n"
    "  Ctrl+S of F2      opslaan\n"
    "  Ctrl+P            zoeken: een scherm, werknemer of organisatie (typ een deel van de naam)\n"
    "  Ctrl+Q            poptui stoppen\n"
    "\n"
    "Wat je typt in een formulier wordt elke seconde als concept bewaard. Valt de verbinding weg,\n"
    "dan biedt poptui het concept de volgende keer terug aan."
)


class HelpScreen(BaseModal[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: thick $accent; background: $surface; padding: 0 1; }
    HelpScreen .hint { color: $text-muted; }
    """
    BINDINGS: ClassVar = [Binding("escape,f1,enter", "close", _("Sluiten"))]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        lines = []
        for binding in self._bindings_of(self.for_screen):
            lines.append(f"  {binding[0]:<17} {binding[1]}")
        with Vertical():
            yield Label(_("Hulp"))
            with VerticalScroll():
                yield Static(_("Toetsen op dit scherm") + "\n" + "\n".join(lines) + "\n\n" + GENERAL, markup=False)
            yield Label(_("Esc of F1 sluit de hulp."), classes="hint")

    def _bindings_of(self, screen: Screen) -> list[tuple[str, str]]:
        seen = []
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.description:
                seen.append((self.app.get_key_display(binding), binding.description))
        return seen

    def action_close(self) -> None:
        self.dismiss(None)
