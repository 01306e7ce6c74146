"""The invariants a harness run must hold after healing (SYNC.md "Testing it").

Read from the real files: the server's database and every laptop's SQLite, plus the laptops'
journals. `check()` returns every broken invariant as one line of text (an empty list: all held)
and the counts a report prints.
"""

from __future__ import annotations

import json
import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select

from fieldapp.server.db import make_engine
from fieldapp.server.merges import PERSON_REFS, POSSIBLE_DUPLICATE
from fieldapp.server.models import AppliedOp, Organisation, OrgSync, ServerState, SyncRow
from fieldapp.store import remote
from fieldapp.store.models import MODEL_BY_TABLE, Conflict, Fact, Outbox, Person, SyncState
from tests.sync.harness.ops import Journal, national_id
from tests.sync.harness.run import ORG, LaptopSlot, RunResult

FACT_TABLES = sorted(name for name, model in MODEL_BY_TABLE.items() if issubclass(model, Fact))
SHOWN = 3  # examples per broken invariant
WRITES = ("edit", "race_edit", "walk_in", "race_walk_in", "late_walk_in")  # journaled writes


@dataclass
class Findings:
    failures: list[str] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)

    def fail(self, what: str) -> None:
        self.failures.append(what)

    def names(self) -> set[str]:
        """The invariants broken (the text before the colon)."""
        return {f.split(":", 1)[0] for f in self.failures}


@dataclass
class ServerView:
    epoch: str
    org_version: int
    rows: dict[tuple[str, str], dict[str, Any]]  # (table, id) -> {kind, data, device_id, hash}
    applied: dict[str, str]  # op id -> status


@dataclass
class LaptopState:
    slot: LaptopSlot
    digests: dict[str, Any]
    ids: dict[str, set[str]]
    outbox: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    people: list[dict[str, Any]]
    cursor: int | None
    epoch: str | None
    last_error: str
    journal: list[dict[str, Any]]


def read_server(db_url: str) -> ServerView:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            org_id = conn.scalar(select(Organisation.id).where(Organisation.code == ORG))
            epoch = conn.scalar(select(ServerState.epoch))
            version = conn.scalar(select(OrgSync.version).where(OrgSync.org_id == org_id)) or 0
            rows = {
                (r.table_name, r.row_id): {
                    "kind": r.kind,
                    "data": json.loads(r.data),
                    "device_id": r.device_id,
                    "hash": r.row_hash,
                }
                for r in conn.execute(
                    select(SyncRow.table_name, SyncRow.row_id, SyncRow.kind, SyncRow.data, SyncRow.device_id)
                    .add_columns(SyncRow.row_hash)
                    .where(SyncRow.org_id == org_id)
                )
            }
            applied = dict(
                conn.execute(
                    select(AppliedOp.op_id, AppliedOp.status).where(AppliedOp.org_id == org_id)
                ).all()
            )
    finally:
        engine.dispose()
    return ServerView(epoch, version, rows, applied)


def read_laptop(slot: LaptopSlot) -> LaptopState:
    engine = create_engine(f"sqlite:///{slot.data.database}")
    try:
        with engine.connect() as conn:
            digests = remote.table_digests(conn)
            ids = {
                name: set(conn.scalars(select(model.__table__.c.id)))
                for name, model in MODEL_BY_TABLE.items()
            }
            o = Outbox.__table__.c
            outbox = [
                dict(r._mapping)
                for r in conn.execute(
                    select(
                        o.seq, o.op_id, o.table_name, o.row_id, o.kind, o.status, o.detail, o.sent_at
                    ).add_columns(o.payload)
                )
            ]
            c = Conflict.__table__.c
            conflicts = [
                dict(r._mapping)
                for r in conn.execute(
                    select(c.remote_id, c.table_name, c.row_id, c.field, c.lost_value, c.at)
                )
            ]
            p = Person.__table__.c
            people = [
                dict(r._mapping)
                for r in conn.execute(select(p.id, p.national_id, p.deleted, p.notes, p.device_id))
            ]
            s = SyncState.__table__.c
            state = conn.execute(select(s.pull_cursor, s.server_epoch, s.last_error)).first()
    finally:
        engine.dispose()
    return LaptopState(
        slot,
        digests,
        ids,
        outbox,
        conflicts,
        people,
        state.pull_cursor if state else None,
        state.server_epoch if state else None,
        state.last_error if state else "",
        Journal.read(slot.journal),
    )


