"""A user the command line signs in as, for tests that run `fieldapp` commands (as a script would:
FIELDAPP_USER and FIELDAPP_PASSWORD)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

USERNAME = "cli_user"
PASSWORD = "cli-pass-123"


def add_cli_user(data_root: Path | str, role: str = "admin", username: str = USERNAME) -> str:
    """A user of the laptop whose data directory is `data_root` (created if empty)."""
    from fieldapp.core.permissions import Actor
    from fieldapp.services import Services
    from fieldapp.store.db import Store

    store = Store.open(Path(data_root) / "fieldapp.db")
    try:
        Services(store, Actor("test", "admin")).users.create(username, f"CLI {role}", role, PASSWORD)
    finally:
        store.close()
    return username


@contextlib.contextmanager
def signed_in(username: str = USERNAME) -> Iterator[None]:
    """The environment of a script that runs commands as `username`."""
    with mock.patch.dict(os.environ, {"FIELDAPP_USER": username, "FIELDAPP_PASSWORD": PASSWORD}):
        yield
