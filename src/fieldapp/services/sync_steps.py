"""The local steps of a sync round: each read one snapshot, each write ONE transaction.

SyncService (services/sync_round.py) drives the round over the network and calls these between
its requests, never holding a transaction across one. Every write is a `@write` that returns what
it changed, so a GUI that runs them through its runner refreshes its screens the usual way.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, or_, select, update

from fieldapp.core import i18n
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store import remote
from fieldapp.store.models import AppUser, Certificate, Device, Event, Outbox, Person, SyncState, Void
from fieldapp.store.unit_of_work import APPLYING_REMOTE, outbox_row
from fieldapp.sync.client import SyncError

i18n.register(
    {
        "sync.not_enrolled": (
            "هذا الحاسوب غير مسجَّل في خادم الجهة؛ سجّله أولًا (fieldapp enroll).",
            "This laptop is not enrolled with the organisation's server; enrol it first (fieldapp enroll).",
        ),
        "sync.flag.overdrawn": (
            "بعد المزامنة صار مخزون «{name}» بالسالب ({stock}): سُلِّم أكثر مما استُلم على كل الأجهزة.",
            "After sync the stock of “{name}” is below zero ({stock}): more was handed out than received "
            "across the laptops.",
        ),
        "sync.flag.double_certificate": (
            "أُصدرت لـ«{person}» شهادتان أو أكثر لفعالية «{event}» على أجهزة مختلفة ({serials})؛ راجعها وألغِ الزائدة.",
            "“{person}” was issued more than one certificate for “{event}” on different laptops ({serials}); "
            "review them and void the extra one.",
        ),
        "sync.cursor_back": (
            "ردّ الخادم بمؤشر أقدم مما لدى هذا الحاسوب؛ ستُعاد المزامنة كاملة.",
            "The server answered with an older cursor than this laptop holds; sync will start over.",
        ),
    }
)

SENT, SET_ASIDE, SUPERSEDED = "sent", "set_aside", "superseded"


@dataclass(frozen=True)
class Link:
    """What a round needs from sync_state."""

    url: str
    token: str
    ca_file: str | None
    epoch: str
    cursor: int


class PendingOp(NamedTuple):
    seq: int
    op_id: str
    table_name: str
    row_id: str
    kind: str
    hlc: str
    payload: dict[str, Any]


def _topics(tables: set[str]) -> Changed:
    topics = {"sync"}
    for table in tables:
        topics.add(TOPIC_OF.get(table, table))
    return Changed(frozenset(topics))


TOPIC_OF = {
    "person": "people",
    "registration": "people",
    "person_merge": "people",
    "person_distinct": "people",
    "scan": "scans",
    "handover": "gifts",
    "gift_type": "gifts",
    "stock_entry": "stock",
    "visit": "visits",
    "visit_member": "visits",
    "visit_gift": "visits",
    "event": "events",
    "event_team": "events",
    "certificate": "certificates",
    "certificate_print": "certificates",
    "signing_key": "certificates",
    "body": "bodies",
    "agreement": "bodies",
    "body_merge": "bodies",
    "hours_certificate": "certificates",
}


class SyncSteps(Service):
    # --- reads ---------------------------------------------------------------------------------

    def link(self) -> Link:
        with self.reader() as session:
            state = session.get(SyncState, 1)
            if state is None:
                raise SyncError("sync.not_enrolled")
            return Link(state.server_url, state.token, state.ca_file, state.server_epoch, state.pull_cursor)

    def pending_count(self) -> int:
        with self.reader() as session:
            return session.scalar(select(func.count()).select_from(Outbox).where(Outbox.status == "pending"))

    def next_batch(self, limit: int) -> list[PendingOp]:
        """The oldest pending ops, in the order they were made."""
        with self.reader() as session:
            rows = session.execute(
                select(Outbox.seq, Outbox.op_id, Outbox.table_name, Outbox.row_id, Outbox.kind, Outbox.hlc)
                .add_columns(Outbox.payload)
                .where(Outbox.status == "pending")
                .order_by(Outbox.seq)
                .limit(limit)
            ).all()
            return [PendingOp(*row) for row in rows]

    def local_digests(self) -> dict[str, Any]:
        with self.reader() as session:
            return remote.table_digests(session.connection())

    def settled_digests(self) -> dict[str, Any] | None:
        """The digests, or None when an edit waits to go up: counted AFTER the digests, so an edit
        saved while they were computed is seen."""
        with self.reader() as session:
            connection = session.connection()
            digests = remote.table_digests(connection)
            waiting = connection.execute(
                select(func.count()).select_from(Outbox).where(Outbox.status == "pending")
            ).scalar()
            return None if waiting else digests

    def bucket_hashes(self, table: str, number: int) -> dict[str, str]:
        with self.reader() as session:
            return remote.row_hashes(session.connection(), table, number)

    def flags(self) -> list[str]:
        """What only the union of every laptop's facts shows: stock overdrawn, and one person's
        certificate for one event issued on two laptops."""
        said = [
            i18n.msg("sync.flag.overdrawn", name=g.name, stock=g.stock)
            for g in self.services.gifts.list_types(include_inactive=True)
            if g.stock < 0
        ]
        voided = select(Void.target_id).where(Void.target_table == "certificate", Void.deleted.is_(False))
        with self.reader() as session:
            doubles = session.execute(
                select(Person.full_name, Event.title, func.group_concat(Certificate.serial, ", "))
                .join(Person, Person.id == Certificate.person_id)
                .join(Event, Event.id == Certificate.event_id)
                .where(Certificate.deleted.is_(False), Certificate.id.not_in(voided))
                .group_by(Certificate.person_id, Certificate.event_id)
                .having(func.count() > 1)
            ).all()
        said += [
            i18n.msg("sync.flag.double_certificate", person=p, event=e, serials=serials)
            for p, e, serials in doubles
        ]
        return said

    # --- writes (one transaction each) -------------------------------------------------------------

    @write
    def save_answers(self, batch: list[PendingOp], answers: list[dict[str, Any]]) -> Done:
        """The server's answers to a pushed batch: sent, or set aside with the reason.

        A row's server_version is NOT taken from an answer: the answer's version counts writes of
        other laptops this laptop has not pulled yet, and a later edit would claim to have seen
        them (its base version), overwriting one of them with no conflict. Only a pull tells a
        row what this laptop has seen.
        """
        counts: dict[str, int] = {}
        now = dt.datetime.now(dt.UTC)
        marks = []
        for op, answer in zip(batch, answers, strict=True):
            status = answer.get("status", "")
            counts[status] = counts.get(status, 0) + 1
            rejected = status == "rejected"
            marks.append(
                {
                    "b_seq": op.seq,
                    "b_status": SET_ASIDE if rejected else SENT,
                    "b_detail": str(answer.get("reason", "")) if rejected else status,
                }
            )
        with self.transaction() as session:
            # one executemany: an ORM UPDATE an op cost ~400 µs of laptop CPU each
            session.connection().execute(
                update(Outbox)
                .where(Outbox.seq == bindparam("b_seq"))
                .values(status=bindparam("b_status"), detail=bindparam("b_detail"), sent_at=now),
                marks,
            )
        return Done(Changed.of("sync"), counts)

    @write
    def apply_page(self, rows: list[dict[str, Any]], cursor_before: int, cursor_after: int) -> Done:
        """A pulled page and the new cursor, in ONE transaction (never the cursor before the data)."""
        with self.transaction(foreign_keys=False) as session:
            session.info[APPLYING_REMOTE] = True
            connection = session.connection()
            applied = remote.apply_rows(connection, rows)
            moved = session.execute(
                update(SyncState)
                .where(SyncState.id == 1, SyncState.pull_cursor == cursor_before)
                .values(pull_cursor=cursor_after)
            ).rowcount
            if cursor_after != cursor_before and moved != 1:
                raise SyncError("sync.cursor_back")  # another round moved it: this page rolls back
            if applied.max_hlc:  # kept with the page: a laptop killed now never stamps below it
                session.execute(
                    update(Device)
                    .where(or_(Device.last_hlc.is_(None), Device.last_hlc < applied.max_hlc))
                    .values(last_hlc=applied.max_hlc)
                )
        if applied.max_hlc:
            self.store.clock.observe(applied.max_hlc)
        changed = _topics(applied.tables)
        if applied.conflicts:
            changed = changed | Changed.of("conflicts")
        return Done(changed, applied)

    @write
    def rebaseline(self, epoch: str, device_max_hlc: str | None, why: str) -> Done:
        """After a restore (of the server or of this laptop): every row goes up again as a whole
        row, pending ops are superseded by those, and the pull starts from 0."""
        if device_max_hlc:
            self.store.clock.observe(device_max_hlc)
        with self.transaction(bulk_audit=f"sync.rebaseline:{why}") as session:
            connection = session.connection()
            edits = remote.own_edits(connection)
            # Ops of synced rows are superseded by the whole rows; any other op (a table this
            # app does not sync) stays, for the server to set aside with its reason.
            session.execute(
                update(Outbox)
                .where(Outbox.status == "pending", Outbox.table_name.in_(list(remote.MODEL_BY_TABLE)))
                .values(status=SUPERSEDED)
            )
            now = dt.datetime.now(dt.UTC)
            rows, count = [], 0
            for change in remote.snapshot_changes(connection, self.store.clock.now, edits):
                rows.append(outbox_row(change, now))
                if len(rows) >= 5000:
                    connection.execute(Outbox.__table__.insert(), rows)
                    count, rows = count + len(rows), []
            if rows:
                connection.execute(Outbox.__table__.insert(), rows)
                count += len(rows)
            for model in remote.MODEL_BY_TABLE.values():
                session.execute(update(model.__table__).values(server_version=None))
            session.execute(
                update(SyncState).where(SyncState.id == 1).values(server_epoch=epoch, pull_cursor=0)
            )
        return Done(Changed.of("sync"), count)

    @write
    def resend(self, table: str, row_ids: list[str]) -> Done:
        """Rows the server does not hold (it lost them): whole-row inserts again."""
        if table == remote.CONFLICT_TABLE:
            with self.transaction() as session:
                now = dt.datetime.now(dt.UTC)
                changes = remote.conflict_changes(session.connection(), self.store.clock.now, row_ids)
                rows = [outbox_row(change, now) for change in changes]
                if rows:
                    session.connection().execute(Outbox.__table__.insert(), rows)
            return Done(Changed.of("sync"), len(rows))
        model = remote.MODEL_BY_TABLE[table]
        with self.transaction() as session:
            now = dt.datetime.now(dt.UTC)
            t = model.__table__
            rows = []
            for start in range(0, len(row_ids), 900):
                for row in session.execute(
                    select(t).where(t.c.id.in_(row_ids[start : start + 900]))
                ).mappings():
                    payload = {k: remote.to_json_value(v) for k, v in row.items()}
                    payload["server_version"] = None
                    change = remote.Change(
                        table, row["id"], "insert", self.store.clock.now(), payload, "resend"
                    )
                    rows.append(outbox_row(change, now))
            if rows:
                session.connection().execute(Outbox.__table__.insert(), rows)
        return Done(Changed.of("sync"), len(rows))

    @write
    def apply_users(self, users: list[dict[str, Any]]) -> Done:
        """The organisation's central accounts: hash, role and state as the server has them. A
        central account the server no longer lists is disabled here."""
        with self.transaction() as session:
            session.info[APPLYING_REMOTE] = True
            local = {u.username: u for u in session.scalars(select(AppUser))}
            listed = set()
            for given in users:
                name = str(given["username"]).lower()
                listed.add(name)
                user = local.get(name)
                if user is None:
                    user = AppUser(username=name, created_at=dt.datetime.now(dt.UTC))
                    session.add(user)
                user.display_name = given["display_name"]
                user.role = given["role"]
                user.password_hash = given["password_hash"]
                user.active = bool(given["active"])
                user.central = True
                if not user.active:
                    user.signed_in_until = None
            for name, user in local.items():
                if user.central and name not in listed:
                    user.active, user.signed_in_until = False, None
        return Done(Changed.of("users") if users else Changed.of("sync"), len(users))

    @write
    def record_success(self, report: dict[str, Any]) -> Done:
        with self.transaction() as session:
            session.execute(
                update(SyncState)
                .where(SyncState.id == 1)
                .values(
                    last_success_at=dt.datetime.now(dt.UTC),
                    last_error="",
                    last_round=json.dumps(report, ensure_ascii=False),
                )
            )
        return Done(Changed.of("sync"))

    @write
    def record_error(self, message: str) -> Done:
        with self.transaction() as session:
            session.execute(update(SyncState).where(SyncState.id == 1).values(last_error=message[:1000]))
        return Done(Changed.of("sync"))

    @write
    def record_verified(self) -> Done:
        with self.transaction() as session:
            session.execute(
                update(SyncState).where(SyncState.id == 1).values(last_verified_at=dt.datetime.now(dt.UTC))
            )
        return Done(Changed.of("sync"))
