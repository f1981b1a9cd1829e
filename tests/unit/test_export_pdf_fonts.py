"""The form fonts are prepared once per process and reused: what each document embeds and what
its text reads back as must be exactly what a document made from fresh fonts gives."""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from export_fixtures import pdf_text, pop_print
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from poptui.export import pdf_layout
from poptui.export.pop_pdf import pop_pdf


def _embedded(data: bytes) -> dict[str, bytes]:
    """Each embedded font program of the PDF, by its resource name."""
    fonts: dict[str, bytes] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for name, font in page["/Resources"]["/Font"].items():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            fonts[name] = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
    return fonts


def _page_streams(data: bytes) -> list[bytes]:
    """What each page draws, as written (text in the document's glyph codes)."""
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages]


def _characters(data: bytes) -> list[tuple[str, str, float, float]]:
    """Every character pdfplumber reads, with its font and place."""
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [
            (char["text"], char["fontname"], round(char["x0"], 3), round(char["top"], 3))
            for page in document.pages
            for char in page.chars
        ]


def _fresh_fonts() -> None:
    pdf_layout._font_template.cache_clear()
    pdf_layout._glyph_book.cache_clear()
    pdf_layout._measured.clear()
    pdf_layout._broken.clear()


@pytest.mark.parametrize("first_name", ["Inès Çécile Ŀő", "Пётр"], ids=["compact fonts", "full fonts"])
def test_a_cached_font_gives_the_same_document_as_fresh_fonts(first_name: str) -> None:
    """The first document after the fonts are prepared, and the same document made again after
    another one has used the cached fonts (and the remembered line measurements), extract to the
    same text and characters, embed the same font bytes and draw the same page streams."""
    _fresh_fonts()
    first = pop_pdf(pop_print(first_name=first_name))
    pop_pdf(pop_print(first_name="Zoë Ŵ ĳ"))  # another document in between, with other glyphs
    again = pop_pdf(pop_print(first_name=first_name))
    assert pdf_text(again) == pdf_text(first)
    assert f"{first_name} Van den Broeck" in pdf_text(again)
    assert _characters(again) == _characters(first)
    assert _embedded(again) == _embedded(first)
    assert _page_streams(again) == _page_streams(first)


