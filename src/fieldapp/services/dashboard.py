"""What the dashboard shows: the current event's figures, low stock and today's visits, in one read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fieldapp.core import dates
from fieldapp.services.attendance import AttendanceCounts
from fieldapp.services.bodies import AgreementView, QuietPartner
from fieldapp.services.contract import Service
from fieldapp.services.events import EventView
from fieldapp.services.gifts import GiftTypeView, HandedLine
from fieldapp.services.visits import VisitView


@dataclass(frozen=True)
class DashboardData:
    event: EventView | None
    counts: AttendanceCounts | None = None
    handovers: int = 0
    handed: list[HandedLine] = field(default_factory=list)
    low_stock: list[GiftTypeView] = field(default_factory=list)
    visits: list[VisitView] = field(default_factory=list)
    arrivals: list[tuple[dt.datetime, int]] = field(default_factory=list)
    ending_soon: list[AgreementView] = field(default_factory=list)  # agreements ending within 30 days
    quiet_partners: list[QuietPartner] = field(default_factory=list)  # not visited in 6 months


class DashboardService(Service):
    def load(self, event_id: str | None) -> DashboardData:
        """The given event (or the one running now) with its figures; stock and visits of today."""
        services = self.services
        event = services.events.get(event_id) if event_id else services.events.running_now()
        low = [g for g in services.gifts.stock_summary() if g.low]
        visits = services.visits.agenda(dates.local_now().date())
        partners = {
            "ending_soon": services.bodies.ending_soon(),
            "quiet_partners": services.bodies.not_visited(),
        }
        if event is None:
            return DashboardData(None, low_stock=low, visits=visits, **partners)
        return DashboardData(
            event=event,
            counts=services.attendance.counts(event.id),
            handovers=services.gifts.handed_count(event.id),
            handed=services.gifts.handed_summary(event_id=event.id),
            low_stock=low,
            visits=visits,
            arrivals=services.attendance.arrivals_per_quarter_hour(event.id),
            **partners,
        )
