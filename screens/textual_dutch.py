"""Textual's own words in the coach's language: key names, the built-in widgets' keys, the
command palette. Every string here goes through :func:`poptui.i18n._` like poptui's own.

- :func:`key_display`: how a key reads in the footer and in F1 ("Ctrl+S", "Esc", "Del", "]"),
  used by the app's ``get_key_display``;
- :func:`translated`: the active bindings of a screen with the descriptions of Textual's own
  widget keys in Dutch ("Dismiss menu" -> "Menu sluiten"), used by every screen's
  ``active_bindings`` (footer and F1);
- :class:`PopCommandPalette`: Ctrl+P with a Dutch prompt and "Niets gevonden";
- the widget :class:`poptui.screens.widgets.select.Select` says "Kies…" instead of "Select".

``tests/functional/test_textual_dutch.py`` fails when one of Textual's English strings shows
in the Dutch interface.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from poptui.screens.plain_terminal import ascii_mode, mark
from rich.align import Align
from rich.text import Text
from textual.binding import ActiveBinding, Binding
from textual.command import CommandList, CommandPalette, SearchIcon
from textual.widgets.option_list import Option

from poptui.i18n import _

ENGLISH_IN_TEXTUAL = (
    "Search for commands",
    "No matches found",
    "Dismiss menu",
    "Show menu",
    "Open link",
    "Focus Next",
    "Focus Previous",
    "Copy selected text",
    "Scroll Left",
    "Scroll Right",
    "Scroll Up",
    "Scroll Down",
    "Cursor up",
    "Cursor down",
    "Exit the command palette",
    "Maximize",
    "Minimize",
    "Screenshot",
    "Change the current theme",
    "Quit the application",
    "Press ",
    "Do you want to quit?",
    "super+c",
    "bracketright",
    "bracketleft",
)
"""Fragments of Textual's English that must never show in the Dutch interface (the test looks for them)."""


def textual_descriptions() -> dict[str, str]:
    """Textual's descriptions of its widgets' keys, as a coach reads them."""
    return {
        "Dismiss menu": _("Menu sluiten"),
        "Show menu": _("Keuzelijst openen"),
        "Open link": _("Link openen"),
        "Focus Next": _("Volgend veld"),
        "Focus Previous": _("Vorig veld"),
        "Copy selected text": _("Kopiëren"),
        "Quit": _("Stoppen"),
        "Exit the command palette": _("Zoeken sluiten"),
        "Select": _("Kiezen"),
        "Toggle": _("Aan/uit"),
    }


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """``bindings`` with the descriptions of Textual's own keys in the interface's language."""
    names = textual_descriptions()
    out: dict[str, ActiveBinding] = {}
    for key, active in bindings.items():
        description = active.binding.description
        if description in names and not type(active.node).__module__.startswith("poptui."):
            active = active._replace(binding=replace(active.binding, description=names[description]))
        out[key] = active
    return out


_KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "delete": "Del",
    "backspace": "Backspace",
    "tab": "Tab",
    "space": "Spatie",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "insert": "Ins",
}


def key_display(binding: Binding) -> str:
    """A key as the footer and F1 show it: "Ctrl+S", "Shift+Tab", "F2", "Esc", "]", "n"."""
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    if key in ("up", "down", "left", "right"):
        name = {"up": _("Pijl op"), "down": _("Pijl neer"), "left": _("Pijl links"), "right": _("Pijl rechts")}[key]
        if not ascii_mode():
            name = {"up": "↑", "down": "↓", "left": "←", "right": "→"}[key]
    elif key in _KEY_NAMES:
        name = _("Spatie") if key == "space" else _KEY_NAMES[key]
    elif len(key) > 1 and key[0] == "f" and key[1:].isdecimal():
        name = key.upper()
    else:
        from textual.keys import format_key

        name = format_key(key)
        if len(name) == 1 and modifiers:
            name = name.upper()
    words = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt", "super": "Super", "meta": "Meta"}
    return "+".join([words.get(modifier, modifier.title()) for modifier in modifiers] + [name])


class PopCommandPalette(CommandPalette):
    """Textual's command palette, asking and answering in the coach's language."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(placeholder=_("Zoek een scherm, werknemer, organisatie of opdracht…"), **kwargs)

    def on_mount(self) -> None:
        self.query_one(SearchIcon).icon = mark("search")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's countdown adds "No matches found"; poptui's says it in Dutch."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("Niets gevonden. Typ een deel van een naam."), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
