"""Dates and times as Saudi coordinators read them: Riyadh time, Umm al-Qura Hijri, Fri/Sat weekend.

Dates are stored Gregorian and instants in UTC; this module only converts and formats.
Hijri dates come from `hijridate` (Umm al-Qura, 1343–1500 AH), never from Qt, whose Islamic
calendar is the tabular one and is wrong on most days (ARABIC.md: 2025-03-30 is 1 Shawwal 1446,
not 30 Ramadan).
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from hijridate import Gregorian

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError

__all__ = [
    "APP_TZ",
    "GREGORIAN_MONTHS_AR",
    "GREGORIAN_MONTHS_EN",
    "HIJRI_MONTHS_AR",
    "HIJRI_MONTHS_EN",
    "SAUDI_WEEKEND",
    "format_datetime",
    "format_dual",
    "format_gregorian",
    "format_hijri",
    "format_hours",
    "format_time",
    "is_weekend",
    "local_now",
    "now",
    "round_down_minutes",
    "to_arabic_indic",
    "to_hijri",
    "to_local",
]

APP_TZ = ZoneInfo("Asia/Riyadh")

#: Python weekday() numbers of the Saudi weekend: Friday and Saturday.
SAUDI_WEEKEND = (4, 5)

HIJRI_MONTHS_AR = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
HIJRI_MONTHS_EN = (
    "Muharram",
    "Safar",
    "Rabi al-Awwal",
    "Rabi al-Thani",
    "Jumada al-Ula",
    "Jumada al-Akhirah",
    "Rajab",
    "Shaban",
    "Ramadan",
    "Shawwal",
    "Dhu al-Qadah",
    "Dhu al-Hijjah",
)
# Saudi usage: the transliterated month names (يناير...), not the Levantine كانون/شباط.
GREGORIAN_MONTHS_AR = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
GREGORIAN_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

i18n.register(
    {
        "date.hijri_range": (
            "لا يمكن تحويل التاريخ {date} إلى الهجري: تقويم أم القرى المدعوم من 1343 إلى 1500 هـ (1924-08-01 إلى 2077-11-16)",
            "Cannot convert {date} to Hijri: the supported Umm al-Qura range is 1343–1500 AH (1924-08-01 to 2077-11-16)",
        ),
    }
)

_TO_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def now() -> datetime:
    """The current instant, timezone-aware in UTC: what we store."""
    return datetime.now(UTC)


def to_local(dt: datetime) -> datetime:
    """An instant in Riyadh time for display; a naive datetime is taken to be UTC (as stored)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(APP_TZ)


def local_now() -> datetime:
    """The current time in Riyadh, whatever the laptop's own timezone says."""
    return datetime.now(APP_TZ)


def to_arabic_indic(s: str) -> str:
    """0-9 to ٠-٩ for users who read Arabic-Indic digits; nothing else changes."""
    return s.translate(_TO_ARABIC_INDIC)


def _digits(s: str, digits: str) -> str:
    return s.translate(_TO_ARABIC_INDIC) if digits == "arabic" else s


@lru_cache(maxsize=8192)
def _hijri(d: date) -> tuple[int, int, int]:
    return Gregorian(d.year, d.month, d.day).to_hijri().datetuple()


def to_hijri(d: date) -> tuple[int, int, int]:
    """(year, month, day) in Umm al-Qura; ValidationError outside 1343–1500 AH, never a crash."""
    if isinstance(d, datetime):
        d = d.date()
    try:
        return _hijri(d)
    except (OverflowError, ValueError):
        raise ValidationError("date.hijri_range", field="date", date=d.isoformat()) from None


def format_hijri(d: date, lang: str = "ar", digits: str = "latin") -> str:
    """'1 شوال 1446 هـ' / '1 Shawwal 1446 AH' (digits='arabic' gives ١ شوال ١٤٤٦ هـ)."""
    y, m, day = to_hijri(d)
    if lang == "ar":
        return _digits(f"{day} {HIJRI_MONTHS_AR[m - 1]} {y} هـ", digits)
    return _digits(f"{day} {HIJRI_MONTHS_EN[m - 1]} {y} AH", digits)


def format_gregorian(d: date, lang: str = "ar", digits: str = "latin") -> str:
    """'30 مارس 2025 م' / '30 March 2025'."""
    if lang == "ar":
        return _digits(f"{d.day} {GREGORIAN_MONTHS_AR[d.month - 1]} {d.year} م", digits)
    return _digits(f"{d.day} {GREGORIAN_MONTHS_EN[d.month - 1]} {d.year}", digits)


def format_dual(d: date, lang: str = "ar", digits: str = "latin") -> str:
    """Hijri first, Gregorian second, as Saudi official documents write dates."""
    hijri = format_hijri(d, lang, digits)
    greg = format_gregorian(d, lang, digits)
    if lang == "ar":
        return f"{hijri} الموافق {greg}"
    return f"{hijri} ({greg})"


def format_time(dt: datetime, lang: str = "ar", digits: str = "latin") -> str:
    """Local (Riyadh) 24-hour time, '14:05'. `lang` is accepted for symmetry; 24h needs no words."""
    return _digits(to_local(dt).strftime("%H:%M"), digits)


def format_datetime(dt: datetime, lang: str = "ar", digits: str = "latin") -> str:
    """'2025-03-30 14:05' in Riyadh time: sortable and unambiguous in tables."""
    return _digits(to_local(dt).strftime("%Y-%m-%d %H:%M"), digits)


def is_weekend(d: date) -> bool:
    """Friday or Saturday (QCalendarWidget's Sat/Sun default is wrong for Saudi Arabia)."""
    return d.weekday() in SAUDI_WEEKEND


def round_down_minutes(minutes: float, step: int | None) -> int:
    """Whole minutes rounded down to a multiple of `step` (0/None: just whole minutes).

    A tiny tolerance keeps float noise (29.9999999 from second arithmetic) from losing a step.
    Negative durations count as 0.
    """
    m = max(0, math.floor(minutes + 1e-6))
    if not step:
        return m
    return m - m % step


def format_hours(hours: float, lang: str = "ar", digits: str = "latin") -> str:
    """«ساعة واحدة، ساعتان، 5 ساعات، 12 ساعةً، 12.5 ساعة» / '1 hour', '12.5 hours' (at most 2 decimals)."""
    return i18n.count("hours", hours, lang, digits)
