"""The organisation boundary and the token, endpoint by endpoint, on SQLite and PostgreSQL.

Two organisations, A (RUH) and B (JED), a laptop enrolled in each; A pushes a person and a scan.
B's token then tries every authenticated endpoint with A's ids: it must read nothing of A and
write nothing into A. Revoked, unknown and missing tokens get 401 everywhere and write nothing.
The endpoints come from app.routes, so a new /v1 endpoint without a case here fails the test.
Enrolment codes: single use, expiry, and one winner when several requests race with one code.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import select, update

from fieldapp.server import admin
from fieldapp.server import app as server_app
from fieldapp.server.db import read_session, write_session
from fieldapp.server.models import (
    AppliedOp,
    CentralUser,
    Device,
    EnrollmentCode,
    Organisation,
    OrgSync,
    SyncRow,
)
from fieldapp.sync.digest import BUCKETS, bucket_of
from fieldapp.sync.ids import uuid7
from tests.server.conftest import enroll_body, new_code

# /v1 routes any caller may use: no token, nothing of an organisation to read.
PUBLIC_ROUTES = {("GET", "/v1/meta"), ("POST", "/v1/enroll")}

A_MARKERS = ("عبدالله سري", "Secret Walk-in A", "a_only_user", "Secret User A")  # data only A holds
SHARED_NATIONAL_ID = "1098765432"  # A's person's; B later registers its own person with it


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def hlc(device_id: str, offset_ms: int = 0) -> str:
    return f"{time.time_ns() // 1_000_000 + offset_ms:013d}.00000.{device_id}"


def person_payload(row_id: str, device_id: str, name: str, national_id: str | None) -> dict[str, Any]:
    stamp = hlc(device_id)
    return {
        "id": row_id,
        "device_id": device_id,
        "created_hlc": stamp,
        "updated_hlc": stamp,
        "server_version": None,
        "field_hlc": {},
        "full_name": name,
        "latin_name": None,
        "national_id": national_id,
        "mobile": None,
        "gender": "m",
        "birth_date": None,
        "guardian_consent": False,
        "badge_code": None,
        "notes": "",
        "name_key": name,
        "deleted": False,
    }


def scan_payload(row_id: str, device_id: str, person_id: str, note: str) -> dict[str, Any]:
    stamp = hlc(device_id)
    return {
        "id": row_id,
        "device_id": device_id,
        "created_hlc": stamp,
        "updated_hlc": stamp,
        "server_version": None,
        "person_id": person_id,
        "event_id": str(uuid.uuid4()),
        "direction": "in",
        "at": dt.datetime.now(dt.UTC).isoformat(),
        "method": "scanner",
        "user_name": "desk",
        "note": note,
        "deleted": False,
    }


def insert_op(table: str, payload: dict[str, Any], op_id: str | None = None) -> dict[str, Any]:
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "table": table,
        "row_id": payload["id"],
        "kind": "insert",
        "hlc": payload["created_hlc"],
        "payload": payload,
    }


def update_op(table: str, row_id: str, device_id: str, fields: dict, op_id: str | None = None) -> dict:
    stamp = hlc(device_id, offset_ms=5)
    return {
        "op_id": op_id or str(uuid.uuid4()),
        "table": table,
        "row_id": row_id,
        "kind": "update",
        "hlc": stamp,
        "payload": {"fields": fields, "field_hlc": dict.fromkeys(fields, stamp), "base_version": None},
    }


def _columns(row: Any) -> tuple:
    return tuple(getattr(row, c.key) for c in row.__table__.columns)


def snapshot(engine, org_id: str | None = None) -> dict[str, list[tuple]]:
    """Every row of the organisation's data (or of the whole server), to compare before and after."""
    out: dict[str, list[tuple]] = {}
    with read_session(engine) as s:
        for model in (SyncRow, AppliedOp, OrgSync, CentralUser, Device, EnrollmentCode, Organisation):
            query = select(model)
            if org_id is not None:
                query = query.where((model.id if model is Organisation else model.org_id) == org_id)
            out[model.__tablename__] = sorted((_columns(r) for r in s.scalars(query)), key=repr)
    return out


# --- the two organisations ---------------------------------------------------------------------


