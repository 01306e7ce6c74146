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

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from fieldapp import __version__
from fieldapp.core import i18n
from fieldapp.core.permissions import require
from fieldapp.services.contract import Changed
from fieldapp.services.sync_steps import Link, PendingOp, SyncSteps
from fieldapp.sync import enrolment
from fieldapp.sync.client import SyncClient, SyncError
from fieldapp.sync.digest import differing_buckets
from fieldapp.sync.hlc import Timestamp

i18n.register(
    {
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
        "sync.bad_answer": (
            "ردّ الخادم بما لا يفهمه هذا الحاسوب ({detail})؛ ربما اختلف الإصدار. لم يضِع شيء.",
            "The server answered something this laptop does not understand ({detail}); "
            "the versions may differ. Nothing is lost.",
        ),
        "sync.restored_midway": (
            "استُعيد الخادم من نسخة احتياطية أثناء المزامنة مرتين؛ حاول بعد قليل. لم يضِع شيء.",
            "The server was restored from a backup during the sync, twice; try again shortly. Nothing is lost.",
        ),
    }
)

log = logging.getLogger("fieldapp.sync")

CLIENT_SCHEMA = 1
VERIFY_ATTEMPTS = 3
MAX_ROUNDS_OF_PUSH = 10_000
PULL_PAGE_ROWS = 2_000  # the server's limit (server.app.PULL_PAGE_ROWS)


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


Step = Callable[..., Any]


class _EpochChanged(Exception):
    """The server answering is not the one the round began with: it was restored meanwhile."""


class SyncService(SyncSteps):
    """The round; its local steps come from SyncSteps."""

    _epoch = ""  # the server epoch of the running round
    #: rows a pull page asks for; the app asks for fewer, so the desk never waits long behind one
    pull_page = PULL_PAGE_ROWS

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
        run_step(lambda: self.record_success(report.as_json()))
        return report

    def _round(self, client: SyncClient, link: Link, report: SyncReport, run_step, verify: bool) -> None:
        link = self._hello(client, link, report, run_step)
        self._epoch = link.epoch
        lost = self._push_all(client, report, run_step)
        cursor = self._pull_all(client, link.cursor, report, run_step)
        self._fetch_rows(client, lost, cursor, run_step)
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
            report.warnings.append(enrolment.clock_skew_warning(report.clock_skew_s))
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

    def _push_all(self, client: SyncClient, report: SyncReport, run_step) -> dict[str, set[str]]:
        """Push every pending op; returns the rows (table -> ids) where an op of this laptop lost:
        the server kept its row as it was, so the pull will not bring it, yet this laptop still
        holds the value that lost."""
        limit = None
        lost: dict[str, set[str]] = {}
        for _ in range(MAX_ROUNDS_OF_PUSH):
            batch = self.next_batch(limit or 500)
            if not batch:
                return lost
            answers = self._same_server(client.push([_wire_op(op) for op in batch]))["results"]
            if len(answers) != len(batch):
                raise SyncError("sync.stuck")
            for op, answer in zip(batch, answers, strict=True):
                if answer["status"] == "conflict":
                    lost.setdefault(op.table_name, set()).add(op.row_id)
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
        # The next page is fetched while this one is written: the server and this laptop work
        # at once (one request in flight, so the client is used by one thread at a time).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-pull") as fetcher:
            ahead = fetcher.submit(client.changes, cursor, self.pull_page)
            while True:
                page = self._same_server(ahead.result())
                if page["cursor"] < cursor:
                    raise SyncError("sync.cursor_back")
                if page["more"]:
                    ahead = fetcher.submit(client.changes, page["cursor"], self.pull_page)
                cursor = self._apply_pulled(page, cursor, report, run_step)
                if not page["more"]:
                    return cursor

    def _apply_pulled(self, page: dict[str, Any], cursor: int, report: SyncReport, run_step) -> int:
        """Write one page (rows and cursor in one transaction); returns the cursor now saved."""
        if not page["rows"] and page["cursor"] == cursor:
            return cursor
        result = run_step(lambda: self.apply_page(page["rows"], cursor, page["cursor"]))
        report.pulled += len(page["rows"])
        report.conflicts_received += result.value.conflicts
        report.changed = report.changed | result.changed
        return page["cursor"]

    def _verify(self, client: SyncClient, cursor: int, report: SyncReport, run_step) -> None:
        """Compare digests; fetch the rows of differing buckets again, send again the rows the
        server lacks. The organisation may move meanwhile (another laptop pushes): then pull and
        compare again, a few times; still moving, the round ends unproven (verified None)."""
        for _ in range(VERIFY_ATTEMPTS):
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-verify") as asker:
                asked = asker.submit(client.verify)  # the server digests while this laptop does
                mine = self.settled_digests()
                theirs = self._same_server(asked.result())
            if theirs["org_version"] != cursor:
                cursor = self._pull_all(client, cursor, report, run_step)
                continue
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
            lost = self._push_all(client, report, run_step)
            cursor = self._pull_all(client, cursor, report, run_step)
            self._fetch_rows(client, lost, cursor, run_step)

    def _fetch_rows(self, client: SyncClient, wanted: dict[str, set[str]], cursor: int, run_step) -> None:
        """The server's rows `wanted` (table -> ids), written as pulled rows are."""
        for table, ids in wanted.items():
            chosen = sorted(ids)
            for start in range(0, len(chosen), 500):
                rows = self._same_server(client.rows(table, chosen[start : start + 500]))["rows"]
                run_step(lambda r=rows: self.apply_page(r, cursor, cursor))

    def _repair_bucket(self, client: SyncClient, table: str, number: int, cursor: int, run_step) -> int:
        server = dict(map(tuple, client.bucket(table, number)))
        local = self.bucket_hashes(table, number)
        fetch = [row_id for row_id, h in server.items() if local.get(row_id) != h]
        only_here = [row_id for row_id in local if row_id not in server]
        # Ids only (no personal data): a repair means a pull missed something, worth a look.
        log.warning(
            "verify: %s bucket %d differs: fetch %s, send again %s", table, number, fetch[:20], only_here[:20]
        )
        self._fetch_rows(client, {table: set(fetch)}, cursor, run_step)
        if only_here:  # rows the server lost: send them again
            run_step(lambda: self.resend(table, only_here))
        return len(fetch) + len(only_here)


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
