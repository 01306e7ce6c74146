"""Who may do what, and what a copied folder gives away: sign-in lockout and audit, the command
line acting as a signed-in user, private files, and the certificate signing key kept out of the
data folder."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fieldapp.certificates import keys, signing
from fieldapp.cli import main
from fieldapp.core.errors import ValidationError
from fieldapp.services import Services
from fieldapp.services.users import FREE_FAILURES, LOCK_FIRST_S
from fieldapp.store.db import Store
from fieldapp.store.models import AuditEntry
from tests.cli_user import PASSWORD, USERNAME, add_cli_user


def _audit_count(store: Store, action: str, name: str) -> int:
    with store.reader() as r:
        query = select(func.count()).where(AuditEntry.action == action, AuditEntry.user_name == name)
        return r.scalar(query.select_from(AuditEntry))


def _age_audit(store: Store, seconds: float) -> None:
    """Move every audit line `seconds` into the past (as if that time had gone by)."""
    with store.session("test") as s:
        for entry in s.scalars(select(AuditEntry)):
            entry.at -= dt.timedelta(seconds=seconds)


# --- sign-in -------------------------------------------------------------------------------


def test_wrong_passwords_lock_the_name_for_a_growing_time_and_are_audited(services):
    services.users.create("sara", "سارة", "coordinator", "right-pass")
    users = services.as_user(None).users
    for _ in range(FREE_FAILURES):
        with pytest.raises(ValidationError) as wrong:
            users.sign_in("sara", "wrong")
        assert wrong.value.key == "user.bad_login"
    with pytest.raises(ValidationError) as locked:  # even the right password waits now
        users.sign_in("SARA ", "right-pass")
    assert locked.value.key == "user.locked" and 0 < locked.value.params["seconds"] <= LOCK_FIRST_S
    store = services.store
    assert _audit_count(store, "user.sign_in_failed", "sara") == FREE_FAILURES
    assert _audit_count(store, "user.sign_in_locked", "sara") == 1

    _age_audit(store, LOCK_FIRST_S + 1)  # the lock has passed: one more wrong one locks for twice as long
    with pytest.raises(ValidationError):
        users.sign_in("sara", "wrong")
    with pytest.raises(ValidationError) as locked:
        users.sign_in("sara", "right-pass")
    assert LOCK_FIRST_S < locked.value.params["seconds"] <= 2 * LOCK_FIRST_S

    _age_audit(store, 2 * LOCK_FIRST_S + 1)
    assert users.sign_in("sara", "right-pass").username == "sara"
    with pytest.raises(ValidationError) as wrong:  # a success starts the count again
        users.sign_in("sara", "wrong")
    assert wrong.value.key == "user.bad_login"


@pytest.mark.real_password_cost
def test_an_unknown_name_answers_like_a_wrong_password_and_costs_the_same(services):
    services.users.create("sara", "سارة", "coordinator", "right-pass")
    users = services.as_user(None).users

    def timed(name: str) -> tuple[float, str]:
        started = time.perf_counter()
        with pytest.raises(ValidationError) as refused:
            users.sign_in(name, "wrong")
        return time.perf_counter() - started, refused.value.message("en")

    known = [timed("sara") for _ in range(2)]
    unknown = [timed(f"nobody{i}") for i in range(2)]
    assert {m for _, m in known} == {m for _, m in unknown} == {"Wrong user name or password."}
    # Before: 0.3 ms against 118 ms. Both now run one argon2 verification.
    assert min(t for t, _ in unknown) > 0.4 * min(t for t, _ in known)
    assert _audit_count(services.store, "user.sign_in_failed", "nobody0") == 1
    for i in range(FREE_FAILURES + 1):  # unknown names lock too, so locking tells nothing either
        with pytest.raises(ValidationError) as refused:
            users.sign_in("ghost", f"guess{i}")
    assert refused.value.key == "user.locked"


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def laptop(tmp_path) -> Path:
    root = tmp_path / "data"
    add_cli_user(root, "admin")
    add_cli_user(root, "coordinator", username="coord")
    return root


def test_commands_that_change_or_show_data_need_a_user_who_proves_it(laptop, capsys, monkeypatch):
    monkeypatch.delenv("FIELDAPP_USER", raising=False)
    monkeypatch.delenv("FIELDAPP_PASSWORD", raising=False)
    base = ["--data-dir", str(laptop), "--lang", "en"]
    for argv in (["find", "x"], ["export", "--json"], ["backup"], ["scan", "V1", "--event", "e"]):
        assert main([*base, *argv]) == 2
        assert "--user NAME" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", open(os.devnull))  # a script: no terminal to ask on  # noqa: SIM115
    assert main([*base, "--user", USERNAME, "find", "x"]) == 2
    assert "FIELDAPP_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("FIELDAPP_PASSWORD", "not it")
    assert main([*base, "--user", USERNAME, "find", "x"]) == 2
    assert "Wrong user name or password" in capsys.readouterr().err
    monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)
    assert main([*base, "--user", USERNAME, "find", "x"]) == 0
    monkeypatch.setenv("FIELDAPP_USER", USERNAME)
    assert main([*base, "find", "x"]) == 0
    store = Store.open(laptop / "fieldapp.db")
    try:
        with store.reader() as r:
            failed = r.scalars(select(AuditEntry.detail).where(AuditEntry.action == "user.sign_in_failed"))
            assert list(failed) == ["cli"]
    finally:
        store.close()


def test_the_same_roles_as_the_app(laptop, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("FIELDAPP_USER", "coord")
    monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)
    base = ["--data-dir", str(laptop), "--lang", "en"]
    assert main([*base, "find", "x"]) == 0  # any signed-in user may search
    for argv in (["export", "--json"], ["backup"], ["restore", str(tmp_path / "x.db"), "--yes"]):
        assert main([*base, *argv]) == 2
        assert "may not do this" in capsys.readouterr().err


def test_help_version_verify_and_status_need_nobody(laptop, capsys, monkeypatch):
    monkeypatch.delenv("FIELDAPP_USER", raising=False)
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    with pytest.raises(SystemExit) as done:
        main(["restore", "--help"])
    assert done.value.code == 0
    assert main(["--data-dir", str(laptop), "sync-status"]) == 0
    assert main(["--data-dir", str(laptop), "verify", "not a code"]) == 2  # unreadable, not "who are you"
    assert "--user" not in capsys.readouterr().err


def test_setup_from_the_command_line_makes_the_first_administrator(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FIELDAPP_PASSWORD", "admin-pass")
    root = tmp_path / "new"
    argv = ["--data-dir", str(root), "--user", "mona", "setup", "--org", "جمعية البر", "--code", "BIR"]
    assert main(argv) == 0
    assert main(argv) == 2  # only once
    assert main(["--data-dir", str(root), "--user", "mona", "find", "x"]) == 0
    store = Store.open(root / "fieldapp.db")
    try:
        assert Services(store, None).users.remembered() is None  # the app still asks for the password
    finally:
        store.close()


# --- private files -------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes; on Windows the profile's ACL")
def test_data_folder_database_backups_and_exports_are_this_users_alone(laptop, monkeypatch, tmp_path):
    monkeypatch.setenv("FIELDAPP_USER", USERNAME)
    monkeypatch.setenv("FIELDAPP_PASSWORD", PASSWORD)
    loose = laptop / "fieldapp.db"
    loose.chmod(0o644)  # a database from before: tightened when opened
    laptop.chmod(0o755)
    assert main(["--data-dir", str(laptop), "backup"]) == 0
    assert main(["--data-dir", str(laptop), "export", "--json", "--out", str(tmp_path / "all.json")]) == 0

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(laptop) == 0o700 and mode(laptop / "backups") == 0o700
    assert mode(loose) == 0o600
    (backup,) = (laptop / "backups").glob("fieldapp-*.db")
    assert mode(backup) == 0o600 and mode(tmp_path / "all.json") == 0o600


# --- the signing key -----------------------------------------------------------------------


def test_a_copied_data_folder_cannot_sign(store, tmp_path, monkeypatch):
    key = keys.load_or_create(store)
    folder = keys.key_dir(store)
    assert key.kept_in == "encrypted-file"  # tests have no credential store
    (kept,) = folder.iterdir()
    assert kept.read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 or os.name != "posix"
    assert keys.load_or_create(store).key_id == key.key_id  # this laptop: the same key again

    # The folder on another computer (another user's configuration folder): it cannot open the key.
    monkeypatch.setenv(keys.ENV_KEYSTORE_DIR, str(tmp_path / "elsewhere"))
    assert keys.load_or_create(store).key_id != key.key_id


def test_an_unencrypted_key_of_an_older_version_is_moved_and_still_signs(store):
    pem, public_raw = signing.generate_key()
    legacy = keys.key_dir(store) / keys.LEGACY_KEY_FILE_NAME
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(pem)
    key = keys.load_or_create(store)
    assert key.key_id == signing.key_id(public_raw)  # certificates signed before still match
    assert not legacy.exists()
    assert b"BEGIN PRIVATE KEY" not in b"".join(p.read_bytes() for p in legacy.parent.iterdir())


def test_where_a_credential_store_exists_the_key_lives_there_only(store):
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        """Held in memory, standing in for the operating system's credential store (Windows
        Credential Manager, macOS Keychain, Secret Service), which this test machine does not run."""

        priority = 5
        saved: dict[tuple[str, str], str] = {}  # noqa: RUF012

        def get_password(self, service, username):
            return self.saved.get((service, username))

        def set_password(self, service, username, password):
            self.saved[(service, username)] = password

        def delete_password(self, service, username):
            self.saved.pop((service, username), None)

    before = keyring.get_keyring()
    pem, public_raw = signing.generate_key()
    legacy = keys.key_dir(store) / keys.LEGACY_KEY_FILE_NAME
    legacy.parent.mkdir(parents=True)
    legacy.write_bytes(pem)
    keyring.set_keyring(MemoryKeyring())
    try:
        key = keys.load_or_create(store)
        assert key.kept_in == "keyring" and key.key_id == signing.key_id(public_raw)
        assert list(keys.key_dir(store).iterdir()) == []  # nothing left in the data folder
        assert MemoryKeyring.saved[(keys.KEYRING_SERVICE, f"device {store.device_id}")].encode() == pem
        assert keys.load_or_create(store).key_id == key.key_id
    finally:
        keyring.set_keyring(before)
