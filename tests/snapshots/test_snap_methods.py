"""Snapshots at 80x24: the methods: the notes screens and the planning methods' own screens."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from screen_openers import Opener, opener_ids, openers

SNAPSHOTS = [opener for opener in openers("methods") if opener.snapshot]


@pytest.mark.parametrize("opener", SNAPSHOTS, ids=opener_ids(SNAPSHOTS))
def test_methods(opener: Opener, snap_screen: Callable[[Opener], bool]) -> None:
    assert snap_screen(opener)
