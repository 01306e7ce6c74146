"""The commit-order hole on PostgreSQL (SYNC.md "The cursor on PostgreSQL"): no row is ever skipped.

A pull cursor is "the highest version seen". If versions were handed out without one writer per
organisation, a transaction could take version 5, pause, and commit after another took 6 and
committed: a laptop pulling in between saves cursor 6 and never sees 5. The push takes the
organisation's org_sync row first, so versions become visible in the order they were given.

Here 8 pushers (threads, one laptop each) push batches of scans into ONE organisation through
push.push itself; every write transaction pauses 0-30 ms just before its COMMIT (an engine
"commit" event, test-only), i.e. after taking its versions. A puller loops over feed.changes,
saving the cursor as a laptop does. Every row must be seen exactly once.

The same run with versions from a plain counter (a PostgreSQL sequence) taken WITHOUT the lock
skips rows: that variant is asserted to fail, so this test proves the lock matters. Its skips
depend on thread timing, so it gets up to 5 rounds to show one (in practice the first does).

PostgreSQL only: on SQLite, BEGIN IMMEDIATE serialises whole write transactions, so the hole
cannot open there.
"""

from __future__ import annotations

import json
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable

import pytest
from sqlalchemy import event, text, update

from fieldapp.server import admin, devices, feed, push
from fieldapp.server.db import make_engine, write_session
from fieldapp.server.models import OrgSync, SyncRow
from tests.server.conftest import enroll_body, new_code
from tests.server.test_security import insert_op, scan_payload

pytestmark = pytest.mark.parametrize("server_db", ["postgresql"], indirect=True)

PUSHERS = 8
BATCHES = 6
OPS_PER_BATCH = 4
PAGE_ROWS = 7  # small pages: the puller also follows `more`
MAX_PAUSE_S = 0.03


def pause_before_every_write_commit(engine) -> None:
    """Hold each write transaction open a random 0-30 ms after its last statement."""

    @event.listens_for(engine, "commit")
    def _pause(conn) -> None:
        if conn.get_execution_options().get("fieldapp_write"):
            time.sleep(random.uniform(0, MAX_PAUSE_S))


def laptops(engine, db_url: str, org: str, n: int) -> list[devices.Caller]:
    callers = []
    for i in range(n):
        body = enroll_body(new_code(db_url, org), short_code=f"P{i}")
        token, *_ = devices.enroll(engine, devices.EnrollRequest(**body))
        callers.append(devices.authenticate(engine, token))
    return callers


def run(
    write_batch: Callable[[devices.Caller, list[str]], None],
    pushers: list[devices.Caller],
    pull_engine,
    puller: devices.Caller,
) -> tuple[set[str], Counter]:
    """Push concurrently while one laptop pulls; (ids written, how often the puller saw each id)."""
    written: set[str] = set()
    seen: Counter = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()
    done = threading.Event()

    def pusher(caller: devices.Caller) -> None:
        try:
            for _ in range(BATCHES):
                ids = [str(uuid.uuid4()) for _ in range(OPS_PER_BATCH)]
                write_batch(caller, ids)
                with lock:
                    written.update(ids)
        except BaseException as exc:
            errors.append(exc)

    def pull_once(cursor: int) -> int:
        while True:  # a laptop's pull: pages until `more` is false, saving the cursor after each
            page = json.loads(feed.changes(pull_engine, puller, cursor, PAGE_ROWS))
            seen.update(row["id"] for row in page["rows"])
            cursor = page["cursor"]
            if not page["more"]:
                return cursor

    def puller_loop() -> None:
        cursor = 0
        try:
            while not done.is_set():
                cursor = pull_once(cursor)
            pull_once(cursor)  # every pusher has committed: one last pull
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=pusher, args=(c,)) for c in pushers]
    reader = threading.Thread(target=puller_loop)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    done.set()
    reader.join(60)
    assert not any(t.is_alive() for t in [*threads, reader]), "a thread hung"
    assert not errors, errors
    return written, seen


def test_concurrent_pushes_with_the_org_lock_never_skip_a_row(migrated_db):
    engine, pull_engine = make_engine(migrated_db), make_engine(migrated_db)
    try:
        callers = laptops(engine, migrated_db, "RUH", PUSHERS)
        pause_before_every_write_commit(engine)

        def push_batch(caller: devices.Caller, ids: list[str]) -> None:
            ops = [insert_op("scan", scan_payload(i, caller.device_id, str(uuid.uuid4()), "")) for i in ids]
            answers = push.push(engine, caller, [push.Op(**o) for o in ops])
            assert [a.status for a in answers] == ["applied"] * len(ids)

        started = time.perf_counter()
        written, seen = run(push_batch, callers, pull_engine, callers[0])
        assert len(written) == PUSHERS * BATCHES * OPS_PER_BATCH
        skipped = written - set(seen)
        assert not skipped, f"{len(skipped)} rows never reached the puller"
        assert set(seen) == written and set(seen.values()) == {1}, "a row was pulled twice"
        page = json.loads(feed.changes(pull_engine, callers[0], 0, 1000))
        assert [r["version"] for r in page["rows"]] == list(range(1, len(written) + 1))  # no holes
        assert time.perf_counter() - started < 30
    finally:
        engine.dispose()
        pull_engine.dispose()


def test_versions_from_a_counter_without_the_lock_do_skip_rows(migrated_db):
    """The control: the same run, versions from a sequence taken without the organisation lock."""
    engine, pull_engine = make_engine(migrated_db), make_engine(migrated_db)
    try:
        admin.create_org(engine, "Broken on purpose", "BRK")
        with engine.begin() as conn:
            conn.execute(text("CREATE SEQUENCE broken_version"))
        callers = laptops(engine, migrated_db, "BRK", PUSHERS)
        pause_before_every_write_commit(engine)

        def unlocked_batch(caller: devices.Caller, ids: list[str]) -> None:
            with write_session(engine) as s:  # push's steps, minus push.lock_org
                top = 0
                for row_id in ids:
                    top = s.scalar(text("SELECT nextval('broken_version')"))
                    stamp = f"{time.time_ns() // 1_000_000:013d}.00000.{caller.device_id}"
                    row = SyncRow(
                        org_id=caller.org_id,
                        table_name="scan",
                        row_id=row_id,
                        version=top,
                        kind="fact",
                        field_hlc="{}",
                        field_version="{}",
                        created_hlc=stamp,
                        updated_hlc=stamp,
                        created_version=top,
                        device_id=caller.device_id,
                    )
                    push.set_data(row, {"note": row_id})
                    s.add(row)
                s.flush()
                s.execute(
                    update(OrgSync)
                    .where(OrgSync.org_id == caller.org_id, OrgSync.version < top)
                    .values(version=top)
                )

        for _round in range(5):
            written, seen = run(unlocked_batch, callers, pull_engine, callers[0])
            assert set(seen) <= written
            if written - set(seen):
                return  # the hole, shown: rows committed behind the cursor were never pulled
        pytest.fail("versions taken without the lock skipped no row in 5 rounds: the control proves nothing")
    finally:
        engine.dispose()
        pull_engine.dispose()
