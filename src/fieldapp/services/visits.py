"""Site visits: which team visits which body when, with which gifts, and what came of it.

A double-booked team member is shown before saving (`check_clashes`) and carried on the view
after; it is not refused: the coordinator may know the other visit will move.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core import visits as rules
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.core.text import clean_text
from fieldapp.core.visits import saudi_week_start
from fieldapp.services.contract import Changed, Service, write
from fieldapp.services.gifts import (
    HandedLine,
    HandoverInput,
    HandoverResult,
    hand_over_in,
    handed_summary,
    local_day_start,
)
from fieldapp.store.models import Body, Event, GiftType, Person, Visit, VisitGift, VisitMember

i18n.register(
    {
        "visits.not_found": ("الزيارة غير موجودة.", "The visit does not exist."),
        "visits.body_not_found": ("الجهة المزارة غير موجودة.", "The body to visit does not exist."),
        "visits.person_not_found": (
            "عضو الفريق غير موجود ({person_id}).",
            "A team member does not exist ({person_id}).",
        ),
        "visits.gift_not_found": (
            "نوع الهدية المخطط غير موجود ({gift_type_id}).",
            "A planned gift type does not exist ({gift_type_id}).",
        ),
        "visits.event_not_found": ("الفعالية غير موجودة.", "The event does not exist."),
        "visits.times": (
            "نهاية الزيارة ({end}) يجب أن تكون بعد بدايتها ({start}).",
            "The visit must end ({end}) after it starts ({start}).",
        ),
        "visits.gift_quantity": (
            "كمية الهدية المخططة يجب أن تكون عددًا صحيحًا أكبر من صفر (المدخل: {value}).",
            "A planned gift quantity must be a whole number greater than zero (got {value}).",
        ),
        "visits.reason_required": (
            "اكتب سبب الإلغاء؛ يُحفظ مع الزيارة.",
            "Enter the reason for cancelling; it is kept with the visit.",
        ),
    }
)

_EDIT = "visit.edit"
_CHANGED = Changed.of("visits")


# --- dataclasses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedGift:
    gift_type_id: str
    quantity: int = 1


@dataclass(frozen=True)
class VisitInput:
    body_id: str
    title: str
    planned_start: dt.datetime  # aware; a naive time is taken as Riyadh wall-clock time
    planned_end: dt.datetime
    team: tuple[str, ...] = ()  # person ids
    gifts: tuple[PlannedGift, ...] = ()
    event_id: str | None = None


@dataclass(frozen=True)
class BodyRef:
    id: str
    name: str
    type: str


@dataclass(frozen=True)
class PersonRef:
    id: str
    name: str


@dataclass(frozen=True)
class PlannedGiftView:
    gift_type_id: str
    gift_name: str
    unit: str
    quantity: int


@dataclass(frozen=True)
class Clash:
    """`person` is also booked on `other_visit_id` (at `other_body_name`) at an overlapping time."""

    person_id: str
    person_name: str
    other_visit_id: str
    other_title: str
    other_body_name: str
    other_start: dt.datetime  # local
    other_end: dt.datetime  # local
    person_gender: str | None = None  # 'm' | 'f': «لديه» / «لديها»


@dataclass(frozen=True)
class VisitView:
    id: str
    body: BodyRef
    title: str
    planned_start: dt.datetime  # local (Asia/Riyadh)
    planned_end: dt.datetime
    status: str
    team: tuple[PersonRef, ...]
    planned_gifts: tuple[PlannedGiftView, ...]
    handed_gifts: tuple[HandedLine, ...]
    outcome_notes: str
    clashes: tuple[Clash, ...]
    event_id: str | None = None
    started_at: dt.datetime | None = None  # local
    completed_at: dt.datetime | None = None
    changed: Changed = field(default_factory=Changed, compare=False)  # set on writes

    @property
    def has_clash(self) -> bool:
        return bool(self.clashes)

    def status_label(self, lang: str | None = None) -> str:
        return rules.status_label(self.status, lang)


# --- helpers -------------------------------------------------------------------------------


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dates.APP_TZ)


def _local(value: dt.datetime | None) -> dt.datetime | None:
    return dates.to_local(value) if value is not None else None


def _live(session: Session, model: type, row_id: str | None, key: str, field_name: str, **params: object):
    row = session.get(model, row_id) if row_id else None
    if row is None or row.deleted:
        raise NotFoundError(key, field=field_name, **params)
    return row


@dataclass(frozen=True)
class _Clean:
    body_id: str
    title: str
    start: dt.datetime
    end: dt.datetime
    team: tuple[str, ...]
    gifts: dict[str, int]
    event_id: str | None


def _clean_times(data: VisitInput) -> tuple[dt.datetime, dt.datetime]:
    start, end = _aware(data.planned_start), _aware(data.planned_end)
    if end <= start:
        raise ValidationError(
            "visits.times",
            field="planned_end",
            start=dates.format_datetime(start, i18n.language()),
            end=dates.format_datetime(end, i18n.language()),
        )
    return start, end


def _validated(session: Session, data: VisitInput) -> _Clean:
    start, end = _clean_times(data)
    _live(session, Body, data.body_id, "visits.body_not_found", "body_id")
    team = tuple(dict.fromkeys(data.team))  # the same person twice is one member
    for person_id in team:
        _live(session, Person, person_id, "visits.person_not_found", "team", person_id=person_id)
    gifts: dict[str, int] = {}
    for g in data.gifts:
        planned = g if isinstance(g, PlannedGift) else PlannedGift(*g)
        qty = planned.quantity
        if isinstance(qty, bool) or not isinstance(qty, int) or qty <= 0:
            raise ValidationError("visits.gift_quantity", field="gifts", value=qty)
        _live(
            session,
            GiftType,
            planned.gift_type_id,
            "visits.gift_not_found",
            "gifts",
            gift_type_id=planned.gift_type_id,
        )
        gifts[planned.gift_type_id] = gifts.get(planned.gift_type_id, 0) + qty  # two lines, one gift
    if data.event_id:
        _live(session, Event, data.event_id, "visits.event_not_found", "event_id")
    return _Clean(data.body_id, clean_text(data.title), start, end, team, gifts, data.event_id or None)


def _members(session: Session, visit_ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Live members per visit: (person id, name), by name."""
    out: dict[str, list[tuple[str, str]]] = {}
    rows = session.execute(
        select(VisitMember.visit_id, Person.id, Person.full_name)
        .join(Person, Person.id == VisitMember.person_id)
        .where(VisitMember.visit_id.in_(list(visit_ids)), VisitMember.deleted.is_(False))
        .order_by(Person.full_name)
    )
    for visit_id, person_id, name in rows:
        out.setdefault(visit_id, []).append((person_id, name))
    return out


