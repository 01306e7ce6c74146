"""Gifts on a real store: stock as a ledger, warnings before and flags after, voids, the log."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from fieldapp.core.errors import NotFoundError, PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.services.bodies import BodyInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.store.models import Event, Handover, Person, Void

T0 = dt.datetime(2025, 9, 23, 6, 0, tzinfo=dt.UTC)  # 09:00 in Riyadh


def _people(store, *names):
    with store.session("test") as s:
        rows = [Person(full_name=n) for n in names]
        s.add_all(rows)
        s.flush()
        return [p.id for p in rows]


def _event(store, title="اليوم الوطني 95"):
    with store.session("test") as s:
        e = Event(title=title, starts_at=T0, ends_at=T0 + dt.timedelta(hours=8))
        s.add(e)
        s.flush()
        return e.id


@pytest.fixture
def gifts(services):
    return services.gifts


@pytest.fixture
def pen(gifts):
    return gifts.create_type(
        GiftTypeInput("قلم فاخر", "قطعة", limit_per_recipient_per_event=1, low_stock_threshold=5)
    )


def test_stock_is_a_ledger_of_receipts_adjustments_and_hand_overs(gifts, pen, store):
    [nora] = _people(store, "نورة القحطاني")
    assert gifts.get_type(pen.id).stock == 0 and pen.low
    after = gifts.receive(pen.id, 20, "تبرع من الشركة")
    assert after.stock == 20 and not after.low and "stock" in after.changed.topics
    assert gifts.adjust(pen.id, -2, "قلمان مكسوران").stock == 18
    result = gifts.hand_over(HandoverInput(pen.id, 1, recipient_person_id=nora))
    assert result.warnings == () and result.handover.flags == ()
    assert gifts.get_type(pen.id).stock == 17
    gifts.void(result.handover.id, "سُجل بالخطأ")
    assert gifts.get_type(pen.id).stock == 18  # a voided hand-over gives the stock back
    assert [g.stock for g in gifts.stock_summary()] == [18]


def test_ledger_lines_and_running_balance(gifts, pen, store):
    [nora] = _people(store, "نورة")
    receipt = gifts.receive(pen.id, 10, "توريد من المستودع")
    gifts.adjust(pen.id, 1, "وجدنا قلمًا")
    h = gifts.hand_over(HandoverInput(pen.id, 4, recipient_person_id=nora)).handover
    gifts.void(h.id, "خطأ في الإدخال")
    lines = gifts.stock_ledger(pen.id)
    assert [(x.kind, x.delta, x.balance) for x in lines] == [
        ("receipt", 10, 10),
        ("adjustment", 1, 11),
        ("handover", -4, 7),
        ("void", 4, 11),
    ]
    assert lines[2].voided and lines[2].detail == "نورة" and lines[3].detail == "خطأ في الإدخال"
    assert lines[0].at.utcoffset() == dt.timedelta(hours=3)  # local time for the screen
    assert receipt.stock == 10


def test_voiding_a_mistaken_receipt(gifts, pen):
    gifts.receive(pen.id, 500, "typo")
    [entry] = gifts.stock_ledger(pen.id)
    assert gifts.void_stock_entry(entry.ref_id, "كانت 50 لا 500").stock == 0
    with pytest.raises(ValidationError) as err:
        gifts.void_stock_entry(entry.ref_id, "again")
    assert err.value.key == "gifts.already_voided"
    assert [x.balance for x in gifts.stock_ledger(pen.id)] == [500, 0]


def test_overdraw_is_warned_before_and_flagged_after_but_saved(gifts, store):
    [nora] = _people(store, "نورة")
    pen = gifts.create_type(GiftTypeInput("قلم", low_stock_threshold=5))
    gifts.receive(pen.id, 1, "توريد من المستودع")
    data = HandoverInput(pen.id, 3, recipient_person_id=nora, note="آخر ما في الصندوق")
    [warning] = gifts.check(data)
    assert warning.code == "overdrawn" and "more than the recorded stock (1)" in warning.message("en")
    result = gifts.hand_over(data)
    assert [w.code for w in result.warnings] == ["overdrawn"]
    assert result.handover.flags == ("overdrawn",)
    assert gifts.get_type(pen.id).stock == -2 and gifts.get_type(pen.id).low
    with store.reader() as r:
        assert r.scalar(select(Handover.flags)) == "overdrawn"


def test_once_per_recipient_per_event(gifts, pen, store):
    nora, huda = _people(store, "نورة", "هدى")
    event = _event(store)
    other_event = _event(store, "يوم التطوع")
    gifts.receive(pen.id, 50, "توريد من المستودع")
    first = gifts.hand_over(HandoverInput(pen.id, 1, recipient_person_id=nora, event_id=event))
    assert first.warnings == ()
    again = HandoverInput(pen.id, 1, recipient_person_id=nora, event_id=event)
    assert [w.code for w in gifts.check(again)] == ["over_limit", "repeat"]
    assert gifts.hand_over(again).handover.flags == ("over_limit", "repeat")
    # another person, another event, or no event: nothing to warn
    assert gifts.check(HandoverInput(pen.id, 1, recipient_person_id=huda, event_id=event)) == []
    assert gifts.check(HandoverInput(pen.id, 1, recipient_person_id=nora, event_id=other_event)) == []
    assert gifts.check(HandoverInput(pen.id, 1, recipient_person_id=nora)) == []
    # two at once is over the limit even the first time
    assert [
        w.code for w in gifts.check(HandoverInput(pen.id, 2, recipient_person_id=huda, event_id=event))
    ] == ["over_limit"]
    assert gifts.handed_count(event) == 2 and gifts.handed_count(other_event) == 0


def test_repeat_without_limit_and_voided_ones_do_not_count(gifts, store):
    [nora] = _people(store, "نورة")
    event = _event(store)
    dates_box = gifts.create_type(GiftTypeInput("تمر", "علبة"))
    gifts.receive(dates_box.id, 10, "توريد من المستودع")
    h = gifts.hand_over(HandoverInput(dates_box.id, 1, recipient_person_id=nora, event_id=event)).handover
    assert [
        w.code for w in gifts.check(HandoverInput(dates_box.id, 1, recipient_person_id=nora, event_id=event))
    ] == ["repeat"]
    gifts.void(h.id, "سُلّمت لشخص آخر")
    assert gifts.check(HandoverInput(dates_box.id, 1, recipient_person_id=nora, event_id=event)) == []


def test_hand_over_to_a_body_with_a_label(services, gifts, pen):
    prison = services.bodies.create(BodyInput("security", "سجن الحائر"))
    event = _event(services.store)
    gifts.receive(pen.id, 10, "توريد من المستودع")
    director = HandoverInput(
        pen.id, 1, recipient_body_id=prison.id, recipient_label=" مدير  السجن ", event_id=event
    )
    h = gifts.hand_over(director).handover
    assert (h.recipient_name, h.recipient_label) == ("سجن الحائر", "مدير السجن")
    assert h.recipient_display == "سجن الحائر — مدير السجن"
    assert h.recipient_person_id is None and h.recipient_body_id == prison.id
    # the same label (typed differently) is a repeat; another label is another recipient
    retyped = replace(director, recipient_label="مُدير السجن")
    assert [w.code for w in gifts.check(retyped)] == ["over_limit", "repeat"]
    staff = HandoverInput(
        pen.id, 1, recipient_body_id=prison.id, recipient_label="موظفو السجن", event_id=event
    )
    assert gifts.check(staff) == []
    assert [x.id for x in gifts.log(body_id=prison.id)] == [h.id]


def test_recipient_and_quantity_are_validated(gifts, pen, store, services):
    [nora] = _people(store, "نورة")
    prison = services.bodies.create(BodyInput("security", "سجن"))
    for bad in (
        HandoverInput(pen.id, 1),
        HandoverInput(pen.id, 1, recipient_person_id=nora, recipient_body_id=prison.id),
    ):
        with pytest.raises(ValidationError) as err:
            gifts.hand_over(bad)
        assert err.value.field == "recipient" and "exactly one recipient" in err.value.message("en")
    for qty in (0, -1, 1.5, True):
        with pytest.raises(ValidationError) as err:
            gifts.check(HandoverInput(pen.id, qty, recipient_person_id=nora))
        assert err.value.field == "quantity"
    with pytest.raises(NotFoundError):
        gifts.hand_over(HandoverInput(pen.id, 1, recipient_person_id="ghost"))
    with pytest.raises(NotFoundError):
        gifts.hand_over(HandoverInput("no-such-gift", 1, recipient_person_id=nora))
    with store.reader() as r:
        assert r.scalar(select(func.count()).select_from(Handover)) == 0


def test_void_needs_a_supervisor_and_a_reason(services, gifts, pen, store):
    [nora] = _people(store, "نورة")
    gifts.receive(pen.id, 5, "توريد من المستودع")
    coordinator = services.as_user(Actor("ali", "coordinator")).gifts
    h = coordinator.hand_over(HandoverInput(pen.id, 1, recipient_person_id=nora)).handover
    assert h.handed_by == "ali"
    with pytest.raises(PermissionDenied):
        coordinator.void(h.id, "خطأ")
    with pytest.raises(PermissionDenied):
        coordinator.adjust(pen.id, -1, "كسر")
    supervisor = services.as_user(Actor("mona", "supervisor")).gifts
    with pytest.raises(ValidationError) as err:
        supervisor.void(h.id, "  ")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError):
        supervisor.adjust(pen.id, -1, "")
    with pytest.raises(ValidationError):
        supervisor.adjust(pen.id, 0, "لا شيء")
    voided = supervisor.void(h.id, "المستلم لم يحضر")
    assert voided.voided and voided.void_reason == "المستلم لم يحضر"
    with store.reader() as r:
        v = r.scalar(select(Void))
        assert (v.target_table, v.target_id, v.user_name) == ("handover", h.id, "mona")
        assert r.get(Handover, h.id).deleted is False  # the fact itself stays
    assert gifts.log() == [] and [x.id for x in gifts.log(include_voided=True)] == [h.id]


def test_log_filters(services, gifts, pen, store):
    nora, huda = _people(store, "نورة", "هدى")
    event = _event(store)
    dates_box = gifts.create_type(GiftTypeInput("تمر", "علبة"))
    gifts.receive(pen.id, 10, "توريد من المستودع")
    gifts.receive(dates_box.id, 10, "توريد من المستودع")
    # 23:30 Riyadh on the 22nd is 20:30 UTC; 00:30 Riyadh on the 23rd is 21:30 UTC on the 22nd
    late = gifts.hand_over(
        HandoverInput(pen.id, 1, recipient_person_id=nora, at=dt.datetime(2025, 9, 22, 20, 30, tzinfo=dt.UTC))
    ).handover
    early = gifts.hand_over(
        HandoverInput(
            dates_box.id,
            2,
            recipient_person_id=huda,
            event_id=event,
            at=dt.datetime(2025, 9, 22, 21, 30, tzinfo=dt.UTC),
        )
    ).handover
    naive_local = gifts.hand_over(
        HandoverInput(
            dates_box.id, 1, recipient_person_id=nora, event_id=event, at=dt.datetime(2025, 9, 24, 10, 0)
        )
    ).handover
    assert naive_local.at.hour == 10 and naive_local.at.utcoffset() == dt.timedelta(hours=3)
    ids = lambda views: [v.id for v in views]  # noqa: E731
    assert ids(gifts.log()) == [naive_local.id, early.id, late.id]  # newest first
    assert ids(gifts.log(date_from=dt.date(2025, 9, 23), date_to=dt.date(2025, 9, 23))) == [early.id]
    assert ids(gifts.log(date_to=dt.date(2025, 9, 22))) == [late.id]
    assert ids(gifts.log(event_id=event)) == [naive_local.id, early.id]
    assert ids(gifts.log(person_id=nora)) == [naive_local.id, late.id]
    assert ids(gifts.log(gift_type_id=pen.id)) == [late.id]
    assert ids(gifts.log(event_id=event, person_id=huda)) == [early.id]
    view = gifts.log(person_id=huda)[0]
    assert (view.recipient_name, view.gift_name, view.quantity, view.unit) == ("هدى", "تمر", 2, "علبة")
    assert view.handed_by == "sara" and not view.voided
    summary = gifts.handed_summary(event_id=event)
    assert [(x.gift_name, x.quantity, x.handovers) for x in summary] == [("تمر", 3, 2)]


def test_gift_types(gifts, services):
    t = gifts.create_type(GiftTypeInput("  درع\u200f تذكاري ", "درع", low_stock_threshold=2))
    assert t.name == "درع تذكاري" and t.limit_per_recipient_per_event is None
    u = gifts.update_type(
        t.id, GiftTypeInput("درع تذكاري", "درع", limit_per_recipient_per_event=1, active=False)
    )
    assert u.limit_per_recipient_per_event == 1 and not u.active
    assert gifts.list_types() == [] and [x.id for x in gifts.list_types(include_inactive=True)] == [t.id]
    for bad in (
        GiftTypeInput("x", limit_per_recipient_per_event=0),
        GiftTypeInput("x", low_stock_threshold=-1),
    ):
        with pytest.raises(ValidationError):
            gifts.create_type(bad)
    with pytest.raises(ValidationError):
        gifts.receive(t.id, 0, "توريد من المستودع")


def test_without_an_event_the_limit_still_caps_one_hand_over(gifts, pen, store):
    [nora] = _people(store, "نورة")
    gifts.receive(pen.id, 10, "توريد من المستودع")
    assert [w.code for w in gifts.check(HandoverInput(pen.id, 2, recipient_person_id=nora))] == ["over_limit"]


# --- the write contract (issue 7) ----------------------------------------------------------


def test_gift_writes_follow_the_contract(store, gifts, pen):
    from fieldapp.services import Changed, Services
    from fieldapp.services.contract import ContractError, is_write
    from fieldapp.services.gifts import GiftsService

    for name in ("create_type", "update_type", "receive", "adjust", "void_stock_entry", "hand_over", "void"):
        assert is_write(getattr(GiftsService, name)), name
    for name in ("check", "get", "log", "log_page", "list_types", "stock_ledger", "handed_summary"):
        assert not is_write(getattr(GiftsService, name)), name
    nobody = Services(store, None).gifts
    with pytest.raises(ContractError):
        nobody.create_type(GiftTypeInput("ماء"))
    with pytest.raises(ContractError):
        nobody.receive(pen.id, 5, "توريد من المستودع")
    assert [t.name for t in nobody.list_types()] == ["قلم فاخر"]  # reads need nobody
    assert nobody.list_types()[0].changed == Changed()  # a read changed nothing, and says so
    assert gifts.receive(pen.id, 5, "توريد من المستودع").changed.topics == {"stock"}


def test_the_log_page_is_one_call_with_the_rows_and_the_filter_choices(services, gifts, pen, store):
    from fieldapp.services.gifts import LogFilters

    [nora] = _people(store, "نورة القحطاني")
    event = _event(store)
    gifts.receive(pen.id, 3, "توريد من المستودع")
    gifts.create_type(GiftTypeInput("كوب قديم", active=False))
    gifts.hand_over(HandoverInput(pen.id, 1, recipient_person_id=nora, event_id=event, at=T0))
    day = dt.date(2025, 9, 23)
    page = gifts.log_page(LogFilters(event_id=event, date_from=day, date_to=day))
    assert [(h.gift_name, h.recipient_name) for h in page.rows] == [("قلم فاخر", "نورة القحطاني")]
    assert {t.name for t in page.types} == {"قلم فاخر", "كوب قديم"}  # inactive ones too
    assert [e.id for e in page.events] == [event]
    assert page.visits == []
    assert gifts.log_page(LogFilters(date_from=day + dt.timedelta(days=1))).rows == []


def test_receipts_and_limit_changes_need_a_supervisor_and_a_receipt_says_where_from(services, gifts, pen):
    coordinator = services.as_user(Actor("ali", "coordinator")).gifts
    supervisor = services.as_user(Actor("mona", "supervisor")).gifts
    with pytest.raises(PermissionDenied):
        coordinator.receive(pen.id, 500, "توريد من المستودع")
    with pytest.raises(ValidationError) as err:
        supervisor.receive(pen.id, 500, "  ")
    assert err.value.field == "reason" and "مصدر" in err.value.message("ar")
    assert supervisor.receive(pen.id, 500, "تبرع من الغرفة التجارية").stock == 500
    # A coordinator may rename a type, not change its per-recipient limit.
    same_limit = GiftTypeInput(
        pen.name, pen.unit, limit_per_recipient_per_event=pen.limit_per_recipient_per_event
    )
    assert coordinator.update_type(pen.id, replace(same_limit, notes="أزرق")).notes == "أزرق"
    with pytest.raises(PermissionDenied):
        coordinator.update_type(pen.id, replace(same_limit, limit_per_recipient_per_event=99))
    assert gifts.get_type(pen.id).limit_per_recipient_per_event == pen.limit_per_recipient_per_event
    assert (
        supervisor.update_type(
            pen.id, replace(same_limit, limit_per_recipient_per_event=3)
        ).limit_per_recipient_per_event
        == 3
    )
