"""Saudi identifiers: national ID / iqama numbers, mobile numbers, and the adult-age rule.

Typed at a check-in desk in any digit script, with spaces, dashes or invisible marks pasted
along: normalise first, then validate with explicit ASCII ranges (see ARABIC.md,
"Saudi identifiers").
"""

from __future__ import annotations

import re
from datetime import date

from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.text import INVISIBLES, normalize_digits

__all__ = [
    "ADULT_AGE",
    "age_on",
    "format_mobile_display",
    "is_adult",
    "luhn_valid",
    "mobile_search_key",
    "national_id_checksum_ok",
    "national_id_kind",
    "normalize_mobile",
    "normalize_national_id",
]

#: Volunteer Work Law (executive regulations): younger volunteers need a guardian's consent.
ADULT_AGE = 18

i18n.register(
    {
        "national_id.length": (
            "رقم الهوية أو الإقامة يجب أن يتكون من 10 أرقام (المُدخل {count} أرقام)",
            "National ID / iqama number must have 10 digits (you entered {count})",
        ),
        "national_id.digits": (
            "رقم الهوية أو الإقامة يجب أن يحتوي على أرقام فقط",
            "National ID / iqama number must contain digits only",
        ),
        "national_id.prefix": (
            "رقم الهوية يجب أن يبدأ بالرقم 1 (مواطن) أو 2 (مقيم)",
            "National ID must start with 1 (citizen) or 2 (resident / iqama)",
        ),
        "national_id.checksum": (
            "رقم الهوية {nid} لا يجتاز التحقق من الخانة الأخيرة؛ راجع الرقم مع صاحبه، ويمكن للمشرف قبوله",
            "National ID {nid} fails the check-digit test; check it with its holder — a supervisor may accept it",
        ),
        "mobile.invalid": (
            # The + form sits in a left-to-right isolate so an RTL line shows "+966…", not "966…+".
            "رقم الجوال غير صحيح: أدخل رقم جوال سعوديًا مثل 0501234567 أو 501234567 أو \u2066+966501234567\u2069 أو 00966501234567",
            "Invalid mobile number: enter a Saudi mobile such as 0501234567, 501234567, +966501234567 or 00966501234567",
        ),
        "birth_date.future": (
            "تاريخ الميلاد بعد التاريخ المحدد؛ تحقق من تاريخ الميلاد",
            "The birth date is after the reference date; check the birth date",
        ),
    }
)

_ASCII_DIGITS = frozenset("0123456789")

# Separators people type or paste inside numbers: spaces (all kinds), dashes, dots,
# parentheses, underscores/slashes are NOT accepted (they usually mean a different field).
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_ID_NOISE = re.compile("[\\s" + re.escape(_DASHES + "".join(INVISIBLES)) + "]+")
_MOBILE_NOISE = re.compile("[\\s" + re.escape(_DASHES + "".join(INVISIBLES) + ".()") + "]+")


def luhn_valid(digits: str) -> bool:
    """Luhn (mod 10) check on a string of ASCII digits; False for anything else or empty."""
    if not digits or not _ASCII_DIGITS.issuperset(digits):
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i & 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def normalize_national_id(s: str) -> str:
    """The 10-digit national ID / iqama number, from any digit script, spaces and dashes allowed.

    Checks shape only (10 digits, first 1 or 2). The check digit is NOT enforced here: the
    rule is community-derived, so callers warn with `national_id_checksum_ok` instead.
    """
    nid = _ID_NOISE.sub("", normalize_digits(s))
    if not _ASCII_DIGITS.issuperset(nid):
        raise ValidationError("national_id.digits", field="national_id")
    if len(nid) != 10:
        raise ValidationError("national_id.length", field="national_id", count=len(nid))
    if nid[0] not in "12":
        raise ValidationError("national_id.prefix", field="national_id")
    return nid


def national_id_checksum_ok(nid: str) -> bool:
    """Whether a (normalised) 10-digit ID passes the Luhn check digit.

    A False answer is a WARNING ("national_id.checksum"), not a rejection: the algorithm is
    not officially published, so a supervisor may accept the number.
    """
    return len(nid) == 10 and luhn_valid(nid)


def national_id_kind(nid: str) -> str:
    """'citizen' (starts with 1) or 'resident' (2, iqama); raises on a malformed number."""
    return "citizen" if normalize_national_id(nid)[0] == "1" else "resident"


def _parse_mobile(s: str) -> str | None:
    """E.164 '+9665XXXXXXXX' or None; shared by the strict and the search paths."""
    t = _MOBILE_NOISE.sub("", normalize_digits(s))
    if t.startswith("+"):
        if not t.startswith("+966"):
            return None
        national = t[4:]
    elif t.startswith("00"):
        if not t.startswith("00966"):
            return None
        national = t[5:]
    elif t.startswith("966") and len(t) in (12, 13):
        national = t[3:]
    else:
        national = t
    if national.startswith("0"):  # 05..., and +966 05... typed with the trunk zero
        national = national[1:]
    if len(national) != 9 or national[0] != "5" or not _ASCII_DIGITS.issuperset(national):
        return None
    return "+966" + national


def normalize_mobile(s: str) -> str:
    """A Saudi mobile number as stored: E.164 '+9665XXXXXXXX'.

    Accepts 05XXXXXXXX, 5XXXXXXXX, 9665XXXXXXXX, +9665XXXXXXXX, 009665XXXXXXXX (also with the
    trunk 0 after the country code), in any digit script, with spaces, dashes, dots,
    parentheses or invisible marks. Landlines and foreign numbers are rejected.
    """
    e164 = _parse_mobile(s)
    if e164 is None:
        raise ValidationError("mobile.invalid", field="mobile")
    return e164


def mobile_search_key(s: str) -> str | None:
    """The E.164 form of a search query that is a complete mobile number, else None (no raise)."""
    if len(s) > 40:  # a pasted paragraph is not a phone number; keep keystroke search cheap
        return None
    return _parse_mobile(s)


def format_mobile_display(e164: str) -> str:
    """'+966 50 123 4567' for screens and certificates; other input is returned unchanged."""
    n = _parse_mobile(e164)
    if n is None:
        return e164
    return f"+966 {n[4:6]} {n[6:9]} {n[9:]}"


def age_on(birth: date, on: date) -> int:
    """Completed Gregorian years on `on` (a 29 February birthday counts from 1 March)."""
    if on < birth:
        raise ValidationError("birth_date.future", field="birth_date")
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def is_adult(birth: date, on: date) -> bool:
    """18 or older on `on`; younger volunteers need a guardian's consent."""
    return age_on(birth, on) >= ADULT_AGE
