"""The key footer rebuilds only when the keys it shows change (screens/widgets/footer.py)."""

from __future__ import annotations

from typing import ClassVar

from poptui.screens.widgets.footer import KeyFooter
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input
from textual.widgets._footer import FooterKey


class TwoFields(App[None]):
    """Two fields; Ctrl+S is only offered while the second one has the focus."""

    BINDINGS: ClassVar = [Binding("ctrl+s", "save", "Opslaan"), Binding("f2", "other", "Ander")]

    def compose(self) -> ComposeResult:
        yield Input(id="first")
        yield Input(id="second")
        yield Input(id="third")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.focused is not None and self.focused.id == "second"
        return True

    def action_save(self) -> None:
        self.saved = True

    def action_other(self) -> None:
        pass


def footer_keys(app: App[None]) -> list[FooterKey]:
    return list(app.screen.query_one(KeyFooter).query(FooterKey).results(FooterKey))


def shown(app: App[None]) -> list[str]:
    return [key.key for key in footer_keys(app)]


async def test_moving_the_focus_keeps_the_footer_when_its_keys_stay_the_same() -> None:
    app = TwoFields()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = footer_keys(app)
        assert "f2" in shown(app) and "ctrl+s" not in shown(app)

        await pilot.press("tab")  # second field: Ctrl+S comes in, the footer is rebuilt
        await pilot.pause()
        assert "ctrl+s" in shown(app)
        with_save = footer_keys(app)
        assert with_save[0] is not before[0]

        await pilot.press("tab")  # third field: Ctrl+S leaves again
        await pilot.pause()
        assert "ctrl+s" not in shown(app)
        without_save = footer_keys(app)

        await pilot.press("tab")  # round to the first field: the same keys on show
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "first"
        assert "ctrl+s" not in shown(app)
        assert footer_keys(app)[0] is without_save[0]  # not rebuilt: the same key widgets

        await pilot.press("tab", "ctrl+s")  # and the key still works
        await pilot.pause()
        assert getattr(app, "saved", False)
