"""Signed certificate payloads (Ed25519) carried in the certificate's QR code.

Format, version 1 (one line of QR "alphanumeric" characters)::

    FA1.<BODY>.<SIG>

``BODY`` and ``SIG`` are RFC 4648 base32 without padding (A-Z, 2-7). Base32 rather than
base64url because upper-case letters, digits and ``.`` fit the QR alphanumeric mode (5.5 bits
per character against 8 in byte mode): the QR is about two versions smaller, which matters for a
code read from paper at ~25 mm. ``SIG`` is the 64-byte Ed25519 signature over
``b"FA1." + BODY_BYTES`` (the prefix binds the version). ``BODY_BYTES``:

    offset  size  field
    0       4     key id: first 4 bytes of sha256(raw 32-byte public key) (8 hex digits)
    4       2     issue date: days since 1970-01-01, unsigned big-endian
    6       8     name digest: first 8 bytes of sha256(folded full name), see ``name_digest``
    14      var   hours x 100, unsigned LEB128 varint
    ..      1+n   serial: length byte + UTF-8
    ..      1+n   event short id: length byte + UTF-8

The key id sits at a fixed offset so a verifier finds the key before it trusts anything else.
A typical payload (serial "R-2025-000123", event "E7K2Q") is ~165 characters: QR version 7-8
(45-49 modules) at error-correction level M.

Verification order: malformed text -> unknown key -> bad signature ("tampered") -> fields that
do not parse ("malformed") -> voided serial ("voided") -> "genuine".
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from fieldapp.core.text import fold

PREFIX = "FA1."
_EPOCH = date(1970, 1, 1)
_SIG_LEN = 64
_FIXED = struct.Struct(">4sH8s")

Status = Literal["genuine", "tampered", "unknown_key", "voided", "malformed"]


class PayloadError(ValueError):
    """The payload text cannot be decoded."""


# --- name folding --------------------------------------------------------------------------


def fold_name(full_name: str) -> str:
    """The form of a name that is hashed: what a verifier types must fold to the same string.

    The search key of core.text (no harakat, tatweel or hamza forms, ى/ي, ة/ه, digits ASCII)
    with every space removed, so "عبد الله" and "عبدالله" are the same person on the paper.
    """
    return fold(full_name).replace(" ", "")


def name_digest(full_name: str) -> bytes:
    """First 8 bytes of sha256 of the folded name."""
    return hashlib.sha256(fold_name(full_name).encode("utf-8")).digest()[:8]


# --- keys ----------------------------------------------------------------------------------


def generate_key() -> tuple[bytes, bytes]:
    """A new signing key: (private key as unencrypted PKCS#8 PEM, raw 32-byte public key)."""
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return pem, _public_raw(private)


def _public_raw(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _load_private(private: bytes | Ed25519PrivateKey) -> Ed25519PrivateKey:
    if isinstance(private, Ed25519PrivateKey):
        return private
    key = serialization.load_pem_private_key(private, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TypeError("certificate signing key must be Ed25519")
    return key


def key_id(public_raw: bytes) -> str:
    """Short key id: first 8 hex digits of sha256(raw public key)."""
    if len(public_raw) != 32:
        raise ValueError("an Ed25519 public key is 32 raw bytes")
    return hashlib.sha256(public_raw).hexdigest()[:8]


# --- payload -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PayloadFields:
    serial: str
    event_id: str
    hours_x100: int
    issue_date: date
    name_digest: bytes  # 8 bytes
    key_id: str = ""  # 8 hex digits; filled in by sign_payload

    @property
    def hours(self) -> float:
        return self.hours_x100 / 100

    def name_matches(self, printed_name: str) -> bool:
        return name_digest(printed_name) == self.name_digest


@dataclass(frozen=True, slots=True)
class VerifyResult:
    status: Status
    fields: PayloadFields | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "genuine"


def make_payload(
    serial: str, event_id: str, hours: float, issue_date: date, full_name: str, key_id: str = ""
) -> PayloadFields:
    """Fields for one certificate; hours are kept to the hundredth."""
    if hours < 0:
        raise ValueError("hours cannot be negative")
    return PayloadFields(
        serial=serial,
        event_id=event_id,
        hours_x100=round(hours * 100),
        issue_date=issue_date,
        name_digest=name_digest(full_name),
        key_id=key_id,
    )


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 35:
            raise PayloadError("bad hours field")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def _short_text(text: str, what: str) -> bytes:
    raw = text.encode("utf-8")
    if len(raw) > 255:
        raise ValueError(f"{what} is longer than 255 bytes")
    return bytes([len(raw)]) + raw


def encode_body(fields: PayloadFields) -> bytes:
    days = (fields.issue_date - _EPOCH).days
    if not 0 <= days <= 0xFFFF:
        raise ValueError("issue date out of range (1970-2149)")
    if len(fields.name_digest) != 8:
        raise ValueError("name digest must be 8 bytes")
    return (
        _FIXED.pack(bytes.fromhex(fields.key_id), days, fields.name_digest)
        + _varint(fields.hours_x100)
        + _short_text(fields.serial, "serial")
        + _short_text(fields.event_id, "event id")
    )


def decode_body(body: bytes) -> PayloadFields:
    if len(body) < _FIXED.size + 3:
        raise PayloadError("payload too short")
    kid, days, digest = _FIXED.unpack_from(body)
    hours_x100, pos = _read_varint(body, _FIXED.size)
    texts = []
    for _ in range(2):
        if pos >= len(body):
            raise PayloadError("payload truncated")
        n = body[pos]
        raw = body[pos + 1 : pos + 1 + n]
        if len(raw) != n:
            raise PayloadError("payload truncated")
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise PayloadError("text field is not UTF-8") from exc
        pos += 1 + n
    if pos != len(body):
        raise PayloadError("trailing bytes")
    return PayloadFields(
        serial=texts[0],
        event_id=texts[1],
        hours_x100=hours_x100,
        issue_date=_EPOCH + timedelta(days=days),
        name_digest=digest,
        key_id=kid.hex(),
    )


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    if not text or not re.fullmatch("[A-Z2-7]+", text):
        raise PayloadError("not base32")
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError as exc:
        raise PayloadError("not base32") from exc
    if _b32(data) != text:  # non-canonical spelling (stray bits): reject, never "equal"
        raise PayloadError("non-canonical base32")
    return data


def sign_payload(private: bytes | Ed25519PrivateKey, fields: PayloadFields) -> str:
    """Sign ``fields`` with a PEM (or loaded) Ed25519 key; returns the QR text.

    The key id is taken from the key itself, so a payload cannot name the wrong key.
    """
    key = _load_private(private)
    fields = replace(fields, key_id=key_id(_public_raw(key)))
    body = encode_body(fields)
    signature = key.sign(PREFIX.encode("ascii") + body)
    return f"{PREFIX}{_b32(body)}.{_b32(signature)}"


def parse_and_verify(
    text: str, known_keys: dict[str, bytes], voided_serials: set[str] | frozenset[str] = frozenset()
) -> VerifyResult:
    """Check a scanned payload against the organisation's public keys (key id -> raw key)."""
    text = text.strip()
    if not text.upper().startswith(PREFIX):
        return VerifyResult("malformed", reason="not a FieldApp certificate code")
    parts = text[len(PREFIX) :].upper().split(".")
    if len(parts) != 2:
        return VerifyResult("malformed", reason="expected two parts after the prefix")
    try:
        body = _unb32(parts[0])
        signature = _unb32(parts[1])
    except PayloadError as exc:
        return VerifyResult("malformed", reason=str(exc))
    if len(signature) != _SIG_LEN or len(body) < _FIXED.size:
        return VerifyResult("malformed", reason="wrong length")

    kid = body[:4].hex()
    public_raw = known_keys.get(kid)
    if public_raw is None:
        return VerifyResult("unknown_key", reason=f"key {kid} is not one of this organisation's keys")
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, PREFIX.encode("ascii") + body)
    except (InvalidSignature, ValueError):
        return VerifyResult("tampered", reason="signature does not match the contents")
    try:
        fields = decode_body(body)
    except PayloadError as exc:
        return VerifyResult("malformed", reason=f"signed but unreadable: {exc}")
    if fields.serial in voided_serials:
        return VerifyResult("voided", fields, reason="this certificate was voided")
    return VerifyResult("genuine", fields)
