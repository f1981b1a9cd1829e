"""docs/handleiding.md: every picture is one of the screenshots the script makes, and every
screenshot still shows what its screen shows (taken again and compared as text)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "handleiding.md"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_screenshots", ROOT / "docs" / "make_screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _pictures(text: str) -> set[str]:
    return set(re.findall(r"\]\((?:docs/)?img/([\w-]+)\.svg\)", text))


def test_the_guide_shows_every_screenshot_and_nothing_else() -> None:
    names = {shot.name for shot in _script().SHOTS}
    assert _pictures(GUIDE.read_text(encoding="utf-8")) == names
    assert {path.stem for path in (ROOT / "docs" / "img").glob("*.svg")} == names


def test_the_readme_links_the_guide_and_shows_a_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(docs/handleiding.md)" in readme
    assert len(_pictures(readme)) == 1


def test_svg_text_reads_the_screen_as_lines() -> None:
    script = _script()
    lines = script.svg_text((ROOT / "docs" / "img" / "startscherm.svg").read_text(encoding="utf-8"))
    assert len(lines) == 24
    assert any("Mijn lopende trajecten" in line for line in lines)
    assert any(re.search(r"Werknemer\s{3,}Variant\s{3,}Status", line) for line in lines)  # columns keep their gaps


@pytest.mark.slow
def test_every_screenshot_still_matches_its_screen() -> None:
    script = _script()
    pictures = script.render()
    stale = script.stale(pictures)
    assert stale == [], f"screens changed since their screenshot: run python docs/make_screenshots.py ({stale})"
