"""What the admin pages read and change, always within the signed-in administrator's organisation
(every query filters on `org_id`; a device or user of another organisation is "not found")."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from fieldapp.core.attendance import EventRules, ScanFact, compute_attendance
from fieldapp.core.permissions import ROLES
from fieldapp.server import admin as server_admin
from fieldapp.server.db import read_session, write_session
from fieldapp.server.errors import ServerError
from fieldapp.server.merges import POSSIBLE_DUPLICATE
from fieldapp.server.models import (
    AppliedOp,
    CentralUser,
    Device,
    EnrollmentCode,
    Organisation,
    SyncRow,
    WebAudit,
    utcnow,
)
from fieldapp.server.web.security import end_sessions_of
from fieldapp.services.attendance.results import AttendanceRow, EventAttendance
from fieldapp.store.models import PersonDistinct
from fieldapp.sync.digest import CONFLICT_TABLE
from fieldapp.sync.ids import distinct_pair

UNSEEN_AFTER = dt.timedelta(days=1)
DISTINCT_TABLE = PersonDistinct.__tablename__


def _detached(s, items: list) -> list:
    """Rows that stay readable after their read transaction (read sessions expire on commit)."""
    s.expunge_all()
    return items


def devices(engine: Engine, org_id: str) -> list[Device]:
    with read_session(engine) as s:
        return _detached(
            s, list(s.scalars(select(Device).where(Device.org_id == org_id).order_by(Device.enrolled_at)))
        )


def device(engine: Engine, org_id: str, device_id: str) -> Device | None:
    with read_session(engine) as s:
        found = s.scalar(select(Device).where(Device.id == device_id[:36], Device.org_id == org_id))
        s.expunge_all()
        return found


def revoke(engine: Engine, org_id: str, device_id: str) -> Device:
    with write_session(engine) as s:
        device = s.scalar(select(Device).where(Device.id == device_id, Device.org_id == org_id))
        if device is None:
            raise ServerError("server.device_unknown", status=404, device=device_id[:40])
        if device.revoked_at is None:
            device.revoked_at = utcnow()
        return device


def open_codes(engine: Engine, org_id: str) -> list[EnrollmentCode]:
    """Codes not used yet and not expired (the codes themselves are never kept, only their hash)."""
    with read_session(engine) as s:
        return _detached(
            s,
            list(
                s.scalars(
                    select(EnrollmentCode)
                    .where(
                        EnrollmentCode.org_id == org_id,
                        EnrollmentCode.used_at.is_(None),
                        EnrollmentCode.expires_at > utcnow(),
                    )
                    .order_by(EnrollmentCode.created_at.desc())
                )
            ),
        )


def users(engine: Engine, org_id: str) -> list[CentralUser]:
    with read_session(engine) as s:
        query = select(CentralUser).where(CentralUser.org_id == org_id).order_by(CentralUser.username)
        return _detached(s, list(s.scalars(query)))


def _user(s, org_id: str, username: str) -> CentralUser:
    user = s.scalar(
        select(CentralUser).where(CentralUser.org_id == org_id, CentralUser.username == username.lower())
    )
    if user is None:
        raise ServerError("server.user_unknown", status=404, username=username[:64])
    return user


def change_user(
    engine: Engine, org_id: str, username: str, *, active: bool | None = None, role: str | None = None
) -> CentralUser:
    """Disable or enable an account, or change its role; a disabled account's browsers are signed out."""
    if role is not None and role not in ROLES:
        raise ServerError("server.user_role", role=role[:20])
    with write_session(engine) as s:
        user = _user(s, org_id, username)
        if active is not None:
            user.active = active
        if role is not None:
            user.role = role
        user.updated_at = utcnow()
        if not user.active or user.role != "admin":
            end_sessions_of(s, user.id)
        return user


def org_code(engine: Engine, org_id: str) -> str:
    with read_session(engine) as s:
        return s.scalar(select(Organisation.code).where(Organisation.id == org_id))


def add_user(
    engine: Engine, org_id: str, username: str, name: str, role: str, password: str
) -> dict[str, Any]:
    return server_admin.add_user(engine, org_code(engine, org_id), username, name, role, password)


def reset_password(engine: Engine, org_id: str, username: str, password: str) -> dict[str, Any]:
    return server_admin.set_password(engine, org_code(engine, org_id), username, password)


def audit_trail(engine: Engine, org_id: str, limit: int = 20) -> list[WebAudit]:
    """The latest sign-ins (accepted or refused) and changes on the admin pages, newest first."""
    with read_session(engine) as s:
        query = select(WebAudit).where(WebAudit.org_id == org_id).order_by(WebAudit.at.desc()).limit(limit)
        return _detached(s, list(s.scalars(query)))