def _slots_between(
    session: Session, start: dt.datetime, end: dt.datetime
) -> list[tuple[Visit, rules.VisitSlot]]:
    """Visits that hold their team's time and overlap [start, end), with their live team."""
    visits = list(
        session.scalars(
            select(Visit).where(
                Visit.deleted.is_(False),
                Visit.status.not_in(rules.INACTIVE),
                Visit.planned_start < end,
                Visit.planned_end > start,
            )
        )
    )
    members = _members(session, [v.id for v in visits])
    return [
        (
            v,
            rules.VisitSlot(
                v.id,
                v.planned_start,
                v.planned_end,
                v.status,
                frozenset(pid for pid, _ in members.get(v.id, [])),
            ),
        )
        for v in visits
    ]


def _clash_views(session: Session, clashes: list[rules.Clash], others: dict[str, Visit]) -> tuple[Clash, ...]:
    if not clashes:
        return ()
    people = {
        pid: (name, gender)
        for pid, name, gender in session.execute(
            select(Person.id, Person.full_name, Person.gender).where(
                Person.id.in_({c.person_id for c in clashes})
            )
        )
    }
    bodies = dict(
        session.execute(
            select(Body.id, Body.name).where(Body.id.in_({others[c.other_visit_id].body_id for c in clashes}))
        ).all()
    )
    return tuple(
        Clash(
            c.person_id,
            people.get(c.person_id, ("", None))[0],
            c.other_visit_id,
            others[c.other_visit_id].title,
            bodies.get(others[c.other_visit_id].body_id, ""),
            dates.to_local(c.other_start),
            dates.to_local(c.other_end),
            people.get(c.person_id, ("", None))[1],
        )
        for c in clashes
    )


