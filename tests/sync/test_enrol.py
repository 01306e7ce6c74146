"""Enrolment of a laptop against a REAL `fieldapp server` process on 127.0.0.1 (SQLite server DB):
the CLI, the service, the client's error mapping (offline, code used, unknown, revoked), the QR
text, a short-code clash, and the admin-only rule."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from types import SimpleNamespace

import pytest
from sqlalchemy import select, text

from fieldapp import cli
from fieldapp.config import DataDir
from fieldapp.core.errors import PermissionDenied
from fieldapp.core.permissions import Actor
from fieldapp.server import admin
from fieldapp.server.db import make_engine
from fieldapp.services import Services
from fieldapp.services.people import PersonInput
from fieldapp.store.db import Store
from fieldapp.store.models import Device, SyncState
from fieldapp.sync.client import SyncClient, SyncRevoked
from tests.cli_user import add_cli_user, signed_in
from tests.server.test_server_process import free_port, wait_healthy

COLUMNS = SyncState.__table__.columns


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(base URL, server DB URL) of one server process for the whole module, with org RUH."""
    folder = tmp_path_factory.mktemp("server")
    db_url = f"sqlite:///{folder / 'server.db'}"
    port = free_port()
    env = {**os.environ, "FIELDAPP_LANG": "en"}
    env.pop("FIELDAPP_SERVER_DB", None)
    log = (folder / "server.log").open("w")  # a file, not a pipe nobody reads: a full pipe hangs the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "fieldapp", "server", "--db", db_url, "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        assert (
            cli.main(["server-admin", "--db", db_url, "create-org", "--name", "Riyadh", "--code", "RUH"]) == 0
        )
        yield base, db_url
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()


def new_code(db_url: str, base: str) -> str:
    engine = make_engine(db_url)
    try:
        return admin.make_enroll_code(engine, "RUH", 1, base)["code"]
    finally:
        engine.dispose()


def laptop(tmp_path, name: str, people: int = 2) -> DataDir:
    """A laptop data directory holding a couple of people (so it has pending outbox ops)."""
    data = DataDir(tmp_path / name)
    data.root.mkdir()
    store = Store.open(data.database, data.backups)
    try:
        services = Services(store, Actor("sara", "admin"))
        for i in range(people):
            services.people.create(PersonInput(f"Person {i} of {name}", mobile=f"05012345{i:02d}"))
    finally:
        store.close()
    add_cli_user(data.root)  # enrol and sync act as a signed-in administrator
    return data


def state_of(data: DataDir) -> SimpleNamespace | None:
    store = Store.open(data.database, data.backups)
    try:
        with store.reader() as r:
            row = r.get(SyncState, 1)
            return None if row is None else SimpleNamespace(**{c.key: getattr(row, c.key) for c in COLUMNS})
    finally:
        store.close()


def run(data: DataDir, *argv: str) -> int:
    with signed_in():
        return cli.main(["--data-dir", str(data.root), *argv])


