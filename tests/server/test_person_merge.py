"""Duplicate people merged by the server's push, on SQLite and PostgreSQL (SYNC.md "Beyond the
protocol"): real laptop stores make the walk-ins, their outbox ops are pushed as the sync sends them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fieldapp.core import dates
from fieldapp.core.attendance import EventRules, ScanFact, compute_attendance
from fieldapp.core.people import PersonInput
from fieldapp.core.permissions import Actor
from fieldapp.server import admin, devices
from fieldapp.server.db import make_engine, read_session
from fieldapp.server.devices import Caller
from fieldapp.server.models import SyncRow
from fieldapp.server.push import Op, push
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.store.db import Store
from fieldapp.store.models import Event, Outbox, Person
from fieldapp.store.unit_of_work import row_payload
from fieldapp.sync.ids import uuid7
from tests.server.conftest import enroll_body

NATIONAL_ID = "1000000008"
NAME = "أحمد بن خميس الزايدي"
SAME_NAME_OTHER_SPELLING = "احمد بن خميس الزايدى"  # alef and final yeh: folded alike
OTHER_NAME = "سارة بنت خميس الزايدي"
MOBILE = "0501234567"
OTHER_MOBILE = "0559876543"


class Laptop:
    """A laptop's store; its outbox ops since the last call are what its next push sends."""

    def __init__(self, path, template: Path) -> None:
        path.mkdir(parents=True)
        shutil.copyfile(template, path / "fieldapp.db")
        self.store = Store.open(path / "fieldapp.db")  # migrated already: makes its own device
        self.services = Services(self.store, Actor("sara", "admin"))
        self.sent_seq = 0

    def ops(self) -> list[Op]:
        with self.store.reader() as s:
            rows = s.scalars(select(Outbox).where(Outbox.seq > self.sent_seq).order_by(Outbox.seq)).all()
            if rows:
                self.sent_seq = rows[-1].seq
            return [Op(r.op_id, r.table_name, r.row_id, r.kind, r.hlc, r.payload) for r in rows]

    def walk_in(self, event_id: str, name: str, **fields: Any) -> str:
        outcome = self.services.desk.walk_in(event_id, PersonInput(name, **fields))
        assert outcome.person is not None and outcome.result.accepted, outcome
        return outcome.person.id

    def scan(self, event_id: str, person_id: str) -> None:
        assert self.services.desk.submit(event_id, person_id).result.accepted


@pytest.fixture
def engine(migrated_db):
    engine = make_engine(migrated_db)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def laptop_template(tmp_path_factory) -> Path:
    """A migrated laptop database without a device (migrating costs more than the rest of a test)."""
    path = tmp_path_factory.mktemp("template") / "fieldapp.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM device")
    return path


@pytest.fixture
def laptops(tmp_path, laptop_template):
    made: list[Laptop] = []

    def make(n: int) -> list[Laptop]:
        made.extend(Laptop(tmp_path / f"laptop{len(made) + i}", laptop_template) for i in range(n))
        return made[-n:]

    yield make
    for laptop in made:
        laptop.store.close()


def enrol(engine, org: str, short_code: str) -> Caller:
    code = admin.make_enroll_code(engine, org, 1, "http://127.0.0.1:8765")["code"]
    request = devices.EnrollRequest(**enroll_body(code, short_code))
    _token, organisation, device, _epoch = devices.enroll(engine, request)
    return Caller(
        device.id, device.name, device.short_code, organisation.id, organisation.code, organisation.name
    )


def shared_event(laptops: list[Laptop]) -> str:
    """An event made on the first laptop, copied into the others as a pull would (no outbox op)."""
    start = dates.now() - dt.timedelta(hours=1)
    event_id = (
        laptops[0]
        .services.events.create(
            EventInput("ملتقى التطوع", start, start + dt.timedelta(hours=6), min_scan_interval_min=0)
        )
        .id
    )
    with laptops[0].store.engine.connect() as conn:
        row = dict(conn.execute(select(Event.__table__).where(Event.id == event_id)).mappings().one())
    for laptop in laptops[1:]:
        with laptop.store.engine.begin() as conn:
            conn.execute(Event.__table__.insert().values(**row))
    return event_id


