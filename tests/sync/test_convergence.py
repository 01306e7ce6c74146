"""The sync under faults (SYNC.md "Testing it", issue 8 §5): laptops as separate processes, a real
`fieldapp server` process (SQLite and PostgreSQL), the fault proxy between them, SIGKILLs of
laptops and of the server, a server restored from a mid-run backup, clocks off by up to ±10 min
(one jumps back an hour), a token revoked mid-run, a poison op. Then heal, drain every outbox and
check every invariant (tests/sync/harness/checks.py).

    .venv/bin/pytest -q tests/sync/test_convergence.py             # CI: two seeds per server
    .venv/bin/pytest -q tests/sync/test_convergence.py --nightly   # many seeds, longer runs

A failing run prints its report (seed, every fault with its time, every broken invariant) and
leaves it with the laptops' databases, journals and logs in the test's tmp directory. The bugs
the harness found have a deterministic reproduction each at the end of this file (scripted with
harness/scenario.py: a real server process, laptops in this process).

The harness must be able to fail: two tests break the build on purpose (a laptop that saves the
pull cursor before the page; a server that forgets its applied ops) and assert it is caught.
"""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from fieldapp.services.events import EventInput
from fieldapp.services.gifts.common import GiftTypeInput, HandoverInput
from tests.sync.faultproxy import FaultProxy, FaultRates
from tests.sync.harness import checks
from tests.sync.harness.ops import person_input
from tests.sync.harness.run import HarnessConfig, HarnessRun
from tests.sync.harness.scenario import Scenario

CI_SEEDS = (1, 2)
NIGHTLY_SEEDS = tuple(range(101, 121))
CI_RUN = {"chaos_s": 14.0, "server_kills": 1}
NIGHTLY_RUN = {"chaos_s": 45.0, "server_kills": 2, "laptops": 5}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "seed" in metafunc.fixturenames:
        nightly = metafunc.config.getoption("--nightly", default=False)
        seeds = NIGHTLY_SEEDS if nightly else CI_SEEDS
        metafunc.parametrize("seed", seeds, ids=[f"seed{s}" for s in seeds])


def run_harness(root: Path, db_url: str, **config) -> tuple[object, checks.Findings]:
    result = HarnessRun(HarnessConfig(**config), root, db_url).execute()
    findings = checks.check(result)
    checks.write_report(result, findings)
    print(checks.report(result, findings))
    return result, findings


# --- the fault proxy itself --------------------------------------------------------------------------


