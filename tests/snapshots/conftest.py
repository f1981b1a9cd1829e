"""The snapshot tests: one picture at 80x24 per screen, dialog and state of tests/screen_openers.py.

They run on the filled demo database with the clock frozen (tests/conftest.py), so a picture only
changes when the screen does. After a deliberate change: ``pytest tests/snapshots --snapshot-update``,
then look at every changed picture (snapshot_report.html) before committing it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from screen_openers import Lookup, Opener, is_open, make_app, settle
from textual.pilot import Pilot


@pytest.fixture
def snap_screen(
    snap_compare: Callable[..., bool], screens_look: Lookup, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Opener], bool]:
    """Open the opener's screen and compare its picture with the stored one."""
    # The month report shows the exports folder: the same path on every machine (nothing is written there).
    monkeypatch.setenv("XDG_DATA_HOME", "/home/coach/.local/share")
    # The same terminal everywhere: colours and Unicode (the card pictures and rating bars depend on it).
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("POPTUI_ASCII", raising=False)

    def snap(opener: Opener) -> bool:
        look = screens_look

        async def run_before(pilot: Pilot) -> None:
            await opener.steps(pilot, look)
            assert is_open(pilot.app, opener, look), f"{type(pilot.app.screen).__name__} is on top"
            pilot.app.clear_notifications()  # a toast times out: whether it is still there depends on the load
            await settle(pilot)

        return snap_compare(make_app(look.db, look, opener), terminal_size=(80, 24), run_before=run_before)

    return snap