@pytest.mark.parametrize("first_name", ["Inès Çécile Ŀő ǅ Ǻ", "Пётр Ωмега"], ids=["compact fonts", "full fonts"])
def test_embedded_fonts_are_byte_for_byte_what_a_recalculating_save_writes(
    first_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents keep the glyph bytes as prepared and fill the summary tables (bounding box,
    extents, maxima) from facts read once; fontTools' own save decodes every glyph again and
    recalculates them. Both must write the same font (composite glyphs such as Ç and Ǻ included)."""
    ours = pop_pdf(pop_print(first_name=first_name))

    def recalculating_save(font: Any, file: Any, reorderTables: bool | None = True) -> None:
        font.recalcBBoxes = True
        TTFont.save(font, file, reorderTables)

    monkeypatch.setattr(pdf_layout._FormFont, "save", recalculating_save)
    pdf_layout._glyph_book.cache_clear()  # the cuts made for ``ours`` are forgotten: cut again
    theirs = pop_pdf(pop_print(first_name=first_name))
    assert _embedded(ours) == _embedded(theirs)
    for program in _embedded(ours).values():
        font = TTFont(io.BytesIO(program))
        assert font["maxp"].numGlyphs == len(font.getGlyphOrder()) < 400  # a subset, not the whole font


def test_measuring_text_leaves_the_documents_glyph_codes_alone() -> None:
    """Line measurements are remembered per process, so whether a text is measured by a dry run
    depends on earlier documents. The dry run must not number glyphs in the document's font
    subset: the codes follow what is drawn (else the same POP is written in other codes after
    other documents; in the month's package 23 of 48 documents changed with the order)."""
    _fresh_fonts()
    pdf = pdf_layout.FormPdf("Titel", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
    pdf.set_font(pdf_layout.FONT, "", 10)
    subset = pdf.current_font.subset
    before = dict(subset._char_id_per_glyph)
    lines = pdf_layout.text_lines(pdf, 40, 5, "Quixotische jazzy Ÿ-woorden die over meerdere regels lopen")
    assert len(lines) > 1
    assert dict(subset._char_id_per_glyph) == before
    pdf.cell(0, 5, "Q")  # drawing numbers the glyph
    assert len(subset._char_id_per_glyph) == len(before) + 1


WIDTH_TEXTS = ["", " ", "werkvloerbegeleider", "Inès Çécile Ŀő", "Пётр", "a\u00adb", "Pagina 3/{nb}", "✔", "x" * 300]


def test_a_string_is_exactly_as_wide_as_fpdf2_measures_it() -> None:
    """FormPdf measures a plain text without fpdf2's fragments; the width is fpdf2's to the last
    bit in every font, size and state it handles itself, and fpdf2's own answer in the others."""
    from fpdf import FPDF

    pdf = pdf_layout.FormPdf("Titel", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
    for style in ("", "B"):
        for size in (6, 8.5, 9, 10.5, 16, 90):
            pdf.set_font(pdf_layout.FONT, style, size)
            for text in WIDTH_TEXTS:
                assert pdf.get_string_width(text) == FPDF.get_string_width(pdf, text), (style, size, text)
    pdf.set_font(pdf_layout.FONT, "", 10)
    pdf.set_char_spacing(1.5)
    pdf.set_stretching(90)
    for text in WIDTH_TEXTS:
        assert pdf.get_string_width(text) == FPDF.get_string_width(pdf, text)
    assert pdf.get_string_width("**vet** en gewoon", markdown=True) == FPDF.get_string_width(
        pdf, "**vet** en gewoon", markdown=True
    )


@pytest.mark.parametrize("first_name", ["Inès Çécile Ŀő", "Пётр"], ids=["compact fonts", "full fonts"])
def test_measuring_strings_without_fragments_draws_the_same_document(
    first_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole POP, with FormPdf's string widths and with fpdf2's: the same pages, byte for byte."""
    ours = pop_pdf(pop_print(first_name=first_name))
    from fpdf import FPDF

    monkeypatch.setattr(pdf_layout.FormPdf, "get_string_width", FPDF.get_string_width)
    theirs = pop_pdf(pop_print(first_name=first_name))
    assert _page_streams(ours) == _page_streams(theirs)
    assert _embedded(ours) == _embedded(theirs)


def test_documents_needing_the_same_glyphs_share_one_cut_written_as_a_fresh_cut() -> None:
    """A font is cut down to the document's glyphs and the base text's (printable ASCII, the forms'
    accents and the tick) once per process and set of glyphs; a document reusing a cut embeds the
    same bytes as when it is made first in a fresh process, so earlier documents never change a
    document's bytes."""
    _fresh_fonts()
    fresh = pop_pdf(pop_print(first_name="Bart"))
    _fresh_fonts()
    pop_pdf(pop_print(first_name="Arne"))  # the same glyphs (every ASCII letter is in the base)
    cuts = {style: len(pdf_layout._glyph_book(style, True)._cuts) for style in pdf_layout.FONT_FILES}
    reused = pop_pdf(pop_print(first_name="Bart"))
    assert {style: len(pdf_layout._glyph_book(style, True)._cuts) for style in pdf_layout.FONT_FILES} == cuts
    assert cuts == {"": 1, "B": 1}
    assert _embedded(reused) == _embedded(fresh)
    assert _page_streams(reused) == _page_streams(fresh)
    for program in _embedded(reused).values():
        font = TTFont(io.BytesIO(program))
        assert {"Q", "z", "section", "uni2714"} <= set(font.getGlyphOrder())  # in the base, unused here
        assert len(font.getGlyphOrder()) < 200  # a cut, not the compact font


def test_a_name_with_another_accent_gets_its_own_cut_with_that_glyph() -> None:
    _fresh_fonts()
    data = pop_pdf(pop_print(first_name="Łukasz"))
    assert "Łukasz Van den Broeck" in pdf_text(data)
    regular = [TTFont(io.BytesIO(program)) for program in _embedded(data).values()]
    assert any("Lslash" in font.getGlyphOrder() for font in regular)
    pop_pdf(pop_print(first_name="Lukasz"))
    assert len(pdf_layout._glyph_book("", True)._cuts) == 2


def _broken_lines(pdf_line_class: type, character_width: Any) -> list[bytes]:
    """A page of paragraphs that break over many lines, in every state the line breaker meets: plain,
    bold and regular fragments in one line (markdown), a soft hyphen and a long word, character
    spacing and stretching (measured as fpdf2 does), and a core font."""
    import fpdf.line_break

    before = fpdf.line_break.CurrentLine, fpdf.line_break.Fragment.get_character_width
    fpdf.line_break.CurrentLine = pdf_line_class
    fpdf.line_break.Fragment.get_character_width = character_width
    try:
        pdf = pdf_layout.FormPdf("Titel", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
        pdf.add_page()
        text = "Inès Çécile werkt als werkvloerbegeleider en wil leren plannen, " * 6
        for style, size in (("", 10), ("B", 9), ("", 7.5)):
            pdf.set_font(pdf_layout.FONT, style, size)
            pdf.multi_cell(120, 5, text)
            pdf.multi_cell(80, 5, text, align="J")
        pdf.multi_cell(90, 5, "**Vet** en gewoon, **nog eens vet** " * 8, markdown=True)
        pdf.multi_cell(40, 5, "ont\u00adwikkel\u00adings\u00adplan " * 6 + "x" * 120)
        pdf.set_char_spacing(1.2)
        pdf.multi_cell(100, 5, text)
        pdf.set_char_spacing(0)
        pdf.set_stretching(90)
        pdf.multi_cell(100, 5, text)
        pdf.set_stretching(100)
        pdf.set_font("helvetica", "", 10)
        pdf.multi_cell(100, 5, "core font text " * 20)
        return _page_streams(pdf.to_bytes())
    finally:
        fpdf.line_break.CurrentLine, fpdf.line_break.Fragment.get_character_width = before


def test_lines_break_exactly_as_fpdf2_breaks_them() -> None:
    """FormPdf's line keeps its width up to date instead of summing it again at every character, and
    a character's width is read from the font; every line, its width (alignment, justification) and
    so every page stream stays fpdf2's."""
    import fpdf.line_break

    assert fpdf.line_break.CurrentLine is pdf_layout._FormLine
    assert fpdf.line_break.Fragment.get_character_width is pdf_layout._character_width
    ours = _broken_lines(pdf_layout._FormLine, pdf_layout._character_width)
    assert ours == _broken_lines(pdf_layout.CurrentLine, pdf_layout._fpdf2_character_width)
    assert ours == _broken_lines(pdf_layout._FormLine, pdf_layout._fpdf2_character_width)


@pytest.mark.parametrize("first_name", ["Inès Çécile Ŀő", "Пётр"], ids=["compact fonts", "full fonts"])
def test_a_pop_is_the_same_document_with_fpdf2s_own_line(first_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import fpdf.line_break

    ours = pop_pdf(pop_print(first_name=first_name, follow_up=True))
    monkeypatch.setattr(fpdf.line_break, "CurrentLine", pdf_layout.CurrentLine)
    monkeypatch.setattr(fpdf.line_break.Fragment, "get_character_width", pdf_layout._fpdf2_character_width)
    theirs = pop_pdf(pop_print(first_name=first_name, follow_up=True))
    assert _page_streams(ours) == _page_streams(theirs)
    assert _embedded(ours) == _embedded(theirs)


def test_fonts_prepared_ahead_give_the_same_document() -> None:
    """The month's package prepares the compact fonts before it forks its helpers (they share them)."""
    _fresh_fonts()
    fresh = pop_pdf(pop_print(first_name="Bart"))
    _fresh_fonts()
    pdf_layout.prepare_form_fonts()
    assert pdf_layout._glyph_book.cache_info().currsize == len(pdf_layout.FONT_FILES)
    assert pdf_layout._font_template.cache_info().currsize == len(pdf_layout.FONT_FILES)
    prepared = pop_pdf(pop_print(first_name="Bart"))
    assert _embedded(prepared) == _embedded(fresh)
    assert _page_streams(prepared) == _page_streams(fresh)


def test_a_characters_width_is_exactly_fpdf2s() -> None:
    pdf = pdf_layout.FormPdf("Titel", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
    pdf.add_page()
    text = "".join(WIDTH_TEXTS) + pdf_layout.BASE_TEXT
    checked = 0
    for style in ("", "B"):
        for size in (6, 8.5, 9, 10.5, 16, 90):
            for spacing, stretching in ((0, 100), (1.5, 100), (0, 90)):
                pdf.set_font(pdf_layout.FONT, style, size)
                pdf.set_char_spacing(spacing)
                pdf.set_stretching(stretching)
                for fragment in pdf._preload_font_styles(text, False):
                    for char in [*fragment.characters, "\u00ad"]:
                        for initial in (True, False):
                            ours = pdf_layout._character_width(fragment, char, False, initial)
                            assert ours == pdf_layout._fpdf2_character_width(fragment, char, False, initial), char
                            checked += 1
    assert checked > 10_000


def _without_remembered_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """fpdf2's own line breaker for every ``multi_cell``, and measuring by a dry run of it."""
    import fpdf.fpdf

    monkeypatch.setattr(fpdf.fpdf, "MultiLineBreak", pdf_layout._MultiLineBreak)
    monkeypatch.setattr(pdf_layout, "_plain_lines", lambda *_args: None)
    pdf_layout._measured.clear()


@pytest.mark.parametrize("first_name", ["Inès Çécile Ŀő", "Пётр"], ids=["compact fonts", "full fonts"])
def test_remembered_line_breaks_draw_the_same_document_as_fpdf2s_breaker(
    first_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text's lines are broken once per process and remembered (measured, then drawn; and the same text
    in the next document): the first document, one made from remembered lines, and one made by fpdf2's
    breaker with a dry run to measure, draw the same page streams and embed the same fonts."""
    import fpdf.fpdf

    assert fpdf.fpdf.MultiLineBreak is pdf_layout._RememberedLineBreak
    _fresh_fonts()
    first = pop_pdf(pop_print(first_name=first_name, follow_up=True))
    assert pdf_layout._broken
    remembered = pop_pdf(pop_print(first_name=first_name, follow_up=True))
    _without_remembered_lines(monkeypatch)
    theirs = pop_pdf(pop_print(first_name=first_name, follow_up=True))
    assert _page_streams(first) == _page_streams(remembered) == _page_streams(theirs)
    assert _embedded(first) == _embedded(remembered) == _embedded(theirs)
    assert f"{first_name} Van den Broeck" in pdf_text(remembered)


def test_remembered_line_breaks_leave_every_other_text_to_fpdf2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown, soft hyphens, character spacing, stretching and a core font: the same page as fpdf2's breaker
    draws, made twice (the second time from what was remembered)."""
    _fresh_fonts()
    ours = _broken_lines(pdf_layout._FormLine, pdf_layout._character_width)
    again = _broken_lines(pdf_layout._FormLine, pdf_layout._character_width)
    _without_remembered_lines(monkeypatch)
    assert ours == again == _broken_lines(pdf_layout._FormLine, pdf_layout._character_width)


def test_measuring_a_plain_text_gives_the_lines_of_a_dry_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from fpdf.enums import MethodReturnValue

    pdf = pdf_layout.FormPdf("Titel", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
    texts = [
        "",
        " ",
        "kort",
        "Inès Çécile werkt als werkvloerbegeleider en wil leren plannen, " * 5,
        "x" * 300,
        "a\nb\n",
    ]
    for style, size in (("", 9), ("B", 11.5)):
        pdf.set_font(pdf_layout.FONT, style, size)
        for width in (20, 57.5, 174):
            for text in texts:
                dry = pdf.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES)
                assert pdf_layout._measure(pdf, width, 5, text) == tuple(dry), (text, width)
