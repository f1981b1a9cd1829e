"""The prepared form fonts kept on disk (poptui.export.font_cache): used when they match, prepared
again when stale, damaged or from another version, and the documents are the same either way."""

from __future__ import annotations

import io
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from export_fixtures import pop_print
from pypdf import PdfReader

from poptui.export import font_cache, pdf_layout
from poptui.export.pop_pdf import pop_pdf


def _fresh_fonts() -> None:
    pdf_layout._font_template.cache_clear()
    pdf_layout._glyph_book.cache_clear()
    pdf_layout._measured.clear()
    pdf_layout._broken.clear()


@pytest.fixture(autouse=True)
def _fonts_of_this_test_only() -> Iterator[None]:
    """No font prepared here (some under a changed recipe) is left for the next test."""
    yield
    _fresh_fonts()


def _kept() -> dict[str, bytes]:
    folder = font_cache.cache_folder()
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.bin"))} if folder.exists() else {}


def _document() -> tuple[list[bytes], list[bytes]]:
    """What a POP draws and embeds (the parts a font change would alter)."""
    reader = PdfReader(io.BytesIO(pop_pdf(pop_print(first_name="Inès"))))
    streams = [page.get_contents().get_data() for page in reader.pages]
    fonts = [
        font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()["/FontFile2"].get_data()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    ]
    return streams, fonts


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    made: list[tuple[str, bool]] = []
    original = pdf_layout._prepare_font

    def prepare(style: str, compact: bool) -> bytes:
        made.append((style, compact))
        return original(style, compact)

    monkeypatch.setattr(pdf_layout, "_prepare_font", prepare)
    return made


def test_the_prepared_fonts_are_kept_private_and_read_back_instead_of_prepared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = _counting(monkeypatch)
    _fresh_fonts()
    pdf_layout.prepare_form_fonts()
    assert sorted(made) == [("", True), ("B", True)]
    kept = _kept()
    assert sorted(kept) == ["dejavu-B-compact.bin", "dejavu-regular-compact.bin"]
    folder = font_cache.cache_folder()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE((folder / name).stat().st_mode) == 0o600 for name in kept)
    assert not [path for path in folder.iterdir() if path.suffix == ".tmp"]
    _fresh_fonts()
    made.clear()
    pdf_layout.prepare_form_fonts()
    assert made == []
    for style in pdf_layout.FONT_FILES:
        assert pdf_layout._font_template(style, True)[1] == pdf_layout._prepare_font(style, True)


def test_a_document_is_the_same_with_and_without_the_kept_fonts() -> None:
    _fresh_fonts()
    fresh = _document()  # prepares the fonts and keeps them
    _fresh_fonts()
    from_cache = _document()
    assert from_cache == fresh
    for path in font_cache.cache_folder().glob("*.bin"):
        path.unlink()
    _fresh_fonts()
    assert _document() == fresh


def _damage_cut_off(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def _damage_flipped_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-5000] ^= 0xFF
    path.write_bytes(bytes(data))


def _damage_garbage(path: Path) -> None:
    path.write_bytes(b"not a font at all")


def _damage_empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(
    "damage",
    [_damage_cut_off, _damage_flipped_byte, _damage_garbage, _damage_empty],
    ids=["cut off", "flipped byte", "garbage", "empty"],
)
def test_a_damaged_kept_font_is_prepared_again_and_rewritten(
    monkeypatch: pytest.MonkeyPatch, damage: Callable[[Path], None]
) -> None:
    _fresh_fonts()
    pdf_layout.prepare_form_fonts()
    good = _kept()
    fresh = _document()
    for name in good:
        damage(font_cache.cache_folder() / name)
    made = _counting(monkeypatch)
    _fresh_fonts()
    assert _document() == fresh
    assert sorted(made) == [("", True), ("B", True)]
    assert _kept() == good


@pytest.mark.parametrize("change", ["fontTools", "fpdf2", "format", "recipe"])
def test_a_font_kept_by_another_version_or_recipe_is_prepared_again(
    monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    _fresh_fonts()
    pdf_layout.prepare_form_fonts()
    before = _kept()
    if change == "fontTools":
        monkeypatch.setattr("fontTools.version", "0.0-other")
    elif change == "fpdf2":
        monkeypatch.setattr("fpdf.FPDF_VERSION", "0.0-other")
    elif change == "format":
        monkeypatch.setattr(font_cache, "FORMAT", font_cache.FORMAT + 1)
    else:
        monkeypatch.setattr(pdf_layout, "COMPACT_RANGES", (*pdf_layout.COMPACT_RANGES, (0x2200, 0x2201)))
    made = _counting(monkeypatch)
    _fresh_fonts()
    pdf_layout.prepare_form_fonts()
    assert sorted(made) == [("", True), ("B", True)]
    after = _kept()
    assert after.keys() == before.keys()
    assert all(after[name] != before[name] for name in after)  # written again under the new key


def test_a_changed_font_file_is_prepared_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    raw = b"prepared"
    font = tmp_path / "font.ttf"
    font.write_bytes(b"one")
    assert font_cache.prepared("test", font, "recipe", lambda: raw) == raw
    assert font_cache.prepared("test", font, "recipe", lambda: b"never asked") == raw
    font.write_bytes(b"two")
    assert font_cache.prepared("test", font, "recipe", lambda: b"again") == b"again"


def test_a_cache_folder_that_cannot_be_written_only_means_preparing_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    monkeypatch.setattr(font_cache, "cache_folder", lambda: blocker / "fonts")
    font = tmp_path / "font.ttf"
    font.write_bytes(b"one")
    assert font_cache.prepared("test", font, "recipe", lambda: b"made") == b"made"
    assert font_cache.prepared("test", font, "recipe", lambda: b"made again") == b"made again"
    _fresh_fonts()
    assert _document()[0]  # documents are still made
