"""The push: a batch of a laptop's outbox ops applied in ONE transaction, each answered.

- One writer per organisation: the batch first takes the organisation's `org_sync` row (an
  UPDATE, so PostgreSQL holds its row lock until commit; SQLite's BEGIN IMMEDIATE already
  serialises writers). Versions are handed out under that lock, so they become visible in the
  order they were given and a pull cursor never skips a row (SYNC.md, the commit-order hole).
- Idempotent by op id: every answer is kept in `applied_op`; an op seen before gets its first
  answer again and writes nothing.
- Facts are inserted once; the same id with other content is a conflict, never an overwrite.
  Records merge per field (sync.merge); each losing value becomes a conflict row (a sync row of
  table "conflict", whose id is derived from what lost, so it is recorded once).
- An op the server cannot accept (unknown table, wrong shape, a value of the wrong type) is
  rejected with its reason; the rest of the batch goes on.
- HLCs stamped far in the future are brought back to the server's clock (sync.merge.clamp_hlc).

Speed: the rows a batch touches (and the people sharing a national id or mobile with the people it
writes) are read in one query each; new rows are plain objects (NewRow), not ORM ones, written
with the answers in bulk at the end; no savepoint is taken, since an op is rejected before it
changes anything. Should
the database still fail the batch (a constraint no check foresaw), the batch runs once more with a
savepoint per op, and the op that fails is answered "rejected", so one bad op never wedges the
queue (it would come back forever otherwise).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Table, Text, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from fieldapp.server import merges
from fieldapp.server.db import write_session
from fieldapp.server.devices import Caller
from fieldapp.server.models import AppliedOp, Device, OrgSync, SyncRow
from fieldapp.server.schemas import MAX_INT
from fieldapp.store.models import MODEL_BY_TABLE, Record
from fieldapp.sync.digest import canonical, canonical_hash, conflict_hash, data_of
from fieldapp.sync.hlc import Timestamp
from fieldapp.sync.merge import SYSTEM_COLUMNS, FieldState, LostValue, clamp_hlc, merge_fields

APPLIED, DUPLICATE, CONFLICT, REJECTED = "applied", "duplicate", "conflict", "rejected"
CONFLICT_TABLE = "conflict"
_CONFLICT_NS = uuid.UUID("5b0c3a8e-6f0e-4c1f-9d8e-0a3c1f5e7d21")


@dataclass(frozen=True)
class Op:
    op_id: str
    table: str
    row_id: str
    kind: str  # insert | update
    hlc: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    op_id: str
    status: str
    version: int | None = None
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"op_id": self.op_id, "status": self.status, "version": self.version, "reason": self.reason}


class Rejected(Exception):
    """The op cannot be applied; `reason` says why (stable key: detail)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_SYNC_COLUMNS = tuple(column.key for column in SyncRow.__table__.columns)


class NewRow:
    """A sync row the batch makes, with SyncRow's attributes: building and flushing ORM objects
    cost more than the rest of an op, so the batch writes its new rows in one INSERT at its end."""

    __slots__ = _SYNC_COLUMNS

    def __init__(self, **values: Any) -> None:
        for key in _SYNC_COLUMNS:
            setattr(self, key, values.get(key))

    def values(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in _SYNC_COLUMNS}


Row = SyncRow | NewRow


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows holding every column of `table`, in the session's transaction. PostgreSQL takes them
    by COPY (psycopg would send one INSERT per row); SQLite by one executemany."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    names = [column.name for column in table.columns]
    with (
        connection.connection.driver_connection.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy,  # names from the model
    ):
        for row in rows:
            copy.write_row([row[name] for name in names])


