"""Server rows into the laptop's SQLite, and the laptop's side of the sync's proofs.

- apply_rows(): a page of server rows, written with the connection of the caller's transaction
  (the caller saves the cursor in the same one). A row this laptop has no pending op for takes
  the server's row whole (the server is the authority: a merge or a clamp may have changed it);
  a record with pending local ops keeps each field whose local HLC is later (the server will
  reach the same answer when the op arrives). Conflicts the server recorded go to the local
  conflict table once. Foreign keys are not checked while a page is written: a page may hold a
  scan before the person it names, whose latest version comes in a later page.
- table_digests() / row_hashes(): the laptop's digests, computed as the server computes them.
- snapshot_changes(): every synced row as a whole-row insert op, and every conflict the server
  recorded (a re-baseline after a restore).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, Integer, String, Text, select
from sqlalchemy.engine import Connection

from fieldapp.store import search_index
from fieldapp.store.models import MODEL_BY_TABLE, Conflict, Outbox, Person, Record, Synced
from fieldapp.store.unit_of_work import Change, to_json_value
from fieldapp.sync.digest import (
    CONFLICT_TABLE,
    HASH_BYTES,
    TableDigest,
    bucket_of,
    conflict_hash,
    encode_simple_sorted_bytes,
    encode_sorted,
)
from fieldapp.sync.merge import SYSTEM_COLUMNS

PENDING = "pending"


@dataclass
class Applied:
    rows: int = 0
    conflicts: int = 0
    unknown: int = 0
    tables: set[str] = field(default_factory=set)
    max_hlc: str | None = None


def _from_wire(sql_type: Any) -> Callable[[Any], Any] | None:
    """A converter from a JSON value to the column's Python value (None: the value as it is)."""
    if type(sql_type).__name__ == "UTCDateTime":
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if isinstance(sql_type, Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if isinstance(sql_type, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(sql_type, Float):
        return lambda v: None if v is None else float(v)
    if isinstance(sql_type, Integer):
        return lambda v: None if v is None else int(v)
    return None


def _then(
    first: Callable[[Any], Any] | None, second: Callable[[Any], Any] | None
) -> Callable[[Any], Any] | None:
    if first is None or second is None:
        return first or second
    return lambda v: second(first(v))


def _fast_to_stored(sql_type: Any, slow: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """wire -> SQLite value for the common shapes without making Python objects; any other shape
    goes the slow way (the wire value parsed, then the column type's bind processor)."""
    if type(sql_type).__name__ == "UTCDateTime":

        def utc(value: Any) -> Any:
            if type(value) is str and value.endswith("+00:00") and value[10:11] == "T":
                if len(value) == 25:  # 2026-03-01T06:00:00+00:00
                    return f"{value[:10]} {value[11:19]}.000000"
                if len(value) == 32 and value[19] == ".":  # 2026-03-01T06:00:00.123456+00:00
                    return f"{value[:10]} {value[11:26]}"
            return slow(value)

        return utc
    if isinstance(sql_type, Date):
        return lambda v: v if type(v) is str and len(v) == 10 and v[4] == v[7] == "-" else slow(v)
    if isinstance(sql_type, Boolean):
        return lambda v: 1 if v is True else 0 if v is False else slow(v)
    if isinstance(sql_type, String | Text):
        return None if slow is None else (lambda v: v if type(v) is str else slow(v))
    if isinstance(sql_type, Integer) and not isinstance(sql_type, Boolean):
        return lambda v: v if type(v) is int else slow(v)
    return slow


class _TableWriter:
    """Prepared statements and converters of one synced table: a server row goes to SQLite's
    parameters in one pass (wire value -> Python value -> the column type's bind value)."""

    def __init__(self, connection: Connection, model: type[Synced]) -> None:
        table = model.__table__
        dialect = connection.dialect
        self.name = table.name
        self.is_record = issubclass(model, Record)
        self.keys = [c.key for c in table.columns]
        self.data_keys = [k for k in self.keys if k not in SYSTEM_COLUMNS]
        self.from_wire = {c.key: _from_wire(c.type) for c in table.columns}
        processors = {c.key: c.type.dialect_impl(dialect).bind_processor(dialect) for c in table.columns}
        self.processors = [processors[k] for k in self.keys]
        # per data column: (key, wire -> bind value); system columns come from the row's envelope
        self.data_plan = [(k, _then(self.from_wire[k], processors[k])) for k in self.data_keys]
        self.field_hlc_bind = processors.get("field_hlc")
        columns = table.columns
        fast = {k: _fast_to_stored(columns[k].type, convert) for k, convert in self.data_plan}
        self._wire_plan = [(k, k in SYSTEM_COLUMNS, fast.get(k)) for k in self.keys]
        self._deleted_at = self.keys.index("deleted") if "deleted" in self.keys else None
        names = ", ".join(self.keys)
        marks = ", ".join("?" * len(self.keys))
        updates = ", ".join(f"{k}=excluded.{k}" for k in self.keys if k != "id")
        self.upsert = (
            f"INSERT INTO {self.name} ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"
        )

    def python_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """The column values of a server row (as the ORM would hold them)."""
        data = row["data"]
        values = {k: (f(data.get(k)) if (f := self.from_wire[k]) else data.get(k)) for k in self.data_keys}
        values.update(
            id=row["id"],
            device_id=row["device_id"],
            created_hlc=row["created_hlc"],
            updated_hlc=row["updated_hlc"],
            server_version=row["version"],
        )
        if self.is_record:
            values["field_hlc"] = row.get("field_hlc") or {}
        if values.get("deleted") is None:
            values["deleted"] = False
        return values

    def bound(self, values: dict[str, Any]) -> tuple:
        """SQLite parameters of python_row() values."""
        return tuple(
            (p(values.get(k)) if p is not None else values.get(k))
            for k, p in zip(self.keys, self.processors, strict=True)
        )

    def bound_wire(self, row: dict[str, Any]) -> tuple:
        """SQLite parameters straight from a server row (the fast path of a page): one pass over
        the columns, the common value shapes passed through as they are."""
        data = row["data"]
        get = data.get
        values = [
            self._envelope(row, k) if system else (v if (v := get(k)) is None or f is None else f(v))
            for k, system, f in self._wire_plan
        ]
        if self._deleted_at is not None and values[self._deleted_at] is None:
            values[self._deleted_at] = 0
        return tuple(values)

    def _envelope(self, row: dict[str, Any], key: str) -> Any:
        if key == "server_version":
            return row["version"]
        if key == "field_hlc":
            hlcs = row.get("field_hlc") or {}
            return self.field_hlc_bind(hlcs) if self.field_hlc_bind else hlcs
        return row[key]


def foreign_keys_off(connection: Connection) -> None:
    """No foreign-key checks for the rest of this transaction. SQLite switches them only between
    transactions, so the caller opened it with foreign_keys=False (store.db.Store.session); the
    engine turns them back on when the connection returns to the pool. Where they are still on,
    checks wait for the commit at least."""
    connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
    if connection.exec_driver_sql("PRAGMA foreign_keys").scalar():
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


def pending_row_ids(connection: Connection, table: str) -> set[str]:
    """Rows of `table` with ops still waiting to go up (few: the push ran just before)."""
    query = select(Outbox.row_id).where(Outbox.status == PENDING, Outbox.table_name == table)
    return set(connection.execute(query).scalars())


def apply_rows(connection: Connection, rows: list[dict[str, Any]]) -> Applied:
    """Write a page of server rows (see the module doc). The caller commits."""
    applied = Applied()
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_table[row["table"]].append(row)
        hlc = row.get("updated_hlc")
        if isinstance(hlc, str) and (applied.max_hlc is None or hlc > applied.max_hlc):
            applied.max_hlc = hlc
    foreign_keys_off(connection)
    for table, group in by_table.items():
        if table == CONFLICT_TABLE:
            applied.conflicts += _apply_conflicts(connection, group)
            continue
        model = MODEL_BY_TABLE.get(table)
        if model is None:  # a table of a newer app: kept on the server, skipped here
            applied.unknown += len(group)
            continue
        _apply_table(connection, _TableWriter(connection, model), group)
        applied.rows += len(group)
        applied.tables.add(table)
    return applied


def _apply_table(connection: Connection, writer: _TableWriter, group: list[dict[str, Any]]) -> None:
    pending = pending_row_ids(connection, writer.name) if writer.is_record else set()
    params, names = [], []
    for row in group:
        if row["id"] in pending:
            values = _keep_later_local(connection, writer, writer.python_row(row))
            params.append(writer.bound(values))
            names.append(
                (row["id"], values.get("full_name"), values.get("latin_name"), bool(values["deleted"]))
            )
        else:
            params.append(writer.bound_wire(row))
            data = row["data"]
            names.append(
                (row["id"], data.get("full_name"), data.get("latin_name"), bool(data.get("deleted")))
            )
    dbapi = connection.connection.driver_connection
    dbapi.executemany(writer.upsert, params)
    if writer.name == Person.__tablename__:
        search_index.write_rows(connection, names)


def _keep_later_local(connection: Connection, writer: _TableWriter, remote: dict[str, Any]) -> dict[str, Any]:
    """A record with pending local ops: per field, the later HLC wins (local or server)."""
    table = MODEL_BY_TABLE[writer.name].__table__
    local = connection.execute(select(table).where(table.c.id == remote["id"])).mappings().first()
    if local is None:
        return remote
    merged = dict(remote)
    local_hlcs = dict(local["field_hlc"] or {})
    remote_hlcs = dict(remote["field_hlc"] or {})
    for key in writer.data_keys:
        mine = local_hlcs.get(key) or local["created_hlc"]
        theirs = remote_hlcs.get(key) or remote["created_hlc"]
        if mine > theirs:
            merged[key] = local[key]
            remote_hlcs[key] = mine
    merged["field_hlc"] = remote_hlcs
    merged["updated_hlc"] = max(local["updated_hlc"], remote["updated_hlc"])
    return merged


def _apply_conflicts(connection: Connection, group: list[dict[str, Any]]) -> int:
    ids = [r["id"] for r in group]
    known = set(connection.execute(select(Conflict.remote_id).where(Conflict.remote_id.in_(ids))).scalars())
    new = []
    for row in group:
        if row["id"] in known:
            continue
        known.add(row["id"])
        data = row["data"]
        new.append(
            {
                "table_name": str(data.get("table_name", ""))[:40],
                "row_id": str(data.get("row_id", ""))[:36],
                "field": str(data.get("field", ""))[:60],
                "kept_value": data.get("kept_value"),
                "lost_value": data.get("lost_value"),
                "kept_hlc": str(data.get("kept_hlc", "")),
                "lost_hlc": str(data.get("lost_hlc", "")),
                "at": dt.datetime.fromisoformat(data["at"]) if data.get("at") else dt.datetime.now(dt.UTC),
                "resolved": False,
                "remote_id": row["id"],
            }
        )
    if new:
        connection.execute(Conflict.__table__.insert(), new)
    return len(new)


# --- digests --------------------------------------------------------------------------------


def _plain_float(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value  # as canonical()


def _utc_text_to_wire(stored: str) -> str:
    """A UTCDateTime as SQLite holds it ("2026-03-01 06:00:00.000000", naive UTC) in its wire form
    (to_json_value: "2026-03-01T06:00:00+00:00"), without making a datetime."""
    if len(stored) == 26 and stored[10] == " " and stored[19] == ".":
        micro = stored[20:]
        return f"{stored[:10]}T{stored[11:19]}{'' if micro == '000000' else '.' + micro}+00:00"
    return to_json_value(dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC))


def _stored_to_wire(sql_type: Any) -> Callable[[Any], Any] | None:
    """What makes a column's value as SQLite stores it its wire value (None: as it is: text,
    integers, dates kept as ISO text)."""
    if isinstance(sql_type, Boolean):
        return bool
    if isinstance(sql_type, Float):
        return _plain_float
    if type(sql_type).__name__ == "UTCDateTime":
        return _utc_text_to_wire
    if isinstance(sql_type, JSON):  # stored as JSON text; on the wire the value itself
        return json.loads
    return None


def _hashed_rows(connection: Connection, table: str) -> Iterable[tuple[str, bytes]]:
    """(id, row hash as bytes) of every row of a table, as sync.digest.row_hash makes them from
    the wire form. Read through SQLite's own cursor, the columns in canonical (sorted) order and
    only those that need it converted, hashed as bytes: verify hashes every row, so this is its
    cost."""
    if table == CONFLICT_TABLE:  # the conflicts the server recorded, proven by their ids
        query = select(Conflict.remote_id).where(Conflict.remote_id.is_not(None))
        yield from ((rid, bytes.fromhex(conflict_hash(rid))) for rid in connection.execute(query).scalars())
        return
    columns = MODEL_BY_TABLE[table].__table__.columns
    keys = sorted(c.key for c in columns if c.key not in SYSTEM_COLUMNS)
    converters = [(i, f) for i, k in enumerate(keys) if (f := _stored_to_wire(columns[k].type)) is not None]
    if any(isinstance(columns[k].type, Float | JSON) for k in keys):
        encode: Callable[[dict[str, Any]], bytes] = lambda plain: encode_sorted(plain).encode()  # noqa: E731
    else:
        encode = encode_simple_sorted_bytes  # the dict below is built in sorted key order
    prefix, blake2b = f"{table}\x00".encode(), hashlib.blake2b
    cursor = connection.connection.driver_connection.execute(
        f"SELECT id, {', '.join(keys)} FROM {table}"  # names from the models, not from input
    )
    while rows := cursor.fetchmany(5_000):
        for row in rows:
            row_id = row[0]
            if converters:
                values = list(row[1:])
                for i, convert in converters:
                    if values[i] is not None:
                        values[i] = convert(values[i])
            else:
                values = row[1:]
            text = prefix + row_id.encode() + b"\x00" + encode(dict(zip(keys, values, strict=True)))
            yield row_id, blake2b(text, digest_size=HASH_BYTES).digest()


def table_digests(connection: Connection) -> dict[str, dict[str, Any]]:
    """Every synced table's digest and the conflicts' (sync.digest), as the server's /v1/verify
    gives them."""
    result = {}
    for name in sorted((*MODEL_BY_TABLE, CONFLICT_TABLE)):
        digest = TableDigest()
        for n, (row_id, hash_bytes) in enumerate(_hashed_rows(connection, name), start=1):
            digest.add_bytes(row_id, hash_bytes)
            if n % YIELD_EVERY_ROWS == 0:
                time.sleep(YIELD_S)
        result[name] = digest.as_json()
    return result


# The app computes its digests on a network thread while the desk works. Hashing in Python holds
# the GIL; the desk's database thread lets go of it for every SQLite call and would then wait up
# to the interpreter's 5 ms switch interval to get it back, statement after statement (a scan
# took 80+ ms instead of 15). A short sleep every ~2 ms of hashing (~250 rows at ~8 µs a row)
# hands the GIL over at once; each sleep costs ~0.2 ms, so not more often.
YIELD_EVERY_ROWS = 250
YIELD_S = 0.0001


def row_hashes(connection: Connection, table: str, bucket: int) -> dict[str, str]:
    """id -> row hash of the rows of one bucket of one table."""
    return {row_id: h.hex() for row_id, h in _hashed_rows(connection, table) if bucket_of(row_id) == bucket}


# --- a re-baseline ----------------------------------------------------------------------------


def own_edits(connection: Connection) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(table, row id, field) -> (the stamp of this laptop's latest edit of it, the HLC of the
    value that edit replaced).

    From every update op this laptop made, sent or not: after a restore the server may have lost
    any of them, so a re-sent value made here goes up as the edit it was.
    """
    found: dict[tuple[str, str, str], tuple[str, str]] = {}
    query = (
        select(Outbox.table_name, Outbox.row_id, Outbox.payload)
        .where(Outbox.kind == "update", Outbox.status != "set_aside")
        .order_by(Outbox.seq)
    )
    for table, row_id, payload in connection.execute(query):
        seen, stamps = payload.get("base_hlc") or {}, payload.get("field_hlc") or {}
        for key in payload.get("fields") or {}:
            if key in seen and key in stamps:
                found[(table, row_id, key)] = (stamps[key], seen[key])
    return found


def _device_of(stamp: str) -> str:
    return stamp.split(".", 2)[-1]


def snapshot_changes(
    connection: Connection,
    hlc: Callable[[], str],
    edits: dict[tuple[str, str, str], tuple[str, str]] | None = None,
) -> Iterable[Change]:
    """Every synced row as a whole-row insert (its field HLCs kept): what a laptop sends again
    after the server, or this laptop, was restored from a backup. Versions are forgotten; a field
    whose value is an edit made here is named with the value that edit replaced
    (`pending_base_hlc`, see own_edits), so the server merges it as the edit it is."""
    edits = edits or {}
    # People and their merges first: a re-sent scan or hand-over names a survivor the server
    # must already know as one, or it would differ from the server's rewritten copy.
    first = ("person", "person_merge")
    for name, model in sorted(MODEL_BY_TABLE.items(), key=lambda item: (item[0] not in first, item[0])):
        table = model.__table__
        for row in connection.execute(select(table)).mappings():
            payload = {k: to_json_value(v) for k, v in row.items()}
            payload["server_version"] = None
            # A field whose stamp is this laptop's holds its latest edit here, even when the server
            # brought a fast clock's stamp back (a clamp keeps the device).
            stamps = payload.get("field_hlc") or {}
            mine = {}
            for key, stamp in stamps.items():
                edit = edits.get((name, row["id"], key))
                if edit is not None and _device_of(stamp) == _device_of(edit[0]):
                    mine[key] = edit[1]
            if mine:
                payload["pending_base_hlc"] = mine
            yield Change(name, row["id"], "insert", hlc(), payload, "resend")
    # The conflicts the server recorded: a restored server may have lost some.
    yield from conflict_changes(connection, hlc)


def conflict_changes(
    connection: Connection, hlc: Callable[[], str], ids: list[str] | None = None
) -> Iterable[Change]:
    """The conflicts the server recorded (all, or those of `ids`) as inserts to send again."""
    query = select(Conflict.__table__).where(Conflict.remote_id.is_not(None))
    if ids is not None:
        query = query.where(Conflict.remote_id.in_(ids))
    for row in connection.execute(query).mappings():
        payload = {
            "table_name": row["table_name"],
            "row_id": row["row_id"],
            "field": row["field"],
            "kept_value": row["kept_value"],
            "lost_value": row["lost_value"],
            "kept_hlc": row["kept_hlc"],
            "lost_hlc": row["lost_hlc"],
            "at": to_json_value(row["at"]),
        }
        yield Change(CONFLICT_TABLE, row["remote_id"], "insert", hlc(), payload, "resend")
