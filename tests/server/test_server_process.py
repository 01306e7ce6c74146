"""A REAL `fieldapp server` process on 127.0.0.1: start, health, enrol over HTTP, whoami, stop.
On PostgreSQL it runs two uvicorn workers (the import-string factory path)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx

from fieldapp.server import admin
from fieldapp.server.db import make_engine
from tests.server.conftest import enroll_body


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1]
        try:
            response = httpx.get(f"{base}/health", timeout=1)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("the server never became healthy")


def test_a_real_server_process_enrols_and_answers_whoami(server_db, tmp_path):
    port = free_port()
    workers = "2" if server_db.startswith("postgresql") else "1"
    env = {**os.environ, "FIELDAPP_LANG": "en"}
    env.pop("FIELDAPP_SERVER_DB", None)
    command = [sys.executable, "-m", "fieldapp", "server", "--db", server_db, "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--workers", workers], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_healthy(base, proc)["db"] == "ok"
        engine = make_engine(server_db)  # the server migrated the database on start
        admin.create_org(engine, "Riyadh Municipality", "RUH")
        code = admin.make_enroll_code(engine, "RUH", 1, base)["code"]
        engine.dispose()
        with httpx.Client(base_url=base, timeout=10) as http:
            enrolled = http.post("/v1/enroll", json=enroll_body(code))
            assert enrolled.status_code == 200, enrolled.text
            token = enrolled.json()["token"]
            for _ in range(4):  # with two workers, both answer in turn
                me = http.get("/v1/whoami", headers={"Authorization": f"Bearer {token}"})
                assert me.status_code == 200 and me.json()["organisation"]["code"] == "RUH"
            assert http.get("/v1/whoami", headers={"Authorization": "Bearer wrong"}).status_code == 401
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    # uvicorn shuts down gracefully, then re-raises SIGTERM (recent releases): either is a clean stop.
    assert proc.returncode in (0, -signal.SIGTERM), err
    assert "Traceback" not in err
    assert f"FieldApp server on http://127.0.0.1:{port}" in out
    assert '"path": "/v1/whoami"' in err and '"org": "RUH"' in err  # the JSON access log
    assert token not in err and code.replace("-", "") not in err
