"""Stock and hand-over rules: pure functions over plain values, no database.

Stock is a ledger, never a counter: the stock of a gift type is the sum of its non-voided
receipts and adjustments minus its non-voided hand-overs. A hand-over that breaks a rule is
WARNED about and flagged, never refused: the goods have already changed hands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from fieldapp.core import i18n

OVERDRAWN = "overdrawn"
OVER_LIMIT = "over_limit"
REPEAT = "repeat"
FLAG_ORDER = (OVERDRAWN, OVER_LIMIT, REPEAT)

RECEIPT = "receipt"
ADJUSTMENT = "adjustment"
HANDOVER = "handover"
VOID = "void"

i18n.register(
    {
        "stock.overdrawn": (
            "الكمية {quantity} أكبر من المخزون المسجّل ({stock}). سيُحفظ التسليم ويُعلَّم؛ راجع المخزون أو سجّل استلامًا.",
            "The quantity {quantity} is more than the recorded stock ({stock}). The hand-over will be "
            "saved and flagged; check the stock or record a receipt.",
        ),
        "stock.over_limit": (
            "الحد لكل مستلم في الفعالية {limit}؛ استلم {already} ومع هذا التسليم يصبح {total}.",
            "The limit per recipient per event is {limit}; they already received {already}, "
            "and with this hand-over it becomes {total}.",
        ),
        "stock.repeat": (
            "استلم هذا المستلم هذه الهدية من قبل في هذه الفعالية أو الزيارة ({already}).",
            "This recipient already received this gift in this event or visit ({already}).",
        ),
        "stock.low": (
            "المخزون منخفض: {stock} (حد التنبيه {threshold}).",
            "Stock is low: {stock} (alert threshold {threshold}).",
        ),
    }
)


@dataclass(frozen=True)
class StockWarning:
    """Something the coordinator should see before saving a hand-over (and that flags it after)."""

    code: str  # overdrawn | over_limit | repeat
    quantity: int
    stock: int
    limit: int | None
    already: int

    def message(self, lang: str | None = None) -> str:
        return i18n.msg(
            f"stock.{self.code}",
            lang,
            quantity=self.quantity,
            stock=self.stock,
            limit=self.limit if self.limit is not None else "-",
            already=self.already,
            total=self.already + self.quantity,
        )


# The name the brief and the screens use; StockWarning avoids shadowing the builtin inside this module.
Warning = StockWarning


@dataclass(frozen=True)
class LedgerEntry:
    """One movement of a gift type: a receipt/adjustment (signed) or a hand-over (positive)."""

    kind: str  # receipt | adjustment | handover
    quantity: int
    voided: bool = False
    at: dt.datetime | None = None


def delta_of(entry: LedgerEntry) -> int:
    """The signed effect of a movement on the stock (hand-overs take away)."""
    return -entry.quantity if entry.kind == HANDOVER else entry.quantity


def stock_of(entries: Iterable[LedgerEntry]) -> int:
    """Sum of non-voided receipts and adjustments minus non-voided hand-overs."""
    return sum(delta_of(e) for e in entries if not e.voided)


def check_handover(
    stock_now: int,
    quantity: int,
    limit_per_recipient_per_event: int | None,
    already_received_by_recipient_in_event: int,
) -> list[StockWarning]:
    """Warnings for a hand-over about to be saved; an empty list means nothing to say."""
    already = already_received_by_recipient_in_event
    limit = limit_per_recipient_per_event

    def warn(code: str) -> StockWarning:
        return StockWarning(code, quantity, stock_now, limit, already)

    warnings = []
    if quantity > stock_now:
        warnings.append(warn(OVERDRAWN))
    if limit is not None and already + quantity > limit:
        warnings.append(warn(OVER_LIMIT))
    if already > 0:
        warnings.append(warn(REPEAT))
    return warnings


def flags_text(warnings: Iterable[StockWarning]) -> str:
    """The comma list stored on the Handover fact, in a fixed order."""
    codes = {w.code for w in warnings}
    return ",".join(code for code in FLAG_ORDER if code in codes)


def parse_flags(text: str) -> tuple[str, ...]:
    return tuple(f for f in (text or "").split(",") if f)


def is_low(stock: int, threshold: int) -> bool:
    """Low when at or under the alert threshold; an empty (or overdrawn) stock is always low."""
    return stock <= max(threshold, 0)


@dataclass(frozen=True)
class BalanceLine:
    """A ledger line with the balance after it."""

    kind: str  # receipt | adjustment | handover | void
    delta: int
    balance: int


def running_balance(movements: Iterable[tuple[str, int]]) -> list[BalanceLine]:
    """Balances after each (kind, signed delta), in the order given (the caller sorts by time).

    A voided movement stays in the ledger where it happened; its void is a separate line with
    the opposite delta, so every past balance is what the coordinator saw at that time.
    """
    balance = 0
    lines = []
    for kind, delta in movements:
        balance += delta
        lines.append(BalanceLine(kind, delta, balance))
    return lines