def _examples(items: Any) -> str:
    items = sorted(items, key=str)
    more = f" (+{len(items) - SHOWN} more)" if len(items) > SHOWN else ""
    return ", ".join(str(i) for i in items[:SHOWN]) + more


def _in_window(when: Any, windows: list[tuple[float, float]]) -> bool:
    if when is None:
        return False
    stamp = when.timestamp()
    return any(start - 1 <= stamp <= end + 1 for start, end in windows)


def check(result: RunResult) -> Findings:
    found = Findings()
    server = read_server(result.db_url)
    laptops = {slot.index: read_laptop(slot) for slot in result.laptops}
    active = [laptops[s.index] for s in result.active]
    _run_health(result, laptops, found)
    _drained(active, found)
    _facts(server, active, found)
    _digests(result, server, active, found)
    _cursors(server, active, laptops, found)
    _applied_ops(result, server, laptops, found)
    _set_aside(laptops, found)
    _conflicts(server, active, found)
    _edits(result, server, laptops, found)
    _races(result, server, laptops, found)
    _merges(result, server, active, found)
    _repairs(result, laptops, found)
    _revoked(result, server, laptops, found)
    _stats(result, server, laptops, found)
    return found


# --- the invariants ---------------------------------------------------------------------------


def _run_health(result: RunResult, laptops: dict[int, LaptopState], found: Findings) -> None:
    if result.stuck:
        found.fail(f"stuck queue: {result.stuck}")
    for state in laptops.values():
        crashes = [e for e in state.journal if e["t"] == "crash"]
        if crashes:
            last = crashes[0]["traceback"].strip().splitlines()[-1]
            found.fail(f"laptop crashed: laptop{state.slot.index} {len(crashes)}x, first: {last}")
        log = state.slot.log.read_text(errors="replace") if state.slot.log.exists() else ""
        if "Traceback" in log and not crashes:
            found.fail(f"laptop crashed: laptop{state.slot.index} traceback in its log {state.slot.log}")
    server_500 = result.proxy_stats.get("upstream_500", 0)
    if server_500:
        found.fail(f"server answered 500: {server_500} times (see {result.server_log})")


def _drained(active: list[LaptopState], found: Findings) -> None:
    for state in active:
        pending = [op for op in state.outbox if op["status"] == "pending"]
        if pending:
            found.fail(f"outbox not drained: laptop{state.slot.index} has {len(pending)} pending ops")


def _facts(server: ServerView, active: list[LaptopState], found: Findings) -> None:
    """Every fact exactly once on the server and on every laptop (ids are the facts' identity)."""
    for table in FACT_TABLES:
        on_server = {rid for (t, rid), row in server.rows.items() if t == table}
        kinds = {row["kind"] for (t, _), row in server.rows.items() if t == table}
        if kinds - {"fact"}:
            found.fail(f"facts differ: server holds {table} rows of kind {kinds}")
        for state in active:
            here = state.ids[table]
            if here != on_server:
                found.fail(
                    f"facts differ: {table} laptop{state.slot.index} lacks {_examples(on_server - here)};"
                    f" server lacks {_examples(here - on_server)}"
                )


def _digests(result: RunResult, server: ServerView, active: list[LaptopState], found: Findings) -> None:
    theirs = result.server_verify or {}
    tables = theirs.get("tables", {})
    if not tables:
        found.fail("digests differ: the server's /v1/verify was not read")
        return
    for state in active:
        bad = []
        for table, digest in tables.items():
            mine = state.digests.get(table)
            if mine is None or mine["digest"] != digest["digest"] or mine["count"] != digest["count"]:
                bad.append(f"{table} ({mine and mine['count']} vs {digest['count']})")
        if bad:
            found.fail(f"digests differ: laptop{state.slot.index} {', '.join(bad)}")


