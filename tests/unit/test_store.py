"""The local store: pragmas, stamping, outbox in the same transaction, insert-only facts, versions."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import func, select, text

from fieldapp.store.db import Store, StoreError
from fieldapp.store.models import AuditEntry, Event, Outbox, Person, Scan
from fieldapp.store.unit_of_work import InsertOnlyError

NOW = dt.datetime(2025, 9, 23, 9, 0, tzinfo=dt.UTC)


def _event(s):
    e = Event(title="اليوم الوطني 95", starts_at=NOW, ends_at=NOW + dt.timedelta(hours=6))
    s.add(e)
    return e


def test_pragmas_are_durable(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_new_rows_are_stamped_and_queued_in_one_transaction(store):
    with store.session("sara") as s:
        p = Person(full_name="نورة القحطاني", national_id="1000000008")
        s.add(p)
    with store.reader() as r:
        row = r.get(Person, p.id)
        assert len(row.id) == 36 and row.id[14] == "7"  # UUIDv7
        assert row.device_id == store.device_id
        assert row.created_hlc == row.updated_hlc and row.server_version is None
        assert row.field_hlc == {} and row.field_stamp("full_name") == row.created_hlc
        op = r.scalars(select(Outbox)).one()
        assert (op.table_name, op.row_id, op.kind, op.status) == ("person", p.id, "insert", "pending")
        assert op.payload["full_name"] == "نورة القحطاني"
        audit = r.scalars(select(AuditEntry)).one()
        assert (audit.user_name, audit.action, audit.device_id) == ("sara", "insert", store.device_id)


def test_update_queues_only_changed_fields_with_a_newer_hlc(store):
    with store.session("test") as s:
        p = Person(full_name="خالد العتيبي")
        s.add(p)
    with store.session("test") as s:
        s.get(Person, p.id).mobile = "+966501234567"
    with store.reader() as r:
        ops = r.scalars(select(Outbox).order_by(Outbox.seq)).all()
        assert [o.kind for o in ops] == ["insert", "update"]
        assert ops[1].payload["fields"] == {"mobile": "+966501234567"}
        assert ops[1].hlc > ops[0].hlc
        stored = r.get(Person, p.id)
        assert stored.field_hlc == {"mobile": ops[1].hlc} and stored.field_stamp("mobile") == ops[1].hlc
        assert stored.field_stamp("full_name") == stored.created_hlc


def test_a_failed_change_leaves_no_outbox_entry(store):
    with pytest.raises(RuntimeError), store.session("test") as s:
        s.add(Person(full_name="سعد"))
        s.flush()
        raise RuntimeError("power cut before commit")
    with store.reader() as r:
        assert r.scalar(select(func.count()).select_from(Outbox)) == 0
        assert r.scalar(select(func.count()).select_from(Person)) == 0


def test_facts_are_insert_only_and_nothing_synced_is_deleted(store):
    with store.session("test") as s:
        p = Person(full_name="ريم")
        s.add(p)
        e = _event(s)
        s.flush()
        scan = Scan(person_id=p.id, event_id=e.id, direction="in", at=NOW, method="scanner")
        s.add(scan)
    with pytest.raises(InsertOnlyError), store.session("test") as s:
        s.get(Scan, scan.id).direction = "out"
    with pytest.raises(InsertOnlyError), store.session("test") as s:
        s.delete(s.get(Person, p.id))


def test_hlc_survives_a_restart(tmp_path):
    path = tmp_path / "f.db"
    first = Store.open(path)
    with first.session("test") as s:
        s.add(Person(full_name="أحمد"))
    with first.reader() as r:
        last = r.scalars(select(Outbox.hlc)).one()
    first.close()
    second = Store.open(path)
    assert second.device_id == first.device_id
    assert second.clock.now() > last
    second.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "f.db"
    Store.open(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert "newer version" in info.value.message("en")
    assert "أحدث" in info.value.message("ar")
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "f.db"
    path.write_text("not a database at all " * 100)
    with pytest.raises(StoreError):
        Store.open(path)


def test_aware_datetimes_round_trip_as_utc(store):
    riyadh = dt.timezone(dt.timedelta(hours=3))
    with store.session("test") as s:
        e = Event(title="حفل", starts_at=dt.datetime(2025, 3, 30, 9, 0, tzinfo=riyadh), ends_at=NOW)
        s.add(e)
    with store.reader() as r:
        got = r.get(Event, e.id).starts_at
        assert got == dt.datetime(2025, 3, 30, 6, 0, tzinfo=dt.UTC)
        raw = r.execute(text("SELECT starts_at FROM event")).scalar()
        assert raw.startswith("2025-03-30 06:00:00")


def test_insert_many_stamps_queues_and_indexes_like_a_flush(store):
    from fieldapp.services import Services
    from fieldapp.store.unit_of_work import insert_many

    rows = [{"full_name": "عبدالله بن خميس الزايدي", "national_id": "1000000008"}, {"full_name": "نورة"}]
    with store.session("sara", bulk_audit="import roster.csv") as s:
        insert_many(s, Person, rows)
    with store.reader() as r:
        people = r.scalars(select(Person).order_by(Person.created_hlc)).all()
        assert [p.full_name for p in people] == ["عبدالله بن خميس الزايدي", "نورة"]
        assert all(
            p.device_id == store.device_id and p.field_stamp("full_name") == p.created_hlc for p in people
        )
        assert people[0].deleted is False and people[0].notes == ""
        ops = r.scalars(select(Outbox).order_by(Outbox.seq)).all()
        assert [(o.row_id, o.kind) for o in ops] == [(p.id, "insert") for p in people]
        assert ops[0].payload["national_id"] == "1000000008"
        audit = r.scalars(select(AuditEntry)).one()
        assert audit.action == "bulk" and '"rows": 2' in audit.detail
    hits = Services(store, None).search.find("عبد الله الزايدى")
    assert [h.person.full_name for h in hits] == ["عبدالله بن خميس الزايدي"]


def test_an_error_words_a_nested_reason_in_the_language_it_is_read_in():
    from fieldapp.core import i18n
    from fieldapp.core.errors import ValidationError

    i18n.register(
        {"test.outer": ("تعذّر: {reason}", "Failed: {reason}"), "test.inner": ("السبب", "the reason")}
    )
    err = ValidationError("test.outer", reason=lambda lang: i18n.msg("test.inner", lang))
    i18n.set_language("ar")
    assert err.message("en") == "Failed: the reason"
    assert err.message("ar") == "تعذّر: السبب"


def test_only_a_file_that_is_not_a_database_is_called_one(tmp_path):
    from sqlalchemy.exc import OperationalError

    from fieldapp.store import migrate

    junk = tmp_path / "junk.db"
    junk.write_text("not a database at all " * 100)
    with pytest.raises(StoreError) as info:
        migrate.current_revision(junk)
    assert "not a FieldApp database" in info.value.message("en")
    # A database that cannot be opened (here: a directory) is reported as what it is.
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(OperationalError, match="unable to open database file"):
        migrate.current_revision(folder)


def test_a_close_that_cannot_checkpoint_is_logged_and_still_closes(tmp_path, caplog):
    from sqlalchemy import event

    path = tmp_path / "f.db"
    store = Store.open(path)
    store.engine.dispose()
    event.listen(store.engine, "connect", lambda con, _rec: con.execute("PRAGMA busy_timeout=0"))
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        with caplog.at_level("WARNING", logger="fieldapp.store"):
            store.close()
    finally:
        holder.rollback()
        holder.close()
    [record] = [r for r in caplog.records if r.name == "fieldapp.store"]
    assert "database is locked" in str(record.exc_info[1])
    assert store.engine.pool.checkedout() == 0
