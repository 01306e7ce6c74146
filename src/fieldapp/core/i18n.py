"""Bilingual (Arabic first, English second) messages for the Qt-free layers and the CLI.

The GUI translates its own strings with Qt's tr(); everything below it (validation errors,
import reports, CLI output) speaks through `msg(key, **params)`. Each module registers its
own catalogue with `register()`, so messages live beside the rule that raises them.

Arabic agrees with the person and with the number, and so does this module: a message about a
person writes its gendered words as «[[دخوله|دخولها]]» and is given `gender=`; a number with a
noun goes through `count()` (CLDR plural rules from Babel, six categories in Arabic). The GUI
uses `by_gender()` over two tr() strings, and tr() with %n for numbers.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from babel import Locale

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
    """The message in `lang`; a `gender` parameter ('m', 'f', None) resolves its [[m|f]] choices."""
    arabic, english = _catalogue.get(key, (key, key))
    text = agree(arabic if (lang or language()) == "ar" else english, params.get("gender"))  # type: ignore[arg-type]
    return text.format(**params) if params else text


# --- a sentence about a person agrees with the person ----------------------------------------

_CHOICE = re.compile(r"\[\[([^\[\]|]*)\|([^\[\]|]*)(?:\|([^\[\]|]*))?\]\]")


def by_gender(gender: str | None, masculine: str, feminine: str, unknown: str | None = None) -> str:
    """The wording for a man ('m'), a woman ('f'), or (gender not recorded) `unknown`.

    Without an `unknown` form both are given with a slash («دخوله/دخولها»): never guess.
    """
    if gender == "m":
        return masculine
    if gender == "f":
        return feminine
    return unknown if unknown is not None else f"{masculine}/{feminine}"


def agree(text: str, gender: str | None) -> str:
    """Resolve every «[[masculine|feminine]]» or «[[masculine|feminine|unknown]]» in `text`."""
    return _CHOICE.sub(lambda m: by_gender(gender, m.group(1), m.group(2), m.group(3)), text)


# --- a number agrees with its noun (CLDR plural rules) --------------------------------------

_counted: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
#: CLDR's categories, and "two-oblique": the Arabic dual after a verb or a preposition
#: («انتظر دقيقتين», «قبل ساعتين»), the one case ending Arabic writes with letters
_PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other", "two-oblique"})


@lru_cache(maxsize=4)
def _plural_rule(lang: str):
    return Locale.parse(lang).plural_form


def plural_category(n: float, lang: str | None = None) -> str:
    """CLDR's category of `n` in `lang` (Babel): Arabic zero/one/two/few/many/other, English one/other."""
    number: float | int = abs(n)
    if isinstance(number, float) and number.is_integer():
        number = int(number)  # 12.0 counts like 12 (a float would carry a visible fraction digit)
    return _plural_rule(lang or language())(number)


def register_counted(words: dict[str, tuple[dict[str, str], dict[str, str]]]) -> None:
    """Add `word -> (arabic forms, english forms)`; forms are keyed by CLDR category, `other` is
    required, and `{n}` is where the number goes («ساعة واحدة» and «ساعتان» need none)."""
    for word, pair in words.items():
        for forms in pair:
            if "other" not in forms or not set(forms) <= _PLURAL_CATEGORIES:
                raise ValueError(f"counted word {word!r}: forms must be CLDR categories with 'other'")
        if word in _counted and _counted[word] != pair:
            raise ValueError(f"counted word {word!r} registered twice with different forms")
        _counted[word] = pair


def format_count(n: float, digits: str = "latin") -> str:
    """12, 12.5, 0.33 (at most 2 decimals); Arabic-Indic digits give ١٢٫٥."""
    text = f"{round(n, 2):.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.translate(_ARABIC_INDIC).replace(".", "٫") if digits == "arabic" else text


