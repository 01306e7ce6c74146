"""Hand-overs: checking (the warnings before saving), recording, voiding and listing them.

A hand-over is a fact: it happened, so it is never refused for stock or limits. The screen
asks `check()` first and shows the warnings; `hand_over()` saves the fact with the same
warnings as flags. A mistake is corrected by a Void (supervisor, with a reason), which gives
the stock back because stock is computed from non-voided facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from fieldapp.core import dates
from fieldapp.core import stock as rules
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.core.stock import StockWarning
from fieldapp.core.text import clean_text, fold
from fieldapp.services.contract import Changed, Service, write
from fieldapp.services.gifts.common import (
    HANDOVER_TABLE,
    HandedLine,
    HandoverInput,
    HandoverResult,
    HandoverView,
    add_void,
    aware,
    get_live,
    local_day_start,
    positive,
    reason_text,
    stock_by_type,
    voided_ids,
)
from fieldapp.store.models import Body, Event, GiftType, Handover, Person, Visit, Void

CHANGED = Changed.of("gifts", "stock")


# --- steps in an open unit of work ---------------------------------------------------------


def _validated(session: Session, data: HandoverInput) -> tuple[HandoverInput, GiftType]:
    quantity = positive(data.quantity)
    if bool(data.recipient_person_id) == bool(data.recipient_body_id):
        raise ValidationError("gifts.recipient", field="recipient")
    g = get_live(session, GiftType, data.gift_type_id, "gifts.type_not_found", "gift_type_id")
    if data.recipient_person_id:
        get_live(session, Person, data.recipient_person_id, "gifts.person_not_found", "recipient_person_id")
    else:
        get_live(session, Body, data.recipient_body_id, "gifts.body_not_found", "recipient_body_id")
    if data.event_id:
        get_live(session, Event, data.event_id, "gifts.event_not_found", "event_id")
    if data.visit_id:
        get_live(session, Visit, data.visit_id, "gifts.visit_not_found", "visit_id")
    label = clean_text(data.recipient_label).replace("\n", " ")
    return replace(data, quantity=quantity, recipient_label=label, note=clean_text(data.note)), g


def _already_received(session: Session, data: HandoverInput) -> int:
    """What this recipient already got of this gift in the same visit (else the same event).

    With neither a visit nor an event there is no "same occasion" to repeat in. On a body,
    the label tells recipients apart: the prison director and the prison staff are two.
    """
    if data.visit_id:
        scope = Handover.visit_id == data.visit_id
    elif data.event_id:
        scope = Handover.event_id == data.event_id
    else:
        return 0
    if data.recipient_person_id:
        who = Handover.recipient_person_id == data.recipient_person_id
    else:
        who = Handover.recipient_body_id == data.recipient_body_id
    rows = session.execute(
        select(Handover.quantity, Handover.recipient_label).where(
            Handover.gift_type_id == data.gift_type_id,
            scope,
            who,
            Handover.deleted.is_(False),
            Handover.id.not_in(voided_ids(HANDOVER_TABLE)),
        )
    )
    label = fold(data.recipient_label)
    return sum(qty for qty, lbl in rows if data.recipient_person_id or fold(lbl) == label)


def _warnings(session: Session, data: HandoverInput, g: GiftType) -> list[StockWarning]:
    """Over the stock, over the per-EVENT limit (not for a visit: its gifts are planned), a repeat."""
    stock = stock_by_type(session, [g.id]).get(g.id, 0)
    limit = None if data.visit_id else g.limit_per_recipient_per_event
    return rules.check_handover(stock, data.quantity, limit, _already_received(session, data))


def hand_over_in(session: Session, user_name: str, data: HandoverInput) -> HandoverResult:
    """Record a hand-over in an open unit of work (the step shared by gifts.hand_over and
    visits.hand_over_gift). Never refused for stock or limits (it happened); flagged instead."""
    clean, g = _validated(session, data)
    warnings = _warnings(session, clean, g)
    h = Handover(
        gift_type_id=g.id,
        quantity=clean.quantity,
        recipient_person_id=clean.recipient_person_id,
        recipient_body_id=clean.recipient_body_id,
        recipient_label=clean.recipient_label,
        event_id=clean.event_id,
        visit_id=clean.visit_id,
        at=aware(clean.at),
        handed_by=user_name,
        note=clean.note,
        flags=rules.flags_text(warnings),
    )
    session.add(h)
    session.flush()
    [view] = handover_views(session, select(Handover).where(Handover.id == h.id))
    return HandoverResult(replace(view, changed=CHANGED), tuple(warnings), CHANGED)


def handover_views(session: Session, query: Select) -> list[HandoverView]:
    """HandoverViews of `select(Handover).where(...)`, with names joined in, newest first."""
    voids = (
        select(Void.target_id, func.min(Void.reason).label("reason"))
        .where(Void.target_table == HANDOVER_TABLE, Void.deleted.is_(False))
        .group_by(Void.target_id)
        .subquery()
    )
    rows = session.execute(
        query.add_columns(
            GiftType.name, GiftType.unit, Person.full_name, Body.name, voids.c.target_id, voids.c.reason
        )
        .join(GiftType, GiftType.id == Handover.gift_type_id)
        .outerjoin(Person, Person.id == Handover.recipient_person_id)
        .outerjoin(Body, Body.id == Handover.recipient_body_id)
        .outerjoin(voids, voids.c.target_id == Handover.id)
        .where(Handover.deleted.is_(False))
        .order_by(Handover.at.desc(), Handover.id.desc())
    )
    return [
        HandoverView(
            id=h.id,
            gift_type_id=h.gift_type_id,
            gift_name=gift_name,
            unit=unit,
            quantity=h.quantity,
            recipient_person_id=h.recipient_person_id,
            recipient_body_id=h.recipient_body_id,
            recipient_name=person_name or body_name or "",
            recipient_label=h.recipient_label,
            event_id=h.event_id,
            visit_id=h.visit_id,
            at=dates.to_local(h.at),
            handed_by=h.handed_by,
            note=h.note,
            flags=rules.parse_flags(h.flags),
            voided=void_target is not None,
            void_reason=void_reason or "",
        )
        for h, gift_name, unit, person_name, body_name, void_target, void_reason in rows
    ]


def handed_summary(
    session: Session, event_id: str | None = None, visit_ids: Iterable[str] | None = None
) -> dict[str, list[HandedLine]]:
    """Per visit (or for the one event), the quantities handed per gift type, voids excluded.

    Shared with the visits service so a list of visits is summarised in one query.
    """
    key = Handover.visit_id if visit_ids is not None else Handover.event_id
    query = (
        select(key, GiftType.id, GiftType.name, GiftType.unit, func.sum(Handover.quantity), func.count())
        .join(GiftType, GiftType.id == Handover.gift_type_id)
        .where(Handover.deleted.is_(False), Handover.id.not_in(voided_ids(HANDOVER_TABLE)))
        .group_by(key, GiftType.id, GiftType.name, GiftType.unit)
        .order_by(GiftType.name)
    )
    if visit_ids is not None:
        query = query.where(Handover.visit_id.in_(list(visit_ids)))
    else:
        query = query.where(Handover.event_id == event_id)
    out: dict[str, list[HandedLine]] = {}
    for owner, type_id, name, unit, qty, count in session.execute(query):
        out.setdefault(owner, []).append(HandedLine(type_id, name, unit, int(qty), int(count)))
    return out


# --- the service ---------------------------------------------------------------------------


class HandoversService(Service):
    """The hand-over half of GiftsService (services.gifts)."""

    def check(self, data: HandoverInput) -> list[StockWarning]:
        """What the screen shows BEFORE saving: overdrawn, over the limit, a repeat."""
        with self.reader() as session:
            clean, g = _validated(session, data)
            return _warnings(session, clean, g)

    @write
    def hand_over(self, data: HandoverInput) -> HandoverResult:
        """Record a hand-over. Never refused for stock or limits (it happened); flagged instead."""
        require(self.actor, "handover")
        with self.transaction() as session:
            return hand_over_in(session, self.actor.user_name, data)

    @write
    def void(self, handover_id: str, reason: str) -> HandoverView:
        """Void a hand-over entered by mistake: supervisor, with a reason; the stock comes back."""
        require(self.actor, "void")
        text = reason_text(reason)
        with self.transaction() as session:
            h = get_live(session, Handover, handover_id, "gifts.handover_not_found", "handover_id")
            add_void(session, HANDOVER_TABLE, h.id, text, self.actor.user_name)
            [view] = handover_views(session, select(Handover).where(Handover.id == h.id))
        return replace(view, changed=CHANGED)

    def get(self, handover_id: str) -> HandoverView:
        with self.reader() as session:
            views = handover_views(session, select(Handover).where(Handover.id == handover_id))
        if not views:
            raise NotFoundError("gifts.handover_not_found", field="handover_id")
        return views[0]

    def log(
        self,
        event_id: str | None = None,
        visit_id: str | None = None,
        person_id: str | None = None,
        body_id: str | None = None,
        gift_type_id: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        include_voided: bool = False,
    ) -> list[HandoverView]:
        """Hand-overs, newest first. Dates are local (Riyadh) days, both ends included."""
        query = select(Handover)
        if event_id:
            query = query.where(Handover.event_id == event_id)
        if visit_id:
            query = query.where(Handover.visit_id == visit_id)
        if person_id:
            query = query.where(Handover.recipient_person_id == person_id)
        if body_id:
            query = query.where(Handover.recipient_body_id == body_id)
        if gift_type_id:
            query = query.where(Handover.gift_type_id == gift_type_id)
        if date_from:
            query = query.where(Handover.at >= local_day_start(date_from))
        if date_to:
            query = query.where(Handover.at < local_day_start(date_to + dt.timedelta(days=1)))
        if not include_voided:
            query = query.where(Handover.id.not_in(voided_ids(HANDOVER_TABLE)))
        with self.reader() as session:
            return handover_views(session, query)

    def handed_count(self, event_id: str) -> int:
        """How many hand-overs (not voided) an event has seen; units differ, so not a sum of items."""
        with self.reader() as session:
            return (
                session.scalar(
                    select(func.count()).where(
                        Handover.event_id == event_id,
                        Handover.deleted.is_(False),
                        Handover.id.not_in(voided_ids(HANDOVER_TABLE)),
                    )
                )
                or 0
            )

    def handed_summary(self, event_id: str | None = None, visit_id: str | None = None) -> list[HandedLine]:
        """Quantities handed per gift type (not voided) in an event or a visit."""
        with self.reader() as session:
            return handed_summary(session, event_id=event_id, visit_ids=[visit_id] if visit_id else None).get(
                visit_id or event_id or "", []
            )
