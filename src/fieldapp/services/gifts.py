"""Gift types, stock (a ledger of receipts, adjustments and hand-overs) and hand-overs.

A hand-over is a fact: it happened, so it is never refused for stock or limits. The screen
asks `check()` first and shows the warnings; `hand_over()` saves the fact with the same
warnings as flags. A mistake is corrected by a Void (supervisor, with a reason), which gives
the stock back because stock is computed from non-voided facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core import stock as rules
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.permissions import require
from fieldapp.core.stock import StockWarning
from fieldapp.core.text import clean_name, clean_text, fold
from fieldapp.services import Changed, Services
from fieldapp.store.models import Body, Event, GiftType, Handover, Person, StockEntry, Visit, Void

i18n.register(
    {
        "gifts.type_not_found": ("نوع الهدية غير موجود.", "The gift type does not exist."),
        "gifts.handover_not_found": ("التسليم غير موجود.", "The hand-over does not exist."),
        "gifts.entry_not_found": ("قيد المخزون غير موجود.", "The stock entry does not exist."),
        "gifts.person_not_found": ("المستلم غير موجود.", "The recipient person does not exist."),
        "gifts.body_not_found": ("الجهة المستلمة غير موجودة.", "The recipient body does not exist."),
        "gifts.event_not_found": ("الفعالية غير موجودة.", "The event does not exist."),
        "gifts.visit_not_found": ("الزيارة غير موجودة.", "The visit does not exist."),
        "gifts.quantity": (
            "الكمية يجب أن تكون عددًا صحيحًا أكبر من صفر (المدخل: {value}).",
            "The quantity must be a whole number greater than zero (got {value}).",
        ),
        "gifts.delta": (
            "مقدار التسوية يجب أن يكون عددًا صحيحًا غير الصفر، موجبًا للزيادة وسالبًا للنقص (المدخل: {value}).",
            "The adjustment must be a whole number other than zero: positive to add, negative to "
            "remove (got {value}).",
        ),
        "gifts.recipient": (
            "حدّد مستلمًا واحدًا: شخصًا أو جهة، لا كليهما ولا أيًّا منهما.",
            "Choose exactly one recipient: a person or a body, not both and not neither.",
        ),
        "gifts.reason_required": (
            "اكتب السبب؛ يُحفظ في السجل مع اسمك.",
            "Enter a reason; it is kept in the log with your name.",
        ),
        "gifts.already_voided": ("هذا القيد ملغى من قبل.", "This entry is already voided."),
        "gifts.limit": (
            "حد التسليم لكل مستلم يجب أن يكون عددًا صحيحًا أكبر من صفر أو فارغًا لعدم التحديد (المدخل: {value}).",
            "The limit per recipient must be a whole number greater than zero, or empty for no "
            "limit (got {value}).",
        ),
        "gifts.threshold": (
            "حد تنبيه المخزون يجب أن يكون صفرًا أو أكثر (المدخل: {value}).",
            "The low-stock threshold must be zero or more (got {value}).",
        ),
    }
)

_HANDOVER_TABLE = Handover.__tablename__
_STOCK_TABLE = StockEntry.__tablename__


# --- dataclasses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GiftTypeInput:
    name: str
    unit: str = "قطعة"
    limit_per_recipient_per_event: int | None = None
    low_stock_threshold: int = 0
    active: bool = True
    notes: str = ""


@dataclass(frozen=True)
class GiftTypeView:
    id: str
    name: str
    unit: str
    limit_per_recipient_per_event: int | None
    low_stock_threshold: int
    stock: int
    low: bool
    active: bool = True
    notes: str = ""
    changed: Changed | None = field(default=None, compare=False)  # set on writes


@dataclass(frozen=True)
class HandoverInput:
    gift_type_id: str
    quantity: int
    recipient_person_id: str | None = None
    recipient_body_id: str | None = None
    recipient_label: str = ""  # e.g. «مدير السجن» when the recipient is a body
    event_id: str | None = None
    visit_id: str | None = None
    note: str = ""
    at: dt.datetime | None = None  # None: now (a paper log typed in later may give the real time)


@dataclass(frozen=True)
class HandoverView:
    id: str
    gift_type_id: str
    gift_name: str
    unit: str
    quantity: int
    recipient_person_id: str | None
    recipient_body_id: str | None
    recipient_name: str
    recipient_label: str
    event_id: str | None
    visit_id: str | None
    at: dt.datetime  # local (Asia/Riyadh)
    handed_by: str
    note: str
    flags: tuple[str, ...]
    voided: bool
    void_reason: str = ""
    changed: Changed | None = field(default=None, compare=False)

    @property
    def recipient_display(self) -> str:
        return (
            f"{self.recipient_name} — {self.recipient_label}" if self.recipient_label else self.recipient_name
        )


@dataclass(frozen=True)
class HandoverResult:
    handover: HandoverView
    warnings: tuple[StockWarning, ...]
    changed: Changed


@dataclass(frozen=True)
class LedgerLine:
    at: dt.datetime  # local
    kind: str  # receipt | adjustment | handover | void
    delta: int
    balance: int
    detail: str  # reason, recipient, or the void's reason
    user_name: str
    ref_id: str  # the stock entry, hand-over or void row
    voided: bool  # this line was voided later (its void is its own line)


@dataclass(frozen=True)
class HandedLine:
    gift_type_id: str
    gift_name: str
    unit: str
    quantity: int
    handovers: int


# --- helpers -------------------------------------------------------------------------------


def local_day_start(day: dt.date) -> dt.datetime:
    """Midnight in Riyadh of a local date, as an aware datetime (compare with stored UTC)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dates.APP_TZ)


