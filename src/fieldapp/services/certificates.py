"""Certificates: who is eligible, issuing (signed, serialled facts), printing, voiding, verifying.

A certificate is an insert-only fact. Its serial is unique across laptops without a server:
``<organisation code>-<year>-<device code>-<sequence>``, e.g. ``TAIF-2026-K7QZ-00042``; the
sequence is per device and year, kept in the local SerialCounter table and never lower than the
highest serial this device already has in the database (so a restored backup cannot reuse one).
The QR payload is signed with this laptop's own Ed25519 key (certificates.keys). A reprint keeps
the serial and the payload; every print is logged as a CertificatePrint fact; a void is a Void.
"""

from __future__ import annotations

import base64
import builtins
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from fieldapp.certificates import decode, keys, signing
from fieldapp.certificates.render import CertificateData, RenderCancelled, render_certificates
from fieldapp.certificates.templates import (
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    CertificateTemplate,
    TemplateError,
    fill,
)
from fieldapp.core import dates, i18n
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.services import Changed, Services
from fieldapp.store.models import (
    Body,
    Certificate,
    CertificatePrint,
    Event,
    Organisation,
    Person,
    SerialCounter,
    Void,
)

i18n.register(
    {
        "certificate.not_found": (
            "لا توجد شهادة بالمعرّف {id}.",
            "There is no certificate with id {id}.",
        ),
        "certificate.template_unknown": (
            "قالب الشهادة «{template}» غير موجود؛ المتاح: {known}.",
            "There is no certificate template '{template}'; available: {known}.",
        ),
        "certificate.template_invalid": (
            "نص القالب «{template}» غير صالح: {detail}",
            "The text of template '{template}' is not valid: {detail}",
        ),
        "certificate.template_field": (
            "الحقل «{name}» غير معروف في القالب؛ المتاح: {known}.",
            "Unknown template field '{name}'; allowed: {known}.",
        ),
        "certificate.template_value": (
            "قيمة «{name}» في القالب غير صالحة ({value})؛ المتوقع: {expected}.",
            "Template field '{name}' has an invalid value ({value}); expected: {expected}.",
        ),
        "certificate.not_eligible": (
            "لا تُصدر شهادة لـ{name}: {reason}",
            "No certificate for {name}: {reason}",
        ),
        "certificate.person_not_found": (
            "لا يوجد شخص بالمعرّف {id} في السجل.",
            "There is no person with id {id} in the roster.",
        ),
        "certificate.reason.not_attended": ("لم يحضر الفعالية", "did not attend the event"),
        "certificate.reason.still_in": (
            "ما زال مسجَّل الدخول؛ سجِّل خروجه أولًا",
            "still checked in; check them out first",
        ),
        "certificate.reason.no_hours": ("لا توجد ساعات محتسبة", "no hours counted"),
        "certificate.reason.below_minimum": (
            "ساعاته {hours} أقل من الحد الأدنى للشهادة {minimum}",
            "{hours} is below the certificate minimum of {minimum}",
        ),
        "certificate.void_reason_required": (
            "اكتب سبب إلغاء الشهادة (مثل: اسم خاطئ).",
            "Type a reason for voiding the certificate (for example: wrong name).",
        ),
        "certificate.already_voided": (
            "الشهادة {serial} ملغاة من قبل.",
            "Certificate {serial} is already voided.",
        ),
        "certificate.voided_print": (
            "الشهادة {serial} ملغاة ولا تُطبع؛ أصدر شهادة جديدة إن لزم.",
            "Certificate {serial} is voided and cannot be printed; issue a new one if needed.",
        ),
        "certificate.name_changed": (
            "تغيّر اسم صاحب الشهادة {serial} بعد إصدارها، فلن يطابق رمز التحقق الاسم المطبوع؛ "
            "ألغِ الشهادة وأصدر شهادة جديدة.",
            "The holder's name changed after certificate {serial} was issued, so its QR would not "
            "match the printed name; void it and issue a new one.",
        ),
        "certificate.print_kind": (
            "نوع الطباعة «{value}» غير معروف؛ المتاح: print أو reprint أو pdf.",
            "Unknown print kind '{value}'; use print, reprint or pdf.",
        ),
        "certificate.nothing": ("لم تُختر أي شهادة.", "No certificate was selected."),
        "certificate.cancelled": (
            "أُلغيت الطباعة؛ لم يُكتب أي ملف.",
            "Printing cancelled; no file was written.",
        ),
        # verification results
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
    }
)