def _cursors(
    server: ServerView, active: list[LaptopState], laptops: dict[int, LaptopState], found: Findings
) -> None:
    for state in active:
        if state.cursor != server.org_version or state.epoch != server.epoch:
            found.fail(
                f"cursor behind: laptop{state.slot.index} at {state.cursor} (epoch {state.epoch}),"
                f" server at {server.org_version} (epoch {server.epoch})"
            )
    for state in laptops.values():
        last: dict[str, int] = {}
        for entry in state.journal:
            if entry["t"] != "round" or entry.get("cursor") is None:
                continue
            epoch, cursor = entry["epoch"], entry["cursor"]
            if epoch in last and cursor < last[epoch]:
                found.fail(
                    f"cursor went back: laptop{state.slot.index} {last[epoch]} -> {cursor} in one epoch"
                )
                break
            last[epoch] = cursor


def _applied_ops(
    result: RunResult, server: ServerView, laptops: dict[int, LaptopState], found: Findings
) -> None:
    """Every op a laptop saved as answered is in the server's applied-op memory (a 401 or a 5xx
    never marks an op sent). Ops answered while a backup later put back was current are skipped:
    that stretch of the server's history was undone on purpose (the laptops sent everything again)."""
    for state in laptops.values():
        answered = [op for op in state.outbox if op["status"] in ("sent", "set_aside")]
        missing = [
            op["op_id"]
            for op in answered
            if op["op_id"] not in server.applied and not _in_window(op["sent_at"], result.restore_windows)
        ]
        if missing:
            found.fail(
                f"acknowledged op unknown to the server: laptop{state.slot.index} {len(missing)} of"
                f" {len(answered)}, e.g. {_examples(missing)}"
            )


def _set_aside(laptops: dict[int, LaptopState], found: Findings) -> None:
    """Only the poison op is set aside, with the server's reason; it never blocks the queue."""
    for state in laptops.values():
        poison = {e["op_id"] for e in state.journal if e["t"] == "poison"}
        by_id = {op["op_id"]: op for op in state.outbox}
        for op_id in poison:
            op = by_id.get(op_id)
            if op is None:
                found.fail(f"poison op lost: laptop{state.slot.index} {op_id} is gone from the outbox")
            elif op["status"] == "set_aside" and not op["detail"].startswith("table.unknown"):
                found.fail(f"poison op: laptop{state.slot.index} set aside for {op['detail']!r}")
            elif op["status"] not in ("set_aside", "superseded") and not state.slot.revoked:
                found.fail(f"poison op not set aside: laptop{state.slot.index} status {op['status']}")
        others = [op for op in state.outbox if op["status"] == "set_aside" and op["op_id"] not in poison]
        if others:
            reasons = Counter(op["detail"][:60] for op in others)
            found.fail(f"ops set aside: laptop{state.slot.index} {len(others)}: {dict(reasons)}")


def _conflicts(server: ServerView, active: list[LaptopState], found: Findings) -> None:
    """Each loser once on the server and once on every laptop; none that cannot be real."""
    conflicts = {rid: row for (t, rid), row in server.rows.items() if t == "conflict"}
    for state in active:
        here = Counter(c["remote_id"] for c in state.conflicts)
        twice = [rid for rid, n in here.items() if n > 1]
        if twice:
            found.fail(f"conflict twice: laptop{state.slot.index} {_examples(twice)}")
        if set(here) != set(conflicts):
            found.fail(
                f"conflicts differ: laptop{state.slot.index} lacks {_examples(set(conflicts) - set(here))};"
                f" the server lacks {_examples(set(here) - set(conflicts))}"
            )
    for rid, row in conflicts.items():
        data = row["data"]
        if data["field"] == "*":
            found.fail(
                f"fact conflict: {data['table_name']} {data['row_id']} stored with two contents ({rid})"
            )
        elif data["field"] != POSSIBLE_DUPLICATE:
            lost_by, kept_by = _device(data["lost_hlc"]), _device(data["kept_hlc"])
            if lost_by == kept_by == row["device_id"]:
                found.fail(
                    f"self conflict: {data['table_name']}.{data['field']} of {data['row_id']}: a laptop's"
                    f" own earlier write lost to its later one ({data['lost_value']!r}), a replay"
                )


def _device(hlc: str) -> str:
    return str(hlc).split(".", 2)[-1]


