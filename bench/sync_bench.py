"""Sync speed against a REAL `fieldapp server` process on 127.0.0.1 (embedded SQLite or PostgreSQL).

run(dir, people, backend) starts the server on a fresh database and measures, with laptops that
are separate processes running the real `Services.sync.run()` over HTTP:

- push: `laptops` laptops, each with `ops_per_laptop` pending ops (people, registrations and
  scans made by insert_many), sync at once; ops applied per second from the first batch sent to
  the last answer saved (the client's own batches of 500). Their pulls wait until every laptop
  has pushed, so the push window holds pushes only. The server's CPU time in that window is kept
  too: on a 2-core machine the laptops take CPU from the server.
- first sync: an organisation of `people` people with its events, registrations and scans is
  made on one laptop, and its outbox written into the server database as sync rows by the
  server's own code (push.check_values, push.set_data, the HLC clamp: what a push makes of a
  new row), in bulk; the server's digests are then checked equal to that laptop's. A fresh
  laptop process enrols and runs one full round (hello, push, pull, users, verify): its seconds
  and its peak RSS, and the pull phase's rows per second.
- no-op round: the same laptop syncing again with nothing to do (median).
- verify: SyncService.local_digests() + GET /v1/verify + the bucket comparison (median).

PostgreSQL figures end in `_pg`. An unreachable PostgreSQL skips them with a note, except under
CI=true, where it is an error.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PG_ADMIN_URL = os.environ.get(
    "FIELDAPP_BENCH_PG_URL",
    os.environ.get("FIELDAPP_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
)
ORG_BUILD_BATCH = 10_000  # ops a transaction when the organisation is written
NOOP_ROUNDS = 7
VERIFY_ROUNDS = 3
CHILD_TIMEOUT_S = 1_800


class Unavailable(Exception):
    """The server database cannot be had (PostgreSQL unreachable outside CI)."""


def _log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _peak_rss_mb() -> float:
    """This process's peak RSS. On Linux from VmHWM: getrusage's ru_maxrss survives exec, so a
    spawned laptop would report the bench process's own peak instead of its own."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    try:
        import resource

        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 1)  # bytes on macOS
    except ImportError:  # Windows
        import psutil

        return round(psutil.Process().memory_info().peak_wset / 2**20, 1)


def _load_avg() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # Windows
        return None


def _rss_mb() -> float:
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


# --- the server ----------------------------------------------------------------------------------


@contextmanager
def server_database(backend: str, directory: Path, pg_admin_url: str = PG_ADMIN_URL) -> Iterator[str]:
    """The URL of an empty server database, dropped afterwards (PostgreSQL)."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'server.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"fieldapp_bench_{secrets.token_hex(5)}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        reason = f"PostgreSQL not reachable at {pg_admin_url}: {str(exc.orig).strip()}"
        if os.environ.get("CI") == "true":
            raise RuntimeError(reason + " (CI=true: the PostgreSQL figures must be measured)") from exc
        raise Unavailable(reason) from exc
    try:
        yield f"{pg_admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`fieldapp server --db URL --port P [--workers N]`, its log in a file (one line a request)."""

    def __init__(self, db_url: str, directory: Path, workers: int = 1) -> None:
        self.db_url = db_url
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = directory / "server.log"
        env = {**os.environ, "FIELDAPP_LANG": "en"}
        env.pop("FIELDAPP_SERVER_DB", None)
        command = [sys.executable, "-m", "fieldapp", "server", "--db", db_url, "--port", str(self.port)]
        self._log_file = open(self.log_path, "w")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            [*command, "--workers", str(workers)],
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self._wait_healthy()

    def _wait_healthy(self, timeout: float = 60) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log_path.read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server never became healthy")

    def cpu_s(self) -> float:
        """CPU seconds of the server and its worker processes so far."""
        import psutil

        try:
            root = psutil.Process(self.proc.pid)
            total = 0.0
            for p in [root, *root.children(recursive=True)]:
                times = p.cpu_times()
                total += times.user + times.system
            return total
        except psutil.NoSuchProcess:
            return 0.0

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log_file.close()


