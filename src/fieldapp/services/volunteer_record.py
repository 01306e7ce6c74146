"""A volunteer's record (سجل المتطوع), the organisation's hours per volunteer, and the
cumulative hours certificate (شهادة ساعات تطوعية).

Hours are never stored: they are computed from the scans with each event's own rules
(core.attendance), exactly as the desk and the event certificates compute them. A cumulative
certificate keeps the events and hours it listed when it was issued, so a reprint is the same paper.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from hijridate import Hijri
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.certificates import keys, signing
from fieldapp.core import dates, i18n
from fieldapp.core.attendance import (
    AUTO_CLOSED,
    DUPLICATE_CHECKIN,
    DUPLICATE_CHECKOUT,
    OUT_WITHOUT_IN,
    EventRules,
    ScanFact,
    compute_attendance,
)
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.services.attendance.queries import event_scans, voided_expr
from fieldapp.services.certificates.common import TOPIC, void_reasons
from fieldapp.services.certificates.issuing import _next_serials, _take_write_lock
from fieldapp.services.contract import Changed, Service, write
from fieldapp.store.models import (
    Certificate,
    Event,
    GiftType,
    Handover,
    HoursCertificate,
    Person,
    Scan,
    SerialCounter,
    Void,
)

i18n.register(
    {
        "hours.period": (
            "بداية الفترة ({start}) بعد نهايتها ({end}).",
            "The period starts ({start}) after it ends ({end}).",
        ),
        "hours.none": (
            "لا توجد ساعات تطوعية محتسبة لـ{name} في الفترة من {start} إلى {end}.",
            "{name} has no volunteer hours counted from {start} to {end}.",
        ),
        "hours.certificate_not_found": (
            "لا توجد شهادة ساعات بالمعرّف {id}.",
            "There is no hours certificate with id {id}.",
        ),
        "hours.hijri_year": (
            "السنة الهجرية {year} خارج المدى المدعوم (1343–1500).",
            "The Hijri year {year} is outside the supported range (1343–1500).",
        ),
        "record.flag.auto_closed": (
            "نسي تسجيل الخروج (أُغلق عند نهاية الفعالية)",
            "forgot to check out (closed at the end)",
        ),
        "record.flag.duplicate_checkin": ("دخول مكرر", "checked in twice"),
        "record.flag.duplicate_checkout": ("خروج مكرر", "checked out twice"),
        "record.flag.out_without_in": ("خروج دون دخول", "checked out without a check-in"),
        "record.flag.repeat": ("استلم الهدية نفسها من قبل", "had received the same gift before"),
        "record.flag.over_limit": ("هدية فوق الحد", "gift over the limit"),
    }
)

FLAG_KEYS = {
    AUTO_CLOSED: "record.flag.auto_closed",
    DUPLICATE_CHECKIN: "record.flag.duplicate_checkin",
    DUPLICATE_CHECKOUT: "record.flag.duplicate_checkout",
    OUT_WITHOUT_IN: "record.flag.out_without_in",
    "repeat": "record.flag.repeat",
    "over_limit": "record.flag.over_limit",
}
# What the QR's "event" field carries on a cumulative certificate: H + the period's two dates.
HOURS_MARK = "H"


# --- periods ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    label: str = ""  # "1446 هـ", "2025 م" or empty for a from–to period

    def text(self, lang: str = "ar", digits: str = "latin") -> str:
        if self.label:
            return dates._digits(self.label, digits) if lang == "ar" else self.label
        joiner = " إلى " if lang == "ar" else " to "
        prefix = "من " if lang == "ar" else "from "
        return (
            prefix
            + dates.format_dual(self.start, lang, digits)
            + joiner
            + dates.format_dual(self.end, lang, digits)
        )


def period(start: dt.date, end: dt.date, label: str = "") -> Period:
    if end < start:
        raise ValidationError("hours.period", field="end", start=start.isoformat(), end=end.isoformat())
    return Period(start, end, label)


def hijri_year(year: int) -> Period:
    """1 Muharram to the last day of Dhu al-Hijjah (Umm al-Qura), in Gregorian dates."""
    try:
        start = Hijri(year, 1, 1).to_gregorian()
        end = Hijri(year + 1, 1, 1).to_gregorian() - dt.timedelta(days=1) if year < 1500 else None
    except (OverflowError, ValueError):
        raise ValidationError("hours.hijri_year", field="year", year=year) from None
    if end is None:
        raise ValidationError("hours.hijri_year", field="year", year=year)
    return Period(dt.date(start.year, start.month, start.day), end, f"{year} هـ")


def gregorian_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} م")


def _bounds(p: Period) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(p.start, dt.time(), dates.APP_TZ)
    return start, dt.datetime.combine(p.end + dt.timedelta(days=1), dt.time(), dates.APP_TZ)


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordEvent:
    event_id: str
    title: str
    starts_at: dt.datetime  # local
    first_in: dt.datetime | None  # local
    last_out: dt.datetime | None  # local
    hours: float
    flags: tuple[str, ...]
    still_in: bool = False


@dataclass(frozen=True)
class YearTotal:
    year: int
    events: int
    hours: float


@dataclass(frozen=True)
class RecordCertificate:
    id: str
    serial: str
    kind: str  # event | hours
    title: str  # the event, or the period of a cumulative certificate
    hours: float
    issued_at: dt.datetime  # local
    voided: bool


@dataclass(frozen=True)
class RecordGift:
    at: dt.datetime  # local
    gift_name: str
    unit: str
    quantity: int
    event_title: str
    flags: tuple[str, ...]


@dataclass(frozen=True)
class RecordFlag:
    at: dt.datetime  # local
    where: str  # the event's title
    key: str  # one of FLAG_KEYS

    def text(self, lang: str | None = None) -> str:
        return i18n.msg(FLAG_KEYS[self.key], lang)


@dataclass(frozen=True)
class VolunteerRecord:
    person_id: str
    full_name: str
    national_id: str | None
    gender: str | None
    events: list[RecordEvent]  # newest first
    hijri_years: list[YearTotal]  # newest first
    gregorian_years: list[YearTotal]
    certificates: list[RecordCertificate]
    gifts: list[RecordGift]
    flags: list[RecordFlag]

    @property
    def total_hours(self) -> float:
        return round(sum(e.hours for e in self.events), 2)


@dataclass(frozen=True)
class HoursRow:
    person_id: str
    full_name: str
    national_id: str | None
    events: int
    hours: float


@dataclass(frozen=True)
class HoursReport:
    period: Period
    rows: list[HoursRow]  # most hours first, then by name

    @property
    def total_hours(self) -> float:
        return round(sum(r.hours for r in self.rows), 2)

    @property
    def total_events(self) -> int:
        return sum(r.events for r in self.rows)


@dataclass(frozen=True)
class HoursCertificateView:
    id: str
    serial: str
    person_id: str
    full_name: str
    national_id: str | None
    gender: str | None
    period: Period
    hours: float
    lines: list[tuple[dt.date, str, float]]  # (event day, title, hours), oldest first
    issued_at: dt.datetime  # local
    payload: str
    new: bool = True
    changed: Changed = field(default_factory=Changed, compare=False)


# --- the service ------------------------------------------------------------------------------


class VolunteerRecordService(Service):
    def record(self, person_id: str) -> VolunteerRecord:
        now = dates.now()
        with self.reader() as session:
            person = _person(session, person_id)
            events = _person_events(session, person_id, now)
            certificates = _certificates(session, person_id)
            gifts, gift_flags = _gifts(session, person_id)
        flags = [
            RecordFlag(e.first_in or e.starts_at, e.title, flag)
            for e in events
            for flag in e.flags
            if flag in FLAG_KEYS
        ]
        flags = sorted(flags + gift_flags, key=lambda f: f.at, reverse=True)
        return VolunteerRecord(
            person.id,
            person.full_name,
            person.national_id,
            person.gender,
            events,
            _year_totals(events, lambda d: dates.to_hijri(d)[0]),
            _year_totals(events, lambda d: d.year),
            certificates,
            gifts,
            flags,
        )

    def hours_lines(self, person_id: str, p: Period) -> list[RecordEvent]:
        """The person's events in the period with hours counted, oldest first."""
        start, end = _bounds(p)
        with self.reader() as session:
            _person(session, person_id)
            events = _person_events(session, person_id, dates.now(), start, end)
        return [e for e in reversed(events) if e.hours > 0 and not e.still_in]

    def hours_report(self, p: Period) -> HoursReport:
        """Every volunteer's events and hours in the period (events that start in it)."""
        start, end = _bounds(p)
        now = dates.now()
        totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        with self.reader() as session:
            events = session.execute(
                select(Event.id, *_RULE_COLUMNS).where(
                    Event.deleted.is_(False), Event.starts_at >= start, Event.starts_at < end
                )
            ).all()
            for row in events:
                rules = EventRules(*row[1:])
                for person_id, scans in event_scans(session, row[0]).items():
                    att = compute_attendance(rules, scans, now)
                    if att.attended and att.hours > 0:
                        totals[person_id][0] += 1
                        totals[person_id][1] += att.hours
            people = {}
            ids = list(totals)
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                people.update(
                    {
                        pid: (name, nid)
                        for pid, name, nid in session.execute(
                            select(Person.id, Person.full_name, Person.national_id).where(
                                Person.id.in_(chunk)
                            )
                        )
                    }
                )
        rows = [
            HoursRow(pid, *people.get(pid, ("—", None)), int(count), round(hours, 2))
            for pid, (count, hours) in totals.items()
        ]
        rows.sort(key=lambda r: (-r.hours, r.full_name))
        return HoursReport(p, rows)

    # --- the cumulative certificate -----------------------------------------------------------

    @write
    def issue_hours_certificate(self, person_id: str, p: Period) -> HoursCertificateView:
        """Sign a cumulative certificate of the person's hours in the period. Asked again for the
        same period (nothing new since), it is the one already issued, not a second serial."""
        require(self.actor, "certificate.print")
        lines = self.hours_lines(person_id, p)
        with self.reader() as session:
            person = _person(session, person_id)
        if not lines:
            raise ValidationError(
                "hours.none",
                field="person_id",
                name=person.full_name,
                start=p.start.isoformat(),
                end=p.end.isoformat(),
            )
        hours = round(sum(e.hours for e in lines), 2)
        key = keys.load_or_create(self.store)
        issued_at = dates.now()
        issue_date = dates.to_local(issued_at).date()
        with self.transaction() as session:
            _take_write_lock(session)
            same = session.scalars(
                select(HoursCertificate).where(
                    HoursCertificate.person_id == person_id,
                    HoursCertificate.period_start == p.start,
                    HoursCertificate.period_end == p.end,
                    HoursCertificate.hours == hours,
                    HoursCertificate.deleted.is_(False),
                    HoursCertificate.id.not_in(_voided_hours()),
                )
            ).first()
            if same is not None:
                return _hours_view(same, person, new=False)
            keys.ensure_signing_key_fact(session, key, self.store)
            _keep_counter_above_hours_serials(session, self.store, issue_date.year)
            serial = _next_serials(session, self.store, issue_date.year, 1)[0]
            mark = f"{HOURS_MARK}{p.start:%Y%m%d}{p.end:%Y%m%d}"
            payload = signing.sign_payload(
                key.private, signing.make_payload(serial, mark, hours, issue_date, person.full_name)
            )
            cert = HoursCertificate(
                serial=serial,
                person_id=person_id,
                period_start=p.start,
                period_end=p.end,
                period_label=p.label,
                hours=hours,
                lines=[[dates.to_local(e.starts_at).date().isoformat(), e.title, e.hours] for e in lines],
                issued_at=issued_at,
                issued_by=self.actor.user_name,
                key_id=key.key_id,
                payload=payload,
            )
            session.add(cert)
            session.flush()
            view = _hours_view(cert, person, new=True)
        return view

    @write
    def void_hours_certificate(self, certificate_id: str, reason: str) -> HoursCertificateView:
        """A supervisor cancels a cumulative certificate (a Void fact): it then verifies as voided,
        and the same period can be issued again under a new serial."""
        require(self.actor, "void")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("certificate.void_reason_required", field="reason")
        with self.transaction() as session:
            cert = session.get(HoursCertificate, certificate_id)
            if cert is None or cert.deleted:
                raise NotFoundError("hours.certificate_not_found", field="certificate_id", id=certificate_id)
            if session.scalar(select(_voided_hours().where(Void.target_id == certificate_id).exists())):
                raise ValidationError(
                    "certificate.already_voided", field="certificate_id", serial=cert.serial
                )
            session.add(
                Void(
                    target_table=HoursCertificate.__tablename__,
                    target_id=cert.id,
                    reason=reason,
                    at=dates.now(),
                    user_name=self.actor.user_name,
                )
            )
            session.flush()
            return replace(
                _hours_view(cert, _person(session, cert.person_id), new=False), changed=Changed.of(TOPIC)
            )

    def hours_certificate(self, certificate_id: str) -> HoursCertificateView:
        with self.reader() as session:
            cert = session.get(HoursCertificate, certificate_id)
            if cert is None or cert.deleted:
                raise NotFoundError("hours.certificate_not_found", field="certificate_id", id=certificate_id)
            return _hours_view(cert, _person(session, cert.person_id), new=False)

    def render_hours_certificate(
        self, certificate_id: str, out: str | Path, digits: str | None = None
    ) -> Path:
        """The certificate as a PDF (a reprint keeps its serial and signed QR)."""
        from fieldapp.certificates.hours import HoursCertificateData, render_hours_certificate
        from fieldapp.certificates.qr import qr_text

        view = self.hours_certificate(certificate_id)
        digits = digits or _digits_setting(self)
        certs = self.services.certificates
        settings = self.services.settings
        org_name = certs._organisation("ar")[0]
        data = HoursCertificateData(
            serial=view.serial,
            full_name=view.full_name,
            national_id=view.national_id,
            gender=view.gender,
            period_text=view.period.text("ar", digits),
            hours=view.hours,
            lines=view.lines,
            issue_date=view.issued_at.date(),
            qr_payload=qr_text(view.payload, settings.get("certificates.verify_address")),
            # The organisation's signatory, as on its event certificates.
            signatory_name=settings.get("certificates.signatory_name") or "",
            signatory_title=settings.get("certificates.signatory_title") or "",
            **certs._branding(),
        )
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        render_hours_certificate(data, out, org_name=org_name, digits=digits)
        return out


