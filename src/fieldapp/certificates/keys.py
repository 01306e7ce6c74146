"""This laptop's certificate signing key, and the public keys it knows.

The private key (Ed25519, PKCS#8 PEM) is kept OUTSIDE the data folder, so a copy of the folder
(a lost USB stick, a zipped backup) cannot sign a certificate:

- in the operating system's credential store (Windows Credential Manager, macOS Keychain, the
  Secret Service of a Linux desktop), through `keyring`, under this laptop's device id;
- where there is none (a Linux laptop without a desktop keyring), in the data folder ENCRYPTED
  (``keys/signing-key.enc.pem``, PKCS#8 with the best encryption `cryptography` offers) under a
  random key kept in this user's configuration folder (``keystore_dir()``), which the data
  folder does not hold. That protects a copied or carried data folder; it does not protect
  against someone who can read this user's files on this laptop (they can read both).

A key kept the old way (``keys/signing-key.pem``, unencrypted) is moved on first use, then its file
is deleted. The key never goes into the database, an export or a backup. Its public half is a
``SigningKey`` fact, which syncs, so every laptop verifies every other laptop's certificates
offline; `fieldapp verify` needs no private key at all.

If the private key is lost (another laptop, a wiped credential store), a new key is made on the
next issue; certificates signed with the old key still verify, because its ``SigningKey`` row stays.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from platformdirs import user_config_path
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.certificates import signing
from fieldapp.store.db import Store
from fieldapp.store.engine import PRIVATE_FILE, private_dir
from fieldapp.store.models import SigningKey

log = logging.getLogger("fieldapp.keys")

KEY_DIR_NAME = "keys"
LEGACY_KEY_FILE_NAME = "signing-key.pem"  # unencrypted: moved away on first use
ENCRYPTED_KEY_FILE_NAME = "signing-key.enc.pem"
KEYRING_SERVICE = "FieldApp certificate signing"
ENV_KEYSTORE_DIR = "FIELDAPP_KEYSTORE_DIR"

_lock = threading.Lock()


@dataclass(frozen=True)
class LocalKey:
    """The loaded signing key of this laptop, and where it is kept ("keyring" or "encrypted-file")."""

    key_id: str
    public_raw: bytes
    private: Ed25519PrivateKey
    kept_in: str


def key_dir(store: Store) -> Path:
    return Path(store.path).parent / KEY_DIR_NAME


def keystore_dir() -> Path:
    """Where the keys that unlock encrypted signing keys live: this user's configuration folder
    (FIELDAPP_KEYSTORE_DIR overrides it), never a data folder."""
    override = os.environ.get(ENV_KEYSTORE_DIR)
    return Path(override) if override else user_config_path("FieldApp", appauthor=False) / "keystore"


def credential_store() -> Any | None:
    """The operating system's credential store, or None where there is no real one (keyring's
    fail/null backends, or a plain file such as keyrings.alt's, which would protect nothing)."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, chainer.ChainerBackend):
        real = [b for b in backend.backends if _is_real(b)]
        return backend if real else None
    return backend if _is_real(backend) and not isinstance(backend, fail.Keyring) else None


def _is_real(backend: Any) -> bool:
    try:
        priority = float(backend.priority)
    except Exception:  # a backend that cannot run here says so by raising from `priority`
        return False
    return priority >= 1 and not type(backend).__module__.startswith(
        ("keyrings.alt", "keyring.backends.null")
    )


def load_or_create(store: Store) -> LocalKey:
    """This laptop's key: from the credential store, else the encrypted file; a key kept the old
    way is moved; none at all: a new one (the file or entry only: `ensure_signing_key_fact`
    records its public half in the unit of work that signs with it)."""
    account = f"device {store.device_id}"
    legacy = key_dir(store) / LEGACY_KEY_FILE_NAME
    with _lock:
        backend = credential_store()
        pem = _read_keyring(backend, account) if backend is not None else None
        if pem is None:
            pem = _read_encrypted(store)
        if pem is None and legacy.exists():
            pem = legacy.read_bytes()
        if pem is None:
            pem, _ = signing.generate_key()
        kept_in = _keep(store, backend, account, pem)
        if legacy.exists():
            legacy.unlink()  # moved: an unencrypted copy never stays in the folder
        return _loaded(pem, kept_in)


