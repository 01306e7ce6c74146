"""Opening the local SQLite database: pragmas, migrations (with a backup first), device identity.

store = Store.open(path)
with store.session("sara") as s:      # commits on success, rolls back on error
    s.add(Person(...))

The laptop's hooks (stamping, outbox and audit: store.unit_of_work; the person search index:
store.search_index) are installed on this Store's own session factory, so every write through
the Store gets them and no other session in the process does (the central server's included).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.store import migrate, search_index, unit_of_work
from fieldapp.store.engine import (
    FOREIGN_KEYS_OFF,
    WRITE,
    StoreError,
    make_engine,
    make_private,
    private_dir,
    storage_problem,
)
from fieldapp.store.models import Device, Outbox
from fieldapp.sync.hlc import HybridLogicalClock
from fieldapp.sync.ids import uuid7

__all__ = ["Store", "StoreError", "make_engine", "store_of"]

log = logging.getLogger("fieldapp.store")


class Store:
    """The open local database of one data directory."""

    def __init__(
        self, path: Path, engine: Engine, device_id: str, device_code: str, clock: HybridLogicalClock
    ):
        self.path = path
        self.engine = engine
        self.device_id = device_id
        self.device_code = device_code
        self.clock = clock
        self._factory = sessionmaker(bind=engine, expire_on_commit=False, info={"store": self})
        # Units of work take the write lock at BEGIN (store.engine._begin); readers never do.
        self._writer = engine.execution_options(**{WRITE: True})
        unit = unit_of_work.install(self._factory, clock, device_id)
        search_index.install(self._factory, unit)

    @classmethod
    def open(cls, path: Path | str, backups_dir: Path | None = None) -> Store:
        """Open (creating if needed) and migrate the database; refuse a newer or broken one, and
        say plainly when the disk refuses (full, read-only, no permission)."""
        path = Path(path)
        try:
            return cls._open(path, backups_dir or path.parent / "backups")
        except (OSError, sqlite3.Error, DBAPIError) as exc:
            problem = storage_problem(exc, path)
            if problem is None:
                raise
            raise problem from exc

    @classmethod
    def _open(cls, path: Path, backups_dir: Path) -> Store:
        private_dir(path.parent)
        migrate.upgrade(path, backups_dir)
        engine = make_engine(path)
        device_id, device_code = _ensure_device(engine)
        with engine.connect() as conn:
            last = conn.execute(select(Outbox.hlc).order_by(Outbox.seq.desc()).limit(1)).scalar()
            stored = conn.execute(select(Device.last_hlc)).scalar()
        for suffix in ("", "-wal", "-shm"):  # other local users may not read the people in it
            make_private(path.with_name(path.name + suffix))
        clock = HybridLogicalClock(device_id, last=max(filter(None, [last, stored]), default=None))
        return cls(path, engine, device_id, device_code, clock)

    @contextlib.contextmanager
    def session(
        self, user_name: str, bulk_audit: str | None = None, foreign_keys: bool = True
    ) -> Iterator[Session]:
        """A unit of work: everything inside commits together (changes, outbox, audit) or not at all.

        It holds SQLite's write lock from the moment it opens (BEGIN IMMEDIATE), so what it reads
        and what it then writes are one serialized step, even against another process.
        foreign_keys=False: rows written as the server has them (a pulled page), unchecked."""
        session = self._factory(bind=self._writer)
        session.info[unit_of_work.USER] = user_name
        if bulk_audit:
            session.info[unit_of_work.BULK_AUDIT] = bulk_audit
        try:
            session.connection(execution_options=None if foreign_keys else {FOREIGN_KEYS_OFF: True})
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only session (never commits)."""
        session = self._factory()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        """Save the clock and fold the WAL into the file; then let go of every connection.

        Neither step is needed for the data to be safe (the WAL is durable, and the next open
        takes the clock from the outbox too): a failure (the disk is full or gone, another process
        holds a lock) is logged with its traceback and the store still closes.
        """
        try:
            with self.engine.connect() as conn:
                conn.execute(text("UPDATE device SET last_hlc = :h"), {"h": self.clock.now()})
                conn.commit()
                # Only when nobody is in the way: a TRUNCATE checkpoint holds the writer lock while
                # it waits for readers, so with another process's long read (an export) it would
                # stall every scan of every process for the whole busy timeout (10 s). On the
                # driver's connection: outside any transaction, as a checkpoint must run.
                raw = conn.connection.dbapi_connection
                raw.execute("PRAGMA busy_timeout=0")
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except DBAPIError:
            log.warning(
                "closing %s: could not save the clock or checkpoint the WAL", self.path, exc_info=True
            )
        finally:
            self.engine.dispose()


def store_of(session: Session) -> Store:
    """The Store that made `session`."""
    return session.info["store"]


def _ensure_device(engine: Engine) -> tuple[str, str]:
    with Session(engine.execution_options(**{WRITE: True})) as session:
        device = session.scalar(select(Device))
        if device is None:
            # Short code: 4 characters people can read aloud (no 0/O, 1/I), unique enough per org.
            alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
            code = "".join(secrets.choice(alphabet) for _ in range(4))
            device = Device(id=uuid7(), short_code=code, created_at=dt.datetime.now(dt.UTC))
            session.add(device)
            session.commit()
        return device.id, device.short_code
