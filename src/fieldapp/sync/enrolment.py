"""Pure helpers of enrolment (no database, no network): reading what the user typed or scanned,
making a new short code, measuring clock skew, and the body of POST /v1/enroll.

The QR the server prints holds one line, ``FIELDAPP1 <server-url> <code>`` (server/codes.py):
the desk's USB scanner types it into the code field, so the code field accepts it whole.
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from typing import Any

from fieldapp.core import i18n
from fieldapp.sync.client import SyncError

i18n.register(
    {
        "sync.no_url": (
            "اكتب عنوان الخادم، أو امسح رمز QR الذي يحمل العنوان والرمز.",
            "Give the server address, or scan the QR code that holds both the address and the code.",
        ),
        "sync.clock_skew": (
            "ساعة هذا الحاسوب تختلف عن ساعة الخادم بنحو {minutes}؛ صحّحها. البيانات تُرفع رغم ذلك.",
            "This laptop's clock differs from the server's by about {minutes}; correct it. "
            "Data still goes up.",
        ),
        "sync.bad_code": (
            "رمز التسجيل غير صالح: «{code}».",
            "The enrolment code is not valid: “{code}”.",
        ),
    }
)

QR_TAG = "FIELDAPP1"
# The laptop's short-code alphabet (store/db.py _ensure_device): readable aloud, no 0/O, 1/I.
SHORT_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
SHORT_CODE_LENGTH = 4
MAX_SKEW_S = 300  # beyond 5 minutes the coordinator is told (facts still go up: they carry their time)


def normalise_code(text: str) -> str:
    """Case, spaces and dashes do not matter: `abcd-efgh jk` is `ABCDEFGHJK`."""
    return "".join(ch for ch in text.upper() if ch not in " -\t\r\n")


def read_input(url: str | None, code: str) -> tuple[str, str]:
    """(server URL, normalised code) from what was typed: the code field may hold the whole QR
    text, whose URL then wins over a typed one."""
    parts = (code or "").split()
    if len(parts) == 3 and parts[0].upper() == QR_TAG:
        url, code = parts[1], parts[2]
    if not url or not url.strip():
        raise SyncError("sync.no_url")
    normal = normalise_code(code or "")
    if not 4 <= len(normal) <= 40 or not normal.isalnum():
        raise SyncError("sync.bad_code", code=(code or "").strip())
    return url.strip(), normal


def new_short_code(avoid: str) -> str:
    while True:
        code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))
        if code != avoid:
            return code


def clock_skew_warning(skew_s: float, lang: str | None = None) -> str:
    """«…بنحو 13 دقيقةً؛ صحّحها…»: the minutes counted as the number calls for (after a preposition)."""
    minutes = i18n.count("minutes", round(abs(skew_s) / 60), lang, oblique=True)
    return i18n.msg("sync.clock_skew", lang, minutes=minutes)


def clock_skew_s(server_time: str, now: dt.datetime | None = None) -> float:
    """This laptop's clock minus the server's, in seconds (positive: the laptop is ahead)."""
    server = dt.datetime.fromisoformat(server_time)
    if server.tzinfo is None:
        server = server.replace(tzinfo=dt.UTC)
    return ((now or dt.datetime.now(dt.UTC)) - server).total_seconds()


def enroll_body(
    code: str, device_id: str, name: str, short_code: str, key_id: str, public_raw: bytes, version: str
) -> dict[str, Any]:
    return {
        "code": code,
        "device_id": device_id,
        "device_name": name,
        "short_code": short_code,
        "public_key": base64.b64encode(public_raw).decode("ascii"),
        "key_id": key_id,
        "app_version": version,
    }
