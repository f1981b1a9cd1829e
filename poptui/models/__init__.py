"""The domain models: the one definition of every record and its validation.

Every model is imported when first used (``poptui.models.HandRecord`` or ``from poptui.models
import ...`` loads its module then); only the enums (:mod:`poptui.models.enums`, plain Python)
are loaded with the package. pydantic and the model classes cost about 0.15 s to import: code
that only names a record in annotations (the store, the command line) or reads stored facts
(``poptui list trajectories``, which reads the store's summaries) never pays it. The method
records, the competence dictionary and the card decks (some thirty models) come later still:
the start of the app and the command line's list and check do not build classes they never show.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from poptui.models.enums import *  # noqa: F403
from poptui.models.enums import __all__ as _enum_names

if TYPE_CHECKING:
    from pydantic import ValidationError

    from poptui.models.base import STORED, DossierRecord, Model, Record, new_id
    from poptui.models.cards import Board, CardNote, Deck, DeckCard, Sphere
    from poptui.models.competences import (
        Competence,
        CompetenceDictionary,
        CompetenceRating,
        ConsultationRating,
        FunctionProfile,
        ProfileEntry,
        ScaleLevel,
    )
    from poptui.models.consent import ConsentEvent, ConsentKind, current_consent
    from poptui.models.employee import Employee
    from poptui.models.method_base import Conclusion, MethodRecordBase
    from poptui.models.methods import (
        METHOD_RECORD_CLASSES,
        CompetentiemetingRecord,
        HandRecord,
        MethodRecord,
        method_record_adapter,
        new_method_record,
    )
    from poptui.models.organisation import Organisation, Person, StartupAnalysis
    from poptui.models.pop import ActionEvaluation, PopAction, PopDocument, PopItem, ProgressUpdate, SmartFields
    from poptui.models.registration import AuditEvent, HoursEntry, Training
    from poptui.models.trajectory import BetweenStep, ContactMoment, SupervisorConsultation, Trajectory

    RECORD_TYPES: tuple[type[Record], ...]
    DOSSIER_RECORD_TYPES: tuple[type[DossierRecord], ...]

_LAZY = {
    "ValidationError": "pydantic",  # what a record's validation raises (``except models.ValidationError``)
    **dict.fromkeys(("STORED", "DossierRecord", "Model", "Record", "new_id"), "poptui.models.base"),
    **dict.fromkeys(("ConsentEvent", "ConsentKind", "current_consent"), "poptui.models.consent"),
    "Employee": "poptui.models.employee",
    **dict.fromkeys(("Conclusion", "MethodRecordBase"), "poptui.models.method_base"),
    **dict.fromkeys(("Organisation", "Person", "StartupAnalysis"), "poptui.models.organisation"),
    **dict.fromkeys(
        ("ActionEvaluation", "PopAction", "PopDocument", "PopItem", "ProgressUpdate", "SmartFields"),
        "poptui.models.pop",
    ),
    **dict.fromkeys(("AuditEvent", "HoursEntry", "Training"), "poptui.models.registration"),
    **dict.fromkeys(
        ("BetweenStep", "ContactMoment", "SupervisorConsultation", "Trajectory"), "poptui.models.trajectory"
    ),
    **dict.fromkeys(("Board", "CardNote", "Deck", "DeckCard", "Sphere"), "poptui.models.cards"),
    **dict.fromkeys(
        (
            "Competence",
            "CompetenceDictionary",
            "CompetenceRating",
            "ConsultationRating",
            "FunctionProfile",
            "ProfileEntry",
            "ScaleLevel",
        ),
        "poptui.models.competences",
    ),
    **dict.fromkeys(
        (
            "METHOD_RECORD_CLASSES",
            "CompetentiemetingRecord",
            "HandRecord",
            "MethodRecord",
            "method_record_adapter",
            "new_method_record",
        ),
        "poptui.models.methods",
    ),
}


def _record_types() -> tuple[type[Record], ...]:
    """Every stored record type (method records are stored through their common base)."""
    from poptui.models.cards import Deck
    from poptui.models.competences import CompetenceDictionary
    from poptui.models.consent import ConsentEvent
    from poptui.models.employee import Employee
    from poptui.models.method_base import MethodRecordBase
    from poptui.models.organisation import Organisation, Person, StartupAnalysis
    from poptui.models.pop import ActionEvaluation, PopDocument
    from poptui.models.registration import HoursEntry, Training
    from poptui.models.trajectory import ContactMoment, SupervisorConsultation, Trajectory

    return (
        Organisation,
        Person,
        StartupAnalysis,
        CompetenceDictionary,
        Employee,
        Training,
        HoursEntry,
        Trajectory,
        ContactMoment,
        SupervisorConsultation,
        MethodRecordBase,
        PopDocument,
        ActionEvaluation,
        ConsentEvent,
        Deck,
    )


FIRST_SCREENS = (
    "poptui.models.errors",
    "poptui.models.organisation",
    "poptui.models.employee",
    "poptui.models.trajectory",
    "poptui.models.pop",
)
"""The model modules of the screens a coach opens first from the home screen (an employee's page, a
trajectory, a contact moment): the home screen itself shows none of them."""


def preload() -> None:
    """Import :data:`FIRST_SCREENS` (pydantic with them): the app calls this in a thread after the
    first paint, so the start does not wait for them (about 0.2 s) and neither does the first screen
    opened from the home screen. Importing is idempotent: a later call costs next to nothing."""
    for module in FIRST_SCREENS:
        importlib.import_module(module)


def __getattr__(name: str) -> Any:
    if name == "RECORD_TYPES":
        value: Any = _record_types()
    elif name == "DOSSIER_RECORD_TYPES":  # the records of a dossier file, each kind in its own table
        value = tuple(record_type for record_type in __getattr__("RECORD_TYPES") if record_type.scope == "dossier")
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "DOSSIER_RECORD_TYPES",
    "RECORD_TYPES",
    "STORED",
    "ValidationError",
    "ActionEvaluation",
    "AuditEvent",
    "BetweenStep",
    "Competence",
    "CompetenceDictionary",
    "CompetenceRating",
    "CompetentiemetingRecord",
    "ConsultationRating",
    "Board",
    "CardNote",
    "ConsentEvent",
    "ConsentKind",
    "Conclusion",
    "ContactMoment",
    "Deck",
    "DeckCard",
    "DossierRecord",
    "FunctionProfile",
    "current_consent",
    "Employee",
    "HandRecord",
    "HoursEntry",
    "METHOD_RECORD_CLASSES",
    "MethodRecord",
    "MethodRecordBase",
    "Model",
    "Organisation",
    "Person",
    "PopAction",
    "PopDocument",
    "PopItem",
    "ProfileEntry",
    "ProgressUpdate",
    "Record",
    "ScaleLevel",
    "SmartFields",
    "Sphere",
    "StartupAnalysis",
    "SupervisorConsultation",
    "Training",
    "Trajectory",
    "method_record_adapter",
    "new_id",
    "new_method_record",
    *_enum_names,
]
