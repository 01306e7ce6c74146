"""What the attendance service returns: plain frozen dataclasses, never ORM rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from fieldapp.services.attendance.messages import render
from fieldapp.services.contract import Changed


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
        return render(self.warnings or (self.reason_key,), lang, self.params)

    def elsewhere_text(self, lang: str | None = None) -> str:
        """ "Checked in on laptop (K7QZ) at 09:14" when the open check-in came from another laptop."""
        return render((), lang, self.params) if "via_device" in self.params else ""


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
    gender: str | None = None  # 'm' | 'f': sentences about the row agree with it


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
class RecentScan:
    scan_id: str
    person_id: str
    full_name: str
    direction: str
    at: dt.datetime
    method: str
    user_name: str
    voided: bool


@dataclass(frozen=True)
class DeskSummary:
    """Everything the check-in desk shows besides the last result, from one pass over the scans."""

    event_id: str
    counts: AttendanceCounts
    in_now: tuple[InNow, ...]
    recent: tuple[RecentScan, ...]
    as_of: dt.datetime


def scan_result(
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
    """A ScanResult with its message in the current language; only an accepted scan changed anything."""
    params = params or {}
    return ScanResult(
        status=status,
        reason_key=reason_key,
        message=render(warnings or (reason_key,), None, params),
        person=person,
        direction=direction,
        at=at,
        hours_so_far=hours,
        scan_id=scan_id,
        changed=Changed.of("scans") if scan_id else Changed(),
        warnings=warnings,
        params=params,
    )