# --- the laptops (each in its own process) ----------------------------------------------------------


def _timed_client_factory(calls: list, before_first_pull: Callable[[], None] | None = None):
    """The real SyncClient, noting each call's path, start and end (time.time(): comparable
    across processes) and this process's CPU time at its start; `before_first_pull` runs once,
    before the first /v1/changes."""
    from fieldapp.sync.client import SyncClient

    gate = [before_first_pull]

    class TimedClient(SyncClient):
        def _retrying(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
            if path == "/v1/changes" and gate[0] is not None:
                calls.append(("gate", time.time(), time.time(), time.process_time()))
                wait, gate[0] = gate[0], None
                wait()
            started, cpu = time.time(), time.process_time()
            try:
                return super()._retrying(method, path, **kwargs)
            finally:
                calls.append((path, started, time.time(), cpu))

    return lambda link: TimedClient(link.url, token=link.token, ca_file=link.ca_file)


def _national_id(n: int) -> str:
    from fieldapp.bench.attendance_bench import _national_id as luhn_id

    return luhn_id(n)


def fill_laptop(store, first_person: int, people: int, events: int, per_event: int) -> None:
    """People, events, registrations (per_event people each) and an in and an out scan of each
    registered person, through insert_many (stamps, outbox and search index as in real use)."""
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services
    from fieldapp.services.events import EventInput
    from fieldapp.store.models import Person, Registration, Scan
    from fieldapp.store.unit_of_work import insert_many
    from fieldapp.sync.ids import uuid7

    ids = [uuid7() for _ in range(people)]
    for start in range(0, people, 10_000):
        with store.session("bench", bulk_audit="bench setup") as s:
            insert_many(
                s,
                Person,
                [
                    {
                        "id": ids[i],
                        "full_name": f"متطوع رقم {first_person + i}",
                        "name_key": f"متطوع رقم {first_person + i}",
                        "national_id": _national_id(first_person + i),
                        "mobile": f"+9665{first_person + i:08d}",
                        "badge_code": f"B{first_person + i:08d}",
                    }
                    for i in range(start, min(start + 10_000, people))
                ],
            )
    admin = Services(store, Actor("bench", "admin"))
    begin = dt.datetime(2026, 3, 1, 6, tzinfo=dt.UTC)
    for e in range(events):
        starts = begin + dt.timedelta(days=e)
        event = admin.events.create(EventInput(f"فعالية {e}", starts, starts + dt.timedelta(hours=8)))
        chosen = [ids[(e * per_event + k) % people] for k in range(per_event)]
        with store.session("bench", bulk_audit="bench setup") as s:
            insert_many(
                s,
                Registration,
                [{"event_id": event.id, "person_id": pid, "source": "import"} for pid in chosen],
            )
            insert_many(
                s,
                Scan,
                [
                    {
                        "event_id": event.id,
                        "person_id": pid,
                        "direction": direction,
                        "at": starts + dt.timedelta(seconds=k % 3600 + (0 if direction == "in" else 14_400)),
                        "method": "scanner",
                        "user_name": "bench",
                    }
                    for k, pid in enumerate(chosen)
                    for direction in ("in", "out")
                ],
            )


def _enrol(store, base: str, code: str, name: str) -> None:
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services

    Services(store, Actor("bench", "admin")).sync_state.enrol(base, code, name)


def _child(target: Callable[..., dict[str, Any]], queue, *args: Any) -> None:
    """Run `target` in a laptop process; its figures (or its traceback) go to the queue."""
    try:
        queue.put(target(*args))
    except BaseException:
        queue.put({"error": traceback.format_exc()})
        raise


def push_laptop(directory: str, index: int, base: str, code: str, ops: int, barrier) -> dict[str, Any]:
    """A laptop with about `ops` pending ops (a quarter people, a quarter registrations, half
    scans) that syncs once, with the others, from the barrier on."""
    from fieldapp.store.db import Store

    store = Store.open(Path(directory) / "fieldapp.db")
    try:
        people = max(1, ops // 4)
        fill_laptop(store, (index + 1) * 1_000_000, people, events=1, per_event=people)
        _enrol(store, base, code, f"Bench laptop {index}")
        return _push_round(store, barrier)
    except BaseException:
        barrier.abort()  # the others (and the bench) stop waiting, and the error is reported
        raise
    finally:
        store.close()


def _push_round(store, barrier) -> dict[str, Any]:
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services

    sync = Services(store, Actor("bench", "coordinator")).sync
    pending = sync.pending_count()
    calls: list[tuple[str, float, float, float]] = []
    barrier.wait(timeout=CHILD_TIMEOUT_S)  # every laptop filled and enrolled
    cpu_start = time.process_time()
    report = sync.run(
        client_factory=_timed_client_factory(calls, lambda: barrier.wait(timeout=CHILD_TIMEOUT_S))
    )
    pushes = [c for c in calls if c[0] == "/v1/push"]
    gate = next(c for c in calls if c[0] == "gate")
    pulls = [c for c in calls if c[0] == "/v1/changes"]
    users = next(c for c in calls if c[0] == "/v1/users")
    return {
        "pending": pending,
        "pushed": report.pushed,
        "applied": report.applied + report.duplicates + report.conflicts,
        "rejected": report.rejected,
        "batches": len(pushes),
        "push_start": pushes[0][1],
        "push_end": gate[1],  # the last answers saved
        "push_call_s": sum(c[2] - c[1] for c in pushes),
        "push_cpu_s": gate[3] - cpu_start,  # this laptop's own CPU while it pushed
        "pulled": report.pulled,
        "pull_s": users[1] - pulls[0][1],
        "verified": report.verified,
    }


def build_org(directory: str, base: str, code: str, db_url: str, people: int) -> dict[str, Any]:
    """One laptop makes the organisation's data; its outbox becomes the server's sync rows."""
    from fieldapp.core.permissions import Actor
    from fieldapp.server import devices, feed
    from fieldapp.server.db import make_engine
    from fieldapp.services import Services
    from fieldapp.store.db import Store
    from fieldapp.store.models import SyncState

    store = Store.open(Path(directory) / "fieldapp.db")
    events = max(1, people // 5_000)
    per_event = min(1_000, people)
    try:
        t0 = time.perf_counter()
        fill_laptop(store, 0, people, events=events, per_event=per_event)
        fill_s = time.perf_counter() - t0
        _enrol(store, base, code, "Bench builder")
        with store.reader() as r:
            token = r.get(SyncState, 1).token
        engine = make_engine(db_url)
        try:
            caller = devices.authenticate(engine, token)
            t0 = time.perf_counter()
            ops = write_sync_rows(engine, caller, store)
            write_s = time.perf_counter() - t0
            # Proof that the server now holds exactly this laptop's rows (as a push would leave them).
            theirs = feed.verify(engine, caller)["tables"]
        finally:
            engine.dispose()
        mine = Services(store, Actor("bench", "coordinator")).sync.local_digests()
    finally:
        store.close()
    differ = sorted(t for t in mine if mine[t] != theirs.get(t))
    if differ:
        raise RuntimeError(f"building the organisation: the server's digests differ in {differ}")
    return {"ops": ops, "fill_s": fill_s, "write_s": write_s, "events": events}


def write_sync_rows(engine, caller, store) -> int:
    """The laptop's outbox (fresh inserts only) as the server's sync rows and applied ops, in
    bulk. Each row is made by the server's own code (push.check_values, push.set_data, the HLC
    clamp) as push._insert makes a new row; only the per-op statements are skipped, so a
    100,000-person organisation is written in seconds instead of the push's minutes."""
    from sqlalchemy import select, update

    from fieldapp.server import push
    from fieldapp.server.db import write_session
    from fieldapp.server.models import AppliedOp, Device, OrgSync, SyncRow
    from fieldapp.store.models import MODEL_BY_TABLE, Outbox, Record
    from fieldapp.sync.digest import data_of
    from fieldapp.sync.merge import clamp_hlc

    columns = [c.key for c in SyncRow.__table__.columns]
    last, count = 0, 0
    now_ms = time.time_ns() // 1_000_000
    while True:
        with store.reader() as r:
            ops = r.execute(
                select(Outbox.seq, Outbox.op_id, Outbox.table_name, Outbox.row_id, Outbox.kind)
                .add_columns(Outbox.payload)
                .where(Outbox.seq > last)
                .order_by(Outbox.seq)
                .limit(ORG_BUILD_BATCH)
            ).all()
        if not ops:
            return count
        last = ops[-1][0]
        with write_session(engine) as s:
            version = push.lock_org(s, caller.org_id)
            rows, applied, max_hlc = [], [], ""
            for _, op_id, table, row_id, kind, payload in ops:
                model = MODEL_BY_TABLE[table]
                if kind != "insert" or payload.get("field_hlc"):
                    raise RuntimeError(f"the builder writes fresh inserts only, not {kind} of {table}")
                version += 1
                created = clamp_hlc(payload["created_hlc"], now_ms)
                row = SyncRow(
                    org_id=caller.org_id,
                    table_name=table,
                    row_id=row_id,
                    version=version,
                    kind="record" if issubclass(model, Record) else "fact",
                    field_hlc="{}",
                    field_version="{}",
                    created_hlc=created,
                    updated_hlc=created,
                    created_version=version,
                    device_id=payload["device_id"],
                    national_id=None,
                    mobile=None,
                )
                push.set_data(row, push.check_values(model, data_of(payload), whole=True))
                rows.append({k: getattr(row, k) for k in columns})
                applied.append(
                    {
                        "org_id": caller.org_id,
                        "op_id": op_id,
                        "device_id": caller.device_id,
                        "status": push.APPLIED,
                        "version": version,
                        "reason": "",
                        "at": dt.datetime.now(dt.UTC),
                    }
                )
                max_hlc = max(max_hlc, created)
            s.execute(SyncRow.__table__.insert(), rows)
            s.execute(AppliedOp.__table__.insert(), applied)
            s.execute(update(OrgSync).where(OrgSync.org_id == caller.org_id).values(version=version))
            s.execute(update(Device).where(Device.id == caller.device_id).values(max_hlc=max_hlc))
        count += len(ops)


def first_sync_laptop(directory: str, base: str, code: str) -> dict[str, Any]:
    """A fresh laptop's first round (own process, for its peak RSS), then no-op rounds and verify."""
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services
    from fieldapp.store.db import Store
    from fieldapp.sync.digest import differing_buckets

    store = Store.open(Path(directory) / "fieldapp.db")
    try:
        _enrol(store, base, code, "Bench fresh laptop")
        sync = Services(store, Actor("bench", "coordinator")).sync
        rss_before = _rss_mb()
        calls: list[tuple[str, float, float, float]] = []
        t0, cpu0 = time.perf_counter(), time.process_time()
        report = sync.run(client_factory=_timed_client_factory(calls))
        first_s, first_cpu, ended = time.perf_counter() - t0, time.process_time() - cpu0, time.time()
        peak = _peak_rss_mb()
        pulls = [c for c in calls if c[0] == "/v1/changes"]
        users = next(c for c in calls if c[0] == "/v1/users")
        verify_calls = [c for c in calls if c[0] == "/v1/verify"]
        noop = []
        for _ in range(NOOP_ROUNDS):
            t0 = time.perf_counter()
            again = sync.run()
            noop.append((time.perf_counter() - t0) * 1000)
            if again.moved:
                raise RuntimeError(f"a no-op round moved rows: {again.as_json()}")
        totals, locals_, local_cpus, servers, differ = [], [], [], [], []
        with _timed_client_factory([])(sync.link()) as client:
            for _ in range(VERIFY_ROUNDS):
                t0 = time.perf_counter()
                theirs = client.verify()
                t1 = time.perf_counter()
                cpu = time.process_time()
                mine = sync.local_digests()
                t2 = time.perf_counter()
                local_cpus.append((time.process_time() - cpu) * 1000)
                differ = [
                    t for t, d in theirs["tables"].items() if t in mine and differing_buckets(mine[t], d)
                ]
                totals.append((time.perf_counter() - t0) * 1000)
                servers.append((t1 - t0) * 1000)
                locals_.append((t2 - t1) * 1000)
        rows = sum(d["count"] for d in theirs["tables"].values())
    finally:
        store.close()
    return {
        "first_s": first_s,
        "peak_rss_mb": peak,
        "rss_before_mb": rss_before,
        "pulled": report.pulled,
        "pull_s": users[1] - pulls[0][1],
        "pull_cpu_s": users[3] - pulls[0][3],
        "pages": len(pulls),
        "first_cpu_s": first_cpu,
        # from the first /v1/verify to the end of the round: digests on both sides, compared
        "verify_in_round_s": (ended - verify_calls[0][1]) if verify_calls else 0.0,
        "verified": report.verified,
        "noop_ms": statistics.median(noop),
        "verify_ms": statistics.median(totals),
        "verify_server_ms": statistics.median(servers),
        "verify_local_ms": statistics.median(locals_),
        "verify_local_cpu_ms": statistics.median(local_cpus),
        "verify_rows": rows,
        "verify_differs": differ,
    }


def _spawn(ctx, target: Callable[..., dict[str, Any]], *args: Any):
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(target, queue, *args))
    proc.start()
    return proc, queue


def _collect(proc, queue) -> dict[str, Any]:
    """The figures of a laptop process; its traceback, or its exit code if it died without one."""
    import queue as queues

    deadline = time.monotonic() + CHILD_TIMEOUT_S
    while True:
        try:
            result = queue.get(timeout=1)
            break
        except queues.Empty:
            if not proc.is_alive() and queue.empty():
                raise RuntimeError(f"a bench laptop died (exit code {proc.exitcode})") from None
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("a bench laptop took too long") from None
    proc.join(timeout=60)
    if "error" in result:
        raise RuntimeError(f"a bench laptop failed:\n{result['error']}")
    return result


def _abort_if_one_dies(processes: list, barrier, done: threading.Event) -> None:
    """Break the barrier when a laptop process dies before it (a crash that never reached its
    own abort), so the bench and the other laptops stop waiting."""
    while not done.wait(0.5):
        if any(p.exitcode not in (None, 0) for p in processes):
            barrier.abort()
            return


# --- the stage -----------------------------------------------------------------------------------


def run(
    directory: str | Path | None = None,
    people: int = 100_000,
    backend: str = "sqlite",
    laptops: int = 5,
    ops_per_laptop: int = 4_000,
    workers: int | None = None,
    log: Callable[[str], None] = _log,
    pg_admin_url: str = PG_ADMIN_URL,
) -> dict[str, Any]:
    from fieldapp.server import admin
    from fieldapp.server.db import make_engine

    suffix = "_pg" if backend == "postgresql" else ""
    root = Path(directory or tempfile.mkdtemp(prefix="fieldapp-sync-bench-")) / (backend or "sqlite")
    root.mkdir(parents=True, exist_ok=True)
    workers = workers or (2 if backend == "postgresql" else 1)
    ctx = multiprocessing.get_context("spawn")
    load_before = _load_avg()
    try:
        with server_database(backend, root, pg_admin_url) as db_url:
            server = ServerProcess(db_url, root, workers)
            engine = make_engine(db_url)
            try:
                admin.create_org(engine, "Bench push", "PUSH")
                admin.create_org(engine, "Bench organisation", "BIG")

                def code(org: str) -> str:
                    return admin.make_enroll_code(engine, org, 1, server.base)["code"]

                log(f"   {backend}: {laptops} laptops × {ops_per_laptop:,} ops pushing at once")
                # The bench is a party of the barrier too: it reads the server's CPU time when the
                # laptops start pushing and when the last has pushed (their pulls wait for that).
                barrier = ctx.Barrier(laptops + 1)
                started = [
                    _spawn(
                        ctx,
                        push_laptop,
                        str(root / f"laptop{i}"),
                        i,
                        server.base,
                        code("PUSH"),
                        ops_per_laptop,
                        barrier,
                    )
                    for i in range(laptops)
                ]
                done = threading.Event()
                watch = [proc for proc, _ in started]
                threading.Thread(target=_abort_if_one_dies, args=(watch, barrier, done), daemon=True).start()
                try:
                    barrier.wait(timeout=CHILD_TIMEOUT_S)
                    cpu0 = server.cpu_s()
                    barrier.wait(timeout=CHILD_TIMEOUT_S)
                    push_cpu = server.cpu_s() - cpu0
                except threading.BrokenBarrierError:
                    push_cpu = 0.0  # a laptop failed: _collect raises its traceback
                finally:
                    done.set()
                pushers = [_collect(proc, queue) for proc, queue in started]

                log(f"   {backend}: building an organisation of {people:,} people on the server")
                built = _collect(
                    *_spawn(ctx, build_org, str(root / "builder"), server.base, code("BIG"), db_url, people)
                )
                log(f"   {backend}: a fresh laptop's first sync, no-op rounds, verify")
                cpu0 = server.cpu_s()
                fresh = _collect(
                    *_spawn(ctx, first_sync_laptop, str(root / "fresh"), server.base, code("BIG"))
                )
                first_cpu = server.cpu_s() - cpu0
            finally:
                engine.dispose()
                server.stop()
    except Unavailable as exc:
        return {f"sync{suffix}_note": f"skipped: {exc}"}

    ops = sum(p["applied"] for p in pushers)
    rejected = sum(p["rejected"] for p in pushers)
    window = max(p["push_end"] for p in pushers) - min(p["push_start"] for p in pushers)
    f = {
        "sync_push_ops_per_s": round(ops / window),
        "sync_pull_rows_per_s": round(fresh["pulled"] / fresh["pull_s"]),
        "sync_first_100k_s": round(fresh["first_s"], 2),
        "sync_first_100k_peak_rss_mb": fresh["peak_rss_mb"],
        "sync_noop_round_ms": round(fresh["noop_ms"], 1),
        "verify_100k_ms": round(fresh["verify_ms"], 1),
        # how they were measured, and where the time went
        "sync_server_workers": workers,
        "sync_push_ops": ops,
        "sync_push_rejected": rejected,
        "sync_push_window_s": round(window, 2),
        "sync_push_batches": sum(p["batches"] for p in pushers),
        "sync_push_server_cpu_s": round(push_cpu, 2),
        "sync_push_laptops_cpu_s": round(sum(p["push_cpu_s"] for p in pushers), 2),
        "sync_push_laptop_pull_rows_per_s": round(
            sum(p["pulled"] for p in pushers) / max(p["pull_s"] for p in pushers)
        ),
        "sync_org_people": people,
        "sync_org_ops": built["ops"],
        "sync_org_write_s": round(built["write_s"], 1),
        "sync_first_rows": fresh["pulled"],
        "sync_first_pages": fresh["pages"],
        "sync_first_pull_s": round(fresh["pull_s"], 2),
        "sync_first_pull_laptop_cpu_s": round(fresh["pull_cpu_s"], 2),
        "sync_first_verify_s": round(fresh["verify_in_round_s"], 2),
        "sync_first_laptop_cpu_s": round(fresh["first_cpu_s"], 2),
        "sync_first_server_cpu_s": round(first_cpu, 2),
        "sync_first_rss_before_mb": fresh["rss_before_mb"],
        "sync_first_verified": fresh["verified"],
        "verify_rows": fresh["verify_rows"],
        "verify_server_ms": round(fresh["verify_server_ms"], 1),
        "verify_local_ms": round(fresh["verify_local_ms"], 1),
        "verify_local_cpu_ms": round(fresh["verify_local_cpu_ms"], 1),
        # other work on the machine skews the wall times (the CPU times above do not move)
        "sync_load_avg_1min": [load_before, _load_avg()],
    }
    return {_suffixed(k, suffix): v for k, v in f.items()}


def _suffixed(key: str, suffix: str) -> str:
    return f"{key}{suffix}"


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--ops", type=int, default=4_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int)
    parser.add_argument("--dir")
    a = parser.parse_args()
    figures = run(a.dir, people=a.people, backend=a.backend, ops_per_laptop=a.ops, workers=a.workers)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
