"""The single steps of the desk's writes, each on an open session (the caller's one transaction).

`record_scan()` is the check-in/out step: AttendanceService.scan runs it after resolving a code,
the desk's walk-in after creating and registering the person, all in that write's transaction.
A scan is a fact: the step reads the person's earlier scans of the event (one indexed query), asks
core.attendance.decide_scan, and inserts an accepted scan; nothing is written for a refusal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core import dates
from fieldapp.core.attendance import (
    IN,
    OUT,
    EventRules,
    ScanFact,
    compute_attendance,
    current_state,
    decide_scan,
    open_since,
    ordered,
)
from fieldapp.core.identifiers import is_adult
from fieldapp.core.text import strip_invisible
from fieldapp.services.attendance.queries import event_scans, is_registered, prior_scans
from fieldapp.services.attendance.results import ScanPerson, ScanResult, VoidResult, scan_result
from fieldapp.services.contract import Changed
from fieldapp.store.models import Person, Scan, SigningKey, Void

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Scannee:
    """Who a scan is for: what the check-in rules need to know about the person."""

    id: str
    full_name: str
    needs_consent: bool  # under 18 with no guardian's consent on file
    gender: str | None = None  # 'm' | 'f': the desk's sentences about the person agree with it


def needs_consent(birth: dt.date | None, consent: bool) -> bool:
    return birth is not None and not consent and not is_adult(birth, dates.local_now().date())


def scannee_of(person: Person) -> Scannee:
    return Scannee(
        person.id, person.full_name, needs_consent(person.birth_date, person.guardian_consent), person.gender
    )


def scannee_by_id(session: Session, person_id: str) -> Scannee | None:
    person = session.get(Person, person_id)
    return None if person is None or person.deleted else scannee_of(person)


def resolve(session: Session, code: str, resolve_code: Callable[[str], Any]) -> Scannee | None:
    """The person a person id, badge, national ID or mobile (any written form) means, else None.

    `resolve_code` is the search service's lookup of a code (a read of committed data).
    """
    text = strip_invisible(code or "").strip()
    if not text:
        return None
    if _UUID.match(text.lower()):
        who = scannee_by_id(session, text.lower())
        if who is not None:
            return who
    found = resolve_code(text)
    return None if found is None else Scannee(found.id, found.full_name, found.needs_consent, found.gender)


def not_found(code: str, at: dt.datetime) -> ScanResult:
    params = {"code": strip_invisible(code or "").strip()}
    return scan_result("not_found", "attendance.not_found", None, None, at, 0.0, params=params)


def record_scan(
    session: Session,
    rules: EventRules,
    event_id: str,
    who: Scannee,
    *,
    method: str,
    direction: str | None,
    at: dt.datetime,
    user_name: str,
    device_id: str,
) -> ScanResult:
    """Decide a scan of `who` at `at` and insert it when accepted; the result says what happened."""
    prior = prior_scans(session, event_id, who.id)
    registered = is_registered(session, event_id, who.id)
    decision = decide_scan(
        rules, prior, at, direction, registered=registered, needs_consent=who.needs_consent
    )
    params: dict[str, Any] = {"name": who.full_name, "gender": who.gender, **decision.params}
    if "seconds" in params:
        params["seconds_ago"] = params.pop("seconds")
    params.update(_entered_elsewhere(session, prior, device_id))
    person = ScanPerson(who.id, who.full_name)
    if not decision.accepted:
        before = compute_attendance(rules, prior, now=at)
        if decision.reason_key == "attendance.no_reentry":
            params["since"] = before.last_out
        return scan_result(
            "refused", decision.reason_key, person, decision.direction, at, before.hours, params=params
        )
    scan = Scan(
        person_id=who.id,
        event_id=event_id,
        direction=decision.direction,
        at=at,
        method=method,
        user_name=user_name,
    )
    session.add(scan)
    session.flush()
    attendance = compute_attendance(
        rules, [*prior, ScanFact(scan.id, decision.direction, at, device_id)], now=at
    )
    params["hours"] = attendance.hours
    if decision.warnings and attendance.first_in is not None:
        params["since"] = open_since(attendance) or attendance.first_in
    return scan_result(
        decision.status,
        decision.reason_key,
        person,
        decision.direction,
        at,
        attendance.hours,
        scan_id=scan.id,
        warnings=decision.warnings,
        params=params,
    )


def _entered_elsewhere(session: Session, prior: list[ScanFact], device_id: str) -> dict[str, Any]:
    """When the person is in through another laptop's scan (seen after sync), which laptop and when:
    the desk says so ("entered via laptop K7QZ at 09:14"); the rules are the same as for a local one."""
    live = ordered([scan for scan in prior if not scan.voided])
    last = live[-1] if live else None
    if last is None or last.direction != IN or not last.device_id or last.device_id == device_id:
        return {}
    label = session.scalar(
        select(SigningKey.label).where(SigningKey.owner_device_id == last.device_id).limit(1)
    )
    laptop = (label or "").removeprefix("device ").strip() or last.device_id[:8]
    return {"via_device": laptop, "via_at": last.at}


def void_scan(session: Session, scan: Scan, reason: str, at: dt.datetime, user_name: str) -> VoidResult:
    """Cancel a scan with a Void fact (the scan itself stays)."""
    void = Void(target_table="scan", target_id=scan.id, reason=reason, at=at, user_name=user_name)
    session.add(void)
    session.flush()
    return VoidResult(void.id, scan.id, scan.person_id, Changed.of("scans"))


def check_out_all(session: Session, event_id: str, at: dt.datetime, user_name: str) -> int:
    """Check out everyone still in (method "close_all"); returns how many."""
    count = 0
    for person_id, scans in event_scans(session, event_id).items():
        is_in, _ = current_state(scans)
        if not is_in:
            continue
        # Never put the check-out before the person's last scan (a laptop clock ahead).
        out_at = max(at, max(sc.at for sc in scans if not sc.voided))
        session.add(
            Scan(
                person_id=person_id,
                event_id=event_id,
                direction=OUT,
                at=out_at,
                method="close_all",
                user_name=user_name,
            )
        )
        count += 1
    return count
