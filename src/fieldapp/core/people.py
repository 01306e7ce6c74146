"""People as they are typed or imported: the loose forms of names, IDs, mobiles, genders, dates
and yes/no cells, parsed and validated into one clean shape (pure rules, no database).

Everything typed at the desk, in the people editor or read from a roster file goes through
`clean_person()`, so a person is stored the same way whichever screen or file they came from.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from fieldapp.core import i18n
from fieldapp.core.dates import local_now
from fieldapp.core.errors import ValidationError
from fieldapp.core.identifiers import (
    national_id_checksum_ok,
    normalize_mobile,
    normalize_national_id,
)
from fieldapp.core.text import (
    CONTROLS,
    INVISIBLES,
    clean_name,
    clean_text,
    fold,
    normalize_digits,
    strip_invisible,
)

NOTES_MAX = 4000  # characters of a person's notes

i18n.register(
    {
        "notes.too_long": (
            "الملاحظات أطول من اللازم ({length} حرفًا)؛ الحد الأقصى {limit} حرفًا",
            "The notes are too long ({length} characters); the limit is {limit}",
        ),
        "person.identifier_required": (
            "أدخل رقم الهوية أو رقم الجوال على الأقل، ليمكن التعرّف على الشخص عند الحضور",
            "Enter at least a national ID or a mobile number, so the person can be recognised at check-in",
        ),
        "gender.invalid": (
            "الجنس «{value}» غير مفهوم: اكتب ذكر أو أنثى (أو M / F)",
            "Gender “{value}” is not understood: write male or female (or M / F, ذكر / أنثى)",
        ),
        "date.invalid": (
            "التاريخ «{value}» غير مفهوم: اكتبه مثل 2001-05-17 أو 17/05/2001 أو 1422/02/23 هـ",
            "The date “{value}” is not understood: write it like 2001-05-17, 17/05/2001 or 1422/02/23 AH",
        ),
        "birth_date.range": (
            "تاريخ الميلاد {value} غير معقول: يجب أن يكون بين 1900 واليوم",
            "The birth date {value} is not plausible: it must be between 1900 and today",
        ),
        "consent.invalid": (
            "قيمة موافقة ولي الأمر «{value}» غير مفهومة: اكتب نعم أو لا",
            "Guardian consent “{value}” is not understood: write yes or no",
        ),
        "badge.invalid": (
            "رمز البطاقة يجب ألا يتجاوز 64 حرفًا",
            "A badge code must not be longer than 64 characters",
        ),
    }
)


class ChecksumWarning(ValidationError):
    """The national ID fails its check digit: a supervisor may accept it (override_checksum=True)."""


@dataclass(frozen=True)
class PersonInput:
    """What a form or a file row gives us; every field in any written form (cleaned on save)."""

    full_name: str
    latin_name: str | None = None
    national_id: str | None = None
    mobile: str | None = None
    gender: str | None = None
    birth_date: dt.date | str | None = None
    guardian_consent: bool | str | None = False
    badge_code: str | None = None
    notes: str | None = ""


# --- parsing the loose forms people type ------------------------------------------------------

_GENDERS = {
    "m": "m",
    "male": "m",
    "man": "m",
    "ذكر": "m",
    "م": "m",
    "رجل": "m",
    "f": "f",
    "female": "f",
    "woman": "f",
    "انثي": "f",  # أنثى / انثى folded
    "ف": "f",
    "امراه": "f",
}
_TRUE = {"1", "yes", "y", "true", "t", "x", "نعم", "موافق", "موافقه", "✓", "✔"}
_FALSE = {"", "0", "no", "n", "false", "f", "لا", "غير موافق", "-"}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PARTS = re.compile(r"(\d{1,4})\s*[-/.\\]\s*(\d{1,2})\s*[-/.\\]\s*(\d{1,4})")
_HIJRI_MARK = re.compile(r"(هـ|ه|ھ|\bah\b|\bh\b)", re.IGNORECASE)
_ERA_NOISE = re.compile(r"(هـ|ه|ھ|م|\bah\b|\bad\b|\bh\b|\bg\b)", re.IGNORECASE)


def is_blank(value: Any) -> bool:
    """None, or a text of nothing but spaces and invisible marks (an empty cell)."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    if value and not value[0].isspace() and value[0] not in INVISIBLES:
        return False  # the common case: a cell that starts with a visible character
    return not strip_invisible(value).strip()


@functools.lru_cache(maxsize=256)
def parse_gender(value: Any) -> str | None:
    # Cached: a roster column holds a handful of distinct spellings, read 100,000 times.
    if is_blank(value):
        return None
    folded = fold(str(value))
    if folded in _GENDERS:
        return _GENDERS[folded]
    raise ValidationError("gender.invalid", field="gender", value=str(value).strip())


@functools.lru_cache(maxsize=256)
def parse_bool(value: Any, field_name: str = "guardian_consent") -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int | float):
        return value != 0
    raw = strip_invisible(str(value)).strip()
    folded = raw if raw in _TRUE else fold(raw)  # fold() would turn ✓ into a space
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValidationError("consent.invalid", field=field_name, value=str(value).strip())


def _hijri_to_gregorian(y: int, m: int, d: int) -> dt.date:
    from hijridate import Hijri

    return Hijri(y, m, d).to_gregorian()