def quantity(number: str, unit: str) -> str:
    """A number of a unit a user typed: the unit as a label, the number as its value («درع: 37»).

    A typed unit has one stored form («درع»), and Arabic needs up to six after a number (درعان،
    3 دروع، 11 درعًا): «37 درع» is broken, and so is «37 shield». The label form is right for
    every number in both languages, so every quantity of a typed unit is written this way.
    `number` is already formatted (digits, grouping) by the caller.
    """
    return f"{unit}: {number}"


def gift_quantity(name: str, number: str, unit: str) -> str:
    """A quantity of a named gift: «درع تذكاري: 37»; the unit is added when the name does not
    already say it («تمر — كرتون: 8»)."""
    from fieldapp.core.text import fold  # core.text imports this module

    if not unit or fold(unit) in fold(name).split():
        return f"{name}: {number}"
    return f"{name} — {quantity(number, unit)}"


def count(word: str, n: float, lang: str | None = None, digits: str = "latin", oblique: bool = False) -> str:
    """`n` with `word` in the form the number calls for: «ساعة واحدة، ساعتان، 3 ساعات، 11 ساعةً».

    oblique: the count is the object of a verb or follows a preposition («انتظر دقيقتين»).
    """
    lang = lang or language()
    arabic, english = _counted[word]
    forms = arabic if lang == "ar" else english
    shown = float(format_count(n))  # the rule applies to the number as printed (0.333 -> 0.33)
    category = plural_category(shown, lang)
    if oblique and category == "two" and "two-oblique" in forms:
        category = "two-oblique"
    text = forms.get(category, forms["other"])
    return text.format(n=format_count(n, digits))


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

register_counted(
    {
        "hours": (
            {
                "one": "ساعة واحدة",
                "two": "ساعتان",
                "two-oblique": "ساعتين",
                "few": "{n} ساعات",
                "many": "{n} ساعةً",
                "other": "{n} ساعة",
            },
            {"one": "{n} hour", "other": "{n} hours"},
        ),
        "pages": (
            {
                "one": "صفحة واحدة",
                "two": "صفحتان",
                "two-oblique": "صفحتين",
                "few": "{n} صفحات",
                "many": "{n} صفحةً",
                "other": "{n} صفحة",
            },
            {"one": "{n} page", "other": "{n} pages"},
        ),
        "certificates": (
            {
                "one": "شهادة واحدة",
                "two": "شهادتان",
                "two-oblique": "شهادتين",
                "few": "{n} شهادات",
                "many": "{n} شهادةً",
                "other": "{n} شهادة",
            },
            {"one": "{n} certificate", "other": "{n} certificates"},
        ),
        "people": (
            {
                "one": "شخص واحد",
                "two": "شخصان",
                "two-oblique": "شخصين",
                "few": "{n} أشخاص",
                "many": "{n} شخصًا",
                "other": "{n} شخص",
            },
            {"one": "{n} person", "other": "{n} people"},
        ),
        "items": (
            {
                "one": "قطعة واحدة",
                "two": "قطعتان",
                "two-oblique": "قطعتين",
                "few": "{n} قطع",
                "many": "{n} قطعةً",
                "other": "{n} قطعة",
            },
            {"one": "{n} item", "other": "{n} items"},
        ),
        "events": (
            {
                "one": "فعالية واحدة",
                "two": "فعاليتان",
                "two-oblique": "فعاليتين",
                "few": "{n} فعاليات",
                "many": "{n} فعاليةً",
                "other": "{n} فعالية",
            },
            {"one": "{n} event", "other": "{n} events"},
        ),
        "minutes": (
            {
                "one": "دقيقة واحدة",
                "two": "دقيقتان",
                "two-oblique": "دقيقتين",
                "few": "{n} دقائق",
                "many": "{n} دقيقةً",
                "other": "{n} دقيقة",
            },
            {"one": "{n} min", "other": "{n} min"},
        ),
        "seconds": (
            {
                "one": "ثانية واحدة",
                "two": "ثانيتان",
                "two-oblique": "ثانيتين",
                "few": "{n} ثوانٍ",
                "many": "{n} ثانيةً",
                "other": "{n} ثانية",
            },
            {"one": "{n} s", "other": "{n} s"},
        ),
    }
)
