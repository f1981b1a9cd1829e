"""Labels of the enum values as printed forms and overviews show them (lower case in running text);
phases and variants as everywhere else (:func:`poptui.labels.label`)."""

from __future__ import annotations

from poptui.i18n import _
from poptui.labels import label
from poptui.models import CompetenceKind, HoursKind, Phase, TrajectoryStatus, VariantId


def phase_label(phase: Phase) -> str:
    return label(phase)


def kind_label(kind: CompetenceKind) -> str:
    return {
        CompetenceKind.GENERIC: _("generiek"),
        CompetenceKind.TECHNICAL: _("technisch"),
        CompetenceKind.OTHER: _("andere"),
    }[kind]


def variant_label(variant: VariantId) -> str:
    return label(variant)


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
