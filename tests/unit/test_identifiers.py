"""Saudi national IDs / iqama numbers, mobile numbers, and the adult-age rule."""

from __future__ import annotations

from datetime import date

import pytest

from fieldapp.core.errors import ValidationError
from fieldapp.core.i18n import msg
from fieldapp.core.identifiers import (
    age_on,
    format_mobile_display,
    is_adult,
    luhn_valid,
    mobile_search_key,
    national_id_checksum_ok,
    national_id_kind,
    normalize_mobile,
    normalize_national_id,
)
from fieldapp.core.text import strip_invisible

# --- Luhn -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("1000000008", True),
        ("1000000000", False),
        ("79927398713", True),  # the classic Luhn example
        ("79927398710", False),
        ("0", True),
        ("", False),
        ("12a4", False),
        ("١٠٠٠٠٠٠٠٠٨", False),  # must be normalised first
        ("²", False),
    ],
)
def test_luhn_valid(digits, expected):
    assert luhn_valid(digits) is expected


# --- national ID ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1000000008", "1000000008"),
        ("2000000006", "2000000006"),
        ("١٠٠٠٠٠٠٠٠٨", "1000000008"),  # Arabic-Indic
        ("۱۰۰۰۰۰۰۰۰۸", "1000000008"),  # Persian
        (" 1000-000-008 ", "1000000008"),
        ("1 000 000 008", "1000000008"),
        ("\u200e1000000008\u200f", "1000000008"),
        ("1000\u00a0000\u2013008", "1000000008"),
        ("1000000000", "1000000000"),  # bad checksum is not an error here (only a warning)
    ],
)
def test_normalize_national_id(raw, expected):
    assert normalize_national_id(raw) == expected


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("", "national_id.length"),
        ("123456789", "national_id.length"),
        ("10000000080", "national_id.length"),
        ("١٢٣", "national_id.length"),
        ("100000000²", "national_id.digits"),
        ("10000000a8", "national_id.digits"),
        ("1000.000.008", "national_id.digits"),
        ("3000000004", "national_id.prefix"),
        ("0000000000", "national_id.prefix"),
        ("٥٠٠٠٠٠٠٠٠٠", "national_id.prefix"),
    ],
)
def test_normalize_national_id_rejects(raw, key):
    with pytest.raises(ValidationError) as exc:
        normalize_national_id(raw)
    assert exc.value.key == key
    assert exc.value.field == "national_id"


def test_national_id_length_message_says_what_is_expected():
    with pytest.raises(ValidationError) as exc:
        normalize_national_id("12345")
    assert exc.value.message("ar") == "رقم الهوية أو الإقامة يجب أن يتكون من 10 أرقام (المُدخل 5 أرقام)"
    assert exc.value.message("en") == "National ID / iqama number must have 10 digits (you entered 5)"


@pytest.mark.parametrize(
    ("nid", "ok"),
    [
        ("1000000008", True),
        ("1000000000", False),
        ("2000000006", True),
        ("2000000001", False),
        ("100000008", False),  # wrong length
        ("", False),
    ],
)
def test_national_id_checksum_ok(nid, ok):
    assert national_id_checksum_ok(nid) is ok


def test_national_id_checksum_warning_text():
    assert "1000000000" in msg("national_id.checksum", lang="ar", nid="1000000000")
    assert "supervisor" in msg("national_id.checksum", lang="en", nid="1000000000")
    assert "للمشرف" in msg("national_id.checksum", lang="ar", nid="1000000000")


@pytest.mark.parametrize(
    ("nid", "kind"),
    [("1000000008", "citizen"), ("2000000006", "resident"), ("٢٠٠٠٠٠٠٠٠٦", "resident")],
)
def test_national_id_kind(nid, kind):
    assert national_id_kind(nid) == kind


def test_national_id_kind_rejects_bad_prefix():
    with pytest.raises(ValidationError):
        national_id_kind("3000000004")


# --- mobile ---------------------------------------------------------------------------------

E164 = "+966501234567"


@pytest.mark.parametrize(
    "raw",
    [
        "0501234567",
        "501234567",
        "966501234567",
        "+966501234567",
        "00966501234567",
        "+9660501234567",  # +966 05... with the trunk zero
        "+966 050 123 4567",
        "9660501234567",
        "009660501234567",
        "050 123 4567",
        "050-123-4567",
        "050.123.4567",
        "(050) 123 4567",
        "+966 (50) 123-4567",
        "٠٥٠١٢٣٤٥٦٧",  # Arabic-Indic
        "۰۵۰۱۲۳۴۵۶۷",  # Persian
        "+٩٦٦٥٠١٢٣٤٥٦٧",
        "\u200e+966 50 123 4567\u200f",  # copied from WhatsApp
        "\u00a0050\u00a0123\u00a04567 ",
    ],
)
def test_normalize_mobile_accepts(raw):
    assert normalize_mobile(raw) == E164


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "0112345678",  # Riyadh landline
        "+966112345678",  # landline in E.164
        "050123456",  # too short
        "05012345678",  # too long
        "50123456",
        "+971501234567",  # UAE
        "00971501234567",
        "+1 650 555 1234",
        "96650123456",  # 9665 + 7 digits
        "05012345٦²",
        "05o1234567",
        "+966+501234567",
        "0501234567 ext",
        "00501234567",
    ],
)
def test_normalize_mobile_rejects(raw):
    with pytest.raises(ValidationError) as exc:
        normalize_mobile(raw)
    assert exc.value.key == "mobile.invalid"
    assert exc.value.field == "mobile"


def test_mobile_message_shows_accepted_forms():
    for lang in ("ar", "en"):
        text = strip_invisible(msg("mobile.invalid", lang=lang))
        for form in ("0501234567", "501234567", "+966501234567", "00966501234567"):
            assert form in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0501234567", E164),
        ("٠٥٠ ١٢٣ ٤٥٦٧", E164),
        ("+966 50 123 4567", E164),
        ("0501", None),  # partial: searched as digits elsewhere
        ("050123", None),
        ("محمد", None),
        ("", None),
        ("1000000008", None),  # a national ID, not a mobile
        ("0" * 100, None),
    ],
)
def test_mobile_search_key(query, expected):
    assert mobile_search_key(query) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+966501234567", "+966 50 123 4567"),
        ("+966551112233", "+966 55 111 2233"),
        ("0501234567", "+966 50 123 4567"),
        ("not a phone", "not a phone"),
    ],
)
def test_format_mobile_display(raw, expected):
    assert format_mobile_display(raw) == expected


# --- age ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "on", "age", "adult"),
    [
        (date(2007, 3, 30), date(2025, 3, 30), 18, True),  # 18th birthday
        (date(2007, 3, 31), date(2025, 3, 30), 17, False),  # one day short
        (date(2000, 1, 1), date(2025, 3, 30), 25, True),
        (date(2010, 6, 15), date(2025, 3, 30), 14, False),
        (date(2008, 2, 29), date(2026, 2, 28), 17, False),  # leap-day birthday
        (date(2008, 2, 29), date(2026, 3, 1), 18, True),
        (date(2025, 3, 30), date(2025, 3, 30), 0, False),
    ],
)
def test_age_and_adult(birth, on, age, adult):
    assert age_on(birth, on) == age
    assert is_adult(birth, on) is adult


def test_birth_after_reference_date_raises():
    with pytest.raises(ValidationError) as exc:
        age_on(date(2030, 1, 1), date(2025, 1, 1))
    assert exc.value.key == "birth_date.future"
