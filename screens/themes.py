"""poptui's two colour themes, and the palette commands that choose one.

- ``poptui-rustig`` (the default): calm, muted blue and sand on a dark grey, little that shouts.
- ``poptui-contrast``: black and white with yellow for what has the focus, for weak eyes, a
  bright room or a projector; muted text is not dimmed.

The choice is remembered per user (:mod:`poptui.settings`). F9 switches between the two; Ctrl+P
offers them as "Kleuren: ...". With NO_COLOR Textual draws in black and white whatever the theme,
and nothing in poptui is told by colour alone (a tick box shows [X], a progress 0-5 shows boxes
and the number, a traffic light its letter: :mod:`poptui.screens.widgets.signs`).
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.theme import Theme

from poptui.i18n import _

CALM = "poptui-rustig"
HIGH_CONTRAST = "poptui-contrast"
DEFAULT_THEME = CALM

THEMES = (
    Theme(
        name=CALM,
        primary="#4f7ca8",
        secondary="#3d5a73",
        accent="#c9a66b",
        warning="#d4a04c",
        error="#d0675f",
        success="#6fa77a",
        foreground="#dcdcd6",
        background="#1e2226",
        surface="#262b30",
        panel="#2e353b",
        dark=True,
        variables={"footer-key-foreground": "#c9a66b"},
    ),
    Theme(
        name=HIGH_CONTRAST,
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffff00",
        warning="#ffff00",
        error="#ff5555",
        success="#00ff00",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#1a1a1a",
        boost="#333333",
        dark=True,
        text_alpha=1.0,
        luminosity_spread=0.0,
        variables={
            "text-muted": "#ffffff",
            "footer-key-foreground": "#ffff00",
            "footer-foreground": "#ffffff",
            "footer-background": "#000000",
            "block-cursor-foreground": "#000000",
            "block-cursor-background": "#ffff00",
            "block-cursor-blurred-foreground": "#ffffff",
            "block-cursor-blurred-background": "#444444",
            "input-cursor-background": "#ffff00",
            "input-cursor-foreground": "#000000",
            "input-selection-background": "#ffff00 50%",
            "border": "#ffffff",
            "border-blurred": "#888888",
        },
    ),
)


def theme_label(name: str) -> str:
    return {CALM: _("rustig"), HIGH_CONTRAST: _("hoog contrast")}.get(name, name)


def other_theme(name: str) -> str:
    """F9: from the calm theme to high contrast and back (from any other theme: to calm)."""
    return HIGH_CONTRAST if name == CALM else CALM


class ThemeCommands(Provider):
    """Ctrl+P: 'Kleuren: rustig' and 'Kleuren: hoog contrast'."""

    def _entries(self) -> list[tuple[str, str, str]]:
        return [
            (_("Kleuren: rustig"), _("Zachte kleuren (standaard); F9 wisselt"), CALM),
            (
                _("Kleuren: hoog contrast"),
                _("Zwart en wit, geel voor wat de focus heeft; F9 wisselt"),
                HIGH_CONTRAST,
            ),
        ]

    def _choose(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        for title, help_text, name in self._entries():
            yield DiscoveryHit(title, partial(self._choose, name), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, name in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._choose, name), help=help_text)
