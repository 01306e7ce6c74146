"""Riyadh time, Umm al-Qura Hijri dates, Saudi weekend, hours formatting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from fieldapp.core.dates import (
    APP_TZ,
    GREGORIAN_MONTHS_AR,
    GREGORIAN_MONTHS_EN,
    HIJRI_MONTHS_AR,
    HIJRI_MONTHS_EN,
    SAUDI_WEEKEND,
    format_datetime,
    format_dual,
    format_gregorian,
    format_hijri,
    format_hours,
    format_time,
    is_weekend,
    local_now,
    now,
    round_down_minutes,
    to_arabic_indic,
    to_hijri,
    to_local,
)
from fieldapp.core.errors import ValidationError

# --- time zones -----------------------------------------------------------------------------


def test_now_is_aware_utc():
    t = now()
    assert t.tzinfo is not None
    assert t.utcoffset() == timedelta(0)


def test_local_now_is_riyadh():
    t = local_now()
    assert t.tzinfo is APP_TZ
    assert t.utcoffset() == timedelta(hours=3)
    assert abs(t - now()) < timedelta(seconds=5)


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2025, 3, 30, 11, 5, tzinfo=UTC), datetime(2025, 3, 30, 14, 5)),
        (datetime(2025, 3, 30, 11, 5), datetime(2025, 3, 30, 14, 5)),  # naive = UTC
        (datetime(2025, 3, 30, 22, 30, tzinfo=UTC), datetime(2025, 3, 31, 1, 30)),  # next day
        (datetime(2025, 3, 30, 14, 5, tzinfo=timezone(timedelta(hours=3))), datetime(2025, 3, 30, 14, 5)),
        (datetime(2025, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=2))), datetime(2025, 7, 1, 13, 0)),
    ],
)
def test_to_local(dt, expected):
    local = to_local(dt)
    assert local.tzinfo is APP_TZ
    assert local.replace(tzinfo=None) == expected


# --- Hijri ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "hijri"),
    [
        (date(2025, 3, 30), (1446, 10, 1)),  # 1 Shawwal 1446 (Qt's tabular calendar says 30 Ramadan)
        (date(2025, 3, 1), (1446, 9, 1)),  # 1 Ramadan 1446
        (date(2024, 6, 16), (1445, 12, 10)),  # Eid al-Adha 1445
        (date(2023, 9, 23), (1445, 3, 8)),  # Saudi National Day 2023
        (date(2024, 7, 7), (1446, 1, 1)),  # Islamic new year 1446
        (date(1924, 8, 1), (1343, 1, 1)),  # first supported day
        (date(2077, 11, 16), (1500, 12, 30)),  # last supported day
        (datetime(2025, 3, 30, 23, 59), (1446, 10, 1)),  # a datetime uses its date
    ],
)
def test_to_hijri(d, hijri):
    assert to_hijri(d) == hijri


@pytest.mark.parametrize("d", [date(1924, 7, 31), date(1900, 1, 1), date(2077, 11, 17), date(9999, 12, 31)])
def test_to_hijri_out_of_range_is_a_validation_error(d):
    with pytest.raises(ValidationError) as exc:
        to_hijri(d)
    assert exc.value.key == "date.hijri_range"
    assert "1343" in exc.value.message("ar")
    assert d.isoformat() in exc.value.message("en")


def test_month_tables():
    assert len(HIJRI_MONTHS_AR) == len(HIJRI_MONTHS_EN) == 12
    assert len(GREGORIAN_MONTHS_AR) == len(GREGORIAN_MONTHS_EN) == 12
    assert HIJRI_MONTHS_AR[9] == "شوال" and HIJRI_MONTHS_AR[11] == "ذو الحجة"
    assert GREGORIAN_MONTHS_AR[0] == "يناير" and GREGORIAN_MONTHS_AR[11] == "ديسمبر"


@pytest.mark.parametrize(
    ("d", "lang", "digits", "expected"),
    [
        (date(2025, 3, 30), "ar", "latin", "1 شوال 1446 هـ"),
        (date(2025, 3, 30), "en", "latin", "1 Shawwal 1446 AH"),
        (date(2025, 3, 30), "ar", "arabic", "١ شوال ١٤٤٦ هـ"),
        (date(2025, 3, 1), "ar", "latin", "1 رمضان 1446 هـ"),
        (date(2025, 3, 1), "en", "latin", "1 Ramadan 1446 AH"),
        (date(2024, 6, 16), "ar", "latin", "10 ذو الحجة 1445 هـ"),
        (date(2024, 6, 16), "en", "latin", "10 Dhu al-Hijjah 1445 AH"),
        (date(2023, 9, 23), "ar", "latin", "8 ربيع الأول 1445 هـ"),
        (date(2023, 9, 23), "en", "arabic", "٨ Rabi al-Awwal ١٤٤٥ AH"),
    ],
)
def test_format_hijri(d, lang, digits, expected):
    assert format_hijri(d, lang, digits) == expected


@pytest.mark.parametrize(
    ("d", "lang", "digits", "expected"),
    [
        (date(2025, 3, 30), "ar", "latin", "30 مارس 2025 م"),
        (date(2025, 3, 30), "en", "latin", "30 March 2025"),
        (date(2025, 3, 30), "ar", "arabic", "٣٠ مارس ٢٠٢٥ م"),
        (date(2024, 1, 5), "ar", "latin", "5 يناير 2024 م"),
        (date(2024, 12, 31), "en", "latin", "31 December 2024"),
    ],
)
def test_format_gregorian(d, lang, digits, expected):
    assert format_gregorian(d, lang, digits) == expected


@pytest.mark.parametrize(
    ("lang", "digits", "expected"),
    [
        ("ar", "latin", "1 شوال 1446 هـ الموافق 30 مارس 2025 م"),
        ("en", "latin", "1 Shawwal 1446 AH (30 March 2025)"),
        ("ar", "arabic", "١ شوال ١٤٤٦ هـ الموافق ٣٠ مارس ٢٠٢٥ م"),
    ],
)
def test_format_dual(lang, digits, expected):
    assert format_dual(date(2025, 3, 30), lang, digits) == expected


# --- times ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dt", "digits", "expected"),
    [
        (datetime(2025, 3, 30, 11, 5, tzinfo=UTC), "latin", "14:05"),
        (datetime(2025, 3, 30, 11, 5), "latin", "14:05"),
        (datetime(2025, 3, 30, 11, 5, tzinfo=UTC), "arabic", "١٤:٠٥"),
        (datetime(2025, 3, 30, 21, 0, tzinfo=UTC), "latin", "00:00"),
    ],
)
def test_format_time(dt, digits, expected):
    assert format_time(dt, "ar", digits) == expected


@pytest.mark.parametrize(
    ("dt", "digits", "expected"),
    [
        (datetime(2025, 3, 30, 11, 5, tzinfo=UTC), "latin", "2025-03-30 14:05"),
        (datetime(2025, 3, 30, 22, 5, tzinfo=UTC), "latin", "2025-03-31 01:05"),
        (datetime(2025, 3, 30, 11, 5, tzinfo=UTC), "arabic", "٢٠٢٥-٠٣-٣٠ ١٤:٠٥"),
    ],
)
def test_format_datetime(dt, digits, expected):
    assert format_datetime(dt, "ar", digits) == expected


def test_to_arabic_indic():
    assert to_arabic_indic("0123456789") == "٠١٢٣٤٥٦٧٨٩"
    assert to_arabic_indic("حضر 12.5 ساعة") == "حضر ١٢.٥ ساعة"


# --- weekend --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "weekend"),
    [
        (date(2025, 3, 27), False),  # Thursday
        (date(2025, 3, 28), True),  # Friday
        (date(2025, 3, 29), True),  # Saturday
        (date(2025, 3, 30), False),  # Sunday: a working day in Saudi Arabia
        (date(2025, 3, 31), False),  # Monday
    ],
)
def test_is_weekend(d, weekend):
    assert SAUDI_WEEKEND == (4, 5)
    assert is_weekend(d) is weekend


# --- hours ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "step", "expected"),
    [
        (125, 15, 120),
        (134.9, 15, 120),
        (135, 15, 135),
        (29.9999999, 30, 30),  # float noise from second arithmetic does not lose a step
        (29.5, 30, 0),
        (59.7, 0, 59),
        (59.7, None, 59),
        (725, 60, 720),
        (-5, 15, 0),
    ],
)
def test_round_down_minutes(minutes, step, expected):
    assert round_down_minutes(minutes, step) == expected


@pytest.mark.parametrize(
    ("hours", "lang", "digits", "expected"),
    [
        (12, "ar", "latin", "12 ساعةً"),
        (12.5, "ar", "latin", "12.5 ساعة"),
        (12.5, "ar", "arabic", "١٢٫٥ ساعة"),
        (1, "ar", "latin", "ساعة واحدة"),
        (2, "ar", "latin", "ساعتان"),
        (2.0, "ar", "arabic", "ساعتان"),
        (5, "ar", "latin", "5 ساعات"),
        (11, "ar", "arabic", "١١ ساعةً"),
        (100, "ar", "latin", "100 ساعة"),
        (0, "ar", "latin", "0 ساعة"),
        (2.25, "ar", "latin", "2.25 ساعة"),
        (1 / 3, "ar", "latin", "0.33 ساعة"),
        (12.5, "en", "latin", "12.5 hours"),
        (1, "en", "latin", "1 hour"),
        (0.5, "en", "latin", "0.5 hours"),
        (12.0, "en", "arabic", "١٢ hours"),
    ],
)
def test_format_hours(hours, lang, digits, expected):
    assert format_hours(hours, lang, digits) == expected