@dataclass(frozen=True)
class Health:
    unseen: list[Device]  # enrolled, not revoked, not seen for a day
    rejected: list[tuple[str, str, dt.datetime]]  # device name, reason, when (latest first)
    rejected_count: int
    conflicts: int
    duplicates: int
    pending_ops: int  # what the laptops said they still hold


def health(engine: Engine, org_id: str, rejected_shown: int = 20) -> Health:
    now = utcnow()
    with read_session(engine) as s:
        all_devices = _detached(s, list(s.scalars(select(Device).where(Device.org_id == org_id))))
        names = {d.id: d.name for d in all_devices}
        live = [d for d in all_devices if d.revoked_at is None]
        unseen = [d for d in live if d.last_seen_at is None or now - d.last_seen_at > UNSEEN_AFTER]
        rejected_q = select(AppliedOp).where(AppliedOp.org_id == org_id, AppliedOp.status == "rejected")
        rejected_count = s.scalar(select(func.count()).select_from(rejected_q.subquery())) or 0
        rejected = [
            (names.get(op.device_id, op.device_id), op.reason, op.at)
            for op in s.scalars(rejected_q.order_by(AppliedOp.at.desc()).limit(rejected_shown))
        ]
        conflicts = duplicates = 0
        rows = s.scalars(
            select(SyncRow.data).where(SyncRow.org_id == org_id, SyncRow.table_name == CONFLICT_TABLE)
        ).all()
        for data in rows:
            conflict = json.loads(data)
            if conflict.get("resolved") or conflict.get("deleted") or _decided(s, org_id, conflict):
                continue
            if conflict.get("field") == POSSIBLE_DUPLICATE:
                duplicates += 1
            else:
                conflicts += 1
    return Health(
        unseen=unseen,
        rejected=rejected,
        rejected_count=rejected_count,
        conflicts=conflicts,
        duplicates=duplicates,
        pending_ops=sum(d.pending_ops_reported for d in live),
    )


def _decided(s, org_id: str, conflict: dict[str, Any]) -> bool:
    """A laptop's review decision, as it reached the server (services/review.py `_undecided`): a
    possible duplicate merged, removed or marked as two people; a field edited after both values
    (keeping or restoring a value on the review screen is such an edit)."""

    def row(table: str, row_id: str) -> SyncRow | None:
        return s.get(SyncRow, (org_id, table, row_id))

    if conflict.get("field") == POSSIBLE_DUPLICATE:
        ids = [(conflict.get(side) or {}).get("id") or "" for side in ("kept_value", "lost_value")]
        people = [row("person", person_id) for person_id in ids]
        if any(p is None or json.loads(p.data).get("deleted") for p in people):
            return True
        return row(DISTINCT_TABLE, distinct_pair(*ids)[0]) is not None
    record = row(str(conflict.get("table_name")), str(conflict.get("row_id")))
    if record is None:
        return False
    stamp = json.loads(record.field_hlc or "{}").get(conflict.get("field")) or record.created_hlc
    return stamp > max(str(conflict.get("kept_hlc")), str(conflict.get("lost_hlc")))


# --- events and attendance, from every laptop's synced rows ---------------------------------------


@dataclass(frozen=True)
class EventInfo:
    """Duck-types services.events.EventView for reports.xlsx (title, place, starts_at, ends_at)."""

    id: str
    title: str
    place: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    rules: EventRules


def _when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _event(row_id: str, data: dict[str, Any]) -> EventInfo | None:
    starts, ends = _when(data.get("starts_at")), _when(data.get("ends_at"))
    if starts is None or ends is None or data.get("deleted"):
        return None
    rules = EventRules(
        starts_at=starts,
        ends_at=ends,
        allow_reentry=bool(data.get("allow_reentry", True)),
        min_scan_interval_min=int(data.get("min_scan_interval_min") or 0),
        rounding_min=int(data.get("rounding_min") or 0),
        min_certificate_hours=float(data.get("min_certificate_hours") or 0),
    )
    return EventInfo(row_id, str(data.get("title", "")), str(data.get("place") or ""), starts, ends, rules)


def events(engine: Engine, org_id: str) -> list[EventInfo]:
    with read_session(engine) as s:
        rows = s.execute(
            select(SyncRow.row_id, SyncRow.data).where(
                SyncRow.org_id == org_id, SyncRow.table_name == "event"
            )
        ).all()
    found = [e for e in (_event(rid, json.loads(data)) for rid, data in rows) if e is not None]
    return sorted(found, key=lambda e: e.starts_at, reverse=True)


