"""The start-up analysis of an organisation (§3.3): answers keyed by the catalog's question ids."""

from __future__ import annotations

from datetime import date
from typing import Any

from poptui.catalog import load_catalog
from poptui.i18n import _
from poptui.models import Organisation, StartupAnalysis
from poptui.store import Database


def question_ids() -> list[str]:
    """Every question id of the questionnaire, in the order of the draaiboek."""
    guide = load_catalog().startup
    return [question.id for section in guide.sections for group in section.groups for question in group.questions]


def find_analysis(database: Database, organisation_id: str) -> StartupAnalysis | None:
    """The stored analysis of the organisation (the most recent one if there were ever two)."""
    analyses = database.list(StartupAnalysis, organisation_id=organisation_id)
    if not analyses:
        return None
    return max(
        analyses, key=lambda analysis: (analysis.date or date.min, analysis.updated_at or analysis.created_at or 0)
    )


def get_or_new(database: Database, organisation_id: str) -> StartupAnalysis:
    """The stored analysis, or a new empty one (not saved yet) for an existing organisation."""
    database.get(Organisation, organisation_id)
    return find_analysis(database, organisation_id) or StartupAnalysis(organisation_id=organisation_id)


def save_answers(
    database: Database, organisation_id: str, answers: dict[str, str], analysis_date: Any = None
) -> StartupAnalysis:
    """Store the answers (empty ones are dropped) and the date; raises ValueError for an unknown
    question id, ValidationError for a bad date, StoreError when storing fails."""
    known = set(question_ids())
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValueError(_("Onbekende vraag in de opstartanalyse: {ids}.", ids=", ".join(unknown)))
    current = get_or_new(database, organisation_id)
    values = current.model_dump()
    values["answers"] = {key: text for key, text in answers.items() if text and text.strip()}
    values["date"] = analysis_date or None
    return database.save(StartupAnalysis.model_validate(values))
