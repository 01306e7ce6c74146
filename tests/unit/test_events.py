"""EventsService on a real store: validation, listing, the desk's current event, team, registrations."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from fieldapp.core.dates import APP_TZ
from fieldapp.core.errors import NotFoundError, PermissionDenied, ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.services import Changed
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.models import EventTeam, Outbox, Registration

# A fixed Riyadh morning: 2025-09-23 09:00 +03:00.
MORNING = dt.datetime(2025, 9, 23, 9, 0, tzinfo=APP_TZ)


_mobiles = itertools.count(1)


def new_person(services, name: str) -> str:
    return services.people.create(PersonInput(full_name=name, mobile=f"0550{next(_mobiles):06d}")).id


def ev(title: str = "اليوم الوطني 95", start: dt.datetime = MORNING, hours: float = 4, **kw) -> EventInput:
    return EventInput(title=title, starts_at=start, ends_at=start + dt.timedelta(hours=hours), **kw)


def test_create_returns_a_view_with_rules_and_local_times(services):
    view = services.events.create(ev(place=" حديقة  الملك عبدالله ", rounding_min=30, allow_reentry=False))
    assert view.changed.topics == {"events"}
    assert view.title == "اليوم الوطني 95" and view.place == "حديقة الملك عبدالله"
    assert view.starts_at == dt.datetime(2025, 9, 23, 6, 0, tzinfo=dt.UTC)
    assert view.starts_local.hour == 9 and view.starts_local.utcoffset() == dt.timedelta(hours=3)
    assert view.rules.rounding_min == 30 and view.rules.allow_reentry is False
    assert services.events.get(view.id) == dataclasses.replace(view, changed=Changed())


def test_naive_times_are_read_as_riyadh_time(services):
    view = services.events.create(ev(start=MORNING.replace(tzinfo=None)))
    assert view.starts_at == dt.datetime(2025, 9, 23, 6, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("data", "key", "field"),
    [
        (ev(title="  \u200f "), "event.title_required", "title"),
        (ev(hours=0), "event.end_before_start", "ends_at"),
        (ev(hours=-1), "event.end_before_start", "ends_at"),
        (ev(capacity=-5), "event.negative", "capacity"),
        (ev(min_scan_interval_min=-1), "event.negative", "min_scan_interval_min"),
        (ev(min_certificate_hours=-0.5), "event.negative", "min_certificate_hours"),
        (ev(rounding_min=7), "event.rounding", "rounding_min"),
    ],
)
def test_validation_says_what_is_wrong(services, data, key, field):
    with pytest.raises(ValidationError) as err:
        services.events.create(data)
    assert (err.value.key, err.value.field) == (key, field)
    assert "{" not in err.value.message("ar") and "{" not in err.value.message("en")


def test_every_rounding_step_is_accepted(services):
    for step in (0, 5, 10, 15, 30, 60):
        assert services.events.create(ev(rounding_min=step)).rounding_min == step


def test_update_writes_only_changed_fields(store, services):
    view = services.events.create(ev())
    updated = services.events.update(view.id, ev(title="اليوم الوطني 95 — الرياض", capacity=300))
    assert updated.title.endswith("الرياض") and updated.capacity == 300
    with store.reader() as r:
        ops = r.scalars(select(Outbox).where(Outbox.row_id == view.id).order_by(Outbox.seq)).all()
        assert [o.kind for o in ops] == ["insert", "update"]
        assert set(ops[1].payload["fields"]) == {"title", "capacity"}
    with pytest.raises(NotFoundError):
        services.events.update("missing", ev())


def test_only_supervisors_edit_events(services):
    coordinator = services.as_user(Actor("ali", "coordinator"))
    with pytest.raises(PermissionDenied):
        coordinator.events.create(ev())
    assert services.as_user(Actor("omar", "supervisor")).events.create(ev()).id


def test_list_orders_by_start_and_can_hide_past(services):
    old = services.events.create(ev("قديمة", start=MORNING - dt.timedelta(days=10)))
    new = services.events.create(ev("قادمة", start=MORNING + dt.timedelta(days=1)))
    parent = services.events.create(ev("الأم", start=MORNING))
    services.events.create(ev("فرصة", start=MORNING, parent_id=parent.id))
    assert [e.id for e in services.events.list()] == [old.id, parent.id, new.id]
    assert [e.id for e in services.events.list(include_past=False, at=MORNING + dt.timedelta(hours=5))] == [
        new.id
    ]


def test_running_now_then_next_today_then_none(services):
    early = services.events.create(ev("صباحية", start=MORNING, hours=3))
    late = services.events.create(ev("مسائية", start=MORNING + dt.timedelta(hours=8), hours=2))
    services.events.create(ev("الغد", start=MORNING + dt.timedelta(days=1)))
    assert services.events.running_now(MORNING + dt.timedelta(hours=1)).id == early.id
    assert services.events.running_now(MORNING + dt.timedelta(hours=4)).id == late.id
    assert services.events.running_now(MORNING + dt.timedelta(hours=11)) is None  # tomorrow's is not today
    assert services.events.running_now(MORNING - dt.timedelta(hours=2)).id == early.id


def test_running_now_prefers_the_latest_started(services):
    services.events.create(ev("طويلة", start=MORNING, hours=8))
    short = services.events.create(ev("قصيرة", start=MORNING + dt.timedelta(hours=2), hours=1))
    assert services.events.running_now(MORNING + dt.timedelta(hours=2, minutes=30)).id == short.id


def test_opportunities_belong_to_their_event(services):
    parent = services.events.create(ev())
    a = services.events.create(ev("تنظيم الدخول", parent_id=parent.id))
    b = services.events.create(ev("توزيع المياه", start=MORNING + dt.timedelta(hours=1), parent_id=parent.id))
    assert [o.id for o in services.events.opportunities(parent.id)] == [a.id, b.id]
    with pytest.raises(ValidationError):
        services.events.create(ev(parent_id="missing"))


def test_team_add_is_idempotent_and_remove_is_a_tombstone(store, services):
    event = services.events.create(ev())
    person = new_person(services, "سارة الشهري")
    services.events.add_to_team(event.id, person)
    services.events.add_to_team(event.id, person)
    assert [(m.full_name, m.role) for m in services.events.team(event.id)] == [("سارة الشهري", "coordinator")]
    services.events.remove_from_team(event.id, person)
    assert services.events.team(event.id) == []
    with store.reader() as r:
        assert r.scalars(select(EventTeam)).one().deleted is True
    services.events.add_to_team(event.id, person, role="lead")
    assert [m.role for m in services.events.team(event.id)] == ["lead"]


def test_register_is_idempotent(store, services):
    event = services.events.create(ev())
    person = new_person(services, "فهد الدوسري")
    first = services.events.register(event.id, person)
    again = services.events.register(event.id, person, "walk_in")
    assert (first.created, again.created) == (1, 0)
    assert first.changed.topics and not again.changed.topics
    assert services.events.is_registered(event.id, person)
    assert services.events.registered_ids(event.id) == [person]
    with store.reader() as r:
        assert len(r.scalars(select(Registration)).all()) == 1
    services.events.unregister(event.id, person)
    assert not services.events.is_registered(event.id, person)
    assert services.events.register(event.id, person).created == 1


def test_register_checks_people_sources_and_permissions(services):
    event = services.events.create(ev())
    person = new_person(services, "ريم العنزي")
    with pytest.raises(NotFoundError):
        services.events.register(event.id, "missing-person")
    with pytest.raises(ValidationError):
        services.events.register(event.id, person, "phone")
    coordinator = services.as_user(Actor("ali", "coordinator"))
    with pytest.raises(PermissionDenied):
        coordinator.events.register(event.id, person)
    assert coordinator.events.register(event.id, person, "walk_in").created == 1


def test_register_many_in_one_transaction(services):
    event = services.events.create(ev())
    ids = [new_person(services, f"متطوع {n}") for n in range(3)]
    assert services.events.register_many(event.id, ids + ids[:1]).created == 3
    assert sorted(services.events.registered_ids(event.id)) == sorted(ids)


# --- the write contract (issue 7) ----------------------------------------------------------


def test_team_and_unregister_return_done_with_what_changed(services, store):
    import fieldapp.services.events as events_module
    from fieldapp.services import Done, Services
    from fieldapp.services.contract import ContractError, is_write
    from fieldapp.services.events import EventsService

    for name in (
        "create",
        "update",
        "add_to_team",
        "remove_from_team",
        "register",
        "register_many",
        "unregister",
    ):
        assert is_write(getattr(EventsService, name)), name
    event = services.events.create(ev())
    person = new_person(services, "ريم العنزي")
    added = services.events.add_to_team(event.id, person)
    assert isinstance(added, Done) and added.changed.topics == {"events"}
    assert services.events.remove_from_team(event.id, person).changed.topics == {"events"}
    services.events.register(event.id, person)
    assert services.events.unregister(event.id, person).changed.topics == {"events", "registrations"}
    with pytest.raises(ContractError):
        Services(store, None).events.add_to_team(event.id, person)
    assert not hasattr(events_module, "rules_of")  # dead code, gone


def test_the_tree_is_every_event_with_its_opportunities_in_one_read(services):
    first = services.events.create(ev())
    second = services.events.create(ev("يوم التأسيس", MORNING + dt.timedelta(days=1)))
    child = services.events.create(ev("فرصة: التنظيم", parent_id=first.id))
    tree = services.events.tree()
    assert tree == [(e, services.events.opportunities(e.id)) for e in services.events.list()]
    assert [(e.id, [o.id for o in opps]) for e, opps in tree] == [(first.id, [child.id]), (second.id, [])]