def test_a_laptop_with_data_enrols_and_the_code_is_single_use(server, tmp_path, capsys):
    base, db_url = server
    code = new_code(db_url, base)
    a = laptop(tmp_path, "a")
    assert run(a, "enroll", base, code, "--name", "Desk A") == 0
    out = capsys.readouterr().out
    assert "enrolled in Riyadh (RUH)" in out and "local changes will go up" in out
    state = state_of(a)
    assert state.org_code == "RUH" and state.server_url == base and state.token and state.pull_cursor == 0
    assert state.enrolled_by == "CLI admin"  # the signed-in administrator's name

    assert run(a, "sync-status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["enrolled"] and status["organisation"] == {"code": "RUH", "name": "Riyadh"}
    assert status["pending_ops"] > 2 and status["set_aside_ops"] == 0 and "token" not in status

    assert run(a, "enroll", base, new_code(db_url, base)) == 2  # already enrolled
    assert "already enrolled in Riyadh" in capsys.readouterr().err

    b = laptop(tmp_path, "b")
    assert run(b, "enroll", base, code) == 2
    err = capsys.readouterr().err
    assert "already used" in err and "Traceback" not in err
    assert state_of(b) is None


def test_an_unknown_code_is_refused(server, tmp_path, capsys):
    base, _ = server
    c = laptop(tmp_path, "c", people=0)
    assert run(c, "enroll", base, "ACDE-FGHJ-KM") == 2
    assert "The enrolment code is not valid" in capsys.readouterr().err
    assert state_of(c) is None


def test_an_unreachable_server_is_offline_and_nothing_is_saved(tmp_path, capsys):
    d = laptop(tmp_path, "d", people=1)
    url = f"http://127.0.0.1:{free_port()}"
    assert run(d, "enroll", url, "ACDE-FGHJ-KM") == 2
    err = capsys.readouterr().err
    assert f"Cannot reach the server {url}" in err and "nothing is lost" in err and "Traceback" not in err
    assert state_of(d) is None
    assert run(d, "sync-status") == 0
    assert "not enrolled" in capsys.readouterr().out


def test_a_coordinator_may_not_enrol(server, tmp_path):
    base, db_url = server
    e = laptop(tmp_path, "e", people=0)
    store = Store.open(e.database, e.backups)
    try:
        with pytest.raises(PermissionDenied):
            Services(store, Actor("nour", "coordinator")).sync_state.enrol(base, new_code(db_url, base))
        assert Services(store, Actor("nour", "coordinator")).sync_state.status().enrolled is False
    finally:
        store.close()


def test_the_qr_text_alone_enrols(server, tmp_path, capsys):
    base, db_url = server
    qr = f"FIELDAPP1 {base} {new_code(db_url, base).replace('-', '')}"
    f = laptop(tmp_path, "f", people=0)
    assert run(f, "enroll", qr, "--json") == 0  # quoted: one positional
    assert json.loads(capsys.readouterr().out)["organisation"]["code"] == "RUH"
    g = laptop(tmp_path, "g", people=0)
    qr = f"fieldapp1 {base} {new_code(db_url, base).lower()}"
    assert run(g, "enroll", *qr.split()) == 0  # pasted unquoted: three positionals
    assert state_of(g).server_url == base


def test_a_short_code_clash_enrols_with_a_new_code_and_says_so(server, tmp_path, capsys):
    base, db_url = server
    h = laptop(tmp_path, "h", people=0)
    assert run(h, "enroll", base, new_code(db_url, base)) == 0
    taken = state_of(h).device_short_code
    i = laptop(tmp_path, "i", people=1)
    store = Store.open(i.database, i.backups)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE device SET short_code = :c"), {"c": taken})
    store.close()
    capsys.readouterr()
    assert run(i, "enroll", base, new_code(db_url, base)) == 0
    out = capsys.readouterr().out
    new = state_of(i).device_short_code
    assert new != taken and f"The short code {taken} is used by another laptop" in out and new in out
    store = Store.open(i.database, i.backups)
    try:
        assert store.device_code == new
        with store.reader() as r:
            assert r.scalar(select(Device.short_code)) == new
    finally:
        store.close()


def test_a_revoked_laptop_is_told_so_by_whoami(server, tmp_path, capsys):
    base, db_url = server
    j = laptop(tmp_path, "j", people=0)
    assert run(j, "enroll", base, new_code(db_url, base)) == 0
    token = state_of(j).token
    store = Store.open(j.database, j.backups)
    device_id = store.device_id
    store.close()
    with SyncClient(base) as client:
        assert client.whoami(token)["organisation"]["code"] == "RUH"
        assert cli.main(["server-admin", "--db", db_url, "revoke", device_id]) == 0
        with pytest.raises(SyncRevoked) as caught:
            client.whoami(token)
    assert caught.value.key == "sync.revoked" and "removed from the organisation" in str(caught.value)
    assert "أُزيل" in caught.value.message("ar")
