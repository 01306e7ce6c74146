"""One laptop of the harness, as its own process: `python -m tests.sync.harness.laptop PLAN.json`.

It opens its data directory (its own SQLite), sets its clock off by the plan's offset, does the
plan's races first (before any sync round), then random operations and sync rounds until it is
killed. Test-only instrumentation, installed in this process only:

- kill points: with the plan's probability the process SIGKILLs itself before a push is sent,
  after the server answered a push but before the answer is saved, or halfway through applying
  a pulled page (inside its transaction);
- `break: cursor_first` swaps in a BROKEN apply_page that saves the pull cursor in its own
  transaction before the page's rows (the bug SYNC.md warns of), to prove the checks catch it;
- `poison`: a bad outbox row (an insert into a table no server knows) is written at start.
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import json
import os
import random
import signal
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import update

from fieldapp.config import DataDir
from fieldapp.services import Services
from fieldapp.services.contract import Done, write
from fieldapp.services.sync_round import SyncService
from fieldapp.services.sync_steps import _topics
from fieldapp.store import remote
from fieldapp.store.db import Store
from fieldapp.store.models import Outbox, SyncState
from fieldapp.store.unit_of_work import APPLYING_REMOTE
from fieldapp.sync.client import SyncClient
from fieldapp.sync.ids import uuid7
from tests.sync.harness.ops import ACTOR, Journal, Laptop

POISON_TABLE = "no_such_table"


def set_clock(store: Store, offset_ms: int) -> None:
    """The laptop's wall clock, off by `offset_ms` (its HLC still never goes backwards)."""
    store.clock._wall_ms = lambda: time.time_ns() // 1_000_000 + offset_ms


def install_kill_points(points: dict[str, float], seed: int, journal: Journal) -> None:
    rng = random.Random(seed)

    def maybe_kill(point: str) -> None:
        if rng.random() < points.get(point, 0.0):
            journal.write("self_kill", point=point)
            os.kill(os.getpid(), signal.SIGKILL)

    original_push = SyncClient.push

    def push(self: SyncClient, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        maybe_kill("before_push")
        answers = original_push(self, ops)
        maybe_kill("after_push")  # the server committed; the laptop has not saved the answers
        return answers

    original_apply_rows = remote.apply_rows

    def apply_rows(connection: Any, rows: list[dict[str, Any]]) -> remote.Applied:
        applied = original_apply_rows(connection, rows)
        if rows:
            maybe_kill("mid_page")  # inside the page's transaction, before its commit
        return applied

    SyncClient.push = push
    remote.apply_rows = apply_rows


@write
def apply_page_cursor_first(self: SyncService, rows: list, cursor_before: int, cursor_after: int):
    """BROKEN on purpose: the cursor is committed before the rows (PouchDB #1240)."""
    with self.transaction() as session:
        session.execute(update(SyncState).where(SyncState.id == 1).values(pull_cursor=cursor_after))
    with self.transaction() as session:
        session.info[APPLYING_REMOTE] = True
        applied = remote.apply_rows(session.connection(), rows)
    if applied.max_hlc:
        self.store.clock.observe(applied.max_hlc)
    return Done(_topics(applied.tables), applied)


BREAKS = {"cursor_first": lambda: setattr(SyncService, "apply_page", apply_page_cursor_first)}


def write_poison(store: Store, journal: Journal) -> None:
    op_id, row_id = uuid7(), uuid7()
    with store.engine.begin() as conn:
        conn.execute(
            Outbox.__table__.insert(),
            {
                "op_id": op_id,
                "table_name": POISON_TABLE,
                "row_id": row_id,
                "kind": "insert",
                "hlc": store.clock.now(),
                "payload": {"id": row_id, "what": "poison"},
                "created_at": dt.datetime.now(dt.UTC),
                "status": "pending",
                "detail": "",
            },
        )
    journal.write("poison", op_id=op_id)


def main(argv: list[str]) -> int:
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 PID` prints where a laptop is stuck
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    journal = Journal(Path(plan["journal"]))
    data = DataDir(Path(plan["data_dir"]))
    store = Store.open(data.database, data.backups)
    set_clock(store, plan["offset_ms"])
    install_kill_points(plan.get("kill_points", {}), plan["seed"] + 1, journal)
    if plan.get("break"):
        BREAKS[plan["break"]]()
    journal.write("start", life=plan["life"], offset_ms=plan["offset_ms"], break_=plan.get("break"))
    laptop = Laptop(Services(store, ACTOR), plan, journal)
    try:
        if plan.get("poison"):
            write_poison(store, journal)
        laptop.races()
        pause = plan.get("pause_s", 0.02)
        while True:
            laptop.step()
            time.sleep(laptop.rng.uniform(0, pause))
    except Exception as exc:  # a bug: written down for the checks, then the process stops
        laptop.crash(exc)
        return 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
