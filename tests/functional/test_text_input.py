"""poptui's Input (screens/widgets/text_input.py): typing repaints the field without laying out the
screen, and the field still behaves as Textual's: a long text scrolls with the cursor in view,
deleting at the end scrolls back, selection, paste, a field sized by its text still grows, and the
form stores what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from poptui.screens.employee_form import EmployeeForm
from poptui.screens.widgets.text_input import Input
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input as TextualInput

from poptui.app import PopApp
from poptui.store import Database

LONG = "Vandenbroeck-Verstraeten de Wilde van Steenkiste"  # longer than the 20-column field


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> list[Screen[Any]]:
    """Every screen layout, by screen."""
    done: list[Screen[Any]] = []
    original = Screen._refresh_layout

    def counted(self: Screen[Any], *args: Any, **kwargs: Any) -> None:
        done.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return done


class Fields(App[None]):
    CSS = "Input { width: 20; } #grows { width: auto; }"

    def __init__(self, cls: type[TextualInput]) -> None:
        super().__init__()
        self.cls = cls

    def compose(self) -> ComposeResult:
        yield self.cls(id="fixed", compact=True)
        yield self.cls(id="grows", compact=True)


async def test_typing_in_a_form_lays_out_nothing(db: Database, layouts: list[Screen[Any]]) -> None:
    app = PopApp(db, None, ask_coach=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(EmployeeForm())
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input)
        layouts.clear()
        await pilot.press(*LONG)
        await pilot.pause()
        assert field.value == LONG
        assert layouts == []


async def test_textual_input_lays_out_the_screen_on_every_key(layouts: list[Screen[Any]]) -> None:
    """What the subclass is for: if Textual stops doing this, the subclass can go."""
    app = Fields(TextualInput)
    async with app.run_test(size=(40, 5)) as pilot:
        layouts.clear()
        await pilot.press(*"abcdef")
        await pilot.pause()
        assert len(layouts) >= 5


async def _states(cls: type[TextualInput]) -> list[tuple[object, ...]]:
    """What the fields show and where the cursor is after each step of an editing session."""
    steps: list[tuple[str, Any]] = [
        ("press", list(LONG)),
        ("press", ["backspace"] * 6),
        ("press", ["home"]),
        ("press", ["shift+right"] * 3),
        ("press", ["X"]),
        ("press", ["end"]),
        ("paste", " en nog een plakte tekst"),
        ("press", ["shift+home", "delete"]),
        ("press", list("kort")),
    ]
    app = Fields(cls)
    states: list[tuple[object, ...]] = []
    async with app.run_test(size=(40, 5)) as pilot:
        for field_id in ("fixed", "grows"):
            field = app.query_one(f"#{field_id}", TextualInput)
            field.focus()
            await pilot.pause()
            for kind, arg in steps:
                if kind == "paste":
                    field.post_message(events.Paste(arg))
                else:
                    await pilot.press(*arg)
                await pilot.pause()
                lines = [strip.text for strip in app.screen._compositor.render_strips()[:2]]
                states.append(
                    (field.value, field.scroll_x, field.cursor_screen_offset, field.selection, field.size, lines)
                )
    return states


async def test_editing_behaves_as_textuals_input() -> None:
    ours, textuals = await _states(Input), await _states(TextualInput)
    assert ours == textuals
    value, scroll_x, cursor, _selection, size, _lines = ours[0]
    assert value == LONG and scroll_x > 0  # the long text scrolled
    assert 0 <= cursor.x <= size.width  # with the cursor in view
    assert ours[-1][0] == "kort" and ours[-1][1] == 0  # a short text scrolls back
    grown = ours[len(ours) // 2]
    assert grown[4].width == len(LONG) + 1  # the auto-sized field grew with its text
