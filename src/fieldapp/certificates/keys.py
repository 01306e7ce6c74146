"""This laptop's certificate signing key, and the public keys it knows.

The private key is an Ed25519 PKCS#8 PEM in ``<data dir>/keys/signing-key.pem`` (the data dir is
the database file's parent), made on first use with file mode 0600 in a 0700 folder. It never
goes into the database, an export or a backup of the database: a copied database cannot sign.
Its public half is a ``SigningKey`` fact, which syncs, so every laptop of the organisation can
verify every other laptop's certificates offline.

If the key file is lost, a new key is made on the next issue; certificates signed with the old
key still verify, because its ``SigningKey`` row stays.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.certificates import signing
from fieldapp.store.db import Store
from fieldapp.store.models import SigningKey

KEY_DIR_NAME = "keys"
KEY_FILE_NAME = "signing-key.pem"

_lock = threading.Lock()


@dataclass(frozen=True)
class LocalKey:
    """The loaded signing key of this laptop."""

    key_id: str
    public_raw: bytes
    private: Ed25519PrivateKey
    path: Path


def key_path(store: Store) -> Path:
    return Path(store.path).parent / KEY_DIR_NAME / KEY_FILE_NAME


def _load(path: Path) -> LocalKey:
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o600)  # tighten a key someone copied in with looser permissions
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 key")
    raw = private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return LocalKey(signing.key_id(raw), raw, private, path)


def _create(path: Path) -> None:
    """Write a new key without ever racing another process into two different keys."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.parent.chmod(0o700)
    pem, _ = signing.generate_key()
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        # link() fails if the file exists: the first writer wins and everyone loads its key.
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def load_or_create(store: Store) -> LocalKey:
    """This laptop's key, made on first use (the file only: `ensure_signing_key_fact` records its
    public half in the unit of work that signs with it)."""
    path = key_path(store)
    with _lock:
        if not path.exists():
            _create(path)
        return _load(path)


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
