"""Server fixtures: a fresh server database on SQLite (a temp file) AND on PostgreSQL.

PostgreSQL is the machine's (postgresql+psycopg://postgres@127.0.0.1:5432/postgres, or
FIELDAPP_TEST_PG_ADMIN_URL): each test gets its own `fieldapp_test_<random>` database, dropped
afterwards. When PostgreSQL cannot be reached the PostgreSQL variants are skipped — except under
CI=true, where that is a failure: CI must never silently skip the server's PostgreSQL tests.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PG_ADMIN_URL = os.environ.get(
    "FIELDAPP_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _pg_admin_engine():
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    engine = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        reason = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.orig}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI=true: the server's PostgreSQL tests must run)")
        pytest.skip(reason)
    return engine


@pytest.fixture(params=["sqlite", "postgresql"])
def server_db(request, tmp_path):
    """The URL of an empty database (not migrated)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    from sqlalchemy import text

    admin = _pg_admin_engine()
    name = f"fieldapp_test_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _migrate_with_two_orgs(url: str) -> None:
    from fieldapp.server import admin, migrate
    from fieldapp.server.db import make_engine

    engine = make_engine(url)
    migrate.upgrade(engine)
    admin.ensure_server_state(engine)
    admin.create_org(engine, "Riyadh Municipality", "RUH")
    admin.create_org(engine, "Jeddah Municipality", "JED")
    engine.dispose()


@pytest.fixture(scope="session")
def _migrated_templates(tmp_path_factory):
    """Per backend, built on first use: a migrated database with RUH and JED that each
    `migrated_db` copies (a copy costs a tenth of migrating; the migrations themselves are
    proven from empty databases in test_migrations.py). SQLite: the file's bytes; PostgreSQL:
    the name of a template database (only ever cloned, never connected to)."""
    from sqlalchemy import text

    made: dict[str, object] = {}

    def template(backend: str):
        if backend not in made:
            if backend == "sqlite":
                path = tmp_path_factory.mktemp("server-template") / "server.db"
                _migrate_with_two_orgs(f"sqlite:///{path}")
                assert not path.with_name(path.name + "-wal").exists()
                made[backend] = path.read_bytes()
            else:
                admin = _pg_admin_engine()
                name = f"fieldapp_template_{secrets.token_hex(6)}"
                with admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}"'))
                admin.dispose()
                made[backend] = name
                _migrate_with_two_orgs(f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}")
        return made[backend]

    yield template
    if "postgresql" in made:
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{made["postgresql"]}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def migrated_db(server_db, _migrated_templates):
    """A migrated server database with two organisations, RUH and JED."""
    from sqlalchemy import text

    if server_db.startswith("sqlite:///"):
        Path(server_db.removeprefix("sqlite:///")).write_bytes(_migrated_templates("sqlite"))
        return server_db
    template = _migrated_templates("postgresql")
    name = server_db.rsplit("/", 1)[1]
    admin = _pg_admin_engine()
    try:
        with admin.connect() as conn:  # server_db made it empty; it drops the copy afterwards
            conn.execute(text(f'DROP DATABASE "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    finally:
        admin.dispose()
    return server_db


@pytest.fixture
def client(migrated_db):
    from fastapi.testclient import TestClient

    from fieldapp.server.app import create_app

    app = create_app(migrated_db)
    with TestClient(app) as c:
        c.engine = app.state.engine
        yield c


def new_code(url: str, org: str = "RUH", hours: float = 24) -> str:
    from fieldapp.server import admin
    from fieldapp.server.db import make_engine

    engine = make_engine(url)
    try:
        return admin.make_enroll_code(engine, org, hours, "http://127.0.0.1:8765")["code"]
    finally:
        engine.dispose()


def enroll_body(code: str, short_code: str = "AB12", device_id: str | None = None) -> dict:
    from fieldapp.sync.ids import uuid7

    raw = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return {
        "code": code,
        "device_id": device_id or uuid7(),
        "device_name": "Desk laptop 1",
        "short_code": short_code,
        "public_key": base64.b64encode(raw).decode("ascii"),
        "key_id": hashlib.sha256(raw).hexdigest()[:8],
        "app_version": "0.1.0",
    }
