"""FormPdf draws a plain text cell without fpdf2's text line (:meth:`FormPdf.cell`): the document must be
fpdf2's own to the byte (same content, same glyph numbering, same position afterwards), and everything
the short path does not handle must go to fpdf2's ``cell`` as it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from export_fixtures import employee, moments, organisation, pop_print, trajectory
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from poptui.export import pdf_layout
from poptui.export.forms_pdf import ConsentPrint, ConsentWording, consent_pdf
from poptui.export.pop_pdf import pop_pdf

Draw = Callable[..., Any]


def _same_bytes(data: bytes) -> bytes:
    """A document without what differs between two runs: its creation date and its file identifier."""
    data = re.sub(rb"/CreationDate \(D:[^)]*\)", b"/CreationDate ()", data)
    return re.sub(rb"/ID \[<[0-9A-Fa-f]+><[0-9A-Fa-f]+>\]", b"/ID []", data)


TEXTS = ["", " ", "Naam:", "Inès Çécile Ŀő", "Пётр", "(haakjes) en \\ schuine streep", "✔", "a\u00adb", "x" * 120]


def _cells(pdf: pdf_layout.FormPdf, cell: Draw) -> list[tuple[Any, ...]]:
    """Every kind of cell the forms draw and more: each text in both styles and several sizes, every
    alignment, border, fill, width (given, 0 = to the margin, None = the text's), height (None = the
    font size), every next position, a text colour other than the fill colour, cells that break the
    page; with the position and the answer after each, to compare."""
    after: list[tuple[Any, ...]] = []
    borders: list[int | str] = [0, 1, "B", "LT", "LTRB", "RB", ""]
    moves = [
        (XPos.RIGHT, YPos.TOP),
        (XPos.LMARGIN, YPos.NEXT),
        (XPos.LEFT, YPos.NEXT),
        (XPos.START, YPos.LAST),
        (XPos.END, YPos.TOP),
        (XPos.WCONT, YPos.TOP),
        (XPos.CENTER, YPos.TOP),
        (XPos.RMARGIN, YPos.TMARGIN),
        ("LMARGIN", "BMARGIN"),
    ]
    number = 0
    for style in ("", "B"):
        for size in (6, 9.5, 16):
            pdf.set_font(pdf_layout.FONT, style, size)
            for text in TEXTS:
                for align in ("L", "C", "R", ""):
                    number += 1
                    border = borders[number % len(borders)]
                    new_x, new_y = moves[number % len(moves)]
                    width = (None if text else 30, 0, 42.5, 3)[number % 4]
                    height = (None, 4.5, 7)[number % 3]
                    fill = number % 5 == 0
                    if number % 7 == 0:
                        pdf.set_text_color(*pdf_layout.MUTED)
                        pdf.set_fill_color(*pdf_layout.SHADE)
                    elif number % 7 == 3:
                        pdf.set_text_color(*pdf_layout.INK)
                    if pdf.get_y() > pdf.page_bottom - 2 or number % 11 == 0:
                        pdf.set_y(pdf.page_bottom - 3)  # the next cell breaks the page
                    if pdf.get_x() > pdf.w - 60:
                        pdf.set_x(pdf_layout.MARGIN)
                    broke = cell(width, height, text, border, align=align, fill=fill, new_x=new_x, new_y=new_y)
                    after.append((broke, pdf.get_x(), pdf.get_y(), pdf.page, pdf._lasth))
    pdf.set_xy(pdf_layout.MARGIN, 60)
    cell(text="Positioneel", border=1)
    pdf.cell(20, 5, "Positioneel", 1, "DEPRECATED", "R", True)
    after.append((pdf.get_x(), pdf.get_y()))
    return after


def _document(draw: Callable[[pdf_layout.FormPdf], Draw]) -> tuple[bytes, list[tuple[Any, ...]]]:
    pdf = pdf_layout.FormPdf("Cellen", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
    after = _cells(pdf, draw(pdf))
    return _same_bytes(pdf.to_bytes()), after


def test_plain_cells_are_fpdf2s_cells_to_the_byte() -> None:
    ours, ours_after = _document(lambda pdf: pdf.cell)
    theirs, theirs_after = _document(lambda pdf: lambda *args, **kwargs: FPDF.cell(pdf, *args, **kwargs))
    assert ours_after == theirs_after
    assert ours == theirs
    assert len(ours_after) > 200


def test_cells_the_short_path_does_not_handle_are_fpdf2s(monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown, links, centring, underlined and raised text, stretching, character spacing, another text
    mode, the page-count alias and the old ``ln`` argument: fpdf2's ``cell`` draws them."""
    calls: list[str] = []
    original = FPDF.cell

    def counted(self: FPDF, *args: Any, **kwargs: Any) -> bool:
        calls.append(str(args[2] if len(args) > 2 else kwargs.get("text", "")))
        return original(self, *args, **kwargs)  # type: ignore[no-any-return]

    def unusual(pdf: pdf_layout.FormPdf) -> None:
        pdf.set_font(pdf_layout.FONT, "", 10)
        pdf.cell(40, 5, "**vet** en gewoon", markdown=True)
        pdf.cell(40, 5, "met link", link="https://example.org")
        pdf.cell(40, 5, "gecentreerd", center=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.cell(40, 5, "midden", align="X")
        pdf.cell(40, 5, "Pagina 1/{nb}")
        with pdf.local_context(underline=True):
            pdf.cell(40, 5, "onderlijnd")
        with pdf.local_context(char_vpos="SUP"):
            pdf.cell(40, 5, "hoog")
        pdf.set_stretching(90)
        pdf.cell(40, 5, "smal")
        pdf.set_stretching(100)
        pdf.set_char_spacing(1)
        pdf.cell(40, 5, "ruim")
        pdf.set_char_spacing(0)
        with pdf.local_context(text_mode="STROKE"):
            pdf.cell(40, 5, "omlijnd")
        pdf.cell(40, 5, "gewoon")

    monkeypatch.setattr(FPDF, "cell", counted)
    pdf = pdf_layout.FormPdf("Cellen", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
    calls.clear()
    unusual(pdf)
    ours = _same_bytes(pdf.to_bytes())
    assert "gewoon" not in calls
    assert {"**vet** en gewoon", "met link", "gecentreerd", "midden", "Pagina 1/{nb}", "onderlijnd", "hoog"} <= set(
        calls
    )
    assert {"smal", "ruim", "omlijnd"} <= set(calls)
    monkeypatch.setattr(pdf_layout.FormPdf, "cell", counted)
    pdf = pdf_layout.FormPdf("Cellen", pdf_layout.FormContext(organisation="De Werkplaats vzw"))
    unusual(pdf)
    assert ours == _same_bytes(pdf.to_bytes())


def _consent() -> bytes:
    org = organisation()
    worker = employee(org.id, first="Jan", last="D'Hondt")
    traject = trajectory(worker.id, "c1")
    wording = ConsentWording("1", None, "Toestemming", "Ik geef toestemming.\n\nVoor (alle) gegevens.")
    return consent_pdf(
        ConsentPrint(worker, org, [(traject, moments(worker.id, traject.id))], wording, "Sofie Claes", None, None)
    )


@pytest.mark.parametrize("first_name", ["Inès Çécile Ŀő", "Пётр"], ids=["compact fonts", "full fonts"])
def test_a_pop_and_a_consent_are_the_same_documents_with_fpdf2s_cell(
    first_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = [_same_bytes(pop_pdf(pop_print(first_name=first_name, follow_up=True))), _same_bytes(_consent())]
    monkeypatch.setattr(pdf_layout.FormPdf, "cell", FPDF.cell)
    theirs = [_same_bytes(pop_pdf(pop_print(first_name=first_name, follow_up=True))), _same_bytes(_consent())]
    assert ours == theirs
