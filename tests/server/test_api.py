"""The HTTP API through FastAPI's TestClient, on SQLite and PostgreSQL: health, meta, enrolment,
authentication and the organisation boundary."""

from __future__ import annotations

import datetime as dt
import json
import logging

from sqlalchemy import update

from fieldapp import __version__
from fieldapp.server import admin
from fieldapp.server.db import write_session
from fieldapp.server.models import EnrollmentCode
from tests.server.conftest import enroll_body, new_code


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_health_meta_and_openapi(client):
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "db": "ok", "version": __version__}
    meta = client.get("/v1/meta").json()
    server_time = dt.datetime.fromisoformat(meta["server_time"].replace("Z", "+00:00"))
    assert abs(server_time - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
    assert len(meta["server_epoch"]) == 32
    assert meta["client_schema"] == {"min": 1, "max": 1}
    assert meta["limits"] == {"max_push_ops": 500, "pull_page_rows": 2000}
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"EnrollIn", "EnrollOut", "WhoamiOut", "MetaOut", "ErrorOut"} <= set(schemas)


def test_health_is_503_when_the_database_is_unreachable():
    from fastapi.testclient import TestClient

    from fieldapp.server.app import create_app

    app = create_app("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    response = TestClient(app).get("/health")  # no lifespan: the app starts without its database
    assert response.status_code == 503
    assert response.json()["db"] == "unreachable"


def test_enrol_then_whoami(client, migrated_db):
    body = enroll_body(new_code(migrated_db).lower())  # case and dashes do not matter
    response = client.post("/v1/enroll", json=body)
    assert response.status_code == 200, response.text
    out = response.json()
    assert out["organisation"]["code"] == "RUH" and out["device"] == {
        "id": body["device_id"],
        "short_code": "AB12",
    }
    assert len(out["token"]) >= 40
    me = client.get("/v1/whoami", headers=auth(out["token"]))
    assert me.status_code == 200
    assert me.json()["organisation"]["code"] == "RUH" and me.json()["device"]["name"] == "Desk laptop 1"
    assert me.json()["server_epoch"] == out["server_epoch"] == client.get("/v1/meta").json()["server_epoch"]


def test_a_code_is_single_use(client, migrated_db):
    code = new_code(migrated_db)
    assert client.post("/v1/enroll", json=enroll_body(code, "AA11")).status_code == 200
    second = client.post("/v1/enroll", json=enroll_body(code, "BB22"))
    assert second.status_code == 410
    assert second.json()["error"] == "enroll.code_used"
    assert second.json()["message_ar"] and second.json()["message_en"]


def test_unknown_and_expired_codes(client, migrated_db):
    unknown = client.post("/v1/enroll", json=enroll_body("ACDE-FGHJ-KM"))
    assert (unknown.status_code, unknown.json()["error"]) == (400, "enroll.code_invalid")
    expired = client.post("/v1/enroll", json=enroll_body(new_code(migrated_db, hours=0)))
    assert (expired.status_code, expired.json()["error"]) == (410, "enroll.code_expired")
    code = new_code(migrated_db)
    with write_session(client.engine) as s:
        s.execute(update(EnrollmentCode).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)))
    assert client.post("/v1/enroll", json=enroll_body(code)).json()["error"] == "enroll.code_expired"


def test_a_short_code_clash_is_refused_and_leaves_the_code_unused(client, migrated_db):
    assert client.post("/v1/enroll", json=enroll_body(new_code(migrated_db), "K7K7")).status_code == 200
    code = new_code(migrated_db)
    clash = client.post("/v1/enroll", json=enroll_body(code, "K7K7"))
    assert (clash.status_code, clash.json()["error"]) == (409, "enroll.short_code_taken")
    assert client.post("/v1/enroll", json=enroll_body(code, "K8K8")).status_code == 200  # code still usable
    other_org = client.post("/v1/enroll", json=enroll_body(new_code(migrated_db, "JED"), "K7K7"))
    assert other_org.status_code == 200  # short codes are unique within an organisation only


def test_invalid_bodies_are_422_with_a_key(client, migrated_db):
    body = enroll_body(new_code(migrated_db))
    bad = client.post("/v1/enroll", json={**body, "short_code": "a b"})
    assert bad.status_code == 422 and bad.json()["error"] == "request.invalid"
    wrong_key = client.post("/v1/enroll", json={**body, "key_id": "00000000"})
    assert (wrong_key.status_code, wrong_key.json()["error"]) == (400, "enroll.bad_key")


def test_reenrolment_replaces_the_token_but_a_revoked_device_stays_revoked(client, migrated_db):
    body = enroll_body(new_code(migrated_db))
    first = client.post("/v1/enroll", json=body).json()["token"]
    second = client.post("/v1/enroll", json={**body, "code": new_code(migrated_db)}).json()["token"]
    assert first != second
    assert client.get("/v1/whoami", headers=auth(first)).json()["error"] == "auth.unknown_token"
    assert client.get("/v1/whoami", headers=auth(second)).status_code == 200
    admin.revoke_device(client.engine, body["device_id"])
    revoked = client.get("/v1/whoami", headers=auth(second))
    assert (revoked.status_code, revoked.json()["error"]) == (401, "auth.revoked")
    again = client.post("/v1/enroll", json={**body, "code": new_code(migrated_db)})
    assert (again.status_code, again.json()["error"]) == (403, "device.revoked")
    moved = client.post("/v1/enroll", json={**body, "code": new_code(migrated_db, "JED")})
    assert (moved.status_code, moved.json()["error"]) == (409, "enroll.device_other_org")


def test_token_problems_are_always_401(client):
    assert client.get("/v1/whoami").json()["error"] == "auth.missing_token"
    for headers in ({"Authorization": "Bearer nope"}, {"Authorization": "Basic abc"}, auth("x" * 43)):
        response = client.get("/v1/whoami", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_device_sees_only_its_organisation(client, migrated_db):
    ruh = client.post("/v1/enroll", json=enroll_body(new_code(migrated_db, "RUH"), "R1")).json()
    jed = client.post("/v1/enroll", json=enroll_body(new_code(migrated_db, "JED"), "J1")).json()
    assert client.get("/v1/whoami", headers=auth(ruh["token"])).json()["organisation"]["code"] == "RUH"
    assert client.get("/v1/whoami", headers=auth(jed["token"])).json()["organisation"]["code"] == "JED"


def test_request_id_and_one_json_log_line_without_secrets(client, migrated_db, caplog):
    code = new_code(migrated_db)
    with caplog.at_level(logging.INFO, logger="fieldapp.server.access"):
        token = client.post("/v1/enroll", json=enroll_body(code), headers={"X-Request-ID": "abc-123"})
        assert token.headers["x-request-id"] == "abc-123"
        token = token.json()["token"]
        me = client.get("/v1/whoami", headers=auth(token))
    assert len(me.headers["x-request-id"]) == 32
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "fieldapp.server.access"]
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("POST", "/v1/enroll", 200),
        ("GET", "/v1/whoami", 200),
    ]
    assert lines[0]["request_id"] == "abc-123" and lines[1]["org"] == "RUH"
    assert all(isinstance(line["duration_ms"], float) for line in lines)
    text = caplog.text
    assert token not in text and code.replace("-", "") not in text and "Desk laptop" not in text
