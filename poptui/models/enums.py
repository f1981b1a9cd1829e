"""Closed lists from the draaiboek, as enums.

The enum *values* are the Dutch words stored in the database; the labels shown
to the coach come from :func:`label` through the translation layer.
"""

from __future__ import annotations

from enum import StrEnum


class OrganisationKind(StrEnum):
    MAATWERKBEDRIJF = "maatwerkbedrijf"
    LDE = "lde"
    ANDERE = "andere"


class Role(StrEnum):
    AMBASSADOR = "ambassadeur"
    TRAINER = "trainer"
    COACH = "coach"
    SUPERVISOR = "werkvloerbegeleider"


class Level(StrEnum):
    """Reflection ability and intensity (§4.5): laag / gemiddeld / hoog."""

    LOW = "laag"
    MEDIUM = "gemiddeld"
    HIGH = "hoog"


class VariantId(StrEnum):
    """The standard trajectories of §4.5.1."""

    BASIS = "basistraject"
    VARIANT_1 = "variant_1"
    VARIANT_2 = "variant_2"
    VARIANT_3 = "variant_3"
    VARIANT_4 = "variant_4"


class TrajectoryStatus(StrEnum):
    PLANNED = "gepland"
    ACTIVE = "actief"
    PAUSED = "gepauzeerd"
    COMPLETED = "afgerond"
    STOPPED = "gestopt"


class Phase(StrEnum):
    """The phases of the POP cycle (§2.1.1)."""

    OPSTART = "opstart"
    ANALYSE = "analyse"
    PLANNING = "planning"
    UITVOEREN = "uitvoeren"
    EVALUEREN = "evalueren"


class ContactMomentStatus(StrEnum):
    PLANNED = "gepland"
    HELD = "gehouden"
    SKIPPED = "overgeslagen"


class CompetenceKind(StrEnum):
    """Every item of the POP summary and every action is ticked as one of these (§4.3)."""

    GENERIC = "generiek"
    TECHNICAL = "technisch"
    OTHER = "andere"


class SummaryPart(StrEnum):
    """The three lists of the POP summary (§4.3) a method's conclusion can be meant for."""

    WAT_WIL_IK = "wat_wil_ik"
    WAT_KAN_IK = "wat_kan_ik"
    ONTWIKKELPUNTEN = "ontwikkelpunten"


class MethodKind(StrEnum):
    """Every method of §5 plus the three planning tools named in §4.5.3."""

    AI_DROOMFASE = "ai_droomfase"
    INTERVIEW = "criteriumgericht_interview"
    HAND = "hand"
    KWALITEITENSPEL = "kwaliteitenspel"
    VAARDIGHEDENSPEL = "vaardighedenspel"
    COMPETENTIEMETING = "competentiemeting"
    SCAN = "zinvolheids_haalbaarheidsscan"
    SMART = "smart"
    KLOKWIJS = "klokwijs"
    DROOMPAGINA = "droompagina"
    PRENTENBEELD = "prentenbeeld"
    VIER_OP_EEN_RIJ = "vier_op_een_rij"
    PRAATPLAAT = "praatplaat"
    BESLISSINGSMATRIX = "beslissingsmatrix"
    MINDMAP = "mindmap"
    TIJDSLIJN = "tijdslijn_leggen"


class BetweenStepKind(StrEnum):
    """What happens between two contact moments (§4.5.3)."""

    SUPERVISOR_CONSULTATION = "tussentijds_overleg"
    HOMEWORK = "huiswerk"
    INFO_SESSION = "infosessie"
    OTHER = "andere"


class HoursKind(StrEnum):
    """Organisation hours beyond contact hours (§4.4.4)."""

    INTAKE = "intake"
    GUIDANCE_ORGANISATION = "begeleiding_organisatie"
    GUIDANCE_SUPERVISORS = "begeleiding_begeleiders"
    OTHER = "andere"


class ActionArea(StrEnum):
    """'Betrekking op' of a scan action (§5.7)."""

    INFORMEREN = "informeren"
    OPLEIDING = "opleiding"
    WERK = "werk"
    TRAINEN = "trainen"
    ANDERE = "andere"


class CareerCompetence(StrEnum):
    """The four career competences under which SMART actions are placed (§5.8)."""

    REFLECTEREN = "reflecteren"
    EXPLOREREN = "exploreren"
    STUREN = "sturen"
    PROFILEREN = "profileren"


class PopStatus(StrEnum):
    DRAFT = "ontwerp"
    FINAL = "definitief"


class ComplianceProblem(StrEnum):
    """What the compliance overview reports per employee (stable codes: the CLI's JSON uses them)."""

    NO_POP_STARTED = "no_pop_started"
    POP_OLDER_THAN_YEAR = "pop_older_than_year"
    CONSENT_MISSING = "consent_missing"
    UPLOAD_MISSING = "upload_missing"
    POP_RULE_BROKEN = "pop_rule_broken"
    CONTACT_MOMENT_OVERDUE = "contact_moment_overdue"


class DeckKind(StrEnum):
    """What a card deck holds, and so which methods can use it (:mod:`poptui.models.cards`)."""

    QUALITIES = "kwaliteiten"
    SKILLS = "vaardigheden"
    PICTURES = "prenten"
    COMPETENCES = "competenties"


class AuditAction(StrEnum):
    CREATE = "aangemaakt"
    UPDATE = "gewijzigd"
    DELETE = "verwijderd"
    EXPORT = "geëxporteerd"
    PRINT = "afgedrukt"
    ERASE = "gewist"


__all__ = [
    "ActionArea",
    "AuditAction",
    "BetweenStepKind",
    "CareerCompetence",
    "CompetenceKind",
    "ComplianceProblem",
    "ContactMomentStatus",
    "DeckKind",
    "HoursKind",
    "Level",
    "MethodKind",
    "OrganisationKind",
    "Phase",
    "PopStatus",
    "Role",
    "SummaryPart",
    "TrajectoryStatus",
    "VariantId",
]
