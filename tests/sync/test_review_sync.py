"""Review decisions made on one laptop reach the other laptops and the server's own counts (the
admin pages' sync health), through a REAL `fieldapp server` process: "different people" is a synced
fact; keeping or restoring a conflict's value is an edit the server reads as the decision. And the
"ops waiting" a laptop reported at hello shrinks as its push is answered."""

from __future__ import annotations

from fieldapp.server.db import make_engine
from fieldapp.server.web import queries
from fieldapp.services.people import PersonInput
from tests.sync.test_sync_round import laptops, server  # noqa: F401 (fixtures)

MOBILE = "0551234567"


def _health(srv) -> queries.Health:
    engine = make_engine(srv.db_url)
    try:
        org_id = srv.query("SELECT id FROM organisation WHERE code = 'RUH'")[0][0]
        return queries.health(engine, org_id)
    finally:
        engine.dispose()


def test_two_people_marked_different_on_one_laptop_are_settled_everywhere(server, laptops):  # noqa: F811
    a, b = laptops("a", server), laptops("b", server)
    huda = a.services.people.create(PersonInput("هدى القحطاني", mobile=MOBILE)).id
    a.sync()
    reem = b.services.people.create(PersonInput("ريم العتيبي", mobile=MOBILE)).id
    b.sync()  # the server flags the pair (one mobile, two names) and b pulls the flag
    a.sync()
    for lap in (a, b):
        [item] = lap.services.review.duplicates()
        assert {item.first.id, item.second.id} == {huda, reem}
    assert _health(server).duplicates == 1

    a.services.review.different(a.services.review.duplicates()[0].seq)
    assert a.services.review.counts().duplicates == 0
    a.sync()
    assert _health(server).duplicates == 0  # the server's counts know it
    b.sync()
    assert b.services.review.duplicates() == [] and b.services.review.counts().duplicates == 0
    # Both people stay, on both laptops, and the fact is one row however often it is decided.
    for lap in (a, b):
        assert lap.services.people.get(huda).mobile == lap.services.people.get(reem).mobile
    assert server.query("SELECT count(*) FROM sync_row WHERE table_name = 'person_distinct'")[0][0] == 1


def test_a_conflict_kept_on_one_laptop_leaves_the_server_counts_and_the_other_laptop(server, laptops):  # noqa: F811
    a, b = laptops("a", server), laptops("b", server)
    person = a.services.people.create(PersonInput("Huda Al-Qahtani", mobile=MOBILE))
    a.sync()
    b.sync()
    a.services.people.update(person.id, PersonInput("Huda Al-Qahtani", mobile=MOBILE, notes="from A"))
    b.services.people.update(person.id, PersonInput("Huda Al-Qahtani", mobile=MOBILE, notes="from B"))
    a.sync()
    b.sync()
    a.sync()
    assert _health(server).conflicts == 1
    [conflict] = b.services.review.conflicts()
    b.services.review.restore(conflict.seq)  # A's lost value back, as a new edit
    b.sync()
    assert _health(server).conflicts == 0
    a.sync()
    assert a.services.review.conflicts() == []
    assert a.services.people.get(person.id).notes == "from A"


def test_ops_waiting_on_the_server_shrink_as_the_push_is_answered(server, laptops):  # noqa: F811
    a = laptops("a", server)
    for i in range(5):
        a.services.people.create(PersonInput(f"Volunteer {i}", mobile=f"05500000{i:02d}"))
    assert a.pending() > 5
    a.sync()
    assert a.pending() == 0
    assert server.query("SELECT pending_ops_reported FROM device")[0][0] == 0
    assert _health(server).pending_ops == 0
