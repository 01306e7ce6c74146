"""The check-in desk: scans in and out, undo and void, and attendance derived from the scans.

A scan is a fact: the desk reads the person's earlier scans of the event (one indexed query),
asks core.attendance.decide_scan, and inserts an accepted scan in one durable transaction
(WAL + synchronous=FULL), so a check-in the desk showed as saved survives a dead battery.
Attendance (hours, in now, flags) is never stored; it is computed from the scans and voids.
"""

from __future__ import annotations

import builtins
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, exists, select, union
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core.attendance import (
    IN,
    OUT,
    EventRules,
    PersonAttendance,
    ScanFact,
    certificate_eligible,
    compute_attendance,
    current_state,
    decide_scan,
)
from fieldapp.core.errors import NotFoundError, PermissionDenied, ValidationError
from fieldapp.core.identifiers import is_adult
from fieldapp.core.permissions import allowed, require
from fieldapp.core.text import strip_invisible
from fieldapp.services import Changed, Services
from fieldapp.services import events as _events  # noqa: F401  (registers the event.* messages raised here)
from fieldapp.store.models import Event, Person, Registration, Scan, Void
from fieldapp.sync.hlc import Timestamp

i18n.register(
    {
        "attendance.checked_in": ("تم تسجيل الدخول: {name}", "Checked in: {name}"),
        "attendance.checked_out": (
            "تم تسجيل الخروج: {name} — {hours}",
            "Checked out: {name} — {hours}",
        ),
        "attendance.already_in": (
            "{name} مسجَّل دخوله منذ {since}؛ حُفظ المسح ولن تُحتسب الساعات مرتين.",
            "{name} is already checked in since {since}; the scan is kept and hours are not counted twice.",
        ),
        "attendance.needs_consent": (
            "تم تسجيل دخول {name}، لكن عمره دون 18 عامًا ولا توجد موافقة ولي الأمر؛ اطلبها قبل أن يبدأ.",
            "{name} is checked in, but is under 18 with no guardian consent on file; get it before they start.",
        ),
        "attendance.walk_in": (
            "تم تسجيل دخول {name}، لكنه غير مسجَّل في هذه الفعالية (حضور دون تسجيل مسبق).",
            "{name} is checked in but was not registered for this event (walk-in).",
        ),
        "attendance.too_soon": (
            "{name}: سُجِّل {last} {ago}؛ انتظر {wait} قبل المسح التالي.",
            "{name} was {last} {ago}; wait {wait} before the next scan.",
        ),
        "attendance.no_reentry": (
            "لا يُسمح بالعودة بعد تسجيل الخروج في هذه الفعالية ({name} سجَّل خروجه الساعة {since}).",
            "Re-entry after check-out is not allowed at this event ({name} checked out at {since}).",
        ),
        "attendance.not_in": (
            "{name} غير مسجَّل دخوله، فلا يوجد خروج يُسجَّل؛ سجِّل دخوله أولًا.",
            "{name} is not checked in, so there is nothing to check out; check them in first.",
        ),
        "attendance.not_started": (
            "لم يبدأ المسح لهذه الفعالية بعد؛ يبدأ في {opens_at}. تأكد من اختيار الفعالية الصحيحة.",
            "Scanning for this event has not opened yet; it opens at {opens_at}. Check the right event is selected.",
        ),
        "attendance.ended": (
            "انتهت هذه الفعالية في {ended_at} ولا يُقبل المسح بعد 12 ساعة من نهايتها؛ تأكد من اختيار الفعالية الصحيحة.",
            "This event ended at {ended_at}; scans are not accepted more than 12 hours after the end. "
            "Check the right event is selected.",
        ),
        "attendance.not_found": (
            "لم يُعثر على أحد بهذا الرمز ({code})؛ ابحث بالاسم أو سجِّله حضورًا دون تسجيل مسبق.",
            "No one found with this code ({code}); search by name or register them as a walk-in.",
        ),
        "attendance.direction": (
            "الاتجاه «{value}» غير معروف؛ استخدم in أو out.",
            "Unknown direction '{value}'; use in or out.",
        ),
        "attendance.scan_not_found": (
            "لا يوجد مسح بالمعرّف {id}.",
            "There is no scan with id {id}.",
        ),
        "attendance.already_voided": (
            "هذا المسح أُلغي من قبل؛ لا حاجة لإلغائه مرة أخرى.",
            "This scan was already voided; there is nothing to undo.",
        ),
        "attendance.undo_expired": (
            "انقضت مهلة التراجع ({seconds} ثانية) عن هذا المسح؛ اطلب من المشرف إلغاءه.",
            "The {seconds}-second undo window for this scan has passed; ask a supervisor to void it.",
        ),
        "attendance.undo_other_user": (
            "سجَّل هذا المسحَ المستخدمُ «{user}»؛ لا يتراجع عنه إلا هو خلال المهلة، أو المشرف.",
            "This scan was recorded by '{user}'; only they (within the undo window) or a supervisor can undo it.",
        ),
        "attendance.void_reason_required": (
            "اكتب سبب الإلغاء (مثل: مسح الشخص الخطأ).",
            "Type a reason for the void (for example: wrong person scanned).",
        ),
        "attendance.word.in": ("دخوله", "checked in"),
        "attendance.word.out": ("خروجه", "checked out"),
        "attendance.word.seconds": ("{n} ثانية", "{n} s"),
        "attendance.word.minutes": ("{n} دقيقة", "{n} min"),
        "attendance.word.just_now": ("قبل لحظات", "a moment ago"),
        "attendance.word.ago": ("قبل {span}", "{span} ago"),
    }
)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_NATIONAL_ID = re.compile(r"^[12][0-9]{9}$")
_SQL_CHUNK = 500  # ids per IN (...) list, under SQLite's bound-parameter limit


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScanPerson:
    id: str
    full_name: str


