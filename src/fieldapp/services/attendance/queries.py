"""The attendance queries: each takes an open session (a write's transaction or a reader).

The statements the desk runs on every scan are built once: building a select costs more than
running it on an index.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import bindparam, exists, select, union
from sqlalchemy.orm import Session

from fieldapp.core.attendance import EventRules, ScanFact
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.services import events as _events  # noqa: F401  (registers the event.* messages raised here)
from fieldapp.services.attendance import messages as _messages  # noqa: F401  (registers attendance.*)
from fieldapp.store.models import Event, Person, Registration, Scan, Void

SQL_CHUNK = 500  # ids per IN (...) list, under SQLite's bound-parameter limit

_RULES = select(
    Event.starts_at,
    Event.ends_at,
    Event.allow_reentry,
    Event.min_scan_interval_min,
    Event.rounding_min,
    Event.min_certificate_hours,
).where(Event.id == bindparam("event_id"), Event.deleted.is_(False))


def voided_expr():
    """EXISTS a live Void of the scan in the enclosing query (correlated on Scan)."""
    return (
        exists()
        .where(Void.target_id == Scan.id, Void.target_table == "scan", Void.deleted.is_(False))
        .correlate(Scan)
    )


# One indexed query (event, person, at) for a person's scans of the event, with void marks.
_PRIOR = select(Scan.id, Scan.direction, Scan.at, Scan.device_id, voided_expr()).where(
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


def load_rules(session: Session, event_id: str) -> EventRules:
    """The check-in rules of a live event (event.not_found otherwise)."""
    row = session.execute(_RULES, {"event_id": event_id}).first()
    if row is None:
        raise NotFoundError("event.not_found", field="event_id", id=event_id)
    return EventRules(*row)


def prior_scans(session: Session, event_id: str, person_id: str) -> list[ScanFact]:
    rows = session.execute(_PRIOR, {"event_id": event_id, "person_id": person_id})
    return [ScanFact(i, d, a, dev, bool(v)) for i, d, a, dev, v in rows]


def is_registered(session: Session, event_id: str, person_id: str) -> bool:
    return session.execute(_REGISTERED, {"event_id": event_id, "person_id": person_id}).first() is not None


def live_scan(session: Session, scan_id: str) -> Scan:
    """A scan that exists and is not voided yet (the one an undo or a void cancels)."""
    scan = session.get(Scan, scan_id)
    if scan is None or scan.deleted:
        raise NotFoundError("attendance.scan_not_found", field="scan_id", id=scan_id)
    if session.scalar(select(voided_expr()).where(Scan.id == scan_id)):
        raise ValidationError("attendance.already_voided", field="scan_id")
    return scan


def event_scans(session: Session, event_id: str) -> dict[str, list[ScanFact]]:
    """All scans of an event grouped by person, voids marked: two queries, no per-person work."""
    # A join lets SQLite walk the (few) voids and look each scan up by key, not the other way.
    voided = set(
        session.scalars(
            select(Void.target_id)
            .join(Scan, Scan.id == Void.target_id)
            .where(Void.target_table == "scan", Void.deleted.is_(False), Scan.event_id == event_id)
        )
    )
    by_person: dict[str, list[ScanFact]] = defaultdict(list)
    # Plain driver rows: for thousands of scans the ORM's per-row processing costs twice the query.
    rows = session.connection().exec_driver_sql(
        "SELECT person_id, id, direction, at, device_id FROM scan WHERE event_id = ? AND deleted = 0",
        (event_id,),
    )
    parse, utc = dt.datetime.fromisoformat, dt.UTC  # stored as naive UTC text (models.UTCDateTime)
    for person_id, scan_id, direction, at, device_id in rows:
        by_person[person_id].append(
            ScanFact(scan_id, direction, parse(at).replace(tzinfo=utc), device_id, scan_id in voided)
        )
    return by_person


def registered_ids(session: Session, event_id: str) -> set[str]:
    return set(
        session.scalars(
            select(Registration.person_id).where(
                Registration.event_id == event_id, Registration.deleted.is_(False)
            )
        )
    )


def names_at_event(session: Session, event_id: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Names, IDs and genders of everyone who scanned in or registered for the event, in one query."""
    ids = union(
        select(Scan.person_id).where(Scan.event_id == event_id),
        select(Registration.person_id).where(Registration.event_id == event_id),
    ).subquery()
    query = select(Person.id, Person.full_name, Person.national_id, Person.gender).where(
        Person.id.in_(select(ids.c[0]))
    )
    return {pid: (name, nid, gender) for pid, name, nid, gender in session.execute(query)}


def names_of(session: Session, person_ids: list[str]) -> dict[str, tuple[str, str | None]]:
    names: dict[str, tuple[str, str | None]] = {}
    for start in range(0, len(person_ids), SQL_CHUNK):
        chunk = person_ids[start : start + SQL_CHUNK]
        query = select(Person.id, Person.full_name, Person.national_id).where(Person.id.in_(chunk))
        names.update({pid: (name, nid) for pid, name, nid in session.execute(query)})
    return names


def recent_scans_query(event_id: str, limit: int):
    """The latest scans of an event with the person's name and whether each was voided."""
    return (
        select(
            Scan.id,
            Scan.person_id,
            Person.full_name,
            Scan.direction,
            Scan.at,
            Scan.method,
            Scan.user_name,
            voided_expr(),
        )
        .join(Person, Person.id == Scan.person_id)
        .where(Scan.event_id == event_id, Scan.deleted.is_(False))
        .order_by(Scan.at.desc(), Scan.id.desc())
        .limit(limit)
    )