@dataclass
class Laptop:
    token: str
    device_id: str
    org_id: str


@dataclass
class World:
    a: Laptop
    b: Laptop
    a_person: str
    a_scan: str
    a_op_ids: list[str]
    a_row_hashes: list[str] = field(default_factory=list)
    a_usernames: list[str] = field(default_factory=list)


def enrol(client, db_url: str, org: str, short_code: str) -> Laptop:
    body = enroll_body(new_code(db_url, org), short_code)
    out = client.post("/v1/enroll", json=body)
    assert out.status_code == 200, out.text
    out = out.json()
    return Laptop(out["token"], body["device_id"], out["organisation"]["id"])


@pytest.fixture
def world(client, migrated_db) -> World:
    a = enrol(client, migrated_db, "RUH", "RA1")
    b = enrol(client, migrated_db, "JED", "JB1")
    admin.add_user(client.engine, "RUH", "a_only_user", "Secret User A", "admin", "password-a")
    admin.add_user(client.engine, "JED", "b.user", "User B", "coordinator", "password-b")
    person, scan = uuid7(), uuid7()
    ops = [
        insert_op("person", person_payload(person, a.device_id, "عبدالله سري", SHARED_NATIONAL_ID)),
        insert_op("scan", scan_payload(scan, a.device_id, person, "Secret Walk-in A")),
    ]
    pushed = client.post("/v1/push", json={"ops": ops}, headers=auth(a.token))
    assert [r["status"] for r in pushed.json()["results"]] == ["applied", "applied"], pushed.text
    with read_session(client.engine) as s:
        hashes = list(s.scalars(select(SyncRow.row_hash).where(SyncRow.org_id == a.org_id)))
    return World(a, b, person, scan, [o["op_id"] for o in ops], hashes, ["a_only_user"])


# --- one list of requests per authenticated route ----------------------------------------------

Request = tuple[str, str, dict[str, Any] | None]  # method, url, JSON body


def _reads(w: World) -> dict[tuple[str, str], list[Request]]:
    a_ids = [w.a_person, w.a_scan]
    buckets = sorted({("person", bucket_of(w.a_person)), ("scan", bucket_of(w.a_scan))})
    return {
        ("GET", "/v1/whoami"): [("GET", "/v1/whoami", None)],
        ("POST", "/v1/hello"): [("POST", "/v1/hello", {"app_version": "0.1.0", "client_schema": 1})],
        ("GET", "/v1/changes"): [("GET", "/v1/changes?since=0", None), ("GET", "/v1/changes", None)],
        ("POST", "/v1/rows"): [
            ("POST", "/v1/rows", {"table": table, "ids": a_ids}) for table in ("person", "scan", "conflict")
        ],
        ("GET", "/v1/verify"): [("GET", "/v1/verify", None)],
        ("GET", "/v1/verify/{table}/{bucket}"): [
            *(("GET", f"/v1/verify/{t}/{n}", None) for t, n in buckets),
            *(("GET", f"/v1/verify/person/{n}", None) for n in range(BUCKETS)),
        ],
        ("GET", "/v1/users"): [("GET", "/v1/users", None)],
    }


def _writes(w: World) -> dict[str, dict[str, Any]]:
    """B's pushes aimed at A's rows and ops, each with the answer a scoped server gives."""
    b = w.b.device_id
    return {
        # An update of A's person: B has no such row.
        "update_a_row": update_op("person", w.a_person, b, {"full_name": "Overwritten by B"}),
        # A's op id again, on a row B lacks: B must get its own answer, not A's remembered one.
        "reuse_a_op_id": update_op("person", w.a_person, b, {"notes": "x"}, op_id=w.a_op_ids[0]),
        # Inserts with A's row ids: new rows of B (a "duplicate" or "conflict" would reveal A's row).
        "insert_a_person_id": insert_op("person", person_payload(w.a_person, b, "B's own person", None)),
        "insert_a_scan_id": insert_op("scan", scan_payload(w.a_scan, b, w.a_person, "B's own scan")),
        # Now B's own row of that id: the update applies to B's copy only.
        "update_own_copy": update_op("person", w.a_person, b, {"full_name": "B renamed"}),
        # A person with A's national id: no duplicate detection may reach across organisations.
        "same_national_id": insert_op("person", person_payload(uuid7(), b, "B walk-in", SHARED_NATIONAL_ID)),
    }


