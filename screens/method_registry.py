"""Which screen opens each method: the screens' half of the method registry
(:mod:`poptui.methods_registry` holds the domain half: record class, guidance, worksheet).

A screen is named as ``"module:Class"`` and imported when it is first opened, so starting
the app does not pay for the method screens. Every method screen takes the keyword
arguments of :class:`MethodScreenClass` and works on the record that
:func:`poptui.services.method_records.find_or_new` gives; methods without a screen of
their own open the free-notes screen (same record class: a later screen keeps the notes).
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol

from textual.screen import Screen

from poptui.models import MethodKind

METHOD_SCREENS: dict[MethodKind, str] = {
    MethodKind.AI_DROOMFASE: "poptui.screens.ai_screen:AiScreen",
    MethodKind.INTERVIEW: "poptui.screens.interview_screen:InterviewScreen",
    MethodKind.HAND: "poptui.screens.hand_screen:HandScreen",
    MethodKind.KWALITEITENSPEL: "poptui.screens.kwaliteitenspel:KwaliteitenspelScreen",
    MethodKind.VAARDIGHEDENSPEL: "poptui.screens.vaardighedenspel:VaardighedenspelScreen",
    MethodKind.COMPETENTIEMETING: "poptui.screens.competence_measurement:CompetenceMeasurementScreen",
    MethodKind.SCAN: "poptui.screens.scan_screen:ScanScreen",
    MethodKind.SMART: "poptui.screens.smart_screen:SmartScreen",
    MethodKind.KLOKWIJS: "poptui.screens.klokwijs_screen:KlokwijsScreen",
    MethodKind.DROOMPAGINA: "poptui.screens.picture_methods:DroompaginaScreen",
    MethodKind.PRENTENBEELD: "poptui.screens.picture_methods:PrentenbeeldScreen",
    MethodKind.VIER_OP_EEN_RIJ: "poptui.screens.vier_op_een_rij:VierOpEenRijScreen",
    MethodKind.PRAATPLAAT: "poptui.screens.praatplaat_screen:PraatplaatScreen",
    MethodKind.BESLISSINGSMATRIX: "poptui.screens.decision_matrix:DecisionMatrixScreen",
    MethodKind.MINDMAP: "poptui.screens.mindmap:MindmapScreen",
    MethodKind.TIJDSLIJN: "poptui.screens.timeline:TimelineScreen",
}
"""Method kind -> ``"module:Class"`` of its screen. Every method kind has its own screen."""


class MethodScreenClass(Protocol):
    """How every method screen is built."""

    def __call__(
        self,
        *,
        employee_id: str,
        trajectory_id: str,
        kind: MethodKind | str,
        contact_moment_id: str | None = None,
        record_id: str | None = None,
    ) -> Screen[Any]: ...


def method_screen(kind: MethodKind | str) -> MethodScreenClass:
    """The screen class of a method (imported now, on first use)."""
    module_name, _sep, class_name = METHOD_SCREENS[MethodKind(kind)].partition(":")
    screen_class: MethodScreenClass = getattr(importlib.import_module(module_name), class_name)
    return screen_class