# --- queries ----------------------------------------------------------------------------------

_RULE_COLUMNS = (
    Event.starts_at,
    Event.ends_at,
    Event.allow_reentry,
    Event.min_scan_interval_min,
    Event.rounding_min,
    Event.min_certificate_hours,
)


def _digits_setting(service: Service) -> str:
    value = service.services.settings.get("ui.digits")
    return value if value in ("latin", "arabic") else "latin"


@dataclass(frozen=True)
class _Who:
    id: str
    full_name: str
    national_id: str | None
    gender: str | None


def _person(session: Session, person_id: str) -> _Who:
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError("certificate.person_not_found", field="person_id", id=person_id)
    return _Who(person.id, person.full_name, person.national_id, person.gender)


def _person_events(
    session: Session,
    person_id: str,
    now: dt.datetime,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> list[RecordEvent]:
    """Every event the person scanned at (voided scans left out), newest first."""
    query = (
        select(Scan.event_id, Scan.id, Scan.direction, Scan.at, Scan.device_id, voided_expr())
        .join(Event, Event.id == Scan.event_id)
        .where(Scan.person_id == person_id, Scan.deleted.is_(False), Event.deleted.is_(False))
    )
    if start is not None:
        query = query.where(Event.starts_at >= start)
    if end is not None:
        query = query.where(Event.starts_at < end)
    scans: dict[str, list[ScanFact]] = defaultdict(list)
    for event_id, scan_id, direction, at, device_id, voided in session.execute(query):
        scans[event_id].append(ScanFact(scan_id, direction, at, device_id, bool(voided)))
    if not scans:
        return []
    events = session.execute(
        select(Event.id, Event.title, *_RULE_COLUMNS).where(Event.id.in_(list(scans)))
    ).all()
    out = []
    for event_id, title, *rule in events:
        att = compute_attendance(EventRules(*rule), scans[event_id], now)
        if not att.attended:
            continue
        out.append(
            RecordEvent(
                event_id,
                title,
                dates.to_local(rule[0]),
                dates.to_local(att.first_in) if att.first_in else None,
                dates.to_local(att.last_out) if att.last_out else None,
                att.hours,
                att.flags,
                att.state == "in",
            )
        )
    out.sort(key=lambda e: e.starts_at, reverse=True)
    return out


def _year_totals(events: list[RecordEvent], year_of) -> list[YearTotal]:
    totals: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
    for e in events:
        year = year_of(e.starts_at.date())
        totals[year][0] += 1
        totals[year][1] += e.hours
    return [YearTotal(y, int(n), round(h, 2)) for y, (n, h) in sorted(totals.items(), reverse=True)]


def _voided_hours():
    return select(Void.target_id).where(Void.target_table == "hours_certificate", Void.deleted.is_(False))


def _certificates(session: Session, person_id: str) -> list[RecordCertificate]:
    rows = session.execute(
        select(Certificate.id, Certificate.serial, Event.title, Certificate.hours, Certificate.issued_at)
        .join(Event, Event.id == Certificate.event_id)
        .where(Certificate.person_id == person_id, Certificate.deleted.is_(False))
    ).all()
    voided = void_reasons(session, [r[0] for r in rows])
    out = [
        RecordCertificate(cid, serial, "event", title, hours, dates.to_local(at), cid in voided)
        for cid, serial, title, hours, at in rows
    ]
    hours_voided = set(session.scalars(_voided_hours()))
    for cert in session.scalars(
        select(HoursCertificate).where(
            HoursCertificate.person_id == person_id, HoursCertificate.deleted.is_(False)
        )
    ):
        p = Period(cert.period_start, cert.period_end, cert.period_label)
        out.append(
            RecordCertificate(
                cert.id,
                cert.serial,
                "hours",
                p.text(),
                cert.hours,
                dates.to_local(cert.issued_at),
                cert.id in hours_voided,
            )
        )
    out.sort(key=lambda c: c.issued_at, reverse=True)
    return out


def _gifts(session: Session, person_id: str) -> tuple[list[RecordGift], list[RecordFlag]]:
    voided = select(Void.target_id).where(Void.target_table == "handover", Void.deleted.is_(False))
    rows = session.execute(
        select(Handover.at, GiftType.name, GiftType.unit, Handover.quantity, Event.title, Handover.flags)
        .join(GiftType, GiftType.id == Handover.gift_type_id)
        .outerjoin(Event, Event.id == Handover.event_id)
        .where(
            Handover.recipient_person_id == person_id,
            Handover.deleted.is_(False),
            Handover.id.not_in(voided),
        )
        .order_by(Handover.at.desc())
    ).all()
    gifts, flags = [], []
    for at, name, unit, quantity, title, flag_text in rows:
        marks = tuple(f for f in (flag_text or "").split(",") if f)
        gifts.append(RecordGift(dates.to_local(at), name, unit, quantity, title or "", marks))
        flags += [RecordFlag(dates.to_local(at), name, f) for f in marks if f in FLAG_KEYS]
    return gifts, flags


def _keep_counter_above_hours_serials(session: Session, store, year: int) -> None:
    """The serial counter is shared with event certificates; a restored backup's counter must
    not fall behind the cumulative certificates this device already issued either."""
    pattern = f"%-{year}-{store.device_code}-%"
    highest = 0
    for serial in session.scalars(
        select(HoursCertificate.serial).where(
            HoursCertificate.device_id == store.device_id, HoursCertificate.serial.like(pattern)
        )
    ):
        tail = serial.rsplit("-", 1)[-1]
        if tail.isdigit():
            highest = max(highest, int(tail))
    counter = session.get(SerialCounter, year)
    if counter is None:
        session.add(SerialCounter(year=year, last=highest))
    elif (counter.last or 0) < highest:
        counter.last = highest
    session.flush()


def _hours_view(cert: HoursCertificate, person: _Who, new: bool) -> HoursCertificateView:
    return HoursCertificateView(
        cert.id,
        cert.serial,
        cert.person_id,
        person.full_name,
        person.national_id,
        person.gender,
        Period(cert.period_start, cert.period_end, cert.period_label),
        cert.hours,
        [(dt.date.fromisoformat(d), title, float(h)) for d, title, h in cert.lines],
        dates.to_local(cert.issued_at),
        cert.payload,
        new=new,
        changed=Changed.of(TOPIC) if new else Changed(),
    )
