"""The one place where synced rows are stamped and their outbox and audit entries written.

`install()` hooks a UnitOfWork onto the laptop Store's OWN session factory (never onto
SQLAlchemy's Session class: the central server opens the same models on its own engine and must
get none of this). On flush, new synced rows get their device id and HLC stamps, changed records
get per-field HLCs, and one outbox entry per change is inserted in the same transaction, so a
change can never exist without the op that will carry it to the server. insert_many() does the
same for many new rows at once; both build their outbox and audit rows in `write_changes()`.
Facts are insert-only; synced rows are never deleted (set `deleted` for a tombstone).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from typing import Any, NamedTuple

from sqlalchemy import DateTime, event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, sessionmaker

from fieldapp.store.models import AuditEntry, Fact, Outbox, Record, Synced
from fieldapp.sync.hlc import HybridLogicalClock
from fieldapp.sync.ids import uuid7

_SYSTEM_COLUMNS = frozenset({"id", "device_id", "created_hlc", "updated_hlc", "server_version", "field_hlc"})

# session.info keys
USER = "user_name"  # who is acting (local user name), for the audit trail
BULK_AUDIT = "bulk_audit"  # set to a summary: one audit row per table instead of one per row
APPLYING_REMOTE = "applying_remote"  # the sync client is writing server data: no stamping, no outbox
_PENDING = "_pending_ops"
_UNIT_OF_WORK = "fieldapp_unit_of_work"  # the UnitOfWork of the store that made the session

BulkListener = Callable[[Connection, list[dict[str, Any]]], None]


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


class Change(NamedTuple):
    """One change of a synced row: what its outbox op and its audit row are made of."""

    table: str
    row_id: str
    kind: str  # the outbox op: insert | update
    hlc: str
    payload: dict[str, Any]  # insert: the whole row; update: fields, their HLCs, base_version
    action: str = "insert"  # the audit action: insert | update | delete (a tombstone)
    detail: str = ""  # the audit detail: the changed fields of an update


def audit_row(
    now: dt.datetime,
    device_id: str,
    user: str,
    action: str,
    table: str = "",
    row_id: str = "",
    detail: str = "",
) -> dict[str, Any]:
    """One audit_log row (the columns of AuditEntry)."""
    return {
        "at": now,
        "device_id": device_id,
        "user_name": user,
        "action": action,
        "table_name": table,
        "row_id": row_id,
        "detail": detail,
    }


def outbox_row(change: Change, now: dt.datetime) -> dict[str, Any]:
    """One outbox row (the columns of Outbox): the sync wire form of a change."""
    return {
        "op_id": uuid7(),
        "table_name": change.table,
        "row_id": change.row_id,
        "kind": change.kind,
        "hlc": change.hlc,
        "payload": change.payload,
        "created_at": now,
        "status": "pending",
        "detail": "",
    }


def _bulk_detail(what: str, rows: int) -> str:
    return json.dumps({"what": what, "rows": rows}, ensure_ascii=False)


class UnitOfWork:
    """The laptop store's hooks: stamping, outbox and audit, and listeners of bulk inserts."""

    def __init__(self, clock: HybridLogicalClock, device_id: str) -> None:
        self.clock = clock
        self.device_id = device_id
        self._bulk_listeners: dict[str, list[BulkListener]] = {}

    def on_bulk_insert(self, model: type[Synced], listener: BulkListener) -> None:
        """Call `listener(connection, rows)` after insert_many() wrote rows of `model` (e.g. to index them)."""
        self._bulk_listeners.setdefault(model.__tablename__, []).append(listener)

    def bulk_listeners(self, table: str) -> list[BulkListener]:
        return self._bulk_listeners.get(table, [])

    def write_changes(self, session: Session, connection: Connection, changes: list[Change]) -> None:
        """Insert the outbox op and the audit row of every change (one audit row per table for a bulk)."""
        now = dt.datetime.now(dt.UTC)
        user = session.info.get(USER, "system")
        _executemany(connection, Outbox.__table__, [outbox_row(change, now) for change in changes])
        bulk = session.info.get(BULK_AUDIT)
        if bulk:
            counts = Counter(change.table for change in changes)
            audits = [
                audit_row(now, self.device_id, user, "bulk", table, detail=_bulk_detail(bulk, n))
                for table, n in counts.items()
            ]
        else:
            audits = [
                audit_row(now, self.device_id, user, c.action, c.table, c.row_id, c.detail) for c in changes
            ]
        _executemany(connection, AuditEntry.__table__, audits)

    def stamp(self, session: Session, _ctx: Any, _instances: Any) -> None:
        """before_flush: stamp new and changed synced rows, refuse edited facts and deletions."""
        if session.info.get(APPLYING_REMOTE):
            return
        pending = session.info.setdefault(_PENDING, [])
        for obj in session.deleted:
            if isinstance(obj, Synced):
                raise InsertOnlyError(f"{type(obj).__name__} rows are never deleted; set deleted=True")
        for obj in session.new:
            if not isinstance(obj, Synced):
                continue
            stamp = self.clock.now()
            obj.id = obj.id or uuid7()
            obj.device_id = self.device_id
            obj.created_hlc = obj.updated_hlc = stamp
            if obj.deleted is None:
                obj.deleted = False
            if isinstance(obj, Record):
                obj.field_hlc = {}  # every field dates from created_hlc until it changes
            pending.append((obj, None, stamp, None))
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
            stamp = self.clock.now()
            seen = {key: obj.field_stamp(key) for key in changed}  # what the edit replaced
            obj.updated_hlc = stamp
            obj.field_hlc = {**(obj.field_hlc or {}), **dict.fromkeys(changed, stamp)}
            pending.append((obj, changed, stamp, seen))

    def write_outbox(self, session: Session, _ctx: Any) -> None:
        """after_flush: the outbox and audit rows of what stamp() saw (defaults are filled in by now)."""
        pending = session.info.pop(_PENDING, None)
        if pending:
            changes = [_change_of(obj, changed, stamp, seen) for obj, changed, stamp, seen in pending]
            self.write_changes(session, session.connection(), changes)