@dataclass(frozen=True)
class ScanResult:
    status: str  # ok|warning|refused|not_found
    reason_key: str
    message: str  # in the current language; text(lang) for the other
    person: ScanPerson | None
    direction: str | None
    at: dt.datetime
    hours_so_far: float
    scan_id: str | None
    changed: Changed
    warnings: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.scan_id is not None

    def text(self, lang: str | None = None) -> str:
        return _render(self.warnings or (self.reason_key,), lang, self.params)


@dataclass(frozen=True)
class VoidResult:
    void_id: str
    scan_id: str
    person_id: str
    changed: Changed


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    person_id: str
    full_name: str
    national_id: str | None
    first_in: dt.datetime | None
    last_out: dt.datetime | None
    hours: float
    minutes: int
    state: str  # in|out|absent
    flags: tuple[str, ...]
    registered: bool
    certificate_eligible: bool


@dataclass(frozen=True)
class EventAttendance:
    event_id: str
    as_of: dt.datetime
    rows: tuple[AttendanceRow, ...]
    in_now: int
    attended: int
    total_hours: float
    registered: int
    walk_ins: int  # attended without a registration


@dataclass(frozen=True)
class AttendanceCounts:
    in_now: int
    attended: int
    registered: int
    total_hours: float


@dataclass(frozen=True)
class InNow:
    person_id: str
    full_name: str
    since: dt.datetime
    hours: float = 0.0  # the person's hours at the event so far (all intervals, rounded)


@dataclass(frozen=True)
class DeskSummary:
    """Everything the check-in desk shows besides the last result, from one pass over the scans."""

    event_id: str
    counts: AttendanceCounts
    in_now: tuple[InNow, ...]
    recent: tuple[RecentScan, ...]
    as_of: dt.datetime


@dataclass(frozen=True)
class RecentScan:
    scan_id: str
    person_id: str
    full_name: str
    direction: str
    at: dt.datetime
    method: str
    user_name: str
    voided: bool


# --- messages -------------------------------------------------------------------------------


