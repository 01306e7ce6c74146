"""Check-in rules and derived attendance: pure functions over plain values (no database, no Qt).

Attendance is never stored; it is computed from the scans (insert-only facts) of one person at
one event, so several laptops that scanned offline agree once their facts are merged. Scans are
processed in (time, id) order, which is the same on every device whatever order they arrived in.

Rules, as the desk applies them:
- Direction, when not chosen: "in" unless the person is in, then "out".
- Refused: outside the scanning window (more than SCAN_OPENS_BEFORE before the start or more
  than SCAN_CLOSES_AFTER after the end); a repeat scan within `min_scan_interval_min` of the
  previous one (a badge read twice); a check-in after a check-out when re-entry is not allowed;
  a check-out of someone who is not in (there is nothing to close).
- Accepted with a warning: a second check-in of someone already in (kept as a fact, never
  counted twice), a minor without the guardian's consent, a person not registered (walk-in).

Hours:
- re-entry allowed: the sum of the in→out intervals; re-entry not allowed: last out − first in
  (offline laptops can still produce in/out/in sequences; they are flagged "reentry").
- A check-in still open when the event has ended is closed at the event's end ("auto_closed");
  before the end it runs until `now` (hours so far).
- Hours are rounded DOWN to `rounding_min` minutes (0: whole minutes). Check-in before the start
  and check-out after the end are counted as they were scanned: volunteers who come early to set
  up, or stay late to clear, did that work.
- A check-out with nothing open is ignored and flagged ("out_without_in", or
  "duplicate_checkout" when the person had already checked out).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter

from fieldapp.core.dates import round_down_minutes

# The desk accepts scans from 2 h before the start (volunteers arrive early to set up) until
# 12 h after the end (a late check-out typed in the next morning); outside that, a scan is
# almost certainly the wrong event selected on the desk.
SCAN_OPENS_BEFORE = dt.timedelta(hours=2)
SCAN_CLOSES_AFTER = dt.timedelta(hours=12)

ROUNDING_STEPS = (0, 5, 10, 15, 30, 60)

IN, OUT = "in", "out"

# Flags on a person's attendance.
AUTO_CLOSED = "auto_closed"
DUPLICATE_CHECKIN = "duplicate_checkin"
DUPLICATE_CHECKOUT = "duplicate_checkout"
OUT_WITHOUT_IN = "out_without_in"
REENTRY = "reentry"

# Reason keys of scan decisions (messages live in services.attendance.messages).
CHECKED_IN = "attendance.checked_in"
CHECKED_OUT = "attendance.checked_out"
ALREADY_IN = "attendance.already_in"
NEEDS_CONSENT = "attendance.needs_consent"
WALK_IN = "attendance.walk_in"
TOO_SOON = "attendance.too_soon"
NO_REENTRY = "attendance.no_reentry"
NOT_IN = "attendance.not_in"
NOT_STARTED = "attendance.not_started"
ENDED = "attendance.ended"


@dataclass(frozen=True)
class EventRules:
    starts_at: dt.datetime
    ends_at: dt.datetime
    allow_reentry: bool = True
    min_scan_interval_min: int = 2
    rounding_min: int = 15
    min_certificate_hours: float = 0.0


@dataclass(frozen=True, slots=True)
class ScanFact:
    id: str
    direction: str  # in|out
    at: dt.datetime
    device_id: str = ""
    voided: bool = False


@dataclass(frozen=True, slots=True)
class Interval:
    start: dt.datetime
    end: dt.datetime
    auto_closed: bool = False  # a forgotten check-out, closed at the event's end
    open: bool = False  # still in: runs until "now"

    @property
    def minutes(self) -> float:
        return max(0.0, (self.end - self.start).total_seconds() / 60)


@dataclass(frozen=True, slots=True)
class PersonAttendance:
    first_in: dt.datetime | None
    last_out: dt.datetime | None  # the event's end when the check-out was auto-closed
    intervals: tuple[Interval, ...]
    minutes: int  # whole minutes present, before rounding
    hours: float  # rounded down to the event's step
    state: str  # in|out|absent
    flags: tuple[str, ...] = ()
    last_scan_at: dt.datetime | None = None

    @property
    def attended(self) -> bool:
        return self.first_in is not None


@dataclass(frozen=True)
class ScanDecision:
    status: str  # ok|warning|refused
    direction: str | None  # None when refused before a direction could be chosen
    reason_key: str
    warnings: tuple[str, ...] = ()
    params: dict[str, object] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return self.status != "refused"


_BY_TIME_THEN_ID = attrgetter("at", "id")


def ordered(scans: Iterable[ScanFact]) -> list[ScanFact]:
    """Live scans in the one order every device agrees on: time, then id."""
    live = [s for s in scans if not s.voided]
    live.sort(key=_BY_TIME_THEN_ID)
    return live


def compute_attendance(
    rules: EventRules, scans: Iterable[ScanFact], now: dt.datetime | None = None
) -> PersonAttendance:
    """A person's attendance at an event from their scans; `now` None means "after the event"."""
    live = ordered(scans)
    flags: set[str] = set()
    intervals: list[Interval] = []
    first_in: dt.datetime | None = None
    last_out: dt.datetime | None = None
    open_since: dt.datetime | None = None
    checked_out_before = False
    for scan in live:
        if scan.direction == IN:
            if open_since is not None:
                flags.add(DUPLICATE_CHECKIN)  # kept as a fact; the first check-in stands
                continue
            if checked_out_before:
                flags.add(REENTRY)
            open_since = scan.at
            if first_in is None:
                first_in = scan.at
        else:
            if open_since is None:
                flags.add(DUPLICATE_CHECKOUT if checked_out_before else OUT_WITHOUT_IN)
                continue
            intervals.append(Interval(open_since, scan.at))
            last_out = scan.at
            open_since = None
            checked_out_before = True

    state = "absent" if first_in is None else "out"
    if open_since is not None:
        if now is None or now >= rules.ends_at:
            end = max(open_since, rules.ends_at)  # a check-in after the end counts zero
            intervals.append(Interval(open_since, end, auto_closed=True))
            last_out = end
            flags.add(AUTO_CLOSED)
        else:
            intervals.append(Interval(open_since, max(open_since, now), open=True))
            state = "in"

    if first_in is None:
        minutes = 0.0
    elif rules.allow_reentry:
        minutes = sum(i.minutes for i in intervals)
    else:
        end = intervals[-1].end
        minutes = max(0.0, (end - first_in).total_seconds() / 60)
    whole = round_down_minutes(minutes, None)
    rounded = round_down_minutes(minutes, rules.rounding_min)
    return PersonAttendance(
        first_in=first_in,
        last_out=last_out,
        intervals=tuple(intervals),
        minutes=whole,
        hours=rounded / 60,
        state=state,
        flags=tuple(sorted(flags)),
        last_scan_at=live[-1].at if live else None,
    )


