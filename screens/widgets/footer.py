"""The key footer of every screen: Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer removes and mounts all its keys again whenever the screen's bindings may have
changed: on every focus move, every key press that changes a check, every dialog that opens or
closes. On a form with ten fields that is ten rebuilds of a dozen key widgets while the coach
tabs through it, each with its styles worked out again: most of the time a screen spends after a
key press on a weak PC. The keys on show (key, text, action, enabled, tooltip) only change when
the screen's shown bindings do, so this footer compares what it would show with what it shows and
rebuilds only on a difference.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ShownKeys = tuple[tuple[str, str, str, bool, str], ...]


def shown_keys(screen: Screen) -> ShownKeys:
    """What a footer on ``screen`` shows now: one entry per binding with ``show``."""
    return tuple(
        (binding.key, binding.description, binding.action, enabled, tooltip)
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """A Footer that skips the rebuild when the keys on show are the same as last time."""

    _keys_shown: ShownKeys | None = None
    _rebuild_due = False

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._keys_shown = shown_keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Born with the footer's style: a FooterKey starts compact and is made wide again by its
                # data binding once mounted, each change working out the key's styles anew (two passes
                # per key on every screen that opens, a fifth of the time an employee page took to show).
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        """As Footer's, but one rebuild for any number of changes before the next refresh, and none
        when the keys on show are the same by then. Opening a screen signals its bindings two or three
        times (mount, focus, a check that changed): Footer rebuilt its keys once per signal."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._keys_shown is not None and shown_keys(screen) == self._keys_shown:
            return
        if not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        if not self.is_attached or self.screen not in self.app.screen_stack:
            return  # the screen is closing (Escape): its keys change as it loses the focus, for nobody
        if self._keys_shown is not None and shown_keys(self.screen) == self._keys_shown:
            return
        await self.recompose()