def _localized(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Message parameters in the words and formats of one language."""
    out = dict(params)
    for key, value in params.items():
        if isinstance(value, dt.datetime):
            out[key] = dates.format_datetime(value, lang)
    if "hours" in params:
        out["hours"] = dates.format_hours(params["hours"], lang)
    if "last_direction" in params:
        out["last"] = i18n.msg(f"attendance.word.{params['last_direction']}", lang)
    if "seconds_ago" in params:
        seconds = int(params["seconds_ago"])
        out["ago"] = (
            i18n.msg("attendance.word.just_now", lang)
            if seconds < 10
            else i18n.msg("attendance.word.ago", lang, span=_span(seconds, lang, up=False))
        )
    if "wait_seconds" in params:  # how long is left to wait, not the rule's interval
        out["wait"] = _span(int(params["wait_seconds"]), lang, up=True)
    return out


def _span(seconds: int, lang: str, up: bool) -> str:
    """'45 ثانية' under a minute, else whole minutes (rounded up for a wait, down for an age)."""
    if seconds < 60:
        return i18n.msg("attendance.word.seconds", lang, n=seconds)
    minutes = -(-seconds // 60) if up else seconds // 60
    return i18n.msg("attendance.word.minutes", lang, n=minutes)


def _render(keys: tuple[str, ...], lang: str | None, params: dict[str, Any]) -> str:
    lang = lang or i18n.language()
    values = _localized(params, lang)
    return "\n".join(i18n.msg(key, lang, **values) for key in keys)


# --- the service ----------------------------------------------------------------------------


class AttendanceService:
    def __init__(self, services: Services) -> None:
        self.s = services

    # --- scanning -------------------------------------------------------------------------

    def scan(
        self,
        event_id: str,
        code_or_person_id: str,
        method: str = "scanner",
        direction: str | None = None,
        at: dt.datetime | None = None,
    ) -> ScanResult:
        """Check a person in or out by badge code, national ID, mobile (any form) or person id."""
        require(self.s.actor, "scan")
        if direction not in (None, IN, OUT):
            raise ValidationError("attendance.direction", field="direction", value=direction)
        at = at or dates.now()
        with self.s.store.session(self.s.actor.user_name) as s:
            rules = _rules(s, event_id)
            person = self._resolve(s, code_or_person_id)
            if person is None:
                params = {"code": strip_invisible(code_or_person_id).strip()}
                return _result("not_found", "attendance.not_found", None, None, at, 0.0, params=params)
            person_id, name, needs_consent = person
            prior = _prior_scans(s, event_id, person_id)
            registered = _is_registered(s, event_id, person_id)
            decision = decide_scan(
                rules, prior, at, direction, registered=registered, needs_consent=needs_consent
            )
            params: dict[str, Any] = {"name": name, **decision.params}
            if "seconds" in params:
                params["seconds_ago"] = params.pop("seconds")
            who = ScanPerson(person_id, name)
            if not decision.accepted:
                if decision.reason_key == "attendance.no_reentry":
                    params["since"] = compute_attendance(rules, prior, now=at).last_out
                hours = compute_attendance(rules, prior, now=at).hours
                return _result(
                    "refused", decision.reason_key, who, decision.direction, at, hours, params=params
                )
            scan = Scan(
                person_id=person_id,
                event_id=event_id,
                direction=decision.direction,
                at=at,
                method=method,
                user_name=self.s.actor.user_name,
            )
            s.add(scan)
            s.flush()
            scan_id = scan.id
        fact = ScanFact(scan_id, decision.direction, at, self.s.store.device_id)
        attendance = compute_attendance(rules, [*prior, fact], now=at)
        params["hours"] = attendance.hours
        if decision.warnings and attendance.first_in is not None:
            params["since"] = _open_since(attendance) or attendance.first_in
        return _result(
            decision.status,
            decision.reason_key,
            who,
            decision.direction,
            at,
            attendance.hours,
            scan_id=scan_id,
            warnings=decision.warnings,
            params=params,
        )

    def undo(self, scan_id: str, reason: str = "undo", at: dt.datetime | None = None) -> VoidResult:
        """Take back a scan: the coordinator who made it, within desk.undo_seconds; else a supervisor."""
        require(self.s.actor, "scan")
        at = at or dates.now()
        window = int(self.s.settings.get("desk.undo_seconds"))
        with self.s.store.session(self.s.actor.user_name) as s:
            scan = _live_scan(s, scan_id)
            if not allowed(self.s.actor.role, "void"):
                if scan.user_name != self.s.actor.user_name:
                    raise PermissionDenied("attendance.undo_other_user", user=scan.user_name)
                # The window runs from when this laptop recorded the scan (its HLC stamp), so a
                # back-dated manual scan can still be undone right after it was typed.
                recorded = dt.datetime.fromtimestamp(
                    Timestamp.parse(scan.created_hlc).physical_ms / 1000, dt.UTC
                )
                if (at - max(recorded, scan.at)).total_seconds() > window:
                    raise PermissionDenied("attendance.undo_expired", seconds=window)
            return self._void(s, scan, reason or "undo", at)

    def void(self, scan_id: str, reason: str, at: dt.datetime | None = None) -> VoidResult:
        """A supervisor's correction of any scan (the scan stays; a Void fact cancels it)."""
        require(self.s.actor, "void")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("attendance.void_reason_required", field="reason")
        with self.s.store.session(self.s.actor.user_name) as s:
            return self._void(s, _live_scan(s, scan_id), reason, at or dates.now())

    def _void(self, s: Session, scan: Scan, reason: str, at: dt.datetime) -> VoidResult:
        void = Void(
            target_table="scan", target_id=scan.id, reason=reason, at=at, user_name=self.s.actor.user_name
        )
        s.add(void)
        s.flush()
        return VoidResult(void.id, scan.id, scan.person_id, Changed.of("scans"))

    def check_out_everyone(self, event_id: str, at: dt.datetime | None = None) -> int:
        """Check out everyone still in, in one transaction (method "close_all"); returns how many."""
        require(self.s.actor, "scan")
        at = at or dates.now()
        user = self.s.actor.user_name
        with self.s.store.session(user, bulk_audit=f"check out everyone, event {event_id}") as s:
            _rules(s, event_id)
            by_person = _event_scans(s, event_id)
            count = 0
            for person_id, scans in by_person.items():
                is_in, _ = current_state(scans)
                if not is_in:
                    continue
                # Never put the check-out before the person's last scan (a laptop clock ahead).
                out_at = max(at, max(sc.at for sc in scans if not sc.voided))
                s.add(
                    Scan(
                        person_id=person_id,
                        event_id=event_id,
                        direction=OUT,
                        at=out_at,
                        method="close_all",
                        user_name=user,
                    )
                )
                count += 1
        return count

    # --- derived attendance ---------------------------------------------------------------

    def event_attendance(self, event_id: str, at: dt.datetime | None = None) -> EventAttendance:
        """Every person who scanned or is registered, with hours and flags; totals."""
        at = at or dates.now()
        with self.s.store.reader() as r:
            rules = _rules(r, event_id)
            by_person = _event_scans(r, event_id)
            registered = _registered_ids(r, event_id)
            people = _names(r, event_id)
        absent = compute_attendance(rules, [], now=at)
        rows = []
        for person_id in by_person.keys() | registered:
            att = (
                compute_attendance(rules, by_person.get(person_id, ()), now=at)
                if person_id in by_person
                else absent
            )
            name, national_id = people.get(person_id, ("", None))
            rows.append(
                AttendanceRow(
                    person_id=person_id,
                    full_name=name,
                    national_id=national_id,
                    first_in=att.first_in,
                    last_out=att.last_out,
                    hours=att.hours,
                    minutes=att.minutes,
                    state=att.state,
                    flags=att.flags,
                    registered=person_id in registered,
                    certificate_eligible=certificate_eligible(rules, att),
                )
            )
        rows.sort(key=lambda row: (row.full_name, row.person_id))
        attended = [row for row in rows if row.first_in is not None]
        return EventAttendance(
            event_id=event_id,
            as_of=at,
            rows=tuple(rows),
            in_now=sum(1 for row in rows if row.state == "in"),
            attended=len(attended),
            total_hours=sum(row.hours for row in rows),
            registered=len(registered),
            walk_ins=sum(1 for row in attended if not row.registered),
        )

    def person_attendance(
        self, event_id: str, person_id: str, at: dt.datetime | None = None
    ) -> PersonAttendance:
        with self.s.store.reader() as r:
            rules = _rules(r, event_id)
            return compute_attendance(rules, _prior_scans(r, event_id, person_id), now=at or dates.now())

    def counts(self, event_id: str, at: dt.datetime | None = None) -> AttendanceCounts:
        return _counts(*self._computed(event_id, at))

    def in_now(self, event_id: str, at: dt.datetime | None = None) -> builtins.list[InNow]:
        """Who is inside now, the longest-present first."""
        return self._inside(self._computed(event_id, at)[0])

    def desk_summary(self, event_id: str, recent: int = 10, at: dt.datetime | None = None) -> DeskSummary:
        """Counts, who is in (with hours so far) and the latest scans: one computation per refresh."""
        at = at or dates.now()
        computed, registered = self._computed(event_id, at)
        return DeskSummary(
            event_id=event_id,
            counts=_counts(computed, registered),
            in_now=tuple(self._inside(computed)),
            recent=tuple(self.recent_scans(event_id, limit=recent)),
            as_of=at,
        )

    def _inside(self, computed: dict[str, PersonAttendance]) -> builtins.list[InNow]:
        inside = {pid: a for pid, a in computed.items() if a.state == "in" and _open_since(a)}
        with self.s.store.reader() as r:
            names = _names_of(r, list(inside))
        rows = [
            InNow(pid, names.get(pid, ("", None))[0], _open_since(a), a.hours) for pid, a in inside.items()
        ]
        return sorted(rows, key=lambda row: (row.since, row.full_name, row.person_id))

    def arrivals_per_quarter_hour(
        self, event_id: str, at: dt.datetime | None = None
    ) -> builtins.list[tuple[dt.datetime, int]]:
        """First arrivals per local quarter hour, from the first to the last, with empty quarters as 0."""
        computed, _ = self._computed(event_id, at)
        buckets: dict[dt.datetime, int] = defaultdict(int)
        for a in computed.values():
            if a.first_in is not None:
                local = dates.to_local(a.first_in)
                buckets[local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)] += 1
        if not buckets:
            return []
        quarter = dt.timedelta(minutes=15)
        first, last = min(buckets), max(buckets)
        series = []
        # Step in UTC so the series stays right across any offset change.
        cursor = first.astimezone(dt.UTC)
        while cursor <= last.astimezone(dt.UTC):
            local = dates.to_local(cursor)
            series.append((local, buckets.get(local, 0)))
            cursor += quarter
        return series

    def recent_scans(self, event_id: str, limit: int = 20) -> builtins.list[RecentScan]:
        query = (
            select(
                Scan.id,
                Scan.person_id,
                Person.full_name,
                Scan.direction,
                Scan.at,
                Scan.method,
                Scan.user_name,
                _voided_expr(),
            )
            .join(Person, Person.id == Scan.person_id)
            .where(Scan.event_id == event_id, Scan.deleted.is_(False))
            .order_by(Scan.at.desc(), Scan.id.desc())
            .limit(limit)
        )
        with self.s.store.reader() as r:
            return [RecentScan(*row) for row in r.execute(query)]

    # --- helpers --------------------------------------------------------------------------

    def _computed(
        self, event_id: str, at: dt.datetime | None
    ) -> tuple[dict[str, PersonAttendance], set[str]]:
        at = at or dates.now()
        with self.s.store.reader() as r:
            rules = _rules(r, event_id)
            by_person = _event_scans(r, event_id)
            registered = _registered_ids(r, event_id)
        return {pid: compute_attendance(rules, scans, now=at) for pid, scans in by_person.items()}, registered

    def _resolve(self, s: Session, code: str) -> tuple[str, str, bool] | None:
        """(person id, name, needs guardian consent) for a person id, badge, national ID or mobile."""
        text = strip_invisible(code or "").strip()
        if not text:
            return None
        if _UUID.match(text.lower()):
            person = s.get(Person, text.lower())
            if person is not None and not person.deleted:
                return person.id, person.full_name, _needs_consent(person.birth_date, person.guardian_consent)
        found = self.s.search.resolve_code(text)
        return None if found is None else (found.id, found.full_name, found.needs_consent)