def push_all(engine, caller: Caller, ops: list[Op]) -> None:
    answers = push(engine, caller, ops)
    assert {a.status for a in answers} <= {"applied", "duplicate"}, answers


def stored(engine, org_id: str, table: str) -> dict[str, dict[str, Any]]:
    with read_session(engine) as s:
        rows = s.scalars(select(SyncRow).where(SyncRow.org_id == org_id, SyncRow.table_name == table))
        return {row.row_id: json.loads(row.data) for row in rows}


def live(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row_id: data for row_id, data in rows.items() if not data["deleted"]}


def merges_of(engine, org_id: str) -> set[tuple[str, str, str]]:
    return {
        (m["loser_id"], m["survivor_id"], m["reason"])
        for m in stored(engine, org_id, "person_merge").values()
    }


def test_one_national_id_walked_in_on_two_laptops_is_one_person(engine, laptops):
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    second = b.walk_in(event_id, SAME_NAME_OTHER_SPELLING, national_id=NATIONAL_ID, mobile=MOBILE)
    caller_a, caller_b = enrol(engine, "RUH", "AA11"), enrol(engine, "RUH", "BB22")
    org = caller_a.org_id

    push_all(engine, caller_a, a.ops())
    push_all(engine, caller_b, b.ops())

    people = stored(engine, org, "person")
    assert set(live(people)) == {first} and people[second]["deleted"]
    assert merges_of(engine, org) == {(second, first, "national_id")}
    assert people[first]["full_name"] == NAME  # the survivor's own values stay
    assert people[first]["mobile"] == people[second]["mobile"] is not None  # a blank filled from the loser
    scans = stored(engine, org, "scan")
    assert len(scans) == 2 and {s["person_id"] for s in scans.values()} == {first}
    registrations = stored(engine, org, "registration")
    assert len(registrations) == 2 and {r["person_id"] for r in registrations.values()} == {first}
    assert len(live(registrations)) == 1  # one registration per person and event
    with read_session(engine) as s:  # the person rows carry the same identity columns as their data
        survivor = s.get(SyncRow, (org, "person", first))
        assert (survivor.national_id, survivor.mobile) == (NATIONAL_ID, people[first]["mobile"])


def test_the_survivor_does_not_depend_on_the_order_of_arrival(engine, laptops):
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    second = b.walk_in(event_id, NAME, national_id=NATIONAL_ID, mobile=MOBILE)
    ops_a, ops_b = a.ops(), b.ops()
    ruh = [enrol(engine, "RUH", code) for code in ("AA11", "BB22")]
    jed = [enrol(engine, "JED", code) for code in ("AA11", "BB22")]

    push_all(engine, ruh[0], ops_a)  # A first, then B
    push_all(engine, ruh[1], ops_b)
    push_all(engine, jed[1], ops_b)  # B first, then A
    push_all(engine, jed[0], ops_a)

    outcomes = []
    for org in (ruh[0].org_id, jed[0].org_id):
        people = stored(engine, org, "person")
        scans = stored(engine, org, "scan")
        outcomes.append(
            (
                merges_of(engine, org),
                live(people),
                {scan_id: s["person_id"] for scan_id, s in scans.items()},
                {r["person_id"] for r in live(stored(engine, org, "registration")).values()},
            )
        )
    assert outcomes[0] == outcomes[1]
    merged, people, scan_people, registered = outcomes[0]
    assert merged == {(second, first, "national_id")} and set(people) == {first}
    assert set(scan_people.values()) == {first} and registered == {first}