PRINT_KINDS = ("print", "reprint", "pdf")
TEMPLATE_FIELDS = frozenset(
    {"title", "body", "signatory_name", "signatory_title", "page", "orientation", "kind", "lang", "based_on"}
)
_TEMPLATE_CHOICES = {
    "page": ("A4", "A5"),
    "orientation": ("landscape", "portrait"),
    "kind": ("attendance", "appreciation"),
    "lang": ("ar", "en"),
}
_DEFAULT_ORG_NAME = {"ar": "الجهة المنظِّمة", "en": "The organising body"}
_DEFAULT_ORG_CODE = "FA"
_EVENT_SHORT_LEN = 8  # tail of the event's UUIDv7 (its random part) carried in the QR
_SEQ_DIGITS = 5
_UNSAFE_FILE_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+')


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EligibleRow:
    person_id: str
    full_name: str
    national_id: str | None
    hours: float
    eligible: bool
    already_issued: str | None  # serial of the person's live certificate for this event
    certificate_id: str | None
    reason: str | None  # message key when not eligible (certificate.reason.*)
    reason_params: dict[str, Any] = field(default_factory=dict)

    def reason_text(self, lang: str | None = None) -> str:
        if self.reason is None:
            return ""
        return i18n.msg(self.reason, lang, **_localized(self.reason_params, lang or i18n.language()))


@dataclass(frozen=True)
class IssuedCertificate:
    id: str
    serial: str
    person_id: str
    full_name: str
    event_id: str
    hours: float
    template_key: str
    issued_at: dt.datetime
    key_id: str
    new: bool  # False: the person already had this certificate (same serial)
    changed: Changed = field(default_factory=Changed)


@dataclass(frozen=True)
class CertificateView:
    id: str
    serial: str
    person_id: str
    full_name: str
    national_id: str | None
    event_id: str
    event_title: str
    hours: float
    template_key: str
    issued_at: dt.datetime
    issued_by: str
    key_id: str
    voided: bool
    void_reason: str
    prints: int


@dataclass(frozen=True)
class PrintLogRow:
    certificate_id: str
    serial: str
    full_name: str
    at: dt.datetime
    user_name: str
    kind: str
    printer: str


@dataclass(frozen=True)
class CertificateVoid:
    void_id: str
    certificate_id: str
    serial: str
    changed: Changed


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


