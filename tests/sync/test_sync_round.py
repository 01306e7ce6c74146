"""`fieldapp sync` between laptops and a REAL `fieldapp server` process on 127.0.0.1 (SQLite server DB):
convergence, per-field conflicts kept on every side, a poison op set aside, revoked and unknown tokens,
offline, a server restored from a backup, central accounts, idempotent retries, far-future stamps."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import func, select, text, update

from fieldapp import cli
from fieldapp.config import DataDir
from fieldapp.core.errors import ValidationError
from fieldapp.core.permissions import Actor
from fieldapp.server import admin
from fieldapp.server.db import make_engine
from fieldapp.services import Services
from fieldapp.services.events import EventInput
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store
from fieldapp.store.models import Conflict, Outbox, Person, Scan, SyncState
from fieldapp.sync.client import ServerRefusal, SyncClient, SyncOffline, SyncRevoked
from fieldapp.sync.hlc import Timestamp
from tests.cli_user import add_cli_user, signed_in
from tests.server.test_server_process import free_port, wait_healthy

ADMIN = Actor("sara", "admin")


class Server:
    """A `fieldapp server` process on its own SQLite database, with organisation RUH."""

    def __init__(self, directory) -> None:
        self.path = directory / "server.db"
        self.db_url = f"sqlite:///{self.path}"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        assert (
            cli.main(["server-admin", "--db", self.db_url, "create-org", "--name", "Riyadh", "--code", "RUH"])
            == 0
        )

    def start(self) -> None:
        env = {**os.environ, "FIELDAPP_LANG": "en"}
        env.pop("FIELDAPP_SERVER_DB", None)
        with (self.path.parent / "server.log").open("a") as log:  # never a pipe nobody reads
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "fieldapp", "server", "--db", self.db_url, "--port", str(self.port)],
                stdout=subprocess.DEVNULL,
                stderr=log,
                text=True,
                env=env,
            )
        wait_healthy(self.base, self.proc)

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=20)
            self.proc = None

    def code(self) -> str:
        engine = make_engine(self.db_url)
        try:
            return admin.make_enroll_code(engine, "RUH", 1, self.base)["code"]
        finally:
            engine.dispose()

    def query(self, sql: str, **params):
        engine = make_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return conn.execute(text(sql), params).all()
        finally:
            engine.dispose()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


class Laptop:
    def __init__(self, tmp_path, name: str, server: Server | None = None) -> None:
        self.data = DataDir(tmp_path / name)
        self.data.root.mkdir()
        self.store = Store.open(self.data.database, self.data.backups)
        self.services = Services(self.store, ADMIN)
        add_cli_user(self.data.root)  # the command line signs in as this laptop's administrator
        if server is not None:
            self.services.sync_state.enrol(server.base, server.code(), name)

    def sync(self):
        return self.services.sync.run()

    def count(self, model, *where) -> int:
        with self.store.reader() as r:
            return r.scalar(select(func.count()).select_from(model).where(*where))

    def pending(self) -> int:
        return self.count(Outbox, Outbox.status == "pending")

    def close(self) -> None:
        self.store.close()

    def cli(self, *argv: str) -> int:
        with signed_in():
            return cli.main(["--data-dir", str(self.data.root), *argv])


@pytest.fixture
def laptops(tmp_path):
    made: list[Laptop] = []

    def make(name: str, server: Server | None = None) -> Laptop:
        made.append(Laptop(tmp_path, name, server))
        return made[-1]

    yield make
    for lap in made:
        lap.close()


def _event(services: Services) -> str:
    now = dt.datetime.now(dt.UTC)
    data = EventInput("Cleanup day", now - dt.timedelta(hours=1), now + dt.timedelta(hours=6))
    return services.events.create(data).id


def test_two_laptops_converge_and_prove_it(server, laptops, capsys):
    a, b = laptops("a", server), laptops("b", server)
    event = _event(a.services)
    people = [
        a.services.people.create(PersonInput(f"Volunteer {i}", mobile=f"0501234{i:03d}")) for i in range(5)
    ]
    for p in people[:3]:
        a.services.attendance.scan(event, p.id, method="manual")
    first = a.sync()
    assert first.pushed > 0 and first.rejected == 0 and first.verified is True and a.pending() == 0

    second = b.sync()
    assert second.pulled >= first.pushed and second.verified is True
    assert b.count(Person) == 5 and b.count(Scan) == 3
    assert "people" in second.changed.topics and "scans" in second.changed.topics
    # B's search index knows the pulled people, and B can check one out.
    assert b.services.search.find("Volunteer 4")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=30)
    out = b.services.attendance.scan(event, people[0].id, method="manual", direction="out", at=later)
    assert out.changed
    assert b.sync().pushed == 1
    assert a.sync().pulled == 2 and a.count(Scan) == 4  # the scan, and B's signing key

    # The CLI: one more round with nothing to do, as JSON, exit 0.
    a.close()
    assert a.cli("sync", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pushed"] == 0 and report["pulled"] == 0 and report["rejected"] == 0
    a.store = Store.open(a.data.database, a.data.backups)
    a.services = Services(a.store, ADMIN)
    # every fact once on the server
    assert server.query("SELECT count(*) FROM sync_row WHERE table_name = 'scan'")[0][0] == 4


def test_the_same_field_edited_on_two_laptops_keeps_the_later_and_the_loser_everywhere(server, laptops):
    a, b = laptops("a", server), laptops("b", server)
    person = a.services.people.create(PersonInput("Huda Al-Qahtani", mobile="0551234567"))
    a.sync()
    b.sync()
    a.services.people.update(person.id, PersonInput("Huda Al-Qahtani", mobile="0551234567", notes="from A"))
    b.services.people.update(person.id, PersonInput("Huda Al-Qahtani", mobile="0551234567", notes="from B"))
    a.sync()
    report = b.sync()
    assert report.conflicts == 1  # B's later edit won; A's value is the loser
    a.sync()
    for lap in (a, b):
        assert lap.services.people.get(person.id).notes == "from B"
        with lap.store.reader() as r:
            conflicts = r.execute(select(Conflict.field, Conflict.lost_value, Conflict.kept_value)).all()
        assert [tuple(c) for c in conflicts] == [("notes", "from A", "from B")]
        assert lap.services.sync_state.status().conflicts == 1
    assert server.query("SELECT count(*) FROM sync_row WHERE table_name = 'conflict'")[0][0] == 1
    # A later edit on A, made after it saw B's value, simply wins: no new conflict.
    a.services.people.update(person.id, PersonInput("Huda Al-Qahtani", mobile="0551234567", notes="agreed"))
    assert a.sync().conflicts == 0
    b.sync()
    assert b.services.people.get(person.id).notes == "agreed"
    assert b.count(Conflict) == 1


def test_a_poison_op_is_set_aside_and_never_blocks_the_queue(server, laptops):
    a = laptops("a", server)
    a.services.people.create(PersonInput("Before the poison", mobile="0500000001"))
    with a.store.engine.begin() as conn:
        conn.execute(
            Outbox.__table__.insert(),
            {
                "op_id": str(uuid.uuid4()),
                "table_name": "no_such_table",
                "row_id": str(uuid.uuid4()),
                "kind": "insert",
                "hlc": a.store.clock.now(),
                "payload": {},
                "created_at": dt.datetime.now(dt.UTC),
                "status": "pending",
                "detail": "",
            },
        )
    a.services.people.create(PersonInput("After the poison", mobile="0500000002"))
    report = a.sync()
    assert report.rejected == 1 and a.pending() == 0
    assert a.count(Outbox, Outbox.status == "set_aside") == 1
    with a.store.reader() as r:
        assert "table.unknown" in r.scalar(select(Outbox.detail).where(Outbox.status == "set_aside"))
    assert a.services.sync_state.status().set_aside_ops == 1
    names = {
        json.loads(d)["full_name"]
        for (d,) in server.query("SELECT data FROM sync_row WHERE table_name='person'")
    }
    assert {"Before the poison", "After the poison"} <= names


def test_a_revoked_or_unknown_laptop_keeps_all_its_data_and_outbox(server, laptops, capsys):
    a = laptops("a", server)
    a.services.people.create(PersonInput("Pending one", mobile="0500000003"))
    pending = a.pending()
    assert cli.main(["server-admin", "--db", server.db_url, "revoke", a.store.device_id]) == 0
    with pytest.raises(SyncRevoked):
        a.sync()
    assert a.pending() == pending and a.count(Person) == 1
    assert "removed from the organisation" in a.services.sync_state.status().last_error

    b = laptops("b", server)
    b.services.people.create(PersonInput("Another", mobile="0500000004"))
    with b.store.engine.begin() as conn:
        conn.execute(update(SyncState).values(token="not-a-token"))
    pending = b.pending()
    with pytest.raises(ServerRefusal) as caught:
        b.sync()
    assert caught.value.code == "auth.unknown_token" and caught.value.status == 401
    assert b.pending() == pending and b.count(Outbox, Outbox.status == "set_aside") == 0


def test_offline_is_a_plain_message_and_nothing_moves(server, laptops, capsys):
    a = laptops("a", server)
    a.services.people.create(PersonInput("Offline person", mobile="0500000005"))
    pending = a.pending()
    server.stop()
    a.close()
    assert a.cli("sync") == 2
    err = capsys.readouterr().err
    assert "Cannot reach the server" in err and "Traceback" not in err
    a.store = Store.open(a.data.database, a.data.backups)
    a.services = Services(a.store, ADMIN)
    assert a.pending() == pending
    assert "Cannot reach the server" in a.services.sync_state.status().last_error
    server.start()
    assert a.sync().pushed == pending and a.services.sync_state.status().last_error == ""


def test_a_server_restored_from_a_backup_gets_everything_again(server, laptops, tmp_path):
    a, b = laptops("a", server), laptops("b", server)
    a.services.people.create(PersonInput("Early", mobile="0500000006"))
    a.sync()
    backup = tmp_path / "server-backup.db"
    assert cli.main(["server-admin", "--db", server.db_url, "backup", str(backup)]) == 0
    late = b.services.people.create(PersonInput("Late, lost by the restore", mobile="0500000007"))
    b.sync()
    a.sync()
    server.stop()
    for suffix in ("", "-wal", "-shm"):
        (server.path.parent / f"server.db{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, server.path)
    assert cli.main(["server-admin", "--db", server.db_url, "rotate-epoch"]) == 0
    server.start()
    report = b.sync()
    assert report.rebaselined == "server_restored" and report.resent >= 2 and report.verified is True
    assert a.sync().rebaselined == "server_restored"
    ids = {r[0] for r in server.query("SELECT row_id FROM sync_row WHERE table_name='person'")}
    assert late.id in ids and len(ids) == 2
    c = laptops("c", server)
    assert c.sync().verified is True and c.count(Person) == 2


def test_central_accounts_sign_in_offline_and_a_disabled_one_is_refused_after_sync(server, laptops):
    a = laptops("a", server)
    engine = make_engine(server.db_url)
    try:
        admin.add_user(engine, "RUH", "mona", "Mona Al-Harbi", "coordinator", "s3cret-pass")
        a.sync()
        user = a.services.as_user(None).users.sign_in("mona", "s3cret-pass")
        assert user.role == "coordinator"
        admin.disable_user(engine, "RUH", "mona")
    finally:
        engine.dispose()
    a.sync()
    with pytest.raises(ValidationError):
        a.services.as_user(None).users.sign_in("mona", "s3cret-pass")


def test_a_retried_batch_gets_the_same_answers_and_writes_nothing_twice(server, laptops):
    a = laptops("a", server)
    a.services.people.create(PersonInput("Retried", mobile="0500000008"))
    batch = a.services.sync.next_batch(100)
    ops = [
        {
            "op_id": o.op_id,
            "table": o.table_name,
            "row_id": o.row_id,
            "kind": o.kind,
            "hlc": o.hlc,
            "payload": o.payload,
        }
        for o in batch
    ]
    token = a.services.sync.link().token
    with SyncClient(server.base, token=token) as client:
        first = client.push(ops)["results"]
        again = client.push(ops)["results"]
    assert first == again and {r["status"] for r in first} == {"applied"}
    assert server.query("SELECT count(*) FROM sync_row WHERE table_name='person'")[0][0] == 1
    assert server.query("SELECT count(*) FROM applied_op")[0][0] == len(ops)


def test_an_edit_stamped_far_in_the_future_does_not_beat_later_edits(server, laptops):
    a, b = laptops("a", server), laptops("b", server)
    person = a.services.people.create(PersonInput("Clock test", mobile="0599999999"))
    a.sync()
    b.sync()
    a.store.clock._wall_ms = lambda: 10**13  # a laptop clock set decades ahead
    a.services.people.update(
        person.id, PersonInput("Clock test", mobile="0599999999", notes="from the future")
    )
    a.sync()
    stored = server.query("SELECT updated_hlc FROM sync_row WHERE row_id = :i", i=person.id)[0][0]
    assert Timestamp.parse(stored).physical_ms < 10**13  # brought back to the server's clock
    b.sync()
    b.services.people.update(
        person.id, PersonInput("Clock test", mobile="0599999999", notes="a later, honest edit")
    )
    b.sync()
    assert json.loads(server.query("SELECT data FROM sync_row WHERE row_id = :i", i=person.id)[0][0])[
        "notes"
    ] == ("a later, honest edit")


def test_not_enrolled_and_offline_enrolment_are_plain(laptops, tmp_path):
    a = laptops("a")
    with pytest.raises(Exception) as caught:
        a.sync()
    assert "not enrolled" in str(caught.value.message("en"))
    with (
        SyncClient(f"http://127.0.0.1:{free_port()}", token="x", retry_delays=()) as client,
        pytest.raises(SyncOffline),
    ):
        client.verify()


def test_in_on_one_laptop_out_on_another_is_one_stay_and_an_overdraw_is_flagged(server, laptops):
    from fieldapp.services.gifts.common import GiftTypeInput, HandoverInput

    a, b = laptops("a", server), laptops("b", server)
    event = _event(a.services)
    person = a.services.people.create(PersonInput("Stay test", mobile="0561112222"))
    gift = a.services.gifts.create_type(GiftTypeInput("Water pack"))
    a.services.gifts.receive(gift.id, 3, "delivery")
    a.sync()
    b.sync()
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    a.services.attendance.scan(event, person.id, method="manual", direction="in", at=start)
    a.sync()
    b.sync()  # B learns the volunteer is in, so its desk accepts the check-out
    out = b.services.attendance.scan(
        event, person.id, method="manual", direction="out", at=start + dt.timedelta(hours=3)
    )
    assert out.changed, out
    # offline, each laptop hands out two of the three packs: fine on each, overdrawn together
    a.services.gifts.hand_over(HandoverInput(gift.id, 2, recipient_person_id=person.id, event_id=event))
    b.services.gifts.hand_over(HandoverInput(gift.id, 2, recipient_person_id=person.id, event_id=event))
    a.sync()
    report = b.sync()
    assert any("Water pack" in flag and "-1" in flag for flag in report.flags)
    a.sync()
    for lap in (a, b):
        rows = lap.services.attendance.event_attendance(event, at=start + dt.timedelta(hours=4)).rows
        assert len(rows) == 1 and rows[0].hours == pytest.approx(3.0)
        assert lap.services.gifts.get_type(gift.id).stock == -1


def test_certificates_verify_on_every_laptop_and_a_double_issue_is_flagged(server, laptops):
    a, b = laptops("a", server), laptops("b", server)
    event = _event(a.services)
    person = a.services.people.create(PersonInput("Certified", mobile="0563334444"))
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=50)
    a.services.attendance.scan(event, person.id, method="manual", direction="in", at=start)
    a.services.attendance.scan(
        event, person.id, method="manual", direction="out", at=start + dt.timedelta(minutes=40)
    )
    a.sync()
    b.sync()
    # offline, both laptops issue this person's certificate for the event
    from_a = a.services.certificates.issue(event, [person.id])[0]
    from_b = b.services.certificates.issue(event, [person.id])[0]
    assert from_a.serial != from_b.serial
    a.sync()
    report = b.sync()
    assert any(from_a.serial in flag and from_b.serial in flag for flag in report.flags)
    a.sync()
    with a.store.reader() as r:
        payload_b = r.scalar(text("SELECT payload FROM certificate WHERE serial = :s"), {"s": from_b.serial})
    # A verifies B's certificate offline: it received B's signing key
    assert a.services.certificates.verify(payload_b).status == "genuine"


def test_a_laptop_restored_from_its_own_backup_re_baselines_instead_of_forking(server, laptops, tmp_path):
    a = laptops("a", server)
    a.services.people.create(PersonInput("Kept in the backup", mobile="0565556666"))
    a.sync()
    backup = tmp_path / "a-backup.db"
    a.close()
    assert a.cli("backup", str(backup)) == 0
    a.store = Store.open(a.data.database, a.data.backups)
    a.services = Services(a.store, ADMIN)
    lost = a.services.people.create(PersonInput("Made after the backup", mobile="0567778888"))
    a.sync()
    a.sync()  # the backup is older than this laptop's last round
    a.close()
    assert a.cli("restore", str(backup), "--yes") == 0
    a.store = Store.open(a.data.database, a.data.backups)
    a.services = Services(a.store, ADMIN)
    report = a.sync()
    assert report.rebaselined == "laptop_restored" and report.verified is True
    assert a.services.people.get(lost.id).full_name == "Made after the backup"
    # new stamps of this laptop are later than anything the server holds from it
    newest = server.query("SELECT max(updated_hlc) FROM sync_row")[0][0]
    assert a.store.clock.now() > newest


def test_a_page_written_in_slices_moves_the_cursor_only_with_its_last_slice(server, laptops):
    a, b = laptops("a", server), laptops("b", server)
    for i in range(12):
        a.services.people.create(PersonInput(f"Volunteer {i}", mobile=f"0501234{i:03d}"))
    assert a.sync().verified is True
    b.services.sync.apply_rows = 5  # the desktop app writes a page in slices (gui.sync.controller)
    seen: list[tuple[int, int]] = []

    def stopped_after_the_first_slice(step):
        result = step()
        with b.store.reader() as r:
            people, cursor = (
                r.scalar(select(func.count()).select_from(Person)),
                r.get(SyncState, 1).pull_cursor,
            )
        seen.append((people, cursor))
        if 0 < people < 12:
            raise RuntimeError("the laptop was switched off between two slices of a page")
        return result

    with pytest.raises(RuntimeError):
        b.services.sync.run(write=stopped_after_the_first_slice)
    people, cursor = seen[-1]
    assert 0 < people < 12 and cursor == 0  # a slice landed; the cursor waits for the rest of the page
    report = b.sync()  # the page again from the old cursor: the slice already written changes nothing
    assert report.verified is True and b.count(Person) == 12
    with b.store.reader() as r:
        assert r.get(SyncState, 1).pull_cursor == server.query("SELECT version FROM org_sync")[0][0]
