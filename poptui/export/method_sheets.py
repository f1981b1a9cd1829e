"""A filled method record as an A4 page: the blank worksheet's layout, filled in.

:func:`method_sheet_pdf` draws what every filled sheet shares: the method's title, the
employee, date, coach and contact moment filled in, then the method's own body, then the
notes (when there are any) and the conclusions with the part of the POP summary each is
meant for. The body is drawn by the method's *filled sheet*, a function
``(pdf, data) -> None`` that :mod:`poptui.methods_registry` names per kind
(``Method.filled_sheet``). A method without its own uses :func:`general_sheet`: the goal,
then every filled field of the record with its title (lists and nested records written
out as lines).

Pure: a frozen :class:`MethodSheetPrint` in, PDF bytes out. No database, no textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from poptui import clock
from poptui.catalog import Catalog
from poptui.export.pdf_layout import FormContext, FormPdf, form_document
from poptui.formatting import format_date
from poptui.i18n import _
from poptui.labels import label
from poptui.models import MethodRecordBase, SupervisorConsultation


@dataclass(frozen=True)
class MethodSheetPrint:
    """What a filled method sheet shows; ``moment`` names the contact moment ("2 – analyse")."""

    record: MethodRecordBase
    catalog: Catalog
    employee_name: str
    coach_name: str = ""
    organisation: str = ""
    moment: str = ""
    print_date: date = field(default_factory=lambda: clock.today())
    consultations: tuple[SupervisorConsultation, ...] = ()
    """The trajectory's supervisor consultations (the competence measurement prints their ratings)."""


FilledSheet = Callable[[FormPdf, MethodSheetPrint], None]
"""Draws a method's own part of its filled sheet (between the header fields and the conclusions)."""


@form_document
def method_sheet_pdf(data: MethodSheetPrint, body: FilledSheet | None = None) -> bytes:
    """The filled sheet of ``data.record``; ``body`` draws the method's part (default :func:`general_sheet`)."""
    record = data.record
    guide = data.catalog.methods[record.kind]
    pdf = FormPdf(
        _("{name} (ingevuld)", name=_(guide.name)),
        FormContext(data.organisation, data.print_date),
        " · ".join(guide.goals),
    )
    pdf.fields(
        [
            (_("Naam werknemer"), data.employee_name),
            (_("Datum"), format_date(record.date) if record.date else ""),
            (_("POP-coach"), data.coach_name),
            (_("Contactmoment"), data.moment),
        ]
    )
    draw = body or general_sheet
    draw(pdf, data)
    if record.notes.strip() and draw is not general_sheet:
        pdf.section(_("Notities"))
        pdf.paragraph(record.notes, size=9.5)
    conclusions_section(pdf, record)
    return pdf.to_bytes()


def conclusions_section(pdf: FormPdf, record: MethodRecordBase) -> None:
    """The record's conclusions, each with the part of the POP summary it is meant for."""
    pdf.section(
        _("Conclusies"), _("Voorstellen voor de samenvatting van het POP (Wat wil ik, Wat kan ik, Ontwikkelpunten).")
    )
    texts = [conclusion for conclusion in record.conclusions if conclusion.text.strip()]
    if not texts:
        pdf.paragraph(_("(geen conclusies)"), size=9, muted=True)
        return
    for conclusion in texts:
        part = label(conclusion.part) if conclusion.part else _("nog niet gekozen")
        pdf.paragraph(f"• {conclusion.text}  [{part}]", size=9.5)


def general_sheet(pdf: FormPdf, data: MethodSheetPrint) -> None:
    """A method without a filled sheet of its own: its goal, then every filled field with its
    title, then the notes."""
    record = data.record
    guide = data.catalog.methods[record.kind]
    pdf.paragraph(_("Doel: {text}", text=guide.guidance.doel), size=9, muted=True)
    own = [name for name in type(record).model_fields if name not in MethodRecordBase.model_fields]
    for name in own:
        value = getattr(record, name)
        lines = value_lines(value)
        if not lines:
            continue
        info = type(record).model_fields[name]
        pdf.subheading(_(info.title or name))
        for line in lines:
            pdf.paragraph(line, size=9.5)
    pdf.section(_("Notities"))
    if record.notes.strip():
        pdf.paragraph(record.notes, size=9.5)
    else:
        pdf.paragraph(_("(geen notities)"), size=9, muted=True)


def value_lines(value: Any, indent: str = "") -> list[str]:
    """A stored value as readable lines: text as is, lists one item per line, nested records as
    'title: value' lines; empty values give no lines."""
    if value is None or value == "" or value == [] or value == {}:
        return []
    if isinstance(value, bool):
        return [indent + (_("ja") if value else _("nee"))]
    if isinstance(value, Enum):
        return [indent + label(value)]
    if isinstance(value, date):
        return [indent + format_date(value)]
    if isinstance(value, BaseModel):
        lines: list[str] = []
        for name, info in type(value).model_fields.items():
            inner = value_lines(getattr(value, name))
            if not inner:
                continue
            title = _(info.title or name)
            if len(inner) == 1:
                lines.append(f"{indent}{title}: {inner[0].strip()}")
            else:
                lines.append(f"{indent}{title}:")
                lines.extend(f"{indent}  {line.strip()}" for line in inner)
        return lines
    if isinstance(value, dict):
        return [
            f"{indent}{key}: {' '.join(value_lines(item)).strip()}" for key, item in value.items() if value_lines(item)
        ]
    if isinstance(value, (list, tuple, set, frozenset)):
        out: list[str] = []
        for item in value:
            inner = value_lines(item)
            if inner:
                out.append(f"{indent}• {inner[0].strip()}")
                out.extend(f"{indent}  {line.strip()}" for line in inner[1:])
        return out
    return [indent + str(value)]