def _views(session: Session, visits: list[Visit]) -> list[VisitView]:
    """Views of many visits with a handful of queries (bodies, teams, gifts, hand-overs, clashes)."""
    if not visits:
        return []
    ids = [v.id for v in visits]
    bodies = {
        b.id: BodyRef(b.id, b.name, b.type)
        for b in session.scalars(select(Body).where(Body.id.in_({v.body_id for v in visits})))
    }
    members = _members(session, ids)
    planned: dict[str, list[PlannedGiftView]] = {}
    for visit_id, type_id, name, unit, qty in session.execute(
        select(VisitGift.visit_id, GiftType.id, GiftType.name, GiftType.unit, VisitGift.quantity)
        .join(GiftType, GiftType.id == VisitGift.gift_type_id)
        .where(VisitGift.visit_id.in_(ids), VisitGift.deleted.is_(False))
        .order_by(GiftType.name)
    ):
        planned.setdefault(visit_id, []).append(PlannedGiftView(type_id, name, unit, qty))
    handed = handed_summary(session, visit_ids=ids)
    live = [v for v in visits if not v.deleted and v.status not in rules.INACTIVE]
    clashes: dict[str, tuple[Clash, ...]] = {}
    if live:
        slots = _slots_between(session, min(v.planned_start for v in live), max(v.planned_end for v in live))
        by_id = {v.id: v for v, _ in slots}
        slot_of = {slot.visit_id: slot for _, slot in slots}
        for v in live:
            own = slot_of.get(v.id)
            if own is not None:
                found = rules.find_clashes(own, (slot for _, slot in slots))
                clashes[v.id] = _clash_views(session, found, by_id)
    return [
        VisitView(
            id=v.id,
            body=bodies.get(v.body_id, BodyRef(v.body_id, "", "")),
            title=v.title,
            planned_start=dates.to_local(v.planned_start),
            planned_end=dates.to_local(v.planned_end),
            status=v.status,
            team=tuple(PersonRef(pid, name) for pid, name in members.get(v.id, [])),
            planned_gifts=tuple(planned.get(v.id, [])),
            handed_gifts=tuple(handed.get(v.id, [])),
            outcome_notes=v.outcome_notes,
            clashes=clashes.get(v.id, ()),
            event_id=v.event_id,
            started_at=_local(v.started_at),
            completed_at=_local(v.completed_at),
        )
        for v in visits
    ]


