"""The server's own Alembic migrations, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from fieldapp.server import migrate
from fieldapp.server.db import make_engine
from fieldapp.server.errors import ServerError

TABLES = {"organisation", "server_state", "device", "enrollment_code", "central_user", "org_sync"}


def test_migrations_create_the_schema_with_their_own_version_table(server_db):
    engine = make_engine(server_db)
    try:
        migrate.upgrade(engine)
        names = set(inspect(engine).get_table_names())
        assert TABLES | {"server_alembic_version"} <= names
        assert "alembic_version" not in names  # never mistaken for a laptop database
        assert migrate.current_revision(engine) == migrate.head_revision() == "0004"
        migrate.upgrade(engine)  # a second start is a no-op
        uniques = {tuple(u["column_names"]) for u in inspect(engine).get_unique_constraints("device")}
        assert ("org_id", "short_code") in uniques
    finally:
        engine.dispose()


def test_a_newer_database_is_refused_and_not_touched(server_db):
    engine = make_engine(server_db)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("UPDATE server_alembic_version SET version_num = '9999'"))
        with pytest.raises(ServerError) as caught:
            migrate.upgrade(engine)
        assert caught.value.key == "server.db_newer"
        assert "9999" in caught.value.message("en")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM server_alembic_version")).scalar() == "9999"
    finally:
        engine.dispose()


def test_a_laptop_database_is_refused(tmp_path):
    from fieldapp.store.db import Store

    Store.open(tmp_path / "fieldapp.db").close()
    engine = make_engine(f"sqlite:///{tmp_path / 'fieldapp.db'}")
    try:
        with pytest.raises(ServerError) as caught:
            migrate.upgrade(engine)
        assert caught.value.key == "server.db_is_laptop"
        assert "server_alembic_version" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_sqlite_runs_with_wal_full_sync_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
