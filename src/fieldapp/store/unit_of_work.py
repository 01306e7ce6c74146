"""The one place where synced rows are stamped and their outbox and audit entries written.

Hooked into every session of the store: on flush, new synced rows get their device id and HLC
stamps, changed records get per-field HLCs, and one outbox entry per change is inserted in the
same transaction, so a change can never exist without the op that will carry it to the server.
Facts are insert-only; synced rows are never deleted (set `deleted` for a tombstone).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from fieldapp.store.models import AuditEntry, Fact, Outbox, Record, Synced
from fieldapp.sync.hlc import HybridLogicalClock
from fieldapp.sync.ids import uuid7

_SYSTEM_COLUMNS = frozenset({"id", "device_id", "created_hlc", "updated_hlc", "server_version", "field_hlc"})

# session.info keys
USER = "user_name"  # who is acting (local user name), for the audit trail
BULK_AUDIT = "bulk_audit"  # set to a summary: one audit row per table instead of one per row
APPLYING_REMOTE = "applying_remote"  # the sync client is writing server data: no stamping, no outbox
_PENDING = "_pending_ops"


class InsertOnlyError(RuntimeError):
    """A fact was edited or a synced row deleted: a programming error, not a user error."""


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def row_payload(obj: Synced) -> dict[str, Any]:
    """Every column of a synced row as JSON-ready values (the wire form of an insert)."""
    return {c.key: to_json_value(getattr(obj, c.key)) for c in inspect(obj).mapper.column_attrs}


def _data_columns(obj: Synced) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs if c.key not in _SYSTEM_COLUMNS]


def _changed_columns(obj: Synced) -> list[str]:
    state = inspect(obj)
    return [key for key in _data_columns(obj) if state.attrs[key].history.has_changes()]


def install(session_factory: Any, clock: HybridLogicalClock, device_id: str) -> None:
    """Attach the stamping/outbox hooks to every session the factory makes."""

    @event.listens_for(session_factory, "before_flush")
    def _stamp(session: Session, _ctx: Any, _instances: Any) -> None:
        if session.info.get(APPLYING_REMOTE):
            return
        pending = session.info.setdefault(_PENDING, [])
        for obj in session.deleted:
            if isinstance(obj, Synced):
                raise InsertOnlyError(f"{type(obj).__name__} rows are never deleted; set deleted=True")
        for obj in session.new:
            if not isinstance(obj, Synced):
                continue
            stamp = clock.now()
            obj.id = obj.id or uuid7()
            obj.device_id = device_id
            obj.created_hlc = obj.updated_hlc = stamp
            if obj.deleted is None:
                obj.deleted = False
            if isinstance(obj, Record):
                obj.field_hlc = {}  # every field dates from created_hlc until it changes
            pending.append((obj, "insert", None, stamp))
        for obj in session.dirty:
            if not isinstance(obj, Synced) or not session.is_modified(obj, include_collections=False):
                continue
            changed = _changed_columns(obj)
            if not changed:
                continue
            if isinstance(obj, Fact):
                raise InsertOnlyError(
                    f"{type(obj).__name__} is an insert-only fact; record a new fact (e.g. a Void) instead"
                )
            stamp = clock.now()
            obj.updated_hlc = stamp
            obj.field_hlc = {**(obj.field_hlc or {}), **dict.fromkeys(changed, stamp)}
            pending.append((obj, "update", changed, stamp))

    @event.listens_for(session_factory, "after_flush")
    def _write_outbox(session: Session, _ctx: Any) -> None:
        pending = session.info.pop(_PENDING, None)
        if not pending:
            return
        now = dt.datetime.now(dt.UTC)
        user = session.info.get(USER, "system")
        ops, audits, counts = [], [], {}
        for obj, kind, changed, stamp in pending:
            table = obj.__tablename__
            if kind == "insert":
                payload = row_payload(obj)
            else:
                payload = {
                    "fields": {key: to_json_value(getattr(obj, key)) for key in changed},
                    "field_hlc": {key: stamp for key in changed},
                    "base_version": obj.server_version,
                }
            ops.append(
                {
                    "op_id": uuid7(),
                    "table_name": table,
                    "row_id": obj.id,
                    "kind": kind,
                    "hlc": stamp,
                    "payload": payload,
                    "created_at": now,
                    "status": "pending",
                    "detail": "",
                }
            )
            counts[table] = counts.get(table, 0) + 1
            audits.append(
                {
                    "at": now,
                    "device_id": device_id,
                    "user_name": user,
                    "action": "delete" if kind == "update" and "deleted" in changed and obj.deleted else kind,
                    "table_name": table,
                    "row_id": obj.id,
                    "detail": ",".join(changed) if changed else "",
                }
            )
        connection = session.connection()
        connection.execute(insert(Outbox), ops)
        if session.info.get(BULK_AUDIT):
            audits = [
                {
                    "at": now,
                    "device_id": device_id,
                    "user_name": user,
                    "action": "bulk",
                    "table_name": table,
                    "row_id": "",
                    "detail": json.dumps({"what": session.info[BULK_AUDIT], "rows": n}, ensure_ascii=False),
                }
                for table, n in counts.items()
            ]
        connection.execute(insert(AuditEntry), audits)


BulkListener = Callable[[Connection, list[dict[str, Any]]], None]
_bulk_listeners: dict[str, list[BulkListener]] = {}


def on_bulk_insert(model: type[Synced], listener: BulkListener) -> None:
    """Call `listener(connection, rows)` after insert_many() wrote rows of `model` (e.g. to index them)."""
    _bulk_listeners.setdefault(model.__tablename__, []).append(listener)


def insert_many(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> None:
    """Insert many NEW synced rows in one executemany, with the same stamps, outbox and audit as a flush.

    For imports: building 100,000 ORM objects costs more than the rows themselves. Each dict holds
    column values (an "id" may be given); defaults, device id and HLC stamps are filled in here.
    """
    if not rows:
        return
    from fieldapp.store.db import store_of  # late: db imports this module

    store = store_of(session)
    table = model.__table__
    defaults = {
        c.key: c.default.arg if c.default is not None and c.default.is_scalar else None for c in table.columns
    }
    is_record = issubclass(model, Record)
    now = dt.datetime.now(dt.UTC)
    user = session.info.get(USER, "system")
    full_rows, ops, audits = [], [], []
    for values in rows:
        stamp = store.clock.now()
        row = {**defaults, **values}
        row.update(id=row["id"] or uuid7(), device_id=store.device_id, created_hlc=stamp, updated_hlc=stamp)
        row["deleted"] = bool(row["deleted"])
        if is_record:
            row["field_hlc"] = {}  # every field dates from created_hlc until it changes
        full_rows.append(row)
        ops.append(
            {
                "op_id": uuid7(),
                "table_name": table.name,
                "row_id": row["id"],
                "kind": "insert",
                "hlc": stamp,
                "payload": {key: to_json_value(value) for key, value in row.items()},
                "created_at": now,
                "status": "pending",
                "detail": "",
            }
        )
        audits.append(
            {
                "at": now,
                "device_id": store.device_id,
                "user_name": user,
                "action": "insert",
                "table_name": table.name,
                "row_id": row["id"],
                "detail": "",
            }
        )
    if session.info.get(BULK_AUDIT):
        detail = json.dumps({"what": session.info[BULK_AUDIT], "rows": len(full_rows)}, ensure_ascii=False)
        audits = [{**audits[0], "action": "bulk", "row_id": "", "detail": detail}]
    connection = session.connection()
    _executemany(connection, table, full_rows)
    _executemany(connection, Outbox.__table__, ops)
    connection.execute(insert(AuditEntry), audits)
    for listener in _bulk_listeners.get(table.name, ()):
        listener(connection, full_rows)


def _executemany(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT rows through the driver's executemany, converting each value with its column type's
    own bind processor (the same conversion SQLAlchemy applies): for 100,000 rows, statement
    compilation and per-row parameter building cost more than SQLite's writing."""
    columns = [c for c in table.columns if c.key in rows[0]]
    dialect = connection.dialect
    processors = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
    names = ", ".join(c.name for c in columns)
    marks = ", ".join("?" * len(columns))
    data = [
        tuple(
            (process(row[c.key]) if process is not None else row[c.key])
            for c, process in zip(columns, processors, strict=True)
        )
        for row in rows
    ]
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", data)


def audit(session: Session, action: str, detail: str = "", table: str = "", row_id: str = "") -> None:
    """An audit line for an action that is not a row change (sign-in, backup, print, export...)."""
    from fieldapp.store.db import store_of  # late: db imports this module

    store = store_of(session)
    session.add(
        AuditEntry(
            at=dt.datetime.now(dt.UTC),
            device_id=store.device_id,
            user_name=session.info.get(USER, "system"),
            action=action,
            table_name=table,
            row_id=row_id,
            detail=detail,
        )
    )