def test_same_mobile_and_same_name_are_merged(engine, laptops):
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, mobile=MOBILE)
    second = b.walk_in(event_id, SAME_NAME_OTHER_SPELLING, mobile=MOBILE, national_id=NATIONAL_ID)
    caller_a, caller_b = enrol(engine, "RUH", "AA11"), enrol(engine, "RUH", "BB22")
    org = caller_a.org_id

    push_all(engine, caller_b, b.ops())
    push_all(engine, caller_a, a.ops())

    people = stored(engine, org, "person")
    assert set(live(people)) == {first}
    assert merges_of(engine, org) == {(second, first, "mobile_and_name")}
    assert people[first]["national_id"] == NATIONAL_ID  # filled from the loser
    assert {s["person_id"] for s in stored(engine, org, "scan").values()} == {first}
    assert stored(engine, org, "conflict") == {}


def test_same_mobile_with_another_name_is_flagged_once_not_merged(engine, laptops):
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, mobile=MOBILE)
    second = b.walk_in(event_id, OTHER_NAME, mobile=MOBILE)
    caller_a, caller_b = enrol(engine, "RUH", "AA11"), enrol(engine, "RUH", "BB22")
    org = caller_a.org_id

    push_all(engine, caller_a, a.ops())
    push_all(engine, caller_b, b.ops())
    b.services.people.update(second, PersonInput(OTHER_NAME, mobile=MOBILE, notes="أخت أحمد"))
    push_all(engine, caller_b, b.ops())  # the person changed again: checked again, not flagged again

    assert set(live(stored(engine, org, "person"))) == {first, second}
    assert merges_of(engine, org) == set()
    conflicts = list(stored(engine, org, "conflict").values())
    assert len(conflicts) == 1
    flag = conflicts[0]
    assert (flag["table_name"], flag["row_id"], flag["field"]) == ("person", first, "possible_duplicate")
    assert (flag["kept_value"]["id"], flag["kept_value"]["full_name"]) == (first, NAME)
    assert (flag["lost_value"]["id"], flag["lost_value"]["full_name"]) == (second, OTHER_NAME)


def test_later_ops_on_the_loser_follow_the_survivor_and_never_revive_it(engine, laptops):
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    second = b.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    caller_a, caller_b = enrol(engine, "RUH", "AA11"), enrol(engine, "RUH", "BB22")
    org = caller_a.org_id
    push_all(engine, caller_a, a.ops())
    push_all(engine, caller_b, b.ops())

    # Laptop B has not pulled yet: it checks its own row out and edits it.
    b.scan(event_id, second)
    b.services.people.update(second, PersonInput(NAME, national_id=NATIONAL_ID, notes="جاء مع أخيه"))
    push_all(engine, caller_b, b.ops())
    # ...and later sends its whole row again (a re-baseline), still alive on that laptop.
    with b.store.reader() as s:
        row = row_payload(s.get(Person, second))
    push_all(engine, caller_b, [Op(uuid7(), "person", second, "insert", row["updated_hlc"], row)])

    people = stored(engine, org, "person")
    assert set(live(people)) == {first} and people[second]["deleted"]
    assert not [c for c in stored(engine, org, "conflict").values() if c["field"] == "deleted"]
    scans = stored(engine, org, "scan")
    assert len(scans) == 3 and {s["person_id"] for s in scans.values()} == {first}

    # Attendance from the server's scans: one stay, from A's check-in to B's check-out.
    event = stored(engine, org, "event")[event_id]
    rules = EventRules(
        dt.datetime.fromisoformat(event["starts_at"]), dt.datetime.fromisoformat(event["ends_at"])
    )
    by_person: dict[str, list[ScanFact]] = {}
    for scan_id, s in scans.items():
        fact = ScanFact(scan_id, s["direction"], dt.datetime.fromisoformat(s["at"]))
        by_person.setdefault(s["person_id"], []).append(fact)
    assert list(by_person) == [first]
    stay = compute_attendance(rules, by_person[first])
    ins = sorted(f.at for f in by_person[first] if f.direction == "in")
    out = [f.at for f in by_person[first] if f.direction == "out"]
    assert len(stay.intervals) == 1 and (stay.intervals[0].start, stay.intervals[0].end) == (ins[0], out[0])
    assert stay.state == "out" and "duplicate_checkin" in stay.flags  # B's check-in counted once


