"""The dashboard of the current event: the numbers match the attendance service after scans."""

from __future__ import annotations

import datetime as dt

from fieldapp.core import dates
from fieldapp.core.permissions import Actor
from fieldapp.gui.dashboard import DashboardScreen
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.people import PersonInput


def test_dashboard_numbers_match_the_services_and_follow_new_scans(gui_ctx, qtbot):
    s = Services(gui_ctx.store, Actor("sara", "admin"))
    now = dates.now()
    event = s.events.create(
        EventInput("ملتقى التطوع", now - dt.timedelta(hours=2), now + dt.timedelta(hours=4))
    )
    people = [s.people.create(PersonInput(f"متطوع {n}", mobile=f"05000000{n:02d}")) for n in range(4)]
    for person in people[:3]:
        s.events.register(event.id, person.id)
    s.attendance.scan(event.id, people[0].id, at=now - dt.timedelta(minutes=100))
    s.attendance.scan(event.id, people[1].id, at=now - dt.timedelta(minutes=95))
    s.attendance.scan(event.id, people[0].id, at=now - dt.timedelta(minutes=20))  # out after 80 min
    gift = s.gifts.create_type(GiftTypeInput("كرتون تمر", unit="كرتون", low_stock_threshold=5))
    s.gifts.receive(gift.id, 6, "توريد من المستودع")
    s.gifts.hand_over(HandoverInput(gift.id, 2, recipient_person_id=people[0].id, event_id=event.id))
    gui_ctx.set_current_event(event.id)

    screen = DashboardScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.resize(1300, 720)
    screen.show()
    screen.enter()

    counts = s.attendance.counts(event.id)
    assert screen.in_now.value.text() == gui_ctx.fmt_number(counts.in_now) == "1"
    assert screen.attended.value.text() == gui_ctx.fmt_number(counts.attended) == "2"
    # Hours are counted in quarters: shown exactly (2.75), never rounded to 2.8, never "2.50".
    assert screen.hours.value.text() == gui_ctx.fmt_number(counts.total_hours, 2, trim=True) == "2.75"
    assert screen.gifts.value.text() == "1"
    assert (
        screen.handed_list.item(0).text() == "كرتون تمر: 2"
    )  # the name says the unit: a label, never «2 كرتون»
    assert "كرتون تمر" in screen.low_list.item(0).text()  # 4 left, threshold 5
    assert sum(screen.chart_counts()) == 2
    assert screen.heading.text() == "ملتقى التطوع"

    # A scan published by the desk refreshes the numbers.
    result = s.attendance.scan(event.id, people[2].id)
    gui_ctx.publish(result.changed)
    assert screen.in_now.value.text() == "2"
    assert screen.attended.value.text() == gui_ctx.fmt_number(s.attendance.counts(event.id).attended) == "3"
    assert sum(screen.chart_counts()) == 3

    # Arabic-Indic digits when the user chooses them.
    gui_ctx.set_digits("arabic", persist=False)
    assert screen.attended.value.text() == "٣"


def test_without_a_current_event_the_dashboard_says_what_to_do(gui_ctx, qtbot):
    gui_ctx.set_current_event(None)
    screen = DashboardScreen(gui_ctx)
    qtbot.addWidget(screen)
    screen.show()
    screen.enter()
    assert screen.heading.text() == "لا توجد فعالية حالية"
    assert "اجعلها الفعالية الحالية" in screen.period.text()
    assert screen.in_now.value.text() == "—"
