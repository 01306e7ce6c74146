"""The laptop's hooks belong to the laptop Store alone; a flush and insert_many write the same rows.

The central server opens the same models on its own engine (PostgreSQL): none of the laptop's
stamping, outbox, audit or SQLite FTS5 statements may run on its sessions. A second engine on a
plain SQLite file stands in for it here, in the same process as a laptop Store.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.store import search_index
from fieldapp.store.models import AuditEntry, Base, Event, Outbox, Person, Scan
from fieldapp.store.unit_of_work import insert_many

NOW = dt.datetime(2025, 9, 23, 9, 0, tzinfo=dt.UTC)
GIVEN = {"device_id": "server", "created_hlc": "given-1", "updated_hlc": "given-1", "server_version": 7}


@pytest.fixture
def plain(tmp_path):
    """A plain engine (no laptop pragmas, no hooks) on a fresh file, recording every SQL statement."""
    engine = create_engine(f"sqlite:///{tmp_path / 'server.db'}")
    statements: list[str] = []

    @event.listens_for(engine, "connect")
    def _trace(dbapi_connection, _record):  # sees raw-cursor SQL too (the index writes through one)
        dbapi_connection.set_trace_callback(statements.append)

    Base.metadata.create_all(engine)
    statements.clear()
    yield engine, statements
    engine.dispose()


def _count(session: Session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("make_session", ["sessionmaker", "Session"])
def test_a_second_engine_gets_none_of_the_laptop_hooks(store, plain, make_session):
    engine, statements = plain
    factory = sessionmaker(bind=engine) if make_session == "sessionmaker" else lambda: Session(engine)
    with factory() as session:
        person = Person(id="p1", full_name="نورة", field_hlc={"full_name": "given-0"}, **GIVEN)
        ev = Event(id="e1", title="حفل", starts_at=NOW, ends_at=NOW, field_hlc={}, **GIVEN)
        session.add_all([person, ev])
        session.flush()
        session.add(Scan(id="s1", person_id="p1", event_id="e1", direction="in", at=NOW, method="x", **GIVEN))
        session.commit()
    with factory() as session:
        session.get(Person, "p1").full_name = "نورة القحطاني"
        session.get(Scan, "s1").direction = "out"  # a fact: the laptop's hooks would refuse the edit
        session.commit()
        session.delete(session.get(Scan, "s1"))  # and the delete
        session.commit()
    with factory() as session:
        person = session.get(Person, "p1")
        assert (person.device_id, person.created_hlc, person.updated_hlc) == ("server", "given-1", "given-1")
        assert person.field_hlc == {"full_name": "given-0"} and person.full_name == "نورة القحطاني"
        assert session.get(Scan, "s1") is None
        assert _count(session, Outbox) == 0 and _count(session, AuditEntry) == 0
    assert statements and not [sql for sql in statements if search_index.FTS_TABLE in sql]

    with store.session("sara") as session:  # the laptop store in the same process still has them all
        session.add(Person(id="p2", full_name="عبدالله الزايدي", **GIVEN))
    with store.reader() as session:
        laptop = session.get(Person, "p2")
        assert laptop.device_id == store.device_id and laptop.created_hlc != "given-1"
        assert [(o.row_id, o.kind) for o in session.scalars(select(Outbox))] == [("p2", "insert")]
        assert [a.action for a in session.scalars(select(AuditEntry))] == ["insert"]
        indexed = session.connection().exec_driver_sql(f"SELECT person_id FROM {search_index.FTS_TABLE}")
        assert [row[0] for row in indexed] == ["p2"]


def test_insert_many_needs_a_session_of_the_laptop_store(plain):
    engine, _ = plain
    with Session(engine) as session, pytest.raises(RuntimeError, match="laptop Store"):
        insert_many(session, Person, [{"full_name": "نورة"}])


def _op_shape(op: Outbox) -> dict:
    """An outbox row without what differs between any two rows (ids, stamps, times)."""
    stamps = {"id", "created_hlc", "updated_hlc"}
    return {
        "columns": (op.table_name, op.kind, op.status, op.detail, op.sent_at),
        "payload": {k: v for k, v in op.payload.items() if k not in stamps},
        "row_is_the_payload_id": op.row_id == op.payload["id"],
        "hlc_is_the_created_hlc": op.hlc == op.payload["created_hlc"],
    }


def _audit_shape(entry: AuditEntry) -> tuple:
    return entry.device_id, entry.user_name, entry.action, entry.table_name, entry.detail


def _outbox_and_audit(store) -> tuple[list[Outbox], list[AuditEntry]]:
    with store.reader() as session:
        ops = session.scalars(select(Outbox).order_by(Outbox.seq)).all()
        audits = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        session.expunge_all()  # keep the loaded values readable after the reader ends
    return ops, audits


def test_a_flush_and_insert_many_write_the_same_outbox_and_audit_rows(store):
    with store.session("sara") as session:
        session.add(Person(full_name="نورة", national_id="1000000008"))
    with store.session("sara") as session:
        insert_many(session, Person, [{"full_name": "نورة", "national_id": "1000000008"}])
    (by_flush, by_bulk), (audit_flush, audit_bulk) = _outbox_and_audit(store)
    assert _op_shape(by_flush) == _op_shape(by_bulk)
    assert set(by_flush.payload) == set(by_bulk.payload)
    assert (
        _audit_shape(audit_flush)
        == _audit_shape(audit_bulk)
        == (store.device_id, "sara", "insert", "person", "")
    )
    assert (audit_flush.row_id, audit_bulk.row_id) == (by_flush.row_id, by_bulk.row_id)


def test_a_bulk_flush_and_a_bulk_insert_many_write_the_same_summary(store):
    with store.session("sara", bulk_audit="roster.csv") as session:
        session.add_all([Person(full_name="نورة"), Person(full_name="سعد")])
    with store.session("sara", bulk_audit="roster.csv") as session:
        insert_many(session, Person, [{"full_name": "نورة"}, {"full_name": "سعد"}])
    ops, audits = _outbox_and_audit(store)
    assert len(ops) == 4
    assert [(a.action, a.table_name, a.row_id, a.detail) for a in audits] == [
        ("bulk", "person", "", '{"what": "roster.csv", "rows": 2}')
    ] * 2
