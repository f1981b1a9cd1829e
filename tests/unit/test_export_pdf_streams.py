"""Font files compressed once per process (poptui/export/pdf_streams.py): every document is byte for
byte what fpdf2's own font stream writes, whether its font file was compressed before or not."""

from __future__ import annotations

import re

import fpdf.output
import pytest
from export_fixtures import pop_print
from fpdf.output import PDFContentStream

from poptui.export import pdf_layout, pdf_streams
from poptui.export.pop_pdf import pop_pdf

FPDF2_FONT_STREAM = pdf_streams.PDFFontStream


def _without_date_and_id(data: bytes) -> bytes:
    data = re.sub(rb"/CreationDate \(D:[^)]*\)", b"/CreationDate ()", data)
    return re.sub(rb"/ID \[<[0-9a-fA-F]+><[0-9a-fA-F]+>\]", b"/ID []", data)


def _serialised(stream: PDFContentStream) -> str:
    stream.id = 7
    return stream.serialize()


def test_fpdf2_embeds_font_files_through_the_kept_stream() -> None:
    assert fpdf.output.PDFFontStream is pdf_streams.KeptFontStream


@pytest.mark.parametrize("first_name", ["Inès Çécile Ŀő", "Пётр"], ids=["compact fonts", "full fonts"])
def test_a_pop_is_byte_for_byte_what_fpdf2s_font_stream_writes(
    first_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first document (its fonts compressed now) and the same document again (its fonts taken from
    what was kept) are the document fpdf2's own font stream writes."""
    pdf_streams._compressed.clear()
    first = pop_pdf(pop_print(first_name=first_name, follow_up=True))
    assert pdf_streams._compressed  # the fonts were kept ...
    again = pop_pdf(pop_print(first_name=first_name, follow_up=True))  # ... and taken from there
    monkeypatch.setattr(fpdf.output, "PDFFontStream", FPDF2_FONT_STREAM)
    theirs = pop_pdf(pop_print(first_name=first_name, follow_up=True))
    assert _without_date_and_id(first) == _without_date_and_id(theirs)
    assert _without_date_and_id(again) == _without_date_and_id(theirs)


def test_a_kept_stream_serialises_as_fpdf2s_and_only_the_last_are_kept() -> None:
    pdf_streams._compressed.clear()
    fonts = [bytes(range(256)) * (index + 1) for index in range(pdf_streams.KEPT + 2)]
    for raw in fonts:
        made = pdf_streams.KeptFontStream(raw)
        kept = pdf_streams.KeptFontStream(raw)
        theirs = FPDF2_FONT_STREAM(raw)
        for ours in (made, kept):
            assert _serialised(ours) == _serialised(theirs)
            assert (ours.length, ours.length1, ours.filter) == (theirs.length, theirs.length1, theirs.filter)
    assert list(pdf_streams._compressed) == fonts[-pdf_streams.KEPT :]


def test_contents_that_are_not_bytes_go_to_fpdf2_as_they_are() -> None:
    pdf_streams._compressed.clear()
    raw = bytearray(b"\x00\x01\x00\x00 not really a font")
    ours = pdf_streams.KeptFontStream(raw)
    assert _serialised(ours) == _serialised(FPDF2_FONT_STREAM(raw))
    assert not pdf_streams._compressed
    assert isinstance(ours, PDFContentStream)


def test_the_layout_module_switches_the_stream_on() -> None:
    assert pdf_layout.keep_compressed_fonts is pdf_streams.keep_compressed_fonts