class Batch:
    """What one push transaction holds: the session, the caller, the versions handed out, and
    the sync rows it read or made (so an op sees what an earlier op of the batch wrote).

    careful=True (the op-by-op retry): new rows are ORM objects, flushed in each op's savepoint,
    so the op the database refuses is the one answered "rejected"."""

    def __init__(self, session: Session, caller: Caller, version: int, careful: bool = False) -> None:
        self.session = session
        self.caller = caller
        self.version = version
        self.careful = careful
        self.now_ms = time.time_ns() // 1_000_000
        self.rows: dict[tuple[str, str], Row | None] = {}
        self.new_rows: list[NewRow] = []
        self._clamped: dict[str, str] = {}

    def next_version(self) -> int:
        self.version += 1
        return self.version

    def preload(self, ops: list[Op]) -> None:
        """Read every row the batch names in one query."""
        wanted = {(op.table, op.row_id) for op in ops}
        ids = list({row_id for _, row_id in wanted})
        for start in range(0, len(ids), 900):
            found = self.session.scalars(
                select(SyncRow).where(
                    SyncRow.org_id == self.caller.org_id, SyncRow.row_id.in_(ids[start : start + 900])
                )
            )
            for row in found:
                self.rows[(row.table_name, row.row_id)] = row
        for key in wanted:
            self.rows.setdefault(key, None)
        merges.preload_people(self, ops)

    def row(self, table: str, row_id: str) -> Row | None:
        key = (table, row_id)
        if key not in self.rows:
            self.rows[key] = self.session.get(SyncRow, (self.caller.org_id, table, row_id))
        return self.rows[key]

    def make_row(self, **values: Any) -> Row:
        row = SyncRow(**values) if self.careful else NewRow(**values)
        self.rows[(row.table_name, row.row_id)] = row
        if isinstance(row, NewRow):
            self.new_rows.append(row)
        else:
            self.session.add(row)
        return row

    def holds(self, row: Row) -> bool:
        """Whether the row is still part of the batch (the careful retry undoes a refused op's)."""
        return isinstance(row, NewRow) or row in self.session

    def write_new_rows(self) -> None:
        if self.new_rows:
            bulk_insert(self.session, SyncRow.__table__, [row.values() for row in self.new_rows])
            self.new_rows = []

    def new_row(self, table: str, row_id: str, kind: str, stamp: str, data: dict[str, Any]) -> Row:
        """A row the server writes itself (a conflict, a person merge), at the next version."""
        version = self.next_version()
        return self.make_row(
            org_id=self.caller.org_id,
            table_name=table,
            row_id=row_id,
            version=version,
            kind=kind,
            field_hlc="{}",
            field_version="{}",
            created_hlc=stamp,
            updated_hlc=stamp,
            created_version=version,
            device_id=self.caller.device_id,
            **row_content(table, row_id, kind, data),
        )

    def clamp(self, hlc: str) -> str:
        """A stamp from a clock set ahead, brought back to the server's clock (sync.merge.clamp_hlc)
        with a counter that keeps the order the batch gave: one laptop's later edit keeps a later
        stamp, and two edits never share one (equal stamps mean the same write)."""
        if hlc in self._clamped:
            return self._clamped[hlc]
        clamped = clamp_hlc(hlc, self.now_ms)
        if clamped != hlc:
            stamp = Timestamp.parse(hlc)
            clamped = str(Timestamp(self.now_ms, len(self._clamped) + 1, stamp.device_id))
        self._clamped[hlc] = clamped
        return clamped


def lock_org(session: Session, org_id: str) -> int:
    """Take the organisation's version row (the one-writer lock); returns its version."""
    version = session.execute(
        update(OrgSync)
        .where(OrgSync.org_id == org_id)
        .values(version=OrgSync.version)
        .returning(OrgSync.version)
    ).scalar()
    if version is None:  # an organisation made before org_sync existed
        session.add(OrgSync(org_id=org_id, version=0))
        session.flush()
        version = 0
    return version


def push(engine, caller: Caller, ops: list[Op]) -> list[Answer]:
    """Apply a batch in one transaction and answer every op, in order."""
    try:
        return _push(engine, caller, ops, careful=False)
    except SQLAlchemyError:
        return _push(engine, caller, ops, careful=True)


