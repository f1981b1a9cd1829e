"""Snapshots at 80x24: the POP (draft, final, summary), the action and summary forms, the follow-up evaluation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from screen_openers import Opener, opener_ids, openers

SNAPSHOTS = [opener for opener in openers("pop") if opener.snapshot]


@pytest.mark.parametrize("opener", SNAPSHOTS, ids=opener_ids(SNAPSHOTS))
def test_pop(opener: Opener, snap_screen: Callable[[Opener], bool]) -> None:
    assert snap_screen(opener)
