"""What every command gets: the data directory and, opened on first use, the store."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fieldapp.config import DataDir, resolve_data_dir
from fieldapp.core import i18n
from fieldapp.core.permissions import Actor
from fieldapp.store.db import Store


def cli_actor() -> Actor:
    """The command line acts as a named local actor, `cli:<login>`, that the audit trail records.

    It has the admin role: whoever can run the command can read and copy the database file anyway.
    """
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        login = "unknown"
    return Actor(f"cli:{login}", "admin")


@dataclass
class CliContext:
    data_dir: DataDir
    actor: Actor
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        return cls(DataDir(resolve_data_dir(args.data_dir)), cli_actor())

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.data_dir.database, self.data_dir.backups)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    @staticmethod
    def progress_printer(message_key: str) -> Callable[[int, int], None]:
        """A progress callback for long commands: one rewritten line on a terminal, and a line
        per tenth of the work in a log (CI, a redirected file)."""
        tty = sys.stderr.isatty()
        last_tenth = -1

        def show(done: int, total: int) -> None:
            nonlocal last_tenth
            text = i18n.msg(message_key, done=done, total=total)
            if tty:
                print("\r" + text, end="\n" if done >= total else "", file=sys.stderr, flush=True)
                return
            tenth = done * 10 // max(total, 1)
            if tenth != last_tenth:
                last_tenth = tenth
                print(text, file=sys.stderr, flush=True)

        return show

    @staticmethod
    def print_json(value: Any) -> None:
        json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