def _push(engine, caller: Caller, ops: list[Op], careful: bool) -> list[Answer]:
    with write_session(engine) as session:
        batch = Batch(session, caller, lock_org(session, caller.org_id), careful=careful)
        ids = list({op.op_id for op in ops})
        earlier = {
            row.op_id: Answer(row.op_id, row.status, row.version, row.reason)
            for row in session.scalars(
                select(AppliedOp).where(AppliedOp.org_id == caller.org_id, AppliedOp.op_id.in_(ids))
            )
        }
        batch.preload([op for op in ops if op.op_id not in earlier])
        answers, remembered, max_hlc = [], [], None
        for op in ops:
            if op.op_id in earlier:
                answers.append(earlier[op.op_id])
                continue
            answer = _answer_carefully(batch, op) if careful else _answer(batch, op)
            earlier[op.op_id] = answer
            answers.append(answer)
            remembered.append(
                {
                    "org_id": caller.org_id,
                    "op_id": op.op_id,
                    "device_id": caller.device_id,
                    "status": answer.status,
                    "version": answer.version,
                    "reason": answer.reason[:500],
                    "at": dt.datetime.now(dt.UTC),
                }
            )
            if _is_hlc(op.hlc) and (max_hlc is None or op.hlc > max_hlc):
                max_hlc = op.hlc
        session.flush()
        batch.write_new_rows()
        bulk_insert(session, AppliedOp.__table__, remembered)
        session.execute(update(OrgSync).where(OrgSync.org_id == caller.org_id).values(version=batch.version))
        device = session.get(Device, caller.device_id)
        if max_hlc is not None and (device.max_hlc is None or max_hlc > device.max_hlc):
            device.max_hlc = max_hlc
        # The count a laptop reports at hello includes what it is about to push: every op answered
        # has left its queue (rejected ones are set aside), so "waiting" shrinks as the push goes
        # (ops answered before, a retried batch, were counted off the first time).
        device.pending_ops_reported = max(0, (device.pending_ops_reported or 0) - len(remembered))
        return answers


_DEVICE = re.compile(r"[A-Za-z0-9-]{1,36}")
_HLC = re.compile(r"([0-9]{1,19})\.([0-9]{1,19})\.[A-Za-z0-9-]{1,36}")


def _is_hlc(text: object) -> bool:
    """A readable HLC that fits its column (64 characters, a 64-bit time)."""
    if not isinstance(text, str) or len(text) > 64:
        return False
    match = _HLC.fullmatch(text)
    return match is not None and int(match[1]) < MAX_INT and int(match[2]) < MAX_INT


def _answer(batch: Batch, op: Op) -> Answer:
    """Apply one op; a rejected op has changed nothing (every check comes before any write)."""
    try:
        return _apply(batch, op)
    except Rejected as exc:
        return Answer(op.op_id, REJECTED, None, exc.reason)


def _answer_carefully(batch: Batch, op: Op) -> Answer:
    """Apply one op inside a savepoint: an op the database refuses leaves no trace but its answer."""
    version = batch.version
    try:
        with batch.session.begin_nested():
            answer = _answer(batch, op)
            batch.session.flush()
            return answer
    except SQLAlchemyError as exc:
        batch.version = version
        batch.rows = {k: v for k, v in batch.rows.items() if v is None or batch.holds(v)}
        return Answer(op.op_id, REJECTED, None, f"server.refused: {type(exc.orig or exc).__name__}")