def _loaded(pem: bytes, kept_in: str) -> LocalKey:
    private = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError("the certificate signing key is not an Ed25519 key")
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return LocalKey(signing.key_id(raw), raw, private, kept_in)


def _keep(store: Store, backend: Any | None, account: str, pem: bytes) -> str:
    """Keep `pem` in the credential store (the encrypted file then goes), else encrypted."""
    if backend is not None:
        try:
            if _read_keyring(backend, account) != pem:
                backend.set_password(KEYRING_SERVICE, account, pem.decode("ascii"))
            (key_dir(store) / ENCRYPTED_KEY_FILE_NAME).unlink(missing_ok=True)
            return "keyring"
        except Exception:  # a locked or broken credential store: the encrypted file still works
            log.warning("the credential store refused the signing key; keeping it encrypted", exc_info=True)
    if _read_encrypted(store) != pem:
        _write_encrypted(store, pem)
    return "encrypted-file"


def _read_keyring(backend: Any, account: str) -> bytes | None:
    try:
        text = backend.get_password(KEYRING_SERVICE, account)
    except Exception:
        log.warning("the credential store could not be read", exc_info=True)
        return None
    return text.encode("ascii") if text else None


def _wrapping_key_path(store: Store) -> Path:
    return keystore_dir() / f"{store.device_id}.key"


def _read_encrypted(store: Store) -> bytes | None:
    """The PEM of the encrypted file, unencrypted; None when the file or its key is missing (a
    copied folder on another laptop) or does not open it."""
    path = key_dir(store) / ENCRYPTED_KEY_FILE_NAME
    wrapping = _wrapping_key_path(store)
    if not path.exists() or not wrapping.exists():
        return None
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=wrapping.read_bytes())
    except (ValueError, TypeError):
        return None
    return private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write_encrypted(store: Store, pem: bytes) -> None:
    wrapping = _wrapping_key_path(store)
    if not wrapping.exists():
        private_dir(wrapping.parent)
        _write_private(wrapping, secrets.token_hex(32).encode("ascii"), replace=False)
    private = serialization.load_pem_private_key(pem, password=None)
    encrypted = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(wrapping.read_bytes()),
    )
    _write_private(private_dir(key_dir(store)) / ENCRYPTED_KEY_FILE_NAME, encrypted)


def _write_private(path: Path, data: bytes, replace: bool = True) -> None:
    """Write `path` whole (a temporary file renamed over it), readable by this user only.
    replace=False: the first writer wins (another process making it at the same time keeps it)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def ensure_signing_key_fact(session: Session, key: LocalKey, store: Store) -> None:
    """Record the public key as a synced fact once (again after a database restore), in `session`."""
    if session.scalar(select(SigningKey.id).where(SigningKey.key_id == key.key_id)) is None:
        session.add(
            SigningKey(
                key_id=key.key_id,
                public_key=base64.b64encode(key.public_raw).decode("ascii"),
                owner_device_id=store.device_id,
                label=f"device {store.device_code}",
            )
        )


def known_keys(session: Session) -> dict[str, bytes]:
    """Every public key this laptop knows (its own and those synced from other laptops)."""
    rows = session.execute(
        select(SigningKey.key_id, SigningKey.public_key).where(SigningKey.deleted.is_(False))
    )
    keys: dict[str, bytes] = {}
    for kid, public_b64 in rows:
        try:
            raw = base64.b64decode(public_b64, validate=True)
        except ValueError:
            continue  # a damaged row verifies nothing rather than breaking verification
        # The id is recomputed from the key: a row cannot claim another key's id.
        if len(raw) == 32 and signing.key_id(raw) == kid:
            keys[kid] = raw
    return keys
