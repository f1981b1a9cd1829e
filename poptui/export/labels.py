"""Dutch labels of the enum values that printed forms and overviews show."""

from __future__ import annotations

from poptui.i18n import _
from poptui.models import CompetenceKind, HoursKind, Phase, TrajectoryStatus, VariantId


def phase_label(phase: Phase) -> str:
    return {
        Phase.OPSTART: _("Opstart"),
        Phase.ANALYSE: _("Analyse"),
        Phase.PLANNING: _("Planning"),
        Phase.UITVOEREN: _("Uitvoeren"),
        Phase.EVALUEREN: _("Evalueren"),
    }[phase]


def kind_label(kind: CompetenceKind) -> str:
    return {
        CompetenceKind.GENERIC: _("generiek"),
        CompetenceKind.TECHNICAL: _("technisch"),
        CompetenceKind.OTHER: _("andere"),
    }[kind]


def variant_label(variant: VariantId) -> str:
    return {
        VariantId.BASIS: _("Basistraject"),
        VariantId.VARIANT_1: _("Variant 1"),
        VariantId.VARIANT_2: _("Variant 2"),
        VariantId.VARIANT_3: _("Variant 3"),
        VariantId.VARIANT_4: _("Variant 4"),
    }[variant]


def hours_kind_label(kind: HoursKind) -> str:
    return {
        HoursKind.INTAKE: _("Intake"),
        HoursKind.GUIDANCE_ORGANISATION: _("Begeleiding organisatie"),
        HoursKind.GUIDANCE_SUPERVISORS: _("Begeleiding werkvloerbegeleiders"),
        HoursKind.OTHER: _("Andere"),
    }[kind]


def status_label(status: TrajectoryStatus) -> str:
    return {
        TrajectoryStatus.PLANNED: _("gepland"),
        TrajectoryStatus.ACTIVE: _("actief"),
        TrajectoryStatus.PAUSED: _("gepauzeerd"),
        TrajectoryStatus.COMPLETED: _("afgerond"),
        TrajectoryStatus.STOPPED: _("gestopt"),
    }[status]


def yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")