def _localized(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    out = dict(params)
    for key in ("hours", "minimum"):
        if key in out:
            out[key] = dates.format_hours(float(out[key]), lang)
    return out


# --- the service ----------------------------------------------------------------------------


class CertificatesService:
    def __init__(self, services: Services) -> None:
        self.s = services

    # --- eligibility and issuing ----------------------------------------------------------

    def eligible(
        self, event_id: str, min_hours: float | None = None, at: dt.datetime | None = None
    ) -> builtins.list[EligibleRow]:
        """Everyone who scanned or registered, with hours, eligibility and any certificate held.

        Eligible: attended (voided scans do not count), checked out (or closed at the event's
        end), hours above zero and at least ``min_hours`` (default: the event's minimum).
        """
        event = self.s.events.get(event_id)
        minimum = event.min_certificate_hours if min_hours is None else float(min_hours)
        attendance = self.s.attendance.event_attendance(event_id, at=at)
        with self.s.store.reader() as r:
            issued = _live_certificates(r, event_id)
        rows = []
        for row in attendance.rows:
            reason, params = None, {}
            if row.first_in is None:
                reason = "certificate.reason.not_attended"
            elif row.state == "in":
                reason = "certificate.reason.still_in"
            elif row.hours <= 0:
                reason = "certificate.reason.no_hours"
            elif row.hours + 1e-9 < minimum:
                reason = "certificate.reason.below_minimum"
                params = {"hours": row.hours, "minimum": minimum}
            cert = issued.get(row.person_id)
            rows.append(
                EligibleRow(
                    person_id=row.person_id,
                    full_name=row.full_name,
                    national_id=row.national_id,
                    hours=row.hours,
                    eligible=reason is None,
                    already_issued=cert[1] if cert else None,
                    certificate_id=cert[0] if cert else None,
                    reason=reason,
                    reason_params=params,
                )
            )
        return rows

    def issue(
        self,
        event_id: str,
        person_ids: Iterable[str],
        template_key: str | None = None,
        min_hours: float | None = None,
        at: dt.datetime | None = None,
    ) -> builtins.list[IssuedCertificate]:
        """Issue certificates in one transaction; a person who already holds one keeps it.

        Every person must be eligible (ValidationError naming the first who is not; nothing is
        issued then).
        """
        require(self.s.actor, "certificate.print")
        template_key = template_key or self.s.settings.get("certificates.default_template")
        self.template(template_key)  # unknown template: a clear error before anything is written
        wanted = list(dict.fromkeys(person_ids))
        if not wanted:
            return []
        by_person = {row.person_id: row for row in self.eligible(event_id, min_hours, at=at)}
        for person_id in wanted:
            row = by_person.get(person_id)
            if row is None:
                name = self._person_name(person_id)
                raise ValidationError(
                    "certificate.not_eligible",
                    field="person_ids",
                    name=name,
                    reason=i18n.msg("certificate.reason.not_attended"),
                )
            if row.already_issued is None and not row.eligible:
                raise ValidationError(
                    "certificate.not_eligible",
                    field="person_ids",
                    name=row.full_name,
                    reason=row.reason_text,  # worded in the language the message is read in
                )
        key = keys.load_or_create(self.s.store)
        issued_at = at or dates.now()
        issue_date = dates.to_local(issued_at).date()
        user = self.s.actor.user_name
        out: list[IssuedCertificate] = []
        with self.s.store.session(user) as s:
            _take_write_lock(s)
            existing = _live_certificates(s, event_id)  # read after the lock: no double issue
            new_people = [p for p in wanted if p not in existing]
            serials = _next_serials(s, self.s.store, issue_date.year, len(new_people))
            new_serial = dict(zip(new_people, serials, strict=True))
            event_short = _event_short_id(event_id)
            for person_id in wanted:
                row = by_person[person_id]
                if person_id in existing:
                    cert = s.get(Certificate, existing[person_id][0])
                    out.append(_issued(cert, row.full_name, new=False))
                    continue
                serial = new_serial[person_id]
                payload = signing.sign_payload(
                    key.private,
                    signing.make_payload(serial, event_short, row.hours, issue_date, row.full_name),
                )
                cert = Certificate(
                    serial=serial,
                    person_id=person_id,
                    event_id=event_id,
                    hours=row.hours,
                    template_key=template_key,
                    issued_at=issued_at,
                    issued_by=user,
                    key_id=key.key_id,
                    payload=payload,
                )
                s.add(cert)
                s.flush()
                out.append(_issued(cert, row.full_name, new=True))
        return out

    def issue_and_render_for_person(
        self,
        event_id: str,
        person_id: str,
        out_dir: str | Path,
        template_key: str | None = None,
        kind: str = "pdf",
        printer: str = "",
    ) -> Path:
        """The desk's "print this person's certificate" right after check-out: one PDF."""
        (cert,) = self.issue(event_id, [person_id], template_key)
        (path,) = self.render([cert.id], out_dir, per_person=True, kind=kind, printer=printer)
        return path

    # --- rendering and the print log ------------------------------------------------------

    def render(
        self,
        certificate_ids: Iterable[str],
        out_path_or_dir: str | Path,
        per_person: bool = False,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        kind: str = "pdf",
        printer: str = "",
    ) -> builtins.list[Path]:
        """Render certificates to PDF (one file, or one per person) and log each print.

        A certificate printed before is logged as "reprint" (same serial, same QR). Voided
        certificates are refused. On cancel nothing is written or logged (RenderCancelled).
        """
        require(self.s.actor, "certificate.print")
        if kind not in PRINT_KINDS:
            raise ValidationError("certificate.print_kind", field="kind", value=kind)
        ids = list(dict.fromkeys(certificate_ids))
        if not ids:
            raise ValidationError("certificate.nothing", field="certificate_ids")
        items, org_name = self._render_data(ids)
        digits = self.s.settings.get("ui.digits")
        templates = self._templates()

        def template_for(key: str) -> CertificateTemplate:
            return templates.get(key) or self.template(key)

        out = Path(out_path_or_dir)
        written: list[Path] = []
        try:
            if per_person:
                out.mkdir(parents=True, exist_ok=True)
                total = len(items)
                for n, (_, data) in enumerate(items):
                    path = out / _file_name(data.serial, data.full_name)
                    written.append(path)
                    render_certificates(
                        [data], template_for, path, cancel=cancel, org_name=org_name, digits=digits
                    )
                    if progress is not None:
                        progress(n + 1, total)
            else:
                if out.is_dir() or not out.suffix:
                    out.mkdir(parents=True, exist_ok=True)
                    out = out / _batch_name(items)
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                written.append(out)
                render_certificates(
                    [d for _, d in items],
                    template_for,
                    out,
                    progress=progress,
                    cancel=cancel,
                    org_name=org_name,
                    digits=digits,
                )
        except RenderCancelled:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        self._log_prints([cid for cid, _ in items], kind, printer)
        return written

    def print_log(self, certificate_id: str | None = None) -> builtins.list[PrintLogRow]:
        query = (
            select(
                CertificatePrint.certificate_id,
                Certificate.serial,
                Person.full_name,
                CertificatePrint.at,
                CertificatePrint.user_name,
                CertificatePrint.kind,
                CertificatePrint.printer,
            )
            .join(Certificate, Certificate.id == CertificatePrint.certificate_id)
            .join(Person, Person.id == Certificate.person_id)
            .where(CertificatePrint.deleted.is_(False))
            .order_by(CertificatePrint.at, CertificatePrint.id)
        )
        if certificate_id is not None:
            query = query.where(CertificatePrint.certificate_id == certificate_id)
        with self.s.store.reader() as r:
            return [PrintLogRow(*row) for row in r.execute(query)]

    # --- listing and voiding --------------------------------------------------------------

    def list(self, event_id: str | None = None) -> builtins.list[CertificateView]:
        prints = (
            select(func.count(CertificatePrint.id))
            .where(CertificatePrint.certificate_id == Certificate.id, CertificatePrint.deleted.is_(False))
            .correlate(Certificate)
            .scalar_subquery()
        )
        query = (
            select(
                Certificate.id,
                Certificate.serial,
                Certificate.person_id,
                Person.full_name,
                Person.national_id,
                Certificate.event_id,
                Event.title,
                Certificate.hours,
                Certificate.template_key,
                Certificate.issued_at,
                Certificate.issued_by,
                Certificate.key_id,
                prints,
            )
            .join(Person, Person.id == Certificate.person_id)
            .join(Event, Event.id == Certificate.event_id)
            .where(Certificate.deleted.is_(False))
            .order_by(Certificate.issued_at, Certificate.serial)
        )
        if event_id is not None:
            query = query.where(Certificate.event_id == event_id)
        with self.s.store.reader() as r:
            voids = _void_reasons(r)
            return [
                CertificateView(
                    id=row[0],
                    serial=row[1],
                    person_id=row[2],
                    full_name=row[3],
                    national_id=row[4],
                    event_id=row[5],
                    event_title=row[6],
                    hours=row[7],
                    template_key=row[8],
                    issued_at=row[9],
                    issued_by=row[10],
                    key_id=row[11],
                    voided=row[0] in voids,
                    void_reason=voids.get(row[0], ""),
                    prints=row[12],
                )
                for row in r.execute(query)
            ]

    def void(self, certificate_id: str, reason: str, at: dt.datetime | None = None) -> CertificateVoid:
        """A supervisor cancels a certificate: verification then says "voided" (after sync, everywhere)."""
        require(self.s.actor, "void")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("certificate.void_reason_required", field="reason")
        with self.s.store.session(self.s.actor.user_name) as s:
            cert = s.get(Certificate, certificate_id)
            if cert is None or cert.deleted:
                raise NotFoundError("certificate.not_found", field="certificate_id", id=certificate_id)
            if certificate_id in _void_reasons(s, [certificate_id]):
                raise ValidationError(
                    "certificate.already_voided", field="certificate_id", serial=cert.serial
                )
            void = Void(
                target_table="certificate",
                target_id=cert.id,
                reason=reason,
                at=at or dates.now(),
                user_name=self.s.actor.user_name,
            )
            s.add(void)
            s.flush()
            return CertificateVoid(void.id, cert.id, cert.serial, Changed.of("certificates"))

    # --- verification ---------------------------------------------------------------------

    def verify(self, text_or_path: str | Path, name: str | None = None) -> VerifyOutcome:
        """Check the first certificate code found in a text, an image or a PDF, offline."""
        return self.verify_all(text_or_path, name)[0]

    def verify_all(self, text_or_path: str | Path, name: str | None = None) -> builtins.list[VerifyOutcome]:
        """Check every certificate code in the input (a batch PDF holds one per page).

        Raises DecodeError (a FieldAppError) when a file is missing, unreadable or has no QR.
        """
        payloads = decode.read_payloads(text_or_path)
        fa = [p for p in payloads if decode.is_payload_text(p)] or payloads[:1]
        with self.s.store.reader() as r:
            known = keys.known_keys(r)
            voided = _voided_serials(r)
            return [self._outcome(r, payload, known, voided, name) for payload in fa]

    def _outcome(
        self,
        r: Session,
        payload: str,
        known: dict[str, bytes],
        voided: dict[str, str],
        name: str | None,
    ) -> VerifyOutcome:
        result = signing.parse_and_verify(payload, known, frozenset(voided))
        if result.fields is None:
            key_id = None
            if result.status == "unknown_key":
                key_id = _key_id_of(payload)
            return VerifyOutcome(result.status, key_id=key_id, detail=result.reason)
        f = result.fields
        cert = r.execute(
            select(Certificate.event_id, Person.full_name, Event.title, Event.starts_at)
            .join(Person, Person.id == Certificate.person_id)
            .join(Event, Event.id == Certificate.event_id)
            .where(Certificate.serial == f.serial)
        ).first()
        event_title = event_date = full_name = None
        if cert is not None and _event_short_id(cert[0]) == f.event_id:
            full_name, event_title, event_date = cert[1], cert[2], dates.to_local(cert[3]).date()
        else:
            event = r.execute(
                select(Event.title, Event.starts_at).where(
                    func.replace(Event.id, "-", "").like(f"%{f.event_id.lower()}")
                )
            ).first()
            if event is not None:
                event_title, event_date = event[0], dates.to_local(event[1]).date()
        matches = None if not name else f.name_matches(name)
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
            name_matches=matches,
            void_reason=voided.get(f.serial, ""),
            detail=result.reason,
            given_name=name or "",
        )

    # --- templates ------------------------------------------------------------------------

    def template_keys(self) -> builtins.list[str]:
        return sorted(self._templates())

    def template(self, key: str) -> CertificateTemplate:
        """A template with the organisation's edits (setting certificates.templates) applied."""
        templates = self._templates()
        if key not in templates:
            raise ValidationError(
                "certificate.template_unknown",
                field="template",
                template=key,
                known=", ".join(sorted(templates)),
            )
        return templates[key]

    def save_template(self, key: str, fields: Mapping[str, Any] | None) -> Changed:
        """Save an administrator's edits to a template (None: back to the built-in text)."""
        require(self.s.actor, "settings.edit")
        key = (key or "").strip()
        overrides = dict(self.s.settings.get("certificates.templates") or {})
        if fields is None:
            overrides.pop(key, None)
        else:
            clean = _clean_template_fields(fields)
            _build_template(key, clean, self.s.settings.get("certificates.page"))  # validates
            overrides[key] = clean
        return self.s.settings.set("certificates.templates", overrides)

    def preview_pdf(
        self,
        template_key: str,
        out_path: str | Path,
        sample: Mapping[str, Any] | None = None,
        fields: Mapping[str, Any] | None = None,
    ) -> Path:
        """A sample certificate for the settings screen's live preview.

        ``fields``: unsaved edits to the template. The QR is signed with a throwaway key, so a
        preview can never verify as genuine.
        """
        if fields is not None:
            template = _build_template(
                template_key, _clean_template_fields(fields), self.s.settings.get("certificates.page")
            )
        else:
            template = self.template(template_key)
        org_name, _ = self._organisation(template.lang)
        today = dates.local_now().date()
        values: dict[str, Any] = {
            "serial": "PREVIEW-0000",
            "full_name": "عبدالله بن خميس الزايدي" if template.lang == "ar" else "Abdullah Al-Zayidi",
            "latin_name": None,
            "national_id": "1000000008",
            "event_title": "ملتقى التطوع البلدي" if template.lang == "ar" else "Municipal Volunteering Day",
            "body_name": org_name,
            "place": "حديقة الملك عبدالله بالملز" if template.lang == "ar" else "King Abdullah Park",
            "hours": 6.5,
            "issue_date": today,
            "event_date": today,
            **self._branding(),
            **(sample or {}),
        }
        private, _ = signing.generate_key()
        values["qr_payload"] = signing.sign_payload(
            private,
            signing.make_payload(values["serial"], "PREVIEW", values["hours"], today, values["full_name"]),
        )
        data = CertificateData(template_key=template.key, **values)
        out = Path(out_path)
        out.parent.mkdir(parents=True, exist_ok=True)
        render_certificates(
            [data], lambda _key: template, out, org_name=org_name, digits=self.s.settings.get("ui.digits")
        )
        return out

    # --- helpers --------------------------------------------------------------------------

    def _branding(self) -> dict[str, Path | None]:
        """The logo and signature images set in the settings, when their files are still there."""

        def existing(key: str) -> Path | None:
            path = Path(self.s.settings.get(key) or "")
            return path if path.name and path.is_file() else None

        return {
            "logo_path": existing("certificates.logo"),
            "signature_path": existing("certificates.signature"),
        }

    def _templates(self) -> dict[str, CertificateTemplate]:
        page = self.s.settings.get("certificates.page")
        overrides = self.s.settings.get("certificates.templates") or {}
        signatory = {
            "signatory_name": self.s.settings.get("certificates.signatory_name") or "",
            "signatory_title": self.s.settings.get("certificates.signatory_title") or "",
        }
        out: dict[str, CertificateTemplate] = {}
        for key in {*DEFAULT_TEMPLATES, *overrides}:
            edits = dict(overrides.get(key) or {})
            # The organisation-wide signatory, unless this template names its own.
            for name, value in signatory.items():
                if value and not edits.get(name):
                    edits[name] = value
            try:
                out[key] = _build_template(key, edits, page)
            except ValidationError:
                if key in DEFAULT_TEMPLATES:  # a broken edit never breaks printing
                    out[key] = replace(DEFAULT_TEMPLATES[key], page=page)
        return out

    def _organisation(self, lang: str) -> tuple[str, str]:
        """(name to print, short code for serials)."""
        org = self.s.organisation.get()
        if org is None:
            return _DEFAULT_ORG_NAME.get(lang, _DEFAULT_ORG_NAME["ar"]), _DEFAULT_ORG_CODE
        return (org.name_en if lang == "en" and org.name_en else org.name), org.short_code

    def _person_name(self, person_id: str) -> str:
        with self.s.store.reader() as r:
            name = r.scalar(select(Person.full_name).where(Person.id == person_id))
        if name is None:
            raise NotFoundError("certificate.person_not_found", field="person_ids", id=person_id)
        return name

    def _render_data(self, ids: builtins.list[str]) -> tuple[builtins.list[tuple[str, CertificateData]], str]:
        templates = self._templates()
        org_names = {lang: self._organisation(lang)[0] for lang in ("ar", "en")}
        query = (
            select(
                Certificate.id,
                Certificate.serial,
                Certificate.hours,
                Certificate.issued_at,
                Certificate.template_key,
                Certificate.payload,
                Person.full_name,
                Person.latin_name,
                Person.national_id,
                Event.title,
                Event.place,
                Event.starts_at,
                Body.name.label("body_name"),
            )
            .join(Person, Person.id == Certificate.person_id)
            .join(Event, Event.id == Certificate.event_id)
            .outerjoin(Body, Body.id == Event.body_id)
            .where(Certificate.deleted.is_(False))
        )
        rows: dict[str, Any] = {}
        with self.s.store.reader() as r:
            for chunk in _chunks(ids):
                rows.update({row.id: row for row in r.execute(query.where(Certificate.id.in_(chunk)))})
            voids = _void_reasons(r, ids)
        items = []
        org_name = ""
        branding = self._branding()
        for cid in ids:
            row = rows.get(cid)
            if row is None:
                raise NotFoundError("certificate.not_found", field="certificate_ids", id=cid)
            if cid in voids:
                raise ValidationError("certificate.voided_print", field="certificate_ids", serial=row.serial)
            # The QR binds the name at issue time: a changed name would print a code that fails.
            if not _payload_names(row.payload, row.full_name):
                raise ValidationError("certificate.name_changed", field="certificate_ids", serial=row.serial)
            template = templates.get(row.template_key)
            name = org_names[template.lang if template is not None else "ar"]
            org_name = org_name or name
            data = CertificateData(
                serial=row.serial,
                full_name=row.full_name,
                latin_name=row.latin_name,
                national_id=row.national_id,
                event_title=row.title,
                body_name=name,
                place=row.place or row.body_name or "—",
                hours=row.hours,
                issue_date=dates.to_local(row.issued_at).date(),
                event_date=dates.to_local(row.starts_at).date(),
                template_key=row.template_key,
                qr_payload=row.payload,
                **branding,
            )
            items.append((cid, data))
        return items, org_name

    def _log_prints(self, ids: builtins.list[str], kind: str, printer: str) -> None:
        user = self.s.actor.user_name
        now = dates.now()
        with self.s.store.session(user) as s:
            printed: set[str] = set()
            for chunk in _chunks(ids):
                printed.update(
                    s.scalars(
                        select(CertificatePrint.certificate_id).where(
                            CertificatePrint.certificate_id.in_(chunk),
                            CertificatePrint.kind.in_(("print", "reprint")),  # a PDF export is not paper
                            CertificatePrint.deleted.is_(False),
                        )
                    )
                )
            for cid in ids:
                s.add(
                    CertificatePrint(
                        certificate_id=cid,
                        at=now,
                        user_name=user,
                        kind="reprint" if kind != "pdf" and cid in printed else kind,
                        printer=printer,
                    )
                )


