"""A check-in the desk reported as saved survives the process being killed at any moment.

A child process records scans in a loop through AttendanceService and prints each scan id only
after scan() returned (the moment the desk would show "saved"). The parent kills it with SIGKILL
at random moments, several times; afterwards every reported scan is in the database, the
database passes PRAGMA integrity_check, and every scan has its outbox entry.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from sqlalchemy import select

from fieldapp.core.permissions import Actor
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store
from fieldapp.store.models import Outbox, Scan

PEOPLE = 20
ROUNDS = 5

CHILD = textwrap.dedent(
    """
    import sys
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services
    from fieldapp.store.db import Store

    db, event_id, people = sys.argv[1], sys.argv[2], int(sys.argv[3])
    store = Store.open(db)
    attendance = Services(store, Actor("desk", "coordinator")).attendance
    i = 0
    while True:
        result = attendance.scan(event_id, f"C{i % people:04d}")
        if result.scan_id is None:
            print("REFUSED", result.reason_key, flush=True)
            sys.exit(3)
        print(result.scan_id, flush=True)  # reported saved: only after scan() returned
        i += 1
    """
)


def _run_and_kill(db: str, event_id: str, script: str, rng: random.Random) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, script, db, event_id, str(PEOPLE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    started = threading.Event()

    def read() -> None:
        for line in child.stdout:
            lines.append(line)
            started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert started.wait(30), child.stderr.read() if child.poll() is not None else "child never scanned"
    time.sleep(rng.uniform(0.2, 1.0))
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    reader.join(10)
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    # A line cut by the kill (no newline) was never reported as saved.
    complete = [line.strip() for line in lines if line.endswith("\n")]
    assert not any(line.startswith("REFUSED") for line in complete), complete
    return complete


@pytest.mark.slow
def test_reported_scans_survive_sigkill(tmp_path):
    db = tmp_path / "fieldapp.db"
    store = Store.open(db)
    services = Services(store, Actor("sara", "admin"))
    now = dt.datetime.now(dt.UTC)
    # No minimum interval, so every scan in the loop is accepted (in, out, in, ...).
    event_id = services.events.create(
        EventInput(
            "اختبار الانقطاع",
            now - dt.timedelta(hours=1),
            now + dt.timedelta(hours=8),
            min_scan_interval_min=0,
        )
    ).id
    for n in range(PEOPLE):
        services.people.create(
            PersonInput(full_name=f"متطوع {n}", mobile=f"0551{n:06d}", badge_code=f"C{n:04d}")
        )
    store.close()
    script = tmp_path / "crash_child.py"
    script.write_text(CHILD, encoding="utf-8")

    rng = random.Random(20250923)
    reported: list[str] = []
    for _ in range(ROUNDS):
        reported += _run_and_kill(str(db), event_id, str(script), rng)
    assert len(reported) > ROUNDS  # the child really scanned between kills

    store = Store.open(db)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        with store.reader() as r:
            saved = set(r.scalars(select(Scan.id)))
            queued = set(r.scalars(select(Outbox.row_id).where(Outbox.table_name == "scan")))
            scanned_people = set(r.scalars(select(Scan.person_id)))
        missing = set(reported) - saved
        assert not missing, f"{len(missing)} scans reported saved are lost"
        assert saved <= queued, "a scan without its outbox entry"
        # Attendance is still computable from what survived.
        report = Services(store, Actor("sara", "admin")).attendance.event_attendance(event_id)
        assert report.attended == len(scanned_people)
    finally:
        store.close()