def _voided_ids(table: str) -> Select:
    return select(Void.target_id).where(Void.target_table == table, Void.deleted.is_(False))


def _whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _positive(value: object, key: str = "gifts.quantity", field_name: str = "quantity") -> int:
    n = _whole(value)
    if n is None or n <= 0:
        raise ValidationError(key, field=field_name, value=value)
    return n


def _reason(reason: str | None) -> str:
    text = clean_text(reason)
    if not text:
        raise ValidationError("gifts.reason_required", field="reason")
    return text


def _aware(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return dates.now()
    # A naive time from a form is a Riyadh wall-clock time.
    return at if at.tzinfo else at.replace(tzinfo=dates.APP_TZ)


def _get_live(s: Session, model: type, row_id: str | None, key: str, field_name: str):
    row = s.get(model, row_id) if row_id else None
    if row is None or row.deleted:
        raise NotFoundError(key, field=field_name)
    return row


def _stock_by_type(s: Session, gift_type_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Current stock per gift type, from the ledger of non-voided facts."""
    received = select(StockEntry.gift_type_id, func.sum(StockEntry.quantity)).where(
        StockEntry.deleted.is_(False), StockEntry.id.not_in(_voided_ids(_STOCK_TABLE))
    )
    handed = select(Handover.gift_type_id, func.sum(Handover.quantity)).where(
        Handover.deleted.is_(False), Handover.id.not_in(_voided_ids(_HANDOVER_TABLE))
    )
    if gift_type_ids is not None:
        ids = list(gift_type_ids)
        received = received.where(StockEntry.gift_type_id.in_(ids))
        handed = handed.where(Handover.gift_type_id.in_(ids))
    totals: dict[str, int] = {}
    for type_id, qty in s.execute(received.group_by(StockEntry.gift_type_id)):
        totals[type_id] = totals.get(type_id, 0) + int(qty or 0)
    for type_id, qty in s.execute(handed.group_by(Handover.gift_type_id)):
        totals[type_id] = totals.get(type_id, 0) - int(qty or 0)
    return totals


def _type_view(g: GiftType, stock: int) -> GiftTypeView:
    return GiftTypeView(
        g.id,
        g.name,
        g.unit,
        g.limit_per_recipient_per_event,
        g.low_stock_threshold,
        stock,
        rules.is_low(stock, g.low_stock_threshold),
        g.active,
        g.notes,
    )


class GiftsService:
    def __init__(self, services: Services) -> None:
        self.s = services

    # --- gift types -----------------------------------------------------------------------

    @staticmethod
    def _apply_type(g: GiftType, data: GiftTypeInput) -> None:
        limit = data.limit_per_recipient_per_event
        if limit is not None:
            limit = _positive(limit, "gifts.limit", "limit_per_recipient_per_event")
        threshold = _whole(data.low_stock_threshold)
        if threshold is None or threshold < 0:
            raise ValidationError(
                "gifts.threshold", field="low_stock_threshold", value=data.low_stock_threshold
            )
        g.name = clean_name(data.name, field="name")
        g.unit = clean_name(data.unit or "قطعة", field="unit")
        g.limit_per_recipient_per_event = limit
        g.low_stock_threshold = threshold
        g.active = bool(data.active)
        g.notes = clean_text(data.notes)

    def create_type(self, data: GiftTypeInput) -> GiftTypeView:
        # Coordinators in the field meet new kinds of gifts; defining one is not a stock change.
        require(self.s.actor, "handover")
        g = GiftType()
        self._apply_type(g, data)
        with self.s.store.session(self.s.actor.user_name) as s:
            s.add(g)
            s.flush()
            view = _type_view(g, 0)
        return replace(view, changed=Changed.of("gifts", "stock"))

    def update_type(self, gift_type_id: str, data: GiftTypeInput) -> GiftTypeView:
        require(self.s.actor, "handover")
        with self.s.store.session(self.s.actor.user_name) as s:
            g = _get_live(s, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            self._apply_type(g, data)
            s.flush()
            view = _type_view(g, _stock_by_type(s, [g.id]).get(g.id, 0))
        return replace(view, changed=Changed.of("gifts", "stock"))

    def get_type(self, gift_type_id: str) -> GiftTypeView:
        with self.s.store.reader() as r:
            g = _get_live(r, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            return _type_view(g, _stock_by_type(r, [g.id]).get(g.id, 0))

    def list_types(self, include_inactive: bool = False) -> list[GiftTypeView]:
        query = select(GiftType).where(GiftType.deleted.is_(False))
        if not include_inactive:
            query = query.where(GiftType.active.is_(True))
        with self.s.store.reader() as r:
            stock = _stock_by_type(r)
            return [_type_view(g, stock.get(g.id, 0)) for g in r.scalars(query.order_by(GiftType.name))]

    def stock_summary(self) -> list[GiftTypeView]:
        """Every active gift type with its stock and low mark (the stock screen)."""
        return self.list_types()

    # --- stock movements ------------------------------------------------------------------

    def _stock_entry(self, gift_type_id: str, kind: str, quantity: int, reason: str) -> GiftTypeView:
        with self.s.store.session(self.s.actor.user_name) as s:
            g = _get_live(s, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            s.add(
                StockEntry(
                    gift_type_id=g.id,
                    kind=kind,
                    quantity=quantity,
                    reason=reason,
                    at=dates.now(),
                    user_name=self.s.actor.user_name,
                )
            )
            s.flush()
            view = _type_view(g, _stock_by_type(s, [g.id]).get(g.id, 0))
        return replace(view, changed=Changed.of("stock"))

    def receive(self, gift_type_id: str, quantity: int, reason: str = "") -> GiftTypeView:
        """Goods received into stock (a delivery, a donation)."""
        require(self.s.actor, "handover")
        return self._stock_entry(gift_type_id, rules.RECEIPT, _positive(quantity), clean_text(reason))

    def adjust(self, gift_type_id: str, delta: int, reason: str) -> GiftTypeView:
        """A counted correction (+ found, - broken or missing): supervisor, with a reason."""
        require(self.s.actor, "stock.adjust")
        n = _whole(delta)
        if n is None or n == 0:
            raise ValidationError("gifts.delta", field="delta", value=delta)
        return self._stock_entry(gift_type_id, rules.ADJUSTMENT, n, _reason(reason))

    def void_stock_entry(self, entry_id: str, reason: str) -> GiftTypeView:
        """Void a mistaken receipt or adjustment (e.g. typed 500 for 50)."""
        require(self.s.actor, "void")
        text = _reason(reason)
        with self.s.store.session(self.s.actor.user_name) as s:
            entry = _get_live(s, StockEntry, entry_id, "gifts.entry_not_found", "entry_id")
            self._add_void(s, _STOCK_TABLE, entry.id, text)
            g = s.get(GiftType, entry.gift_type_id)
            view = _type_view(g, _stock_by_type(s, [g.id]).get(g.id, 0))
        return replace(view, changed=Changed.of("stock"))

    def _add_void(self, s: Session, table: str, target_id: str, reason: str) -> None:
        already = s.scalar(
            select(Void.id).where(
                Void.target_table == table, Void.target_id == target_id, Void.deleted.is_(False)
            )
        )
        if already:
            raise ValidationError("gifts.already_voided", field="id")
        s.add(
            Void(
                target_table=table,
                target_id=target_id,
                reason=reason,
                at=dates.now(),
                user_name=self.s.actor.user_name,
            )
        )
        s.flush()

    # --- hand-overs -----------------------------------------------------------------------

    def _validated(self, s: Session, data: HandoverInput) -> tuple[HandoverInput, GiftType]:
        quantity = _positive(data.quantity)
        if bool(data.recipient_person_id) == bool(data.recipient_body_id):
            raise ValidationError("gifts.recipient", field="recipient")
        g = _get_live(s, GiftType, data.gift_type_id, "gifts.type_not_found", "gift_type_id")
        if data.recipient_person_id:
            _get_live(s, Person, data.recipient_person_id, "gifts.person_not_found", "recipient_person_id")
        else:
            _get_live(s, Body, data.recipient_body_id, "gifts.body_not_found", "recipient_body_id")
        if data.event_id:
            _get_live(s, Event, data.event_id, "gifts.event_not_found", "event_id")
        if data.visit_id:
            _get_live(s, Visit, data.visit_id, "gifts.visit_not_found", "visit_id")
        label = clean_text(data.recipient_label).replace("\n", " ")
        return replace(data, quantity=quantity, recipient_label=label, note=clean_text(data.note)), g

    @staticmethod
    def _already_received(s: Session, data: HandoverInput) -> int:
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
        rows = s.execute(
            select(Handover.quantity, Handover.recipient_label).where(
                Handover.gift_type_id == data.gift_type_id,
                scope,
                who,
                Handover.deleted.is_(False),
                Handover.id.not_in(_voided_ids(_HANDOVER_TABLE)),
            )
        )
        label = fold(data.recipient_label)
        return sum(qty for qty, lbl in rows if data.recipient_person_id or fold(lbl) == label)

    def _warnings(self, s: Session, data: HandoverInput, g: GiftType) -> list[StockWarning]:
        stock = _stock_by_type(s, [g.id]).get(g.id, 0)
        return rules.check_handover(
            stock, data.quantity, g.limit_per_recipient_per_event, self._already_received(s, data)
        )

    def check(self, data: HandoverInput) -> list[StockWarning]:
        """What the screen shows BEFORE saving: overdrawn, over the limit, a repeat."""
        with self.s.store.reader() as r:
            clean, g = self._validated(r, data)
            return self._warnings(r, clean, g)

    def hand_over(self, data: HandoverInput) -> HandoverResult:
        """Record a hand-over. Never refused for stock or limits (it happened); flagged instead."""
        require(self.s.actor, "handover")
        with self.s.store.session(self.s.actor.user_name) as s:
            clean, g = self._validated(s, data)
            warnings = self._warnings(s, clean, g)
            h = Handover(
                gift_type_id=g.id,
                quantity=clean.quantity,
                recipient_person_id=clean.recipient_person_id,
                recipient_body_id=clean.recipient_body_id,
                recipient_label=clean.recipient_label,
                event_id=clean.event_id,
                visit_id=clean.visit_id,
                at=_aware(clean.at),
                handed_by=self.s.actor.user_name,
                note=clean.note,
                flags=rules.flags_text(warnings),
            )
            s.add(h)
            s.flush()
            [view] = self._views(s, select(Handover).where(Handover.id == h.id))
        changed = Changed.of("gifts", "stock")
        return HandoverResult(replace(view, changed=changed), tuple(warnings), changed)

    def void(self, handover_id: str, reason: str) -> HandoverView:
        """Void a hand-over entered by mistake: supervisor, with a reason; the stock comes back."""
        require(self.s.actor, "void")
        text = _reason(reason)
        with self.s.store.session(self.s.actor.user_name) as s:
            h = _get_live(s, Handover, handover_id, "gifts.handover_not_found", "handover_id")
            self._add_void(s, _HANDOVER_TABLE, h.id, text)
            [view] = self._views(s, select(Handover).where(Handover.id == h.id))
        return replace(view, changed=Changed.of("gifts", "stock"))

    def get(self, handover_id: str) -> HandoverView:
        with self.s.store.reader() as r:
            views = self._views(r, select(Handover).where(Handover.id == handover_id))
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
            query = query.where(Handover.id.not_in(_voided_ids(_HANDOVER_TABLE)))
        with self.s.store.reader() as r:
            return self._views(r, query)

    @staticmethod
    def _views(s: Session, query: Select) -> list[HandoverView]:
        """HandoverViews of `select(Handover).where(...)`, with names joined in, newest first."""
        voids = (
            select(Void.target_id, func.min(Void.reason).label("reason"))
            .where(Void.target_table == _HANDOVER_TABLE, Void.deleted.is_(False))
            .group_by(Void.target_id)
            .subquery()
        )
        rows = s.execute(
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
        views = []
        for h, gift_name, unit, person_name, body_name, void_target, void_reason in rows:
            views.append(
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
            )
        return views

    # --- ledger and counts ----------------------------------------------------------------

    def stock_ledger(self, gift_type_id: str) -> list[LedgerLine]:
        """Every movement of a gift type in time order with the balance after it."""
        with self.s.store.reader() as r:
            _get_live(r, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            voids = {
                (v.target_table, v.target_id): v
                for v in r.scalars(
                    select(Void).where(
                        Void.deleted.is_(False), Void.target_table.in_([_STOCK_TABLE, _HANDOVER_TABLE])
                    )
                )
            }
            # (at, ref id as tie-break: UUIDv7 follows creation order, kind, delta, detail, user, voided)
            lines: list[tuple] = []

            def add(movement: tuple, table: str, ref: str) -> None:
                void = voids.get((table, ref))
                lines.append((*movement, void is not None))
                if void is not None:
                    lines.append(
                        (void.at, void.id, rules.VOID, -movement[3], void.reason, void.user_name, False)
                    )

            entries = r.scalars(
                select(StockEntry).where(
                    StockEntry.gift_type_id == gift_type_id, StockEntry.deleted.is_(False)
                )
            )
            for e in entries:
                add((e.at, e.id, e.kind, e.quantity, e.reason, e.user_name), _STOCK_TABLE, e.id)
            for h in self._views(r, select(Handover).where(Handover.gift_type_id == gift_type_id)):
                movement = (h.at, h.id, rules.HANDOVER, -h.quantity, h.recipient_display, h.handed_by)
                add(movement, _HANDOVER_TABLE, h.id)
        lines.sort(key=lambda line: (line[0], line[1]))
        balances = rules.running_balance((line[2], line[3]) for line in lines)
        return [
            LedgerLine(dates.to_local(at), kind, delta, b.balance, detail, user, ref, voided)
            for (at, ref, kind, delta, detail, user, voided), b in zip(lines, balances, strict=True)
        ]

    def handed_count(self, event_id: str) -> int:
        """How many hand-overs (not voided) an event has seen; units differ, so not a sum of items."""
        with self.s.store.reader() as r:
            return (
                r.scalar(
                    select(func.count()).where(
                        Handover.event_id == event_id,
                        Handover.deleted.is_(False),
                        Handover.id.not_in(_voided_ids(_HANDOVER_TABLE)),
                    )
                )
                or 0
            )

    def handed_summary(self, event_id: str | None = None, visit_id: str | None = None) -> list[HandedLine]:
        """Quantities handed per gift type (not voided) in an event or a visit."""
        with self.s.store.reader() as r:
            return handed_summary(r, event_id=event_id, visit_ids=[visit_id] if visit_id else None).get(
                visit_id or event_id or "", []
            )


def handed_summary(
    s: Session, event_id: str | None = None, visit_ids: Iterable[str] | None = None
) -> dict[str, list[HandedLine]]:
    """Per visit (or for the one event), the quantities handed per gift type, voids excluded.

    Shared with the visits service so a list of visits is summarised in one query.
    """
    key = Handover.visit_id if visit_ids is not None else Handover.event_id
    query = (
        select(key, GiftType.id, GiftType.name, GiftType.unit, func.sum(Handover.quantity), func.count())
        .join(GiftType, GiftType.id == Handover.gift_type_id)
        .where(Handover.deleted.is_(False), Handover.id.not_in(_voided_ids(_HANDOVER_TABLE)))
        .group_by(key, GiftType.id, GiftType.name, GiftType.unit)
        .order_by(GiftType.name)
    )
    if visit_ids is not None:
        query = query.where(Handover.visit_id.in_(list(visit_ids)))
    else:
        query = query.where(Handover.event_id == event_id)
    out: dict[str, list[HandedLine]] = {}
    for owner, type_id, name, unit, qty, count in s.execute(query):
        out.setdefault(owner, []).append(HandedLine(type_id, name, unit, int(qty), int(count)))
    return out
