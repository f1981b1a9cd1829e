"""Every user-facing Dutch string of poptui: the `_("...")` literals, enum labels and field titles.

Run `python tests/i18n_strings.py` to print the strings that data/i18n/en.json does not translate yet.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("poptui", "screens")


def _literals(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        if isinstance(node.func, ast.Name) and node.func.id == "_":
            found.add(first.value)
        if isinstance(node.func, ast.Name) and node.func.id == "_n" and len(node.args) > 1:
            second = node.args[1]
            found.add(first.value)
            if isinstance(second, ast.Constant) and isinstance(second.value, str):
                found.add(second.value)
    return found


def ui_strings() -> set[str]:
    strings: set[str] = set()
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*.py"):
            strings |= _literals(path)
    from poptui.labels import _LABELS

    strings |= set(_LABELS.values())
    strings |= catalog_strings()
    strings |= help_strings()
    for model in _models():
        strings |= {info.title for info in model.model_fields.values() if info.title}
    return {text for text in strings if text.strip()}


def help_strings() -> set[str]:
    """The title and explanation F1 shows for each screen (data/help/screens.json)."""
    from poptui.help_texts import _screens, pop_in_five_minutes

    page = pop_in_five_minutes()
    found = {text for help in _screens().values() for text in (help.title, help.text)}
    found |= {page.title, page.intro, *(text for section in page.sections for text in (section.title, section.text))}
    return found


def catalog_strings() -> set[str]:
    """The catalog's content that screens show translated (``poptui.labels.content``): method
    names and goals, variant names and texts, the goals and descriptions of their contact moments,
    the level explanations. (The draaiboek's long guidance of a method stays Dutch.)"""
    from poptui.catalog import load_catalog

    catalog = load_catalog()
    found: set[str] = set()
    for variant in catalog.variants.values():
        found |= {variant.name, variant.description}
        for moment in variant.contact_moments:
            found |= {*moment.goals, moment.description, *(step.description for step in moment.between_steps)}
    for method in catalog.methods.values():
        found |= {method.name, *method.goals}
    levels = catalog.levels
    found |= {levels.intro, levels.reflection_explanation, levels.intensity_explanation}
    found |= {*levels.reflection_levels.values(), *levels.intensity_levels.values()}
    return {text for text in found if text}


def _models() -> list[type]:
    """Every pydantic model of the domain: forms take their labels from the field titles, so the
    titles of the records and of the form models (services) are user-facing."""
    import importlib
    import pkgutil

    import poptui.models
    import poptui.services
    from poptui.models.base import Model

    for package in (poptui.models, poptui.services):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    found: list[type] = []
    pending = list(Model.__subclasses__())
    while pending:
        model = pending.pop()
        if model.__module__.startswith("poptui.") and model not in found:
            found.append(model)
        pending.extend(model.__subclasses__())
    return found


def missing(language: str = "en") -> list[str]:
    translations = json.loads((ROOT / "data" / "i18n" / f"{language}.json").read_text(encoding="utf-8"))
    return sorted(text for text in ui_strings() if text not in translations)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for text in missing():
        print(json.dumps(text, ensure_ascii=False))
