"""Signed QR payloads: round trip, tampering, unknown keys, voided serials, name folding."""

from __future__ import annotations

from datetime import date

import pytest

from fieldapp.certificates import qr, signing
from fieldapp.certificates.signing import (
    PREFIX,
    generate_key,
    key_id,
    make_payload,
    name_digest,
    parse_and_verify,
    sign_payload,
)

NAME = "عبدالله بن خميس الزايدي"


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    return generate_key()


def _payload(private: bytes, serial: str = "R-2025-000123", name: str = NAME) -> str:
    return sign_payload(private, make_payload(serial, "E7K2Q", 12.5, date(2025, 3, 30), name))


def test_round_trip_genuine(keys) -> None:
    private, public = keys
    text = _payload(private)
    assert text.startswith(PREFIX)
    result = parse_and_verify(text, {key_id(public): public}, set())
    assert result.status == "genuine" and result.ok
    f = result.fields
    assert f is not None
    assert (f.serial, f.event_id, f.hours, f.issue_date) == (
        "R-2025-000123",
        "E7K2Q",
        12.5,
        date(2025, 3, 30),
    )
    assert f.key_id == key_id(public)
    assert f.name_matches(NAME)
    assert f.name_matches("عَبْدُالله  بن خميس الزايـــدي")  # harakat, tatweel, double space
    assert f.name_matches("عبد الله بن خميس الزايدى")  # the compound name's space, ى for ي
    assert not f.name_matches("عبدالله بن خميس الزهراني")


def test_payload_is_compact_and_qr_alphanumeric(keys) -> None:
    private, _ = keys
    text = _payload(private)
    assert len(text) <= 170
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.1")
    m = qr.encode(text)
    assert m.version <= 8 and m.modules <= 49


def test_key_id_is_short_hex(keys) -> None:
    _, public = keys
    kid = key_id(public)
    assert len(kid) == 8 and int(kid, 16) >= 0


def test_one_changed_character_is_tampered(keys) -> None:
    private, public = keys
    text = _payload(private)
    known = {key_id(public): public}
    body_start = len(PREFIX) + 8  # after the key id
    sig_start = text.index(".", len(PREFIX)) + 1
    for pos in (body_start, body_start + 10, sig_start + 5, len(text) - 10):
        ch = text[pos]
        changed = text[:pos] + ("B" if ch != "B" else "C") + text[pos + 1 :]
        assert parse_and_verify(changed, known, set()).status == "tampered", pos


def test_changed_byte_in_decoded_body_is_tampered(keys) -> None:
    import base64

    private, public = keys
    text = _payload(private)
    body_b32, sig_b32 = text[len(PREFIX) :].split(".")
    body = bytearray(base64.b32decode(body_b32 + "=" * (-len(body_b32) % 8)))
    body[6] ^= 0x01  # one bit of the name digest
    forged = PREFIX + base64.b32encode(bytes(body)).decode().rstrip("=") + "." + sig_b32
    assert parse_and_verify(forged, {key_id(public): public}, set()).status == "tampered"


def test_unknown_key(keys) -> None:
    _, public = keys
    other_private, _ = generate_key()
    text = _payload(other_private)
    result = parse_and_verify(text, {key_id(public): public}, set())
    assert result.status == "unknown_key"


def test_voided_serial(keys) -> None:
    private, public = keys
    text = _payload(private, serial="R-2025-000999")
    result = parse_and_verify(text, {key_id(public): public}, {"R-2025-000999"})
    assert result.status == "voided"
    assert result.fields is not None and result.fields.serial == "R-2025-000999"


@pytest.mark.parametrize(
    "text",
    ["", "hello", "FA1.", "FA1.ABC", "FA1.AB$C.DEF", "FA2.AAAA.BBBB", "FA1.AAAAAAAA.AAAAAAAA", "FA1.A.B.C"],
)
def test_malformed(keys, text: str) -> None:
    _, public = keys
    assert parse_and_verify(text, {key_id(public): public}, set()).status == "malformed"


def test_name_digest_folding() -> None:
    base = name_digest("محمد علي")
    assert name_digest("مُحَمَّد عَلِيّ") == base  # harakat
    assert name_digest("  محمد\u00a0 علي ") == base  # spaces, NBSP
    assert name_digest("\u202bمحمد\u200f علي\u202c") == base  # bidi controls
    assert name_digest("محـــمد علي") == base  # tatweel
    assert name_digest("ﻣﺤﻤﺪ ﻋﻠﻲ") == base  # presentation forms pasted from a PDF (NFKC)
    assert name_digest("محمد عالي") != base
    assert len(base) == 8
    assert name_digest("John SMITH") == name_digest("john smith")


def test_hours_precision_and_limits(keys) -> None:
    private, public = keys
    text = sign_payload(private, make_payload("S1", "E1", 1234.25, date(2030, 1, 1), "x"))
    f = parse_and_verify(text, {key_id(public): public}).fields
    assert f is not None and f.hours == 1234.25 and f.issue_date == date(2030, 1, 1)
    with pytest.raises(ValueError):
        make_payload("S1", "E1", -1, date(2025, 1, 1), "x")
    with pytest.raises(ValueError):
        sign_payload(private, make_payload("S" * 300, "E1", 1, date(2025, 1, 1), "x"))


def test_sign_payload_sets_key_id_from_key(keys) -> None:
    private, public = keys
    fields = make_payload("S1", "E1", 1, date(2025, 1, 1), "x", key_id="00000000")
    text = sign_payload(private, fields)
    result = signing.parse_and_verify(text, {key_id(public): public})
    assert result.status == "genuine" and result.fields is not None
    assert result.fields.key_id == key_id(public)
