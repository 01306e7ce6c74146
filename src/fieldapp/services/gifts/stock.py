"""Gift types and their stock: a ledger of receipts, adjustments and hand-overs, never a counter."""

from __future__ import annotations

from sqlalchemy import select

from fieldapp.core import dates
from fieldapp.core import stock as rules
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import require
from fieldapp.core.text import clean_name, clean_text
from fieldapp.services.contract import Changed, Service, write
from fieldapp.services.gifts.common import (
    HANDOVER_TABLE,
    STOCK_TABLE,
    GiftTypeInput,
    GiftTypeView,
    LedgerLine,
    add_void,
    current_type_view,
    get_live,
    positive,
    reason_text,
    stock_by_type,
    type_view,
    whole,
)
from fieldapp.services.gifts.handovers import handover_views
from fieldapp.store.models import GiftType, Handover, StockEntry, Void

TYPE_CHANGED = Changed.of("gifts", "stock")
STOCK_CHANGED = Changed.of("stock")


def _apply_type(g: GiftType, data: GiftTypeInput) -> None:
    limit = data.limit_per_recipient_per_event
    if limit is not None:
        limit = positive(limit, "gifts.limit", "limit_per_recipient_per_event")
    threshold = whole(data.low_stock_threshold)
    if threshold is None or threshold < 0:
        raise ValidationError("gifts.threshold", field="low_stock_threshold", value=data.low_stock_threshold)
    g.name = clean_name(data.name, field="name")
    g.unit = clean_name(data.unit or "قطعة", field="unit")
    g.limit_per_recipient_per_event = limit
    g.low_stock_threshold = threshold
    g.active = bool(data.active)
    g.notes = clean_text(data.notes)


class StockService(Service):
    """The gift-type and stock half of GiftsService (services.gifts)."""

    # --- gift types -----------------------------------------------------------------------

    @write
    def create_type(self, data: GiftTypeInput) -> GiftTypeView:
        # Coordinators in the field meet new kinds of gifts; defining one is not a stock change.
        require(self.actor, "handover")
        g = GiftType()
        _apply_type(g, data)
        with self.transaction() as session:
            session.add(g)
            session.flush()
            return type_view(g, 0, TYPE_CHANGED)

    @write
    def update_type(self, gift_type_id: str, data: GiftTypeInput) -> GiftTypeView:
        """Edit a gift type; changing its per-recipient limit needs a supervisor (like a stock adjustment)."""
        require(self.actor, "handover")
        with self.transaction() as session:
            g = get_live(session, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            before = g.limit_per_recipient_per_event
            _apply_type(g, data)
            if g.limit_per_recipient_per_event != before:
                require(self.actor, "gift.limit")
            session.flush()
            return current_type_view(session, g, TYPE_CHANGED)

    def get_type(self, gift_type_id: str) -> GiftTypeView:
        with self.reader() as session:
            g = get_live(session, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            return current_type_view(session, g)

    def list_types(self, include_inactive: bool = False) -> list[GiftTypeView]:
        query = select(GiftType).where(GiftType.deleted.is_(False))
        if not include_inactive:
            query = query.where(GiftType.active.is_(True))
        with self.reader() as session:
            stock = stock_by_type(session)
            return [type_view(g, stock.get(g.id, 0)) for g in session.scalars(query.order_by(GiftType.name))]

    def stock_summary(self) -> list[GiftTypeView]:
        """Every active gift type with its stock and low mark (the stock screen)."""
        return self.list_types()

    # --- stock movements ------------------------------------------------------------------

    def _stock_entry(self, gift_type_id: str, kind: str, quantity: int, reason: str) -> GiftTypeView:
        with self.transaction() as session:
            g = get_live(session, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            session.add(
                StockEntry(
                    gift_type_id=g.id,
                    kind=kind,
                    quantity=quantity,
                    reason=reason,
                    at=dates.now(),
                    user_name=self.actor.user_name,
                )
            )
            session.flush()
            return current_type_view(session, g, STOCK_CHANGED)

    @write
    def receive(self, gift_type_id: str, quantity: int, source: str) -> GiftTypeView:
        """Goods received into stock (a delivery, a donation): a supervisor, saying where they came from."""
        require(self.actor, "stock.receive")
        n = positive(quantity)
        text = clean_text(source)
        if not text:
            raise ValidationError("gifts.source_required", field="reason")
        return self._stock_entry(gift_type_id, rules.RECEIPT, n, text)

    @write
    def adjust(self, gift_type_id: str, delta: int, reason: str) -> GiftTypeView:
        """A counted correction (+ found, - broken or missing): supervisor, with a reason."""
        require(self.actor, "stock.adjust")
        n = whole(delta)
        if n is None or n == 0:
            raise ValidationError("gifts.delta", field="delta", value=delta)
        return self._stock_entry(gift_type_id, rules.ADJUSTMENT, n, reason_text(reason))

    @write
    def void_stock_entry(self, entry_id: str, reason: str) -> GiftTypeView:
        """Void a mistaken receipt or adjustment (e.g. typed 500 for 50)."""
        require(self.actor, "void")
        text = reason_text(reason)
        with self.transaction() as session:
            entry = get_live(session, StockEntry, entry_id, "gifts.entry_not_found", "entry_id")
            add_void(session, STOCK_TABLE, entry.id, text, self.actor.user_name)
            return current_type_view(session, session.get(GiftType, entry.gift_type_id), STOCK_CHANGED)

    # --- ledger ---------------------------------------------------------------------------

    def stock_ledger(self, gift_type_id: str) -> list[LedgerLine]:
        """Every movement of a gift type in time order with the balance after it."""
        with self.reader() as session:
            get_live(session, GiftType, gift_type_id, "gifts.type_not_found", "gift_type_id")
            voids = {
                (v.target_table, v.target_id): v
                for v in session.scalars(
                    select(Void).where(
                        Void.deleted.is_(False), Void.target_table.in_([STOCK_TABLE, HANDOVER_TABLE])
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

            entries = session.scalars(
                select(StockEntry).where(
                    StockEntry.gift_type_id == gift_type_id, StockEntry.deleted.is_(False)
                )
            )
            for e in entries:
                add((e.at, e.id, e.kind, e.quantity, e.reason, e.user_name), STOCK_TABLE, e.id)
            for h in handover_views(session, select(Handover).where(Handover.gift_type_id == gift_type_id)):
                movement = (h.at, h.id, rules.HANDOVER, -h.quantity, h.recipient_display, h.handed_by)
                add(movement, HANDOVER_TABLE, h.id)
        lines.sort(key=lambda line: (line[0], line[1]))
        balances = rules.running_balance((line[2], line[3]) for line in lines)
        return [
            LedgerLine(dates.to_local(at), kind, delta, b.balance, detail, user, ref, voided)
            for (at, ref, kind, delta, detail, user, voided), b in zip(lines, balances, strict=True)
        ]
