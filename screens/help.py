"""F1: what the current screen is for (:mod:`poptui.screens.help_explained`), its keys and how poptui works."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseModal
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Label, Static

from poptui.i18n import _


def general_help() -> str:
    """How poptui works everywhere (in the interface's language: built when F1 is pressed)."""
    return _(
        "Algemeen\n"
        "  Tab / Shift+Tab   naar het volgende / vorige veld\n"
        "  Pijltjes          door een lijst of tabel bewegen\n"
        "  Enter             openen of kiezen\n"
        "  Esc               terug (bij een gewijzigd formulier vraagt poptui of je wilt opslaan)\n"
        "  Ctrl+S of F2      opslaan\n"
        "  Ctrl+P            zoeken: een scherm, werknemer of organisatie (typ een deel van de naam)\n"
        "  Ctrl+Q            poptui stoppen\n"
        "\n"
        "Wat je typt in een formulier wordt elke seconde als concept bewaard. Valt de verbinding weg, "
        "dan biedt poptui het concept de volgende keer terug aan.\n"
        "\n"
        "Waar je typt (een formulier, een lijst met een zoekvak), is een letter altijd tekst: de opdrachten "
        "zitten daar onder F-toetsen, Ctrl+S, Delete, Enter en Esc."
    )


class HelpScreen(BaseModal[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: thick $accent; background: $surface; padding: 0 1; }
    HelpScreen .hint { color: $text-muted; }
    HelpScreen .help-title { text-style: bold; margin-top: 1; }
    HelpScreen .help-title.-first { margin-top: 0; }
    """
    BINDINGS: ClassVar = [
        Binding("escape,f1,enter", "close", _("Sluiten")),
        Binding("p", "pop_in_five_minutes", _("POP in vijf minuten"), id="help.five"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def letters_are_text(self) -> bool:
        return False  # help is read, not typed in: p works here also over a form

    def compose(self) -> ComposeResult:
        lines = []
        for binding in self._bindings_of(self.for_screen):
            lines.append(f"  {binding[0]:<17} {binding[1]}")
        with Vertical():
            yield Label(_("Hulp"), markup=False)
            with VerticalScroll():
                yield from self._explanation()
                yield Static(
                    _("Toetsen op dit scherm") + "\n" + "\n".join(lines) + "\n\n" + general_help(), markup=False
                )
            yield Label(_("Esc of F1 sluit de hulp. p: POP in vijf minuten."), classes="hint", markup=False)

    def _bindings_of(self, screen: Screen) -> list[tuple[str, str]]:
        """The keys poptui gives this screen (and the focused part of it), in Dutch. Textual's own
        widget keys (cursor keys, Tab, copy) are left out: their descriptions are English and the
        general part below explains them."""
        seen = []
        done: set[tuple[int, str]] = set()  # "z,0" is one key for the coach: listed once
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.description and (binding.action, binding.description) in _declared_by_poptui(active.node):
                if (id(active.node), binding.action) in done:
                    continue
                done.add((id(active.node), binding.action))
                seen.append((self.app.get_key_display(binding), binding.description))
        return seen

    def _explanation(self) -> ComposeResult:
        from poptui.screens.help_explained import explanation
        from poptui.screens.plain_terminal import plain

        for index, (title, text) in enumerate(explanation(self.for_screen)):
            yield Static(plain(title), classes="help-title" + (" -first" if index == 0 else ""), markup=False)
            yield Static(plain(text), markup=False)
        yield Static("", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_pop_in_five_minutes(self) -> None:
        from poptui.screens.help_explained import PopInFiveMinutesScreen

        self.app.push_screen(PopInFiveMinutesScreen())


def _declared_by_poptui(node: DOMNode) -> set[tuple[str, str]]:
    """(action, description) of the bindings declared in poptui's own classes of ``node``."""
    declared: set[tuple[str, str]] = set()
    for cls in type(node).__mro__:
        if cls.__module__.startswith("poptui."):
            for entry in cls.__dict__.get("BINDINGS", []):
                binding = entry if isinstance(entry, Binding) else Binding(*entry)
                declared.add((binding.action, binding.description))
    return declared