def test_merges_chain_to_the_first_person(engine, laptops):
    a, b, c = laptops(3)
    event_id = shared_event([a, b, c])
    oldest = a.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    middle = b.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    newest = c.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    callers = [enrol(engine, "RUH", code) for code in ("AA11", "BB22", "CC33")]
    org = callers[0].org_id

    push_all(engine, callers[1], b.ops())
    push_all(engine, callers[2], c.ops())  # newest merged into middle
    push_all(engine, callers[0], a.ops())  # middle (with what it took from newest) into oldest
    c.scan(event_id, newest)  # C still knows only its own row
    push_all(engine, callers[2], c.ops())

    assert merges_of(engine, org) == {(newest, middle, "national_id"), (middle, oldest, "national_id")}
    assert set(live(stored(engine, org, "person"))) == {oldest}
    scans = stored(engine, org, "scan")
    assert len(scans) == 4 and {s["person_id"] for s in scans.values()} == {oldest}
    registrations = stored(engine, org, "registration")
    assert {r["person_id"] for r in registrations.values()} == {oldest} and len(live(registrations)) == 1


def test_a_person_edited_into_a_duplicate_is_merged_and_keeps_one_registration(engine, laptops):
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    second = b.walk_in(event_id, OTHER_NAME, mobile=OTHER_MOBILE)
    caller_a, caller_b = enrol(engine, "RUH", "AA11"), enrol(engine, "RUH", "BB22")
    org = caller_a.org_id
    push_all(engine, caller_b, b.ops())
    push_all(engine, caller_a, a.ops())
    assert set(live(stored(engine, org, "person"))) == {first, second}
    [first_registration] = [
        k for k, r in stored(engine, org, "registration").items() if r["person_id"] == first
    ]

    b.services.people.update(second, PersonInput(OTHER_NAME, national_id=NATIONAL_ID, mobile=OTHER_MOBILE))
    push_all(engine, caller_b, b.ops())

    assert merges_of(engine, org) == {(second, first, "national_id")}
    registrations = stored(engine, org, "registration")
    assert {r["person_id"] for r in registrations.values()} == {first}
    assert set(live(registrations)) == {first_registration}  # the later one is deleted


def test_a_merge_sent_back_by_a_laptop_is_followed_within_its_batch(engine, laptops):
    """A server restored from an older backup gets its merges back from the laptops' re-baseline."""
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    second = b.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    ruh_a, ruh_b = enrol(engine, "RUH", "AA11"), enrol(engine, "RUH", "BB22")
    ops_a, ops_b = a.ops(), b.ops()
    push_all(engine, ruh_a, ops_a)
    push_all(engine, ruh_b, ops_b)
    with read_session(engine) as s:
        fact = s.scalars(select(SyncRow).where(SyncRow.table_name == "person_merge")).one()
        payload = {**json.loads(fact.data), "id": fact.row_id, "created_hlc": fact.created_hlc}
        merge_op = Op(uuid7(), "person_merge", fact.row_id, "insert", fact.created_hlc, payload)
    scan_a, scan_b = (next(op for op in ops if op.table == "scan") for ops in (ops_a, ops_b))
    # JED plays a server restored from a backup that holds B's person and registration only.
    jed = enrol(engine, "JED", "BB22")
    push_all(engine, jed, [op for op in ops_b if op is not scan_b])

    push_all(engine, jed, [scan_a, merge_op, scan_b])  # the merges were read before the merge came

    assert merges_of(engine, jed.org_id) == {(second, first, "national_id")}
    assert stored(engine, jed.org_id, "person")[second]["deleted"]  # the merge is made again
    assert [r["person_id"] for r in stored(engine, jed.org_id, "registration").values()] == [first]
    assert [s["person_id"] for s in stored(engine, jed.org_id, "scan").values()] == [first, first]