def _counts(computed: dict[str, PersonAttendance], registered: set[str]) -> AttendanceCounts:
    return AttendanceCounts(
        in_now=sum(1 for a in computed.values() if a.state == "in"),
        attended=sum(1 for a in computed.values() if a.attended),
        registered=len(registered),
        total_hours=sum(a.hours for a in computed.values()),
    )


def _needs_consent(birth: dt.date | None, consent: bool) -> bool:
    return birth is not None and not consent and not is_adult(birth, dates.local_now().date())


def _result(
    status: str,
    reason_key: str,
    person: ScanPerson | None,
    direction: str | None,
    at: dt.datetime,
    hours: float,
    *,
    scan_id: str | None = None,
    warnings: tuple[str, ...] = (),
    params: dict[str, Any] | None = None,
) -> ScanResult:
    params = params or {}
    return ScanResult(
        status=status,
        reason_key=reason_key,
        message=_render(warnings or (reason_key,), None, params),
        person=person,
        direction=direction,
        at=at,
        hours_so_far=hours,
        scan_id=scan_id,
        changed=Changed.of("scans") if scan_id else Changed(),
        warnings=warnings,
        params=params,
    )


def _open_since(attendance: PersonAttendance) -> dt.datetime | None:
    last = attendance.intervals[-1] if attendance.intervals else None
    return last.start if last is not None and last.open else None