EXPECTED_WRITE_ANSWERS = {
    "update_a_row": "rejected",
    "reuse_a_op_id": "rejected",
    "insert_a_person_id": "applied",
    "insert_a_scan_id": "applied",
    "update_own_copy": "applied",
    "same_national_id": "applied",
}


def _requests(w: World) -> dict[tuple[str, str], list[Request]]:
    routes = _reads(w)
    routes[("POST", "/v1/push")] = [("POST", "/v1/push", {"ops": [op]}) for op in _writes(w).values()]
    return routes


def _depends_on_caller(dependant) -> bool:
    return any(d.call is server_app.caller or _depends_on_caller(d) for d in dependant.dependencies)


def v1_routes(app) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(authenticated, unauthenticated) (method, path) pairs of the app's /v1 routes."""
    authed, open_ = set(), set()
    for route in app.routes:
        if isinstance(route, APIRoute) and route.path.startswith("/v1"):
            for method in route.methods:
                (authed if _depends_on_caller(route.dependant) else open_).add((method, route.path))
    return authed, open_


def send(client, token: str | None, request: Request):
    method, url, body = request
    headers = auth(token) if token is not None else {}
    return client.request(method, url, json=body, headers=headers)


# --- tests ----------------------------------------------------------------------------------------


def test_every_v1_route_is_covered(client):
    """A new endpoint must be added to the requests above (or, if it is public, to PUBLIC_ROUTES)."""
    authed, open_ = v1_routes(client.app)
    dummy = World(Laptop("t", str(uuid.uuid4()), "o"), Laptop("t", str(uuid.uuid4()), "o"), "p", "s", ["x"])
    assert open_ == PUBLIC_ROUTES, f"/v1 routes without a token: {sorted(open_ - PUBLIC_ROUTES)}"
    assert authed == set(_requests(dummy)), (
        f"not covered: {sorted(authed - set(_requests(dummy)))}; gone: {sorted(set(_requests(dummy)) - authed)}"
    )


def _assert_no_leak(texts: list[str], secrets: list[str]) -> None:
    for text in texts:
        for secret in secrets:
            assert secret not in text, f"B's answer holds {secret!r} of A: {text[:300]}"


def test_a_token_of_one_organisation_reads_and_writes_nothing_of_another(client, world):
    w = world
    before = snapshot(client.engine, w.a.org_id)
    assert len(before["sync_row"]) == 2
    a_secrets = [w.a.device_id, w.a.org_id, "Riyadh Municipality", *A_MARKERS, *w.a_row_hashes]

    def read_everything() -> list[str]:
        texts = []
        for requests in _reads(w).values():
            for request in requests:
                response = send(client, w.b.token, request)
                assert response.status_code == 200, (request, response.text)
                texts.append(response.text)
        return texts

    # Before B holds anything: not even A's row ids come back.
    texts = read_everything()
    _assert_no_leak(texts, [*a_secrets, SHARED_NATIONAL_ID, w.a_person, w.a_scan, *w.a_op_ids])
    changes = client.get("/v1/changes?since=0", headers=auth(w.b.token)).json()
    assert changes["rows"] == [] and changes["org_version"] == 0
    verify = client.get("/v1/verify", headers=auth(w.b.token)).json()
    assert verify["org_version"] == 0 and all(t["count"] == 0 for t in verify["tables"].values())
    assert [u["username"] for u in client.get("/v1/users", headers=auth(w.b.token)).json()["users"]] == [
        "b.user"
    ]
    hello = client.post(
        "/v1/hello", json={"app_version": "0.1.0", "client_schema": 1}, headers=auth(w.b.token)
    )
    assert hello.json()["org_version"] == 0 and hello.json()["device_max_hlc"] is None
    assert client.get("/v1/whoami", headers=auth(w.b.token)).json()["organisation"]["code"] == "JED"

    # B's writes aimed at A's rows and op ids.
    answers: dict[str, dict] = {}
    for name, op in _writes(w).items():
        if name == "update_own_copy":  # B's laptop edits the copy it was answered about
            op["payload"]["base_version"] = answers["insert_a_person_id"]["version"]
        response = client.post("/v1/push", json={"ops": [op]}, headers=auth(w.b.token))
        assert response.status_code == 200, response.text
        (answer,) = response.json()["results"]
        answers[name] = answer
        assert answer["status"] == EXPECTED_WRITE_ANSWERS[name], (name, answer)
        if answer["status"] == "rejected":
            assert answer["reason"].startswith("row.unknown"), (name, answer)

    assert snapshot(client.engine, w.a.org_id) == before, "B's token changed A's data"

    # B now holds rows with A's ids: its reads show B's data, never A's.
    _assert_no_leak(read_everything(), a_secrets)
    rows = client.post("/v1/rows", json={"table": "person", "ids": [w.a_person]}, headers=auth(w.b.token))
    (row,) = rows.json()["rows"]
    assert row["data"]["full_name"] == "B renamed" and row["device_id"] == w.b.device_id

    # And A still reads exactly its own two rows.
    a_changes = client.get("/v1/changes?since=0", headers=auth(w.a.token)).json()
    assert sorted(r["id"] for r in a_changes["rows"]) == sorted([w.a_person, w.a_scan])
    assert "B renamed" not in json.dumps(a_changes, ensure_ascii=False)


