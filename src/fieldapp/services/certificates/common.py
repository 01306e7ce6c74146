"""What the certificate jobs share: reading live and voided certificates, the QR payload's parts,
and the organisation's name and serial code."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.certificates import signing
from fieldapp.core import dates, i18n
from fieldapp.store.models import Certificate, HoursCertificate, Void

i18n.register(
    {
        "certificate.not_found": (
            "لا توجد شهادة بالمعرّف {id}.",
            "There is no certificate with id {id}.",
        ),
    }
)

#: the organisation's name and serial code while none is set up
DEFAULT_ORG_NAME = {"ar": "الجهة المنظِّمة", "en": "The organising body"}
DEFAULT_ORG_CODE = "FA"
EVENT_SHORT_LEN = 8  # tail of the event's UUIDv7 (its random part) carried in the QR
TOPIC = "certificates"  # the Changed topic of every certificate write


def chunks(ids: list[str], size: int = 500) -> Iterator[list[str]]:
    """Ids in slices under SQLite's bound-parameter limit."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def event_short_id(event_id: str) -> str:
    return event_id.replace("-", "")[-EVENT_SHORT_LEN:].upper()


def localized(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Message parameters with hours worded in the reader's language."""
    out = dict(params)
    for key in ("hours", "minimum"):
        if key in out:
            out[key] = dates.format_hours(float(out[key]), lang)
    return out


# --- the QR payload ---------------------------------------------------------------------------


def body_of(payload: str) -> bytes | None:
    """The (unverified) body bytes of a payload, or None when it is not base32."""
    part = payload.strip()[len(signing.PREFIX) :].upper().split(".")[0]
    try:
        return base64.b32decode(part + "=" * (-len(part) % 8))
    except ValueError:
        return None


def payload_names(payload: str, full_name: str) -> bool:
    """True when the payload's name digest is the person's current name (or cannot be read)."""
    body = body_of(payload)
    try:
        fields = signing.decode_body(body) if body is not None else None
    except signing.PayloadError:
        fields = None
    return fields is None or fields.name_digest == signing.name_digest(full_name)


# --- reading certificates -----------------------------------------------------------------------


def _live_voids():
    return select(Void.target_id).where(Void.target_table == "certificate", Void.deleted.is_(False))


def live_certificates(session: Session, event_id: str) -> dict[str, tuple[str, str]]:
    """person id -> (certificate id, serial) of the live (not voided) certificates of an event."""
    rows = session.execute(
        select(Certificate.person_id, Certificate.id, Certificate.serial)
        .where(
            Certificate.event_id == event_id,
            Certificate.deleted.is_(False),
            Certificate.id.not_in(_live_voids()),
        )
        .order_by(Certificate.issued_at, Certificate.serial)
    )
    out: dict[str, tuple[str, str]] = {}
    for person_id, cid, serial in rows:
        out.setdefault(person_id, (cid, serial))  # two laptops issued offline: keep the first
    return out


def void_reasons(session: Session, ids: Iterable[str] | None = None) -> dict[str, str]:
    """certificate id -> reason, of the voided certificates (all, or among `ids`)."""
    query = select(Void.target_id, Void.reason).where(
        Void.target_table == "certificate", Void.deleted.is_(False)
    )
    if ids is None:
        return {target: reason for target, reason in session.execute(query)}
    out: dict[str, str] = {}
    for chunk in chunks(list(ids)):
        out.update(
            {target: reason for target, reason in session.execute(query.where(Void.target_id.in_(chunk)))}
        )
    return out


def voided_serials(session: Session) -> dict[str, str]:
    """serial -> reason, of every voided certificate (event and cumulative hours certificates)."""
    out: dict[str, str] = {}
    for model in (Certificate, HoursCertificate):
        rows = session.execute(
            select(model.serial, Void.reason)
            .join(Void, Void.target_id == model.id)
            .where(Void.target_table == model.__tablename__, Void.deleted.is_(False))
        )
        out.update({serial: reason for serial, reason in rows})
    return out