class VisitsService(Service):
    # --- planning -------------------------------------------------------------------------

    def check_clashes(self, data: VisitInput, visit_id: str | None = None) -> list[Clash]:
        """Team members already booked at an overlapping time (shown BEFORE saving)."""
        start, end = _clean_times(data)
        candidate = rules.VisitSlot(visit_id, start, end, rules.PLANNED, frozenset(data.team))
        with self.reader() as session:
            slots = _slots_between(session, start, end)
            found = rules.find_clashes(candidate, (slot for _, slot in slots))
            return list(_clash_views(session, found, {v.id: v for v, _ in slots}))

    @write
    def create(self, data: VisitInput) -> VisitView:
        require(self.actor, _EDIT)
        with self.transaction() as session:
            clean = _validated(session, data)
            visit = Visit(
                body_id=clean.body_id,
                title=clean.title,
                planned_start=clean.start,
                planned_end=clean.end,
                status=rules.PLANNED,
                event_id=clean.event_id,
            )
            session.add(visit)
            session.flush()
            session.add_all(VisitMember(visit_id=visit.id, person_id=pid) for pid in clean.team)
            session.add_all(
                VisitGift(visit_id=visit.id, gift_type_id=g, quantity=q) for g, q in clean.gifts.items()
            )
            session.flush()
            [view] = _views(session, [visit])
        return replace(view, changed=_CHANGED)

    @write
    def update(self, visit_id: str, data: VisitInput) -> VisitView:
        """Change a visit; removed team members and gifts become tombstones, new ones are added."""
        require(self.actor, _EDIT)
        with self.transaction() as session:
            visit = _live(session, Visit, visit_id, "visits.not_found", "visit_id")
            clean = _validated(session, data)
            visit.body_id = clean.body_id
            visit.title = clean.title
            visit.planned_start = clean.start
            visit.planned_end = clean.end
            visit.event_id = clean.event_id
            current_members = {
                m.person_id: m
                for m in session.scalars(
                    select(VisitMember).where(
                        VisitMember.visit_id == visit.id, VisitMember.deleted.is_(False)
                    )
                )
            }
            for person_id, member in current_members.items():
                if person_id not in clean.team:
                    member.deleted = True
            session.add_all(
                VisitMember(visit_id=visit.id, person_id=pid)
                for pid in clean.team
                if pid not in current_members
            )
            current_gifts = {
                g.gift_type_id: g
                for g in session.scalars(
                    select(VisitGift).where(VisitGift.visit_id == visit.id, VisitGift.deleted.is_(False))
                )
            }
            for type_id, row in current_gifts.items():
                if type_id not in clean.gifts:
                    row.deleted = True
                elif row.quantity != clean.gifts[type_id]:
                    row.quantity = clean.gifts[type_id]
            session.add_all(
                VisitGift(visit_id=visit.id, gift_type_id=g, quantity=q)
                for g, q in clean.gifts.items()
                if g not in current_gifts
            )
            session.flush()
            [view] = _views(session, [visit])
        return replace(view, changed=_CHANGED)

    # --- status ---------------------------------------------------------------------------

    def _move(self, visit_id: str, target: str, **values: object) -> VisitView:
        require(self.actor, _EDIT)
        with self.transaction() as session:
            visit = _live(session, Visit, visit_id, "visits.not_found", "visit_id")
            rules.ensure_transition(visit.status, target)
            visit.status = target
            for key, value in values.items():
                setattr(visit, key, value)
            session.flush()
            [view] = _views(session, [visit])
        return replace(view, changed=_CHANGED)

    @write
    def start(self, visit_id: str) -> VisitView:
        return self._move(visit_id, rules.IN_PROGRESS, started_at=dates.now())

    @write
    def complete(self, visit_id: str, outcome_notes: str = "") -> VisitView:
        return self._move(
            visit_id, rules.DONE, completed_at=dates.now(), outcome_notes=clean_text(outcome_notes)
        )

    @write
    def cancel(self, visit_id: str, reason: str) -> VisitView:
        """Cancel a planned visit; the reason is kept as its outcome notes."""
        text = clean_text(reason)
        if not text:
            raise ValidationError("visits.reason_required", field="reason")
        return self._move(visit_id, rules.CANCELLED, outcome_notes=text)

    @write
    def mark_missed(self, visit_id: str) -> VisitView:
        return self._move(visit_id, rules.MISSED)

    # --- reading --------------------------------------------------------------------------

    def get(self, visit_id: str) -> VisitView:
        with self.reader() as session:
            visit = _live(session, Visit, visit_id, "visits.not_found", "visit_id")
            return _views(session, [visit])[0]

    def list(
        self, status: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> list[VisitView]:
        """Visits overlapping the local (Riyadh) days from..to (both included), by planned start."""
        query = select(Visit).where(Visit.deleted.is_(False))
        if status:
            query = query.where(Visit.status == status)
        if date_from:
            query = query.where(Visit.planned_end > local_day_start(date_from))
        if date_to:
            query = query.where(Visit.planned_start < local_day_start(date_to + dt.timedelta(days=1)))
        with self.reader() as session:
            return _views(session, list(session.scalars(query.order_by(Visit.planned_start, Visit.id))))

    def agenda(self, day: dt.date) -> list[VisitView]:
        """The visits of one local day (any status: a cancelled visit still shows, struck out)."""
        return self.list(date_from=day, date_to=day)

    def week(self, start: dt.date) -> dict[dt.date, list[VisitView]]:
        """Sunday to Saturday of the week holding `start`: each day with the visits overlapping it."""
        sunday = saudi_week_start(start)
        days = [sunday + dt.timedelta(days=i) for i in range(7)]
        visits = self.list(date_from=days[0], date_to=days[-1])
        out: dict[dt.date, list[VisitView]] = {}
        for day in days:
            begin, end = local_day_start(day), local_day_start(day + dt.timedelta(days=1))
            out[day] = [v for v in visits if v.planned_start < end and v.planned_end > begin]
        return out

    # --- gifts ----------------------------------------------------------------------------

    @write
    def hand_over_gift(self, visit_id: str, data: HandoverInput) -> HandoverResult:
        """A gift handed over during a visit (to the body, e.g. «مدير السجن», or to a person).

        One unit of work: the visit is read and the hand-over saved together (on the visit's event
        unless the form names one)."""
        require(self.actor, "handover")
        with self.transaction() as session:
            visit = _live(session, Visit, visit_id, "visits.not_found", "visit_id")
            event_id = data.event_id or visit.event_id
            return hand_over_in(
                session, self.actor.user_name, replace(data, visit_id=visit_id, event_id=event_id)
            )