def _races(result: RunResult, server: ServerView, laptops: dict[int, LaptopState], found: Findings) -> None:
    """Two laptops edited one person's notes before either synced: one value is kept everywhere,
    the other is a conflict, once, on the server and on every laptop."""
    active = [laptops[s.index] for s in result.active]
    conflicts = [row["data"] for (t, _), row in server.rows.items() if t == "conflict"]
    for race in result.plans.get("races", []):
        person = race["person_id"]
        kept = server.rows[("person", person)]["data"]["notes"]
        if kept not in race["values"]:
            found.fail(f"race lost: person {person} notes {kept!r}, not one of {race['values']}")
            continue
        (loser,) = [v for v in race["values"] if v != kept]
        on_server = [
            c
            for c in conflicts
            if c["row_id"] == person and c["field"] == "notes" and c["lost_value"] == loser
        ]
        if len(on_server) != 1:
            found.fail(f"race loser not a conflict once: {loser!r} {len(on_server)}x on the server")
        for state in active:
            here = [c for c in state.conflicts if c["row_id"] == person and c["lost_value"] == loser]
            if len(here) != 1:
                found.fail(
                    f"race loser not a conflict once: {loser!r} {len(here)}x on laptop{state.slot.index}"
                )


def _edits(result: RunResult, server: ServerView, laptops: dict[int, LaptopState], found: Findings) -> None:
    """Nothing typed is silently dropped: every notes value a laptop wrote (and that reached the
    server) is the final value, a conflict's loser, or was seen and replaced by a later edit."""
    final = {rid: row["data"].get("notes") for (t, rid), row in server.rows.items() if t == "person"}
    lost = {
        (row["data"]["row_id"], row["data"]["lost_value"])
        for (t, _), row in server.rows.items()
        if t == "conflict" and row["data"]["field"] == "notes"
    }
    reached = _values_that_reached_the_organisation(result, server, laptops)
    edits = []
    for state in laptops.values():
        later_reached: set[str] = set()  # people with a later edit of this laptop that got out
        kept = []
        for entry in reversed(state.journal):
            if entry["t"] not in ("edit", "race_edit"):
                continue
            got_out = entry["value"] in reached or entry["person_id"] in later_reached
            if state.slot.revoked and not got_out:
                continue  # written after the revocation (or undone by a restore): never got out
            # A laptop pushes in the order it wrote: an edit before one that got out got out too,
            # even when no one saw it (the next edit replaced it in the same batch).
            later_reached.add(entry["person_id"])
            kept.append((state.slot.index, entry))
        edits.extend(reversed(kept))
    replaced = {(e["person_id"], e["previous"]) for _, e in edits}
    replaced |= _replaced_by_unjournaled_edits(server, laptops)
    noise = 0
    for (t, _), row in server.rows.items():
        data = row["data"]
        if t == "conflict" and data["field"] == "notes" and (data["row_id"], data["lost_value"]) in replaced:
            noise += 1  # the loser had been seen and replaced: not a concurrent edit
    found.stats["conflicts_of_seen_values"] = noise
    dropped = []
    for index, e in edits:
        key = (e["person_id"], e["value"])
        if final.get(e["person_id"]) == e["value"] or key in lost or key in replaced:
            continue
        dropped.append(f"laptop{index}:{e['value']}")
    if dropped:
        found.fail(f"edit lost: {len(dropped)} values neither kept nor a conflict, e.g. {_examples(dropped)}")


def _replaced_by_unjournaled_edits(
    server: ServerView, laptops: dict[int, LaptopState]
) -> set[tuple[str, Any]]:
    """A laptop journals an edit after its commit, so one killed in between (at the heal, say)
    made an edit no journal names. Such a value on the server replaced that laptop's last
    journaled edit of the person (values are "L{laptop}.{life}.{n}")."""
    journaled = {
        (e["person_id"], e["value"])
        for state in laptops.values()
        for e in state.journal
        if e["t"] in ("edit", "race_edit")
    }
    found = set()
    for (t, row_id), row in server.rows.items():
        data = row["data"]
        if t == "person":
            candidates = [(row_id, data.get("notes"))]
        elif t == "conflict" and data.get("field") == "notes":
            candidates = [(data["row_id"], data["kept_value"]), (data["row_id"], data["lost_value"])]
        else:
            continue
        for person_id, value in candidates:
            match = re.fullmatch(r"L(\d+)\.\d+\.\d+", value or "")
            state = laptops.get(int(match[1])) if match else None
            if state is None or (person_id, value) in journaled:
                continue
            own = [e for e in state.journal if e["t"] == "edit" and e["person_id"] == person_id]
            if own:
                found.add((person_id, own[-1]["value"]))
    return found


