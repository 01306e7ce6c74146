"""Verification: is a certificate code (typed, or read from an image or a PDF) genuine, offline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp.certificates import decode, keys, signing
from fieldapp.core import dates, i18n
from fieldapp.services.certificates.common import body_of, event_short_id, voided_serials
from fieldapp.services.contract import Service
from fieldapp.store.models import Certificate, Event, HoursCertificate, Person

i18n.register(
    {
        "verify.genuine": (
            "شهادة صحيحة ✔ رقم {serial} — {event} — {hours} — صدرت في {date}.",
            "Genuine certificate ✔ No. {serial} — {event} — {hours} — issued {date}.",
        ),
        "verify.name_ok": ("الاسم مطابق.", "The name matches."),
        "verify.name_mismatch": (
            "تنبيه: الاسم «{name}» لا يطابق الاسم الذي صدرت له الشهادة.",
            "Warning: the name '{name}' does not match the name the certificate was issued to.",
        ),
        "verify.tampered": (
            "شهادة مزوَّرة أو معدَّلة ✘: التوقيع لا يطابق المحتوى.",
            "Tampered certificate ✘: the signature does not match the contents.",
        ),
        "verify.unknown_key": (
            "لا يمكن التحقق ✘: الشهادة موقَّعة بمفتاح ({key_id}) لا يعرفه هذا الجهاز. "
            "زامن الجهاز ثم أعد المحاولة؛ إن بقيت النتيجة فليست من أجهزة الجهة.",
            "Cannot verify ✘: the certificate is signed with a key ({key_id}) this laptop does not know. "
            "Sync, then try again; if it stays unknown it was not issued by this organisation's laptops.",
        ),
        "verify.voided": (
            "شهادة ملغاة ✘: رقم {serial} ألغيت ({reason}).",
            "Voided certificate ✘: No. {serial} was voided ({reason}).",
        ),
        "verify.malformed": (
            "ليس رمز شهادة من ميدان: {detail}",
            "Not a FieldApp certificate code: {detail}",
        ),
        "verify.unknown_event": ("فعالية {id}", "event {id}"),
        "verify.hours_certificate": ("شهادة ساعات تطوعية {period}", "volunteer hours certificate {period}"),
    }
)


@dataclass(frozen=True)
class VerifyOutcome:
    """What a verifier is told. ``status``: genuine|tampered|unknown_key|voided|malformed."""

    status: str
    serial: str | None = None
    hours: float | None = None
    issue_date: dt.date | None = None
    key_id: str | None = None
    event_short_id: str | None = None
    event_title: str | None = None  # when this laptop knows the event
    event_date: dt.date | None = None
    full_name: str | None = None  # when this laptop holds the certificate
    name_matches: bool | None = None  # None: no name was given
    given_name: str = ""
    void_reason: str = ""
    detail: str = ""

    @property
    def ok(self) -> bool:
        """Genuine, and the name matches when one was given."""
        return self.status == "genuine" and self.name_matches is not False

    def message(self, lang: str | None = None, digits: str = "latin") -> str:
        lang = lang or i18n.language()
        if self.status == "genuine":
            event = self.event_title or i18n.msg("verify.unknown_event", lang, id=self.event_short_id)
            when = dates.format_dual(self.issue_date, lang, digits) if self.issue_date else ""
            lines = [
                i18n.msg(
                    "verify.genuine",
                    lang,
                    serial=self.serial,
                    event=event,
                    hours=dates.format_hours(self.hours or 0, lang, digits),
                    date=when,
                )
            ]
            if self.name_matches is True:
                lines.append(i18n.msg("verify.name_ok", lang))
            elif self.name_matches is False:
                lines.append(i18n.msg("verify.name_mismatch", lang, name=self.given_name))
            return "\n".join(lines)
        if self.status == "voided":
            return i18n.msg("verify.voided", lang, serial=self.serial, reason=self.void_reason or "—")
        if self.status == "unknown_key":
            return i18n.msg("verify.unknown_key", lang, key_id=self.key_id or "?")
        if self.status == "tampered":
            return i18n.msg("verify.tampered", lang)
        return i18n.msg("verify.malformed", lang, detail=self.detail)


class Verification(Service):
    """Verifying certificate codes (a part of CertificatesService)."""

    def verify(self, text_or_path: str | Path, name: str | None = None) -> VerifyOutcome:
        """Check the first certificate code found in a text, an image or a PDF, offline."""
        return self.verify_all(text_or_path, name)[0]

    def verify_all(self, text_or_path: str | Path, name: str | None = None) -> list[VerifyOutcome]:
        """Check every certificate code in the input (a batch PDF holds one per page).

        Raises DecodeError (a FieldAppError) when a file is missing, unreadable or has no QR.
        """
        payloads = decode.read_payloads(text_or_path)
        ours = [p for p in payloads if decode.is_payload_text(p)] or payloads[:1]
        with self.reader() as session:
            known = keys.known_keys(session)
            voided = voided_serials(session)
            return [_outcome(session, payload, known, voided, name) for payload in ours]


def _outcome(
    session: Session, payload: str, known: dict[str, bytes], voided: dict[str, str], name: str | None
) -> VerifyOutcome:
    result = signing.parse_and_verify(payload, known, frozenset(voided))
    if result.fields is None:
        key_id = _key_id_of(payload) if result.status == "unknown_key" else None
        return VerifyOutcome(result.status, key_id=key_id, detail=result.reason)
    f = result.fields
    cert = session.execute(
        select(Certificate.event_id, Person.full_name, Event.title, Event.starts_at)
        .join(Person, Person.id == Certificate.person_id)
        .join(Event, Event.id == Certificate.event_id)
        .where(Certificate.serial == f.serial)
    ).first()
    event_title = event_date = full_name = None
    if cert is not None and event_short_id(cert[0]) == f.event_id:
        full_name, event_title, event_date = cert[1], cert[2], dates.to_local(cert[3]).date()
    elif (hours := hours_certificate_of(session, f.serial)) is not None:
        full_name, event_title, event_date = hours
        event = session.execute(
            select(Event.title, Event.starts_at).where(
                func.replace(Event.id, "-", "").like(f"%{f.event_id.lower()}")
            )
        ).first()
        if event is not None:
            event_title, event_date = event[0], dates.to_local(event[1]).date()
    return VerifyOutcome(
        status=result.status,
        serial=f.serial,
        hours=f.hours,
        issue_date=f.issue_date,
        key_id=f.key_id,
        event_short_id=f.event_id,
        event_title=event_title,
        event_date=event_date,
        full_name=full_name,
        name_matches=None if not name else f.name_matches(name),
        void_reason=voided.get(f.serial, ""),
        detail=result.reason,
        given_name=name or "",
    )


def hours_certificate_of(session: Session, serial: str) -> tuple[str, str, dt.date] | None:
    """(name, what it certifies, period end) of a cumulative hours certificate held here."""
    row = session.execute(
        select(
            Person.full_name,
            HoursCertificate.period_start,
            HoursCertificate.period_end,
            HoursCertificate.period_label,
        )
        .join(Person, Person.id == HoursCertificate.person_id)
        .where(HoursCertificate.serial == serial)
    ).first()
    if row is None:
        return None
    name, start, end, label = row
    what = label or f"{start.isoformat()} – {end.isoformat()}"
    return name, i18n.msg("verify.hours_certificate", period=what), end


def _key_id_of(payload: str) -> str | None:
    """The key id of a payload whose key is unknown (to tell the user which key to look for)."""
    body = body_of(payload)
    return body[:4].hex() if body is not None and len(body) >= 4 else None
