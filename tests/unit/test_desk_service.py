"""The desk's use cases as services (one call per coordinator action), and the write contract of
the attendance and people services."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from fieldapp.core import dates
from fieldapp.core.errors import ContractError
from fieldapp.core.people import PersonInput
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.contract import Done, is_write
from fieldapp.services.desk import DeskService
from fieldapp.services.events import EventInput
from fieldapp.store.models import Scan

ROSTER = [
    ("عبدالله بن خميس الزايدي", "1000000008", "B-1001"),
    ("نورة سعد القحطاني", "1000000016", "B-1002"),
    ("عبدالله محمد العتيبي", "1000000024", "B-1003"),
]


def make_event(
    services: Services, title: str = "ملتقى التطوع", starts_in: float = -1, hours: float = 6
) -> str:
    start = dates.now() + dt.timedelta(hours=starts_in)
    event = services.events.create(
        EventInput(
            title=title, starts_at=start, ends_at=start + dt.timedelta(hours=hours), min_scan_interval_min=0
        )
    )
    return event.id


@pytest.fixture
def desk(services):
    """A coordinator's desk on an event running now, three registered people: (service, event, {badge: id})."""
    event_id = make_event(services)
    ids = {}
    for name, nid, badge in ROSTER:
        ids[badge] = services.people.create(PersonInput(name, national_id=nid, badge_code=badge)).id
    services.events.register_many(event_id, list(ids.values()), "import")
    return DeskService(services.as_user(Actor("ali", "coordinator"))), event_id, ids


def scans(store) -> list[tuple[str, str, str]]:
    with store.reader() as session:
        return list(session.execute(select(Scan.person_id, Scan.direction, Scan.method).order_by(Scan.at)))


def test_a_code_checks_in_at_once(store, desk):
    service, event_id, ids = desk
    outcome = service.submit(event_id, "b-1001")
    assert outcome.result is not None and outcome.result.status == "ok"
    assert outcome.changed.topics == {"scans"} and not outcome.must_choose
    assert scans(store) == [(ids["B-1001"], "in", "scanner")]


def test_one_strong_name_match_is_scanned_as_a_search(store, desk):
    service, event_id, ids = desk
    outcome = service.submit(event_id, "نوره القحطاني")
    assert outcome.result is not None and outcome.result.person.id == ids["B-1002"]
    assert outcome.hits and outcome.changed.topics == {"scans"}
    assert scans(store) == [(ids["B-1002"], "in", "search")]


def test_several_matches_ask_to_choose_and_write_nothing(store, desk):
    service, event_id, _ids = desk
    outcome = service.submit(event_id, "عبدالله")
    assert outcome.must_choose and len(outcome.hits) == 2 and outcome.result is None
    assert not outcome.changed
    assert scans(store) == []


def test_an_unknown_code_is_not_found(store, desk):
    service, event_id, _ids = desk
    outcome = service.submit(event_id, "NOPE-42")
    assert outcome.result is not None and outcome.result.status == "not_found"
    assert "NOPE-42" in outcome.result.message and not outcome.changed
    assert scans(store) == []


def test_submit_is_a_write_that_needs_an_actor(store, desk):
    _service, event_id, _ids = desk
    assert is_write(DeskService.submit) and is_write(DeskService.walk_in)
    with pytest.raises(ContractError):
        DeskService(Services(store, None)).submit(event_id, "B-1001")


def test_event_choices_offer_recent_events_and_select_the_running_one(services):
    running = make_event(services, "جارية")
    long_over = make_event(services, "انتهت منذ يومين", starts_in=-60)
    later = make_event(services, "لاحقة", starts_in=3)
    desk = DeskService(services)
    choice = desk.event_choices(None)
    assert [e.id for e in choice.events] == [running, later] and choice.selected_id == running
    assert desk.event_choices(later).selected_id == later
    # An event the desk remembers is offered even when it ended long ago.
    remembered = desk.event_choices(long_over)
    assert remembered.selected_id == long_over and long_over in {e.id for e in remembered.events}
    assert desk.event_choices("deleted-meanwhile").selected_id == running


# --- the write contract of attendance and people --------------------------------------------


def test_every_write_of_attendance_and_people_is_marked_and_needs_an_actor(store, services):
    event_id = make_event(services)
    person = services.people.create(PersonInput("سعد", mobile="0501234567"))
    scan = services.attendance.scan(event_id, person.id)
    nobody = Services(store, None)
    calls = [
        (nobody.attendance.scan, (event_id, person.id)),
        (nobody.attendance.undo, (scan.scan_id,)),
        (nobody.attendance.void, (scan.scan_id, "wrong person")),
        (nobody.attendance.check_out_everyone, (event_id,)),
        (nobody.people.create, (PersonInput("فهد", mobile="0501234568"),)),
        (nobody.people.update, (person.id, PersonInput("سعد علي", mobile="0501234567"))),
        (nobody.people.delete, (person.id,)),
    ]
    for method, args in calls:
        assert is_write(method), method
        with pytest.raises(ContractError):
            method(*args)
    for read in (
        nobody.attendance.counts,
        nobody.attendance.desk_summary,
        nobody.attendance.event_attendance,
    ):
        assert not is_write(read)
        read(event_id)  # reads need nobody signed in
    assert nobody.people.get(person.id).full_name == "سعد"
    with store.reader() as session:
        assert session.scalar(select(func.count()).select_from(Scan)) == 1


def test_check_out_everyone_and_delete_return_done(services):
    event_id = make_event(services)
    person = services.people.create(PersonInput("سعد", mobile="0501234567"))
    nobody_in = services.attendance.check_out_everyone(event_id)
    assert isinstance(nobody_in, Done) and nobody_in.value == 0 and not nobody_in.changed
    services.attendance.scan(event_id, person.id)
    closed = services.attendance.check_out_everyone(event_id)
    assert (closed.value, closed.changed.topics) == (1, {"scans"})
    deleted = services.people.delete(person.id)
    assert isinstance(deleted, Done) and deleted.changed.topics == {"people"}