# --- module helpers -------------------------------------------------------------------------


def _issued(cert: Certificate, full_name: str, new: bool) -> IssuedCertificate:
    return IssuedCertificate(
        id=cert.id,
        serial=cert.serial,
        person_id=cert.person_id,
        full_name=full_name,
        event_id=cert.event_id,
        hours=cert.hours,
        template_key=cert.template_key,
        issued_at=cert.issued_at,
        key_id=cert.key_id,
        new=new,
        changed=Changed.of("certificates") if new else Changed(),
    )


def _event_short_id(event_id: str) -> str:
    return event_id.replace("-", "")[-_EVENT_SHORT_LEN:].upper()


def _body_of(payload: str) -> bytes | None:
    """The (unverified) body bytes of a payload, or None when it is not base32."""
    part = payload.strip()[len(signing.PREFIX) :].upper().split(".")[0]
    try:
        return base64.b32decode(part + "=" * (-len(part) % 8))
    except ValueError:
        return None


def _key_id_of(payload: str) -> str | None:
    """The key id of a payload whose key is unknown (to tell the user which key to look for)."""
    body = _body_of(payload)
    return body[:4].hex() if body is not None and len(body) >= 4 else None


def _payload_names(payload: str, full_name: str) -> bool:
    """True when the payload's name digest is the person's current name (or cannot be read)."""
    body = _body_of(payload)
    try:
        fields = signing.decode_body(body) if body is not None else None
    except signing.PayloadError:
        fields = None
    return fields is None or fields.name_digest == signing.name_digest(full_name)


