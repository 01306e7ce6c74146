"""The check-in desk while the background sync applies a large pull.

``desk_scan_to_result_p95_ms_while_syncing``: a real `fieldapp server` (embedded SQLite) holds an
organisation of ``people`` people, written into its database as the server keeps pushed rows
(`write_people`: the server's own check_values/set_data, in bulk). A laptop with its own roster
(``desk_people``, imported) enrols, opens the desk with the real ThreadRunner and the app's
SyncController, and starts a round; while the round runs (push of its roster, then the pull), a
volunteer is scanned every ~150 ms: Enter to result shown (and painted), as gui_bench measures it.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BATCH = 20_000


def write_people(db_url: str, org_code: str, people: int) -> None:
    """`people` person rows made by another laptop, as the server keeps them after a push."""
    from sqlalchemy import update

    from fieldapp.core.people import name_key
    from fieldapp.server import admin, push
    from fieldapp.server.db import make_engine, write_session
    from fieldapp.server.models import OrgSync, SyncRow
    from fieldapp.store.models import Person
    from fieldapp.sync.hlc import Timestamp
    from fieldapp.sync.ids import uuid7

    engine = make_engine(db_url)
    columns = [c.key for c in SyncRow.__table__.columns]
    device = str(uuid7())
    now_ms = time.time_ns() // 1_000_000 - 60_000
    try:
        with write_session(engine) as s:
            org_id = admin.org_by_code(s, org_code).id
        for start in range(0, people, BATCH):
            with write_session(engine) as s:
                version = push.lock_org(s, org_id)
                rows = []
                for n in range(start, min(people, start + BATCH)):
                    version += 1
                    hlc = str(Timestamp(now_ms, n % 90_000, device))
                    name = f"متطوع من جهاز آخر {n}"
                    data = {
                        "full_name": name,
                        "latin_name": None,
                        "national_id": None,
                        "mobile": f"+96658{n:07d}",
                        "gender": None,
                        "birth_date": None,
                        "guardian_consent": False,
                        "badge_code": f"R-{n}",
                        "notes": "",
                        "name_key": name_key(name, None),
                        "deleted": False,
                    }
                    row = SyncRow(
                        org_id=org_id,
                        table_name="person",
                        row_id=str(uuid7()),
                        version=version,
                        kind="record",
                        field_hlc="{}",
                        field_version="{}",
                        created_hlc=hlc,
                        updated_hlc=hlc,
                        created_version=version,
                        device_id=device,
                        national_id=None,
                        mobile=None,
                    )
                    push.set_data(row, push.check_values(Person, data, whole=True))
                    rows.append({k: getattr(row, k) for k in columns})
                s.execute(SyncRow.__table__.insert(), rows)
                s.execute(update(OrgSync).where(OrgSync.org_id == org_id).values(version=version))
        with engine.connect() as connection:  # a server that ran a while has its WAL folded in
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _scans_while_syncing(data_dir: Path, codes: list[str], event_id: str, base: str, code: str) -> dict:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from fieldapp.config import DataDir
    from fieldapp.core.permissions import Actor
    from fieldapp.gui.app import create_app
    from fieldapp.gui.context import GuiContext
    from fieldapp.gui.desk import DeskScreen
    from fieldapp.gui.runner import ThreadRunner
    from fieldapp.gui.sync import SyncController
    from fieldapp.services import Services
    from fieldapp.store.db import Store

    create_app([], "ar")
    data = DataDir(data_dir)
    store = Store.open(data.database, data.backups)
    runner = ThreadRunner()
    try:
        Services(store, Actor("admin", "admin")).sync_state.enrol(base, code, "desk bench")
        opening = Services(store, None).setup.opening()
        ctx = GuiContext(store, runner, data, opening.remembered, settings=opening.settings)
        ctx.set_current_event(event_id)
        desk = DeskScreen(ctx)
        desk.resize(1366, 700)
        desk.show()
        desk.enter()
        runner.wait_idle(30)
        sync = SyncController(ctx, auto=False)
        finished: list[Any] = []
        sync.round_finished.connect(finished.append)
        shown: list[Any] = []
        desk.result_shown.connect(shown.append)
        waiter = QEventLoop()
        desk.result_shown.connect(waiter.quit)
        pause = QEventLoop()
        started_round = time.perf_counter()
        sync.sync_now()
        timings = []
        for code_ in random.Random(7).sample(codes, len(codes)):
            if finished:
                break
            desk.scan_field.setText(code_)
            before = len(shown)
            started = time.perf_counter()
            QTest.keyClick(desk.scan_field, Qt.Key.Key_Return)
            if len(shown) == before:
                waiter.exec()
            desk.banner.repaint()
            timings.append((time.perf_counter() - started) * 1000)
            QTimer.singleShot(150, pause.quit)  # the next volunteer steps up
            pause.exec()
        while not finished:
            QTimer.singleShot(100, pause.quit)
            pause.exec()
        round_s = time.perf_counter() - started_round
        report = finished[0]
        if isinstance(report, BaseException):
            raise RuntimeError(f"the sync round failed: {report}")
        desk.close()
        return {"timings": timings, "pulled": report.pulled, "round_s": round_s}
    finally:
        runner.shutdown(60)
        store.close()


def run(data_dir: Path | str, people: int = 100_000, desk_people: int = 2_000, log=print) -> dict[str, Any]:
    import os

    from fieldapp.bench.gui_bench import _populate
    from fieldapp.bench.sync_bench import ServerProcess

    from fieldapp import cli
    from fieldapp.server import admin
    from fieldapp.server.db import make_engine

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(data_dir)
    (data_dir / "laptop").mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{data_dir / 'server.db'}"
    assert cli.main(["server-admin", "--db", db_url, "create-org", "--name", "Bench", "--code", "BENCH"]) == 0
    started = time.perf_counter()
    write_people(db_url, "BENCH", people)
    log(f"   organisation of {people:,} written in {time.perf_counter() - started:.1f} s")
    codes, event_id = _populate(data_dir / "laptop", desk_people)
    server = ServerProcess(db_url, data_dir)
    try:
        engine = make_engine(db_url)
        try:
            code = admin.make_enroll_code(engine, "BENCH", 1, server.base)["code"]
        finally:
            engine.dispose()
        got = _scans_while_syncing(data_dir / "laptop", codes, event_id, server.base, code)
    finally:
        server.stop()
    timings = got["timings"]
    return {
        "desk_sync_pulled_rows": got["pulled"],
        "desk_sync_round_s": round(got["round_s"], 1),
        "desk_scans_while_syncing": len(timings),
        "desk_scan_to_result_p50_ms_while_syncing": round(statistics.median(timings), 2),
        "desk_scan_to_result_p95_ms_while_syncing": round(_percentile(timings, 95), 2),
        "desk_scan_to_result_max_ms_while_syncing": round(max(timings), 2),
    }


if __name__ == "__main__":
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="fieldapp-desk-sync-") as scratch:
        print(run(Path(scratch), people=people, log=lambda line: print(line, file=sys.stderr)))
