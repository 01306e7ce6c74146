"""Shared fixtures: every test gets a fresh temp SQLite database (real file, real pragmas)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--nightly",
        action="store_true",
        default=False,
        help="sync fault harness: run many seeds (tests/sync/test_convergence.py)",
    )


# Temporary files (tmp_path, so every test database) on tmpfs where the machine has one: they are
# real SQLite files with synchronous=FULL, and on a disk their fsyncs were much of the suite's time
# (the demo organisation alone commits 1,900 times: 11 s). Surviving a power cut is no test's
# subject; the tests of a full or read-only disk mount one of their own. TMPDIR: the processes
# the tests start too. A TMPDIR already set is kept.
_SHM = "/dev/shm"
if "TMPDIR" not in os.environ and os.path.isdir(_SHM) and os.access(_SHM, os.W_OK):
    os.environ["TMPDIR"] = tempfile.tempdir = _SHM

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FIELDAPP_LANG", "en")  # tests assert on English messages unless they set ar
# Signing keys: never this machine's real credential store or configuration folder (a developer's
# desktop keyring would collect a key per test). Tests of the credential store set their own.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
if "FIELDAPP_KEYSTORE_DIR" not in os.environ:
    os.environ["FIELDAPP_KEYSTORE_DIR"] = tempfile.mkdtemp(prefix="fieldapp-keystore-")
    atexit.register(shutil.rmtree, os.environ["FIELDAPP_KEYSTORE_DIR"], ignore_errors=True)


@pytest.fixture(autouse=True)
def _language_from_environment():
    """A test that switches the language (the GUI's Arabic default) never leaks it into the next."""
    yield
    from fieldapp.core import i18n

    i18n.set_language(None)


# argon2's minimum work (8 KiB, one pass, one lane), where the app's is 64 MiB, three passes, four
# lanes: ~0.25 s of CPU for each password hash or check, thousands of them in the suite.
CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


@pytest.fixture(autouse=True)
def _password_hashing_cost(request, monkeypatch):
    """Password hashes and checks in this process at argon2's minimum cost. Sign-in behaves the
    same (argon2id still; each hash carries its own parameters, so any hasher checks any hash).
    A test marked `real_password_cost` gets the app's own hashers (test_password_cost.py pins
    their cost). Processes the tests start (servers, harness laptops) always use the app's own."""
    from argon2 import PasswordHasher

    from fieldapp.server import admin
    from fieldapp.server.web import security
    from fieldapp.services import users

    if request.node.get_closest_marker("real_password_cost") is None:
        cheap = PasswordHasher(**CHEAP_ARGON2)
        for module in (users, admin, security):
            monkeypatch.setattr(module, "_hasher", cheap)
    dummies = (users._dummy_hash, security._dummy_hash)  # cached: made by this test's hasher
    for dummy in dummies:
        dummy.cache_clear()
    yield
    for dummy in dummies:
        dummy.cache_clear()


@pytest.fixture(scope="session")
def _migrated_database(tmp_path_factory) -> bytes:
    """An empty database migrated to head, once per session: migrating a new file costs ~0.5 s,
    paid by some 700 tests. Each `store` opens its own copy (its own device, clock and rows);
    the migrations themselves are proven from empty files in tests/unit/test_migrations.py."""
    from fieldapp.store import migrate

    path = tmp_path_factory.mktemp("migrated") / "fieldapp.db"
    migrate.upgrade(path, path.parent / "backups")
    assert not path.with_name(path.name + "-wal").exists()  # the whole database is in the one file
    return path.read_bytes()


@pytest.fixture
def store(tmp_path, _migrated_database):
    from fieldapp.store.db import Store

    (tmp_path / "fieldapp.db").write_bytes(_migrated_database)
    s = Store.open(tmp_path / "fieldapp.db")
    yield s
    s.close()


@pytest.fixture
def services(store):
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services

    return Services(store, Actor("sara", "admin"))


@pytest.fixture
def cli_user(monkeypatch):
    """`cli_user(data_root, role)`: a user of that data directory, and the CLI signed in as them
    through FIELDAPP_USER / FIELDAPP_PASSWORD (as a script would be)."""
    from tests.cli_user import PASSWORD, add_cli_user

    def sign_in_as(data_root, role: str = "admin") -> str:
        username = add_cli_user(data_root, role)
        monkeypatch.setenv("FIELDAPP_USER", username)
        monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)
        return username

    return sign_in_as
