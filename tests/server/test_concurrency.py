"""Single use of an enrolment code under concurrent requests, and SQLite's one writer."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from fieldapp.server import devices
from fieldapp.server.db import make_engine, write_session
from fieldapp.server.errors import ServerError
from tests.server.conftest import enroll_body, new_code


def race(engine, code: str, short_prefix: str, n: int = 4) -> list[str]:
    """`n` threads enrol different laptops with ONE code at the same moment; their outcomes."""
    barrier = threading.Barrier(n)
    outcomes: list[str] = []

    def attempt(i: int) -> None:
        body = enroll_body(code, short_code=f"{short_prefix}{i}")
        barrier.wait()
        try:
            devices.enroll(engine, devices.EnrollRequest(**body))
            outcomes.append("ok")
        except ServerError as exc:
            outcomes.append(exc.key)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return outcomes


def test_one_code_four_concurrent_enrolments_exactly_one_wins(migrated_db):
    engine = make_engine(migrated_db)
    try:
        for round_ in range(5):
            outcomes = race(engine, new_code(migrated_db), f"C{round_}")
            assert sorted(outcomes) == ["enroll.code_used"] * 3 + ["ok"], outcomes
    finally:
        engine.dispose()


def test_sqlite_write_transactions_take_the_write_lock_at_begin(tmp_path):
    path = tmp_path / "server.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with write_session(engine):
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
    finally:
        engine.dispose()
