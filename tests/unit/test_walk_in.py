"""The desk's walk-in is ONE write in ONE transaction: create the person, register, check in.

A failure at the last step (the check-in) must leave nothing behind: no person, no registration,
no scan, and no outbox or audit row for the sync to send.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from fieldapp.core import dates
from fieldapp.core.errors import ContractError, NotFoundError, PermissionDenied
from fieldapp.core.people import PersonInput
from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.desk import DeskService, WalkInRefused
from fieldapp.services.events import EventInput
from fieldapp.store.models import AuditEntry, Outbox, Person, Registration, Scan

NAME = "سلمان بن خميس الزايدي"
VALID_ID = "1000000008"


def make_event(services: Services, starts_in: dt.timedelta = -dt.timedelta(hours=1)) -> str:
    start = dates.now() + starts_in
    event = services.events.create(
        EventInput(
            title="ملتقى التطوع", starts_at=start, ends_at=start + dt.timedelta(hours=6), rounding_min=0
        )
    )
    return event.id


def counts(store) -> dict[str, int]:
    """Rows the walk-in could leave behind, by table."""
    with store.reader() as session:
        return {
            "person": session.scalar(select(func.count()).select_from(Person)),
            "registration": session.scalar(select(func.count()).select_from(Registration)),
            "scan": session.scalar(select(func.count()).select_from(Scan)),
            "outbox": session.scalar(select(func.count()).select_from(Outbox)),
            "audit": session.scalar(select(func.count()).select_from(AuditEntry)),
        }


@pytest.fixture
def coordinator(services) -> DeskService:
    return DeskService(services.as_user(Actor("ali", "coordinator")))


def test_walk_in_saves_registers_and_checks_in_in_one_write(store, services, coordinator):
    event_id = make_event(services)
    before = counts(store)
    outcome = coordinator.walk_in(event_id, PersonInput(NAME, national_id=VALID_ID))
    assert outcome.person is not None and outcome.person.full_name == NAME
    assert outcome.result is not None and outcome.result.status == "ok" and outcome.result.direction == "in"
    assert outcome.changed.topics == {"people", "events", "registrations", "scans"}
    after = counts(store)
    assert {k: after[k] - before[k] for k in ("person", "registration", "scan")} == {
        "person": 1,
        "registration": 1,
        "scan": 1,
    }
    with store.reader() as session:
        reg = session.scalars(select(Registration)).one()
        scan = session.scalars(select(Scan)).one()
        assert (reg.person_id, reg.source) == (outcome.person.id, "walk_in")
        assert (scan.person_id, scan.method, scan.user_name) == (outcome.person.id, "walk_in", "ali")
        queued = {(o.table_name, o.row_id) for o in session.scalars(select(Outbox))}
        assert {("person", outcome.person.id), ("registration", reg.id), ("scan", scan.id)} <= queued


def test_a_refused_check_in_rolls_the_whole_walk_in_back(store, services, coordinator):
    """The last step fails for real: the event opens in five hours, so its rules refuse the scan."""
    event_id = make_event(services, starts_in=dt.timedelta(hours=5))
    before = counts(store)
    with pytest.raises(WalkInRefused) as refused:
        coordinator.walk_in(event_id, PersonInput(NAME, national_id=VALID_ID))
    assert refused.value.result.reason_key == "attendance.not_started"
    assert "nothing was recorded" in refused.value.message(
        "en"
    ) and "has not opened yet" in refused.value.message("en")
    assert "لم يبدأ المسح لهذه الفعالية" in refused.value.message("ar")
    assert counts(store) == before  # no person, registration, scan, outbox or audit row
    assert services.search.find("سلمان الزايدي") == []  # nor a search-index entry
    assert services.people.find_duplicates(VALID_ID, None) == []


def test_a_crash_inside_the_check_in_leaves_nothing(store, services, coordinator):
    """The scan INSERT itself fails (an SQLite trigger stands in for a disk error mid-write)."""
    event_id = make_event(services)
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TRIGGER scan_fails BEFORE INSERT ON scan BEGIN SELECT RAISE(ABORT, 'disk gone'); END"
            )
        )
    before = counts(store)
    with pytest.raises(DBAPIError, match="disk gone"):
        coordinator.walk_in(event_id, PersonInput(NAME, national_id=VALID_ID))
    assert counts(store) == before
    assert services.people.find_duplicates(VALID_ID, None) == []
    with store.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER scan_fails"))
    # The same walk-in goes through once the check-in can be written (nothing half-saved blocks it).
    assert coordinator.walk_in(event_id, PersonInput(NAME, national_id=VALID_ID)).result.accepted


def test_an_unknown_event_saves_no_person(store, services, coordinator):
    before = counts(store)
    with pytest.raises(NotFoundError):
        coordinator.walk_in("no-such-event", PersonInput(NAME, national_id=VALID_ID))
    assert counts(store) == before


def test_errors_checksum_and_duplicates_are_answers_that_write_nothing(store, services, coordinator):
    event_id = make_event(services)
    services.people.create(PersonInput("نورة سعد القحطاني", national_id=VALID_ID))
    before = counts(store)
    invalid = coordinator.walk_in(event_id, PersonInput("", national_id="12345"))
    assert {e.field for e in invalid.errors} >= {"full_name", "national_id"}  # every error at once
    checksum = coordinator.walk_in(event_id, PersonInput(NAME, national_id="1000000000"))
    assert checksum.checksum_warning and checksum.errors[0].key == "national_id.checksum"
    duplicate = coordinator.walk_in(event_id, PersonInput("نوره القحطاني", national_id=VALID_ID))
    assert [p.full_name for p in duplicate.duplicates] == ["نورة سعد القحطاني"]
    for outcome in (invalid, checksum, duplicate):
        assert outcome.person is None and not outcome.changed
    assert counts(store) == before


def test_only_a_supervisor_accepts_a_bad_checksum(store, services, coordinator):
    event_id = make_event(services)
    with pytest.raises(PermissionDenied):
        coordinator.walk_in(event_id, PersonInput(NAME, national_id="1000000000"), override_checksum=True)
    supervisor = DeskService(services.as_user(Actor("omar", "supervisor")))
    outcome = supervisor.walk_in(
        event_id, PersonInput(NAME, national_id="1000000000"), override_checksum=True
    )
    assert outcome.person is not None and outcome.person.national_id == "1000000000"


def test_a_walk_in_needs_an_actor(store, services):
    event_id = make_event(services)
    with pytest.raises(ContractError):
        DeskService(Services(store, None)).walk_in(event_id, PersonInput(NAME, national_id=VALID_ID))
    assert counts(store)["person"] == 0
