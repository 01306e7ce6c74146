"""One sync round with the organisation's central server: hello, push, pull, accounts, verify.

`SyncService.run()` drives the round. Network calls happen between transactions, never inside
one; every local step is its own `@write` (one transaction each, so SQLite's write lock is never
held across the network), and each returns what it changed, so a GUI that runs the steps through
its runner refreshes the screens by the usual path. `run(write=...)` takes how to run a write
step (the GUI passes its runner; the CLI calls them directly).

The order (SYNC.md): push before pull; an op is marked sent only after its answer was saved; a
pulled page and the new cursor are saved in one transaction; verify after a round that moved
rows. A changed server epoch, a cursor ahead of the server, or a server that knows a later HLC
of this laptop than its own clock (this laptop's database came back from a backup) make the
laptop re-baseline: everything it holds goes up again (ops are idempotent) and it pulls from 0.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, select, update

from fieldapp import __version__
from fieldapp.core import i18n
from fieldapp.core.permissions import require
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store import remote
from fieldapp.store.models import AppUser, Certificate, Event, Outbox, Person, SyncState, Void
from fieldapp.store.unit_of_work import APPLYING_REMOTE, outbox_row
from fieldapp.sync import enrolment
from fieldapp.sync.client import SyncClient, SyncError
from fieldapp.sync.digest import differing_buckets
from fieldapp.sync.hlc import Timestamp

i18n.register(
    {
        "sync.not_enrolled": (
            "هذا الحاسوب غير مسجَّل في خادم الجهة؛ سجّله أولًا (fieldapp enroll).",
            "This laptop is not enrolled with the organisation's server; enrol it first (fieldapp enroll).",
        ),
        "sync.app_too_old": (
            "إصدار البرنامج على هذا الحاسوب أقدم مما يقبله الخادم؛ حدّثه. لم يضِع شيء.",
            "This laptop's app is older than the server accepts; update it. Nothing is lost.",
        ),
        "sync.server_too_old": (
            "الخادم أقدم من إصدار البرنامج على هذا الحاسوب؛ اطلب تحديث الخادم. لم يضِع شيء.",
            "The server is older than this laptop's app; ask for the server to be updated. Nothing is lost.",
        ),
        "sync.stuck": (
            "توقفت المزامنة: الخادم لم يقبل دفعة التغييرات ولم يرفضها. حاول لاحقًا؛ لم يضِع شيء.",
            "Sync stopped: the server neither took nor refused the batch of changes. "
            "Try again later; nothing is lost.",
        ),
        "sync.flag.overdrawn": (
            "بعد المزامنة صار مخزون «{name}» بالسالب ({stock}): سُلِّم أكثر مما استُلم على كل الأجهزة.",
            "After sync the stock of “{name}” is below zero ({stock}): more was handed out than received "
            "across the laptops.",
        ),
        "sync.flag.double_certificate": (
            "أُصدرت لـ«{person}» شهادتان أو أكثر لفعالية «{event}» على أجهزة مختلفة ({serials}); راجعها وألغِ الزائدة.",
            "“{person}” was issued more than one certificate for “{event}” on different laptops ({serials}); "
            "review them and void the extra one.",
        ),
        "sync.bad_answer": (
            "ردّ الخادم بما لا يفهمه هذا الحاسوب ({detail}); ربما اختلف الإصدار. لم يضِع شيء.",
            "The server answered something this laptop does not understand ({detail}); "
            "the versions may differ. Nothing is lost.",
        ),
        "sync.restored_midway": (
            "استُعيد الخادم من نسخة احتياطية أثناء المزامنة مرتين؛ حاول بعد قليل. لم يضِع شيء.",
            "The server was restored from a backup during the sync, twice; try again shortly. Nothing is lost.",
        ),
        "sync.cursor_back": (
            "ردّ الخادم بمؤشر أقدم مما لدى هذا الحاسوب؛ ستُعاد المزامنة كاملة.",
            "The server answered with an older cursor than this laptop holds; sync will start over.",
        ),
    }
)

log = logging.getLogger("fieldapp.sync")

CLIENT_SCHEMA = 1
SENT, SET_ASIDE, SUPERSEDED = "sent", "set_aside", "superseded"
VERIFY_ATTEMPTS = 3
MAX_ROUNDS_OF_PUSH = 10_000


@dataclass
class SyncReport:
    changed: Changed = field(default_factory=Changed)
    pushed: int = 0
    applied: int = 0
    duplicates: int = 0
    conflicts: int = 0  # pushed ops the server answered with a conflict
    rejected: int = 0
    pulled: int = 0
    conflicts_received: int = 0
    users: int = 0
    rebaselined: str = ""  # "" | server_restored | laptop_restored
    resent: int = 0
    verified: bool | None = None
    refetched: int = 0
    clock_skew_s: float = 0.0
    warnings: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # found only once every laptop's facts met
    seconds: float = 0.0

    @property
    def moved(self) -> bool:
        return bool(self.pushed or self.pulled or self.refetched or self.resent)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["changed"] = sorted(self.changed.topics)
        return data


@dataclass(frozen=True)
class Link:
    """What a round needs from sync_state."""

    url: str
    token: str
    ca_file: str | None
    epoch: str
    cursor: int


Step = Callable[..., Any]


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
        topics.add(_TOPIC_OF.get(table, table))
    return Changed(frozenset(topics))


_TOPIC_OF = {
    "person": "people",
    "registration": "people",
    "person_merge": "people",
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
}


class _EpochChanged(Exception):
    """The server answering is not the one the round began with: it was restored meanwhile."""


class SyncService(Service):
    _epoch = ""  # the server epoch of the running round
    # --- the round -------------------------------------------------------------------------

    def run(
        self,
        write: Callable[[Step], Any] | None = None,
        client_factory: Callable[[Link], SyncClient] | None = None,
        verify: bool = True,
    ) -> SyncReport:
        """One full round. Raises a SyncError (offline, revoked, refused...) after recording it
        as the last error; nothing pending is lost either way."""
        require(self.actor, "sync")
        run_step = write or (lambda step: step())
        link = self.link()
        report = SyncReport()
        started = time.perf_counter()
        make = client_factory or (lambda lk: SyncClient(lk.url, token=lk.token, ca_file=lk.ca_file))
        try:
            for attempt in range(2):
                try:
                    with make(link) as client:
                        self._round(client, link, report, run_step, verify)
                    break
                except _EpochChanged:  # restored mid-round: the next hello re-baselines
                    if attempt:
                        raise SyncError("sync.restored_midway") from None
                    link = self.link()
            if report.pulled:
                report.flags = self.flags()
        except SyncError as exc:
            message = exc.message()
            run_step(lambda: self.record_error(message))
            raise
        except (KeyError, TypeError, ValueError) as exc:  # an answer of the wrong shape
            log.warning("sync: an answer of the wrong shape", exc_info=True)
            error = SyncError("sync.bad_answer", detail=f"{type(exc).__name__}: {exc}"[:200])
            message = error.message()
            run_step(lambda: self.record_error(message))
            raise error from exc
        report.seconds = round(time.perf_counter() - started, 3)
        report.changed = report.changed | Changed.of("sync")
        run_step(lambda: self.record_success(report))
        return report

    def _round(self, client: SyncClient, link: Link, report: SyncReport, run_step, verify: bool) -> None:
        link = self._hello(client, link, report, run_step)
        self._epoch = link.epoch
        self._push_all(client, report, run_step)
        cursor = self._pull_all(client, link.cursor, report, run_step)
        report.users = run_step(lambda: self.apply_users(client.users())).value
        if verify and report.moved:
            self._verify(client, cursor, report, run_step)

    def _same_server(self, answer: dict[str, Any]) -> dict[str, Any]:
        """An answer of the server this round began with; else the round starts over (pushed
        ops the restored server lost must go up again before anything pulled overwrites them)."""
        if answer["server_epoch"] != self._epoch:
            raise _EpochChanged
        return answer

    def _hello(self, client: SyncClient, link: Link, report: SyncReport, run_step) -> Link:
        hello = client.hello(__version__, CLIENT_SCHEMA, self.pending_count(), link.cursor)
        schema = hello["client_schema"]
        if schema["min"] > CLIENT_SCHEMA:
            raise SyncError("sync.app_too_old")
        if schema["max"] < CLIENT_SCHEMA:
            raise SyncError("sync.server_too_old")
        report.clock_skew_s = round(enrolment.clock_skew_s(hello["server_time"]), 1)
        if abs(report.clock_skew_s) > enrolment.MAX_SKEW_S:
            report.warnings.append(i18n.msg("sync.clock_skew", minutes=round(abs(report.clock_skew_s) / 60)))
        why = _restored(link, hello, self.store.clock.last())
        if hello.get("device_max_hlc"):  # never stamp below what the server already has from us
            self.store.clock.observe(hello["device_max_hlc"])
        if why:
            result = run_step(
                lambda: self.rebaseline(hello["server_epoch"], hello.get("device_max_hlc"), why)
            )
            report.rebaselined, report.resent = why, result.value
            report.changed = report.changed | result.changed
            link = self.link()
            client.hello(__version__, CLIENT_SCHEMA, self.pending_count(), link.cursor)  # "I start over"
            return link
        return link

    def _push_all(self, client: SyncClient, report: SyncReport, run_step) -> None:
        limit = None
        for _ in range(MAX_ROUNDS_OF_PUSH):
            batch = self.next_batch(limit or 500)
            if not batch:
                return
            answers = self._same_server(client.push([_wire_op(op) for op in batch]))["results"]
            if len(answers) != len(batch):
                raise SyncError("sync.stuck")
            result = run_step(lambda b=batch, a=answers: self.save_answers(b, a))
            counts = result.value
            report.pushed += len(batch)
            report.applied += counts.get("applied", 0)
            report.duplicates += counts.get("duplicate", 0)
            report.conflicts += counts.get("conflict", 0)
            report.rejected += counts.get("rejected", 0)
            report.changed = report.changed | result.changed
        raise SyncError("sync.stuck")

    def _pull_all(self, client: SyncClient, cursor: int, report: SyncReport, run_step) -> int:
        while True:
            page = self._same_server(client.changes(cursor, 1000))
            if page["cursor"] < cursor:
                raise SyncError("sync.cursor_back")
            if page["rows"] or page["cursor"] != cursor:
                result = run_step(lambda p=page, c=cursor: self.apply_page(p["rows"], c, p["cursor"]))
                report.pulled += len(page["rows"])
                report.conflicts_received += result.value.conflicts
                report.changed = report.changed | result.changed
                cursor = page["cursor"]
            if not page["more"]:
                return cursor

    def _verify(self, client: SyncClient, cursor: int, report: SyncReport, run_step) -> None:
        """Compare digests; fetch the rows of differing buckets again, send again the rows the
        server lacks. The organisation may move meanwhile (another laptop pushes): then pull and
        compare again, a few times; still moving, the round ends unproven (verified None)."""
        for _ in range(VERIFY_ATTEMPTS):
            theirs = self._same_server(client.verify())
            if theirs["org_version"] != cursor:
                cursor = self._pull_all(client, cursor, report, run_step)
                continue
            mine = self.settled_digests()
            if mine is None:
                return  # edits made during the round: the next round proves them
            differing = {
                table: differing_buckets(mine[table], digest)
                for table, digest in theirs["tables"].items()
                if table in mine
            }
            differing = {t: b for t, b in differing.items() if b}
            if not differing:
                report.verified = True
                run_step(self.record_verified)
                return
            report.verified = False
            for table, buckets in differing.items():
                for number in buckets:
                    report.refetched += self._repair_bucket(client, table, number, cursor, run_step)
            self._push_all(client, report, run_step)
            cursor = self._pull_all(client, cursor, report, run_step)

    def _repair_bucket(self, client: SyncClient, table: str, number: int, cursor: int, run_step) -> int:
        server = dict(map(tuple, client.bucket(table, number)))
        local = self.bucket_hashes(table, number)
        fetch = [row_id for row_id, h in server.items() if local.get(row_id) != h]
        only_here = [row_id for row_id in local if row_id not in server]
        for start in range(0, len(fetch), 500):
            rows = self._same_server(client.rows(table, fetch[start : start + 500]))["rows"]
            run_step(lambda r=rows: self.apply_page(r, cursor, cursor))
        if only_here:  # rows the server lost: send them again
            run_step(lambda: self.resend(table, only_here))
        return len(fetch) + len(only_here)

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
        with self.transaction() as session:
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
    def record_success(self, report: SyncReport) -> Done:
        with self.transaction() as session:
            session.execute(
                update(SyncState)
                .where(SyncState.id == 1)
                .values(
                    last_success_at=dt.datetime.now(dt.UTC),
                    last_error="",
                    last_round=json.dumps(report.as_json(), ensure_ascii=False),
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


def _wire_op(op: PendingOp) -> dict[str, Any]:
    return {
        "op_id": op.op_id,
        "table": op.table_name,
        "row_id": op.row_id,
        "kind": op.kind,
        "hlc": op.hlc,
        "payload": op.payload,
    }


def _restored(link: Link, hello: dict[str, Any], clock_last: str) -> str:
    """Why this laptop must re-baseline ("" when it need not): the server has another epoch or
    fewer versions than this laptop has pulled (it was restored); or this laptop holds an older
    cursor than it gave at its last hello, or the server holds a later stamp of it than it ever
    made (this database was restored from a backup, or copied)."""
    if hello["server_epoch"] != link.epoch or link.cursor > hello["org_version"]:
        return "server_restored"
    if link.cursor < hello.get("device_cursor", 0):
        return "laptop_restored"
    seen = hello.get("device_max_hlc")
    if seen and Timestamp.parse(seen) > Timestamp.parse(clock_last):
        return "laptop_restored"
    return ""
