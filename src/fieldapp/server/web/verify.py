"""The public verification of a certificate on the central server (no sign-in).

The key id in the payload names the laptop that signed it: the server knows every laptop's public
key (registered at enrolment, and every `signing_key` row a laptop synced), so the payload's
organisation is the key's. Voids are `void` sync rows aimed at the certificate's row. What the page
shows is what the certificate prints and nothing more: the organisation, the name (only when the
synced person's name is the one signed into the code), the event and its date, the hours and the
issue date. Never the national id, the mobile or a void's reason.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.engine import Engine

from fieldapp.certificates import signing
from fieldapp.certificates.qr import payload_from_text
from fieldapp.core import dates
from fieldapp.server.db import read_session
from fieldapp.server.models import Device, Organisation, SyncRow

CERTIFICATE_TABLES = ("certificate", "hours_certificate")  # an event's, a period's hours
EVENT_SHORT_LEN = 8  # the tail of the event's id the payload carries (services.certificates.common)
MAX_TEXT = 2000  # a real payload is ~170 characters; anything far longer is not ours


@dataclass(frozen=True)
class Verdict:
    """status: genuine | voided | tampered | unknown_key | malformed."""

    status: str
    serial: str = ""
    org_name: str = ""
    full_name: str | None = None
    event_title: str | None = None
    event_date: dt.date | None = None
    hours: float | None = None
    issue_date: dt.date | None = None
    period: str | None = None  # a cumulative hours certificate: the period it covers

    def hours_text(self, lang: str) -> str:
        return dates.format_hours(self.hours or 0, lang)

    def date_text(self, value: dt.date | None, lang: str) -> str:
        return dates.format_dual(value, lang) if value else ""


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json_pair(key: str, value: str) -> str:
    """How a text field appears in a sync row's canonical JSON (sync.digest.canonical)."""
    return f"{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)}"


def _body_key_id(payload: str) -> str | None:
    part = payload[len(signing.PREFIX) :].upper().split(".")[0]
    try:
        body = base64.b32decode(part + "=" * (-len(part) % 8))
    except (binascii.Error, ValueError):
        return None
    return body[:4].hex() if len(body) >= 4 else None


def _decoded(public_b64: object, kid: str) -> bytes | None:
    """The raw key, when it is one and its id is `kid` (recomputed: no row can claim another's id)."""
    try:
        raw = base64.b64decode(str(public_b64 or ""), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 32 and signing.key_id(raw) == kid else None


def _keys_named(engine: Engine, kid: str) -> list[tuple[str, bytes]]:
    """(organisation id, raw public key) of the key with this id, in one organisation only.

    A laptop's key registered at enrolment is authoritative. A `signing_key` row (a laptop whose key
    file was lost makes a new key and syncs it) counts only when the laptop that owns the key pushed
    it itself, within its organisation. A public key is public: a laptop of another organisation
    could sync a copy as its own, so a key claimed by two organisations names none ("unknown
    issuer") rather than the wrong one.
    """
    with read_session(engine) as s:
        enrolled = s.execute(select(Device.org_id, Device.public_key).where(Device.key_id == kid)).all()
        keys = [(org, raw) for org, b64 in enrolled if (raw := _decoded(b64, kid)) is not None]
        if not keys:
            rows = s.execute(
                select(SyncRow.org_id, SyncRow.device_id, SyncRow.data).where(
                    SyncRow.table_name == "signing_key",
                    SyncRow.data.like(f"%{_like(_json_pair('key_id', kid))}%", escape="\\"),
                )
            ).all()
            for org, pusher, data in rows:
                row = json.loads(data)
                owner = s.get(Device, pusher) if row.get("owner_device_id") == pusher else None
                raw = _decoded(row.get("public_key"), kid)
                if owner is not None and owner.org_id == org and raw is not None and not row.get("deleted"):
                    keys.append((org, raw))
    return keys if len({org for org, _ in keys}) == 1 else []


def _row(s, org_id: str, table: str, row_id: str) -> dict | None:
    row = s.get(SyncRow, (org_id, table, row_id))
    return json.loads(row.data) if row is not None else None


def verify_text(engine: Engine, text: str) -> Verdict:
    """Verify a scanned or pasted text: a payload, or a verification address holding one."""
    payload = payload_from_text(text[:MAX_TEXT])
    if not payload.upper().startswith(signing.PREFIX) or len(payload) > MAX_TEXT:
        return Verdict("malformed")
    kid = _body_key_id(payload)
    if kid is None:
        return Verdict("malformed")
    keys = _keys_named(engine, kid)
    org_id = keys[0][0] if keys else None
    result = signing.parse_and_verify(payload, {kid: keys[0][1]} if keys else {})
    if result.fields is None or org_id is None:
        return Verdict(result.status)
    return _described(engine, org_id, result.fields)


def _described(engine: Engine, org_id: str, fields: signing.PayloadFields) -> Verdict:
    with read_session(engine) as s:
        org_name = s.scalar(select(Organisation.name).where(Organisation.id == org_id)) or ""
        verdict = Verdict(
            "genuine",
            serial=fields.serial,
            org_name=org_name,
            hours=fields.hours,
            issue_date=fields.issue_date,
        )
        for table in CERTIFICATE_TABLES:
            found = s.execute(
                select(SyncRow.row_id, SyncRow.data).where(
                    SyncRow.org_id == org_id,
                    SyncRow.table_name == table,
                    SyncRow.data.like(f"%{_like(_json_pair('serial', fields.serial))}%", escape="\\"),
                )
            ).first()
            if found is not None:
                return _with_row(s, org_id, fields, verdict, table, found.row_id, json.loads(found.data))
    return verdict


def _with_row(
    s, org_id: str, fields: signing.PayloadFields, verdict: Verdict, table: str, row_id: str, cert: dict
) -> Verdict:
    """The verdict with what the synced certificate row tells: voided, the name, what it certifies."""
    voided = cert.get("deleted") or _is_voided(s, org_id, table, row_id)
    person = _row(s, org_id, "person", str(cert.get("person_id", "")))
    full_name = None
    if person and fields.name_matches(str(person.get("full_name", ""))):
        full_name = person["full_name"]  # the name the code was signed for, as printed
    event_title = event_date = period = None
    if table == "hours_certificate":
        start, end = str(cert.get("period_start", "")), str(cert.get("period_end", ""))
        period = cert.get("period_label") or f"{start} – {end}"
    else:
        event_id = str(cert.get("event_id", ""))
        event = _row(s, org_id, "event", event_id)
        if event and event_id.replace("-", "")[-EVENT_SHORT_LEN:].upper() == fields.event_id:
            event_title = event.get("title")
            starts = _datetime(event.get("starts_at"))
            event_date = dates.to_local(starts).date() if starts else None
    return replace(
        verdict,
        status="voided" if voided else verdict.status,
        full_name=full_name,
        event_title=event_title,
        event_date=event_date,
        period=period,
    )


def _is_voided(s, org_id: str, table: str, certificate_id: str) -> bool:
    rows = s.scalars(
        select(SyncRow.data).where(
            SyncRow.org_id == org_id,
            SyncRow.table_name == "void",
            SyncRow.data.like(f"%{_like(_json_pair('target_id', certificate_id))}%", escape="\\"),
        )
    )
    for data in rows:
        void = json.loads(data)
        if void.get("target_table") == table and not void.get("deleted"):
            return True
    return False


def _datetime(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
