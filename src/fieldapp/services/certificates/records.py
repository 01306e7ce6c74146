"""Listing and voiding: the certificates issued, and a supervisor's void (a Void fact)."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from fieldapp.core import dates, i18n
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.services.certificates.common import TOPIC, void_reasons
from fieldapp.services.contract import Changed, Service, write
from fieldapp.store.models import Certificate, CertificatePrint, Event, Person, Void

i18n.register(
    {
        "certificate.void_reason_required": (
            "اكتب سبب إلغاء الشهادة (مثل: اسم خاطئ).",
            "Type a reason for voiding the certificate (for example: wrong name).",
        ),
        "certificate.already_voided": (
            "الشهادة {serial} ملغاة من قبل.",
            "Certificate {serial} is already voided.",
        ),
    }
)


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
class CertificateVoid:
    void_id: str
    certificate_id: str
    serial: str
    changed: Changed = field(default_factory=Changed)


class Records(Service):
    """The issued list and voiding (a part of CertificatesService)."""

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
        with self.reader() as session:
            voids = void_reasons(session)
            return [
                CertificateView(
                    *row[:12],
                    voided=row[0] in voids,
                    void_reason=voids.get(row[0], ""),
                    prints=row[12],
                )
                for row in session.execute(query)
            ]

    @write
    def void(self, certificate_id: str, reason: str, at: dt.datetime | None = None) -> CertificateVoid:
        """A supervisor cancels a certificate: verification then says "voided" (after sync, everywhere)."""
        require(self.actor, "void")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("certificate.void_reason_required", field="reason")
        with self.transaction() as session:
            cert = session.get(Certificate, certificate_id)
            if cert is None or cert.deleted:
                raise NotFoundError("certificate.not_found", field="certificate_id", id=certificate_id)
            if certificate_id in void_reasons(session, [certificate_id]):
                raise ValidationError(
                    "certificate.already_voided", field="certificate_id", serial=cert.serial
                )
            void = Void(
                target_table="certificate",
                target_id=cert.id,
                reason=reason,
                at=at or dates.now(),
                user_name=self.actor.user_name,
            )
            session.add(void)
            session.flush()
            return CertificateVoid(void.id, cert.id, cert.serial, Changed.of(TOPIC))
