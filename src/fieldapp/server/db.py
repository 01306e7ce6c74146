"""The server's database: which URL, the engine (SQLite pragmas, one writer), sessions.

URL, in order: `--db URL`, FIELDAPP_SERVER_DB, else SQLite at DATA_DIR/server.db. PostgreSQL is
`postgresql+psycopg://user@host/db`. On SQLite every connection runs in WAL with synchronous=FULL,
foreign keys on and a busy timeout, and a write transaction opens with BEGIN IMMEDIATE so two
writers queue instead of failing halfway (SQLITE_BUSY on lock upgrade).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session

ENV_DB = "FIELDAPP_SERVER_DB"
DB_FILE_NAME = "server.db"


def resolve_db_url(explicit: str | None, data_dir: Path | None) -> str:
    if explicit:
        return explicit
    if os.environ.get(ENV_DB):
        return os.environ[ENV_DB]
    if data_dir is None:
        raise ValueError("no database URL and no data directory")
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / DB_FILE_NAME}"


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def _sqlite_begin(conn: Any) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get("fieldapp_write") else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: committed on success, rolled back on any exception."""
    with engine.connect() as conn:
        conn.execution_options(fieldapp_write=True)
        with Session(bind=conn, expire_on_commit=False) as session, session.begin():
            session.connection()  # BEGIN (IMMEDIATE on SQLite) now, before the first read
            yield session


@contextmanager
def read_session(engine: Engine, snapshot: bool = False) -> Iterator[Session]:
    """A read transaction. snapshot=True: every statement sees the same committed state (SQLite's
    read transactions always do; PostgreSQL's default sees each statement's own)."""
    with engine.connect() as conn:
        if snapshot and not is_sqlite(engine):
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with Session(bind=conn) as session, session.begin():
            yield session
