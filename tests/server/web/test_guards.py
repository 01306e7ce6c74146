"""Guards of the browser pages that need no browser (in-process app on a real SQLite server file):
the Secure cookie over TLS, the access log without certificate codes, an oversized upload refused
before it is read, redirects that stay on this server, a session ended by disabling the account."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import re
import secrets

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from fieldapp.certificates import signing
from fieldapp.server import admin, migrate
from fieldapp.server.app import create_app
from fieldapp.server.db import make_engine
from fieldapp.server.web import verify
from fieldapp.sync.ids import uuid7
from tests.server.conftest import PG_ADMIN_URL, _pg_admin_engine
from tests.server.test_security import auth, hlc, insert_op, person_payload


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server_url(request, tmp_path_factory):
    """A server database on SQLite and on the machine's PostgreSQL (tests/server/conftest.py)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('guards') / 'server.db'}"
        return
    from sqlalchemy import text

    pg = _pg_admin_engine()
    name = f"fieldapp_test_{secrets.token_hex(6)}"
    with pg.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with pg.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        pg.dispose()


@pytest.fixture(scope="module")
def https_client(server_url):
    engine = make_engine(server_url)
    migrate.upgrade(engine)
    admin.ensure_server_state(engine)
    admin.create_org(engine, "Riyadh", "RUH")
    admin.add_user(engine, "RUH", "boss", "Boss", "admin", "boss-pass-1")
    admin.add_user(engine, "RUH", "second", "Second", "admin", "second-pass-1")
    engine.dispose()
    app = create_app(server_url)
    with TestClient(app, base_url="https://testserver") as client:
        client.engine = app.state.engine
        yield client


