"""Issuing: who is eligible, and certificates as insert-only, signed, serialled facts.

A serial is unique across laptops without a server: ``<organisation code>-<year>-<device
code>-<sequence>``, e.g. ``TAIF-2026-K7QZ-00042``; the sequence is per device and year, kept in the
local SerialCounter table and never lower than the highest serial this device already has in the
database (so a restored backup cannot reuse one). The QR payload is signed with this laptop's own
Ed25519 key (certificates.keys).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from fieldapp.certificates import keys, signing
from fieldapp.core import dates, i18n
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.services.certificates.common import (
    DEFAULT_ORG_CODE,
    TOPIC,
    event_short_id,
    live_certificates,
    localized,
)
from fieldapp.services.contract import Changed, Service, write
from fieldapp.store.models import Certificate, Organisation, Person, SerialCounter

if TYPE_CHECKING:
    from fieldapp.services.events import EventView
    from fieldapp.store.db import Store

i18n.register(
    {
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
            "[[ساعاته|ساعاتها]] {hours} أقل من الحد الأدنى للشهادة {minimum}",
            "{hours} is below the certificate minimum of {minimum}",
        ),
    }
)

_SEQ_DIGITS = 5


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
        return i18n.msg(self.reason, lang, **localized(self.reason_params, lang or i18n.language()))


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
class IssuedBatch(Sequence[IssuedCertificate]):
    """The certificates of one `issue` call, in the order asked (it is a sequence of them), and
    what changed: nothing when everyone already held theirs."""

    certificates: tuple[IssuedCertificate, ...] = ()
    changed: Changed = field(default_factory=Changed)

    @overload
    def __getitem__(self, index: int) -> IssuedCertificate: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[IssuedCertificate, ...]: ...
    def __getitem__(self, index: int | slice) -> IssuedCertificate | tuple[IssuedCertificate, ...]:
        return self.certificates[index]

    def __len__(self) -> int:
        return len(self.certificates)

    def __iter__(self) -> Iterator[IssuedCertificate]:
        return iter(self.certificates)

    @property
    def new_count(self) -> int:
        return sum(1 for c in self.certificates if c.new)


@dataclass(frozen=True)
class Eligibility:
    """The issue tab's table: the event (its minimum hours) and everyone's eligibility."""

    event: EventView
    rows: list[EligibleRow]


@dataclass(frozen=True)
class IssueChoices:
    """What the certificates screen offers: the events, the one running now, the templates."""

    events: list[EventView]
    running_id: str | None  # the event running now, when no current event is chosen
    template_keys: list[str]
    default_template: str


@dataclass(frozen=True)
class IssuePlan:
    """An issue checked before its transaction: who, with which template, signed with which key."""

    event_id: str
    person_ids: list[str]
    rows: dict[str, EligibleRow]
    template_key: str
    key: keys.LocalKey | None  # None when nobody is asked for
    issued_at: dt.datetime


# --- the job ----------------------------------------------------------------------------------


class Issuing(Service):
    """Eligibility and issuing (a part of CertificatesService)."""

    def issue_choices(self, at: dt.datetime | None = None) -> IssueChoices:
        running = self.services.events.running_now(at)
        return IssueChoices(
            events=self.services.events.list(),
            running_id=running.id if running is not None else None,
            template_keys=self.template_keys(),
            default_template=self.services.settings.get("certificates.default_template") or "attendance-ar",
        )

    def eligibility(self, event_id: str, min_hours: float | None = None) -> Eligibility:
        return Eligibility(self.services.events.get(event_id), self.eligible(event_id, min_hours))

    def eligible(
        self, event_id: str, min_hours: float | None = None, at: dt.datetime | None = None
    ) -> list[EligibleRow]:
        """Everyone who scanned or registered, with hours, eligibility and any certificate held.

        Eligible: attended (voided scans do not count), checked out (or closed at the event's
        end), hours above zero and at least ``min_hours`` (default: the event's minimum).
        """
        event = self.services.events.get(event_id)
        minimum = event.min_certificate_hours if min_hours is None else float(min_hours)
        attendance = self.services.attendance.event_attendance(event_id, at=at)
        with self.reader() as session:
            issued = live_certificates(session, event_id)
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
                params = {"hours": row.hours, "minimum": minimum, "gender": row.gender}
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

    @write
    def issue(
        self,
        event_id: str,
        person_ids: Iterable[str],
        template_key: str | None = None,
        min_hours: float | None = None,
        at: dt.datetime | None = None,
    ) -> IssuedBatch:
        """Issue certificates in one transaction; a person who already holds one keeps it.

        Every person must be eligible (ValidationError naming the first who is not; nothing is
        issued then).
        """
        plan = self._plan_issue(event_id, person_ids, template_key, min_hours, at)
        if plan.key is None:
            return IssuedBatch()
        with self.transaction() as session:
            return self._issue_in(session, plan)

    # --- steps (the composite writes in printing.py use them too) ---------------------------

    def _plan_issue(
        self,
        event_id: str,
        person_ids: Iterable[str],
        template_key: str | None,
        min_hours: float | None,
        at: dt.datetime | None,
    ) -> IssuePlan:
        """Check an issue before writing: permission, template, everyone eligible; load the key."""
        require(self.actor, "certificate.print")
        template_key = template_key or self.services.settings.get("certificates.default_template")
        self.template(template_key)  # unknown template: a clear error before anything is written
        wanted = list(dict.fromkeys(person_ids))
        by_person = (
            {row.person_id: row for row in self.eligible(event_id, min_hours, at=at)} if wanted else {}
        )
        for person_id in wanted:
            row = by_person.get(person_id)
            if row is None:
                raise ValidationError(
                    "certificate.not_eligible",
                    field="person_ids",
                    name=self._person_name(person_id),
                    reason=i18n.msg("certificate.reason.not_attended"),
                )
            if row.already_issued is None and not row.eligible:
                raise ValidationError(
                    "certificate.not_eligible",
                    field="person_ids",
                    name=row.full_name,
                    reason=row.reason_text,  # worded in the language the message is read in
                )
        key = keys.load_or_create(self.store) if wanted else None
        return IssuePlan(event_id, wanted, by_person, template_key, key, at or dates.now())

    def _issue_in(self, session: Session, plan: IssuePlan) -> IssuedBatch:
        """Issue a checked plan in the running unit of work."""
        if plan.key is None:
            return IssuedBatch()
        _take_write_lock(session)
        keys.ensure_signing_key_fact(session, plan.key, self.store)
        existing = live_certificates(session, plan.event_id)  # read after the lock: no double issue
        new_people = [p for p in plan.person_ids if p not in existing]
        issue_date = dates.to_local(plan.issued_at).date()
        serials = _next_serials(session, self.store, issue_date.year, len(new_people))
        new_serial = dict(zip(new_people, serials, strict=True))
        event_short = event_short_id(plan.event_id)
        out: list[IssuedCertificate] = []
        for person_id in plan.person_ids:
            row = plan.rows[person_id]
            if person_id in existing:
                cert = session.get(Certificate, existing[person_id][0])
                out.append(_issued(cert, row.full_name, new=False))
                continue
            serial = new_serial[person_id]
            payload = signing.sign_payload(
                plan.key.private,
                signing.make_payload(serial, event_short, row.hours, issue_date, row.full_name),
            )
            cert = Certificate(
                serial=serial,
                person_id=person_id,
                event_id=plan.event_id,
                hours=row.hours,
                template_key=plan.template_key,
                issued_at=plan.issued_at,
                issued_by=self.actor.user_name,
                key_id=plan.key.key_id,
                payload=payload,
            )
            session.add(cert)
            session.flush()
            out.append(_issued(cert, row.full_name, new=True))
        changed = Changed.of(TOPIC) if new_people else Changed()
        return IssuedBatch(tuple(out), changed)

    def _person_name(self, person_id: str) -> str:
        with self.reader() as session:
            name = session.scalar(select(Person.full_name).where(Person.id == person_id))
        if name is None:
            raise NotFoundError("certificate.person_not_found", field="person_ids", id=person_id)
        return name


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
        changed=Changed.of(TOPIC) if new else Changed(),
    )


def _take_write_lock(session: Session) -> None:
    """Start the write transaction now (a no-op write), so what is read next is what the insert
    will see: two processes issuing for the same person cannot both find "not issued yet"."""
    session.execute(text("UPDATE serial_counter SET last = last WHERE 0"))


def _next_serials(session: Session, store: Store, year: int, count: int) -> list[str]:
    if count == 0:
        return []
    org = session.scalars(
        select(Organisation).where(Organisation.deleted.is_(False)).order_by(Organisation.id)
    ).first()
    org_code = (org.short_code if org is not None and org.short_code else DEFAULT_ORG_CODE).upper()
    counter = session.get(SerialCounter, year)
    if counter is None:
        counter = SerialCounter(year=year, last=0)
        session.add(counter)
    # Never below a serial this device already issued (the counter of a restored backup lags).
    pattern = f"%-{year}-{store.device_code}-%"
    highest = 0
    for serial in session.scalars(
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