# Statements built once: the desk runs them on every scan, and building a select costs more
# than running it on an index.
_RULES = select(
    Event.starts_at,
    Event.ends_at,
    Event.allow_reentry,
    Event.min_scan_interval_min,
    Event.rounding_min,
    Event.min_certificate_hours,
).where(Event.id == bindparam("event_id"), Event.deleted.is_(False))


def _voided_expr():
    return (
        exists()
        .where(Void.target_id == Scan.id, Void.target_table == "scan", Void.deleted.is_(False))
        .correlate(Scan)
    )


# One indexed query (event, person, at) for a person's scans of the event, with void marks.
_PRIOR = select(Scan.id, Scan.direction, Scan.at, Scan.device_id, _voided_expr()).where(
    Scan.event_id == bindparam("event_id"),
    Scan.person_id == bindparam("person_id"),
    Scan.deleted.is_(False),
)
_REGISTERED = (
    select(Registration.id)
    .where(
        Registration.event_id == bindparam("event_id"),
        Registration.person_id == bindparam("person_id"),
        Registration.deleted.is_(False),
    )
    .limit(1)
)


def _rules(s: Session, event_id: str) -> EventRules:
    row = s.execute(_RULES, {"event_id": event_id}).first()
    if row is None:
        raise NotFoundError("event.not_found", field="event_id", id=event_id)
    return EventRules(*row)


