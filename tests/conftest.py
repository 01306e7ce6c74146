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


@pytest.fixture
def store(tmp_path):
    from fieldapp.store.db import Store

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
