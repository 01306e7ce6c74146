"""The same badge scanned by two processes at the same instant: one check-in, the other a repeat.

Two real processes (the app and the CLI, or two windows) each open the same SQLite file and are
released together by a barrier before every scan. The desk's rule check and its insert are one
serialized write (BEGIN IMMEDIATE), so the second always sees the first's scan.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store
from fieldapp.store.models import Scan

TRIES = 60


def _scan_all(path: str, event_id: str, barrier, results) -> None:
    store = Store.open(Path(path))
    services = Services(store, Actor("desk", "coordinator"))
    try:
        for n in range(TRIES):
            barrier.wait(timeout=60)
            result = services.attendance.scan(event_id, f"R{n:04d}", direction="in")
            results.put((n, result.accepted, result.reason_key))
    finally:
        store.close()


def test_two_processes_scanning_the_same_badge_at_once_give_one_check_in(tmp_path):
    path = tmp_path / "fieldapp.db"
    store = Store.open(path)
    services = Services(store, Actor("sara", "admin"))
    now = dt.datetime.now(dt.UTC)
    event_id = services.events.create(
        EventInput(title="سباق", starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=5))
    ).id
    for n in range(TRIES):
        person = services.people.create(
            PersonInput(full_name=f"متسابق {n}", mobile=f"0551{n:06d}", badge_code=f"R{n:04d}")
        )
        services.events.register(event_id, person.id)
    store.close()

    context = multiprocessing.get_context("spawn")  # fresh processes, as two programs would be
    barrier, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_scan_all, args=(str(path), event_id, barrier, results)) for _ in "ab"]
    for worker in workers:
        worker.start()
    answers = [results.get(timeout=120) for _ in range(2 * TRIES)]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0

    per_try = Counter(n for n, accepted, _ in answers if accepted)
    doubles = [n for n in range(TRIES) if per_try[n] != 1]
    assert doubles == [], f"{len(doubles)} of {TRIES} tries: {[a for a in answers if a[0] in doubles]}"
    store = Store.open(path)
    try:
        with store.reader() as r:
            assert r.scalar(select(func.count()).select_from(Scan)) == TRIES
    finally:
        store.close()
