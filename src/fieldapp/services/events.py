"""Events (and volunteer opportunities inside them), their team and their registrations."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core.attendance import ROUNDING_STEPS, EventRules
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.core.text import clean_text
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.models import Event, EventTeam, Person, Registration

i18n.register(
    {
        "event.not_found": (
            "لا توجد فعالية بالمعرّف {id}؛ اختر فعالية من القائمة.",
            "There is no event with id {id}; choose an event from the list.",
        ),
        "event.title_required": (
            "عنوان الفعالية فارغ؛ اكتب عنوانًا مثل «اليوم الوطني 95».",
            "The event title is empty; type a title such as 'National Day 95'.",
        ),
        "event.end_before_start": (
            "نهاية الفعالية ({ends}) يجب أن تكون بعد بدايتها ({starts}).",
            "The event must end ({ends}) after it starts ({starts}).",
        ),
        "event.negative": (
            "قيمة «{field_name}» سالبة ({value})؛ أدخل صفرًا أو أكثر.",
            "'{field_name}' is negative ({value}); enter zero or more.",
        ),
        "event.rounding": (
            "التقريب {value} دقيقة غير مدعوم؛ اختر أحد: 0 أو 5 أو 10 أو 15 أو 30 أو 60.",
            "Rounding to {value} minutes is not supported; choose 0, 5, 10, 15, 30 or 60.",
        ),
        "event.parent_not_found": (
            "الفعالية الأم {id} غير موجودة؛ اختر فعالية قائمة.",
            "The parent event {id} does not exist; choose an existing event.",
        ),
        "event.person_not_found": (
            "لا يوجد شخص بالمعرّف {id} في السجل.",
            "There is no person with id {id} in the roster.",
        ),
        "event.registration_source": (
            "مصدر التسجيل «{value}» غير معروف؛ المتاح: import أو walk_in أو manual.",
            "Unknown registration source '{value}'; use import, walk_in or manual.",
        ),
    }
)

REGISTRATION_SOURCES = ("import", "walk_in", "manual")


@dataclass(frozen=True)
class EventInput:
    """What a coordinator fills in. Naive datetimes are read as Riyadh local time."""

    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str = ""
    body_id: str | None = None
    parent_id: str | None = None
    planned_hours: float | None = None
    capacity: int | None = None
    allow_reentry: bool = True
    min_scan_interval_min: int = 2
    rounding_min: int = 15
    min_certificate_hours: float = 0.0
    notes: str = ""


@dataclass(frozen=True)
class EventView:
    id: str
    title: str
    place: str
    body_id: str | None
    parent_id: str | None
    starts_at: dt.datetime  # aware UTC
    ends_at: dt.datetime
    starts_local: dt.datetime  # Asia/Riyadh, for display
    ends_local: dt.datetime
    planned_hours: float | None
    capacity: int | None
    allow_reentry: bool
    min_scan_interval_min: int
    rounding_min: int
    min_certificate_hours: float
    notes: str
    changed: Changed = field(default_factory=Changed, compare=False)  # set by create/update

    @property
    def rules(self) -> EventRules:
        return EventRules(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            allow_reentry=self.allow_reentry,
            min_scan_interval_min=self.min_scan_interval_min,
            rounding_min=self.rounding_min,
            min_certificate_hours=self.min_certificate_hours,
        )


@dataclass(frozen=True)
class TeamMember:
    person_id: str
    full_name: str
    role: str


@dataclass(frozen=True)
class RegistrationResult:
    created: int  # new registrations (0 when all were already registered)
    changed: Changed


def view_of(event: Event, changed: Changed | None = None) -> EventView:
    return EventView(
        id=event.id,
        title=event.title,
        place=event.place,
        body_id=event.body_id,
        parent_id=event.parent_id,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        starts_local=dates.to_local(event.starts_at),
        ends_local=dates.to_local(event.ends_at),
        planned_hours=event.planned_hours,
        capacity=event.capacity,
        allow_reentry=event.allow_reentry,
        min_scan_interval_min=event.min_scan_interval_min,
        rounding_min=event.rounding_min,
        min_certificate_hours=event.min_certificate_hours,
        notes=event.notes,
        changed=changed or Changed(),
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dates.APP_TZ) if value.tzinfo is None else value


def _validated(data: EventInput) -> dict[str, object]:
    title = clean_text(data.title).replace("\n", " ")
    if not title:
        raise ValidationError("event.title_required", field="title")
    starts, ends = _aware(data.starts_at), _aware(data.ends_at)
    if ends <= starts:
        raise ValidationError(
            "event.end_before_start",
            field="ends_at",
            starts=dates.format_datetime(starts),
            ends=dates.format_datetime(ends),
        )
    for name in ("planned_hours", "capacity", "min_scan_interval_min", "min_certificate_hours"):
        value = getattr(data, name)
        if value is not None and value < 0:
            raise ValidationError("event.negative", field=name, field_name=name, value=value)
    if data.rounding_min not in ROUNDING_STEPS:
        raise ValidationError("event.rounding", field="rounding_min", value=data.rounding_min)
    return {
        "title": title,
        "starts_at": starts,
        "ends_at": ends,
        "place": clean_text(data.place).replace("\n", " "),
        "body_id": data.body_id or None,
        "parent_id": data.parent_id or None,
        "planned_hours": data.planned_hours,
        "capacity": data.capacity,
        "allow_reentry": bool(data.allow_reentry),
        "min_scan_interval_min": int(data.min_scan_interval_min),
        "rounding_min": int(data.rounding_min),
        "min_certificate_hours": float(data.min_certificate_hours),
        "notes": clean_text(data.notes),
    }


class EventsService(Service):
    # --- events ---------------------------------------------------------------------------

    @write
    def create(self, data: EventInput) -> EventView:
        require(self.actor, "event.edit")
        values = _validated(data)
        with self.transaction() as session:
            _check_parent(session, values["parent_id"], None)
            event = Event(**values)
            session.add(event)
            session.flush()
            return view_of(event, Changed.of("events"))

    @write
    def update(self, event_id: str, data: EventInput) -> EventView:
        require(self.actor, "event.edit")
        values = _validated(data)
        with self.transaction() as session:
            event = _load(session, event_id)
            _check_parent(session, values["parent_id"], event_id)
            for key, value in values.items():
                # Assign only real changes so the outbox carries only the fields that changed.
                if getattr(event, key) != value:
                    setattr(event, key, value)
            session.flush()
            return view_of(event, Changed.of("events"))

    def get(self, event_id: str) -> EventView:
        with self.reader() as session:
            return view_of(_load(session, event_id))

    def list(self, include_past: bool = True, at: dt.datetime | None = None) -> builtins.list[EventView]:
        """Top-level events by start time (opportunities are listed by `opportunities`)."""
        query = select(Event).where(Event.deleted.is_(False), Event.parent_id.is_(None))
        if not include_past:
            query = query.where(Event.ends_at >= (at or dates.now()))
        with self.reader() as session:
            return [view_of(e) for e in session.scalars(query.order_by(Event.starts_at, Event.id))]

    def running_now(self, at: dt.datetime | None = None) -> EventView | None:
        """The event the desk opens on: the one running now (latest started), else the next today."""
        at = at or dates.now()
        base = select(Event).where(Event.deleted.is_(False), Event.parent_id.is_(None))
        with self.reader() as session:
            running = session.scalars(
                base.where(Event.starts_at <= at, Event.ends_at > at)
                .order_by(Event.starts_at.desc(), Event.id)
                .limit(1)
            ).first()
            if running is not None:
                return view_of(running)
            local = dates.to_local(at)
            end_of_day = (local + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
            upcoming = session.scalars(
                base.where(Event.starts_at > at, Event.starts_at < end_of_day)
                .order_by(Event.starts_at, Event.id)
                .limit(1)
            ).first()
            return view_of(upcoming) if upcoming is not None else None

    def opportunities(self, event_id: str) -> builtins.list[EventView]:
        with self.reader() as session:
            _load(session, event_id)
            query = (
                select(Event)
                .where(Event.parent_id == event_id, Event.deleted.is_(False))
                .order_by(Event.starts_at, Event.id)
            )
            return [view_of(e) for e in session.scalars(query)]

    def tree(self) -> builtins.list[tuple[EventView, builtins.list[EventView]]]:
        """Top-level events by start time, each with its opportunities (the events screen), in one read."""
        query = select(Event).where(Event.deleted.is_(False)).order_by(Event.starts_at, Event.id)
        with self.reader() as session:
            views = [view_of(e) for e in session.scalars(query)]
        children: dict[str, builtins.list[EventView]] = {}
        for view in views:
            if view.parent_id is not None:
                children.setdefault(view.parent_id, []).append(view)
        return [(view, children.get(view.id, [])) for view in views if view.parent_id is None]

    # --- team -----------------------------------------------------------------------------

    @write
    def add_to_team(self, event_id: str, person_id: str, role: str = "coordinator") -> Done:
        require(self.actor, "event.edit")
        with self.transaction() as session:
            _load(session, event_id)
            _person(session, person_id)
            existing = session.scalars(
                select(EventTeam).where(EventTeam.event_id == event_id, EventTeam.person_id == person_id)
            ).first()
            if existing is None:
                session.add(EventTeam(event_id=event_id, person_id=person_id, role=role))
            else:
                if existing.deleted:
                    existing.deleted = False
                if existing.role != role:
                    existing.role = role
        return Done(Changed.of("events"))

    @write
    def remove_from_team(self, event_id: str, person_id: str) -> Done:
        require(self.actor, "event.edit")
        with self.transaction() as session:
            for member in session.scalars(
                select(EventTeam).where(
                    EventTeam.event_id == event_id,
                    EventTeam.person_id == person_id,
                    EventTeam.deleted.is_(False),
                )
            ):
                member.deleted = True  # tombstone: never delete a synced row
        return Done(Changed.of("events"))

    def team(self, event_id: str) -> builtins.list[TeamMember]:
        query = (
            select(EventTeam.person_id, Person.full_name, EventTeam.role)
            .join(Person, Person.id == EventTeam.person_id)
            .where(EventTeam.event_id == event_id, EventTeam.deleted.is_(False))
            .order_by(Person.full_name)
        )
        with self.reader() as session:
            return [TeamMember(*row) for row in session.execute(query)]

    # --- registrations --------------------------------------------------------------------

    @write
    def register(self, event_id: str, person_id: str, source: str = "manual") -> RegistrationResult:
        """Register one person (idempotent: registering twice changes nothing)."""
        return self._register(event_id, [person_id], source)

    @write
    def register_many(
        self, event_id: str, person_ids: Iterable[str], source: str = "import"
    ) -> RegistrationResult:
        return self._register(event_id, person_ids, source)

    def _register(self, event_id: str, person_ids: Iterable[str], source: str) -> RegistrationResult:
        if source not in REGISTRATION_SOURCES:
            raise ValidationError("event.registration_source", field="source", value=source)
        require(self.actor, "walk_in" if source == "walk_in" else "roster.edit")
        wanted = list(dict.fromkeys(person_ids))
        audit_note = f"register {len(wanted)} for event {event_id}" if len(wanted) > 1 else None
        with self.transaction(bulk_audit=audit_note) as session:
            created = register_in(session, event_id, wanted, source)
        return RegistrationResult(created, Changed.of("events", "registrations") if created else Changed())

    @write
    def unregister(self, event_id: str, person_id: str) -> Done:
        require(self.actor, "roster.edit")
        with self.transaction() as session:
            for reg in session.scalars(
                select(Registration).where(
                    Registration.event_id == event_id,
                    Registration.person_id == person_id,
                    Registration.deleted.is_(False),
                )
            ):
                reg.deleted = True
        return Done(Changed.of("events", "registrations"))

    def is_registered(self, event_id: str, person_id: str) -> bool:
        with self.reader() as session:
            return (
                session.scalar(
                    select(Registration.id).where(
                        Registration.event_id == event_id,
                        Registration.person_id == person_id,
                        Registration.deleted.is_(False),
                    )
                )
                is not None
            )

    def registered_ids(self, event_id: str) -> builtins.list[str]:
        with self.reader() as session:
            return list(
                session.scalars(
                    select(Registration.person_id).where(
                        Registration.event_id == event_id, Registration.deleted.is_(False)
                    )
                )
            )


def _load(session: Session, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None or event.deleted:
        raise NotFoundError("event.not_found", field="event_id", id=event_id)
    return event


def _person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError("event.person_not_found", field="person_id", id=person_id)
    return person


def _check_parent(session: Session, parent_id: object, own_id: str | None) -> None:
    if parent_id is None:
        return
    parent = session.get(Event, parent_id)
    if parent is None or parent.deleted or parent_id == own_id:
        raise ValidationError("event.parent_not_found", field="parent_id", id=parent_id)


def register_in(session: Session, event_id: str, person_ids: list[str], source: str) -> int:
    """Register people in an open unit of work (idempotent); returns how many became registered.

    The step shared by register_many() and the composite use cases that register as they go
    (the desk's walk-in: create, register and check in, all in one transaction).
    """
    _load(session, event_id)
    existing = {
        reg.person_id: reg
        for reg in session.scalars(select(Registration).where(Registration.event_id == event_id))
    }
    known: set[str] = set()
    for start in range(0, len(person_ids), 500):  # stay under SQLite's bound-parameter limit
        chunk = person_ids[start : start + 500]
        known.update(
            session.scalars(select(Person.id).where(Person.id.in_(chunk), Person.deleted.is_(False)))
        )
    created = 0
    for person_id in person_ids:
        if person_id not in known:
            raise NotFoundError("event.person_not_found", field="person_id", id=person_id)
        reg = existing.get(person_id)
        if reg is None:
            session.add(Registration(event_id=event_id, person_id=person_id, source=source))
            created += 1
        elif reg.deleted:
            reg.deleted = False
            created += 1
    return created