@pytest.mark.parametrize("problem", ["unknown", "revoked", "missing"])
def test_a_bad_token_gets_401_on_every_endpoint_and_writes_nothing(client, migrated_db, world, problem):
    w = world
    if problem == "revoked":
        c = enrol(client, migrated_db, "RUH", "RC1")
        admin.revoke_device(client.engine, c.device_id)
        token, expected = c.token, "auth.revoked"
    elif problem == "unknown":
        token, expected = "x" * 43, "auth.unknown_token"
    else:
        token, expected = None, "auth.missing_token"
    before = snapshot(client.engine)
    for route, requests in _requests(w).items():
        for request in requests:
            response = send(client, token, request)
            assert response.status_code == 401, (route, request, response.text)
            assert response.json()["error"] == expected, (route, response.json())
            assert response.headers["www-authenticate"] == "Bearer"
    assert snapshot(client.engine) == before, "a refused token wrote something"


def test_an_enrolment_code_is_single_use_and_expires(client, migrated_db):
    code = new_code(migrated_db)
    assert client.post("/v1/enroll", json=enroll_body(code, "S1")).status_code == 200
    again = client.post("/v1/enroll", json=enroll_body(code, "S2"))
    assert (again.status_code, again.json()["error"]) == (410, "enroll.code_used")

    expired_now = client.post("/v1/enroll", json=enroll_body(new_code(migrated_db, hours=0), "S3"))
    assert (expired_now.status_code, expired_now.json()["error"]) == (410, "enroll.code_expired")
    later = new_code(migrated_db, "JED")
    with write_session(client.engine) as s:  # every code's expiry now a minute ago
        s.execute(update(EnrollmentCode).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)))
    expired = client.post("/v1/enroll", json=enroll_body(later, "S4"))
    assert (expired.status_code, expired.json()["error"]) == (410, "enroll.code_expired")
    with read_session(client.engine) as s:
        devices = {r.short_code for r in s.scalars(select(Device))}
    assert devices == {"S1"}, "a refused code enrolled a device"


def race_one_code(client, code: str, short_prefix: str, n: int) -> list[tuple[int, str]]:
    """`n` threads enrol different laptops with ONE code at the same moment; their answers."""
    barrier = threading.Barrier(n)
    answers: list[tuple[int, str]] = []

    def attempt(i: int) -> None:
        body = enroll_body(code, f"{short_prefix}{i}")
        barrier.wait(10)
        response = client.post("/v1/enroll", json=body)
        answers.append((response.status_code, response.json().get("error", "ok")))

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return answers


def test_one_code_raced_by_several_requests_enrols_exactly_one(client, migrated_db):
    for round_ in range(3):
        answers = race_one_code(client, new_code(migrated_db), f"R{round_}X", n=6)
        assert sorted(answers) == [(200, "ok")] + [(410, "enroll.code_used")] * 5
    with read_session(client.engine) as s:
        assert len(list(s.scalars(select(Device)))) == 3
