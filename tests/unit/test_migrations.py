"""Migration 0002: an existing roster is backed up, then indexed for search, nothing lost."""

from __future__ import annotations

import sqlite3

from fieldapp.services import Services
from fieldapp.store import migrate
from fieldapp.store.db import Store


def test_upgrade_from_0001_backfills_the_search_index(tmp_path):
    path, backups = tmp_path / "fieldapp.db", tmp_path / "backups"
    migrate.upgrade(path, backups, target="0001")
    con = sqlite3.connect(path)
    with con:
        for i, (name, nid, deleted) in enumerate(
            [
                ("عبدالله بن خميس الزايدي", "1000000008", 0),
                ("إلـــهام الشمري", None, 0),
                ("سعد المحذوف", None, 1),
            ]
        ):
            con.execute(
                "INSERT INTO person (id, full_name, latin_name, national_id, mobile, guardian_consent, notes,"
                " name_key, field_hlc, device_id, created_hlc, updated_hlc, deleted)"
                " VALUES (?, ?, NULL, ?, ?, 0, '', '', '{}', 'dev', 'h', 'h', ?)",
                (f"p{i}", name, nid, f"+96650000000{i}", deleted),
            )
    assert {r[0] for r in con.execute("SELECT name FROM sqlite_master")}.isdisjoint({"person_search"})
    con.close()

    store = Store.open(path, backups)
    try:
        services = Services(store, None)  # reads only
        assert services.people.count() == 2
        assert services.people.get("p0").national_id == "1000000008"  # data intact
        assert [h.person.id for h in services.search.find("زايدي عبد الله")] == ["p0"]
        assert [h.person.id for h in services.search.find("الهام")] == ["p1"]
        assert services.search.find("المحذوف") == []  # tombstones are not indexed
    finally:
        store.close()
    assert list(backups.glob("pre-migration-0001-*.db"))


def test_fresh_database_has_the_index_and_downgrade_removes_it(tmp_path):
    path = tmp_path / "fieldapp.db"
    Store.open(path).close()
    assert migrate.current_revision(path) == migrate.head_revision()
    from alembic import command

    from fieldapp.store.db import make_engine

    engine = make_engine(path)
    config = migrate.alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    engine.dispose()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    con.close()
    assert "person_search" not in tables and "person_search_doc" not in tables and "person" in tables


def test_the_fast_path_head_is_alembics_head():
    from fieldapp.store import migrate

    assert migrate.head_revision() == migrate.HEAD