def _apply(batch: Batch, op: Op) -> Answer:
    if op.table == CONFLICT_TABLE and op.kind == "insert":
        return _resent_conflict(batch, op)
    model = MODEL_BY_TABLE.get(op.table)
    if model is None:
        raise Rejected(f"table.unknown: {op.table!r} is not a synced table")
    if not _is_hlc(op.hlc):
        raise Rejected("op.bad_hlc: the op's HLC is not readable")
    is_record = issubclass(model, Record)
    if op.kind == "insert":
        return _insert(batch, op, model, is_record)
    if op.kind == "update":
        if not is_record:
            raise Rejected(f"fact.update: {op.table} rows are insert-only facts")
        return _update(batch, op, model)
    raise Rejected(f"op.kind: {op.kind!r} is neither insert nor update")


def _insert(batch: Batch, op: Op, model: type, is_record: bool) -> Answer:
    payload = dict(op.payload)
    fresh = _base_hlcs(payload.pop("pending_base_hlc", None))  # a re-sent row's edits never sent
    if payload.get("id") != op.row_id:
        raise Rejected("row.id: the payload's id is not the op's row id")
    data = check_values(model, data_of(payload), whole=True)
    created_hlc = payload.get("created_hlc")
    if not isinstance(created_hlc, str) or not _is_hlc(created_hlc):
        raise Rejected("row.created_hlc: missing or unreadable")
    created_hlc = batch.clamp(created_hlc)
    device_id = payload.get("device_id")
    if not isinstance(device_id, str) or _DEVICE.fullmatch(device_id) is None:
        device_id = batch.caller.device_id
    if op.table == "person":
        data = merges.on_person_write(batch, op.row_id, data)
    else:
        data = merges.follow_survivors(batch, op.table, data)
    existing = batch.row(op.table, op.row_id)
    if existing is None:
        hlcs = payload.get("field_hlc") if is_record and isinstance(payload.get("field_hlc"), dict) else {}
        hlcs = {k: batch.clamp(v) for k, v in hlcs.items() if k in data and isinstance(v, str) and _is_hlc(v)}
        version = batch.next_version()
        kind = "record" if is_record else "fact"
        row = batch.make_row(
            org_id=batch.caller.org_id,
            table_name=op.table,
            row_id=op.row_id,
            version=version,
            kind=kind,
            field_hlc=json.dumps(hlcs, sort_keys=True) if hlcs else "{}",
            field_version="{}",
            created_hlc=created_hlc,
            updated_hlc=max([created_hlc, *hlcs.values()]),
            created_version=version,
            device_id=device_id,
            **row_content(op.table, op.row_id, kind, data),
        )
        if op.table == "person":
            merges.after_person_insert(batch, row)
        return Answer(op.op_id, APPLIED, version)
    if not is_record:
        if canonical(data) == existing.data:
            return Answer(op.op_id, DUPLICATE, existing.version)
        lost = LostValue("*", json.loads(existing.data), data, existing.created_hlc, created_hlc)
        record_conflicts(batch, op.table, op.row_id, [lost])
        return Answer(op.op_id, CONFLICT, existing.version)
    # A whole record sent again (a re-baseline, or a row made on two laptops with one id).
    given = payload.get("field_hlc") if isinstance(payload.get("field_hlc"), dict) else {}
    hlcs = {k: batch.clamp(given[k]) if _is_hlc(str(given.get(k))) else created_hlc for k in data}
    base = payload.get("server_version") if isinstance(payload.get("server_version"), int) else None
    return _merge(batch, op, existing, data, hlcs, base, resent=True, base_hlcs=fresh)


