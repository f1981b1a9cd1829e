"""The English translation (data/i18n/en.json) against the Dutch source strings.

This is the guard that keeps English complete: a new ``_("...")`` string, enum label
or field title without an entry in en.json makes ``test_every_ui_string_has_english``
fail and lists what is missing. Add the translations to data/i18n/en.json (run
``python tests/i18n_strings.py`` to print them).
"""

from __future__ import annotations

import importlib.util
import json
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from poptui.i18n import _, current_language, set_language
from poptui.resources import data_path

ROOT = Path(__file__).resolve().parents[2]


def _load_extractor():
    spec = importlib.util.spec_from_file_location("i18n_strings", ROOT / "tests" / "i18n_strings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n_strings = _load_extractor()


def _english() -> dict[str, str]:
    return json.loads(data_path("i18n", "en.json").read_text(encoding="utf-8"))


def _placeholders(text: str) -> set[str]:
    """The names between braces, e.g. ``{count}`` and ``{month:02d}`` -> {"count", "month"}."""
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language("nl")


def test_en_json_is_a_flat_string_dictionary() -> None:
    translations = _english()
    assert isinstance(translations, dict)
    wrong = {
        key: value for key, value in translations.items() if not isinstance(key, str) or not isinstance(value, str)
    }
    assert not wrong, f"en.json must map Dutch text to English text: {wrong}"


def test_every_ui_string_has_english() -> None:
    translations = _english()
    missing = sorted(text for text in i18n_strings.ui_strings() if text not in translations)
    assert not missing, (
        f"{len(missing)} user-facing string(s) have no English translation in data/i18n/en.json "
        "(run `python tests/i18n_strings.py`):\n" + "\n".join(json.dumps(text, ensure_ascii=False) for text in missing)
    )


def test_translations_keep_the_placeholders() -> None:
    wrong = [
        f"{json.dumps(source, ensure_ascii=False)}: {sorted(_placeholders(source))} -> "
        f"{json.dumps(english, ensure_ascii=False)}: {sorted(_placeholders(english))}"
        for source, english in _english().items()
        if _placeholders(source) != _placeholders(english)
    ]
    assert not wrong, "Translations with other {placeholders} than their source:\n" + "\n".join(wrong)


def test_translations_keep_leading_and_trailing_whitespace() -> None:
    def edges(text: str) -> tuple[str, str]:
        return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]

    wrong = [source for source, english in _english().items() if edges(source) != edges(english)]
    assert not wrong, "Translations that change leading/trailing spaces or newlines:\n" + "\n".join(map(repr, wrong))


def test_no_translation_is_empty() -> None:
    empty = [source for source, english in _english().items() if not english.strip()]
    assert not empty, f"Empty translations: {empty}"


def test_key_hints_keep_the_real_key() -> None:
    """'Opslaan (Enter)' -> 'Save (Enter)': the key in brackets is the key to press, not a word."""
    translations = _english()
    for source in (
        "Opslaan (Enter)",
        "Niet opslaan (Ctrl+D)",
        "Mijn tekst apart houden (Esc)",
        "Opnieuw laden (F5)",
        "Blijven (Esc)",
        "Sluiten (Esc)",
        "Afdrukken op de printer (P)",
    ):
        assert translations[source].endswith(source[source.rindex("(") :]), source


@pytest.mark.usefixtures("english")
def test_english_interface_translates() -> None:
    assert current_language() == "en"
    assert _("Opslaan") == "Save"
    assert _("Terug") == "Back"
    assert _("Opslaan (Enter)") == "Save (Enter)"
    assert _("Wat wil ik?") == "What do I want?"
    assert _("Wat kan ik?") == "What can I do?"
    assert _("Contactmoment {number} is overgeslagen.", number=3) == "Contact moment 3 was skipped."
    assert _("Opleidingen {year}-{month:02d}", year=2026, month=3) == "Trainings 2026-03"
    # Text without a translation falls back to Dutch.
    assert _("Geen vertaling voor deze tekst") == "Geen vertaling voor deze tekst"


def test_language_is_restored_after_english(english: None) -> None:
    set_language("nl")
    assert _("Opslaan") == "Opslaan"
    set_language("en")


def test_dutch_is_the_default() -> None:
    assert current_language() == "nl"
    assert _("Opslaan") == "Opslaan"


def test_no_select_shows_textuals_english_prompt() -> None:
    """A Select that may be empty shows its prompt; Textual's default is the English "Select"."""
    import ast

    missing = []
    for path in sorted((ROOT / "screens").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or getattr(node.func, "id", getattr(node.func, "attr", "")) != "Select":
                continue
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            blank = keywords.get("allow_blank")
            if "prompt" not in keywords and not (isinstance(blank, ast.Constant) and blank.value is False):
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not missing, f"Select without a Dutch prompt: {missing}"
