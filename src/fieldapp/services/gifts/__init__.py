"""Gift types, stock (a ledger of receipts, adjustments and hand-overs) and hand-overs.

One service, `services.gifts`, in three modules: `common` (messages, dataclasses, the stock
arithmetic), `stock` (gift types, receipts, adjustments, the ledger) and `handovers` (checking,
recording, voiding and listing hand-overs). `hand_over_in()` records a hand-over in an open unit
of work, for the use cases that hand over as one step of several (a gift handed during a visit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldapp.services.gifts.common import (
    GiftTypeInput,
    GiftTypeView,
    HandedLine,
    HandoverInput,
    HandoverResult,
    HandoverView,
    LedgerLine,
    local_day_start,
)
from fieldapp.services.gifts.handovers import HandoversService, hand_over_in, handed_summary
from fieldapp.services.gifts.stock import StockService

if TYPE_CHECKING:
    from fieldapp.services.events import EventView
    from fieldapp.services.visits import VisitView

__all__ = [
    "GiftTypeInput",
    "GiftTypeView",
    "GiftsService",
    "HandedLine",
    "HandoverInput",
    "HandoverResult",
    "HandoverView",
    "LedgerLine",
    "LogFilters",
    "LogPage",
    "hand_over_in",
    "handed_summary",
    "local_day_start",
]


@dataclass(frozen=True)
class LogFilters:
    """What the hand-over log screen filters on (dates are local days, both ends included)."""

    event_id: str | None = None
    visit_id: str | None = None
    gift_type_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_voided: bool = True


@dataclass(frozen=True)
class LogPage:
    """The hand-over log screen: its rows and the lists its filters offer."""

    rows: list[HandoverView]
    types: list[GiftTypeView]  # every gift type, inactive ones too (old hand-overs name them)
    events: list[EventView]
    visits: list[VisitView]  # the visits in the filtered dates


class GiftsService(StockService, HandoversService):
    """Gift types and stock (StockService) and hand-overs (HandoversService) behind one name."""

    def log_page(self, filters: LogFilters) -> LogPage:
        """The log screen in one call: the hand-overs the filters pick and the filters' choices."""
        rows = self.log(
            event_id=filters.event_id,
            visit_id=filters.visit_id,
            gift_type_id=filters.gift_type_id,
            date_from=filters.date_from,
            date_to=filters.date_to,
            include_voided=filters.include_voided,
        )
        return LogPage(
            rows,
            self.list_types(include_inactive=True),
            self.services.events.list(),
            self.services.visits.list(date_from=filters.date_from, date_to=filters.date_to),
        )
