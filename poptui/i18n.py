"""The one translation layer: every user-facing string goes through :func:`_`.

Dutch (Flemish, "je" form) is the source language: the Dutch text is the key.
Other languages are JSON dictionaries in ``data/i18n/<lang>.json``. A missing
translation falls back to Dutch, so the interface never shows an empty label.
"""

from __future__ import annotations

import json
from functools import cache

from poptui.resources import data_path

LANGUAGES = ("nl", "en")
_language = "nl"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def current_language() -> str:
    return _language


@cache
def _translations(language: str) -> dict[str, str]:
    if language == "nl":
        return {}
    path = data_path("i18n", f"{language}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _(text: str, /, **values: object) -> str:
    """Translate ``text`` (Dutch) to the current language and fill in ``{values}``."""
    translated = _translations(_language).get(text, text) if _language != "nl" else text
    return translated.format(**values) if values else translated


def _n(singular: str, plural: str, count: int, /, **values: object) -> str:
    """``singular`` or ``plural`` (Dutch, both keys of the translations) as ``count`` asks, translated,
    with ``{count}`` and ``{values}`` filled in: ``_n("{count} traject", "{count} trajecten", 1)``."""
    return _(singular if count == 1 else plural, count=count, **values)
