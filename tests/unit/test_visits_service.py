"""Visits on a real store: team and gift diffs, double-booking, status rules, local-day agenda."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from fieldapp.core.errors import NotFoundError, PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.services.bodies import BodyInput
from fieldapp.services.gifts import GiftTypeInput, HandoverInput
from fieldapp.services.visits import PlannedGift, VisitInput, saudi_week_start
from fieldapp.store.models import Event, VisitGift, VisitMember

RIYADH = ZoneInfo("Asia/Riyadh")


def at(day: int, hour: int, minute: int = 0, month: int = 10) -> dt.datetime:
    """A Riyadh wall-clock time in October 2025 (5 Oct 2025 is a Sunday)."""
    return dt.datetime(2025, month, day, hour, minute, tzinfo=RIYADH)


@pytest.fixture
def world(services):
    store = services.store
    from fieldapp.store.models import Person

    with store.session("test") as s:
        people = [Person(full_name=n) for n in ("علي الغامدي", "هدى الشهري", "عمر الزهراني")]
        s.add_all(people)
        s.flush()
        ids = [p.id for p in people]
    prison = services.bodies.create(BodyInput("security", "سجن الحائر"))
    clinic = services.bodies.create(BodyInput("health", "مركز غسيل الكلى"))
    pen = services.gifts.create_type(GiftTypeInput("قلم", limit_per_recipient_per_event=1))
    dates_box = services.gifts.create_type(GiftTypeInput("تمر", "علبة"))
    return {
        "ali": ids[0],
        "huda": ids[1],
        "omar": ids[2],
        "prison": prison.id,
        "clinic": clinic.id,
        "pen": pen.id,
        "dates": dates_box.id,
    }


@pytest.fixture
def visits(services):
    return services.visits


def plan(w, body="prison", start=None, end=None, team=("ali", "huda"), gifts=(("pen", 2),), title="زيارة"):
    return VisitInput(
        w[body],
        title,
        start or at(5, 9),
        end or at(5, 11),
        tuple(w[t] for t in team),
        tuple(PlannedGift(w[g], q) for g, q in gifts),
    )


def test_create_gives_a_full_view(visits, world):
    v = visits.create(plan(world, title="  زيارة  معايدة "))
    assert v.title == "زيارة معايدة" and v.status == "planned"
    assert (v.body.name, v.body.type) == ("سجن الحائر", "security")
    assert v.planned_start == at(5, 9) and v.planned_start.utcoffset() == dt.timedelta(hours=3)
    assert {p.name for p in v.team} == {"علي الغامدي", "هدى الشهري"}
    assert [(g.gift_name, g.quantity) for g in v.planned_gifts] == [("قلم", 2)]
    assert v.clashes == () and not v.has_clash and v.changed is not None
    assert visits.get(v.id) == v


def test_end_must_be_after_start_and_references_must_exist(visits, world):
    with pytest.raises(ValidationError) as err:
        visits.create(plan(world, start=at(5, 11), end=at(5, 11)))
    assert err.value.field == "planned_end" and "after it starts" in err.value.message("en")
    with pytest.raises(NotFoundError):
        visits.create(VisitInput("nope", "", at(5, 9), at(5, 10)))
    with pytest.raises(NotFoundError) as err:
        visits.create(VisitInput(world["prison"], "", at(5, 9), at(5, 10), team=("ghost",)))
    assert "ghost" in err.value.message("en")
    with pytest.raises(ValidationError):
        visits.create(plan(world, gifts=(("pen", 0),)))


def test_update_diffs_team_and_gifts_into_tombstones(visits, world, store):
    v = visits.create(plan(world, team=("ali", "huda"), gifts=(("pen", 2), ("dates", 1))))
    u = visits.update(v.id, plan(world, team=("huda", "omar"), gifts=(("pen", 5),)))
    assert {p.name for p in u.team} == {"هدى الشهري", "عمر الزهراني"}
    assert [(g.gift_name, g.quantity) for g in u.planned_gifts] == [("قلم", 5)]
    with store.reader() as r:
        members = {(m.person_id, m.deleted) for m in r.scalars(select(VisitMember))}
        assert members == {(world["ali"], True), (world["huda"], False), (world["omar"], False)}
        gifts = {(g.gift_type_id, g.quantity, g.deleted) for g in r.scalars(select(VisitGift))}
        assert gifts == {(world["pen"], 5, False), (world["dates"], 1, True)}
    # ali back in: a new row, the tombstone stays a tombstone
    visits.update(v.id, plan(world, team=("ali", "huda", "omar"), gifts=(("pen", 5),)))
    with store.reader() as r:
        assert len(list(r.scalars(select(VisitMember).where(VisitMember.person_id == world["ali"])))) == 2


def test_double_booked_member_is_shown_before_and_flagged_after(visits, world):
    first = visits.create(plan(world, start=at(5, 9), end=at(5, 11), team=("ali", "huda")))
    second_plan = plan(
        world, body="clinic", start=at(5, 10), end=at(5, 12), team=("ali", "omar"), title="غسيل"
    )
    [clash] = visits.check_clashes(second_plan)
    assert (clash.person_name, clash.other_visit_id) == ("علي الغامدي", first.id)
    assert clash.other_body_name == "سجن الحائر" and clash.other_start == at(5, 9)
    second = visits.create(second_plan)  # allowed: saved with the flag
    assert second.has_clash and second.clashes[0].other_visit_id == first.id
    assert [c.other_visit_id for c in visits.get(first.id).clashes] == [second.id]
    # the visit itself does not clash with its own saved version
    assert visits.check_clashes(second_plan, visit_id=second.id) == [clash]
    # touching visits do not clash
    assert visits.check_clashes(plan(world, start=at(5, 12), end=at(5, 13), team=("ali",))) == []
    # cancelling the second frees ali
    visits.cancel(second.id, "اعتذرت الجهة")
    assert visits.get(first.id).clashes == () and visits.get(second.id).clashes == ()


def test_removed_member_no_longer_clashes(visits, world):
    first = visits.create(plan(world, team=("ali",)))
    second = visits.create(plan(world, body="clinic", team=("ali",)))
    assert visits.get(first.id).has_clash
    visits.update(second.id, plan(world, body="clinic", team=("omar",)))
    assert not visits.get(first.id).has_clash


def test_status_transitions(visits, world):
    v = visits.create(plan(world))
    with pytest.raises(ValidationError) as err:
        visits.complete(v.id, "تم")
    assert err.value.key == "visit.transition.not_started"
    started = visits.start(v.id)
    assert started.status == "in_progress" and started.started_at is not None
    with pytest.raises(ValidationError) as err:
        visits.cancel(v.id, "ظرف طارئ")
    assert "complete it instead" in err.value.message("en")
    done = visits.complete(v.id, "  سُلّمت الهدايا لمدير السجن ")
    assert done.status == "done" and done.outcome_notes == "سُلّمت الهدايا لمدير السجن"
    assert done.completed_at is not None and done.status_label("ar") == "منفذة"
    with pytest.raises(ValidationError) as err:
        visits.start(v.id)
    assert err.value.key == "visit.transition.final"
    other = visits.create(plan(world, body="clinic", start=at(6, 9), end=at(6, 10)))
    with pytest.raises(ValidationError) as err:
        visits.cancel(other.id, " ")
    assert err.value.field == "reason"
    assert visits.mark_missed(other.id).status == "missed"
    assert [v.status for v in visits.list(status="missed")] == ["missed"]


def test_a_coordinator_runs_visits_but_cannot_void_their_hand_overs(services, world):
    coordinator = services.as_user(Actor("ali", "coordinator"))
    v = coordinator.visits.create(plan(world))
    assert coordinator.visits.start(v.id).status == "in_progress"
    h = coordinator.visits.hand_over_gift(
        v.id, HandoverInput(world["dates"], 1, recipient_person_id=world["omar"])
    )
    assert h.handover.handed_by == "ali" and h.handover.flags == ("overdrawn",)
    with pytest.raises(PermissionDenied):
        coordinator.gifts.void(h.handover.id, "خطأ")


def test_week_runs_sunday_to_saturday_in_riyadh_days(visits, world):
    assert saudi_week_start(dt.date(2025, 10, 5)) == dt.date(2025, 10, 5)  # Sunday
    assert saudi_week_start(dt.date(2025, 10, 11)) == dt.date(2025, 10, 5)  # Saturday
    assert saudi_week_start(dt.date(2025, 10, 12)) == dt.date(2025, 10, 12)
    # Saturday 4 Oct 23:00 (previous week), Sunday 5 Oct 00:30 (20:30 UTC on the 4th!),
    # Saturday 11 Oct 23:30, Sunday 12 Oct 00:00 (next week)
    before = visits.create(plan(world, start=at(4, 22), end=at(4, 23), team=()))
    sunday = visits.create(plan(world, start=at(5, 0, 30), end=at(5, 1, 30), team=()))
    saturday = visits.create(plan(world, start=at(11, 23), end=at(11, 23, 30), team=()))
    after = visits.create(plan(world, start=at(12, 0), end=at(12, 1), team=()))
    week = visits.week(dt.date(2025, 10, 8))  # a Wednesday
    assert list(week) == [dt.date(2025, 10, d) for d in range(5, 12)]
    assert [v.id for v in week[dt.date(2025, 10, 5)]] == [sunday.id]
    assert [v.id for v in week[dt.date(2025, 10, 11)]] == [saturday.id]
    all_ids = {v.id for day in week.values() for v in day}
    assert all_ids == {sunday.id, saturday.id} and before.id not in all_ids and after.id not in all_ids
    assert [v.id for v in visits.agenda(dt.date(2025, 10, 4))] == [before.id]
    assert [v.id for v in visits.agenda(dt.date(2025, 10, 12))] == [after.id]


def test_a_visit_over_midnight_shows_on_both_days(visits, world):
    night = visits.create(plan(world, start=at(7, 22), end=at(8, 2), team=()))
    assert [v.id for v in visits.agenda(dt.date(2025, 10, 7))] == [night.id]
    assert [v.id for v in visits.agenda(dt.date(2025, 10, 8))] == [night.id]
    assert [v.id for v in visits.list(date_from=dt.date(2025, 10, 9))] == []


def test_naive_times_are_riyadh_wall_clock(visits, world):
    v = visits.create(
        VisitInput(world["prison"], "", dt.datetime(2025, 10, 5, 9, 0), dt.datetime(2025, 10, 5, 10, 0))
    )
    assert v.planned_start == at(5, 9)


def test_hand_over_gift_during_a_visit(services, visits, world, store):
    with store.session("test") as s:
        e = Event(
            title="معايدة السجون",
            starts_at=at(5, 8).astimezone(dt.UTC),
            ends_at=at(5, 18).astimezone(dt.UTC),
        )
        s.add(e)
        s.flush()
        event_id = e.id
    services.gifts.receive(world["pen"], 1, "توريد من المستودع")
    services.gifts.receive(world["dates"], 10, "توريد من المستودع")
    v = visits.create(
        VisitInput(world["prison"], "معايدة", at(5, 9), at(5, 11), (world["ali"],), (), event_id=event_id)
    )
    director = HandoverInput(world["pen"], 1, recipient_body_id=world["prison"], recipient_label="مدير السجن")
    result = visits.hand_over_gift(v.id, director)
    assert result.handover.visit_id == v.id and result.handover.event_id == event_id
    assert result.warnings == ()
    again = visits.hand_over_gift(v.id, director)
    assert set(again.handover.flags) == {
        "overdrawn",
        "repeat",
    }  # saved anyway; no per-event limit for a visit
    visits.hand_over_gift(v.id, HandoverInput(world["dates"], 3, recipient_person_id=world["huda"]))
    handed = {(h.gift_name, h.quantity, h.handovers) for h in visits.get(v.id).handed_gifts}
    assert handed == {("قلم", 2, 2), ("تمر", 3, 1)}
    services.gifts.void(again.handover.id, "مكرر")
    assert {(h.gift_name, h.quantity) for h in visits.get(v.id).handed_gifts} == {("قلم", 1), ("تمر", 3)}
    assert [h.visit_id for h in services.gifts.log(visit_id=v.id)] == [v.id, v.id]
    with pytest.raises(NotFoundError):
        visits.hand_over_gift("missing", director)


def test_a_gift_handed_in_a_visit_is_one_write_and_a_refused_one_saves_nothing(
    services, visits, world, store
):
    from fieldapp.services import Services
    from fieldapp.services.contract import ContractError, is_write
    from fieldapp.services.visits import VisitsService
    from fieldapp.store.models import Handover

    for name in ("create", "update", "start", "complete", "cancel", "mark_missed", "hand_over_gift"):
        assert is_write(getattr(VisitsService, name)), name
    v = visits.create(plan(world))
    with pytest.raises(NotFoundError):
        visits.hand_over_gift(v.id, HandoverInput("no-such-gift", 1, recipient_body_id=world["prison"]))
    with pytest.raises(ContractError):
        Services(store, None).visits.hand_over_gift(
            v.id, HandoverInput(world["pen"], 1, recipient_body_id=world["prison"])
        )
    with store.reader() as r:
        assert r.scalar(select(func.count()).select_from(Handover)) == 0
    result = visits.hand_over_gift(v.id, HandoverInput(world["pen"], 1, recipient_body_id=world["prison"]))
    assert result.changed.topics == {"gifts", "stock"} and result.handover.handed_by == "sara"
    assert visits.get(v.id).changed.topics == set()  # a read: an empty Changed, never None