@pytest.fixture
def counting_upstream():
    """A tiny HTTP server that answers 200 and counts what reached it."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            hits.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("fault", "status", "reached"),
    [
        ("drop_request", None, 0),
        ("lost_ack", None, 1),
        ("duplicate", 200, 2),
        ("error_503", 503, 0),
        ("error_429", 429, 0),
        ("delay", 200, 1),
    ],
)
def test_the_fault_proxy_does_what_it_says(counting_upstream, fault, status, reached):
    port, hits = counting_upstream
    proxy = FaultProxy(port, seed=1, rates=FaultRates({fault: 0.999})).start()
    try:
        try:
            answer = httpx.post(f"{proxy.url}/v1/push", json={"ops": []}, timeout=5)
        except httpx.TransportError:
            answer = None
        assert (answer and answer.status_code) == status
        if status in (503, 429):
            assert answer.headers["retry-after"] == "0"
        assert len(hits) == reached and proxy.stats[fault] == 1
        proxy.heal()
        assert httpx.post(f"{proxy.url}/v1/push", json={}, timeout=5).status_code == 200
        assert len(hits) == reached + 1
    finally:
        proxy.stop()


# --- the harness -----------------------------------------------------------------------------------


def test_every_laptop_converges_under_faults(harness_db, seed, nightly, tmp_path):
    backend, url = harness_db
    size = NIGHTLY_RUN if nightly else CI_RUN
    result, findings = run_harness(tmp_path, url, seed=seed, backend=backend, **size)
    assert not findings.failures, checks.report(result, findings)
    assert findings.stats["rounds_ok"] > 0 and findings.stats["facts_on_server"] > 0


# --- a test that cannot fail proves nothing: broken builds ------------------------------------------


def test_the_harness_catches_a_cursor_saved_before_its_page(tmp_path):
    """Laptops whose apply_page commits the cursor first, then the rows (PouchDB #1240), killed
    halfway through pages: rows are skipped for good (verify has to repair, or digests differ)."""
    result, findings = run_harness(
        tmp_path,
        f"sqlite:///{tmp_path / 'server.db'}",
        seed=7,
        chaos_s=12.0,
        worker_break="cursor_first",
        kill_points={"mid_page": 0.5},
        worker_kill_every_s=1000.0,
        server_kills=0,
        restore=False,
        revoke=False,
    )
    assert findings.stats["self_kills"].get("mid_page", 0) > 0, (
        "no page was ever cut: the test proves nothing"
    )
    caught = findings.names() & {"verify had to repair", "digests differ", "facts differ", "conflicts differ"}
    assert caught, checks.report(result, findings)


def test_the_harness_catches_a_server_that_forgets_applied_ops(tmp_path, nightly):
    """A server that deletes its applied-op memory after each batch: lost answers and duplicated
    deliveries are applied again, and a retried batch no longer gets its first answers. The
    harness names the acknowledged ops the server cannot account for. (The data itself is kept
    safe by the merge even then: a replayed insert merges as a re-sent row, a replayed edit is
    the same stamp again; a replayed edit older than a later one shows as a "self conflict".)"""
    result, findings = run_harness(
        tmp_path,
        f"sqlite:///{tmp_path / 'server.db'}",
        seed=8,
        chaos_s=12.0,
        server_break="forget_applied_ops",
        faults={"lost_ack": 0.15, "duplicate": 0.15, "delay_answer": 0.05},
        op_weights={"walk_in_and_fix": 25, "sync_round": 25},
        worker_kill_every_s=1000.0,
        server_kills=0,
        restore=False,
        revoke=False,
    )
    assert "acknowledged op unknown to the server" in findings.names(), checks.report(result, findings)


# --- bugs the harness found: deterministic reproductions -------------------------------------------


def test_a_laptop_ten_minutes_fast_keeps_its_later_edit(tmp_path):
    """Found by the harness: the server clamped a future HLC to (server now, same counter), so a
    fast laptop's edits in one batch got EQUAL stamps and the later one was skipped as "the same
    write again": the coordinator's last edit vanished on the server and, after the pull, here."""
    with Scenario(tmp_path, laptops=1, offsets_ms=[600_000]) as org:
        (a,) = org.laptops
        person = a.services.people.create(person_input("90000001", "Fast clock")).id
        org.sync(a)
        a.set_notes(person, "first")
        a.set_notes(person, "second")
        org.sync(a, a)
        assert org.server_rows("person")[person]["notes"] == "second"
        assert a.notes(person) == "second"


def test_a_server_restore_keeps_every_conflict(tmp_path):
    """Found by the harness: a re-baseline sent every synced row again but not the conflicts, so a
    conflict recorded after the backup was gone from the restored server (kept only by the
    laptops that had pulled it)."""
    with Scenario(tmp_path, laptops=2) as org:
        a, b = org.laptops
        person = a.services.people.create(person_input("90000002", "Two editors")).id
        org.sync(a, b)
        org.backup()
        a.set_notes(person, "from A")
        b.set_notes(person, "from B")
        org.sync(a, b, a)
        lost_before = sorted(c["lost_value"] for c in org.server_rows("conflict").values())
        org.restore()
        org.sync(a, b, a, b)
        lost_after = sorted(c["lost_value"] for c in org.server_rows("conflict").values())
        assert lost_after == lost_before == ["from A"]


def test_a_server_restore_takes_merged_walk_ins_back_cleanly(tmp_path):
    """Found by the harness: after a restore the re-sent rows re-run the person merge; the re-sent
    person_merge fact was refused (IntegrityError, set aside) and the facts the merge had
    rewritten (hand-overs, scans) became fact conflicts."""
    with Scenario(tmp_path, laptops=2) as org:
        a, b = org.laptops
        now = dt.datetime.now(dt.UTC)
        event = a.services.events.create(
            EventInput(title="E", starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=5))
        )
        gift = a.services.gifts.create_type(GiftTypeInput(name="Water"))
        org.sync(a, b)
        b.services.desk.walk_in(event.id, person_input("80000001", "Same walk-in"))  # the survivor
        loser = a.services.desk.walk_in(event.id, person_input("80000001", "Same walk-in")).person.id
        a.services.gifts.hand_over(HandoverInput(gift.id, 1, recipient_person_id=loser, event_id=event.id))
        org.sync(a)
        org.backup()  # holds A's walk-in and hand-over, not yet the merge
        org.sync(b, a)
        assert len(org.server_rows("person_merge")) == 1
        org.restore()
        reports = org.sync(b, a, b, a)
        fact_conflicts = [c for c in org.server_rows("conflict").values() if c["field"] == "*"]
        assert [r.rejected for r in reports] == [0, 0, 0, 0] and not b.set_aside()
        assert fact_conflicts == []


