"""What a laptop reads: hello, changes since its cursor, digests, chosen rows, central accounts.

Rows leave the server as they are stored: the canonical JSON of their data is spliced into the
answer as it is (no decode, re-encode), which keeps a 1,000-row page to a few milliseconds.
Every query is scoped to the caller's organisation.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Engine

from fieldapp.server.db import read_session, write_session
from fieldapp.server.devices import Caller
from fieldapp.server.models import CentralUser, Device, OrgSync, ServerState, SyncRow
from fieldapp.store.models import MODEL_BY_TABLE
from fieldapp.sync.digest import BUCKETS, CONFLICT_TABLE, bucket_of, table_digest

MAX_ROWS_ASKED = 1000


def hello(engine: Engine, caller: Caller, app_version: str, pending_ops: int, cursor: int) -> dict[str, Any]:
    """Where the organisation stands for this laptop; notes its app version, pending ops and
    cursor (and answers with the cursor it gave last time)."""
    with write_session(engine) as s:
        previous = s.scalar(select(Device.last_cursor).where(Device.id == caller.device_id)) or 0
        s.execute(
            update(Device)
            .where(Device.id == caller.device_id)
            .values(
                app_version=app_version[:40],
                pending_ops_reported=min(max(0, pending_ops), 2**31 - 1),  # an INTEGER column
                last_seen_at=dt.datetime.now(dt.UTC),
                last_cursor=cursor,
            )
        )
    with read_session(engine) as s:
        return {
            "server_time": dt.datetime.now(dt.UTC).isoformat(),
            "server_epoch": s.get(ServerState, 1).epoch,
            "org_version": s.scalar(select(OrgSync.version).where(OrgSync.org_id == caller.org_id)) or 0,
            "device_max_hlc": s.scalar(select(Device.max_hlc).where(Device.id == caller.device_id)),
            "device_cursor": previous,
        }


def _row_json(row: Any) -> str:
    return (
        f'{{"table":{json.dumps(row.table_name)},"id":{json.dumps(row.row_id)},"version":{row.version},'
        f'"kind":{json.dumps(row.kind)},"data":{row.data},"field_hlc":{row.field_hlc},'
        f'"created_hlc":{json.dumps(row.created_hlc)},"updated_hlc":{json.dumps(row.updated_hlc)},'
        f'"device_id":{json.dumps(row.device_id)}}}'
    )


_ROW_COLUMNS = (
    SyncRow.table_name,
    SyncRow.row_id,
    SyncRow.version,
    SyncRow.kind,
    SyncRow.data,
    SyncRow.field_hlc,
    SyncRow.created_hlc,
    SyncRow.updated_hlc,
    SyncRow.device_id,
)


def changes(engine: Engine, caller: Caller, since: int, limit: int) -> str:
    """JSON text: `{rows, cursor, more, org_version}`, the rows after `since` in version order."""
    with read_session(engine) as s:
        if s.bind.dialect.name == "postgresql":
            # The (org, version) index in order whatever the statistics say: on a table just
            # filled (no ANALYZE yet) the planner bitmap-scans and sorts every later row per page.
            s.execute(text("SET LOCAL enable_bitmapscan = off"))
        rows = s.execute(
            select(*_ROW_COLUMNS)
            .where(SyncRow.org_id == caller.org_id, SyncRow.version > since)
            .order_by(SyncRow.version)
            .limit(limit + 1)
        ).all()
        org_version = s.scalar(select(OrgSync.version).where(OrgSync.org_id == caller.org_id)) or 0
        epoch = s.get(ServerState, 1).epoch
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = rows[-1].version if rows else since
    body = ",".join(_row_json(r) for r in rows)
    return (
        f'{{"rows":[{body}],"cursor":{cursor},"more":{"true" if more else "false"},'
        f'"org_version":{org_version},"server_epoch":{json.dumps(epoch)}}}'
    )


def rows_by_id(engine: Engine, caller: Caller, table: str, ids: list[str]) -> str:
    with read_session(engine) as s:
        rows = s.execute(
            select(*_ROW_COLUMNS).where(
                SyncRow.org_id == caller.org_id, SyncRow.table_name == table, SyncRow.row_id.in_(ids)
            )
        ).all()
        epoch = s.get(ServerState, 1).epoch
    return f'{{"rows":[{",".join(_row_json(r) for r in rows)}],"server_epoch":{json.dumps(epoch)}}}'


# (org, epoch, version) -> its digests: every laptop verifies after each sync that moved rows,
# mostly at a version another has verified already; a version's rows never change (a push that
# changes anything takes a new one; a restore changes the epoch).
_DIGESTS: OrderedDict[tuple[str, str, int], dict[str, Any]] = OrderedDict()
_DIGESTS_KEPT = 32
_digests_lock = threading.Lock()


def verify(engine: Engine, caller: Caller) -> dict[str, Any]:
    """Count and digest of every synced table and of the conflicts (16 buckets each), with the
    organisation's version (read in one snapshot: the digests are those of that version)."""
    with read_session(engine, snapshot=True) as s:
        org_version = s.scalar(select(OrgSync.version).where(OrgSync.org_id == caller.org_id)) or 0
        epoch = s.get(ServerState, 1).epoch
        key = (caller.org_id, epoch, org_version)
        with _digests_lock:
            known = _DIGESTS.get(key)
        if known is not None:
            return known
        found: dict[str, list[tuple[str, str]]] = {name: [] for name in (*MODEL_BY_TABLE, CONFLICT_TABLE)}
        query = select(SyncRow.table_name, SyncRow.row_id, SyncRow.row_hash).where(
            SyncRow.org_id == caller.org_id
        )
        for table, row_id, hash_hex in s.execute(query):
            found.setdefault(table, []).append((row_id, hash_hex))
    answer = {
        "org_version": org_version,
        "server_epoch": epoch,
        "tables": {name: table_digest(rows).as_json() for name, rows in sorted(found.items())},
    }
    with _digests_lock:
        _DIGESTS[key] = answer
        while len(_DIGESTS) > _DIGESTS_KEPT:
            _DIGESTS.popitem(last=False)
    return answer


def bucket(engine: Engine, caller: Caller, table: str, number: int) -> dict[str, Any]:
    """The (id, hash) pairs of one bucket of one table: what a laptop compares row by row."""
    if not 0 <= number < BUCKETS:
        number = 0
    with read_session(engine) as s:
        query = select(SyncRow.row_id, SyncRow.row_hash).where(
            SyncRow.org_id == caller.org_id, SyncRow.table_name == table
        )
        pairs = [[row_id, h] for row_id, h in s.execute(query) if bucket_of(row_id) == number]
    return {"table": table, "bucket": number, "rows": pairs}


def users(engine: Engine, caller: Caller) -> list[dict[str, Any]]:
    """The organisation's central accounts, with their argon2 hashes, for offline sign-in."""
    with read_session(engine) as s:
        found = s.scalars(
            select(CentralUser).where(CentralUser.org_id == caller.org_id).order_by(CentralUser.username)
        )
        return [
            {
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role,
                "password_hash": u.password_hash,
                "active": u.active,
                "updated_at": u.updated_at.isoformat(),
            }
            for u in found
        ]


def org_row_count(engine: Engine, org_id: str) -> int:
    with read_session(engine) as s:
        return s.scalar(select(func.count()).select_from(SyncRow).where(SyncRow.org_id == org_id)) or 0
