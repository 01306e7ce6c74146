"""Bilingual (Arabic first, English second) messages for the Qt-free layers and the CLI.

The GUI translates its own strings with Qt's tr(); everything below it (validation errors,
import reports, CLI output) speaks through `msg(key, **params)`. Each module registers its
own catalogue with `register()`, so messages live beside the rule that raises them.
"""

from __future__ import annotations

import os

_catalogue: dict[str, tuple[str, str]] = {}
_language: str | None = None


def _language_from_environment() -> str:
    for var in ("FIELDAPP_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


def language() -> str:
    """'ar' or 'en': set explicitly, else taken from the locale environment."""
    return _language or _language_from_environment()


def set_language(lang: str | None) -> None:
    global _language
    if lang not in (None, "ar", "en"):
        raise ValueError(f"unsupported language: {lang!r}")
    _language = lang


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Add `key -> (arabic, english)` entries. A key registered twice must say the same thing."""
    for key, pair in messages.items():
        if key in _catalogue and _catalogue[key] != pair:
            raise ValueError(f"message key {key!r} registered twice with different text")
        _catalogue[key] = pair


def msg(key: str, lang: str | None = None, **params: object) -> str:
    arabic, english = _catalogue.get(key, (key, key))
    text = arabic if (lang or language()) == "ar" else english
    return text.format(**params) if params else text
