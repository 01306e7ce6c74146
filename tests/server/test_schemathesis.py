"""Schemathesis over the server's /openapi.json: no request, valid or not, gets a 5xx.

The app runs in-process (ASGI) on a migrated database, SQLite and PostgreSQL, that holds a few
rows; every request carries a real device token, so the generated bodies reach the push, the
feed and the digests instead of stopping at the 401. Each operation gets its own Hypothesis run,
with data that fits the schema and data that does not. Bounded: a few examples per operation.

schemathesis.pytest.from_fixture is not used: with pytest 9 it fails (it reads Node._nodeid,
which pytest 9 removed), so the operations' strategies are driven with Hypothesis directly.

The 5xx it found are kept below as fixed requests, so they stay covered whatever the random draw.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from fieldapp.server import devices, push
from fieldapp.server.app import create_app
from fieldapp.server.db import make_engine
from tests.server.conftest import enroll_body, new_code
from tests.server.test_security import insert_op, person_payload, scan_payload, update_op

MAX_EXAMPLES = 25  # per operation and mode: about 550 requests per database
SEED_PERSON = "01900000-0000-7000-8000-000000000001"


def seeded_device(db_url: str) -> tuple[str, str]:
    """(token, device id) of a real device of RUH, whose organisation holds a person and a scan."""
    engine = make_engine(db_url)
    try:
        token, *_ = devices.enroll(engine, devices.EnrollRequest(**enroll_body(new_code(db_url))))
        me = devices.authenticate(engine, token)
        ops = [
            insert_op("person", person_payload(SEED_PERSON, me.device_id, "Seed person", "1000000001")),
            insert_op("scan", scan_payload(str(uuid.uuid4()), me.device_id, SEED_PERSON, "")),
        ]
        assert [a.status for a in push.push(engine, me, [push.Op(**o) for o in ops])] == ["applied"] * 2
    finally:
        engine.dispose()
    return token, me.device_id


def test_no_request_gets_a_server_error(migrated_db):
    token, _ = seeded_device(migrated_db)
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(migrated_db))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11, [op.label for op in operations]
    failures: list[str] = []

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                phases=[Phase.explicit, Phase.generate],  # no shrinking: a failing run stays short
                suppress_health_check=list(HealthCheck),
            )
            def no_server_error(case):
                try:
                    case.call_and_validate(headers=headers, checks=[not_a_server_error])
                except Exception as exc:
                    raise AssertionError(f"{case.as_curl_command()}\n  -> {exc}") from exc

            try:
                no_server_error()
            except Unsatisfiable:
                assert mode == GenerationMode.NEGATIVE, operation.label  # no input to get wrong
            except Exception as exc:  # every operation is tried; all failures are reported together
                failures.append(f"{operation.label} ({mode}): {exc}")
    assert not failures, "\n\n".join(failures)


# --- what schemathesis found, as fixed requests ---------------------------------------------------
# A value the database cannot take (a NUL character on PostgreSQL, a string longer than its
# column, an integer past BIGINT) must be refused (422, or the op rejected), never a 500: a 500
# on a push fails the whole batch, and the laptop would send that poison op on every sync.


def _person_op(own_device: str, **changes: Any) -> dict[str, Any]:
    payload = {**person_payload(str(uuid.uuid4()), own_device, "Someone", None), **changes}
    op = insert_op("person", payload)
    op["hlc"] = f"{time.time_ns() // 1_000_000:013d}.00000.{own_device}"
    return op


def _long_hlc_update(device_id: str) -> dict[str, Any]:
    op = update_op("person", SEED_PERSON, device_id, {"notes": "x"})
    op["payload"]["field_hlc"] = {"notes": "9999999999999.00000." + "x" * 60}
    return op


def _push(*ops: dict[str, Any]) -> tuple[str, str, dict]:
    return "POST", "/v1/push", {"ops": list(ops)}


def _hello(**fields: Any) -> tuple[str, str, dict]:
    return "POST", "/v1/hello", {"app_version": "0", "client_schema": 1, **fields}


def now() -> str:
    """The start of an HLC stamped a second from now (so it is the device's latest)."""
    return f"{time.time_ns() // 1_000_000 + 1000:013d}.00000"


FOUND: dict[str, Callable[[str], tuple[str, str, Any]]] = {
    "changes_since_past_bigint": lambda d: ("GET", f"/v1/changes?since={2**63}", None),
    "hello_pending_ops_past_int32": lambda d: _hello(pending_ops=2**31),
    "hello_pending_ops_past_bigint": lambda d: _hello(pending_ops=2**63),
    "hello_app_version_nul": lambda d: _hello(app_version="1\x00"),
    "hello_cursor_past_bigint": lambda d: _hello(cursor=2**63),
    "rows_table_nul": lambda d: ("POST", "/v1/rows", {"table": "person\x00", "ids": []}),
    "rows_id_nul": lambda d: ("POST", "/v1/rows", {"table": "person", "ids": ["a\x00"]}),
    "bucket_table_nul": lambda d: ("GET", "/v1/verify/per%00son/1", None),
    "push_row_id_nul": lambda d: _push({**_person_op(d), "row_id": "a\x00"}),
    "push_op_hlc_nul": lambda d: _push({**_person_op(d), "hlc": f"{now()}.x\x00"}),
    "push_created_hlc_nul": lambda d: _push(_person_op(d, created_hlc=f"{now()}.x\x00")),
    "push_created_hlc_too_long": lambda d: _push(_person_op(d, created_hlc=f"{now()}." + "x" * 50)),
    "push_device_id_nul": lambda d: _push(_person_op(d, device_id="d\x00")),
    "push_device_id_too_long": lambda d: _push(_person_op(d, device_id="d" * 37)),
    "push_field_hlc_too_long": lambda d: _push(
        _person_op(d, field_hlc={"full_name": "9" * 13 + ".0." + "x" * 60})
    ),
    "push_update_field_hlc_too_long": lambda d: _push(_long_hlc_update(d)),
}


@pytest.fixture
def seeded_client(migrated_db):
    from fastapi.testclient import TestClient

    token, device_id = seeded_device(migrated_db)
    with TestClient(create_app(migrated_db), raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {token}"}, device_id


def test_what_schemathesis_found_is_refused_not_a_500(seeded_client):
    client, headers, device_id = seeded_client
    failures = []
    for name, build in FOUND.items():
        method, url, body = build(device_id)
        response = client.request(method, url, json=body, headers=headers)
        if response.status_code >= 500:
            failures.append(f"{name}: {method} {url} -> {response.status_code}")
        else:  # SQLite stores some of these values as they are: an answer, not a 500, is the point
            assert response.status_code in (200, 422), (name, response.text)
    assert not failures, "\n".join(failures)


def _fits(text: str, length: int) -> bool:
    return len(text) <= length and "\x00" not in text


def test_a_poison_op_does_not_fail_its_batch_nor_store_what_does_not_fit(seeded_client):
    client, headers, device_id = seeded_client
    poison = [
        _person_op(device_id, created_hlc=f"{now()}." + "x" * 50),
        _person_op(device_id, device_id="d" * 37),
        _person_op(device_id, device_id="d\x00"),
        _person_op(device_id, created_hlc=f"{now()}.x\x00"),
    ]
    ops = [_person_op(device_id), *poison, _person_op(device_id)]
    response = client.post("/v1/push", json={"ops": ops}, headers=headers)
    assert response.status_code == 200, response.text
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses[0] == statuses[-1] == "applied", statuses
    assert set(statuses) <= {"applied", "rejected"}, statuses
    # A poison op may be rejected, or applied with its unusable values replaced: never stored as is.
    applied = [op["row_id"] for op, status in zip(ops, statuses, strict=True) if status == "applied"]
    rows = client.post("/v1/rows", json={"table": "person", "ids": applied}, headers=headers).json()["rows"]
    assert len(rows) == len(applied)
    for row in rows:
        assert _fits(row["device_id"], 36) and _fits(row["created_hlc"], 64), row