def test_a_round_that_straddles_a_server_restore_loses_no_edit(tmp_path):
    """Found by the harness: the epoch was checked at hello only, so a round that pushed to the
    server just before it was restored then pulled from the restored one, and the pulled row
    overwrote the laptop's edit (acknowledged by the old server, undone by the restore) before a
    re-baseline could send it again: the edit was lost everywhere, with no conflict."""
    with Scenario(tmp_path, laptops=2) as org:
        a, b = org.laptops
        person = a.services.people.create(person_input("90000003", "Straddle")).id
        org.sync(a, b, a)
        org.backup()
        for k in range(3):  # versions, so the restored server's numbering passes A's cursor
            b.services.people.create(person_input(f"9000010{k}", f"Filler {k}"))
        org.sync(b, a)
        a.set_notes(person, "from A")
        saved = []

        def write(step):  # A's round, its push answered and saved: the server is restored now
            value = step()
            saved.append(value)
            if len(saved) == 1:
                org.restore()
                org.sync(b)
                b.set_notes(person, "from B")
                org.sync(b)
            return value

        a.services.sync.run(write=write)
        org.sync(a, b, a, b)
        kept = org.server_rows("person")[person]["notes"]
        lost = [c["lost_value"] for c in org.server_rows("conflict").values() if c["row_id"] == person]
        assert "from A" in (kept, *lost)


def test_an_edit_made_before_a_re_baseline_still_meets_its_rival(tmp_path):
    """Found by the harness: a re-baseline sent whole rows whose later values won without a
    conflict, so an edit of this laptop (waiting, or acknowledged by the server before it was
    restored) silently replaced a value another laptop wrote after the restore. Now an edit made
    here goes up naming the value it replaced, and meets its rival as any edit does."""
    with Scenario(tmp_path, laptops=2) as org:
        a, b = org.laptops
        person = a.services.people.create(person_input("90000004", "Offline editor")).id
        org.sync(a, b, a)
        org.backup()
        org.restore()
        b.set_notes(person, "from B")
        org.sync(b)
        a.set_notes(person, "from A")  # A has not synced since the restore: it never saw "from B"
        org.sync(a, b, a)
        kept = org.server_rows("person")[person]["notes"]
        lost = [c["lost_value"] for c in org.server_rows("conflict").values() if c["row_id"] == person]
        assert sorted([kept, *lost]) == ["from A", "from B"]


def test_a_value_only_another_laptop_holds_after_a_restore_meets_its_rival(tmp_path):
    """Found by the harness (seed 1, a laptop killed and revoked just after the server was
    restored): an edit acknowledged by the old server and lost by the restore came back only
    through another laptop's re-baseline, as a value it held after a sync. It lost to an edit
    made after the restore by a laptop that never saw it, and, being "settled", vanished without
    a conflict. Now the server keeps, per field, the stamp its value's writer had seen."""
    with Scenario(tmp_path, laptops=3) as org:
        a, b, c = org.laptops
        person = a.services.people.create(person_input("90000006", "Lost laptop's edit")).id
        org.sync(a, b, c)
        org.backup()
        a.set_notes(person, "from A")
        org.sync(a, b)  # B holds A's edit; A is never seen again (stolen, broken, revoked)
        org.restore()
        c.set_notes(person, "from C")  # C never saw "from A"
        org.sync(c, b, c, b)
        kept = org.server_rows("person")[person]["notes"]
        lost = [c["lost_value"] for c in org.server_rows("conflict").values() if c["row_id"] == person]
        assert sorted([kept, *lost]) == ["from A", "from C"]
        assert b.notes(person) == c.notes(person) == kept