def current_state(scans: Sequence[ScanFact]) -> tuple[bool, bool]:
    """(is in, has checked out before) after the live scans, ignoring the event's end."""
    is_in, checked_out = False, False
    for scan in ordered(scans):
        if scan.direction == IN:
            is_in = True
        elif is_in:
            is_in, checked_out = False, True
    return is_in, checked_out


def decide_scan(
    rules: EventRules,
    prior: Sequence[ScanFact],
    at: dt.datetime,
    requested_direction: str | None = None,
    *,
    registered: bool = True,
    needs_consent: bool = False,
) -> ScanDecision:
    """Whether a scan at `at` is accepted, in which direction, and what the desk should say."""
    if at < rules.starts_at - SCAN_OPENS_BEFORE:
        opens = rules.starts_at - SCAN_OPENS_BEFORE
        return ScanDecision("refused", None, NOT_STARTED, params={"opens_at": opens})
    if at > rules.ends_at + SCAN_CLOSES_AFTER:
        return ScanDecision("refused", None, ENDED, params={"ended_at": rules.ends_at})

    # The state at `at`: a scan another laptop stamped later (its clock ahead) comes after this one
    # in the timeline, so it does not decide this one.
    before = [s for s in ordered(prior) if s.at <= at]
    is_in, checked_out = current_state(before)
    direction = requested_direction or (OUT if is_in else IN)

    previous = before[-1] if before else None
    interval = dt.timedelta(minutes=rules.min_scan_interval_min)
    if previous is not None and at - previous.at < interval:
        wait_s = (interval - (at - previous.at)).total_seconds()
        return ScanDecision(
            "refused",
            direction,
            TOO_SOON,
            params={
                "minutes": max(1, int(-(-wait_s // 60))),
                "wait_seconds": max(1, int(-(-wait_s // 1))),
                "seconds": int((at - previous.at).total_seconds()),
                "last_direction": previous.direction,
            },
        )

    if direction == OUT:
        if not is_in:
            return ScanDecision("refused", OUT, NOT_IN)
        return ScanDecision("ok", OUT, CHECKED_OUT)

    if not is_in and checked_out and not rules.allow_reentry:
        return ScanDecision("refused", IN, NO_REENTRY)
    warnings = []
    if is_in:
        warnings.append(ALREADY_IN)
    if needs_consent:
        warnings.append(NEEDS_CONSENT)
    if not registered:
        warnings.append(WALK_IN)
    if warnings:
        return ScanDecision("warning", IN, warnings[0], warnings=tuple(warnings))
    return ScanDecision("ok", IN, CHECKED_IN)


def certificate_eligible(rules: EventRules, attendance: PersonAttendance) -> bool:
    return attendance.attended and attendance.hours > 0 and attendance.hours >= rules.min_certificate_hours


def open_since(attendance: PersonAttendance) -> dt.datetime | None:
    """When the person's current stay began, or None when they are not in."""
    last = attendance.intervals[-1] if attendance.intervals else None
    return last.start if last is not None and last.open else None