def _chunks(ids: builtins.list[str], size: int = 500) -> Iterable[builtins.list[str]]:
    """Ids in slices under SQLite's bound-parameter limit."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _take_write_lock(s: Session) -> None:
    """Start the write transaction now (a no-op write), so what is read next is what the insert
    will see: two processes issuing for the same person cannot both find "not issued yet"."""
    s.execute(text("UPDATE serial_counter SET last = last WHERE 0"))


def _next_serials(s: Session, store: Any, year: int, count: int) -> builtins.list[str]:
    if count == 0:
        return []
    org = s.scalars(
        select(Organisation).where(Organisation.deleted.is_(False)).order_by(Organisation.id)
    ).first()
    org_code = (org.short_code if org is not None and org.short_code else _DEFAULT_ORG_CODE).upper()
    counter = s.get(SerialCounter, year)
    if counter is None:
        counter = SerialCounter(year=year, last=0)
        s.add(counter)
    # Never below a serial this device already issued (the counter of a restored backup lags).
    pattern = f"%-{year}-{store.device_code}-%"
    highest = 0
    for serial in s.scalars(
        select(Certificate.serial).where(
            Certificate.device_id == store.device_id, Certificate.serial.like(pattern)
        )
    ):
        tail = serial.rsplit("-", 1)[-1]
        if tail.isdigit():
            highest = max(highest, int(tail))
    start = max(counter.last or 0, highest)
    counter.last = start + count
    return [
        f"{org_code}-{year}-{store.device_code}-{n:0{_SEQ_DIGITS}d}"
        for n in range(start + 1, start + count + 1)
    ]


def _live_certificates(s: Session, event_id: str) -> dict[str, tuple[str, str]]:
    """person id -> (certificate id, serial) of the live (not voided) certificates of an event."""
    voided = select(Void.target_id).where(Void.target_table == "certificate", Void.deleted.is_(False))
    rows = s.execute(
        select(Certificate.person_id, Certificate.id, Certificate.serial)
        .where(
            Certificate.event_id == event_id,
            Certificate.deleted.is_(False),
            Certificate.id.not_in(voided),
        )
        .order_by(Certificate.issued_at, Certificate.serial)
    )
    out: dict[str, tuple[str, str]] = {}
    for person_id, cid, serial in rows:
        out.setdefault(person_id, (cid, serial))  # two laptops issued offline: keep the first
    return out


def _void_reasons(s: Session, ids: Iterable[str] | None = None) -> dict[str, str]:
    query = select(Void.target_id, Void.reason).where(
        Void.target_table == "certificate", Void.deleted.is_(False)
    )
    if ids is None:
        return {target: reason for target, reason in s.execute(query)}
    out: dict[str, str] = {}
    for chunk in _chunks(list(ids)):
        out.update({target: reason for target, reason in s.execute(query.where(Void.target_id.in_(chunk)))})
    return out


def _voided_serials(s: Session) -> dict[str, str]:
    rows = s.execute(
        select(Certificate.serial, Void.reason)
        .join(Void, Void.target_id == Certificate.id)
        .where(Void.target_table == "certificate", Void.deleted.is_(False))
    )
    return {serial: reason for serial, reason in rows}


def _clean_template_fields(fields: Mapping[str, Any]) -> dict[str, str]:
    clean: dict[str, str] = {}
    for name, value in fields.items():
        if name not in TEMPLATE_FIELDS:
            raise ValidationError(
                "certificate.template_field", field=name, name=name, known=", ".join(sorted(TEMPLATE_FIELDS))
            )
        if value is None:
            continue
        value = str(value).strip()
        choices = _TEMPLATE_CHOICES.get(name)
        if choices is not None and value not in choices:
            raise ValidationError(
                "certificate.template_value", field=name, name=name, value=value, expected=" | ".join(choices)
            )
        clean[name] = value
    return clean


def _build_template(key: str, edits: Mapping[str, str], page: str) -> CertificateTemplate:
    """A built-in (or ``based_on``) template with edits applied, checked by filling a sample."""
    if not key:
        raise ValidationError("certificate.template_unknown", field="template", template=key, known="")
    base_key = edits.get("based_on") or (key if key in DEFAULT_TEMPLATES else "attendance-ar")
    if base_key not in DEFAULT_TEMPLATES:
        raise ValidationError(
            "certificate.template_unknown",
            field="based_on",
            template=base_key,
            known=", ".join(sorted(DEFAULT_TEMPLATES)),
        )
    base = replace(DEFAULT_TEMPLATES[base_key], key=key, page=page if page in ("A4", "A5") else "A4")
    values = {k: v for k, v in edits.items() if k != "based_on"}
    try:
        template = replace(base, **values)
        if not template.title.strip() or not template.body.strip():
            raise TemplateError("the title and the text must not be empty")
        fill(template, {p: "x" for p in PLACEHOLDERS})
    except TemplateError as exc:
        raise ValidationError(
            "certificate.template_invalid", field="body", template=key, detail=str(exc)
        ) from None
    return template


def _file_name(serial: str, full_name: str) -> str:
    name = _UNSAFE_FILE_CHARS.sub("", full_name).strip().replace(" ", "_")[:60]
    return f"{serial}_{name}.pdf" if name else f"{serial}.pdf"


def _batch_name(items: builtins.list[tuple[str, CertificateData]]) -> str:
    first = items[0][1]
    stamp = dates.local_now().strftime("%Y%m%d-%H%M%S")
    return f"certificates-{first.event_date.isoformat()}-{stamp}.pdf"


__all__ = [
    "CertificateView",
    "CertificateVoid",
    "CertificatesService",
    "EligibleRow",
    "IssuedCertificate",
    "PrintLogRow",
    "VerifyOutcome",
]
