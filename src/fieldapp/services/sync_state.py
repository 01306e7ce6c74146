"""This laptop's link to the organisation's central server: enrol once, and say where sync stands.

`enrol` follows the write contract, with one rule of its own: the network calls (/v1/meta, then
/v1/enroll, in `contact_server`) happen BEFORE the transaction opens, so SQLite's write lock is
never held across a network call; the GUI runs them on its network pool, between a read
(`prepare_enrolment`) and the write that saves the answer (`save_enrolment`). The enrolment is then saved in ONE transaction (the sync_state row, a changed short
code in the device row, the public signing key as a synced fact, an audit line). A laptop that
already holds data loses nothing: its pending outbox ops are what will go up, and it is told so.
"""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from fieldapp import __version__
from fieldapp.certificates import keys
from fieldapp.core import i18n
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import require
from fieldapp.services.contract import Changed, Done, Service, write
from fieldapp.store.backup import backup_database
from fieldapp.store.models import Conflict, Device, Outbox, SyncState
from fieldapp.store.unit_of_work import audit
from fieldapp.sync import enrolment
from fieldapp.sync.client import ServerRefusal, SyncClient, SyncError

i18n.register(
    {
        "sync.already_enrolled": (
            "هذا الحاسوب مسجَّل من قبل في {org} على الخادم {url}.",
            "This laptop is already enrolled in {org} on the server {url}.",
        ),
        "sync.leave_waiting": (
            "لا يمكن مغادرة الجهة و{n} تغييرًا لم يُرسل بعد؛ زامن أولًا.",
            "This laptop cannot leave the organisation while {n} changes have not been sent; sync first.",
        ),
        "sync.short_code_changed": (
            "الرمز المختصر {old} مستخدم في حاسوب آخر من الجهة؛ صار رمز هذا الحاسوب {new} "
            "(يظهر في أرقام الشهادات الجديدة).",
            "The short code {old} is used by another laptop of the organisation; this laptop's code "
            "is now {new} (it appears in new certificate serials).",
        ),
    }
)

PENDING = "pending"
SET_ASIDE = "set_aside"  # ops the server rejected, moved aside with their reason (never block the queue)


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    org_code: str | None
    org_name: str | None
    short_code: str
    enrolled_at: dt.datetime | None
    last_success_at: dt.datetime | None
    last_error: str
    pending_ops: int
    set_aside_ops: int
    conflicts: int = 0  # losing values not yet reviewed
    last_verified_at: dt.datetime | None = None


@dataclass(frozen=True)
class EnrolResult:
    changed: Changed
    server_url: str
    org_code: str
    org_name: str
    short_code: str
    short_code_changed_from: str | None
    pending_ops: int
    clock_skew_s: float
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class EnrolRequest:
    """What enrolment asks the server, read from this laptop before any network call."""

    url: str
    code: str
    name: str  # how the server lists this laptop
    ca_file: str | None
    device_id: str
    short_code: str
    key: keys.LocalKey


@dataclass(frozen=True)
class EnrolAnswer:
    """What the server answered (`contact_server`), for `save_enrolment`."""

    url: str
    body: dict
    skew_s: float
    short_code: str