def _sign_in(client: TestClient, username: str, password: str):
    page = client.get("/admin/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    form = {"org": "RUH", "username": username, "password": password, "csrf": token}
    return client.post("/admin/login", data=form, follow_redirects=False)


def test_over_tls_the_session_cookie_is_secure_httponly_and_strict(https_client):
    answer = _sign_in(https_client, "boss", "boss-pass-1")
    assert answer.status_code == 303
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith("fieldapp_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = https_client.get("/admin/health")
    assert page.status_code == 200
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_disabling_an_account_ends_its_browser_sessions(https_client):
    _sign_in(https_client, "second", "second-pass-1")
    assert https_client.get("/admin/users", follow_redirects=False).status_code == 200
    admin.disable_user(https_client.engine, "RUH", "second")  # as `server-admin users disable` does
    assert https_client.get("/admin/users", follow_redirects=False).status_code == 303


def test_the_access_log_never_holds_a_certificate_code(https_client):
    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger = logging.getLogger("fieldapp.server.access")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        https_client.get("/V/FA1.SECRETBODY.SECRETSIG")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert lines and not any("SECRETBODY" in line for line in lines)
    assert any('"/V/..."' in line for line in lines)


def test_an_oversized_upload_is_refused_before_it_is_read(https_client):
    answer = https_client.post(
        "/verify",
        content=b"x" * 100,
        headers={"content-type": "multipart/form-data; boundary=b", "content-length": str(50 * 1024 * 1024)},
    )
    assert answer.status_code == 413


@pytest.mark.parametrize(
    "target", ["//evil.example/", "/\\evil.example", "https://evil.example", "/\t/evil.example"]
)
def test_redirects_stay_on_this_server(https_client, target):
    answer = https_client.get("/lang/en", params={"next": target}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/verify"
    page = https_client.get("/admin/login", params={"next": target})
    assert 'name="next" value="/admin/health"' in page.text


def _key() -> tuple[Ed25519PrivateKey, str, str]:
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return private, base64.b64encode(raw).decode("ascii"), signing.key_id(raw)


def _enrol(client: TestClient, org: str, short_code: str) -> tuple[str, str, Ed25519PrivateKey]:
    private, public_b64, kid = _key()
    code = admin.make_enroll_code(client.engine, org, 1, "https://testserver")["code"]
    body = {
        "code": code,
        "device_id": uuid7(),
        "device_name": f"desk {short_code}",
        "short_code": short_code,
        "public_key": public_b64,
        "key_id": kid,
        "app_version": "0.1.0",
    }
    answer = client.post("/v1/enroll", json=body)
    assert answer.status_code == 200, answer.text
    return body["device_id"], answer.json()["token"], private


def _push_key(client: TestClient, token: str, pusher: str, public_b64: str, kid: str) -> None:
    stamp = hlc(pusher)
    row = {
        "id": uuid7(),
        "device_id": pusher,
        "created_hlc": stamp,
        "updated_hlc": stamp,
        "server_version": None,
        "key_id": kid,
        "public_key": public_b64,
        "owner_device_id": pusher,
        "label": "",
        "deleted": False,
    }
    pushed = client.post("/v1/push", json={"ops": [insert_op("signing_key", row)]}, headers=auth(token))
    assert pushed.json()["results"][0]["status"] == "applied", pushed.text


def _signed(private: Ed25519PrivateKey) -> str:
    return signing.sign_payload(private, signing.make_payload("RUH-1", "ABCDEFGH", 2, dt.date.today(), "x"))


def test_a_key_copied_into_another_organisation_never_names_the_wrong_issuer(https_client):
    client, engine = https_client, https_client.engine
    admin.create_org(engine, "Jeddah", "JED")
    ruh_device, ruh_token, ruh_key = _enrol(client, "RUH", "R1")
    jed_device, jed_token, _ = _enrol(client, "JED", "J1")
    copied = ruh_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    # JED's laptop syncs RUH's (public) enrolled key as its own: the enrolment stays authoritative.
    _push_key(client, jed_token, jed_device, base64.b64encode(copied).decode("ascii"), signing.key_id(copied))
    verdict = verify.verify_text(engine, _signed(ruh_key))
    assert (verdict.status, verdict.org_name) == ("genuine", "Riyadh")

    # RUH's laptop lost its key file and made a new one, synced as a signing_key row: it verifies...
    new_key, new_b64, new_kid = _key()
    _push_key(client, ruh_token, ruh_device, new_b64, new_kid)
    verdict = verify.verify_text(engine, _signed(new_key))
    assert (verdict.status, verdict.org_name) == ("genuine", "Riyadh")
    # ...until another organisation claims the same public key: then it names no issuer at all.
    _push_key(client, jed_token, jed_device, new_b64, new_kid)
    assert verify.verify_text(engine, _signed(new_key)).status == "unknown_key"


def _row(device_id: str, **values) -> dict:
    stamp = hlc(device_id)
    system = {"id": uuid7(), "device_id": device_id, "created_hlc": stamp, "updated_hlc": stamp}
    return {**system, "server_version": None, "deleted": False, **values}


def test_an_events_attendance_comes_from_every_laptops_synced_scans(https_client):
    client = https_client
    device, token, _ = _enrol(client, "RUH", "R9")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    event = _row(
        device,
        field_hlc={},
        parent_id=None,
        title="يوم التشجير",
        body_id=None,
        place="حديقة الملز",
        starts_at=(now - dt.timedelta(hours=3)).isoformat(),
        ends_at=(now + dt.timedelta(hours=1)).isoformat(),
        planned_hours=None,
        capacity=None,
        allow_reentry=True,
        min_scan_interval_min=2,
        rounding_min=15,
        min_certificate_hours=0.0,
        notes="",
    )
    person = person_payload(uuid7(), device, "مُحَمَّد عَلِيّ", None)

    def scan(direction: str, minutes_ago: int) -> dict:
        at = (now - dt.timedelta(minutes=minutes_ago)).isoformat()
        return _row(
            device,
            person_id=person["id"],
            event_id=event["id"],
            direction=direction,
            at=at,
            method="scanner",
            user_name="desk",
            note="",
        )

    mistaken = scan("in", 170)  # voided on the laptop: it must not count
    void = _row(
        device,
        target_table="scan",
        target_id=mistaken["id"],
        reason="wrong person",
        at=now.isoformat(),
        user_name="desk",
    )
    ops = [
        insert_op("event", event),
        insert_op("person", person),
        insert_op("scan", mistaken),
        insert_op("void", void),
        insert_op("scan", scan("in", 70)),
        insert_op("scan", scan("out", 10)),
    ]
    pushed = client.post("/v1/push", json={"ops": ops}, headers=auth(token))
    assert [r["status"] for r in pushed.json()["results"]] == ["applied"] * 6, pushed.text

    _sign_in(client, "boss", "boss-pass-1")
    listing = client.get("/admin/events")
    assert "يوم التشجير" in listing.text and "<td>1.00</td>" in listing.text
    page = client.get(f"/admin/events/{event['id']}")
    assert "مُحَمَّد عَلِيّ" in page.text and "<td>1.00</td>" in page.text
    sheet = client.get(f"/admin/events/{event['id']}/xlsx")
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