def test_two_rows_of_one_person_in_one_batch_are_merged(engine, laptops):
    """A batch can hold both (a re-baseline after a server restore sends every row a laptop holds,
    pulled ones included); the push writes new rows at its end, yet the second finds the first."""
    a, b = laptops(2)
    event_id = shared_event([a, b])
    first = a.walk_in(event_id, NAME, national_id=NATIONAL_ID)
    second = b.walk_in(event_id, NAME, national_id=NATIONAL_ID, mobile=MOBILE)
    caller = enrol(engine, "RUH", "AA11")

    push_all(engine, caller, a.ops() + b.ops())

    assert merges_of(engine, caller.org_id) == {(second, first, "national_id")}
    people = stored(engine, caller.org_id, "person")
    assert set(live(people)) == {first} and people[first]["mobile"] == people[second]["mobile"]
    assert {s["person_id"] for s in stored(engine, caller.org_id, "scan").values()} == {first}


def test_a_survivor_that_gains_a_mobile_is_merged_again(engine, laptops):
    a, b, c = laptops(3)
    event_id = shared_event([a, b, c])
    oldest = a.walk_in(event_id, NAME, mobile=MOBILE)  # no national id
    middle = c.walk_in(event_id, NAME, national_id=NATIONAL_ID)  # no mobile
    newest = b.walk_in(event_id, NAME, national_id=NATIONAL_ID, mobile=MOBILE)
    callers = [enrol(engine, "RUH", code) for code in ("AA11", "BB22", "CC33")]
    org = callers[0].org_id

    push_all(engine, callers[0], a.ops())
    push_all(engine, callers[2], c.ops())
    push_all(engine, callers[1], b.ops())  # newest into middle, which gains the mobile of oldest

    assert merges_of(engine, org) == {(newest, middle, "national_id"), (middle, oldest, "mobile_and_name")}
    people = stored(engine, org, "person")
    assert set(live(people)) == {oldest} and people[oldest]["national_id"] == NATIONAL_ID


def resent_rows(engine, org_id: str) -> list[Op]:
    """Every row a laptop holds once it pulled everything, as its re-baseline sends them after a
    server restore (whole rows, people and merges first)."""
    with read_session(engine) as s:
        rows = s.scalars(select(SyncRow).where(SyncRow.org_id == org_id, SyncRow.kind != "conflict")).all()
        rows.sort(key=lambda r: (r.table_name not in ("person", "person_merge"), r.table_name, r.row_id))
        return [
            Op(
                uuid7(),
                r.table_name,
                r.row_id,
                "insert",
                r.updated_hlc,
                {
                    **json.loads(r.data),
                    "id": r.row_id,
                    "device_id": r.device_id,
                    "created_hlc": r.created_hlc,
                    "updated_hlc": r.updated_hlc,
                    "field_hlc": json.loads(r.field_hlc),
                    "server_version": None,
                },
            )
            for r in rows
        ]


def test_a_restored_server_takes_the_merge_back_from_resent_rows(engine, laptops):
    a, b = laptops(2)
    event_id = shared_event([a, b])
    b.walk_in(event_id, NAME, national_id=NATIONAL_ID)  # the survivor
    a.walk_in(event_id, NAME, national_id=NATIONAL_ID, mobile=MOBILE)
    ops_a, ops_b = a.ops(), b.ops()
    ruh = [enrol(engine, "RUH", code) for code in ("AA11", "BB22")]
    push_all(engine, ruh[0], ops_a)
    push_all(engine, ruh[1], ops_b)
    # JED plays the same server restored from a backup taken before laptop B's sync: A's rows only.
    # The survivor comes back while the loser is still alive there: the merge is made again.
    jed = enrol(engine, "JED", "AA11")
    push_all(engine, jed, ops_a)

    push_all(engine, jed, resent_rows(engine, ruh[0].org_id))  # no conflict: the same merge, the same fact

    for table in ("person", "person_merge", "registration", "scan"):
        assert stored(engine, jed.org_id, table) == stored(engine, ruh[0].org_id, table), table
    assert stored(engine, jed.org_id, "conflict") == {}