class SyncStateService(Service):
    def status(self) -> SyncStatus:
        with self.reader() as session:
            state = session.get(SyncState, 1)
            counts = dict(
                session.execute(
                    select(Outbox.status, func.count())
                    .where(Outbox.status.in_((PENDING, SET_ASIDE)))
                    .group_by(Outbox.status)
                ).all()
            )
            return SyncStatus(
                enrolled=state is not None,
                server_url=state.server_url if state else None,
                org_code=state.org_code if state else None,
                org_name=state.org_name if state else None,
                short_code=state.device_short_code if state else self.store.device_code,
                enrolled_at=state.enrolled_at if state else None,
                last_success_at=state.last_success_at if state else None,
                last_error=state.last_error if state else "",
                pending_ops=counts.get(PENDING, 0),
                set_aside_ops=counts.get(SET_ASIDE, 0),
                conflicts=session.scalar(
                    select(func.count()).select_from(Conflict).where(Conflict.resolved.is_(False))
                )
                or 0,
                last_verified_at=state.last_verified_at if state else None,
            )

    # -- enrolling: read, then the network, then one write --------------------------------------
    # The GUI runs the three steps where each belongs: the reads on the database thread, the server
    # calls on the network pool (the desk never waits on the network), the save on the database
    # thread again. `enrol` runs them in a row (the CLI, tests).

    @write
    def enrol(
        self, url: str | None, code: str, laptop_name: str | None = None, ca_file: str | None = None
    ) -> EnrolResult:
        """Bind this laptop to the organisation of a one-time code (typed, or the QR text whole)."""
        request = self.prepare_enrolment(url, code, laptop_name, ca_file)
        return self.save_enrolment(request, contact_server(request))

    def prepare_enrolment(
        self, url: str | None, code: str, laptop_name: str | None = None, ca_file: str | None = None
    ) -> EnrolRequest:
        """What the server is asked (no network here): refused at once for a laptop already
        enrolled, a user who may not enrol, or an address or code that cannot be right."""
        require(self.actor, "settings.edit")
        self._refuse_if_enrolled()
        url, code = enrolment.read_input(url, code)
        key = keys.load_or_create(self.store)
        name = (laptop_name or "").strip() or socket.gethostname() or f"Laptop {self.store.device_code}"
        return EnrolRequest(url, code, name[:200], ca_file, self.store.device_id, self.store.device_code, key)

    @write
    def save_enrolment(self, request: EnrolRequest, answer: EnrolAnswer) -> EnrolResult:
        """The server's answer saved in ONE transaction (the sync_state row, a changed short code in
        the device row, the public signing key as a synced fact, an audit line)."""
        require(self.actor, "settings.edit")
        old_code = request.short_code
        body, org = answer.body, answer.body["organisation"]
        with self.transaction() as session:
            self._refuse_if_enrolled(session)
            session.add(
                SyncState(
                    id=1,
                    server_url=answer.url,
                    org_id=org["id"],
                    org_code=org["code"],
                    org_name=org["name"],
                    device_short_code=answer.short_code,
                    token=body["token"],
                    server_epoch=body["server_epoch"],
                    enrolled_at=dt.datetime.now(dt.UTC),
                    enrolled_by=self.actor.user_name,
                    pull_cursor=0,
                    last_error="",
                    ca_file=request.ca_file,
                )
            )
            if answer.short_code != old_code:
                session.execute(
                    update(Device)
                    .where(Device.id == self.store.device_id)
                    .values(short_code=answer.short_code)
                )
            keys.ensure_signing_key_fact(session, request.key, self.store)
            audit(session, "sync.enrol", f"{org['code']} {answer.url} {answer.short_code}")
            session.flush()
            pending = session.scalar(select(func.count()).select_from(Outbox).where(Outbox.status == PENDING))
        self.store.device_code = answer.short_code
        return EnrolResult(
            changed=Changed.of("sync"),
            server_url=answer.url,
            org_code=org["code"],
            org_name=org["name"],
            short_code=answer.short_code,
            short_code_changed_from=old_code if answer.short_code != old_code else None,
            pending_ops=pending or 0,
            clock_skew_s=round(answer.skew_s, 1),
            warnings=_warnings(answer, old_code),
        )

    def pending_by_table(self) -> dict[str, int]:
        """What waits to go up, per table: a laptop that holds data is told before it enrols."""
        with self.reader() as session:
            rows = session.execute(
                select(Outbox.table_name, func.count())
                .where(Outbox.status == PENDING)
                .group_by(Outbox.table_name)
            ).all()
            return {table: count for table, count in rows}

    @write
    def leave(self, backups_dir: Path) -> Done:
        """Unbind this laptop from its organisation, only with nothing waiting to go up, a backup
        of the database kept first (its path is the result's value). The data stays on the laptop."""
        require(self.actor, "settings.edit")
        waiting = self.services.sync.pending_count()
        if waiting:
            raise ValidationError("sync.leave_waiting", n=waiting)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        kept = backup_database(self.store.path, backups_dir / f"before-leaving-{stamp}.db")
        with self.transaction() as session:
            state = session.get(SyncState, 1)
            if state is None:
                return Done(Changed.of("sync"), kept)
            if session.scalar(select(func.count()).select_from(Outbox).where(Outbox.status == PENDING)):
                raise ValidationError("sync.leave_waiting", n=waiting)
            audit(session, "sync.leave", f"{state.org_code} {state.server_url} backup {kept.name}")
            session.delete(state)
        return Done(Changed.of("sync"), kept)

    def _refuse_if_enrolled(self, session: Session | None = None) -> None:
        if session is None:
            with self.reader() as reader:
                return self._refuse_if_enrolled(reader)
        state = session.get(SyncState, 1)
        if state is not None:
            raise SyncError("sync.already_enrolled", org=state.org_name, url=state.server_url)
        return None


def contact_server(request: EnrolRequest) -> EnrolAnswer:
    """/v1/meta, then /v1/enroll; on a short-code clash, once more with a new short code. Network
    only, no database: the GUI runs it on the network pool."""
    short = request.short_code
    key = request.key
    with SyncClient(request.url, ca_file=request.ca_file) as client:
        skew = enrolment.clock_skew_s(client.meta()["server_time"])
        body = enrolment.enroll_body(
            request.code, request.device_id, request.name, short, key.key_id, key.public_raw, __version__
        )
        try:
            answer = client.enroll(body)
        except ServerRefusal as exc:
            if exc.code != "enroll.short_code_taken":
                raise
            short = enrolment.new_short_code(avoid=short)
            answer = client.enroll({**body, "short_code": short})
        return EnrolAnswer(client.base_url, answer, skew, answer["device"]["short_code"])


def _warnings(answer: EnrolAnswer, old_code: str) -> tuple[str, ...]:
    said = []
    if abs(answer.skew_s) > enrolment.MAX_SKEW_S:
        said.append(enrolment.clock_skew_warning(answer.skew_s))
    if answer.short_code != old_code:
        said.append(i18n.msg("sync.short_code_changed", old=old_code, new=answer.short_code))
    return tuple(said)
