"""Enrolment codes and device tokens: how they are made, shown, hashed, and put in a QR.

An enrolment code is 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S,
2/Z, 8/B), about 46 bits, single use and short-lived: shown grouped as ``ABCD-EFGH-JK``. Typing
is forgiving: case, spaces and dashes are ignored. Only sha256(code) is stored.

The QR holds one line of text, compact so a small QR scans well on a desk's USB scanner:

    FIELDAPP1 <server-url> <code>

for example ``FIELDAPP1 https://fieldapp.example.sa:8765 ABCDEFGHJK`` (a version tag, the server
URL, the code without dashes, separated by single spaces).
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 10
QR_TAG = "FIELDAPP1"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch not in " -\t")


def grouped(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def qr_text(server_url: str, code: str) -> str:
    return f"{QR_TAG} {server_url.rstrip('/')} {normalise_code(code)}"


def parse_qr_text(text: str) -> tuple[str, str] | None:
    """(server URL, code) from a scanned QR text, or None when it is not ours."""
    parts = text.strip().split()
    if len(parts) != 3 or parts[0] != QR_TAG:
        return None
    return parts[1], normalise_code(parts[2])