def _prior_scans(s: Session, event_id: str, person_id: str) -> list[ScanFact]:
    rows = s.execute(_PRIOR, {"event_id": event_id, "person_id": person_id})
    return [ScanFact(i, d, a, dev, bool(v)) for i, d, a, dev, v in rows]


def _is_registered(s: Session, event_id: str, person_id: str) -> bool:
    return s.execute(_REGISTERED, {"event_id": event_id, "person_id": person_id}).first() is not None


def _live_scan(s: Session, scan_id: str) -> Scan:
    scan = s.get(Scan, scan_id)
    if scan is None or scan.deleted:
        raise NotFoundError("attendance.scan_not_found", field="scan_id", id=scan_id)
    if s.scalar(select(_voided_expr()).where(Scan.id == scan_id)):
        raise ValidationError("attendance.already_voided", field="scan_id")
    return scan


def _event_scans(s: Session, event_id: str) -> dict[str, list[ScanFact]]:
    """All scans of an event grouped by person, voids marked: two queries, no per-person work."""
    # A join lets SQLite walk the (few) voids and look each scan up by key, not the other way.
    voided = set(
        s.scalars(
            select(Void.target_id)
            .join(Scan, Scan.id == Void.target_id)
            .where(Void.target_table == "scan", Void.deleted.is_(False), Scan.event_id == event_id)
        )
    )
    by_person: dict[str, list[ScanFact]] = defaultdict(list)
    # Plain driver rows: for thousands of scans the ORM's per-row processing costs twice the query.
    rows = s.connection().exec_driver_sql(
        "SELECT person_id, id, direction, at, device_id FROM scan WHERE event_id = ? AND deleted = 0",
        (event_id,),
    )
    parse, utc = dt.datetime.fromisoformat, dt.UTC  # stored as naive UTC text (models.UTCDateTime)
    for person_id, scan_id, direction, at, device_id in rows:
        by_person[person_id].append(
            ScanFact(scan_id, direction, parse(at).replace(tzinfo=utc), device_id, scan_id in voided)
        )
    return by_person


def _registered_ids(s: Session, event_id: str) -> set[str]:
    return set(
        s.scalars(
            select(Registration.person_id).where(
                Registration.event_id == event_id, Registration.deleted.is_(False)
            )
        )
    )


def _names(s: Session, event_id: str) -> dict[str, tuple[str, str | None]]:
    """Names and IDs of everyone who scanned in or registered for the event, in one query."""
    ids = union(
        select(Scan.person_id).where(Scan.event_id == event_id),
        select(Registration.person_id).where(Registration.event_id == event_id),
    ).subquery()
    query = select(Person.id, Person.full_name, Person.national_id).where(Person.id.in_(select(ids.c[0])))
    return {pid: (name, nid) for pid, name, nid in s.execute(query)}


def _names_of(s: Session, person_ids: list[str]) -> dict[str, tuple[str, str | None]]:
    names: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(person_ids), _SQL_CHUNK):
        chunk = person_ids[start : start + _SQL_CHUNK]
        query = select(Person.id, Person.full_name, Person.national_id).where(Person.id.in_(chunk))
        names.update({pid: (name, nid) for pid, name, nid in s.execute(query)})
    return names


__all__ = [
    "AttendanceCounts",
    "AttendanceRow",
    "AttendanceService",
    "EventAttendance",
    "InNow",
    "RecentScan",
    "ScanPerson",
    "ScanResult",
    "VoidResult",
]