def test_a_value_replaced_by_one_who_saw_it_is_no_conflict_after_a_restore(tmp_path):
    """The other side of the test above: a laptop behind on its pulls re-sends, after a restore, a
    value that another laptop saw and replaced; no conflict is made of it."""
    with Scenario(tmp_path, laptops=3) as org:
        a, b, c = org.laptops
        person = a.services.people.create(person_input("90000007", "Seen and replaced")).id
        org.sync(a, b, c)
        org.backup()
        a.set_notes(person, "from A")
        org.sync(a, b, c)  # B and C hold "from A"
        c.set_notes(person, "from C, having read A's")
        org.sync(c)
        org.restore()
        org.sync(c, b, c, b)
        assert org.server_rows("person")[person]["notes"] == "from C, having read A's"
        assert [x for x in org.server_rows("conflict").values() if x["row_id"] == person] == []


def test_a_fast_laptops_next_edit_meets_the_value_it_never_saw(tmp_path):
    """Found by the nightly harness (seed 104): a laptop ten minutes fast edited a field again,
    naming its own earlier value as the one replaced; the server had brought that stamp back to its
    clock, and another laptop's value had since won over it. Compared by time, the fast laptop's
    unclamped stamp looked newer than the other value, so the other value was taken as seen and
    vanished with no conflict."""
    with Scenario(tmp_path, laptops=2, offsets_ms=[600_000, 0]) as org:
        fast, other = org.laptops
        person = fast.services.people.create(person_input("90000005", "Fast editor")).id
        org.sync(fast, other)
        fast.set_notes(person, "fast 1")
        _push_only(fast)  # killed after its push was answered, before the pull
        other.set_notes(person, "other")  # never saw "fast 1": wins by the server's clock
        org.sync(other)
        fast.set_notes(person, "fast 2")  # has not pulled "other"
        org.sync(fast, other, fast)
        kept = org.server_rows("person")[person]["notes"]
        lost = sorted(c["lost_value"] for c in org.server_rows("conflict").values() if c["row_id"] == person)
        assert kept == "fast 2" and lost == ["fast 1", "other"]


class _KilledAfterPush(Exception):
    pass


def _push_only(laptop) -> None:
    """One round of `laptop` that stops once its push answers are saved, as a laptop killed then."""

    def write(step):
        step()
        raise _KilledAfterPush

    with pytest.raises(_KilledAfterPush):
        laptop.services.sync.run(write=write)


def test_a_laptop_killed_after_a_pull_never_stamps_below_what_it_pulled(tmp_path):
    """Found by the nightly harness (seeds 109-112): a slow laptop SIGKILLed after a pull started
    again with a clock below the stamps it had pulled (only its own stamps were remembered), so its
    next edit, made after seeing the other value, lost to it; and the server, keeping its row as
    it was, sent nothing back, so the laptop showed the losing value until verify repaired it."""
    from fieldapp.services import Services
    from fieldapp.store.db import Store
    from tests.sync.harness.laptop import ACTOR, set_clock

    with Scenario(tmp_path, laptops=2, offsets_ms=[-600_000, 0]) as org:
        slow, other = org.laptops
        person = other.services.people.create(person_input("90000006", "Seen then edited")).id
        org.sync(other)
        other.set_notes(person, "from other")
        org.sync(other, slow)
        again = Store.open(slow.store.path)  # the same laptop after a SIGKILL: no close() ran
        set_clock(again, -600_000)
        restarted = type(slow)(slow.index, again, Services(again, ACTOR))
        try:
            restarted.set_notes(person, "from slow, after seeing the other")
            report = restarted.services.sync.run()
            assert org.server_rows("person")[person]["notes"] == "from slow, after seeing the other"
            assert restarted.notes(person) == "from slow, after seeing the other"
            assert report.conflicts == 0 and report.refetched == 0
        finally:
            again.close()
