"""The explanations behind F1, as data: ``data/help/screens.json`` and ``pop_in_vijf_minuten.json``.

- Every screen has a short explanation in a coach's words, keyed by its class name. A screen
  without its own entry takes the one of the class it is built on (:func:`screen_help` gets
  the names of the class and its bases, nearest first), so every form has at least the form
  explanation and every method screen the method one.
- ``topics`` name what the draaiboek adds where it applies: ``rater_pitfalls`` (§5.6 D, where
  someone rates competences), ``smart_questions`` (§5.8 D, where actions are made),
  ``pop_rule`` (§2.2.3, §4.3) and ``pop_in_five_minutes`` (a pointer to that page).
  :func:`topic` builds their text from the catalog, so it is written down once.
- "POP in vijf minuten": the cycle, the variants, the contact moments, the rule of one generic
  and one technical action, registration, each with the draaiboek's section numbers.
- Titles and texts are Dutch; ``data/i18n/en.json`` has their English (keyed by the Dutch text,
  like every string; a test checks that each one has it). Whoever shows them passes them to ``_``.

The files are validated once, like the catalog (a test loads them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from poptui.i18n import _
from poptui.models import MethodKind
from poptui.resources import data_path

Topic = Literal["rater_pitfalls", "smart_questions", "pop_rule", "pop_in_five_minutes"]


class HelpModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScreenHelp(HelpModel):
    title: str
    text: str
    topics: tuple[Topic, ...] = ()


class ScreenHelpFile(HelpModel):
    screens: dict[str, ScreenHelp]
    methods: dict[MethodKind, tuple[Topic, ...]] = {}


class PageSection(HelpModel):
    title: str
    sections: tuple[str, ...]
    """The draaiboek's section numbers for whoever wants to read on."""
    text: str


class HelpPage(HelpModel):
    title: str
    intro: str
    sections: tuple[PageSection, ...]


@cache
def _help_file() -> ScreenHelpFile:
    raw = json.loads(data_path("help", "screens.json").read_text(encoding="utf-8"))
    raw.pop("_about", None)
    return ScreenHelpFile.model_validate(raw)


def _screens() -> dict[str, ScreenHelp]:
    return _help_file().screens


def method_topics(kind: MethodKind | str) -> tuple[Topic, ...]:
    """What the draaiboek adds to a method's help (the rater pitfalls where competences are rated)."""
    return _help_file().methods.get(MethodKind(kind), ())


@cache
def pop_in_five_minutes() -> HelpPage:
    raw = json.loads(data_path("help", "pop_in_vijf_minuten.json").read_text(encoding="utf-8"))
    return HelpPage.model_validate(raw)


def known_screens() -> set[str]:
    return set(_screens())


def screen_help(class_names: Iterable[str]) -> ScreenHelp | None:
    """The explanation of the first of ``class_names`` (a screen's class, then its bases) that has one."""
    screens = _screens()
    return next((screens[name] for name in class_names if name in screens), None)


def page_text(page: HelpPage) -> str:
    """A help page as plain text: the intro, then each part with its section numbers."""
    parts = [_(page.intro)]
    for section in page.sections:
        numbers = ", ".join(f"§{number}" for number in section.sections)
        parts += ["", f"{_(section.title)} ({numbers})", _(section.text)]
    return "\n".join(parts)


def topic(name: Topic) -> tuple[str, str]:
    """(title, text) of a topic, built from the catalog and the help page."""
    from poptui.catalog import load_catalog

    catalog = load_catalog()
    if name == "rater_pitfalls":
        guide = catalog.competence
        lines = [guide.pitfalls_intro, ""]
        for pitfall in guide.pitfalls:
            lines += [f"• {pitfall.name}", f"  {pitfall.explanation}"]
        return _("Valkuilen bij het beoordelen (§5.6)"), "\n".join(lines)
    if name == "smart_questions":
        smart = catalog.smart
        lines = [
            _("Een actie is SMART: specifiek, meetbaar, aanvaardbaar, realistisch en tijdsgebonden."),
            "",
            smart.coaching_intro,
            *(f"• {question}" for question in smart.coaching_questions),
        ]
        return _("SMART-vragen (§5.8)"), "\n".join(lines)
    if name == "pop_rule":
        rule = next(section for section in pop_in_five_minutes().sections if "2.2.3" in section.sections)
        return _("De regel van één generieke en één technische actie (§2.2.3, §4.3)"), _(rule.text)
    page = pop_in_five_minutes()
    return _(page.title), _("Het hele POP-traject kort uitgelegd: druk p in deze hulp.")
