"""The laptop's SQLite engine: its pragmas, and the store's error. Imports nothing else from the store.

The bottom of the store's layers (engine ← models ← unit_of_work ← search_index ← db, and
engine/backup ← migrate ← db): every other store module may import this one, this one none of them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from fieldapp.core.errors import FieldAppError


class StoreError(FieldAppError):
    """The database cannot be used as it is (newer version, corrupt, not a FieldApp database)."""


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a laptop battery dies; a check-in the desk showed as saved must survive it.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA cache_size=-32000")  # 32 MB page cache
    cursor.close()


def _foreign_keys_back_on(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """A pulled page is written with foreign keys off (store.remote); no connection goes back to
    the pool that way."""
    if dbapi_connection is not None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file at `path`, every connection with the laptop's pragmas."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "checkin", _foreign_keys_back_on)
    return engine


def is_not_a_database(error: BaseException) -> bool:
    """True when SQLite said the file is not a database at all (SQLITE_NOTADB), and only then."""
    orig = getattr(error, "orig", error)  # a SQLAlchemy DBAPIError wraps the sqlite3 error
    if not isinstance(orig, sqlite3.DatabaseError):
        return False
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        return code == sqlite3.SQLITE_NOTADB
    return "file is not a database" in str(orig)