def parse_date(value: Any, field_name: str = "birth_date") -> dt.date | None:
    """A date from a cell or a field: date/datetime objects, Excel serials, ISO, d/m/y, Hijri.

    Day-first (Saudi use) unless the middle number cannot be a month. A year below 1600 is a
    Hijri (Umm al-Qura) year, as is any date marked هـ / AH.
    """
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_excel_serial(value, field_name, value)
    raw = str(value)
    if len(raw) == 10 and raw[4] == "-" and raw.isascii():  # ISO, the common case
        try:
            parsed = dt.date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            if parsed.year >= 1600:
                return parsed
    text = normalize_digits(strip_invisible(raw)).strip()
    hijri = bool(_HIJRI_MARK.search(text))
    text = _ERA_NOISE.sub(" ", text).strip()
    try:
        if text.isdigit() and len(text) == 8:  # 20010517
            y, m, d = int(text[:4]), int(text[4:6]), int(text[6:])
        elif text.replace(".", "", 1).isdigit() and len(text.split(".")[0]) == 5:
            return _from_excel_serial(float(text), field_name, raw)
        else:
            match = _DATE_PARTS.match(text)
            if match is None:
                raise ValueError(text)
            a, b, c = match.groups()
            if len(a) == 4:
                y, m, d = int(a), int(b), int(c)
            elif len(c) == 4:
                d, m, y = int(a), int(b), int(c)
                if m > 12 and d <= 12:  # month-first (US Excel)
                    d, m = m, d
            else:
                raise ValueError(text)  # two-digit years are ambiguous
        if hijri or y < 1600:
            return _hijri_to_gregorian(y, m, d)
        return dt.date(y, m, d)
    except (ValueError, OverflowError, TypeError) as exc:
        raise ValidationError("date.invalid", field=field_name, value=raw.strip()) from exc


def _from_excel_serial(serial: float, field_name: str, shown: Any) -> dt.date:
    if not 1 <= serial < 2958466:
        raise ValidationError("date.invalid", field=field_name, value=str(shown))
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def clean_code(value: Any) -> str | None:
    """A badge code as scanners send it: invisibles and spaces removed, digits ASCII, upper case."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    code = "".join(ch for ch in normalize_digits(strip_invisible(str(value))) if ch not in CONTROLS)
    code = "".join(code.split()).upper()
    if len(code) > 64:
        raise ValidationError("badge.invalid", field="badge_code")
    return code or None


def _optional_name(value: Any, field_name: str) -> str | None:
    return None if is_blank(value) else clean_name(str(value), field=field_name)


def _id_text(value: Any) -> str:
    # Excel gives numbers as floats: 1000000008.0 must not become "1000000008.0".
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class CleanPerson:
    """A validated person, ready to store; `checksum_ok` False means the ID needs an override."""

    full_name: str
    latin_name: str | None
    national_id: str | None
    mobile: str | None
    gender: str | None
    birth_date: dt.date | None
    guardian_consent: bool
    badge_code: str | None
    notes: str
    checksum_ok: bool = True

    def columns(self) -> dict[str, Any]:
        return {
            "full_name": self.full_name,
            "latin_name": self.latin_name,
            "national_id": self.national_id,
            "mobile": self.mobile,
            "gender": self.gender,
            "birth_date": self.birth_date,
            "guardian_consent": self.guardian_consent,
            "badge_code": self.badge_code,
            "notes": self.notes,
            "name_key": name_key(self.full_name, self.latin_name),
        }


def name_key(full_name: str, latin_name: str | None) -> str:
    return fold(f"{full_name} {latin_name or ''}")


def clean_person(
    inp: PersonInput, today: dt.date | None = None
) -> tuple[CleanPerson | None, list[ValidationError]]:
    """Validate every field; returns the clean person (None if any error) and ALL the errors."""
    errors: list[ValidationError] = []

    def attempt(fn, *args):
        try:
            return fn(*args)
        except ValidationError as exc:
            errors.append(exc)
            return None

    today = today or local_now().date()
    full_name = attempt(clean_name, inp.full_name or "", "full_name")
    latin_name = None if is_blank(inp.latin_name) else attempt(_optional_name, inp.latin_name, "latin_name")
    nid = None if is_blank(inp.national_id) else attempt(normalize_national_id, _id_text(inp.national_id))
    mobile = None if is_blank(inp.mobile) else attempt(normalize_mobile, _id_text(inp.mobile))
    gender = None if is_blank(inp.gender) else attempt(parse_gender, inp.gender)
    birth = None if is_blank(inp.birth_date) else attempt(parse_date, inp.birth_date)
    if birth is not None and not (dt.date(1900, 1, 1) <= birth <= today):
        errors.append(ValidationError("birth_date.range", field="birth_date", value=birth.isoformat()))
        birth = None
    consent = attempt(parse_bool, inp.guardian_consent)
    badge = None if is_blank(inp.badge_code) else attempt(clean_code, inp.badge_code)
    notes = "" if is_blank(inp.notes) else clean_text(str(inp.notes))
    if len(notes) > NOTES_MAX:
        errors.append(ValidationError("notes.too_long", field="notes", length=len(notes), limit=NOTES_MAX))
    if is_blank(inp.national_id) and is_blank(inp.mobile):
        errors.append(ValidationError("person.identifier_required", field="national_id"))
    if errors:
        return None, errors
    return (
        CleanPerson(
            full_name=full_name,
            latin_name=latin_name,
            national_id=nid,
            mobile=mobile,
            gender=gender,
            birth_date=birth,
            guardian_consent=bool(consent),
            badge_code=badge,
            notes=notes,
            checksum_ok=nid is None or national_id_checksum_ok(nid),
        ),
        [],
    )
