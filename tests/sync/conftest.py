"""Fixtures of the sync tests: `--nightly` (the fault harness runs many seeds) and a fresh server
database URL on SQLite and on PostgreSQL (the machine's, as tests/server/conftest.py gets it: a
PostgreSQL that cannot be reached skips, except under CI=true where it fails).

The modules' own fixtures (test_enrol.py's `server`, test_sync_round.py's `server`, `laptops`)
keep their names; nothing here shadows them.
"""

from __future__ import annotations

import secrets

import pytest


@pytest.fixture(scope="session")
def nightly(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--nightly", default=False))


@pytest.fixture(params=["sqlite", "postgresql"])
def harness_db(request: pytest.FixtureRequest, tmp_path):
    """(backend, URL of an empty server database) for a harness run."""
    if request.param == "sqlite":
        yield "sqlite", f"sqlite:///{tmp_path / 'server.db'}"
        return
    from sqlalchemy import text

    from tests.server.conftest import PG_ADMIN_URL, _pg_admin_engine

    admin = _pg_admin_engine()
    name = f"fieldapp_harness_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield "postgresql", f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
