"""The domain models: the one definition of every record and its validation."""

from poptui.models.base import DossierRecord, Model, Record, new_id
from poptui.models.cards import Board, CardNote, Deck, DeckCard, DeckKind, Sphere
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
from poptui.models.enums import *  # noqa: F403
from poptui.models.enums import __all__ as _enum_names
from poptui.models.method_base import Conclusion
from poptui.models.methods import (
    METHOD_RECORD_CLASSES,
    CompetentiemetingRecord,
    HandRecord,
    MethodRecord,
    MethodRecordBase,
    method_record_adapter,
    new_method_record,
)
from poptui.models.organisation import Organisation, Person, StartupAnalysis
from poptui.models.pop import ActionEvaluation, PopAction, PopDocument, PopItem, ProgressUpdate, SmartFields
from poptui.models.registration import AuditEvent, HoursEntry, Training
from poptui.models.trajectory import BetweenStep, ContactMoment, SupervisorConsultation, Trajectory

RECORD_TYPES: tuple[type[Record], ...] = (
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
"""Every stored record type (method records are stored through their common base)."""

__all__ = [
    "RECORD_TYPES",
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
    "DeckKind",
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
