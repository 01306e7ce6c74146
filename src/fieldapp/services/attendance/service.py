"""AttendanceService: scans in and out, undo and void, and attendance derived from the scans.

Every write is one unit of work (WAL + synchronous=FULL), so a check-in the desk showed as saved
survives a dead battery. Attendance (hours, in now, flags) is never stored; it is computed from
the scans and voids.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections import defaultdict

from fieldapp.core import dates
from fieldapp.core.attendance import (
    IN,
    OUT,
    PersonAttendance,
    certificate_eligible,
    compute_attendance,
    open_since,
)
from fieldapp.core.errors import PermissionDenied, ValidationError
from fieldapp.core.permissions import allowed, require
from fieldapp.services.attendance import queries
from fieldapp.services.attendance.results import (
    AttendanceCounts,
    AttendanceRow,
    DeskSummary,
    EventAttendance,
    InNow,
    RecentScan,
    ScanResult,
    VoidResult,
)
from fieldapp.services.attendance.scanning import check_out_all, not_found, record_scan, resolve, void_scan
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.sync.hlc import Timestamp


class AttendanceService(Service):
    # --- writes ---------------------------------------------------------------------------

    @write
    def scan(
        self,
        event_id: str,
        code_or_person_id: str,
        method: str = "scanner",
        direction: str | None = None,
        at: dt.datetime | None = None,
    ) -> ScanResult:
        """Check a person in or out by badge code, national ID, mobile (any form) or person id."""
        require(self.actor, "scan")
        if direction not in (None, IN, OUT):
            raise ValidationError("attendance.direction", field="direction", value=direction)
        with self.transaction() as session:
            # Taken under the write lock (BEGIN IMMEDIATE): a scan another process saved a moment
            # ago is then before this one, so the rules see it and this one is a repeat.
            at = at or dates.now()
            rules = queries.load_rules(session, event_id)
            who = resolve(session, code_or_person_id, self.services.search.resolve_code)
            if who is None:
                return not_found(code_or_person_id, at)
            return record_scan(
                session,
                rules,
                event_id,
                who,
                method=method,
                direction=direction,
                at=at,
                user_name=self.actor.user_name,
                device_id=self.store.device_id,
            )

    @write
    def undo(self, scan_id: str, reason: str = "undo", at: dt.datetime | None = None) -> VoidResult:
        """Take back a scan: the coordinator who made it, within desk.undo_seconds; else a supervisor."""
        actor = self.actor
        require(actor, "scan")
        at = at or dates.now()
        window = int(self.services.settings.get("desk.undo_seconds"))
        with self.transaction() as session:
            scan = queries.live_scan(session, scan_id)
            if not allowed(actor.role, "void"):
                if scan.user_name != actor.user_name:
                    raise PermissionDenied("attendance.undo_other_user", user=scan.user_name)
                # The window runs from when this laptop recorded the scan (its HLC stamp), so a
                # back-dated manual scan can still be undone right after it was typed.
                recorded = dt.datetime.fromtimestamp(
                    Timestamp.parse(scan.created_hlc).physical_ms / 1000, dt.UTC
                )
                if (at - max(recorded, scan.at)).total_seconds() > window:
                    raise PermissionDenied("attendance.undo_expired", seconds=window)
            return void_scan(session, scan, reason or "undo", at, actor.user_name)

    @write
    def void(self, scan_id: str, reason: str, at: dt.datetime | None = None) -> VoidResult:
        """A supervisor's correction of any scan (the scan stays; a Void fact cancels it)."""
        require(self.actor, "void")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("attendance.void_reason_required", field="reason")
        with self.transaction() as session:
            scan = queries.live_scan(session, scan_id)
            return void_scan(session, scan, reason, at or dates.now(), self.actor.user_name)

    @write
    def check_out_everyone(self, event_id: str, at: dt.datetime | None = None) -> Done:
        """Check out everyone still in, in one transaction (method "close_all"); `value`: how many."""
        require(self.actor, "scan")
        at = at or dates.now()
        with self.transaction(bulk_audit=f"check out everyone, event {event_id}") as session:
            queries.load_rules(session, event_id)
            count = check_out_all(session, event_id, at, self.actor.user_name)
        return Done(Changed.of("scans") if count else Changed(), count)

    # --- derived attendance ---------------------------------------------------------------

    def event_attendance(self, event_id: str, at: dt.datetime | None = None) -> EventAttendance:
        """Every person who scanned or is registered, with hours and flags; totals."""
        at = at or dates.now()
        with self.reader() as session:
            rules = queries.load_rules(session, event_id)
            by_person = queries.event_scans(session, event_id)
            registered = queries.registered_ids(session, event_id)
            people = queries.names_at_event(session, event_id)
        absent = compute_attendance(rules, [], now=at)
        rows = []
        for person_id in by_person.keys() | registered:
            att = (
                compute_attendance(rules, by_person.get(person_id, ()), now=at)
                if person_id in by_person
                else absent
            )
            name, national_id, gender = people.get(person_id, ("", None, None))
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
                    gender=gender,
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
        with self.reader() as session:
            rules = queries.load_rules(session, event_id)
            prior = queries.prior_scans(session, event_id, person_id)
        return compute_attendance(rules, prior, now=at or dates.now())

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
        with self.reader() as session:
            return [RecentScan(*row) for row in session.execute(queries.recent_scans_query(event_id, limit))]

    # --- helpers --------------------------------------------------------------------------

    def _computed(
        self, event_id: str, at: dt.datetime | None
    ) -> tuple[dict[str, PersonAttendance], set[str]]:
        at = at or dates.now()
        with self.reader() as session:
            rules = queries.load_rules(session, event_id)
            by_person = queries.event_scans(session, event_id)
            registered = queries.registered_ids(session, event_id)
        return {pid: compute_attendance(rules, scans, now=at) for pid, scans in by_person.items()}, registered

    def _inside(self, computed: dict[str, PersonAttendance]) -> builtins.list[InNow]:
        inside = {pid: a for pid, a in computed.items() if a.state == "in" and open_since(a)}
        with self.reader() as session:
            names = queries.names_of(session, list(inside))
        rows = [
            InNow(pid, names.get(pid, ("", None))[0], open_since(a), a.hours)  # type: ignore[arg-type]
            for pid, a in inside.items()
        ]
        return sorted(rows, key=lambda row: (row.since, row.full_name, row.person_id))


def _counts(computed: dict[str, PersonAttendance], registered: set[str]) -> AttendanceCounts:
    return AttendanceCounts(
        in_now=sum(1 for a in computed.values() if a.state == "in"),
        attended=sum(1 for a in computed.values() if a.attended),
        registered=len(registered),
        total_hours=sum(a.hours for a in computed.values()),
    )
