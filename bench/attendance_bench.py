"""Check-in desk speed: a scan end to end (durable commit) against SQLite's own commit floor.

run(dir) builds a database of `people` people with `event_people` of them registered and
checked in to a running event, then times AttendanceService.scan (resolve the code, read the
person's scans, decide, insert the fact with its outbox and audit rows, commit with
synchronous=FULL) and event_attendance for the whole event.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.store.db import Store
from fieldapp.store.models import Person, Registration, Scan
from fieldapp.store.unit_of_work import insert_many
from fieldapp.sync.ids import uuid7

SAMPLES = 400


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _national_id(n: int) -> str:
    body = f"1{n:08d}"
    # Luhn check digit, so the IDs look like real ones.
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return body + str((10 - total % 10) % 10)


def _fill(store: Store, people: int, event_people: int, event_id: str, start: dt.datetime) -> list[str]:
    """Bench setup through the store's bulk path (stamps, outbox and search index as in real use),
    10,000 rows at a time so the setup does not inflate the memory figure."""
    ids = [uuid7() for _ in range(people)]
    chunk = 10_000
    for first in range(0, people, chunk):
        with store.session("bench", bulk_audit="bench setup") as s:
            insert_many(
                s,
                Person,
                [
                    {
                        "id": ids[n],
                        "full_name": f"متطوع رقم {n}",
                        "name_key": f"متطوع رقم {n}",
                        "national_id": _national_id(n),
                        "mobile": f"+9665{n:08d}",
                        "badge_code": f"B{n:06d}",
                    }
                    for n in range(first, min(first + chunk, people))
                ],
            )
    with store.session("bench", bulk_audit="bench setup") as s:
        insert_many(
            s,
            Registration,
            [{"event_id": event_id, "person_id": pid, "source": "import"} for pid in ids[:event_people]],
        )
        insert_many(
            s,
            Scan,
            [
                {
                    "event_id": event_id,
                    "person_id": pid,
                    "direction": "in",
                    "at": start + dt.timedelta(seconds=n % 3600),
                    "method": "scanner",
                    "user_name": "bench",
                }
                for n, pid in enumerate(ids[:event_people])
            ],
        )
    return ids


def sqlite_commit_floor(directory: Path, samples: int = SAMPLES) -> list[float]:
    """One-row INSERT + COMMIT on a fresh file with WAL and synchronous=FULL: the disk's floor."""
    conn = sqlite3.connect(directory / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    timings = []
    for i in range(samples):
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (v) VALUES (?)", (f"row {i}",))
        conn.execute("COMMIT")
        timings.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return timings


def run(
    store_path_dir: str | Path | None = None, people: int = 100_000, event_people: int = 5_000
) -> dict[str, Any]:
    directory = Path(store_path_dir or tempfile.mkdtemp(prefix="fieldapp-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    store = Store.open(directory / "attendance-bench.db")
    try:
        services = Services(store, Actor("bench", "coordinator"))
        now = dt.datetime.now(dt.UTC)
        start = now - dt.timedelta(hours=2)
        event = Services(store, Actor("bench", "admin")).events.create(
            EventInput("فعالية القياس", start, now + dt.timedelta(hours=6))
        )
        t0 = time.perf_counter()
        _fill(store, people, event_people, event.id, start)
        setup_s = time.perf_counter() - t0

        # Half check-outs of people inside (by badge), half first check-ins of others (by national ID).
        samples = min(SAMPLES, event_people, people - event_people)
        codes = [f"B{n:06d}" if n % 2 == 0 else _national_id(event_people + n) for n in range(samples)]
        services.attendance.scan(event.id, codes[0])  # warm caches and compiled statements
        timings, statuses = [], {}
        for code in codes[1:]:
            t0 = time.perf_counter()
            result = services.attendance.scan(event.id, code)
            timings.append((time.perf_counter() - t0) * 1000)
            statuses[result.status] = statuses.get(result.status, 0) + 1

        services.attendance.event_attendance(event.id)  # warm
        runs, cpu_runs = [], []
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            report = services.attendance.event_attendance(event.id)
            runs.append((time.perf_counter() - t0) * 1000)
            cpu_runs.append((time.process_time() - c0) * 1000)
        floor = sqlite_commit_floor(directory)
    finally:
        store.close()
    scan_p95 = _percentile(timings, 95)
    floor_p95 = _percentile(floor, 95)
    return {
        "people": people,
        "event_people": event_people,
        "setup_s": round(setup_s, 2),
        "scans_measured": len(timings),
        "scans_accepted": statuses.get("ok", 0) + statuses.get("warning", 0),
        "scan_commit_p50_ms": round(statistics.median(timings), 3),
        "scan_commit_p95_ms": round(scan_p95, 3),
        "sqlite_commit_p50_ms": round(statistics.median(floor), 3),
        "sqlite_commit_p95_ms": round(floor_p95, 3),
        "scan_vs_sqlite_ratio": round(scan_p95 / floor_p95, 2) if floor_p95 else None,
        "attendance_5k_ms": round(statistics.median(runs), 1),
        # CPU time of the same calls: steadier than wall time on a busy machine.
        "attendance_5k_cpu_ms": round(statistics.median(cpu_runs), 1),
        "attendance_rows": len(report.rows),
    }


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(run(sys.argv[1] if len(sys.argv) > 1 else None), indent=2))