def _values_that_reached_the_organisation(
    result: RunResult, server: ServerView, laptops: dict[int, LaptopState]
) -> set[Any]:
    """Notes values the server or a laptop still syncing holds, held, or replaced."""
    values = set()
    for (t, _), row in server.rows.items():
        if t == "person":
            values.add(row["data"].get("notes"))
        elif t == "conflict":
            values.update((row["data"]["kept_value"], row["data"]["lost_value"]))
    for slot in result.active:
        state = laptops[slot.index]
        values.update(e["previous"] for e in state.journal if e["t"] in ("edit", "race_edit"))
        values.update(p["notes"] for p in state.people)
        for op in state.outbox:
            if op["status"] == "sent" and op["table_name"] == "person":
                payload = op["payload"]
                values.add(payload.get("notes", payload.get("fields", {}).get("notes")))
    return values


def _merges(result: RunResult, server: ServerView, active: list[LaptopState], found: Findings) -> None:
    """One live person per national id everywhere; no row names a merged-away person."""
    people = [(rid, row["data"]) for (t, rid), row in server.rows.items() if t == "person"]
    live_by_nid: dict[str, list[str]] = defaultdict(list)
    for rid, data in people:
        if data.get("national_id") and not data.get("deleted"):
            live_by_nid[data["national_id"]].append(rid)
    doubled = {nid: ids for nid, ids in live_by_nid.items() if len(ids) > 1}
    if doubled:
        found.fail(f"person doubled: on the server {_examples(doubled)}")
    for state in active:
        here: dict[str, int] = Counter(
            p["national_id"] for p in state.people if p["national_id"] and not p["deleted"]
        )
        doubled_here = [nid for nid, n in here.items() if n > 1]
        if doubled_here:
            found.fail(f"person doubled: laptop{state.slot.index} {_examples(doubled_here)}")
    for race in result.plans.get("walk_races", []):
        nid = national_id(race["stem"])
        if len(live_by_nid.get(nid, [])) != 1:
            found.fail(f"walk-in race: {nid} has {len(live_by_nid.get(nid, []))} live people on the server")
    losers = {row["data"]["loser_id"] for (t, _), row in server.rows.items() if t == "person_merge"}
    for (table, rid), row in server.rows.items():
        column = PERSON_REFS.get(table)
        if column and row["data"].get(column) in losers and not row["data"].get("deleted"):
            found.fail(f"row names a merged-away person: {table} {rid}")
    live_registrations = Counter(
        (row["data"]["event_id"], row["data"]["person_id"])
        for (t, _), row in server.rows.items()
        if t == "registration" and not row["data"].get("deleted")
    )
    twice = [key for key, n in live_registrations.items() if n > 1]
    if twice:
        found.fail(f"registration doubled: {_examples(twice)}")


def _repairs(result: RunResult, laptops: dict[int, LaptopState], found: Findings) -> None:
    """Verify is the safety net: a correct round never leaves rows for it to fetch again."""
    repaired = []
    for state in laptops.values():
        for entry in state.journal:
            if (
                entry["t"] == "round"
                and entry.get("ok")
                and (entry.get("refetched") or entry["verified"] is False)
            ):
                repaired.append(f"laptop{state.slot.index}:{entry.get('refetched')}")
    for entry in result.drain_rounds:
        if entry.get("ok") and (entry.get("refetched") or entry.get("verified") is False):
            repaired.append(f"drain laptop{entry['laptop']}:{entry.get('refetched')}")
    found.stats["verify_repairs"] = len(repaired)
    if repaired:
        found.fail(f"verify had to repair: {len(repaired)} rounds refetched rows ({_examples(repaired)})")


