"""Snapshots at 80x24: organisations, their people, hours, start-up analysis and blank worksheets."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from screen_openers import Opener, opener_ids, openers

SNAPSHOTS = [opener for opener in openers("organisations") if opener.snapshot]


@pytest.mark.parametrize("opener", SNAPSHOTS, ids=opener_ids(SNAPSHOTS))
def test_organisations(opener: Opener, snap_screen: Callable[[Opener], bool]) -> None:
    assert snap_screen(opener)
