"""What F1 explains about a screen (data/help, :mod:`poptui.help_texts`), and the page
"POP in vijf minuten".

:func:`explanation` gives the sections the help dialog shows above the screen's keys: the
screen's own explanation (or that of the class it is built on), on a method the method's
guidance from the catalog, then the draaiboek's topics that apply there (rater pitfalls, SMART
questions, the rule of one generic and one technical action).
"""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.base import BaseModal
from poptui.screens.plain_terminal import plain
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from poptui.help_texts import Topic, method_topics, page_text, pop_in_five_minutes, screen_help, topic
from poptui.i18n import _
from poptui.methods_registry import guidance_text
from poptui.models import MethodKind


def _method_kind(screen: Screen) -> MethodKind | None:
    kind = getattr(screen, "kind", None)
    try:
        return MethodKind(kind) if kind is not None else None
    except ValueError:
        return None


def explanation(screen: Screen) -> list[tuple[str, str]]:
    """(title, text) sections that explain ``screen``, the most specific first."""
    sections: list[tuple[str, str]] = []
    names = [cls.__name__ for cls in type(screen).__mro__]
    found = screen_help(names)
    topics: list[Topic] = list(found.topics) if found else []
    kind = _method_kind(screen)
    if kind is not None:
        if found is not None and found.title:
            sections.append((_(found.title), _(found.text)))
        extra = getattr(screen, "guidance_extra", None)
        sections.append((_("Uitleg uit het draaiboek"), guidance_text(kind, extra() if callable(extra) else "")))
        topics = [*method_topics(kind), *topics]
    elif found is not None:
        sections.append((_(found.title), _(found.text)))
    for name in dict.fromkeys(topics):  # once each, in order
        sections.append(topic(name))
    return sections


class PopInFiveMinutesScreen(BaseModal[None]):
    """The POP cycle, the variants, the contact moments and the rule of one generic and one technical action."""

    DEFAULT_CSS = """
    PopInFiveMinutesScreen { align: center middle; }
    PopInFiveMinutesScreen > Vertical { width: 90%; max-width: 100; height: 90%; border: thick $accent; background: $surface; padding: 0 1; }
    PopInFiveMinutesScreen .hint { color: $text-muted; }
    PopInFiveMinutesScreen #page-title { text-style: bold; }
    """
    BINDINGS: ClassVar = [Binding("escape,enter,f1", "close", _("Sluiten"), id="five.close")]

    def compose(self) -> ComposeResult:
        page = pop_in_five_minutes()
        with Vertical():
            yield Label(_(page.title), id="page-title", markup=False)
            with VerticalScroll(id="page-body"):
                yield Static(plain(page_text(page)), id="page-text", markup=False)
            yield Label(_("Pijltjes of PageDown om te lezen. Esc sluit."), classes="hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#page-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class HelpCommands(Provider):
    """Ctrl+P: 'POP in vijf minuten'."""

    def _open(self) -> None:
        self.app.push_screen(PopInFiveMinutesScreen())

    async def discover(self) -> Hits:
        yield DiscoveryHit(
            _(pop_in_five_minutes().title), self._open, help=_("De POP-cyclus, de varianten en de regels, kort")
        )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        title = _(pop_in_five_minutes().title)
        score = max(matcher.match(title), matcher.match(_("Hulp")))
        if score > 0:
            # a page to read ranks just below what the coach can do with an equally good name ("POP"
            # finds "POP afdrukken" on the trajectory first, then this page)
            yield Hit(
                score * 0.99,
                matcher.highlight(title),
                self._open,
                help=_("De POP-cyclus, de varianten en de regels, kort"),
            )