def _revoked(result: RunResult, server: ServerView, laptops: dict[int, LaptopState], found: Findings) -> None:
    """A revoked laptop stops syncing and keeps everything: its rows, its outbox."""
    for slot in result.laptops:
        if not slot.revoked:
            continue
        state = laptops[slot.index]
        if result.revoked_round != "revoked":
            found.fail(f"revoked laptop: its sync after revocation ended {result.revoked_round!r}")
        snapshot = result.revoked_snapshot
        for table, ids in snapshot.get("ids", {}).items():
            gone = set(ids) - state.ids[table]
            if gone:
                found.fail(f"revoked laptop lost rows: {table} {_examples(gone)}")
        by_id = {op["op_id"]: op for op in state.outbox}
        own = {(op["table_name"], op["row_id"]) for op in state.outbox if op["status"] in ("pending", "sent")}
        for op_id, table, row_id in snapshot.get("pending", []):
            op = by_id.get(op_id)
            if op is None:
                found.fail(f"revoked laptop lost an op: {op_id} is gone from the outbox")
            elif op["status"] == "superseded" and (table, row_id) not in own:
                found.fail(
                    f"revoked laptop lost an op: {op_id} superseded, and no op carries {table} {row_id}"
                )
            elif op["status"] not in ("pending", "superseded") and op_id not in server.applied:
                found.fail(f"revoked laptop lost an op: {op_id} now {op['status']}")
        for table, ids in state.ids.items():
            for rid in ids:
                if (
                    (table, rid) not in own
                    and (table, rid) not in server.rows
                    and _authored(state, table, rid)
                ):
                    found.fail(f"revoked laptop: {table} {rid} made here has no op to carry it")
        writes = [e for e in state.journal if e["t"] in WRITES and e["at"] > result.revoked_at]
        if writes and not any(op["status"] == "pending" for op in state.outbox):
            found.fail(f"revoked laptop: {len(writes)} writes after the revocation, no pending op kept")


def _authored(state: LaptopState, table: str, rid: str) -> bool:
    if table != "person":
        return True  # only person rows are read with their author here; the others stay in ids
    return any(p["id"] == rid and p["device_id"] == state.slot.device_id for p in state.people)


def _stats(result: RunResult, server: ServerView, laptops: dict[int, LaptopState], found: Findings) -> None:
    journal = [e for state in laptops.values() for e in state.journal]
    rounds = [e for e in journal if e["t"] == "round"]
    found.stats.update(
        {
            "facts_on_server": sum(1 for row in server.rows.values() if row["kind"] == "fact"),
            "rows_on_server": len(server.rows),
            "conflicts": sum(1 for (t, _) in server.rows if t == "conflict"),
            "merges": sum(1 for (t, _) in server.rows if t == "person_merge"),
            "rounds_ok": sum(1 for e in rounds if e["ok"]),
            "rounds_failed": dict(Counter(e["error"] for e in rounds if not e["ok"])),
            "rebaselines": sum(1 for e in rounds if e.get("rebaselined")),
            "self_kills": dict(Counter(e["point"] for e in journal if e["t"] == "self_kill")),
            "laptop_lives": sum(s.life for s in result.laptops),
            "operations": sum(1 for e in journal if e["t"] not in ("round", "start", "self_kill")),
            "refused": dict(Counter(e["key"] for e in journal if e["t"] == "refused")),
            "proxy": result.proxy_stats,
            "timings": result.timings,
        }
    )


def report(result: RunResult, findings: Findings) -> str:
    lines = [f"seed {result.config.seed} ({result.config.backend}) in {result.root}"]
    lines += [f"  {k}: {v}" for k, v in findings.stats.items()]
    lines += ["  events:"] + [f"    {t:7.2f} {what}" for t, what in result.events]
    lines += ["  FAILED: " + f for f in findings.failures] or ["  all invariants held"]
    return "\n".join(lines)


def write_report(result: RunResult, findings: Findings) -> Path:
    """report.txt, and result.pickle: `checks.check(pickle.load(...))` checks the run again."""
    path = Path(result.root) / "report.txt"
    path.write_text(report(result, findings), encoding="utf-8")
    (Path(result.root) / "result.pickle").write_bytes(pickle.dumps(result))
    return path
