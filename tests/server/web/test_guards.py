"""Guards of the browser pages that need no browser (in-process app on a real SQLite server file):
the Secure cookie over TLS, the access log without certificate codes, an oversized upload refused
before it is read, redirects that stay on this server, a session ended by disabling the account."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient

from fieldapp.server import admin, migrate
from fieldapp.server.app import create_app
from fieldapp.server.db import make_engine


@pytest.fixture(scope="module")
def https_client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('guards') / 'server.db'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    admin.ensure_server_state(engine)
    admin.create_org(engine, "Riyadh", "RUH")
    admin.add_user(engine, "RUH", "boss", "Boss", "admin", "boss-pass-1")
    admin.add_user(engine, "RUH", "second", "Second", "admin", "second-pass-1")
    engine.dispose()
    app = create_app(url)
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


def test_the_access_log_never_holds_a_certificate_code(https_client, caplog):
    with caplog.at_level(logging.INFO, logger="fieldapp.server.access"):
        https_client.get("/V/FA1.SECRETBODY.SECRETSIG")
    assert "SECRETBODY" not in caplog.text and '"/V/..."' in caplog.text


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
