"""One harness run: a real server process, the fault proxy, N laptop processes, faults, heal, drain.

    run = HarnessRun(HarnessConfig(seed=3), tmp_path, server_db_url)
    result = run.execute()          # setup, chaos, heal, drain; never raises for a sync failure
    findings = checks.check(result) # the invariants

The seed fixes the plan (which laptop races whom, clock offsets, when each fault happens, the
proxy's and the workers' random choices); the exact interleaving still depends on timing, so a
failing seed is re-run a few times to reproduce (the report prints the seed and every event).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from fieldapp import cli
from fieldapp.config import DataDir
from fieldapp.server import admin
from fieldapp.server.db import is_sqlite, make_engine
from fieldapp.services import Services
from fieldapp.store.db import Store
from fieldapp.store.models import MODEL_BY_TABLE, Outbox
from fieldapp.sync.client import SyncClient, SyncError, SyncRevoked
from tests.sync.faultproxy import FaultProxy, FaultRates
from tests.sync.harness.laptop import set_clock
from tests.sync.harness.ops import ACTOR, Journal, make_base

REPO = Path(__file__).resolve().parents[3]
ORG = "RUH"
DEFAULT_KILL_POINTS = {"before_push": 0.03, "after_push": 0.06, "mid_page": 0.06}


@dataclass
class HarnessConfig:
    seed: int
    backend: str = "sqlite"
    laptops: int = 4
    chaos_s: float = 20.0
    shared_people: int = 10
    race_people: int = 3  # people whose notes only the planned races edit
    race_walk_ins: int = 2
    fault_level: float = 1.0  # multiplies FaultRates.chaos()
    faults: dict[str, float] | None = None  # instead of FaultRates.chaos(): {fault: rate}
    op_weights: dict[str, int] = field(default_factory=dict)  # overrides of ops.Laptop.OPERATIONS
    worker_kill_every_s: float = 4.0  # mean time between external SIGKILLs of a laptop
    server_kills: int = 2
    restore: bool = True
    revoke: bool = True
    poison: bool = True
    clock_jump: bool = True  # one laptop's clock jumps back an hour mid-run
    max_offset_s: float = 600.0
    kill_points: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_KILL_POINTS))
    worker_break: str | None = None  # see laptop.BREAKS
    server_break: str | None = None  # "forget_applied_ops" (see harness/server.py)
    pg_workers: int = 2
    stuck_after_s: float = 30.0
    rounds_after_outage: int = 4  # successful laptop rounds after the last server outage, at least
    chaos_stretch: float = 3.0  # ... waited for until chaos_s * chaos_stretch
    drain_limit_s: float = 150.0
    pause_s: float = 0.03


@dataclass
class LaptopSlot:
    index: int
    data: DataDir
    journal: Path
    log: Path
    offset_ms: int
    device_id: str = ""
    token: str = ""
    proc: Forked | None = None
    life: int = 0
    restart_at: float | None = None
    poison_next: bool = False
    revoked: bool = False
    stopped: bool = False  # no more restarts (end of chaos)


@dataclass
class RunResult:
    config: HarnessConfig
    root: Path
    db_url: str
    server_base: str
    laptops: list[LaptopSlot]
    plans: dict[str, Any]
    events: list[tuple[float, str]] = field(default_factory=list)
    restore_windows: list[tuple[float, float]] = field(default_factory=list)
    drain_rounds: list[dict[str, Any]] = field(default_factory=list)
    revoked_round: str = ""
    stuck: str = ""
    proxy_stats: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    server_log: Path | None = None
    server_verify: dict[str, Any] = field(default_factory=dict)
    revoked_snapshot: dict[str, Any] = field(default_factory=dict)
    revoked_at: float = 0.0

    @property
    def active(self) -> list[LaptopSlot]:
        return [slot for slot in self.laptops if not slot.revoked]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """`fieldapp server` (or the broken wrapper) in its own process group, on a fixed port."""

    def __init__(self, db_url: str, port: int, log: Path, workers: int, broken: str | None) -> None:
        self.db_url, self.port, self.log, self.workers, self.broken = db_url, port, log, workers, broken
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        self._wait_port_free()
        command = ["server", "--db", self.db_url, "--port", str(self.port)]
        if self.broken:
            argv = [sys.executable, "-m", "tests.sync.harness.server", f"--{self.broken.replace('_', '-')}"]
            argv += ["--", *command]  # one worker: the patch lives in that process
        else:
            argv = [sys.executable, "-m", "fieldapp", *command, "--workers", str(self.workers)]
        env = {**os.environ, "FIELDAPP_LANG": "en"}
        env.pop("FIELDAPP_SERVER_DB", None)
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(
                argv, stdout=out, stderr=subprocess.STDOUT, cwd=REPO, env=env, start_new_session=True
            )
        self.starts += 1
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}; see {self.log}")
            try:
                if httpx.get(f"{self.base}/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server never became healthy")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)
        self.proc.wait(timeout=30)
        self.proc = None

    def _wait_port_free(self) -> None:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) != 0:
                    return
            time.sleep(0.1)


class Forked:
    """A laptop process forked by the zygote, with the bits of Popen the run uses."""

    def __init__(self, zygote: Zygote, pid: int) -> None:
        self.zygote, self.pid = zygote, pid

    @property
    def returncode(self) -> int | None:
        return self.zygote.exits.get(self.pid)

    def poll(self) -> int | None:
        return self.returncode

    def send_signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, sig)

    def wait(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.returncode is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"laptop process {self.pid} did not end")
            time.sleep(0.01)
        return self.returncode


class Zygote:
    """The process that forks laptops (harness/zygote.py)."""

    def __init__(self, log: Path) -> None:
        with log.open("a") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tests.sync.harness.zygote"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                cwd=REPO,
                env={**os.environ, "FIELDAPP_LANG": "en"},
            )
        self.exits: dict[int, int] = {}
        self.started: queue.Queue[int] = queue.Queue()
        threading.Thread(target=self._read, name="zygote", daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            word, *rest = line.split()
            if word == "started":
                self.started.put(int(rest[0]))
            elif word == "exited":
                self.exits[int(rest[0])] = int(rest[1])

    def spawn(self, plan: Path, log: Path) -> Forked:
        self.proc.stdin.write(f"{plan} {log}\n")
        self.proc.stdin.flush()
        return Forked(self, self.started.get(timeout=60))

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


class HarnessRun:
    def __init__(self, config: HarnessConfig, root: Path, db_url: str) -> None:
        self.config = config
        self.root = root
        self.db_url = db_url
        self.rng = random.Random(config.seed)
        self.t0 = time.monotonic()
        (root / "journals").mkdir(parents=True, exist_ok=True)
        (root / "logs").mkdir(exist_ok=True)
        self.server = ServerProcess(
            db_url,
            free_port(),
            root / "logs" / "server.log",
            config.pg_workers if not is_sqlite(db_url) and not config.server_break else 1,
            config.server_break,
        )
        self.proxy = FaultProxy(self.server.port, config.seed)
        self.zygote: Zygote | None = None
        offsets = [0] + [
            int(self.rng.uniform(-config.max_offset_s, config.max_offset_s) * 1000)
            for _ in range(config.laptops - 1)
        ]
        self.laptops = [
            LaptopSlot(
                i,
                DataDir(root / f"laptop{i}"),
                root / "journals" / f"laptop{i}.jsonl",
                root / "logs" / f"laptop{i}.log",
                offsets[i],
            )
            for i in range(config.laptops)
        ]
        self.result = RunResult(config, root, db_url, self.server.base, self.laptops, {})

    # --- bookkeeping ----------------------------------------------------------------------------

    def now(self) -> float:
        return time.monotonic() - self.t0

    def note(self, what: str) -> None:
        self.result.events.append((round(self.now(), 2), what))

    # --- the whole run --------------------------------------------------------------------------

    def execute(self) -> RunResult:
        started = time.monotonic()
        try:
            self.zygote = Zygote(self.root / "logs" / "zygote.log")  # imports while the setup runs
            self.server.start()
            self.proxy.start()
            self.setup()
            self.result.timings["setup_s"] = round(time.monotonic() - started, 1)
            chaos_started = time.monotonic()
            self.chaos()
            self.result.timings["chaos_s"] = round(time.monotonic() - chaos_started, 1)
            drain_started = time.monotonic()
            self.heal()
            self.drain()
            self.result.timings["drain_s"] = round(time.monotonic() - drain_started, 1)
        finally:
            self.stop_workers()
            if self.zygote is not None:
                self.zygote.close()
            self.result.proxy_stats = dict(self.proxy.stats)
            self.proxy.stop()
            self.server.kill(signal.SIGTERM)
        self.result.server_log = self.server.log
        self.result.timings["total_s"] = round(time.monotonic() - started, 1)
        return self.result

    # --- setup: the organisation, the base data, every laptop enrolled through the proxy ------------

    def setup(self) -> None:
        engine = make_engine(self.db_url)
        try:
            admin.create_org(engine, "Harness", ORG)
            codes = [admin.make_enroll_code(engine, ORG, 1, self.proxy.url)["code"] for _ in self.laptops]
        finally:
            engine.dispose()
        base: dict[str, Any] = {}
        for slot, code in zip(self.laptops, codes, strict=True):
            store = Store.open(slot.data.database, slot.data.backups)
            try:
                set_clock(store, slot.offset_ms)
                services = Services(store, ACTOR)
                if slot.index == 0:
                    base = make_base(services, self.config.shared_people, self.config.seed)
                services.sync_state.enrol(self.proxy.url, code, f"Harness laptop {slot.index}")
                services.sync.run()
                slot.device_id = store.device_id
                slot.token = services.sync.link().token
            finally:
                store.close()
        self.result.plans = self.make_plans(base)
        self.note("setup done")

    def make_plans(self, base: dict[str, Any]) -> dict[str, Any]:
        """Races between laptops (never the one to be revoked): the same person's notes edited
        on two laptops, the same walk-in on two laptops; later walk-ins any laptop may repeat."""
        c, seed = self.config, self.config.seed
        racers = [s.index for s in self.laptops[: -1 if c.revoke else None]]
        people = base["people"]
        race_edits: dict[int, list[dict[str, str]]] = {i: [] for i in racers}
        races = []
        for k, person in enumerate(people[: c.race_people]):
            a, b = self.rng.sample(racers, 2)
            values = {a: f"race{k}-L{a}", b: f"race{k}-L{b}"}
            for laptop, value in values.items():
                race_edits[laptop].append({"person_id": person, "value": value})
            races.append({"person_id": person, "laptops": [a, b], "values": list(values.values())})
        race_walk_ins: dict[int, list[dict[str, str]]] = {i: [] for i in racers}
        walk_races = []
        for k in range(c.race_walk_ins):
            stem = f"8{seed % 1000:03d}0{k:03d}"
            a, b = self.rng.sample(racers, 2)
            for laptop in (a, b):
                race_walk_ins[laptop].append({"stem": stem, "name": f"Race walk-in {k}"})
            walk_races.append({"stem": stem, "laptops": [a, b]})
        late = [{"stem": f"8{seed % 1000:03d}1{k:03d}", "name": f"Late walk-in {k}"} for k in range(4)]
        return {
            "base": base,
            "edit_people": people[c.race_people :],
            "races": races,
            "walk_races": walk_races,
            "late_walk_ins": late,
            "race_edits": race_edits,
            "race_walk_ins": race_walk_ins,
        }

    def plan_for(self, slot: LaptopSlot) -> Path:
        plans, c = self.result.plans, self.config
        plan = {
            "index": slot.index,
            "life": slot.life,
            "seed": c.seed * 1000 + slot.index * 100 + slot.life,
            "offset_ms": slot.offset_ms,
            "data_dir": str(slot.data.root),
            "journal": str(slot.journal),
            "event_id": plans["base"]["event_id"],
            "gift_type_id": plans["base"]["gift_type_id"],
            "edit_people": plans["edit_people"],
            "race_edits": plans["race_edits"].get(slot.index, []),
            "race_walk_ins": plans["race_walk_ins"].get(slot.index, []),
            "late_walk_ins": plans["late_walk_ins"],
            "kill_points": c.kill_points,
            "break": c.worker_break,
            "poison": slot.poison_next,
            "pause_s": c.pause_s,
            "op_weights": c.op_weights,
        }
        path = self.root / "journals" / f"plan{slot.index}.{slot.life}.json"
        path.write_text(json.dumps(plan), encoding="utf-8")
        return path

    # --- laptops --------------------------------------------------------------------------------------

    def start_worker(self, slot: LaptopSlot) -> None:
        plan = self.plan_for(slot)
        slot.poison_next = False
        assert self.zygote is not None
        slot.proc = self.zygote.spawn(plan, slot.log)
        slot.life += 1
        slot.restart_at = None

    def kill_worker(self, slot: LaptopSlot, why: str, restart_after: float | None) -> None:
        if slot.proc is not None and slot.proc.poll() is None:
            slot.proc.send_signal(signal.SIGKILL)
            slot.proc.wait(timeout=30)
            self.note(f"SIGKILL laptop{slot.index} ({why})")
        slot.proc = None
        slot.restart_at = None if restart_after is None else self.now() + restart_after

    def stop_workers(self) -> None:
        for slot in self.laptops:
            slot.stopped = True
            if slot.proc is not None and slot.proc.poll() is None:
                slot.proc.send_signal(signal.SIGKILL)
                slot.proc.wait(timeout=30)
            slot.proc = None

    def tend_workers(self) -> None:
        """Restart laptops that died (killed by the run, or by their own kill points)."""
        for slot in self.laptops:
            if slot.stopped:
                continue
            if slot.proc is not None and slot.proc.poll() is not None:
                code = slot.proc.returncode
                self.note(f"laptop{slot.index} exited {code}")
                slot.proc = None
                slot.restart_at = self.now() + self.rng.uniform(0.1, 0.8)
            if slot.proc is None and slot.restart_at is not None and self.now() >= slot.restart_at:
                self.start_worker(slot)

    # --- chaos ------------------------------------------------------------------------------------------

    def schedule(self) -> list[tuple[float, str, int]]:
        c, rng = self.config, self.rng
        d = c.chaos_s
        events: list[tuple[float, str, int]] = []
        t = rng.expovariate(1 / c.worker_kill_every_s)
        while t < d:
            events.append((t, "kill_laptop", rng.randrange(c.laptops)))
            t += rng.expovariate(1 / c.worker_kill_every_s)
        for _ in range(c.server_kills):
            t = rng.choice([rng.uniform(0.08, 0.22), rng.uniform(0.55, 0.9)]) * d
            events.append((t, "kill_server", 0))
        if c.restore:
            events += [(0.25 * d, "backup", 0), (0.5 * d, "restore", 0)]
        if c.poison:
            events.append((0.3 * d, "poison", 1 % c.laptops))
        if c.clock_jump and c.laptops > 2:
            events.append((0.4 * d, "clock_jump", 2))
        if c.revoke:
            events.append((0.65 * d, "revoke", c.laptops - 1))
        return sorted(events)

    def chaos(self) -> None:
        c = self.config
        self.proxy.set_rates(
            FaultRates(c.faults) if c.faults is not None else FaultRates.chaos(c.fault_level)
        )
        self.t0 = time.monotonic()
        self.note("chaos starts")
        for slot in self.laptops:
            self.start_worker(slot)
        pending = self.schedule()
        self.last_disruption = time.time()
        checked = 0.0
        while True:
            while pending and pending[0][0] <= self.now():
                _, kind, index = pending.pop(0)
                getattr(self, f"do_{kind}")(self.laptops[index])
            self.tend_workers()
            time.sleep(0.05)
            if self.now() < c.chaos_s or pending or self.now() - checked < 0.5:
                continue
            # On a slow machine the faults can leave no time for syncing: go on (faults still on)
            # until enough rounds succeeded after the last server outage, within a hard limit.
            checked = self.now()
            if self.rounds_since(self.last_disruption) >= c.rounds_after_outage:
                break
            if self.now() > c.chaos_s * c.chaos_stretch:
                self.note(f"only {self.rounds_since(self.last_disruption)} rounds after the last outage")
                break

    def rounds_since(self, wall: float) -> int:
        return sum(
            1
            for slot in self.laptops
            for e in Journal.read(slot.journal)
            if e["t"] == "round" and e["ok"] and e["at"] > wall
        )

    def do_kill_laptop(self, slot: LaptopSlot) -> None:
        self.kill_worker(slot, "random", self.rng.uniform(0.2, 1.5))

    def do_kill_server(self, _slot: LaptopSlot) -> None:
        self.server.kill()
        self.note("SIGKILL server")
        time.sleep(self.rng.uniform(0.1, 1.0))
        self.server.start()
        self.last_disruption = time.time()
        self.note("server up")

    def do_poison(self, slot: LaptopSlot) -> None:
        self.kill_worker(slot, "poison", 0.1)
        slot.poison_next = True

    def do_clock_jump(self, slot: LaptopSlot) -> None:
        self.kill_worker(slot, "clock jumps back an hour", 0.1)
        slot.offset_ms -= 3_600_000

    def do_revoke(self, slot: LaptopSlot) -> None:
        assert cli.main(["server-admin", "--db", self.db_url, "revoke", slot.device_id]) == 0
        slot.revoked = True
        self.result.revoked_at = time.time()
        self.result.revoked_snapshot = snapshot(slot)
        self.note(f"revoked laptop{slot.index}")

    def do_backup(self, _slot: LaptopSlot) -> None:
        self.backup_started = time.time()
        self.backup_path = self.root / ("server-backup.db" if is_sqlite(self.db_url) else "server.dump")
        if is_sqlite(self.db_url):
            assert cli.main(["server-admin", "--db", self.db_url, "backup", str(self.backup_path)]) == 0
        else:
            url = make_url(self.db_url)
            subprocess.run(
                ["pg_dump", "-Fc", *_pg_args(url), "-f", str(self.backup_path), url.database],
                check=True,
                capture_output=True,
            )
        self.note("server backup taken")

    def do_restore(self, _slot: LaptopSlot) -> None:
        """Stop the server, put the backup back, rotate the epoch, start again."""
        self.server.kill()
        if is_sqlite(self.db_url):
            database = Path(make_url(self.db_url).database)
            for suffix in ("-wal", "-shm"):  # a stale WAL would be replayed onto the old copy
                Path(f"{database}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(self.backup_path, database)
        else:
            _pg_restore(self.db_url, self.backup_path)
        assert cli.main(["server-admin", "--db", self.db_url, "rotate-epoch"]) == 0
        self.server.start()
        self.last_disruption = time.time()
        self.result.restore_windows.append((self.backup_started, time.time()))
        self.note("server restored from the backup (epoch rotated)")

    # --- heal and drain -------------------------------------------------------------------------------

    def heal(self) -> None:
        for slot in self.laptops:
            slot.stopped = True
        self.stop_workers()
        self.proxy.heal()
        if self.server.proc is None or self.server.proc.poll() is not None:
            self.server.start()
        self.note("healed; every laptop stopped")

    def drain(self) -> None:
        """Sync every laptop (in this process, real code) until every outbox is empty and a whole
        pass pushed nothing (so every laptop pulled the final state). No progress for
        `stuck_after_s` is a stuck queue."""
        c = self.config
        stores = {slot.index: Store.open(slot.data.database, slot.data.backups) for slot in self.laptops}
        try:
            for slot in self.laptops:
                set_clock(stores[slot.index], slot.offset_ms)
            services = {i: Services(store, ACTOR) for i, store in stores.items()}
            started = last_progress = time.monotonic()
            last_pending = None
            passes = 0
            while True:
                passes += 1
                pushed, failed = 0, 0
                for slot in self.result.active:
                    entry: dict[str, Any] = {"laptop": slot.index, "pass": passes}
                    try:
                        report = services[slot.index].sync.run()
                        data = report.as_json()
                        entry.update(
                            ok=True,
                            **{k: data[k] for k in ("pushed", "pulled", "rejected", "refetched", "verified")},
                            rebaselined=data["rebaselined"],
                        )
                        pushed += report.pushed
                        if report.pushed or report.pulled:
                            last_progress = time.monotonic()
                    except SyncError as exc:
                        entry.update(ok=False, error=exc.key)
                        failed += 1
                    self.result.drain_rounds.append(entry)
                pending = sum(services[s.index].sync.pending_count() for s in self.result.active)
                if last_pending is not None and pending < last_pending:
                    last_progress = time.monotonic()
                last_pending = pending
                if pending == 0 and pushed == 0 and failed == 0:
                    break
                if time.monotonic() - last_progress > c.stuck_after_s:
                    self.result.stuck = f"no progress for {c.stuck_after_s:.0f} s; {pending} ops pending"
                    break
                if time.monotonic() - started > c.drain_limit_s:
                    self.result.stuck = f"still moving after {c.drain_limit_s:.0f} s; {pending} ops pending"
                    break
            self.result.timings["drain_passes"] = passes
            token = self.result.active[0].token
            with SyncClient(self.server.base, token=token) as client:  # straight to the server
                self.result.server_verify = client.verify()
            for slot in self.laptops:
                if slot.revoked:
                    try:
                        services[slot.index].sync.run()
                        self.result.revoked_round = "synced"
                    except SyncRevoked:
                        self.result.revoked_round = "revoked"
                    except SyncError as exc:
                        self.result.revoked_round = exc.key
        finally:
            for store in stores.values():
                store.close()


def _pg_args(url: Any) -> list[str]:
    args = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    return args


def _pg_restore(db_url: str, dump: Path) -> None:
    url = make_url(db_url)
    admin_url = url.set(database="postgres").render_as_string(hide_password=False)
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    finally:
        engine.dispose()
    subprocess.run(
        ["pg_restore", *_pg_args(url), "-d", url.database, str(dump)], check=True, capture_output=True
    )


def snapshot(slot: LaptopSlot) -> dict[str, Any]:
    """The ids of every synced row and the pending ops of a laptop (read while it runs: WAL)."""
    engine = create_engine(f"sqlite:///{slot.data.database}", connect_args={"timeout": 15})
    try:
        with engine.connect() as conn:
            ids = {name: list(conn.scalars(select(m.__table__.c.id))) for name, m in MODEL_BY_TABLE.items()}
            pending = [
                list(row)
                for row in conn.execute(
                    select(Outbox.op_id, Outbox.table_name, Outbox.row_id).where(Outbox.status == "pending")
                )
            ]
    finally:
        engine.dispose()
    return {"ids": ids, "pending": pending}