def event(engine: Engine, org_id: str, event_id: str) -> EventInfo | None:
    with read_session(engine) as s:
        data = s.scalar(
            select(SyncRow.data).where(
                SyncRow.org_id == org_id, SyncRow.table_name == "event", SyncRow.row_id == event_id[:36]
            )
        )
    return _event(event_id, json.loads(data)) if data is not None else None


def _live_rows(s, org_id: str, table: str, event_id: str | None) -> list[tuple[str, dict[str, Any]]]:
    """Live rows of a table, of one event (its id found in the row's canonical JSON) or of all."""
    query = select(SyncRow.row_id, SyncRow.data).where(SyncRow.org_id == org_id, SyncRow.table_name == table)
    if event_id is not None:
        query = query.where(SyncRow.data.contains(f'"event_id":{json.dumps(event_id)}'))
    out = []
    for row_id, data in s.execute(query):
        value = json.loads(data)
        if not value.get("deleted") and (event_id is None or value.get("event_id") == event_id):
            out.append((row_id, value))
    return out


@dataclass
class _Facts:
    """Scans (by event, then person; voided ones marked) and registrations (by event)."""

    scans: dict[str, dict[str, list[ScanFact]]]
    registered: dict[str, set[str]]


def _facts(s, org_id: str, event_id: str | None) -> _Facts:
    scans = _live_rows(s, org_id, "scan", event_id)
    voided: set[str] = set()
    if scans:
        for _, void in _live_rows(s, org_id, "void", None):
            if void.get("target_table") == "scan":
                voided.add(str(void.get("target_id")))
    by_event: dict[str, dict[str, list[ScanFact]]] = defaultdict(lambda: defaultdict(list))
    for row_id, data in scans:
        at = _when(data.get("at"))
        if at is not None and data.get("direction") in ("in", "out"):
            fact = ScanFact(row_id, data["direction"], at, voided=row_id in voided)
            by_event[str(data.get("event_id"))][str(data.get("person_id"))].append(fact)
    registered: dict[str, set[str]] = defaultdict(set)
    for _, data in _live_rows(s, org_id, "registration", event_id):
        registered[str(data.get("event_id"))].add(str(data.get("person_id")))
    return _Facts(by_event, registered)


def _names(s, org_id: str, person_ids: list[str]) -> dict[str, dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for start in range(0, len(person_ids), 500):
        query = select(SyncRow.row_id, SyncRow.data).where(
            SyncRow.org_id == org_id,
            SyncRow.table_name == "person",
            SyncRow.row_id.in_(person_ids[start : start + 500]),
        )
        people.update((row_id, json.loads(data)) for row_id, data in s.execute(query))
    return people


def _summary(
    info: EventInfo, facts: _Facts, people: dict[str, dict[str, Any]], now: dt.datetime
) -> EventAttendance:
    """The event's attendance by the rules the laptops use (core.attendance)."""
    scans, registered = facts.scans.get(info.id, {}), facts.registered.get(info.id, set())
    lines = []
    for person_id in sorted(set(scans) | registered):
        person = people.get(person_id, {})
        result = compute_attendance(info.rules, scans.get(person_id, ()), now)
        lines.append(
            AttendanceRow(
                person_id=person_id,
                full_name=str(person.get("full_name") or person_id),
                national_id=person.get("national_id"),
                first_in=result.first_in,
                last_out=result.last_out,
                hours=result.hours,
                minutes=result.minutes,
                state=result.state,
                flags=result.flags,
                registered=person_id in registered,
                certificate_eligible=result.state == "out"
                and result.hours > 0
                and result.hours >= info.rules.min_certificate_hours,
            )
        )
    lines.sort(key=lambda r: (r.first_in is None, r.full_name))
    attended = [r for r in lines if r.first_in is not None]
    return EventAttendance(
        event_id=info.id,
        as_of=now,
        rows=tuple(lines),
        in_now=sum(1 for r in lines if r.state == "in"),
        attended=len(attended),
        total_hours=sum(r.hours for r in attended),
        registered=len(registered),
        walk_ins=sum(1 for r in attended if not r.registered),
    )


def attendance(engine: Engine, org_id: str, info: EventInfo) -> EventAttendance:
    """One event's attendance from every laptop's synced scans (voided scans left out), with names."""
    with read_session(engine) as s:
        facts = _facts(s, org_id, info.id)
        ids = sorted(set(facts.scans.get(info.id, {})) | facts.registered.get(info.id, set()))
        people = _names(s, org_id, ids)
    return _summary(info, facts, people, utcnow())


def attendance_of_events(engine: Engine, org_id: str, infos: list[EventInfo]) -> list[EventAttendance]:
    """The totals of many events from one read of the organisation's scans (names not needed)."""
    with read_session(engine) as s:
        facts = _facts(s, org_id, None)
    now = utcnow()
    return [_summary(info, facts, {}, now) for info in infos]