def _update(batch: Batch, op: Op, model: type) -> Answer:
    payload = op.payload
    fields, hlcs = payload.get("fields"), payload.get("field_hlc")
    if not isinstance(fields, dict) or not isinstance(hlcs, dict) or set(fields) - set(hlcs):
        raise Rejected("update.shape: fields and their HLCs are required")
    if any(not isinstance(hlcs[k], str) or not _is_hlc(hlcs[k]) for k in fields):
        raise Rejected("update.hlc: a field's HLC is unreadable")
    data = check_values(model, {k: v for k, v in fields.items() if k not in SYSTEM_COLUMNS}, whole=False)
    existing = batch.row(op.table, op.row_id)
    if existing is None:
        raise Rejected("row.unknown: the server has no such row to update")
    base = payload.get("base_version")
    base = base if isinstance(base, int) and not isinstance(base, bool) else None
    clamped = {k: batch.clamp(hlcs[k]) for k in data}
    if op.table == "person":
        data = merges.on_person_write(batch, op.row_id, data, partial=True)
    else:
        data = merges.follow_survivors(batch, op.table, data)
    return _merge(batch, op, existing, data, clamped, base, base_hlcs=_base_hlcs(payload.get("base_hlc")))


def _base_hlcs(given: Any) -> dict[str, str]:
    """field -> the HLC of the value an edit replaced, the readable ones of what a laptop sent."""
    if not isinstance(given, dict):
        return {}
    return {k: v for k, v in given.items() if isinstance(k, str) and _is_hlc(v)}


def _merge(
    batch: Batch,
    op: Op,
    row: Row,
    data: dict[str, Any],
    hlcs: dict[str, str],
    base: int | None,
    resent: bool = False,
    base_hlcs: dict[str, str] | None = None,
) -> Answer:
    state = FieldState(
        json.loads(row.data),
        json.loads(row.field_hlc),
        json.loads(row.field_version),
        row.created_hlc,
        row.created_version,
        json.loads(row.field_seen or "{}"),
    )
    version = batch.version + 1  # taken only if something changes
    outcome = merge_fields(
        state, data, hlcs, base, version, resent=resent, fresh=frozenset(base_hlcs or ()), base_hlcs=base_hlcs
    )
    if outcome.changed:
        batch.next_version()
        row.version = version
        row.field_hlc = json.dumps(state.field_hlc, sort_keys=True)
        row.field_version = json.dumps(state.field_version, sort_keys=True)
        row.field_seen = json.dumps(state.field_seen, sort_keys=True)
        row.updated_hlc = max([row.updated_hlc, *(state.hlc_of(k) for k in outcome.changed)])
        set_data(row, state.data)
        if op.table == "person":
            merges.after_person_insert(batch, row)
    if outcome.lost:
        record_conflicts(batch, op.table, op.row_id, outcome.lost)
        return Answer(op.op_id, CONFLICT, row.version)
    return Answer(op.op_id, APPLIED if outcome.changed else DUPLICATE, row.version)


