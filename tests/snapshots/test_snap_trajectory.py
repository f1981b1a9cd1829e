"""Snapshots at 80x24: trajectory pages in every state, contact moments, consultations, the new-trajectory wizard."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from screen_openers import Opener, opener_ids, openers

SNAPSHOTS = [opener for opener in openers("trajectory") if opener.snapshot]


@pytest.mark.parametrize("opener", SNAPSHOTS, ids=opener_ids(SNAPSHOTS))
def test_trajectory(opener: Opener, snap_screen: Callable[[Opener], bool]) -> None:
    assert snap_screen(opener)