def _change_of(obj: Synced, changed: list[str] | None, stamp: str, seen: dict[str, str] | None) -> Change:
    """The Change of a flushed row: an insert (changed is None) or an update of `changed` fields.

    An update names, per field, the HLC of the value it replaced (`base_hlc`): the server tells an
    edit made after seeing another laptop's value from one made without seeing it by that alone,
    even after a restore renumbered its versions.
    """
    if changed is None:
        return Change(obj.__tablename__, obj.id, "insert", stamp, row_payload(obj))
    payload = {
        "fields": {key: to_json_value(getattr(obj, key)) for key in changed},
        "field_hlc": dict.fromkeys(changed, stamp),
        "base_version": obj.server_version,
        "base_hlc": seen or {},
    }
    action = "delete" if "deleted" in changed and obj.deleted else "update"
    return Change(obj.__tablename__, obj.id, "update", stamp, payload, action, ",".join(changed))


def install(session_factory: sessionmaker, clock: HybridLogicalClock, device_id: str) -> UnitOfWork:
    """Attach the stamping/outbox hooks to every session THIS factory makes (and to no other)."""
    unit = UnitOfWork(clock, device_id)
    event.listen(session_factory, "before_flush", unit.stamp)
    event.listen(session_factory, "after_flush", unit.write_outbox)
    session_factory.kw.setdefault("info", {})[_UNIT_OF_WORK] = unit
    return unit


def unit_of_work_of(session: Session) -> UnitOfWork:
    """The UnitOfWork of the store that made `session` (only the laptop Store's sessions have one)."""
    try:
        return session.info[_UNIT_OF_WORK]
    except KeyError:
        raise RuntimeError("this session was not made by the laptop Store (Store.session)") from None


def insert_many(session: Session, model: type[Synced], rows: list[dict[str, Any]]) -> None:
    """Insert many NEW synced rows in one executemany, with the same stamps, outbox and audit as a flush.

    For imports: building 100,000 ORM objects costs more than the rows themselves. Each dict holds
    column values (an "id" may be given); defaults, device id and HLC stamps are filled in here.
    """
    if not rows:
        return
    unit = unit_of_work_of(session)
    table = model.__table__
    defaults = {
        c.key: c.default.arg if c.default is not None and c.default.is_scalar else None for c in table.columns
    }
    is_record = issubclass(model, Record)
    now, device_id, name = unit.clock.now, unit.device_id, table.name
    full_rows, changes = [], []
    for values in rows:
        stamp = now()
        row = {**defaults, **values}
        row.update(id=row["id"] or uuid7(), device_id=device_id, created_hlc=stamp, updated_hlc=stamp)
        row["deleted"] = bool(row["deleted"])
        if is_record:
            row["field_hlc"] = {}  # every field dates from created_hlc until it changes
        full_rows.append(row)
        payload = row.copy()  # most values are JSON already: only dates and times are converted
        for key, value in row.items():
            if isinstance(value, dt.date):
                payload[key] = to_json_value(value)
        changes.append(Change(name, row["id"], "insert", stamp, payload))
    connection = session.connection()
    _executemany(connection, table, full_rows)
    unit.write_changes(session, connection, changes)
    for listener in unit.bulk_listeners(name):
        listener(connection, full_rows)


def _executemany(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    """INSERT rows through the driver's executemany, converting each value with its column type's
    own bind processor (the same conversion SQLAlchemy applies): for 100,000 rows, statement
    compilation and per-row parameter building cost more than SQLite's writing."""
    columns = [c for c in table.columns if c.key in rows[0]]
    dialect = connection.dialect
    processors = [_bind_processor(c, dialect) for c in columns]
    names = ", ".join(c.name for c in columns)
    marks = ", ".join("?" * len(columns))
    keys = [c.key for c in columns]
    if not any(processors):
        data = [tuple(row[key] for key in keys) for row in rows]
    else:
        pairs = list(zip(keys, processors, strict=True))
        data = [
            tuple(row[key] if process is None else process(row[key]) for key, process in pairs)
            for row in rows
        ]
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", data)


def _bind_processor(column: Any, dialect: Any) -> Callable[[Any], Any] | None:
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is None or not isinstance(getattr(column.type, "impl", column.type), DateTime):
        return process
    # The rows of one insert share their times (write_changes stamps every outbox and audit row
    # with one `now`): the same object is converted once.
    last: list[Any] = [None, None]

    def convert(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, process(value)
        return last[1]

    return convert


def audit(session: Session, action: str, detail: str = "", table: str = "", row_id: str = "") -> None:
    """An audit line for an action that is not a row change (sign-in, backup, print, export...)."""
    unit = unit_of_work_of(session)
    user = session.info.get(USER, "system")
    session.add(
        AuditEntry(**audit_row(dt.datetime.now(dt.UTC), unit.device_id, user, action, table, row_id, detail))
    )