def row_content(table: str, row_id: str, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """The columns a row's data fills: the canonical text, its hash, a person's indexed keys."""
    text = canonical(data)
    content = {
        "data": text,
        # A conflict is proven by its id alone (sync.digest.conflict_hash): laptops keep it in
        # their own form.
        "row_hash": conflict_hash(row_id) if kind == "conflict" else canonical_hash(table, row_id, text),
    }
    if table == "person":
        content["national_id"] = data.get("national_id") or None
        content["mobile"] = data.get("mobile") or None
    return content


def set_data(row: Row, data: dict[str, Any]) -> None:
    for key, value in row_content(row.table_name, row.row_id, row.kind, data).items():
        setattr(row, key, value)


def record_conflicts(batch: Batch, table: str, row_id: str, lost: list[LostValue]) -> None:
    """Each losing value once, as a sync row of table "conflict" (its id: what lost, where)."""
    for value in lost:
        conflict_id = str(uuid.uuid5(_CONFLICT_NS, f"{table}/{row_id}/{value.field}/{value.lost_hlc}"))
        if batch.row(CONFLICT_TABLE, conflict_id) is not None:
            continue
        data = {
            "table_name": table,
            "row_id": row_id,
            "field": value.field,
            "kept_value": value.kept_value,
            "lost_value": value.lost_value,
            "kept_hlc": value.kept_hlc,
            "lost_hlc": value.lost_hlc,
            "at": dt.datetime.now(dt.UTC).isoformat(),
        }
        batch.new_row(CONFLICT_TABLE, conflict_id, "conflict", value.lost_hlc, data)


_CONFLICT_TEXT = {"table_name": 40, "row_id": 36, "field": 60, "kept_hlc": 64, "lost_hlc": 64, "at": 40}


def _resent_conflict(batch: Batch, op: Op) -> Answer:
    """A conflict a laptop holds, sent again after a server restore: kept once, as it was."""
    payload = op.payload
    data = {key: payload.get(key) for key in (*_CONFLICT_TEXT, "kept_value", "lost_value")}
    for key, length in _CONFLICT_TEXT.items():
        value = data[key]
        if not isinstance(value, str) or len(value) > length or "\x00" in value:
            raise Rejected(f"conflict.{key}: missing or not a short text")
    if not _is_hlc(data["lost_hlc"]):
        raise Rejected("conflict.lost_hlc: unreadable")
    existing = batch.row(CONFLICT_TABLE, op.row_id)
    if existing is not None:
        return Answer(op.op_id, DUPLICATE, existing.version)
    row = batch.new_row(CONFLICT_TABLE, op.row_id, "conflict", data["lost_hlc"], data)
    return Answer(op.op_id, APPLIED, row.version)


# --- the shape of a row's values ---------------------------------------------------------------


def check_values(model: type, data: dict[str, Any], *, whole: bool) -> dict[str, Any]:
    """The data columns of `model` in `data`, each of its column's type (or Rejected).

    whole=True (an insert): every column the laptop always fills must be there.
    """
    columns, required = _columns_of(model)
    unknown = data.keys() - columns.keys()
    if unknown:
        raise Rejected(f"row.columns: unknown columns {sorted(unknown)}")
    if whole and not required <= data.keys():
        raise Rejected(f"row.columns: missing columns {sorted(required - data.keys())}")
    for key, value in data.items():
        nullable, fits, type_name = columns[key]
        if value is None:
            if not nullable:
                raise Rejected(f"row.value: {key} may not be empty")
            continue
        if not fits(value):
            raise Rejected(f"row.value: {key} is not a valid {type_name}")
    return dict(data)


_Check = tuple[bool, Callable[[Any], bool], str]


@functools.cache
def _columns_of(model: type) -> tuple[dict[str, _Check], frozenset[str]]:
    """Per data column of a laptop model: (nullable, its value check, its type's name); and the
    columns an insert must fill. Worked out once per model (every op of every push asks)."""
    columns = [c for c in model.__table__.columns if c.key not in SYSTEM_COLUMNS]
    checks = {c.key: (bool(c.nullable), _check_of(c.type), type(c.type).__name__) for c in columns}
    return checks, frozenset(c.key for c in columns if not c.nullable)


def _check_of(sql_type: Any) -> Callable[[Any], bool]:
    if isinstance(sql_type, Boolean):
        return lambda value: value is True or value is False
    if isinstance(sql_type, Integer):
        return lambda value: type(value) is int and -MAX_INT < value < MAX_INT
    if isinstance(sql_type, Float):
        return lambda value: type(value) in (int, float) and math.isfinite(value)
    if isinstance(sql_type, String | Text):
        length = getattr(sql_type, "length", None) or math.inf
        return lambda value: type(value) is str and len(value) <= length and "\x00" not in value
    if isinstance(sql_type, DateTime) or type(sql_type).__name__ == "UTCDateTime":
        return lambda value: type(value) is str and _parses(dt.datetime.fromisoformat, value, aware=True)
    if isinstance(sql_type, Date):
        return lambda value: type(value) is str and _parses(dt.date.fromisoformat, value)
    return lambda value: True  # JSON, and any type whose values the database checks itself


def _parses(parse: Any, value: str, aware: bool = False) -> bool:
    try:
        parsed = parse(value)
    except ValueError:
        return False
    return not aware or parsed.tzinfo is not None
