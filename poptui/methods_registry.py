"""Every method (§5, and the planning tools of §4.5.3) in one place.

A method is four things, each declared once:

- its **catalog entry** in ``data/methods.json``: name, section, phases, goals, the
  guidance (doel, doelgroep, tijdsduur, middelen, werkwijze, aandachtspunten) and,
  when it has one, the name of its own blank ``worksheet``;
- its **record class** in :mod:`poptui.models` (a :class:`MethodRecordBase` subclass
  with ``kind: Literal[MethodKind.X]``), listed in the ``MethodRecord`` union of
  :mod:`poptui.models.methods`;
- its **screen**, a module in ``screens/`` with its ``.tcss``, named in
  ``poptui.screens.method_screens.METHOD_SCREENS`` (the screens' half of this
  registry: the domain never imports the screens);
- its **blank worksheet**: the one its catalog entry names, else the general method
  sheet (goal, way of working, room for notes and conclusions);
- its **filled sheet**: how a filled record prints on A4, a function named in
  :data:`FILLED_SHEETS` (``"module:function"``, imported when first printed), else the
  general filled sheet (:func:`poptui.export.method_sheets.general_sheet`: every filled
  field with its title, the notes and the conclusions).

:func:`method` gives the domain half for a kind; ``tests/unit/test_methods_registry.py``
checks that every :class:`MethodKind` resolves to all four.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from poptui.catalog import MethodGuide, load_catalog
from poptui.i18n import _, current_language
from poptui.models import METHOD_RECORD_CLASSES, MethodKind, MethodRecordBase

if TYPE_CHECKING:
    from poptui.export.method_sheets import FilledSheet

GENERAL_SHEET = "poptui.export.method_sheets:general_sheet"

FILLED_SHEETS: dict[MethodKind, str] = {
    MethodKind.AI_DROOMFASE: "poptui.export.conversation_sheets:ai_sheet",
    MethodKind.INTERVIEW: "poptui.export.conversation_sheets:interview_sheet",
    MethodKind.HAND: "poptui.export.conversation_sheets:hand_sheet",
    MethodKind.KLOKWIJS: "poptui.export.conversation_sheets:klokwijs_sheet",
    MethodKind.PRAATPLAAT: "poptui.export.conversation_sheets:praatplaat_sheet",
    MethodKind.COMPETENTIEMETING: "poptui.export.competence_sheet:competence_sheet",
    MethodKind.KWALITEITENSPEL: "poptui.export.card_games_pdf:filled_kwaliteitenspel",
    MethodKind.VAARDIGHEDENSPEL: "poptui.export.card_games_pdf:filled_vaardighedenspel",
    MethodKind.VIER_OP_EEN_RIJ: "poptui.export.card_games_pdf:filled_vier_op_een_rij",
    MethodKind.DROOMPAGINA: "poptui.export.card_games_pdf:filled_pictures",
    MethodKind.PRENTENBEELD: "poptui.export.card_games_pdf:filled_pictures",
}
"""Method kind -> ``"module:function"`` drawing its filled sheet's body (a
:data:`poptui.export.method_sheets.FilledSheet`). A kind not listed prints :data:`GENERAL_SHEET`."""


@dataclass(frozen=True)
class Method:
    """One method: its catalog entry (``guide``), its record class and its blank worksheet."""

    kind: MethodKind
    guide: MethodGuide
    record_class: type[MethodRecordBase]
    worksheet: str
    """A name that :func:`poptui.services.forms.export_blank` prints."""

    @property
    def name(self) -> str:
        """The method's name as the coach reads it (translated)."""
        return _(self.guide.name)

    @property
    def filled_sheet(self) -> FilledSheet:
        """The function that draws this method's part of its filled A4 sheet (imported now)."""
        module_name, _sep, function_name = FILLED_SHEETS.get(self.kind, GENERAL_SHEET).partition(":")
        sheet: FilledSheet = getattr(importlib.import_module(module_name), function_name)
        return sheet


def method(kind: MethodKind | str) -> Method:
    """The method of ``kind`` (a :class:`MethodKind` or its stored value)."""
    kind = MethodKind(kind)
    guide = load_catalog().methods[kind]
    return Method(kind, guide, METHOD_RECORD_CLASSES[kind], guide.worksheet or kind.value)


def all_methods() -> list[Method]:
    """Every method, in the catalog's order (the draaiboek's)."""
    return [method(kind) for kind in load_catalog().methods]


def method_name(kind: MethodKind | str) -> str:
    return method(kind).name


def guidance_text(kind: MethodKind | str, extra: str = "") -> str:
    """The method's guidance as one readable text for the help dialog: doel, doelgroep, tijdsduur,
    middelen, werkwijze and aandachtspunten, then ``extra`` (a screen's own explanation)."""
    guide = method(kind).guide
    guidance = guide.guidance
    parts = [_("{name} (§{section})", name=_(guide.name), section=guide.section), ""]
    if current_language() != "nl":  # the draaiboek's own words are not translated: say so
        parts += [_("(Deze uitleg komt uit het draaiboek en is in het Nederlands.)"), ""]
    parts += [
        _("Doel: {text}", text=guidance.doel),
        _("Doelgroep: {text}", text=guidance.doelgroep),
        _("Tijdsduur: {text}", text=guidance.tijdsduur),
    ]
    if guidance.middelen:
        parts += ["", _("Middelen:"), *(f"  • {item}" for item in guidance.middelen)]
    parts += ["", _("Werkwijze:"), *(f"  • {step}" for step in guidance.werkwijze)]
    if guidance.aandachtspunten:
        parts += ["", _("Aandachtspunten:"), *(f"  • {item}" for item in guidance.aandachtspunten)]
    if extra:
        parts += ["", extra]
    if guide.own_guidance:
        parts += ["", _("(Het draaiboek noemt deze methodiek zonder ze te beschrijven; deze uitleg is van poptui.)")]
    return "\n".join(parts)
