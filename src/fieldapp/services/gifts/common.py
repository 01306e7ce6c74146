"""What the gifts modules share: their messages, their dataclasses and the stock arithmetic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from fieldapp.core import dates, i18n
from fieldapp.core import stock as rules
from fieldapp.core.errors import NotFoundError, ValidationError
from fieldapp.core.text import clean_text
from fieldapp.services.contract import Changed
from fieldapp.store.models import GiftType, Handover, StockEntry, Void

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
        "gifts.source_required": (
            "اكتب مصدر البضاعة (مثل: توريد من المستودع الرئيسي، تبرع من جهة)؛ يُحفظ مع اسمك.",
            "Enter where the goods came from (for example: main store delivery, a donation); it is kept with your name.",
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

HANDOVER_TABLE = Handover.__tablename__
STOCK_TABLE = StockEntry.__tablename__


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
    changed: Changed = field(default_factory=Changed, compare=False)  # set on writes


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
    changed: Changed = field(default_factory=Changed, compare=False)  # set on writes

    @property
    def recipient_display(self) -> str:
        return (
            f"{self.recipient_name} — {self.recipient_label}" if self.recipient_label else self.recipient_name
        )


@dataclass(frozen=True)
class HandoverResult:
    handover: HandoverView
    warnings: tuple[rules.StockWarning, ...]
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


def voided_ids(table: str) -> Select:
    return select(Void.target_id).where(Void.target_table == table, Void.deleted.is_(False))


def whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def positive(value: object, key: str = "gifts.quantity", field_name: str = "quantity") -> int:
    n = whole(value)
    if n is None or n <= 0:
        raise ValidationError(key, field=field_name, value=value)
    return n


def reason_text(reason: str | None) -> str:
    text = clean_text(reason)
    if not text:
        raise ValidationError("gifts.reason_required", field="reason")
    return text


def aware(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return dates.now()
    # A naive time from a form is a Riyadh wall-clock time.
    return at if at.tzinfo else at.replace(tzinfo=dates.APP_TZ)


def get_live(session: Session, model: type, row_id: str | None, key: str, field_name: str) -> Any:
    row = session.get(model, row_id) if row_id else None
    if row is None or row.deleted:
        raise NotFoundError(key, field=field_name)
    return row


def stock_by_type(session: Session, gift_type_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Current stock per gift type, from the ledger of non-voided facts."""
    received = select(StockEntry.gift_type_id, func.sum(StockEntry.quantity)).where(
        StockEntry.deleted.is_(False), StockEntry.id.not_in(voided_ids(STOCK_TABLE))
    )
    handed = select(Handover.gift_type_id, func.sum(Handover.quantity)).where(
        Handover.deleted.is_(False), Handover.id.not_in(voided_ids(HANDOVER_TABLE))
    )
    if gift_type_ids is not None:
        ids = list(gift_type_ids)
        received = received.where(StockEntry.gift_type_id.in_(ids))
        handed = handed.where(Handover.gift_type_id.in_(ids))
    totals: dict[str, int] = {}
    for type_id, qty in session.execute(received.group_by(StockEntry.gift_type_id)):
        totals[type_id] = totals.get(type_id, 0) + int(qty or 0)
    for type_id, qty in session.execute(handed.group_by(Handover.gift_type_id)):
        totals[type_id] = totals.get(type_id, 0) - int(qty or 0)
    return totals


def type_view(g: GiftType, stock: int, changed: Changed | None = None) -> GiftTypeView:
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
        changed or Changed(),
    )


def current_type_view(session: Session, g: GiftType, changed: Changed | None = None) -> GiftTypeView:
    """The gift type with its stock as the open unit of work sees it."""
    return type_view(g, stock_by_type(session, [g.id]).get(g.id, 0), changed)


def add_void(session: Session, table: str, target_id: str, reason: str, user_name: str) -> None:
    """Void a fact (a stock entry or a hand-over) in the open unit of work; twice is refused."""
    already = session.scalar(
        select(Void.id).where(
            Void.target_table == table, Void.target_id == target_id, Void.deleted.is_(False)
        )
    )
    if already:
        raise ValidationError("gifts.already_voided", field="id")
    session.add(
        Void(target_table=table, target_id=target_id, reason=reason, at=dates.now(), user_name=user_name)
    )
    session.flush()
